/**
 * The scoring engine: pure functions from a method (data) and the indicator values of one
 * assessment to its score, grade, zone and gap list, and from several scores to a roll-up.
 * No method is known to the code: Ombudsman 2021, 2022–2024 and PEKPPP (DOMAIN.md §4–§5)
 * are rows, and a new version an admin adds scores the same way.
 *
 *   score = range.min + (range.max − range.min) × Σ_dim (W_dim / 100) × Σ_ind (w_ind / 100) × (v − s.min) / (s.max − s.min)
 *
 * where W_dim is the dimension's weight (the dimensions sum to 100 %), w_ind the indicator's
 * weight within its dimension (sum to 100 % per dimension) and v the indicator's value on its
 * scale s (an unscored indicator counts as s.min). With a 0–3 scale and range 0–100 that is the
 * Ombudsman's weighted percentage; with a 1–5 scale and range 1–5 it is the PEKPPP index
 * (the weighted mean of the values). The score is rounded half-up to two decimals and THEN
 * placed in a band, because the bands are written with two decimals and closed at both ends
 * (B 78.00–87.99, A ≥ 88.00): 87.995 rounds to 88.00 and is an A; nothing falls between bands.
 */
import type { TIndicatorScale, TMethodBand, TMethodDimension, TMethodIndicator } from '../../../shared/schemas/compliance.js';

export interface MethodDef {
  range: { min: number; max: number };
  dimensions: TMethodDimension[];
  indicators: TMethodIndicator[];
  bands: TMethodBand[];
}

/** Effective values by indicator code (the override when there is one); missing = unscored. */
export type Values = ReadonlyMap<string, number | null>;

export function scaleBounds(scale: TIndicatorScale): { min: number; max: number } {
  return scale.kind === 'yesno' ? { min: 0, max: 1 } : { min: scale.min, max: scale.max };
}

/** True when `v` is a value the indicator's scale allows (whole points within its bounds). */
export function valueAllowed(scale: TIndicatorScale, v: number): boolean {
  const { min, max } = scaleBounds(scale);
  return Number.isInteger(v) && v >= min && v <= max;
}

/** Half-up to two decimals, immune to binary noise (87.995 may be stored as 87.99499999…). */
export function round2(x: number): number {
  return Math.round(x * 100 + 1e-6) / 100;
}

/** Hundredths as an integer, for exact comparisons of two-decimal numbers. */
export const cents = (x: number) => Math.round(x * 100);

/** The band holding a (two-decimal) score, or null when the bands leave it out. */
export function bandFor(bands: readonly TMethodBand[], score: number): TMethodBand | null {
  const s = cents(round2(score));
  return bands.find((b) => cents(b.min) <= s && s <= cents(b.max)) ?? null;
}

/** Fraction of the range one indicator is worth: (W_dim / 100) × (w_ind / 100). */
function shareOf(method: MethodDef, ind: TMethodIndicator): number {
  const dim = method.dimensions.find((d) => d.code === ind.dimension);
  return ((dim?.weight ?? 0) / 100) * (ind.weight / 100);
}

/** How far along its scale a value is, 0–1 (unscored = 0). */
function reached(ind: TMethodIndicator, v: number | null | undefined): number {
  const { min, max } = scaleBounds(ind.scale);
  if (v === null || v === undefined) return 0;
  return (Math.min(Math.max(v, min), max) - min) / (max - min);
}

export interface ScoreResult {
  /** Two decimals. */
  score: number;
  band: TMethodBand | null;
  dimensions: Array<{ code: string; name: string; weight: number; score: number }>;
  scoredCount: number;
}

export function scoreAssessment(method: MethodDef, values: Values): ScoreResult {
  const span = method.range.max - method.range.min;
  let total = 0;
  const dimensions = method.dimensions.map((d) => {
    let inDim = 0;
    for (const ind of method.indicators) if (ind.dimension === d.code) inDim += (ind.weight / 100) * reached(ind, values.get(ind.code));
    total += (d.weight / 100) * inDim;
    return { code: d.code, name: d.name, weight: d.weight, score: round2(inDim * 100) };
  });
  const score = round2(method.range.min + span * total);
  const scoredCount = method.indicators.filter((i) => values.get(i.code) !== null && values.get(i.code) !== undefined).length;
  return { score, band: bandFor(method.bands, score), dimensions, scoredCount };
}

/** The band the gap list aims for: the one marked `target`, else the lowest hijau band. */
export function targetBand(bands: readonly TMethodBand[]): TMethodBand | null {
  const marked = bands.find((b) => b.target);
  if (marked) return marked;
  const hijau = bands.filter((b) => b.zone === 'hijau').sort((a, b) => a.min - b.min);
  return hijau[0] ?? null;
}

export interface GapItem {
  indicator: TMethodIndicator;
  value: number | null;
  max: number;
  /** Points of the overall score gained by bringing the indicator to its maximum. */
  gain: number;
  reachesTarget: boolean;
}

/**
 * "What is missing to reach hijau": every indicator below its maximum, the largest gain
 * first (ties by code). The first items whose gains together close the distance to the
 * target band are marked `reachesTarget` — the shortest list of fixes.
 */
export function gapList(method: MethodDef, values: Values, score: number): { gaps: GapItem[]; target: { band: TMethodBand; pointsNeeded: number } | null } {
  const span = method.range.max - method.range.min;
  const gaps: GapItem[] = [];
  for (const ind of method.indicators) {
    const v = values.get(ind.code) ?? null;
    const { max } = scaleBounds(ind.scale);
    const missing = 1 - reached(ind, v);
    if (missing <= 0) continue;
    gaps.push({ indicator: ind, value: v, max, gain: round2(span * shareOf(method, ind) * missing), reachesTarget: false });
  }
  gaps.sort((a, b) => b.gain - a.gain || a.indicator.code.localeCompare(b.indicator.code));
  const band = targetBand(method.bands);
  if (!band) return { gaps, target: null };
  const pointsNeeded = Math.max(0, round2(band.min - score));
  let sum = 0;
  for (const g of gaps) {
    if (cents(sum) >= cents(pointsNeeded)) break;
    g.reachesTarget = true;
    sum += g.gain;
  }
  return { gaps, target: { band, pointsNeeded } };
}

/**
 * A roll-up: the plain mean of the scores (units → OPD, units → tenant; see
 * docs/adr/0020-compliance-methods.md), rounded and banded like a single score.
 */
export function rollup(bands: readonly TMethodBand[], scores: readonly number[]): { score: number; band: TMethodBand | null; count: number } | null {
  if (scores.length === 0) return null;
  const score = round2(scores.reduce((a, b) => a + b, 0) / scores.length);
  return { score, band: bandFor(bands, score), count: scores.length };
}

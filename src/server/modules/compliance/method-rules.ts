/**
 * What makes a method version valid, checked before it is stored (pure): weights with at
 * most two decimals that sum to exactly 100 % (dimensions; the indicators of each
 * dimension), known dimensions, unique codes, scales with min < max, and bands that are
 * closed at both ends, two decimals, and follow each other without overlap or gap — the
 * next band starts exactly 0.01 above the previous one's maximum (DOMAIN.md §4: kuning
 * 51–80.99, hijau 81–100) — covering the whole score range.
 */
import type { MessageKey } from '../../../shared/i18n/index.js';
import { cents, type MethodDef } from './scoring.js';

export interface MethodProblem {
  /** Field path in the request body, e.g. `dimensions`, `indicators[3].dimension`, `bands[2]`. */
  field: string;
  key: MessageKey;
  params: Record<string, string | number>;
}

const hasTwoDecimals = (x: number) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6;
const pct = (c: number) => (c / 100).toFixed(2);

export function methodProblems(m: MethodDef): MethodProblem[] {
  const out: MethodProblem[] = [];
  const add = (field: string, key: MessageKey, params: Record<string, string | number> = {}) => out.push({ field, key, params: { field, ...params } });

  if (cents(m.range.min) >= cents(m.range.max)) add('range', 'compliance.method.range');

  const dimCodes = new Set<string>();
  m.dimensions.forEach((d, i) => {
    if (dimCodes.has(d.code)) add(`dimensions[${i}].code`, 'compliance.method.duplicateCode', { code: d.code });
    dimCodes.add(d.code);
    if (!hasTwoDecimals(d.weight)) add(`dimensions[${i}].weight`, 'compliance.method.twoDecimals');
  });
  const dimSum = m.dimensions.reduce((s, d) => s + cents(d.weight), 0);
  if (dimSum !== 10000) add('dimensions', 'compliance.method.dimensionWeights', { sum: pct(dimSum) });

  const indCodes = new Set<string>();
  const perDim = new Map<string, number>();
  m.indicators.forEach((ind, i) => {
    if (indCodes.has(ind.code)) add(`indicators[${i}].code`, 'compliance.method.duplicateCode', { code: ind.code });
    indCodes.add(ind.code);
    if (!dimCodes.has(ind.dimension)) add(`indicators[${i}].dimension`, 'compliance.method.unknownDimension', { code: ind.dimension });
    if (!hasTwoDecimals(ind.weight)) add(`indicators[${i}].weight`, 'compliance.method.twoDecimals');
    if (ind.scale.kind === 'points' && ind.scale.min >= ind.scale.max) add(`indicators[${i}].scale`, 'compliance.method.scale');
    perDim.set(ind.dimension, (perDim.get(ind.dimension) ?? 0) + cents(ind.weight));
  });
  for (const d of m.dimensions) {
    const sum = perDim.get(d.code) ?? 0;
    if (sum !== 10000) add('indicators', 'compliance.method.indicatorWeights', { dimension: d.code, sum: pct(sum) });
  }

  m.bands.forEach((b, i) => {
    if (!hasTwoDecimals(b.min) || !hasTwoDecimals(b.max)) add(`bands[${i}]`, 'compliance.method.twoDecimals');
    if (cents(b.min) > cents(b.max)) add(`bands[${i}]`, 'compliance.method.bandMinMax', { label: b.label });
  });
  if (m.bands.filter((b) => b.target).length > 1) add('bands', 'compliance.method.oneTarget');
  const sorted = m.bands.map((b, i) => ({ b, i })).sort((x, y) => cents(x.b.min) - cents(y.b.min));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!.b;
    const { b, i } = sorted[k]!;
    const expected = cents(prev.max) + 1;
    if (cents(b.min) < expected) add(`bands[${i}]`, 'compliance.method.bandsOverlap', { a: prev.label, b: b.label });
    else if (cents(b.min) > expected) add(`bands[${i}]`, 'compliance.method.bandsGap', { a: prev.label, b: b.label, from: pct(expected), to: pct(cents(b.min) - 1) });
  }
  if (sorted.length && (cents(sorted[0]!.b.min) > cents(m.range.min) || cents(sorted[sorted.length - 1]!.b.max) < cents(m.range.max))) {
    add('bands', 'compliance.method.bandsCoverage', { min: pct(cents(m.range.min)), max: pct(cents(m.range.max)) });
  }
  return out;
}

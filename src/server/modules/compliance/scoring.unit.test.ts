/**
 * The scoring engine with hand-computed weighted examples (the arithmetic is written out
 * beside each), every band boundary of DOMAIN.md §4–§5, gaps, roll-ups, and the method
 * validator (weights ≠ 100 %, overlapping or gapped bands).
 */
import { describe, expect, it } from 'vitest';
import type { TMethodBand, TMethodIndicator } from '../../../shared/schemas/compliance.js';
import { methodProblems } from './method-rules.js';
import { bandFor, gapList, rollup, round2, scoreAssessment, type MethodDef } from './scoring.js';

const p03 = { kind: 'points', min: 0, max: 3 } as const;
const p15 = { kind: 'points', min: 1, max: 5 } as const;
const ind = (code: string, dimension: string, weight: number, scale: TMethodIndicator['scale'] = p03): TMethodIndicator => ({ code, dimension, text: code, weight, scale });

// DOMAIN.md §4 (2022–2024): A ≥ 88.00, B 78.00–87.99 (hijau), C 54.00–77.99 (kuning), D 32.00–53.99, E 0–31.99 (merah).
const GRADES: TMethodBand[] = [
  { min: 88, max: 100, grade: 'A', zone: 'hijau', label: 'Tertinggi' },
  { min: 78, max: 87.99, grade: 'B', zone: 'hijau', label: 'Tinggi' },
  { min: 54, max: 77.99, grade: 'C', zone: 'kuning', label: 'Sedang' },
  { min: 32, max: 53.99, grade: 'D', zone: 'merah', label: 'Rendah' },
  { min: 0, max: 31.99, grade: 'E', zone: 'merah', label: 'Terendah' },
];
// DOMAIN.md §4 (up to 2021): hijau 81–100, kuning 51–80.99, merah 0–50.99.
const ZONES: TMethodBand[] = [
  { min: 81, max: 100, grade: null, zone: 'hijau', label: 'Hijau' },
  { min: 51, max: 80.99, grade: null, zone: 'kuning', label: 'Kuning' },
  { min: 0, max: 50.99, grade: null, zone: 'merah', label: 'Merah' },
];
// DOMAIN.md §5: A 4.51–5.00 … F 0–1.00.
const PEKPPP: TMethodBand[] = [
  { min: 4.51, max: 5, grade: 'A', zone: null, label: 'Pelayanan Prima' },
  { min: 4.01, max: 4.5, grade: 'A−', zone: null, label: 'Sangat Baik' },
  { min: 3.51, max: 4, grade: 'B', zone: null, label: 'Baik', target: true },
  { min: 3.01, max: 3.5, grade: 'B−', zone: null, label: 'Baik (Dengan Catatan)' },
  { min: 2.51, max: 3, grade: 'C', zone: null, label: 'Cukup' },
  { min: 2.01, max: 2.5, grade: 'C−', zone: null, label: 'Cukup (Dengan Catatan)' },
  { min: 1.51, max: 2, grade: 'D', zone: null, label: 'Buruk' },
  { min: 1.01, max: 1.5, grade: 'E', zone: null, label: 'Sangat Buruk' },
  { min: 0, max: 1, grade: 'F', zone: null, label: 'Gagal' },
];

const FOUR_D: MethodDef = {
  range: { min: 0, max: 100 },
  dimensions: [
    { code: 'INPUT', name: 'Input', weight: 21.85 },
    { code: 'PROSES', name: 'Proses', weight: 32.37 },
    { code: 'OUTPUT', name: 'Output', weight: 24.24 },
    { code: 'PENGADUAN', name: 'Pengaduan', weight: 21.54 },
  ],
  indicators: [ind('I1', 'INPUT', 60), ind('I2', 'INPUT', 40), ind('P1', 'PROSES', 100), ind('O1', 'OUTPUT', 50), ind('O2', 'OUTPUT', 50), ind('C1', 'PENGADUAN', 100)],
  bands: GRADES,
};

const pekppp = (w: number[]): MethodDef => ({
  range: { min: 1, max: 5 },
  dimensions: ['KEB', 'SDM', 'SAR', 'SIPP', 'KP', 'INOV'].map((code, i) => ({ code, name: code, weight: w[i]! })),
  indicators: ['KEB', 'SDM', 'SAR', 'SIPP', 'KP', 'INOV'].map((code) => ind(`${code}-1`, code, 100, p15)),
  bands: PEKPPP,
});

describe('scoring with weights computed by hand', () => {
  it('Ombudsman four dimensions: 61.84, C Sedang (kuning)', () => {
    const values = new Map<string, number | null>([['I1', 3], ['I2', 1], ['P1', 2], ['O1', 3], ['O2', 3], ['C1', 0]]);
    // INPUT     = 0.60 × 3/3 + 0.40 × 1/3 = 0.733333
    // PROSES    = 1.00 × 2/3              = 0.666667
    // OUTPUT    = 0.50 × 3/3 + 0.50 × 3/3 = 1
    // PENGADUAN = 1.00 × 0/3              = 0
    // score = 100 × (0.2185 × 0.733333 + 0.3237 × 0.666667 + 0.2424 × 1 + 0.2154 × 0)
    //       = 100 × (0.160233 + 0.215800 + 0.242400 + 0) = 61.8433 → 61.84
    const r = scoreAssessment(FOUR_D, values);
    expect(r.score).toBe(61.84);
    expect(r.band?.grade).toBe('C');
    expect(r.band?.zone).toBe('kuning');
    expect(r.dimensions.map((d) => d.score)).toEqual([73.33, 66.67, 100, 0]);
    expect(r.scoredCount).toBe(6);
  });

  it('counts an unscored indicator as its lowest value', () => {
    // Only OUTPUT scored in full: 100 × 0.2424 × 1 = 24.24 → E Terendah.
    const r = scoreAssessment(FOUR_D, new Map([['O1', 3], ['O2', 3]]));
    expect(r.score).toBe(24.24);
    expect(r.band?.grade).toBe('E');
    expect(r.scoredCount).toBe(2);
  });

  it('PEKPPP 2023/24 weights: index 3.50, B− (boundary below B)', () => {
    const values = new Map([['KEB-1', 5], ['SDM-1', 4], ['SAR-1', 3], ['SIPP-1', 4], ['KP-1', 2], ['INOV-1', 1]]);
    // index = Σ w × v = 0.24×5 + 0.25×4 + 0.18×3 + 0.11×4 + 0.10×2 + 0.12×1
    //       = 1.20 + 1.00 + 0.54 + 0.44 + 0.20 + 0.12 = 3.50
    const r = scoreAssessment(pekppp([24, 25, 18, 11, 10, 12]), values);
    expect(r.score).toBe(3.5);
    expect(r.band?.grade).toBe('B−');
    expect(r.band?.label).toBe('Baik (Dengan Catatan)');
  });

  it('the same values under the older 17/2017 weights: index 3.64, B Baik', () => {
    const values = new Map([['KEB-1', 5], ['SDM-1', 4], ['SAR-1', 3], ['SIPP-1', 4], ['KP-1', 2], ['INOV-1', 1]]);
    // 0.30×5 + 0.18×4 + 0.15×3 + 0.15×4 + 0.15×2 + 0.07×1 = 1.50 + 0.72 + 0.45 + 0.60 + 0.30 + 0.07 = 3.64
    const r = scoreAssessment(pekppp([30, 18, 15, 15, 15, 7]), values);
    expect(r.score).toBe(3.64);
    expect(r.band?.grade).toBe('B');
  });

  it('yes/no indicators: 7 of 10 equal items = 70.00, kuning', () => {
    const m: MethodDef = {
      range: { min: 0, max: 100 },
      dimensions: [{ code: 'SP', name: 'SP', weight: 100 }],
      indicators: Array.from({ length: 10 }, (_, i) => ind(`S${i}`, 'SP', 10, { kind: 'yesno' })),
      bands: ZONES,
    };
    // 100 × 7 × 0.10 = 70.00
    const r = scoreAssessment(m, new Map(Array.from({ length: 10 }, (_, i) => [`S${i}`, i < 7 ? 1 : 0])));
    expect(r.score).toBe(70);
    expect(r.band?.zone).toBe('kuning');
  });
});

describe('band boundaries (closed at both ends, two decimals)', () => {
  it.each([
    [100, 'A'], [88, 'A'], [87.99, 'B'], [78, 'B'], [77.99, 'C'], [54, 'C'], [53.99, 'D'], [32, 'D'], [31.99, 'E'], [0, 'E'],
  ])('Ombudsman 2022–2024: %s → %s', (score, grade) => {
    expect(bandFor(GRADES, score)?.grade).toBe(grade);
  });

  it.each([[100, 'hijau'], [81, 'hijau'], [80.99, 'kuning'], [51, 'kuning'], [50.99, 'merah'], [0, 'merah']])('Ombudsman zones: %s → %s', (score, zone) => {
    expect(bandFor(ZONES, score)?.zone).toBe(zone);
  });

  it.each([
    [5, 'A'], [4.51, 'A'], [4.5, 'A−'], [4.01, 'A−'], [4, 'B'], [3.51, 'B'], [3.5, 'B−'], [3.01, 'B−'], [3, 'C'], [2.51, 'C'],
    [2.5, 'C−'], [2.01, 'C−'], [2, 'D'], [1.51, 'D'], [1.5, 'E'], [1.01, 'E'], [1, 'F'], [0, 'F'],
  ])('PEKPPP: %s → %s', (score, grade) => {
    expect(bandFor(PEKPPP, score)?.grade).toBe(grade);
  });

  it('rounds half-up to two decimals before banding, never falling between bands', () => {
    expect(round2(87.995)).toBe(88);
    expect(bandFor(GRADES, 87.995)?.grade).toBe('A');
    expect(bandFor(GRADES, 87.994)?.grade).toBe('B');
    expect(bandFor(ZONES, 80.995)?.zone).toBe('hijau');
    expect(bandFor(PEKPPP, 4.505)?.grade).toBe('A');
  });
});

describe('gap list', () => {
  it('orders indicators below maximum by the score they would gain and marks the shortest list to hijau', () => {
    const values = new Map<string, number | null>([['I1', 3], ['I2', 1], ['P1', 2], ['O1', 3], ['O2', 3], ['C1', 0]]);
    // gains: C1 = 100 × 0.2154 × 1.00 × 3/3 = 21.54; P1 = 100 × 0.3237 × 1.00 × 1/3 = 10.79;
    //        I2 = 100 × 0.2185 × 0.40 × 2/3 = 5.83. Hijau starts at B 78.00: 78 − 61.84 = 16.16, C1 alone closes it.
    const { gaps, target } = gapList(FOUR_D, values, 61.84);
    expect(gaps.map((g) => [g.indicator.code, g.gain, g.reachesTarget])).toEqual([['C1', 21.54, true], ['P1', 10.79, false], ['I2', 5.83, false]]);
    expect(target?.band.grade).toBe('B');
    expect(target?.pointsNeeded).toBe(16.16);
  });

  it('aims PEKPPP at the band marked as target, and marks nothing once it is reached', () => {
    const all5 = new Map(['KEB', 'SDM', 'SAR', 'SIPP', 'KP', 'INOV'].map((c) => [`${c}-1`, 4]));
    const { gaps, target } = gapList(pekppp([24, 25, 18, 11, 10, 12]), all5, 4);
    expect(target?.band.grade).toBe('B');
    expect(target?.pointsNeeded).toBe(0);
    expect(gaps.every((g) => !g.reachesTarget)).toBe(true);
    expect(gaps[0]!.indicator.code).toBe('SDM-1'); // 4 × 0.25 × 1/4 = 0.25, the largest gain
  });
});

describe('roll-up', () => {
  it('is the plain mean of the scores, banded', () => {
    // (90 + 80 + 60.01) / 3 = 76.67 → C
    expect(rollup(GRADES, [90, 80, 60.01])).toMatchObject({ score: 76.67, count: 3, band: { grade: 'C' } });
    expect(rollup(GRADES, [])).toBeNull();
  });
});

describe('method validation', () => {
  it('accepts a consistent method', () => {
    expect(methodProblems(FOUR_D)).toEqual([]);
    expect(methodProblems(pekppp([24, 25, 18, 11, 10, 12]))).toEqual([]);
  });

  it('refuses dimension weights that do not sum to 100 %, naming the field and the sum', () => {
    const bad = { ...FOUR_D, dimensions: FOUR_D.dimensions.map((d, i) => (i === 0 ? { ...d, weight: 21.84 } : d)) };
    expect(methodProblems(bad)).toEqual([{ field: 'dimensions', key: 'compliance.method.dimensionWeights', params: { field: 'dimensions', sum: '99.99' } }]);
  });

  it('refuses indicator weights of a dimension that do not sum to 100 %', () => {
    const bad = { ...FOUR_D, indicators: FOUR_D.indicators.map((i) => (i.code === 'I2' ? { ...i, weight: 30 } : i)) };
    expect(methodProblems(bad).map((p) => [p.field, p.params.dimension, p.params.sum])).toEqual([['indicators', 'INPUT', '90.00']]);
  });

  it('refuses overlapping bands, gaps between bands, and bands that do not cover the range', () => {
    const overlap = { ...FOUR_D, bands: GRADES.map((b) => (b.grade === 'B' ? { ...b, max: 88 } : b)) };
    expect(methodProblems(overlap).map((p) => p.key)).toEqual(['compliance.method.bandsOverlap']);
    const gap = { ...FOUR_D, bands: GRADES.map((b) => (b.grade === 'B' ? { ...b, max: 87.9 } : b)) };
    expect(methodProblems(gap)).toMatchObject([{ field: 'bands[0]', key: 'compliance.method.bandsGap', params: { from: '87.91', to: '87.99' } }]);
    const short = { ...FOUR_D, bands: GRADES.slice(0, 4) };
    expect(methodProblems(short).map((p) => p.key)).toEqual(['compliance.method.bandsCoverage']);
  });

  it('refuses unknown dimensions, duplicate codes and more than two decimals', () => {
    const bad = { ...FOUR_D, indicators: [...FOUR_D.indicators, ind('I1', 'NOPE', 0.005)] };
    expect(methodProblems(bad).map((p) => [p.field, p.key])).toEqual([
      ['indicators[6].code', 'compliance.method.duplicateCode'],
      ['indicators[6].dimension', 'compliance.method.unknownDimension'],
      ['indicators[6].weight', 'compliance.method.twoDecimals'],
    ]);
  });
});

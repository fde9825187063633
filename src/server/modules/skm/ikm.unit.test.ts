/** The IKM engine and Krejcie–Morgan against hand-computed values (DOMAIN.md §1). */
import { describe, expect, it } from 'vitest';
import { computeIkm, equalWeights, frac, grade, gradeIkm, parseWeight, round2, roundWeight3, tally, weightsSumToOne, type UnsurWeight } from './ikm.js';
import { krejcieMorgan, sampleAdequacy } from './sample-size.js';

const nine = (): UnsurWeight[] => equalWeights(9).map((weight, i) => ({ key: `u${i + 1}`, weight }));
const same = (keys: string[], sum: number, count: number) => Object.fromEntries(keys.map((k) => [k, { sum, count }]));
const keys9 = nine().map((u) => u.key);

describe('grade: half-open bands on the converted value rounded to 2 decimals', () => {
  it.each([
    [25, 'D', 'Tidak Baik'],
    [64.99, 'D', 'Tidak Baik'],
    [65.0, 'C', 'Kurang Baik'],
    [76.6, 'C', 'Kurang Baik'],
    [76.61, 'B', 'Baik'],
    [88.3, 'B', 'Baik'],
    [88.31, 'A', 'Sangat Baik'],
    [100, 'A', 'Sangat Baik'],
    [76.475, 'C', 'Kurang Baik'],
    [64.994, 'D', 'Tidak Baik'],
    [64.995, 'C', 'Kurang Baik'],
    [76.604, 'C', 'Kurang Baik'],
    [76.605, 'B', 'Baik'],
    [88.305, 'A', 'Sangat Baik'],
  ] as const)('%s → %s %s', (x, mutu, kinerja) => {
    expect(grade(x)).toMatchObject({ mutu, kinerja });
  });

  it('76.475 is shown as 76.48 and graded C (a published report called it B)', () => {
    expect(grade(76.475)).toEqual({ converted: 76.48, mutu: 'C', kinerja: 'Kurang Baik' });
    expect(gradeIkm(3.059)).toEqual({ converted: 76.48, mutu: 'C', kinerja: 'Kurang Baik' });
    expect(round2(76.475)).toBe(76.48);
  });

  it('the 1–4 scale table: 2.5996 → D, 2.60 → C, 3.064 → C, 3.0644 → B, 3.532 → B, 3.5324 → A', () => {
    expect(gradeIkm(2.5996).mutu).toBe('D');
    expect(gradeIkm(2.6).mutu).toBe('C');
    expect(gradeIkm(3.064).mutu).toBe('C');
    expect(gradeIkm(3.0644).mutu).toBe('B');
    expect(gradeIkm(3.532).mutu).toBe('B');
    expect(gradeIkm(3.5324).mutu).toBe('A');
  });
});

describe('computeIkm', () => {
  it('9 unsur, exact 1/9: NRR 2.6 everywhere → 65.00 C', () => {
    // 5 respondents answering 3,3,3,2,2 on every unsur: sum 13, NRR 2.6
    const r = computeIkm(nine(), same(keys9, 13, 5));
    expect(r.nrr.u1).toBeCloseTo(2.6, 12);
    expect(r.ikm).toBeCloseTo(2.6, 12);
    expect(r).toMatchObject({ converted: 65, mutu: 'C', kinerja: 'Kurang Baik' });
  });

  it('exact arithmetic on the band edges: IKM 3.059 → C, 3.0642 (76.605) → 76.61 → B', () => {
    const one: UnsurWeight[] = [{ key: 'u1', weight: frac(1) }];
    expect(computeIkm(one, { u1: { sum: 3059, count: 1000 } })).toMatchObject({ converted: 76.48, mutu: 'C' });
    // 76.605 × 100 in doubles is 7660.4999…: naive rounding would say 76.60 → C.
    expect(computeIkm(one, { u1: { sum: 30642, count: 10000 } })).toMatchObject({ converted: 76.61, mutu: 'B', kinerja: 'Baik' });
    expect(computeIkm(nine(), same(keys9, 25996, 10000))).toMatchObject({ converted: 64.99, mutu: 'D' });
    expect(computeIkm(nine(), same(keys9, 35320, 10000))).toMatchObject({ converted: 88.3, mutu: 'B' });
    expect(computeIkm(nine(), same(keys9, 35324, 10000))).toMatchObject({ converted: 88.31, mutu: 'A' });
  });

  it('unequal numbers of answers per unsur: each NRR over those who answered it', () => {
    const unsur = equalWeights(3).map((weight, i) => ({ key: `u${i + 1}`, weight }));
    const { respondents, tallies } = tally([
      { u1: 4, u2: 2, u3: 4 },
      { u1: 3, u2: 2 },
      { u2: 3, u3: null },
    ]);
    expect(respondents).toBe(3);
    const r = computeIkm(unsur, tallies);
    // NRR 3.5, 7/3, 4 → IKM 59/18 = 3.2777… → 81.944… → 81.94 B
    expect(r.nrr).toEqual({ u1: 3.5, u2: 7 / 3, u3: 4 });
    expect(r.ikm).toBeCloseTo(59 / 18, 12);
    expect(r).toMatchObject({ converted: 81.94, mutu: 'B', kinerja: 'Baik', weakest: ['u2'] });
  });

  it('custom weights (1/2, 1/4, 1/4) weigh the NRR', () => {
    const unsur: UnsurWeight[] = [
      { key: 'persyaratan', weight: parseWeight('1/2')! },
      { key: 'biaya', weight: parseWeight('0.25')! },
      { key: 'sarana', weight: parseWeight('.25')! },
    ];
    const t = { persyaratan: { sum: 8, count: 2 }, biaya: { sum: 4, count: 2 }, sarana: { sum: 6, count: 2 } };
    expect(computeIkm(unsur, t)).toMatchObject({ ikm: 3.25, converted: 81.25, mutu: 'B' });
    // equal weights would give 3.0 → 75.00 C
    expect(computeIkm(unsur.map((u) => ({ ...u, weight: frac(1, 3) })), t)).toMatchObject({ ikm: 3, converted: 75, mutu: 'C' });
  });

  it('unsur are keyed by key, not by position', () => {
    const a = computeIkm(nine(), { ...same(keys9, 3, 1), u9: { sum: 1, count: 1 } });
    const b = computeIkm([...nine()].reverse(), { ...same(keys9, 3, 1), u9: { sum: 1, count: 1 } });
    expect(b.ikm).toBe(a.ikm);
    expect(a.weakest).toEqual(['u9']);
  });

  it('the documented 0.111 option gives the lower published figures; default is exact', () => {
    expect(roundWeight3(frac(1, 9))).toEqual(frac(111, 1000));
    expect(computeIkm(nine(), same(keys9, 4, 1))).toMatchObject({ ikm: 4, converted: 100, mutu: 'A' });
    expect(computeIkm(nine(), same(keys9, 4, 1), { roundedWeights: true })).toMatchObject({ converted: 99.9, mutu: 'A' });
    // exact 88.31 (A) becomes 3.5324 × 0.999 = 3.5288676 → 88.22 (B) with 0.111
    expect(computeIkm(nine(), same(keys9, 35324, 10000), { roundedWeights: true })).toMatchObject({ converted: 88.22, mutu: 'B' });
  });

  it('an unsur nobody answered is left out and the other weights rescaled; nothing answered → null', () => {
    const r = computeIkm(nine(), { ...same(keys9.slice(0, 8), 3, 1) });
    expect(r.nrr.u9).toBeNull();
    expect(r.ikm).toBe(3);
    expect(computeIkm(nine(), {})).toMatchObject({ ikm: null, converted: null, mutu: null });
  });
});

describe('weights', () => {
  it('9 × 1/9 sums to exactly 1; 9 × 0.111 does not', () => {
    expect(weightsSumToOne(equalWeights(9))).toBe(true);
    expect(weightsSumToOne(Array(9).fill(parseWeight('0.111')!))).toBe(false);
    expect(weightsSumToOne(['1/2', '0.25', '1/4'].map((s) => parseWeight(s)!))).toBe(true);
    expect(weightsSumToOne(['1/3', '0.333', '1/3'].map((s) => parseWeight(s)!))).toBe(false);
  });
  it('parses fractions and decimals, refuses junk', () => {
    expect(parseWeight('2/18')).toEqual(frac(1, 9));
    expect(parseWeight('1')).toEqual(frac(1));
    for (const bad of ['', '-0.1', '1/0', 'abc', '1/2/3', '.']) expect(parseWeight(bad)).toBeNull();
  });
});

describe('Krejcie–Morgan sample size', () => {
  it.each([
    [10, 10], [100, 80], [220, 140], [500, 217], [1000, 278], [2000, 322], [10000, 370], [100000, 383], [1000000, 384],
  ])('N = %i → %i', (n, s) => expect(krejcieMorgan(n)).toBe(s));

  it('adequacy: "sampel belum memenuhi" below the required size, unknown without N', () => {
    expect(sampleAdequacy(1000, 277)).toMatchObject({ required: 278, adequate: false });
    expect(sampleAdequacy(1000, 278)).toMatchObject({ required: 278, adequate: true });
    expect(sampleAdequacy(null, 5)).toMatchObject({ required: null, adequate: null });
  });
});

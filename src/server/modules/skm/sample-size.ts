/**
 * Sample adequacy (DOMAIN.md §1): Krejcie & Morgan,
 *   S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)),  χ² = 3.841, P = 0.5, d = 0.05,
 * rounded to the nearest whole number, which reproduces the published table
 * (N = 100 → 80, 220 → 140, 1000 → 278, 2000 → 322, 10000 → 370, 1000000 → 384).
 * Computed in exact integer arithmetic (the constants are decimals): no float edge cases.
 * A period with fewer responses shows "sampel belum memenuhi"; it never blocks a report.
 */

/** Minimum sample for a population of N service users (N ≥ 1). */
export function krejcieMorgan(population: number): number {
  if (!Number.isInteger(population) || population < 1) throw new RangeError(`population must be a positive integer, got ${population}`);
  const N = BigInt(population);
  // χ² = 3841/1000, P(1−P) = 1/4, d² = 25/10000.
  // S = (3841·N/4000) / (25(N−1)/10000 + 3841/4000) = 3841·N·10 / (100(N−1) + 38410)
  const num = 38410n * N;
  const den = 100n * (N - 1n) + 38410n;
  return Number((2n * num + den) / (2n * den)); // nearest, halves up
}

export interface SampleAdequacy {
  population: number | null;
  required: number | null;
  respondents: number;
  /** False → show "sampel belum memenuhi" (never blocks the report). */
  adequate: boolean | null;
}

export function sampleAdequacy(population: number | null | undefined, respondents: number): SampleAdequacy {
  if (population == null || population < 1) return { population: population ?? null, required: null, respondents, adequate: null };
  const required = Math.min(krejcieMorgan(population), population);
  return { population, required, respondents, adequate: respondents >= required };
}

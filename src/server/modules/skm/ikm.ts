/**
 * The IKM engine (PermenPANRB 14/2017, DOMAIN.md §1): one engine for the server, the CLI
 * and the reports. Pure: no I/O.
 *
 * - NRR_i = (sum of the answers to unsur i) / (number of respondents who answered i).
 * - IKM = Σ NRR_i × w_i with the unsur weights as EXACT fractions (1/9 by default).
 * - converted = IKM × 25; mutu and kinerja are read from the converted value rounded
 *   (half up) to 2 decimals, with the half-open bands of DOMAIN.md.
 * Everything is computed with rationals (BigInt) so that a value that is exactly on a
 * band edge (76.475 → 76.48 → C) is never pushed across it by binary floating point.
 * Unsur are keyed by their key (name), never by their position.
 */

export type Mutu = 'A' | 'B' | 'C' | 'D';
export type Kinerja = 'Sangat Baik' | 'Baik' | 'Kurang Baik' | 'Tidak Baik';

/** An exact, non-negative fraction num/den (den > 0). */
export interface Fraction {
  num: bigint;
  den: bigint;
}

export interface UnsurWeight {
  key: string;
  weight: Fraction;
}

/** Per unsur: the sum of the answers (1–4) and how many respondents answered it. */
export interface UnsurTally {
  sum: number;
  count: number;
}

export interface IkmOptions {
  /**
   * The "rounded 0.111 weight" variant some local reports use: each weight is rounded to
   * 3 decimals (1/9 → 0.111) before multiplying. Off by default; documented in ADR 0017.
   */
  roundedWeights?: boolean;
}

export interface IkmResult {
  /** NRR per unsur key (null when nobody answered it). */
  nrr: Record<string, number | null>;
  /** IKM on the 1–4 scale, unrounded (null when no unsur was answered). */
  ikm: number | null;
  /** IKM × 25, unrounded. */
  convertedExact: number | null;
  /** IKM × 25 rounded half up to 2 decimals: the value that is graded and shown. */
  converted: number | null;
  mutu: Mutu | null;
  kinerja: Kinerja | null;
  /** The unsur with the lowest NRR (ties: all of them), for the "weakest unsur" analysis. */
  weakest: string[];
}

// ----------------------------------------------------------------------------------------
// Fractions

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};

export function frac(num: bigint | number, den: bigint | number = 1n): Fraction {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('denominator 0');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { num: n / g, den: d / g };
}

export const add = (a: Fraction, b: Fraction): Fraction => frac(a.num * b.den + b.num * a.den, a.den * b.den);
export const mul = (a: Fraction, b: Fraction): Fraction => frac(a.num * b.num, a.den * b.den);
export const div = (a: Fraction, b: Fraction): Fraction => frac(a.num * b.den, a.den * b.num);
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** The nearest double (exact fractions of small numbers; scaled division for huge terms). */
export function toNumber(f: Fraction): number {
  const abs = (x: bigint) => (x < 0n ? -x : x);
  if (abs(f.num) <= SAFE && f.den <= SAFE) return Number(f.num) / Number(f.den);
  const whole = f.num / f.den;
  const rest = frac(f.num - whole * f.den, f.den);
  return Number(whole) + Number((rest.num * 10n ** 17n) / rest.den) / 1e17;
}
export const fracEquals = (a: Fraction, b: Fraction): boolean => a.num === b.num && a.den === b.den;

/**
 * Parses a weight written as a fraction ("1/9"), a decimal ("0.25", ".5") or an integer
 * ("1"). Returns null for anything else (negative, malformed, zero denominator).
 */
export function parseWeight(s: string): Fraction | null {
  const t = s.trim();
  let m = /^(\d{1,9})\s*\/\s*(\d{1,9})$/.exec(t);
  if (m) return BigInt(m[2]) === 0n ? null : frac(BigInt(m[1]), BigInt(m[2]));
  m = /^(\d{0,9})(?:\.(\d{1,15}))?$/.exec(t);
  if (m && (m[1] || m[2])) {
    const decimals = m[2] ?? '';
    return frac(BigInt((m[1] || '0') + decimals), 10n ** BigInt(decimals.length));
  }
  return null;
}

export const formatWeight = (f: Fraction): string => (f.den === 1n ? `${f.num}` : `${f.num}/${f.den}`);

/** Σ weights = 1 exactly (weights are exact fractions, so no tolerance is needed). */
export function weightsSumToOne(weights: Fraction[]): boolean {
  const s = weights.reduce(add, frac(0));
  return s.num === 1n && s.den === 1n;
}

/** n equal weights 1/n (the regulation's default, exactly). */
export const equalWeights = (n: number): Fraction[] => Array.from({ length: n }, () => frac(1, n));

/** Rounds a weight half up to 3 decimals: 1/9 → 111/1000 (the "0.111" variant). */
export const roundWeight3 = (f: Fraction): Fraction => frac((f.num * 1000n * 2n + f.den) / (2n * f.den), 1000);

/** Rounds a non-negative fraction half up to an integer number of hundredths. */
function hundredthsHalfUp(f: Fraction): bigint {
  return (f.num * 100n * 2n + f.den) / (2n * f.den);
}

// ----------------------------------------------------------------------------------------
// Grading

/** Band of a converted value given in hundredths (6500 = 65.00). */
function bandOf(hundredths: bigint): { mutu: Mutu; kinerja: Kinerja } {
  if (hundredths < 6500n) return { mutu: 'D', kinerja: 'Tidak Baik' };
  if (hundredths < 7661n) return { mutu: 'C', kinerja: 'Kurang Baik' };
  if (hundredths < 8831n) return { mutu: 'B', kinerja: 'Baik' };
  return { mutu: 'A', kinerja: 'Sangat Baik' };
}

/**
 * Rounds a decimal number half up to 2 decimals the way a person reads it: the number is
 * taken at 15 significant digits (so the literal 76.475 is 76.475, not 76.4749999…).
 */
export function round2(x: number): number {
  return Number(hundredthsOfDecimal(x)) / 100;
}

/** The decimal a number prints as at 15 significant digits, as an exact fraction. */
export function decimalFraction(x: number): Fraction {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`not a non-negative number: ${x}`);
  const [mant, expPart] = x.toPrecision(15).split('e');
  const exp = expPart ? Number(expPart) : 0;
  const [intPart, fracPart = ''] = mant.split('.');
  const digits = BigInt(intPart + fracPart);
  const scale = fracPart.length - exp; // x = digits / 10^scale
  return scale <= 0 ? frac(digits * 10n ** BigInt(-scale)) : frac(digits, 10n ** BigInt(scale));
}

const hundredthsOfDecimal = (x: number): bigint => hundredthsHalfUp(decimalFraction(x));

/** Mutu and kinerja of a converted value (25–100), graded on its 2-decimal rounding. */
export function grade(converted: number): { converted: number; mutu: Mutu; kinerja: Kinerja } {
  const h = hundredthsOfDecimal(converted);
  return { converted: Number(h) / 100, ...bandOf(h) };
}

/** Mutu and kinerja of an IKM on the 1–4 scale (× 25, then graded). */
export function gradeIkm(ikm: number): { converted: number; mutu: Mutu; kinerja: Kinerja } {
  const h = hundredthsHalfUp(mul(decimalFraction(ikm), frac(25)));
  return { converted: Number(h) / 100, ...bandOf(h) };
}

// ----------------------------------------------------------------------------------------
// The index

/**
 * IKM from the tallies per unsur. `unsur` lists the questionnaire's unsur and exact
 * weights (Σ = 1). An unsur nobody answered has NRR null and is left out; the remaining
 * weights are then scaled to sum to 1 (so a partial questionnaire still gives a 1–4 value).
 */
export function computeIkm(unsur: UnsurWeight[], tallies: Record<string, UnsurTally | undefined>, opts: IkmOptions = {}): IkmResult {
  const nrr: Record<string, number | null> = {};
  let total = frac(0);
  let weightSum = frac(0);
  let lowest: Fraction | null = null;
  let weakest: string[] = [];
  for (const u of unsur) {
    const t = tallies[u.key];
    if (!t || t.count <= 0) {
      nrr[u.key] = null;
      continue;
    }
    const value = frac(Math.round(t.sum), Math.round(t.count));
    nrr[u.key] = toNumber(value);
    const w = opts.roundedWeights ? roundWeight3(u.weight) : u.weight;
    total = add(total, mul(value, w));
    weightSum = add(weightSum, w);
    if (!lowest || value.num * lowest.den < lowest.num * value.den) {
      lowest = value;
      weakest = [u.key];
    } else if (fracEquals(value, lowest)) weakest.push(u.key);
  }
  if (weightSum.num === 0n) return { nrr, ikm: null, convertedExact: null, converted: null, mutu: null, kinerja: null, weakest: [] };
  // The 0.111 variant multiplies by the rounded weights without rescaling (that is what
  // makes it lower); the exact method rescales only when some unsur had no answer.
  const ikmF = opts.roundedWeights || (weightSum.num === 1n && weightSum.den === 1n) ? total : div(total, weightSum);
  const convertedF = mul(ikmF, frac(25));
  const h = hundredthsHalfUp(convertedF);
  return { nrr, ikm: toNumber(ikmF), convertedExact: toNumber(convertedF), converted: Number(h) / 100, ...bandOf(h), weakest };
}

/** Tallies per unsur from individual answer sets ({ key: 1..4 }; missing = not answered). */
export function tally(responses: Iterable<Record<string, number | null | undefined>>): { respondents: number; tallies: Record<string, UnsurTally> } {
  const tallies: Record<string, UnsurTally> = {};
  let respondents = 0;
  for (const r of responses) {
    let any = false;
    for (const [k, v] of Object.entries(r)) {
      if (v == null) continue;
      any = true;
      const t = (tallies[k] ??= { sum: 0, count: 0 });
      t.sum += v;
      t.count += 1;
    }
    if (any) respondents++;
  }
  return { respondents, tallies };
}

/**
 * Unsur weights as the questionnaire editor reads them: a fraction ('1/9') or a decimal
 * ('0.25', '0,25'), summed exactly (BigInt fractions) so nine weights of 1/9 make exactly
 * 1 — the same rule the server applies (weights must sum to 1, PermenPANRB 14/2017).
 */
export interface Fraction {
  num: bigint;
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

function norm(num: bigint, den: bigint): Fraction {
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** '1/9', '0.25', '0,25', '1' → an exact fraction; null when it is not a weight. */
export function parseWeight(text: string): Fraction | null {
  const s = text.trim().replace(',', '.');
  let m = /^(\d{1,12})\s*\/\s*(\d{1,12})$/.exec(s);
  if (m) {
    const den = BigInt(m[2]);
    return den === 0n ? null : norm(BigInt(m[1]), den);
  }
  m = /^(\d{1,6})(?:\.(\d{1,12}))?$/.exec(s);
  if (m) {
    const decimals = m[2] ?? '';
    return norm(BigInt(m[1] + decimals), 10n ** BigInt(decimals.length));
  }
  return null;
}

/** The exact sum of the weights, or null when one of them does not parse. */
export function sumWeights(texts: string[]): Fraction | null {
  let acc: Fraction = { num: 0n, den: 1n };
  for (const text of texts) {
    const w = parseWeight(text);
    if (!w) return null;
    acc = norm(acc.num * w.den + w.num * acc.den, acc.den * w.den);
  }
  return acc;
}

export const isOne = (f: Fraction) => f.num === f.den;

/** '1', '8/9', '10/9' — a fraction for people to read. */
export function showFraction(f: Fraction): string {
  return f.den === 1n ? String(f.num) : `${f.num}/${f.den}`;
}

/** Equal weights for n unsur, e.g. '1/9' each. */
export function equalWeights(n: number): string[] {
  return Array.from({ length: n }, () => (n === 1 ? '1' : `1/${n}`));
}

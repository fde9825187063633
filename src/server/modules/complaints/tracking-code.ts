/**
 * Tracking codes: 8 crypto-random characters from a 32-letter alphabet without the
 * look-alikes 0/O and 1/I, shown as 'PRM-XXXX-XXXX'. 32^8 ≈ 1.1·10^12 codes: guessing one
 * of a tenant's reports by brute force is hopeless at the public lookup's rate limit.
 * The caller inserts with ON CONFLICT DO NOTHING on (tenant_id, tracking_code) and retries
 * with a fresh code on the (astronomically rare) collision: `withFreshTrackingCode`.
 */
import crypto from 'node:crypto';

export const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const TRACKING_PREFIX = 'PRM';
const CODE_LENGTH = 8;
const FORMAT = /^PRM-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

/** A fresh code, e.g. 'PRM-7KQ2-XW9D'. 32 divides 256, so `byte & 31` is unbiased. */
export function generateTrackingCode(random: (n: number) => Buffer = crypto.randomBytes): string {
  const bytes = random(CODE_LENGTH);
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += TRACKING_ALPHABET[bytes[i] & 31];
  return `${TRACKING_PREFIX}-${s.slice(0, 4)}-${s.slice(4)}`;
}

/**
 * The canonical form of what a citizen typed ('prm 7kq2 xw9d', '7KQ2XW9D', 'PRM-7KQ2-XW9D'),
 * or null when it cannot be a code. Lower case, spaces and dashes are forgiven; a code
 * with 0/O/1/I is not a code (those never occur), so it is refused without a lookup.
 */
export function normalizeTrackingCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  let s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.startsWith(TRACKING_PREFIX) && s.length === CODE_LENGTH + TRACKING_PREFIX.length) s = s.slice(TRACKING_PREFIX.length);
  if (s.length !== CODE_LENGTH) return null;
  const code = `${TRACKING_PREFIX}-${s.slice(0, 4)}-${s.slice(4)}`;
  return FORMAT.test(code) ? code : null;
}

export function isTrackingCode(s: string): boolean {
  return FORMAT.test(s);
}

/**
 * Runs `tryInsert(code)` with fresh codes until it returns a row (undefined means the code
 * was taken). Gives up after `attempts` collisions, which in practice never happens.
 */
export async function withFreshTrackingCode<T>(tryInsert: (code: string) => Promise<T | undefined>, attempts = 5, gen = generateTrackingCode): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const row = await tryInsert(gen());
    if (row !== undefined) return row;
  }
  throw new Error('no free tracking code after several attempts');
}

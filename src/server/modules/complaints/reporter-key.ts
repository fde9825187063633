/**
 * The reporter key (issue #11, ADR 0027): the secret that lets the person who filed a report
 * act on it (confirm and rate, dispute, add information) and follow a rahasia report. The
 * tracking code stays a public reference — it is listed on public pages — so it proves
 * nothing about who holds it.
 *
 * A key is not stored anywhere: it is an HMAC of the reporter row's id under a random secret
 * of the tenant (`reporter_key_secret`), so the server can show it again to the same phone
 * on a retried submission (same Idempotency-Key, same reporter row) and put it in the link
 * of every message to that reporter, while a database reader without the secret cannot
 * compute one. Pure: the secret is passed in.
 *
 * Shown as 5 groups of 4 characters from the tracking-code alphabet (no 0/O/1/I):
 * 20 × 5 bits = 100 bits, hopeless to guess at the public routes' rate limit.
 */
import crypto from 'node:crypto';
import { TRACKING_ALPHABET } from './tracking-code.js';

export const REPORTER_KEY_LENGTH = 20;
const GROUP = 4;
/** The HTTP header a client sends the key in (never in a URL the server sees: links carry it after '#'). */
export const REPORTER_KEY_HEADER = 'x-reporter-key';

/** The key of one reporter row, e.g. 'K7QM-4XPA-9RTW-2HVN-BC3D'. */
export function deriveReporterKey(secret: Buffer, tenantId: string, reporterId: string): string {
  const mac = crypto.createHmac('sha256', secret).update(`reporter-key:v1:${tenantId}:${reporterId}`).digest();
  let s = '';
  // 32 divides 256: the low 5 bits of each byte are uniform.
  for (let i = 0; i < REPORTER_KEY_LENGTH; i++) s += TRACKING_ALPHABET[mac[i]! & 31];
  return s.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

/**
 * The canonical form of what a citizen typed or pasted (lower case, spaces and dashes
 * forgiven), or null when it cannot be a key.
 */
export function normalizeReporterKey(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 60) return null;
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== REPORTER_KEY_LENGTH) return null;
  for (const ch of s) if (!TRACKING_ALPHABET.includes(ch)) return null;
  return s.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

/** True when `given` is the key of one of `reporterIds` (constant time per comparison). */
export function keyMatchesAny(secret: Buffer, tenantId: string, reporterIds: readonly string[], given: string | null): boolean {
  const key = normalizeReporterKey(given);
  if (!key) return false;
  const a = Buffer.from(key);
  let ok = false;
  for (const id of reporterIds) {
    const b = Buffer.from(deriveReporterKey(secret, tenantId, id));
    // No early exit: the time does not tell which reporter matched.
    if (crypto.timingSafeEqual(a, b)) ok = true;
  }
  return ok;
}

/** Random secrets and their stored hashes (sessions, CSRF, API tokens, known devices). */
import crypto from 'node:crypto';

export const SESSION_COOKIE = 'prima_sid';
/** Known-device cookie (login throttling, ADR 0026): tokens of the users this browser signed in. */
export const DEVICE_COOKIE = 'prima_dev';
export const CSRF_HEADER = 'x-csrf-token';
/** API tokens start with this, so a leaked one is recognisable by secret scanners. */
export const API_TOKEN_PREFIX = 'prm_';

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

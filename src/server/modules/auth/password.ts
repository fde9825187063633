/** Password hashing with argon2id (OWASP's first choice); parameters are the library's defaults. */
import argon2 from 'argon2';
import { PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from '../../../shared/schemas/auth.js';
import { randomToken } from './tokens.js';

export const MIN_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;
export const MAX_PASSWORD_LENGTH = PASSWORD_MAX_LENGTH;

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string | null, plain: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * A hash of a random secret, verified when the e-mail is unknown (or the account has no
 * password) so that such a sign-in takes as long as a wrong password for a real account:
 * the response time does not tell which e-mail addresses exist.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomToken(24));
  return dummy;
}

/** Burns the time of one verification against the dummy hash; always false. */
export async function verifyDummy(plain: string): Promise<false> {
  await verifyPassword(await dummyHash(), plain);
  return false;
}

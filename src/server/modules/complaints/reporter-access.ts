/**
 * Who is the reporter of a report (issue #11, ADR 0027). The tracking code is a public
 * reference; acting on a report — confirm and rate, dispute, add information — and
 * following a rahasia report need proof that the caller filed it:
 *  - the reporter key (reporter-key.ts), shown once at filing, in the link of every
 *    message to the reporter, kept on the reporter's phone; or
 *  - the signed-in account the report was filed with (a warga account, or staff who filed
 *    through the public form).
 */
import crypto from 'node:crypto';
import type { Executor } from '../../db/index.js';
import type { Actor } from '../../platform/context.js';
import * as repo from './repo.js';
import { deriveReporterKey, keyMatchesAny } from './reporter-key.js';

/** What a public request offers as proof: the key it sent, and its session's user. */
export interface ReporterProof {
  key: string | null;
  actor: Actor | null;
}

/** Secrets read back as committed never change: kept for the life of the process. */
const secrets = new Map<string, Buffer>();
const SECRET_BYTES = 32;

/**
 * The tenant's reporter-key secret, made on first use. Inside a transaction a secret this
 * transaction made itself is not cached (a rollback would leave the cache holding a
 * secret nobody stored); one found already there is.
 */
export async function reporterKeySecret(db: Executor, tenantId: string): Promise<Buffer> {
  const hit = secrets.get(tenantId);
  if (hit) return hit;
  const found = await repo.findReporterKeySecret(db, tenantId);
  if (found) {
    secrets.set(tenantId, found);
    return found;
  }
  // Two processes making the first one at once: the unique key keeps the first, both read it.
  await repo.insertReporterKeySecret(db, tenantId, crypto.randomBytes(SECRET_BYTES));
  const made = await repo.findReporterKeySecret(db, tenantId);
  if (!made) throw new Error(`no reporter-key secret for tenant ${tenantId}`);
  if (!db.isTransaction) secrets.set(tenantId, made);
  return made;
}

/** The key of one reporter row (for the receipt and the links in messages to that reporter). */
export async function reporterKeyFor(db: Executor, tenantId: string, reporterId: string): Promise<string> {
  return deriveReporterKey(await reporterKeySecret(db, tenantId), tenantId, reporterId);
}

/** True when the caller proves to be one of the report's reporters. */
export async function isReporterOf(db: Executor, tenantId: string, complaintId: string, proof: ReporterProof): Promise<boolean> {
  const reporters = await repo.reporterIdentities(db, tenantId, complaintId);
  const actor = proof.actor;
  if (actor && actor.tenantId === tenantId && reporters.some((r) => r.user_id === actor.userId)) return true;
  if (!proof.key) return false;
  const secret = await reporterKeySecret(db, tenantId);
  return keyMatchesAny(
    secret,
    tenantId,
    reporters.map((r) => r.id),
    proof.key,
  );
}

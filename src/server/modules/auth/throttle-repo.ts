/**
 * SQL of login throttling and known devices (throttle.ts has the rules). Counters live in
 * `login_throttle`, one row per tenant, scope and key, so every app process sees the same
 * counts; devices in `login_device`, looked up by their token's hash like sessions.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { ThrottleKey, ThrottleScope, ThrottleState } from './throttle.js';

/**
 * Makes sure the counter's row exists and locks it until the transaction ends, returning
 * its state (null for a new row). The no-op update is what takes the lock on an existing
 * row: concurrent attempts on one counter are counted one after the other.
 */
export async function lockCounter(tx: Executor, tenantId: string, k: ThrottleKey, userId: string | null, now: Date): Promise<ThrottleState | null> {
  const row = await tx
    .insertInto('login_throttle')
    .values({ tenant_id: tenantId, scope: k.scope, key: k.key, user_id: userId, failures: 0, last_failed_at: now, expires_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'scope', 'key']).doUpdateSet({ key: sql.ref('excluded.key') }))
    .returning(['failures', 'last_failed_at', 'blocked_until'])
    .executeTakeFirstOrThrow();
  return row.failures === 0 ? null : { failures: row.failures, lastFailedAt: row.last_failed_at, blockedUntil: row.blocked_until };
}

export async function saveCounter(
  tx: Executor,
  tenantId: string,
  k: ThrottleKey,
  userId: string | null,
  state: ThrottleState & { expiresAt: Date },
): Promise<void> {
  await tx
    .updateTable('login_throttle')
    .set({
      user_id: userId,
      failures: state.failures,
      last_failed_at: state.lastFailedAt,
      blocked_until: state.blockedUntil,
      expires_at: state.expiresAt,
    })
    .where('tenant_id', '=', tenantId)
    .where('scope', '=', k.scope)
    .where('key', '=', k.key)
    .execute();
}

/** Gives back the failure a successful sign-in reserved on a shared counter (the address). */
export async function releaseFailure(tx: Executor, tenantId: string, k: ThrottleKey, limit: number): Promise<void> {
  await tx
    .updateTable('login_throttle')
    .set({
      failures: sql<number>`greatest(failures - 1, 0)`,
      blocked_until: sql<Date | null>`CASE WHEN failures - 1 < ${limit} THEN NULL ELSE blocked_until END`,
    })
    .where('tenant_id', '=', tenantId)
    .where('scope', '=', k.scope)
    .where('key', '=', k.key)
    .execute();
}

/** Forgets counters (a successful sign-in forgets its account's and its own client's). */
export async function deleteCounters(tx: Executor, tenantId: string, keys: ThrottleKey[]): Promise<void> {
  for (const k of keys) {
    await tx.deleteFrom('login_throttle').where('tenant_id', '=', tenantId).where('scope', '=', k.scope).where('key', '=', k.key).execute();
  }
}

/**
 * Forgets every counter of an account, from every client: an admin's password reset. By
 * user and by the e-mail's key, since counts made before the account existed name no user.
 */
export async function clearAccountCounters(tx: Executor, tenantId: string, userId: string, accountKey: string): Promise<number> {
  const res = await tx
    .deleteFrom('login_throttle')
    .where('tenant_id', '=', tenantId)
    .where('scope', 'in', ['account', 'client'] as ThrottleScope[])
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('key', '=', accountKey), eb('key', 'like', `${accountKey}|%`)]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Deletes up to `limit` counters nobody needs any more. All tenants: a maintenance sweep. */
export async function deleteExpiredCounters(db: Executor, now: Date, limit: number): Promise<number> {
  const res = await sql`DELETE FROM login_throttle WHERE (tenant_id, scope, key) IN (
    SELECT tenant_id, scope, key FROM login_throttle WHERE expires_at <= ${now} LIMIT ${limit})`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

// --- known devices ------------------------------------------------------------------------

/** Live devices among the tokens' hashes, in any tenant (a browser may serve several). */
export async function findDevices(db: Executor, tokenHashes: string[], now: Date) {
  if (!tokenHashes.length) return [];
  return db
    .selectFrom('login_device')
    .select(['tenant_id', 'id', 'user_id', 'token_hash'])
    .where('token_hash', 'in', tokenHashes)
    .where('expires_at', '>', now)
    .execute();
}

export async function insertDevice(tx: Executor, row: { tenantId: string; userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
  await tx
    .insertInto('login_device')
    .values({ tenant_id: row.tenantId, user_id: row.userId, token_hash: row.tokenHash, expires_at: row.expiresAt })
    .execute();
}

/** A known device signed in again: it stays known for another full term. */
export async function touchDevice(tx: Executor, tenantId: string, id: string, now: Date, expiresAt: Date): Promise<void> {
  await tx
    .updateTable('login_device')
    .set({ last_used_at: now, expires_at: expiresAt })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Keeps the user's `keep` most recently used devices, forgetting the rest. */
export async function trimDevices(tx: Executor, tenantId: string, userId: string, keep: number): Promise<void> {
  await tx
    .deleteFrom('login_device')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('id', 'not in', (eb) =>
      eb
        .selectFrom('login_device')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .orderBy('last_used_at', 'desc')
        .orderBy('id')
        .limit(keep),
    )
    .execute();
}

/** Deletes up to `limit` expired devices. All tenants: a maintenance sweep. */
export async function deleteExpiredDevices(db: Executor, now: Date, limit: number): Promise<number> {
  const res = await db
    .deleteFrom('login_device')
    .where('token_hash', 'in', (eb) => eb.selectFrom('login_device').select('token_hash').where('expires_at', '<=', now).limit(limit))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

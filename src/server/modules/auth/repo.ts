/** SQL of the auth module: users, roles, sessions, API tokens. */
import type { Executor } from '../../db/index.js';
import type { RoleGrant } from '../../platform/context.js';

export async function findSessionActor(db: Executor, idHash: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
    .select(['s.id_hash', 's.tenant_id', 's.user_id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'u.name', 'u.email', 'u.is_active'])
    .where('s.id_hash', '=', idHash)
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
}

export async function touchSession(db: Executor, idHash: string, expiresAt: Date) {
  await db.updateTable('session').set({ last_seen_at: new Date(), expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function findTokenActor(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.user_id'))
    .select(['t.id', 't.tenant_id', 't.user_id', 't.last_used_at', 'u.name', 'u.email', 'u.is_active'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date())]))
    .executeTakeFirst();
}

export async function touchToken(db: Executor, tenantId: string, id: string) {
  await db.updateTable('api_token').set({ last_used_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function rolesOf(db: Executor, tenantId: string, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('user_role')
    .select(['role', 'opd_id'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ role: r.role, opdId: r.opd_id }));
}

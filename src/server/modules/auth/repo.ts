/**
 * SQL of the auth module: users, roles, sessions, API tokens. Every query on a
 * tenant-owned table filters by tenant_id, except lookups by a secret's hash (a session
 * cookie or an API token names no tenant until it is found; the hash is unique).
 */
import { sql, type Expression } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { RoleGrant, TenantRef } from '../../platform/context.js';
import type { Role } from './tables.js';
import type { UserListScope } from './policy.js';

// --- authentication (used on every request) ---------------------------------------------

/**
 * The session's user and roles in one round trip: this runs on every signed-in request.
 * Roles come back as a JSON array ([] when the user holds none).
 */
export async function findSessionActor(db: Executor, idHash: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
    .select(['s.id_hash', 's.tenant_id', 's.user_id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'u.name', 'u.email', 'u.is_active'])
    .select((eb) => rolesJson(eb.ref('s.tenant_id'), eb.ref('s.user_id')).as('roles'))
    .where('s.id_hash', '=', idHash)
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
}

function rolesJson(tenantId: Expression<string>, userId: Expression<string>) {
  return sql<Array<{ role: Role; opdId: string | null }>>`coalesce((
    select json_agg(json_build_object('role', r.role, 'opdId', r.opd_id))
    from user_role r where r.tenant_id = ${tenantId} and r.user_id = ${userId}), '[]'::json)`;
}

export async function touchSession(db: Executor, idHash: string, expiresAt: Date) {
  await db.updateTable('session').set({ last_seen_at: new Date(), expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function findTokenActor(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.user_id'))
    .select(['t.id', 't.tenant_id', 't.user_id', 't.last_used_at', 'u.name', 'u.email', 'u.is_active'])
    .select((eb) => rolesJson(eb.ref('t.tenant_id'), eb.ref('t.user_id')).as('roles'))
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

// --- tenants ----------------------------------------------------------------------------

const tenantColumns = ['id', 'code', 'name', 'slug', 'timezone', 'is_demo as isDemo'] as const;

export async function tenantById(db: Executor, id: string): Promise<TenantRef | undefined> {
  return db.selectFrom('tenant').select(tenantColumns).where('id', '=', id).executeTakeFirst();
}

/** A tenant named by its slug or its Kemendagri code. */
export async function tenantByKey(db: Executor, key: string): Promise<TenantRef | undefined> {
  return db
    .selectFrom('tenant')
    .select(tenantColumns)
    .where((eb) => eb.or([eb('slug', '=', key.toLowerCase()), eb('code', '=', key)]))
    .executeTakeFirst();
}

/** Up to `limit` tenants (the CLI's "only tenant" default). */
export async function someTenants(db: Executor, limit: number): Promise<TenantRef[]> {
  return db.selectFrom('tenant').select(tenantColumns).orderBy('created_at').limit(limit).execute();
}

// --- sign-in (throttling: throttle-repo.ts) ----------------------------------------------

export async function findUserForLogin(db: Executor, tenantId: string, email: string) {
  return db
    .selectFrom('app_user')
    .select(['tenant_id', 'id', 'email', 'name', 'locale', 'password_hash', 'is_active'])
    .where('tenant_id', '=', tenantId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function recordLoginSuccess(db: Executor, tenantId: string, userId: string, now: Date) {
  await db
    .updateTable('app_user')
    .set({ last_login_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

// --- sessions ---------------------------------------------------------------------------

export async function insertSession(db: Executor, row: { idHash: string; tenantId: string; userId: string; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null }) {
  await db
    .insertInto('session')
    .values({ id_hash: row.idHash, tenant_id: row.tenantId, user_id: row.userId, csrf_token: row.csrfToken, expires_at: row.expiresAt, ip: row.ip, user_agent: row.userAgent })
    .execute();
}

/** Deletes the session of a cookie; by hash alone, since the cookie may be another tenant's. */
export async function deleteSessionByHash(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
}

/** Ends the user's sessions, except `keepHash` (the caller's own) when given. */
export async function deleteSessionsOfUser(db: Executor, tenantId: string, userId: string, keepHash?: string): Promise<number> {
  let q = db.deleteFrom('session').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
  if (keepHash) q = q.where('id_hash', '<>', keepHash);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

/**
 * Deletes up to `limit` sessions that expired before `now`. A maintenance sweep over all
 * tenants by design (session_expiry_idx); bounded so one run never holds long locks.
 */
export async function deleteExpiredSessions(db: Executor, now: Date, limit: number): Promise<number> {
  const res = await db
    .deleteFrom('session')
    .where('id_hash', 'in', (eb) => eb.selectFrom('session').select('id_hash').where('expires_at', '<=', now).limit(limit))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

// --- users ------------------------------------------------------------------------------

const userColumns = ['u.id', 'u.tenant_id', 'u.email', 'u.name', 'u.phone', 'u.locale', 'u.is_active', 'u.last_login_at'] as const;
export type UserRow = Awaited<ReturnType<typeof findUser>> & {};

/**
 * Until when a sign-in lock on the account runs, from some client (the latest; null when
 * none): the admin's users list shows it, and a password reset lifts it.
 */
const lockedUntil = sql<Date | null>`(SELECT max(t.blocked_until) FROM login_throttle t
  WHERE t.tenant_id = u.tenant_id AND t.user_id = u.id AND t.scope IN ('account', 'client') AND t.blocked_until > now())`;

/** A user without secrets (never selects password_hash). */
export async function findUser(db: Executor, tenantId: string, id: string, opts: { lock?: boolean } = {}) {
  return db
    .selectFrom('app_user as u')
    .select(userColumns)
    .select(lockedUntil.as('locked_until'))
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', id)
    .$if(!!opts.lock, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function passwordHashOf(db: Executor, tenantId: string, id: string): Promise<string | null> {
  const row = await db.selectFrom('app_user').select('password_hash').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}

export async function emailTaken(db: Executor, tenantId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('app_user')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return !!row;
}

/** Longest list answered at once; a tenant has hundreds of staff accounts, not more. */
export const USER_LIST_LIMIT = 1000;

export async function listUsers(db: Executor, tenantId: string, scope: UserListScope, filter: { opdId?: string; role?: Role; q?: string }) {
  let q = db
    .selectFrom('app_user as u')
    .select(userColumns)
    .select(lockedUntil.as('locked_until'))
    .where('u.tenant_id', '=', tenantId);
  const hasGrant = (cond: { role?: Role | readonly Role[]; opdIds?: string[] }) =>
    sql<boolean>`EXISTS (SELECT 1 FROM user_role r WHERE r.tenant_id = u.tenant_id AND r.user_id = u.id
      ${cond.role ? sql`AND r.role IN (${sql.join(([] as Role[]).concat(cond.role as Role))})` : sql``}
      ${cond.opdIds ? sql`AND r.opd_id IN (${sql.join(cond.opdIds)})` : sql``})`;
  if (!scope.all) {
    const own = sql<boolean>`u.id = ${scope.selfId}`;
    q = scope.opdIds.length
      ? q.where(sql<boolean>`(${own} OR ${hasGrant({ role: ['operator_opd', 'kepala_opd'], opdIds: scope.opdIds })})`)
      : q.where(own);
  }
  if (filter.opdId) q = q.where(hasGrant({ opdIds: [filter.opdId] }));
  if (filter.role) q = q.where(hasGrant({ role: filter.role }));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.name', 'ilike', like), eb('u.email', 'ilike', like)]));
  }
  return q.orderBy('u.name').orderBy('u.id').limit(USER_LIST_LIMIT).execute();
}

/** Grants of the given users with their OPD names. */
export async function grantsOf(db: Executor, tenantId: string, userIds: string[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('user_role as r')
    .leftJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.opd_id'))
    .select(['r.id', 'r.user_id', 'r.role', 'r.opd_id', 'o.name as opd_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.user_id', 'in', userIds)
    .orderBy('r.role')
    .orderBy('o.name')
    .execute();
}
export type GrantRow = Awaited<ReturnType<typeof grantsOf>>[number];

/** Which of `ids` are OPDs of the tenant. */
export async function existingOpds(db: Executor, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('opd').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function opdByShortName(db: Executor, tenantId: string, shortName: string) {
  return db
    .selectFrom('opd')
    .select(['id', 'name', 'short_name'])
    .where('tenant_id', '=', tenantId)
    .where(sql<string>`lower(short_name)`, '=', shortName.toLowerCase())
    .executeTakeFirst();
}

export async function insertUser(db: Executor, row: { tenantId: string; email: string; name: string; phone: string | null; passwordHash: string; locale: 'id' | 'en' }) {
  return db
    .insertInto('app_user')
    .values({ tenant_id: row.tenantId, email: row.email, name: row.name, phone: row.phone, password_hash: row.passwordHash, locale: row.locale, last_login_at: null })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export interface UserChanges {
  name?: string;
  phone?: string | null;
  locale?: 'id' | 'en';
  is_active?: boolean;
  password_hash?: string;
}

export async function updateUser(db: Executor, tenantId: string, id: string, changes: UserChanges): Promise<void> {
  await db.updateTable('app_user').set({ ...changes, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function setPasswordHash(db: Executor, tenantId: string, id: string, passwordHash: string): Promise<void> {
  await updateUser(db, tenantId, id, { password_hash: passwordHash });
}

export async function insertGrants(db: Executor, tenantId: string, userId: string, grants: RoleGrant[]): Promise<void> {
  if (!grants.length) return;
  await db.insertInto('user_role').values(grants.map((g) => ({ tenant_id: tenantId, user_id: userId, role: g.role, opd_id: g.opdId }))).execute();
}

export async function deleteGrants(db: Executor, tenantId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.deleteFrom('user_role').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
}

// --- API tokens -------------------------------------------------------------------------

const tokenColumns = ['id', 'tenant_id', 'user_id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'] as const;
export type TokenRow = Awaited<ReturnType<typeof findToken>> & {};

export async function listTokens(db: Executor, tenantId: string, userId: string) {
  return db.selectFrom('api_token').select(tokenColumns).where('tenant_id', '=', tenantId).where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export async function findToken(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('api_token').select(tokenColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function insertToken(db: Executor, row: { tenantId: string; userId: string; name: string; prefix: string; tokenHash: string; expiresAt: Date | null }) {
  return db
    .insertInto('api_token')
    .values({ tenant_id: row.tenantId, user_id: row.userId, name: row.name, prefix: row.prefix, token_hash: row.tokenHash, expires_at: row.expiresAt, last_used_at: null, revoked_at: null })
    .returning(tokenColumns)
    .executeTakeFirstOrThrow();
}

/** Marks the token revoked; false when it already was (nothing changes). */
export async function revokeToken(db: Executor, tenantId: string, id: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

// --- who to tell ---------------------------------------------------------------------------

export interface Recipient {
  user_id: string;
  email: string;
  locale: 'id' | 'en';
}

/**
 * Active users of the tenant holding one of `roles` (for OPD-scoped roles: of `opdId`, or
 * of OPDs of `opdType`): who gets a message about a case, a follow-up or a standard.
 */
export async function recipients(db: Executor, tenantId: string, q: { roles: Role[]; opdId?: string; opdType?: string }): Promise<Recipient[]> {
  let query = db
    .selectFrom('user_role as r')
    .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.user_id'))
    .select(['u.id as user_id', 'u.email', 'u.locale'])
    .distinct()
    .where('r.tenant_id', '=', tenantId)
    .where('u.is_active', '=', true)
    .where('r.role', 'in', q.roles);
  if (q.opdId) query = query.where('r.opd_id', '=', q.opdId);
  if (q.opdType) {
    query = query.innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.opd_id')).where('o.type', '=', q.opdType as never).where('o.is_active', '=', true);
  }
  return (await query.orderBy('u.id').execute()) as Recipient[];
}

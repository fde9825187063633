/**
 * Signing in and out, the current session, and changing one's own password.
 *
 * Sign-in defends in three layers (docs/adr/0007-sessions-csrf-tokens.md): a rate limit per
 * IP address and e-mail on the route, a temporary lockout of the account after
 * LOCKOUT_THRESHOLD consecutive failures (kept in the database, so every app process sees
 * it), and the same answer and about the same time for an unknown e-mail as for a wrong
 * password.
 */
import type { Deps } from '../../platform/deps.js';
import type { Actor, RequestContext, TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import type { TChangePasswordBody, TLoginBody, TSessionResponse } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../audit/record.js';
import type { Authenticated } from './authenticate.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyDummy, verifyPassword } from './password.js';
import { randomToken, sha256 } from './tokens.js';
import { presentSessionUser } from './present.js';
import * as repo from './repo.js';

/** Consecutive failed sign-ins that lock an account (OWASP ASVS V2.2.1 allows at most 100 an hour). */
export const LOCKOUT_THRESHOLD = 5;
/** How long such a lock lasts. */
export const LOCKOUT_MINUTES = 15;
const LOCKOUT_MS = LOCKOUT_MINUTES * 60_000;
/** Bytes of randomness in a session id (256 bits) and a CSRF token (192 bits). */
const SESSION_ID_BYTES = 32;
const CSRF_TOKEN_BYTES = 24;
const USER_AGENT_MAX = 300;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  /** The session cookie the browser sent, if any: replaced by the new session. */
  oldSessionToken?: string;
}

/** Refuses a password of the wrong length (the HTTP schemas check it too; the CLI does not). */
export function checkPasswordLength(password: string, locale: Locale, field = 'password'): void {
  const fail = (key: 'auth.passwordTooShort' | 'auth.passwordTooLong') => {
    const params = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH };
    return new AppError('VALIDATION', params, [{ field, message: t(locale, key, params) }], key);
  };
  if (password.length < MIN_PASSWORD_LENGTH) throw fail('auth.passwordTooShort');
  if (password.length > MAX_PASSWORD_LENGTH) throw fail('auth.passwordTooLong');
}

function lockedError(lockedUntil: Date, now: Date): AppError {
  return new AppError('ACCOUNT_LOCKED', { minutes: Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000)) });
}

async function resolveLoginTenant(deps: Deps, ctx: RequestContext, key: string | undefined): Promise<TenantRef> {
  if (key) {
    const tenant = await repo.tenantByKey(deps.db, key.trim());
    if (!tenant) throw new AppError('TENANT_UNKNOWN');
    return tenant;
  }
  if (!ctx.tenant) throw new AppError('TENANT_UNKNOWN', {}, undefined, 'auth.tenantRequired');
  return ctx.tenant;
}

/**
 * Checks the credentials and opens a new session. Returns the cookie value (shown to the
 * browser only) and the session answer. Throws LOGIN_FAILED or ACCOUNT_LOCKED.
 */
export async function login(deps: Deps, ctx: RequestContext, input: TLoginBody, client: ClientInfo): Promise<{ sessionToken: string; body: TSessionResponse }> {
  const { db, config } = deps;
  const tenant = await resolveLoginTenant(deps, ctx, input.tenant);
  const email = input.email.trim().toLowerCase();
  const user = await repo.findUserForLogin(db, tenant.id, email);
  // Failures are recorded as nobody's action: the caller is not (yet) that user.
  const anonymous = { ...ctx, actor: null, systemLabel: `sign-in attempt${client.ip ? ` from ${client.ip}` : ''}` };
  const now = new Date();

  if (!user) {
    await verifyDummy(input.password);
    throw new AppError('LOGIN_FAILED');
  }
  if (user.locked_until && user.locked_until > now) {
    // No password check while locked: a correct guess must not be confirmed either.
    await db.transaction().execute((tx) =>
      recordAudit(tx, anonymous, tenant.id, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, after: { reason: 'locked', ip: client.ip } }),
    );
    throw lockedError(user.locked_until, now);
  }
  const ok = user.is_active && user.password_hash ? await verifyPassword(user.password_hash, input.password) : await verifyDummy(input.password);
  if (!ok) {
    const outcome = await db.transaction().execute(async (tx) => {
      if (!user.is_active) {
        await recordAudit(tx, anonymous, tenant.id, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, after: { reason: 'inactive', ip: client.ip } });
        return null;
      }
      const res = await repo.recordLoginFailure(tx, tenant.id, user.id, now, LOCKOUT_THRESHOLD, LOCKOUT_MS);
      const lockedNow = !!res.locked_until && res.locked_until > now;
      await recordAudit(tx, anonymous, tenant.id, {
        action: lockedNow ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { reason: 'password', failedLogins: res.failed_logins, ip: client.ip, ...(lockedNow ? { lockedUntil: res.locked_until!.toISOString() } : {}) },
      });
      return lockedNow ? res.locked_until : null;
    });
    // Thrown after the commit, so the count and the audit row stay.
    if (outcome) throw lockedError(outcome, now);
    throw new AppError('LOGIN_FAILED');
  }

  const sessionToken = randomToken(SESSION_ID_BYTES);
  const csrfToken = randomToken(CSRF_TOKEN_BYTES);
  const roles = await repo.rolesOf(db, tenant.id, user.id);
  const actor: Actor = { userId: user.id, tenantId: tenant.id, name: user.name, email: user.email, roles, viaToken: false };
  await db.transaction().execute(async (tx) => {
    // Rotation: whatever session the browser had is ended, so a session id planted before
    // sign-in (session fixation) never becomes an authenticated one.
    if (client.oldSessionToken) await repo.deleteSessionByHash(tx, sha256(client.oldSessionToken));
    await repo.recordLoginSuccess(tx, tenant.id, user.id, now);
    await repo.insertSession(tx, {
      idHash: sha256(sessionToken),
      tenantId: tenant.id,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + config.sessionTtlHours * 3600_000),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    });
    await recordAudit(tx, { ...ctx, actor }, tenant.id, { action: 'auth.login', entityType: 'user', entityId: user.id, after: { ip: client.ip } });
  });
  const grants = await repo.grantsOf(db, tenant.id, [user.id]);
  return { sessionToken, body: { user: presentSessionUser(user, grants, tenant), csrfToken } };
}

/** Ends the caller's browser session; nothing to do without one. */
export async function logout(deps: Deps, ctx: RequestContext, auth: Authenticated | null): Promise<void> {
  if (!auth?.session) return;
  const { actor, session } = auth;
  await deps.db.transaction().execute(async (tx) => {
    await repo.deleteSessionByHash(tx, session.idHash);
    await recordAudit(tx, { ...ctx, actor }, actor.tenantId, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
}

/** The signed-in user with roles and tenant, and the session's CSRF token. */
export async function currentSession(deps: Deps, auth: Authenticated | null): Promise<TSessionResponse> {
  if (!auth) throw new AppError('UNAUTHENTICATED');
  const { actor } = auth;
  const [user, tenant, grants] = await Promise.all([
    repo.findUser(deps.db, actor.tenantId, actor.userId),
    repo.tenantById(deps.db, actor.tenantId),
    repo.grantsOf(deps.db, actor.tenantId, [actor.userId]),
  ]);
  if (!user || !tenant) throw new AppError('UNAUTHENTICATED');
  return { user: presentSessionUser(user, grants, tenant), csrfToken: auth.session?.csrfToken ?? null };
}

/**
 * Changes the caller's own password after checking the current one, and ends the user's
 * other sessions (a stolen session must not outlive the password change).
 */
export async function changePassword(deps: Deps, ctx: RequestContext, auth: Authenticated | null, input: TChangePasswordBody): Promise<void> {
  if (!auth) throw new AppError('UNAUTHENTICATED');
  if (!auth.session) throw new AppError('FORBIDDEN', {}, undefined, 'auth.sessionRequired');
  const { actor, session } = auth;
  checkPasswordLength(input.newPassword, ctx.locale, 'newPassword');
  const current = await repo.passwordHashOf(deps.db, actor.tenantId, actor.userId);
  if (!(await verifyPassword(current, input.currentPassword))) {
    throw new AppError('VALIDATION', {}, [{ field: 'currentPassword', message: t(ctx.locale, 'auth.currentPasswordWrong') }], 'auth.currentPasswordWrong');
  }
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await repo.setPasswordHash(tx, actor.tenantId, actor.userId, hash);
    const ended = await repo.deleteSessionsOfUser(tx, actor.tenantId, actor.userId, session.idHash);
    await recordAudit(tx, { ...ctx, actor }, actor.tenantId, {
      action: 'auth.password_change',
      entityType: 'user',
      entityId: actor.userId,
      after: { passwordChanged: true, endedSessions: ended },
    });
  });
}

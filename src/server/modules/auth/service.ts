/**
 * Signing out, the current session, and changing one's own password. Signing in, with its
 * throttling, is login-service.ts.
 */
import type { Deps } from '../../platform/deps.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import type { TChangePasswordBody, TSessionResponse } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../audit/record.js';
import type { Authenticated } from './authenticate.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { presentSessionUser } from './present.js';
import { accountKeyOf } from './throttle.js';
import * as repo from './repo.js';
import * as throttleRepo from './throttle-repo.js';

/** Refuses a password of the wrong length (the HTTP schemas check it too; the CLI does not). */
export function checkPasswordLength(password: string, locale: Locale, field = 'password'): void {
  const fail = (key: 'auth.passwordTooShort' | 'auth.passwordTooLong') => {
    const params = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH };
    return new AppError('VALIDATION', params, [{ field, message: t(locale, key, params) }], key);
  };
  if (password.length < MIN_PASSWORD_LENGTH) throw fail('auth.passwordTooShort');
  if (password.length > MAX_PASSWORD_LENGTH) throw fail('auth.passwordTooLong');
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
    // Guesses at the old password are moot now: every client's lock on the account goes.
    const cleared = await throttleRepo.clearAccountCounters(tx, actor.tenantId, actor.userId, accountKeyOf(actor.email));
    await recordAudit(tx, { ...ctx, actor }, actor.tenantId, {
      action: 'auth.password_change',
      entityType: 'user',
      entityId: actor.userId,
      after: { passwordChanged: true, endedSessions: ended, ...(cleared ? { loginCountersCleared: cleared } : {}) },
    });
  });
}

/**
 * Users of a tenant and their role grants: list, read, create, update. Policy checks live
 * in policy.ts and are called here, where the grants being given or taken are known.
 * `by: 'system'` is the CLI and the demo seeder: trusted, no policy.
 */
import type { Db, Executor } from '../../db/index.js';
import type { Actor, RequestContext, RoleGrant } from '../../platform/context.js';
import { AppError, PG, pgCode } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { t } from '../../../shared/i18n/index.js';
import { OPD_SCOPED_ROLES, type TCreateUserBody, type TRoleGrantInput, type TUpdateUserBody, type TUser, type TUserListQuery } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../audit/record.js';
import { can, userListScope } from './policy.js';
import { auditUser, presentUser } from './present.js';
import { hashPassword } from './password.js';
import { checkPasswordLength } from './service.js';
import { accountKeyOf } from './throttle.js';
import * as repo from './repo.js';
import * as throttleRepo from './throttle-repo.js';

export type By = Actor | 'system';
type Ctx = RequestContext & { systemLabel?: string };

const grantKey = (g: { role: string; opdId: string | null }) => `${g.role}|${g.opdId ?? ''}`;

/** Checks each grant's OPD rule, drops repeats; OPD existence is checked against the tenant. */
async function normaliseGrants(db: Executor, ctx: Ctx, tenantId: string, input: TRoleGrantInput[]): Promise<RoleGrant[]> {
  const out = new Map<string, RoleGrant>();
  input.forEach((g, i) => {
    const scoped = OPD_SCOPED_ROLES.includes(g.role);
    const field = `roles.${i}.opdId`;
    if (scoped && !g.opdId) {
      throw new AppError('VALIDATION', { role: g.role }, [{ field, message: t(ctx.locale, 'auth.opdRequired', { role: g.role }) }], 'auth.opdRequired');
    }
    if (!scoped && g.opdId) {
      throw new AppError('VALIDATION', { role: g.role }, [{ field, message: t(ctx.locale, 'auth.opdNotAllowed', { role: g.role }) }], 'auth.opdNotAllowed');
    }
    const grant = { role: g.role, opdId: g.opdId ?? null };
    out.set(grantKey(grant), grant);
  });
  const grants = [...out.values()];
  const wanted = grants.filter((g) => g.opdId).map((g) => g.opdId as string);
  const found = await repo.existingOpds(db, tenantId, [...new Set(wanted)]);
  const missing = input.findIndex((g) => g.opdId && !found.has(g.opdId));
  if (missing >= 0) {
    const field = `roles.${missing}.opdId`;
    throw new AppError('INVALID_REFERENCE', { field }, [{ field, message: t(ctx.locale, 'auth.opdUnknown') }], 'auth.opdUnknown');
  }
  return grants;
}

function duplicateEmail(ctx: Ctx): AppError {
  const field = t(ctx.locale, 'auth.field.email');
  return new AppError('DUPLICATE', { field }, [{ field: 'email', message: t(ctx.locale, 'error.DUPLICATE', { field }) }]);
}

async function presentOne(db: Executor, tenantId: string, id: string): Promise<TUser> {
  const row = await repo.findUser(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentUser(row, await repo.grantsOf(db, tenantId, [id]));
}

export async function listUsers(db: Db, actor: Actor, tenantId: string, query: TUserListQuery): Promise<TUser[]> {
  const scope = userListScope(actor, tenantId);
  authorize(!!scope && can(actor, 'user.list', { tenantId }));
  const rows = await repo.listUsers(db, tenantId, scope!, query);
  const grants = await repo.grantsOf(db, tenantId, rows.map((r) => r.id));
  return rows.map((r) => presentUser(r, grants));
}

export async function getUser(db: Db, actor: Actor, tenantId: string, id: string): Promise<TUser> {
  const row = await repo.findUser(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const grants = await repo.grantsOf(db, tenantId, [id]);
  authorize(can(actor, 'user.read', { tenantId, id, roles: grants.map((g) => ({ role: g.role, opdId: g.opd_id })) }));
  return presentUser(row, grants);
}

export async function createUser(db: Db, ctx: Ctx, tenantId: string, input: TCreateUserBody, by: By): Promise<TUser> {
  if (by !== 'system') authorize(can(by, 'user.create', { tenantId }));
  checkPasswordLength(input.password, ctx.locale);
  const grants = await normaliseGrants(db, ctx, tenantId, input.roles);
  if (by !== 'system') for (const g of grants) authorize(can(by, 'role.grant', { tenantId, role: g.role }));
  const email = input.email.trim().toLowerCase();
  if (await repo.emailTaken(db, tenantId, email)) throw duplicateEmail(ctx);
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await db.transaction().execute(async (tx) => {
      const row = { tenantId, email, name: input.name.trim(), phone: input.phone ?? null, passwordHash, locale: input.locale ?? 'id' } as const;
      const { id } = await repo.insertUser(tx, row);
      await repo.insertGrants(tx, tenantId, id, grants);
      await recordAudit(tx, ctx, tenantId, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        after: { ...auditUser({ email, name: row.name, phone: row.phone, locale: row.locale, is_active: true }), roles: grants },
      });
      for (const g of grants) await recordAudit(tx, ctx, tenantId, { action: 'user.role.grant', entityType: 'user', entityId: id, before: null, after: { ...g } });
      return id;
    });
    return presentOne(db, tenantId, id);
  } catch (err) {
    // Two requests creating the same e-mail at once: the unique index decides.
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw duplicateEmail(ctx);
    throw err;
  }
}

export async function updateUser(db: Db, ctx: Ctx, tenantId: string, id: string, patch: TUpdateUserBody, by: By): Promise<TUser> {
  if (patch.password !== undefined) checkPasswordLength(patch.password, ctx.locale);
  // Hashing is slow on purpose: done before the transaction, which then holds the row lock briefly.
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  await db.transaction().execute(async (tx) => {
    // Locks the user row: concurrent updates of one user apply one after the other.
    const before = await repo.findUser(tx, tenantId, id, { lock: true });
    if (!before) throw new AppError('NOT_FOUND');
    const held = await repo.grantsOf(tx, tenantId, [id]);
    if (by !== 'system') authorize(can(by, 'user.update', { tenantId, id, roles: held.map((g) => ({ role: g.role, opdId: g.opd_id })) }));

    let toGrant: RoleGrant[] = [];
    let toRevoke: repo.GrantRow[] = [];
    if (patch.roles) {
      const next = await normaliseGrants(tx, ctx, tenantId, patch.roles);
      const heldKeys = new Set(held.map((g) => grantKey({ role: g.role, opdId: g.opd_id })));
      const nextKeys = new Set(next.map(grantKey));
      toGrant = next.filter((g) => !heldKeys.has(grantKey(g)));
      toRevoke = held.filter((g) => !nextKeys.has(grantKey({ role: g.role, opdId: g.opd_id })));
      if (by !== 'system') {
        for (const g of toGrant) authorize(can(by, 'role.grant', { tenantId, role: g.role }));
        for (const g of toRevoke) authorize(can(by, 'role.revoke', { tenantId, role: g.role }));
      }
    }

    const changes: repo.UserChanges = {};
    if (patch.name !== undefined && patch.name.trim() !== before.name) changes.name = patch.name.trim();
    if (patch.phone !== undefined && patch.phone !== before.phone) changes.phone = patch.phone;
    if (patch.locale !== undefined && patch.locale !== before.locale) changes.locale = patch.locale;
    if (patch.isActive !== undefined && patch.isActive !== before.is_active) changes.is_active = patch.isActive;
    if (passwordHash) changes.password_hash = passwordHash;

    if (Object.keys(changes).length) {
      await repo.updateUser(tx, tenantId, id, changes);
      // A new password or a deactivation ends the user's sessions at once.
      if (passwordHash || changes.is_active === false) await repo.deleteSessionsOfUser(tx, tenantId, id);
      // The admin's password reset lifts every sign-in lock on the account, from every client.
      const cleared = passwordHash ? await throttleRepo.clearAccountCounters(tx, tenantId, id, accountKeyOf(before.email)) : 0;
      const after = auditUser({ ...before, ...changes });
      const fields = Object.keys(changes).filter((k) => k !== 'password_hash').map((k) => (k === 'is_active' ? 'isActive' : k));
      const pick = (o: Record<string, unknown>) => Object.fromEntries(fields.map((k) => [k, o[k]]));
      await recordAudit(tx, ctx, tenantId, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        before: pick(auditUser(before)),
        after: { ...pick(after), ...(passwordHash ? { passwordChanged: true } : {}), ...(cleared ? { loginCountersCleared: cleared } : {}) },
      });
    }
    await repo.deleteGrants(tx, tenantId, toRevoke.map((g) => g.id));
    await repo.insertGrants(tx, tenantId, id, toGrant);
    for (const g of toRevoke) {
      await recordAudit(tx, ctx, tenantId, { action: 'user.role.revoke', entityType: 'user', entityId: id, before: { role: g.role, opdId: g.opd_id }, after: null });
    }
    for (const g of toGrant) {
      await recordAudit(tx, ctx, tenantId, { action: 'user.role.grant', entityType: 'user', entityId: id, before: null, after: { ...g } });
    }
  });
  return presentOne(db, tenantId, id);
}

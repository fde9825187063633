/**
 * Building blocks for each module's `policy.ts`. A module's policy answers
 * `can(actor, action, resource)`; routes call `authorize(...)` explicitly before the
 * service runs. These helpers settle the questions every policy asks first: is somebody
 * signed in, and does the actor belong to the tenant the request is about?
 */
import type { Role } from '../modules/auth/tables.js';
import type { Actor, RequestContext, TenantRef } from './context.js';
import { AppError } from './errors.js';

/** Staff roles (everything but warga). */
export const STAFF_ROLES: readonly Role[] = ['operator_opd', 'kepala_opd', 'verifikator', 'pimpinan', 'inspektorat', 'admin', 'superadmin'];

export function isSuperadmin(actor: Actor | null): boolean {
  return !!actor?.roles.some((g) => g.role === 'superadmin');
}

/** True when the actor may act inside `tenantId`: a member of it, or a superadmin. */
export function actsInTenant(actor: Actor | null, tenantId: string): boolean {
  return !!actor && (actor.tenantId === tenantId || isSuperadmin(actor));
}

/** Roles the actor holds in the given tenant (a superadmin holds admin everywhere). */
export function rolesIn(actor: Actor | null, tenantId: string): Role[] {
  if (!actor) return [];
  if (actor.tenantId !== tenantId) return isSuperadmin(actor) ? ['superadmin', 'admin'] : [];
  const roles = actor.roles.map((g) => g.role);
  return isSuperadmin(actor) ? [...roles, 'admin'] : roles;
}

export function hasAnyRole(actor: Actor | null, tenantId: string, roles: readonly Role[]): boolean {
  return rolesIn(actor, tenantId).some((r) => roles.includes(r));
}

/** OPDs the actor is scoped to by operator_opd / kepala_opd grants. */
export function opdScopes(actor: Actor | null, tenantId: string): string[] {
  if (!actor || actor.tenantId !== tenantId) return [];
  return actor.roles.filter((g) => g.opdId && (g.role === 'operator_opd' || g.role === 'kepala_opd')).map((g) => g.opdId as string);
}

/** The signed-in actor and the request's tenant, or 401 / 404 / 403. */
export function requireStaffContext(ctx: RequestContext): { actor: Actor; tenant: TenantRef } {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  if (!ctx.tenant) throw new AppError('TENANT_UNKNOWN');
  if (!actsInTenant(ctx.actor, ctx.tenant.id)) throw new AppError('FORBIDDEN');
  return { actor: ctx.actor, tenant: ctx.tenant };
}

/** Throws FORBIDDEN unless `allowed`. Use: `authorize(can(actor, 'opd.update', opd))`. */
export function authorize(allowed: boolean): void {
  if (!allowed) throw new AppError('FORBIDDEN');
}

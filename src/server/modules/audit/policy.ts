/**
 * Who may read the audit trail. The trail shows every change in a tenant, including
 * before/after values of users and roles, so it is for oversight only: admin and
 * inspektorat of that tenant (and a superadmin, who acts as admin everywhere).
 * OPD staff, verifikator and pimpinan see their own data through their modules instead.
 */
import type { Role } from '../auth/tables.js';
import type { Actor } from '../../platform/context.js';
import { actsInTenant, hasAnyRole } from '../../platform/policy.js';

export type AuditAction = 'audit.list' | 'audit.verify';

export interface AuditResource {
  tenantId: string;
}

const ALLOWED: Record<AuditAction, readonly Role[]> = {
  'audit.list': ['admin', 'inspektorat', 'superadmin'],
  'audit.verify': ['admin', 'inspektorat'],
};

export function can(actor: Actor | null, action: AuditAction, resource: AuditResource): boolean {
  if (!actor || !actsInTenant(actor, resource.tenantId)) return false;
  // rolesIn() gives a superadmin 'admin' in every tenant, so verify is open to them too.
  return hasAnyRole(actor, resource.tenantId, ALLOWED[action]);
}

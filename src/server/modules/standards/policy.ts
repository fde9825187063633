/**
 * Who may do what with standards and maklumat. Every staff member of the tenant reads
 * them (they are the basis of complaints and surveys). The unit's standards team — the
 * operator_opd and kepala_opd of the unit's OPD — and admins draft them; establishing and
 * publishing (which bind the OPD) are for the kepala_opd and admins (lifecycle.ts).
 * Review settings are the admin's. The public routes need no login.
 */
import type { Actor } from '../../platform/context.js';
import { STAFF_ROLES, hasAnyRole, opdScopes, rolesIn } from '../../platform/policy.js';
import type { Performer } from './lifecycle.js';

export type StandardsAction = 'standard.read' | 'standard.write' | 'standard.settings';

export function can(actor: Actor | null, action: StandardsAction, resource: { tenantId: string; opdId?: string }): boolean {
  switch (action) {
    case 'standard.read':
      return hasAnyRole(actor, resource.tenantId, STAFF_ROLES);
    case 'standard.write':
      return performersFor(actor, resource.tenantId, resource.opdId ?? null).length > 0;
    case 'standard.settings':
      return hasAnyRole(actor, resource.tenantId, ['admin']);
  }
}

/** As whom the actor may act on a standard of an OPD's unit (lifecycle.ts performers). */
export function performersFor(actor: Actor | null, tenantId: string, opdId: string | null): Performer[] {
  if (hasAnyRole(actor, tenantId, ['admin'])) return ['team', 'head'];
  if (!actor || !opdId || !opdScopes(actor, tenantId).includes(opdId)) return [];
  const roles = actor.roles.filter((g) => g.opdId === opdId).map((g) => g.role);
  if (roles.includes('kepala_opd')) return ['team', 'head'];
  if (roles.includes('operator_opd') && rolesIn(actor, tenantId).includes('operator_opd')) return ['team'];
  return [];
}

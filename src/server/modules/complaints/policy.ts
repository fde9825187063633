/**
 * Who may do what in the complaints core (DOMAIN.md §2):
 *  - the complaint desk (verifikator) and admins: intake on behalf of citizens, every case;
 *  - admins: categories, routing rules and deadline rules;
 *  - every staff role: read categories, routing rules and deadline rules;
 *  - OPD staff (operator_opd, kepala_opd): the cases routed to their own OPD, as the 'opd'
 *    audience (an anonim reporter hidden);
 *  - pimpinan: every case as the 'leader' audience (an anonim reporter hidden);
 *  - inspektorat: every case, reporters included (oversight);
 *  - citizens act on their report through its tracking code (public routes), not here.
 */
import type { Role } from '../auth/tables.js';
import type { Actor } from '../../platform/context.js';
import { STAFF_ROLES, hasAnyRole, opdScopes } from '../../platform/policy.js';
import type { StaffAudience } from './present.js';

export type ComplaintsAction =
  | 'complaint.intake'
  | 'complaint.read'
  | 'category.read'
  | 'category.write'
  | 'routing.read'
  | 'routing.write'
  | 'deadline.read'
  | 'deadline.write';

export interface ComplaintsResource {
  tenantId: string;
  /** The OPD holding the case (complaint.read). */
  opdId?: string | null;
}

const ADMIN: readonly Role[] = ['admin', 'superadmin'];
const DESK: readonly Role[] = ['verifikator', 'admin', 'superadmin'];

/** The view of a case the actor gets, or null when the actor may not see it. */
export function audienceFor(actor: Actor | null, resource: ComplaintsResource): StaffAudience | null {
  if (!actor) return null;
  const { tenantId } = resource;
  if (hasAnyRole(actor, tenantId, DESK)) return 'desk';
  if (hasAnyRole(actor, tenantId, ['inspektorat'])) return 'inspektorat';
  if (hasAnyRole(actor, tenantId, ['pimpinan'])) return 'leader';
  if (resource.opdId && opdScopes(actor, tenantId).includes(resource.opdId)) return 'opd';
  return null;
}

export function can(actor: Actor | null, action: ComplaintsAction, resource: ComplaintsResource): boolean {
  if (!actor) return false;
  const { tenantId } = resource;
  switch (action) {
    case 'complaint.intake':
      return hasAnyRole(actor, tenantId, DESK);
    case 'complaint.read':
      return audienceFor(actor, resource) !== null;
    case 'category.read':
    case 'routing.read':
    case 'deadline.read':
      return hasAnyRole(actor, tenantId, STAFF_ROLES);
    case 'category.write':
    case 'routing.write':
    case 'deadline.write':
      return hasAnyRole(actor, tenantId, ADMIN);
  }
}

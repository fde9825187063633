/**
 * Who may do what with routing suggestions (issue #6 [G]):
 *  - the complaint desk (verifikator) and admins: ask for a suggestion, read the models;
 *  - the desk, admins and leaders (pimpinan): the accuracy figure;
 *  - every staff role: read the keyword rules and settings;
 *  - admins: edit the keyword rules and the settings (auto-route, thresholds).
 */
import type { Role } from '../auth/tables.js';
import type { Actor } from '../../platform/context.js';
import { STAFF_ROLES, hasAnyRole } from '../../platform/policy.js';

export type RoutingAction = 'routing.suggest' | 'routing.stats' | 'routing.config.read' | 'routing.config.write' | 'routing.models.read';

export interface RoutingResource {
  tenantId: string;
}

const DESK: readonly Role[] = ['verifikator', 'admin', 'superadmin'];
const ADMIN: readonly Role[] = ['admin', 'superadmin'];

export function can(actor: Actor | null, action: RoutingAction, resource: RoutingResource): boolean {
  if (!actor) return false;
  const { tenantId } = resource;
  switch (action) {
    case 'routing.suggest':
    case 'routing.models.read':
      return hasAnyRole(actor, tenantId, DESK);
    case 'routing.stats':
      return hasAnyRole(actor, tenantId, [...DESK, 'pimpinan']);
    case 'routing.config.read':
      return hasAnyRole(actor, tenantId, STAFF_ROLES);
    case 'routing.config.write':
      return hasAnyRole(actor, tenantId, ADMIN);
  }
}

/**
 * Who may do what with surveys (issue #4):
 *  - admin (and superadmin): everything in the tenant, including questionnaire versions;
 *  - operator_opd / kepala_opd: read and manage (periods, counters, QR codes, imports,
 *    exclusions, follow-ups, publications, reports) for the units of their own OPD;
 *  - pimpinan, inspektorat: read everything (results of every unit, OPD and the tenant);
 *  - every staff role: read the questionnaire;
 *  - citizens answer through the public routes (no login), never here.
 */
import type { Role } from '../auth/tables.js';
import type { Actor } from '../../platform/context.js';
import { STAFF_ROLES, hasAnyRole, opdScopes } from '../../platform/policy.js';

export type SkmAction = 'skm.read' | 'skm.manage' | 'skm.questionnaire.read' | 'skm.questionnaire.write';

export interface SkmResource {
  tenantId: string;
  /** The OPD of the unit concerned; absent for tenant-wide reads (only admins and leaders). */
  opdId?: string | null;
}

const ADMIN: readonly Role[] = ['admin', 'superadmin'];
const READ_ALL: readonly Role[] = ['admin', 'superadmin', 'pimpinan', 'inspektorat'];

export function can(actor: Actor | null, action: SkmAction, resource: SkmResource): boolean {
  if (!actor) return false;
  const { tenantId, opdId } = resource;
  const ownOpd = !!opdId && opdScopes(actor, tenantId).includes(opdId);
  switch (action) {
    case 'skm.read':
      return hasAnyRole(actor, tenantId, READ_ALL) || ownOpd;
    case 'skm.manage':
      return hasAnyRole(actor, tenantId, ADMIN) || ownOpd;
    case 'skm.questionnaire.read':
      return hasAnyRole(actor, tenantId, STAFF_ROLES);
    case 'skm.questionnaire.write':
      return hasAnyRole(actor, tenantId, ADMIN);
  }
}

/** The OPDs whose units the actor may read, or null for all of them. */
export function readableOpds(actor: Actor, tenantId: string): string[] | null {
  return hasAnyRole(actor, tenantId, READ_ALL) ? null : opdScopes(actor, tenantId);
}

/**
 * Who may do what with compliance self-assessments (issue #5):
 *  - OPD staff (operator_opd, kepala_opd): the assessments of their own OPD's units (or of
 *    the OPD itself, PEKPPP) — create, score, attach evidence, set gap owners, submit;
 *  - inspektorat: reads every assessment, verifies or returns a submitted one and overrides
 *    an indicator score with a reason;
 *  - admin (and superadmin): everything, including adding method versions;
 *  - pimpinan (Bupati/Sekda): reads everything;
 *  - every staff role reads the methods (they are the published rules).
 */
import type { Role } from '../auth/tables.js';
import type { Actor } from '../../platform/context.js';
import { STAFF_ROLES, hasAnyRole, opdScopes } from '../../platform/policy.js';

export type ComplianceAction =
  | 'compliance.method.read'
  | 'compliance.method.write'
  | 'compliance.assessment.list'
  | 'compliance.assessment.read'
  | 'compliance.assessment.edit'
  | 'compliance.assessment.verify';

export interface ComplianceResource {
  tenantId: string;
  /** The OPD the assessment belongs to (read/edit of one assessment). */
  opdId?: string | null;
}

const ADMIN: readonly Role[] = ['admin', 'superadmin'];
/** Read every assessment of the tenant. */
const READ_ALL: readonly Role[] = ['admin', 'superadmin', 'pimpinan', 'inspektorat'];
const VERIFY: readonly Role[] = ['inspektorat', 'admin', 'superadmin'];

const ownOpd = (actor: Actor, r: ComplianceResource) => !!r.opdId && opdScopes(actor, r.tenantId).includes(r.opdId);

export function can(actor: Actor | null, action: ComplianceAction, resource: ComplianceResource): boolean {
  if (!actor) return false;
  const { tenantId } = resource;
  switch (action) {
    case 'compliance.method.read':
      return hasAnyRole(actor, tenantId, STAFF_ROLES);
    case 'compliance.method.write':
      return hasAnyRole(actor, tenantId, ADMIN);
    case 'compliance.assessment.list':
      return hasAnyRole(actor, tenantId, READ_ALL) || opdScopes(actor, tenantId).length > 0;
    case 'compliance.assessment.read':
      return hasAnyRole(actor, tenantId, READ_ALL) || ownOpd(actor, resource);
    case 'compliance.assessment.edit':
      return hasAnyRole(actor, tenantId, ADMIN) || ownOpd(actor, resource);
    case 'compliance.assessment.verify':
      return hasAnyRole(actor, tenantId, VERIFY);
  }
}

/** OPDs whose assessments a list shows: null = all of them. */
export function listScope(actor: Actor, tenantId: string): string[] | null {
  return hasAnyRole(actor, tenantId, READ_ALL) ? null : opdScopes(actor, tenantId);
}

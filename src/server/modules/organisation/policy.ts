/**
 * Who may do what in the organisation module.
 *  - admin (and superadmin, who is admin in every tenant): everything in the tenant;
 *  - operator_opd / kepala_opd: read the OPD list; read and write the units and services
 *    of their own OPD only; no OPD writes, no import;
 *  - verifikator, pimpinan, inspektorat: read everything, write nothing;
 *  - warga and callers who are not signed in: nothing here (public pages come later);
 *  - managing tenants (list, create, edit any): superadmin only;
 *  - a tenant's host names (its "front door": an un-prefixed request to one of them is
 *    routed into that tenant, see platform/tenant.ts): superadmin only. A tenant admin who
 *    could claim a host name could make citizens file reports into the wrong regency, so
 *    this is its own action, not part of 'tenant.update' (issue #11). The slug is fixed
 *    at creation (printed QR codes and posters carry /r/{slug}/).
 */
import type { Role } from '../auth/tables.js';
import type { Actor } from '../../platform/context.js';
import { hasAnyRole, isSuperadmin, opdScopes } from '../../platform/policy.js';

export type OrgAction =
  | 'tenant.update'
  | 'tenant.hostnames'
  | 'tenant.manage'
  | 'opd.read'
  | 'opd.create'
  | 'opd.update'
  | 'unit.read'
  | 'unit.write'
  | 'service.read'
  | 'service.write'
  | 'org.import'
  | 'org.template';

export interface OrgResource {
  tenantId: string;
  /** The OPD a unit or service belongs to (unit/service actions). */
  opdId?: string | null;
}

const ADMIN: readonly Role[] = ['admin', 'superadmin'];
const READ_ALL: readonly Role[] = ['admin', 'superadmin', 'verifikator', 'pimpinan', 'inspektorat'];
const OPD_STAFF: readonly Role[] = ['operator_opd', 'kepala_opd'];

export function can(actor: Actor | null, action: OrgAction, resource: OrgResource): boolean {
  if (!actor) return false;
  const { tenantId } = resource;
  const ownOpd = () => !!resource.opdId && opdScopes(actor, tenantId).includes(resource.opdId);
  switch (action) {
    case 'tenant.manage':
    case 'tenant.hostnames':
      return isSuperadmin(actor);
    case 'tenant.update':
    case 'opd.create':
    case 'opd.update':
    case 'org.import':
      return hasAnyRole(actor, tenantId, ADMIN);
    case 'opd.read':
    case 'org.template':
      return hasAnyRole(actor, tenantId, READ_ALL) || hasAnyRole(actor, tenantId, OPD_STAFF);
    case 'unit.read':
    case 'service.read':
      return hasAnyRole(actor, tenantId, READ_ALL) || ownOpd();
    case 'unit.write':
    case 'service.write':
      return hasAnyRole(actor, tenantId, ADMIN) || ownOpd();
  }
}

/**
 * OPDs whose units and services the actor may list: 'all', or the OPD ids of their
 * operator/kepala grants (possibly none).
 */
export function unitScope(actor: Actor | null, tenantId: string): 'all' | string[] {
  if (hasAnyRole(actor, tenantId, READ_ALL)) return 'all';
  return opdScopes(actor, tenantId);
}

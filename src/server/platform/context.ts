/**
 * What a service needs to know about the request it serves: who acts, for which tenant,
 * in which language, under which request id (the audit trail records it).
 */
import type { Locale } from '../../shared/i18n/index.js';
import type { Role } from '../modules/auth/tables.js';

export interface RoleGrant {
  role: Role;
  /** Set for OPD-scoped roles (operator_opd, kepala_opd). */
  opdId: string | null;
}

export interface Actor {
  userId: string;
  tenantId: string;
  name: string;
  email: string;
  roles: RoleGrant[];
  /** Authenticated by an API token rather than a browser session. */
  viaToken: boolean;
}

export interface TenantRef {
  id: string;
  code: string;
  name: string;
  slug: string;
  timezone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
  isDemo: boolean;
}

export interface RequestContext {
  requestId: string;
  locale: Locale;
  /** The tenant the request is about (from the host name, path prefix, session or default). */
  tenant: TenantRef | null;
  actor: Actor | null;
}

/** Context for work not caused by a person: jobs, CLI, start-up seeding. */
export function systemContext(tenant: TenantRef | null, label = 'system', requestId = `sys-${Date.now()}`): RequestContext & { systemLabel: string } {
  return { requestId, locale: 'id', tenant, actor: null, systemLabel: label };
}

export function hasRole(actor: Actor | null, role: Role, opdId?: string): boolean {
  if (!actor) return false;
  return actor.roles.some((g) => g.role === role && (opdId === undefined || g.opdId === opdId));
}

/**
 * Who may see and change users, role grants and API tokens.
 *
 * - admin (and superadmin, in any tenant) manages every user of the tenant;
 * - inspektorat reads every user of the tenant (oversight reads everything), changes none;
 * - kepala_opd reads the users of the OPDs they head;
 * - everybody else reads only themselves;
 * - only a superadmin grants or revokes superadmin, or changes a user who holds it (an
 *   admin could otherwise take over a superadmin account by setting its password);
 * - API tokens: each user manages their own, from a browser session (a token cannot mint
 *   more tokens); an admin may list and revoke any token of the tenant.
 */
import type { Actor, RoleGrant } from '../../platform/context.js';
import { actsInTenant, hasAnyRole, isSuperadmin } from '../../platform/policy.js';
import type { Role } from './tables.js';

interface TenantScoped {
  tenantId: string;
}
/** A user as far as the policy cares: tenant, id and grants. */
export interface UserResource extends TenantScoped {
  id: string;
  roles: RoleGrant[];
}
export interface GrantResource extends TenantScoped {
  role: Role;
}
export interface TokenResource extends TenantScoped {
  /** Owner of the token. */
  userId: string;
}

interface Resources {
  'user.list': TenantScoped;
  'user.read': UserResource;
  'user.create': TenantScoped;
  'user.update': UserResource;
  'role.grant': GrantResource;
  'role.revoke': GrantResource;
  'token.create': TenantScoped;
  'token.list': TokenResource;
  'token.revoke': TokenResource;
}
export type AuthAction = keyof Resources;

const MANAGERS: readonly Role[] = ['admin', 'superadmin'];
const READ_ALL: readonly Role[] = ['admin', 'superadmin', 'inspektorat'];

function isSelf(actor: Actor, tenantId: string, userId: string): boolean {
  return actor.tenantId === tenantId && actor.userId === userId;
}

/** OPDs the actor heads (kepala_opd grants) in `tenantId`. */
function headedOpds(actor: Actor, tenantId: string): string[] {
  if (actor.tenantId !== tenantId) return [];
  return actor.roles.filter((g) => g.role === 'kepala_opd' && g.opdId).map((g) => g.opdId as string);
}

export function can<A extends AuthAction>(actor: Actor | null, action: A, resource: Resources[A]): boolean {
  if (!actor || !actsInTenant(actor, resource.tenantId)) return false;
  const tenantId = resource.tenantId;
  switch (action) {
    case 'user.list':
      // Everyone may ask; the list is cut down to what they may read (userListScope).
      return true;
    case 'user.read': {
      const user = resource as UserResource;
      if (hasAnyRole(actor, tenantId, READ_ALL) || isSelf(actor, tenantId, user.id)) return true;
      const heads = headedOpds(actor, tenantId);
      return user.roles.some((g) => g.opdId !== null && heads.includes(g.opdId));
    }
    case 'user.create':
      return hasAnyRole(actor, tenantId, MANAGERS);
    case 'user.update': {
      const user = resource as UserResource;
      if (!hasAnyRole(actor, tenantId, MANAGERS)) return false;
      return isSuperadmin(actor) || !user.roles.some((g) => g.role === 'superadmin');
    }
    case 'role.grant':
    case 'role.revoke': {
      const grant = resource as GrantResource;
      if (!hasAnyRole(actor, tenantId, MANAGERS)) return false;
      return grant.role !== 'superadmin' || isSuperadmin(actor);
    }
    case 'token.create':
      // Tokens live in the owner's tenant; minting one needs a browser session.
      return actor.tenantId === tenantId && !actor.viaToken;
    case 'token.list':
    case 'token.revoke': {
      const token = resource as TokenResource;
      return isSelf(actor, tenantId, token.userId) || hasAnyRole(actor, tenantId, MANAGERS);
    }
    default:
      return false;
  }
}

/** Which users of `tenantId` the actor may list: all, or themselves plus the OPDs they head. */
export type UserListScope = { all: true } | { all: false; selfId: string; opdIds: string[] };

export function userListScope(actor: Actor | null, tenantId: string): UserListScope | null {
  if (!actor || !actsInTenant(actor, tenantId)) return null;
  if (hasAnyRole(actor, tenantId, READ_ALL)) return { all: true };
  return { all: false, selfId: actor.userId, opdIds: headedOpds(actor, tenantId) };
}

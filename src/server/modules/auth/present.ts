/** Rows → API shapes of the auth module. Secrets (password and token hashes) never appear. */
import type { TenantRef } from '../../platform/context.js';
import type { TApiToken, TRoleGrantView, TSessionUser, TUser } from '../../../shared/schemas/auth.js';
import type { GrantRow, TokenRow, UserRow } from './repo.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function presentGrant(g: Pick<GrantRow, 'role' | 'opd_id' | 'opd_name'>): TRoleGrantView {
  return { role: g.role, opdId: g.opd_id, opdName: g.opd_name ?? null };
}

export function presentUser(u: UserRow, grants: GrantRow[], now = new Date()): TUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    phone: u.phone,
    locale: u.locale,
    isActive: u.is_active,
    // A lock that has run out is no lock: show it only while it lasts.
    lockedUntil: u.locked_until && u.locked_until > now ? u.locked_until.toISOString() : null,
    lastLoginAt: iso(u.last_login_at),
    roles: grants.filter((g) => g.user_id === u.id).map(presentGrant),
  };
}

export function presentSessionUser(u: Pick<UserRow, 'id' | 'name' | 'email' | 'locale'>, grants: GrantRow[], tenant: TenantRef): TSessionUser {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    locale: u.locale,
    roles: grants.map(presentGrant),
    tenant: { id: tenant.id, code: tenant.code, name: tenant.name, slug: tenant.slug, isDemo: tenant.isDemo, timezone: tenant.timezone },
  };
}

export function presentToken(t: TokenRow): TApiToken {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.created_at.toISOString(),
    lastUsedAt: iso(t.last_used_at),
    expiresAt: iso(t.expires_at),
    revokedAt: iso(t.revoked_at),
  };
}

/** What the audit trail keeps of a user (record.ts redacts secrets anyway). */
export function auditUser(u: Pick<UserRow, 'email' | 'name' | 'phone' | 'locale' | 'is_active'>): Record<string, unknown> {
  return { email: u.email, name: u.name, phone: u.phone, locale: u.locale, isActive: u.is_active };
}

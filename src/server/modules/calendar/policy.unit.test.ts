/** Calendar policy: staff read, the tenant's admin writes; nothing across tenants. */
import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../../platform/context.js';
import { can, importScope } from './policy.js';

const T1 = '10000000-0000-4000-8000-000000000001';
const T2 = '20000000-0000-4000-8000-000000000002';
const actor = (tenantId: string, roles: RoleGrant[]): Actor => ({ userId: 'u', tenantId, name: 'n', email: 'e@x.id', roles, viaToken: false });

describe('calendar policy', () => {
  it('refuses everything without a login', () => {
    expect(can(null, 'calendar.read', { tenantId: T1 })).toBe(false);
    expect(can(null, 'calendar.write', { tenantId: T1 })).toBe(false);
  });
  it("refuses another tenant's admin", () => {
    const admin2 = actor(T2, [{ role: 'admin', opdId: null }]);
    expect(can(admin2, 'calendar.read', { tenantId: T1 })).toBe(false);
    expect(can(admin2, 'calendar.write', { tenantId: T1 })).toBe(false);
    expect(can(admin2, 'calendar.write', { tenantId: T2 })).toBe(true);
  });
  it('lets an operator read but not write', () => {
    const op = actor(T1, [{ role: 'operator_opd', opdId: 'opd' }]);
    expect(can(op, 'calendar.read', { tenantId: T1 })).toBe(true);
    expect(can(op, 'calendar.write', { tenantId: T1 })).toBe(false);
  });
  it('refuses a warga', () => {
    expect(can(actor(T1, [{ role: 'warga', opdId: null }]), 'calendar.read', { tenantId: T1 })).toBe(false);
  });
  it('lets a superadmin write in any tenant', () => {
    expect(can(actor(T2, [{ role: 'superadmin', opdId: null }]), 'calendar.write', { tenantId: T1 })).toBe(true);
  });

  it("lets only the tenant's admin or a superadmin load national days; a superadmin's import is global", () => {
    for (const role of ['operator_opd', 'kepala_opd', 'verifikator', 'pimpinan', 'inspektorat', 'warga'] as const) {
      expect(can(actor(T1, [{ role, opdId: role.endsWith('_opd') ? 'opd' : null }]), 'calendar.import', { tenantId: T1 }), role).toBe(false);
    }
    const admin1 = actor(T1, [{ role: 'admin', opdId: null }]);
    expect(can(admin1, 'calendar.import', { tenantId: T1 })).toBe(true);
    expect(can(admin1, 'calendar.import', { tenantId: T2 })).toBe(false);
    expect(importScope(admin1)).toBe('tenant');
    const superadmin = actor(T2, [{ role: 'superadmin', opdId: null }]);
    expect(can(superadmin, 'calendar.import', { tenantId: T1 })).toBe(true);
    expect(importScope(superadmin)).toBe('global');
  });
});

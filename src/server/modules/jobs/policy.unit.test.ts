import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import type { Role } from '../auth/tables.js';
import { can } from './policy.js';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const actor = (tenantId: string, ...roles: Role[]): Actor => ({
  userId: 'u', tenantId, name: 'n', email: 'e@x.id', viaToken: false,
  roles: roles.map((role) => ({ role, opdId: role === 'operator_opd' || role === 'kepala_opd' ? 'opd-1' : null })),
});

describe('jobs policy', () => {
  it('refuses when nobody is signed in', () => {
    expect(can(null, 'job.list', { tenantId: T1 })).toBe(false);
    expect(can(null, 'job.listSystem', { tenantId: T1 })).toBe(false);
  });

  it("refuses an admin of another tenant", () => {
    expect(can(actor(T2, 'admin'), 'job.list', { tenantId: T1 })).toBe(false);
  });

  it('refuses every non-admin role, OPD-scoped or not', () => {
    for (const role of ['warga', 'operator_opd', 'kepala_opd', 'verifikator', 'pimpinan', 'inspektorat'] as Role[]) {
      expect(can(actor(T1, role), 'job.list', { tenantId: T1 })).toBe(false);
    }
  });

  it("lets an admin list their tenant's jobs but not the install's own", () => {
    expect(can(actor(T1, 'admin'), 'job.list', { tenantId: T1 })).toBe(true);
    expect(can(actor(T1, 'admin'), 'job.listSystem', { tenantId: T1 })).toBe(false);
  });

  it('lets a superadmin list jobs in any tenant, system jobs included', () => {
    expect(can(actor(T2, 'superadmin'), 'job.list', { tenantId: T1 })).toBe(true);
    expect(can(actor(T2, 'superadmin'), 'job.listSystem', { tenantId: T1 })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../../platform/context.js';
import type { Role } from '../auth/tables.js';
import { can, type AuditAction } from './policy.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const OPD = '33333333-3333-4333-8333-333333333333';

function actor(roles: Array<Role | RoleGrant>, tenantId = TENANT): Actor {
  return {
    userId: '44444444-4444-4444-8444-444444444444',
    tenantId,
    name: 'Uji',
    email: 'uji@uji.go.id',
    roles: roles.map((r) => (typeof r === 'string' ? { role: r, opdId: r === 'operator_opd' || r === 'kepala_opd' ? OPD : null } : r)),
    viaToken: false,
  };
}

const ACTIONS: AuditAction[] = ['audit.list', 'audit.verify'];

describe('audit policy', () => {
  it('refuses when nobody is signed in', () => {
    for (const a of ACTIONS) expect(can(null, a, { tenantId: TENANT })).toBe(false);
  });

  it("refuses another tenant's admin and inspektorat", () => {
    for (const a of ACTIONS) {
      expect(can(actor(['admin'], OTHER), a, { tenantId: TENANT })).toBe(false);
      expect(can(actor(['inspektorat'], OTHER), a, { tenantId: TENANT })).toBe(false);
    }
  });

  it.each<Role>(['warga', 'operator_opd', 'kepala_opd', 'verifikator', 'pimpinan'])('refuses %s', (role) => {
    for (const a of ACTIONS) expect(can(actor([role]), a, { tenantId: TENANT })).toBe(false);
  });

  it.each<Role>(['admin', 'inspektorat'])('lets %s of the tenant list and verify', (role) => {
    for (const a of ACTIONS) expect(can(actor([role]), a, { tenantId: TENANT })).toBe(true);
  });

  it('lets a superadmin list and verify in any tenant', () => {
    for (const a of ACTIONS) expect(can(actor(['superadmin'], OTHER), a, { tenantId: TENANT })).toBe(true);
  });

  it('lets a combination including inspektorat through, whatever the other roles', () => {
    expect(can(actor(['operator_opd', 'inspektorat']), 'audit.verify', { tenantId: TENANT })).toBe(true);
  });
});

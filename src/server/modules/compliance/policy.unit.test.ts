/** Compliance policy: no login, another tenant, another OPD first; then who edits, verifies and reads. */
import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../../platform/context.js';
import { can, listScope, type ComplianceAction } from './policy.js';

const T1 = '10000000-0000-4000-8000-000000000001';
const T2 = '20000000-0000-4000-8000-000000000002';
const OPD_A = 'a0000000-0000-4000-8000-00000000000a';
const OPD_B = 'b0000000-0000-4000-8000-00000000000b';
const actor = (tenantId: string, roles: RoleGrant[]): Actor => ({ userId: 'u', tenantId, name: 'n', email: 'e@x.id', roles, viaToken: false });
const ALL: ComplianceAction[] = ['compliance.method.read', 'compliance.method.write', 'compliance.assessment.list', 'compliance.assessment.read', 'compliance.assessment.edit', 'compliance.assessment.verify'];

describe('compliance policy', () => {
  it('refuses everything without a login', () => {
    for (const a of ALL) expect(can(null, a, { tenantId: T1, opdId: OPD_A }), a).toBe(false);
  });

  it("refuses another tenant's admin and inspektorat", () => {
    for (const role of ['admin', 'inspektorat', 'pimpinan'] as const) {
      for (const a of ALL) expect(can(actor(T2, [{ role, opdId: null }]), a, { tenantId: T1, opdId: OPD_A }), `${role} ${a}`).toBe(false);
    }
  });

  it("lets OPD staff read and edit their own OPD's assessments only, never verify", () => {
    const op = actor(T1, [{ role: 'operator_opd', opdId: OPD_A }]);
    expect(can(op, 'compliance.assessment.edit', { tenantId: T1, opdId: OPD_A })).toBe(true);
    expect(can(op, 'compliance.assessment.read', { tenantId: T1, opdId: OPD_A })).toBe(true);
    expect(can(op, 'compliance.assessment.edit', { tenantId: T1, opdId: OPD_B })).toBe(false);
    expect(can(op, 'compliance.assessment.read', { tenantId: T1, opdId: OPD_B })).toBe(false);
    expect(can(op, 'compliance.assessment.verify', { tenantId: T1, opdId: OPD_A })).toBe(false);
    expect(can(op, 'compliance.method.write', { tenantId: T1 })).toBe(false);
    expect(can(op, 'compliance.method.read', { tenantId: T1 })).toBe(true);
    expect(listScope(op, T1)).toEqual([OPD_A]);
  });

  it('lets the inspektorat read and verify everything but not edit; pimpinan only reads; admin does all', () => {
    const insp = actor(T1, [{ role: 'inspektorat', opdId: null }]);
    expect(can(insp, 'compliance.assessment.verify', { tenantId: T1, opdId: OPD_B })).toBe(true);
    expect(can(insp, 'compliance.assessment.read', { tenantId: T1, opdId: OPD_B })).toBe(true);
    expect(can(insp, 'compliance.assessment.edit', { tenantId: T1, opdId: OPD_B })).toBe(false);
    const bupati = actor(T1, [{ role: 'pimpinan', opdId: null }]);
    expect(can(bupati, 'compliance.assessment.read', { tenantId: T1, opdId: OPD_B })).toBe(true);
    expect(can(bupati, 'compliance.assessment.edit', { tenantId: T1, opdId: OPD_B })).toBe(false);
    expect(can(bupati, 'compliance.assessment.verify', { tenantId: T1, opdId: OPD_B })).toBe(false);
    expect(listScope(bupati, T1)).toBeNull();
    const admin = actor(T1, [{ role: 'admin', opdId: null }]);
    for (const a of ALL) expect(can(admin, a, { tenantId: T1, opdId: OPD_B }), a).toBe(true);
  });

  it('gives a verifikator or a warga no assessment access', () => {
    for (const role of ['verifikator', 'warga'] as const) {
      const u = actor(T1, [{ role, opdId: null }]);
      expect(can(u, 'compliance.assessment.list', { tenantId: T1 })).toBe(false);
      expect(can(u, 'compliance.assessment.read', { tenantId: T1, opdId: OPD_A })).toBe(false);
    }
  });
});

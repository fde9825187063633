import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import type { Role } from '../auth/tables.js';
import { can, unitScope, type OrgAction } from './policy.js';

const T1 = 'tenant-1';
const T2 = 'tenant-2';
const OPD_A = 'opd-a';
const OPD_B = 'opd-b';

function actor(tenantId: string, ...grants: Array<Role | [Role, string]>): Actor {
  return {
    userId: 'u',
    tenantId,
    name: 'Uji',
    email: 'uji@example.id',
    viaToken: false,
    roles: grants.map((g) => (Array.isArray(g) ? { role: g[0], opdId: g[1] } : { role: g, opdId: null })),
  };
}

const admin = actor(T1, 'admin');
const superadmin = actor(T2, 'superadmin');
const operatorA = actor(T1, ['operator_opd', OPD_A]);
const kepalaA = actor(T1, ['kepala_opd', OPD_A]);
const verifikator = actor(T1, 'verifikator');
const pimpinan = actor(T1, 'pimpinan');
const inspektorat = actor(T1, 'inspektorat');
const warga = actor(T1, 'warga');
const otherAdmin = actor(T2, 'admin');

const inA = { tenantId: T1, opdId: OPD_A };
const inB = { tenantId: T1, opdId: OPD_B };
const tenant1 = { tenantId: T1 };

describe('organisation policy', () => {
  it('refuses everything to a caller who is not signed in', () => {
    const actions: OrgAction[] = [
      'opd.read', 'opd.create', 'unit.read', 'unit.write', 'service.read', 'service.write',
      'tenant.update', 'tenant.hostnames', 'tenant.manage', 'org.import', 'org.template',
    ];
    for (const a of actions) expect(can(null, a, inA), a).toBe(false);
  });

  it("refuses an admin of another tenant everything in this tenant", () => {
    for (const a of ['opd.read', 'opd.create', 'unit.read', 'unit.write', 'service.write', 'tenant.update', 'org.import'] as OrgAction[]) {
      expect(can(otherAdmin, a, inA), a).toBe(false);
    }
    expect(unitScope(otherAdmin, T1)).toEqual([]);
  });

  it('lets an operator of OPD A read and write units and services of OPD A only', () => {
    for (const who of [operatorA, kepalaA]) {
      expect(can(who, 'unit.read', inA)).toBe(true);
      expect(can(who, 'unit.write', inA)).toBe(true);
      expect(can(who, 'service.read', inA)).toBe(true);
      expect(can(who, 'service.write', inA)).toBe(true);
      expect(can(who, 'unit.read', inB)).toBe(false);
      expect(can(who, 'unit.write', inB)).toBe(false);
      expect(can(who, 'service.read', inB)).toBe(false);
      expect(can(who, 'service.write', inB)).toBe(false);
      expect(unitScope(who, T1)).toEqual([OPD_A]);
    }
  });

  it('lets OPD staff read the OPD list but not create or change OPDs, import or edit the tenant', () => {
    for (const who of [operatorA, kepalaA]) {
      expect(can(who, 'opd.read', tenant1)).toBe(true);
      expect(can(who, 'opd.create', tenant1)).toBe(false);
      expect(can(who, 'opd.update', inA)).toBe(false);
      expect(can(who, 'org.import', tenant1)).toBe(false);
      expect(can(who, 'tenant.update', tenant1)).toBe(false);
    }
  });

  it('lets verifikator, pimpinan and inspektorat read everything and write nothing', () => {
    for (const who of [verifikator, pimpinan, inspektorat]) {
      expect(can(who, 'opd.read', tenant1)).toBe(true);
      expect(can(who, 'unit.read', inB)).toBe(true);
      expect(can(who, 'service.read', inA)).toBe(true);
      expect(unitScope(who, T1)).toBe('all');
      for (const a of ['opd.create', 'opd.update', 'unit.write', 'service.write', 'org.import', 'tenant.update'] as OrgAction[]) {
        expect(can(who, a, inA), a).toBe(false);
      }
    }
  });

  it('gives a warga no staff access', () => {
    for (const a of ['opd.read', 'unit.read', 'service.read', 'org.template'] as OrgAction[]) expect(can(warga, a, inA), a).toBe(false);
  });

  it('lets an admin write everything in the tenant, but not manage tenants', () => {
    for (const a of ['opd.read', 'opd.create', 'opd.update', 'unit.write', 'service.write', 'org.import', 'tenant.update'] as OrgAction[]) {
      expect(can(admin, a, inB), a).toBe(true);
    }
    expect(unitScope(admin, T1)).toBe('all');
    expect(can(admin, 'tenant.manage', tenant1)).toBe(false);
  });

  it("keeps a tenant's host names (its front door) to the superadmin: not its admin, nor anyone else", () => {
    for (const who of [admin, otherAdmin, operatorA, kepalaA, verifikator, pimpinan, inspektorat, warga]) {
      expect(can(who, 'tenant.hostnames', tenant1), who.roles[0].role).toBe(false);
    }
    expect(can(superadmin, 'tenant.hostnames', tenant1)).toBe(true);
    expect(can(superadmin, 'tenant.hostnames', { tenantId: T2 })).toBe(true);
  });

  it('lets a superadmin act in any tenant and manage tenants', () => {
    for (const a of ['opd.create', 'unit.write', 'service.write', 'org.import', 'tenant.update', 'tenant.hostnames', 'tenant.manage'] as OrgAction[]) {
      expect(can(superadmin, a, inA), a).toBe(true);
    }
    expect(unitScope(superadmin, T1)).toBe('all');
  });
});

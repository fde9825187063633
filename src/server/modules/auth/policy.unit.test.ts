import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../../platform/context.js';
import { can, userListScope } from './policy.js';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const OPD_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const OPD_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

let n = 0;
function actor(tenantId: string, roles: RoleGrant[], viaToken = false): Actor {
  n++;
  return { userId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, tenantId, name: 'A', email: `a${n}@x.id`, roles, viaToken };
}
const g = (role: RoleGrant['role'], opdId: string | null = null): RoleGrant => ({ role, opdId });
const target = (tenantId: string, roles: RoleGrant[], id = 'ffffffff-ffff-4fff-8fff-ffffffffffff') => ({ tenantId, id, roles });

describe('auth policy: nobody signed in', () => {
  it('allows nothing', () => {
    expect(can(null, 'user.list', { tenantId: T1 })).toBe(false);
    expect(can(null, 'user.read', target(T1, []))).toBe(false);
    expect(can(null, 'user.create', { tenantId: T1 })).toBe(false);
    expect(can(null, 'user.update', target(T1, []))).toBe(false);
    expect(can(null, 'role.grant', { tenantId: T1, role: 'warga' })).toBe(false);
    expect(can(null, 'token.create', { tenantId: T1 })).toBe(false);
    expect(can(null, 'token.revoke', { tenantId: T1, userId: 'x' })).toBe(false);
    expect(userListScope(null, T1)).toBeNull();
  });
});

describe('auth policy: another tenant', () => {
  const admin = actor(T1, [g('admin')]);
  it('an admin of one tenant can neither read nor change users of another', () => {
    expect(can(admin, 'user.list', { tenantId: T2 })).toBe(false);
    expect(can(admin, 'user.read', target(T2, []))).toBe(false);
    expect(can(admin, 'user.create', { tenantId: T2 })).toBe(false);
    expect(can(admin, 'user.update', target(T2, []))).toBe(false);
    expect(can(admin, 'role.grant', { tenantId: T2, role: 'warga' })).toBe(false);
    expect(can(admin, 'token.revoke', { tenantId: T2, userId: 'x' })).toBe(false);
    expect(userListScope(admin, T2)).toBeNull();
  });
  it('a kepala OPD does not read a user of another tenant holding an OPD of the same id', () => {
    const kepala = actor(T1, [g('kepala_opd', OPD_A)]);
    expect(can(kepala, 'user.read', target(T2, [g('operator_opd', OPD_A)]))).toBe(false);
  });
  it('a superadmin acts in every tenant', () => {
    const sa = actor(T1, [g('superadmin')]);
    expect(can(sa, 'user.list', { tenantId: T2 })).toBe(true);
    expect(can(sa, 'user.read', target(T2, []))).toBe(true);
    expect(can(sa, 'user.create', { tenantId: T2 })).toBe(true);
    expect(can(sa, 'user.update', target(T2, [g('superadmin')]))).toBe(true);
    expect(can(sa, 'role.grant', { tenantId: T2, role: 'superadmin' })).toBe(true);
    expect(userListScope(sa, T2)).toEqual({ all: true });
  });
});

describe('auth policy: another OPD', () => {
  const kepalaA = actor(T1, [g('kepala_opd', OPD_A)]);
  const operatorA = actor(T1, [g('operator_opd', OPD_A)]);
  it('a kepala OPD reads the users of the own OPD only', () => {
    expect(can(kepalaA, 'user.read', target(T1, [g('operator_opd', OPD_A)]))).toBe(true);
    expect(can(kepalaA, 'user.read', target(T1, [g('operator_opd', OPD_B)]))).toBe(false);
    expect(can(kepalaA, 'user.read', target(T1, [g('admin')]))).toBe(false);
    expect(userListScope(kepalaA, T1)).toEqual({ all: false, selfId: kepalaA.userId, opdIds: [OPD_A] });
  });
  it('a kepala OPD changes nobody, not even in the own OPD', () => {
    expect(can(kepalaA, 'user.update', target(T1, [g('operator_opd', OPD_A)]))).toBe(false);
    expect(can(kepalaA, 'user.create', { tenantId: T1 })).toBe(false);
    expect(can(kepalaA, 'role.grant', { tenantId: T1, role: 'operator_opd' })).toBe(false);
  });
  it('an operator OPD reads only themselves, not a colleague of the same OPD', () => {
    expect(can(operatorA, 'user.read', target(T1, [g('operator_opd', OPD_A)], operatorA.userId))).toBe(true);
    expect(can(operatorA, 'user.read', target(T1, [g('operator_opd', OPD_A)]))).toBe(false);
    expect(can(operatorA, 'user.read', target(T1, [g('operator_opd', OPD_B)]))).toBe(false);
    expect(userListScope(operatorA, T1)).toEqual({ all: false, selfId: operatorA.userId, opdIds: [] });
  });
  it('reading oneself by id does not work across tenants', () => {
    expect(can(operatorA, 'user.read', target(T2, [], operatorA.userId))).toBe(false);
  });
});

describe('auth policy: admins and grants', () => {
  const admin = actor(T1, [g('admin')]);
  it('an admin manages every user of the tenant', () => {
    expect(can(admin, 'user.list', { tenantId: T1 })).toBe(true);
    expect(userListScope(admin, T1)).toEqual({ all: true });
    expect(can(admin, 'user.read', target(T1, [g('operator_opd', OPD_B)]))).toBe(true);
    expect(can(admin, 'user.create', { tenantId: T1 })).toBe(true);
    expect(can(admin, 'user.update', target(T1, [g('admin')]))).toBe(true);
    expect(can(admin, 'role.grant', { tenantId: T1, role: 'admin' })).toBe(true);
    expect(can(admin, 'role.revoke', { tenantId: T1, role: 'kepala_opd' })).toBe(true);
  });
  it('only a superadmin grants, revokes or changes superadmin', () => {
    expect(can(admin, 'role.grant', { tenantId: T1, role: 'superadmin' })).toBe(false);
    expect(can(admin, 'role.revoke', { tenantId: T1, role: 'superadmin' })).toBe(false);
    expect(can(admin, 'user.update', target(T1, [g('superadmin')]))).toBe(false);
  });
  it('inspektorat reads every user of the tenant but changes none', () => {
    const insp = actor(T1, [g('inspektorat')]);
    expect(userListScope(insp, T1)).toEqual({ all: true });
    expect(can(insp, 'user.read', target(T1, [g('operator_opd', OPD_B)]))).toBe(true);
    expect(can(insp, 'user.update', target(T1, []))).toBe(false);
    expect(can(insp, 'user.create', { tenantId: T1 })).toBe(false);
  });
  it('other staff roles read only themselves', () => {
    for (const role of ['verifikator', 'pimpinan', 'warga'] as const) {
      const a = actor(T1, [g(role)]);
      expect(userListScope(a, T1)).toEqual({ all: false, selfId: a.userId, opdIds: [] });
      expect(can(a, 'user.read', target(T1, []))).toBe(false);
      expect(can(a, 'user.create', { tenantId: T1 })).toBe(false);
    }
  });
});

describe('auth policy: API tokens', () => {
  it('a user manages their own tokens from a browser session, not with a token', () => {
    const op = actor(T1, [g('operator_opd', OPD_A)]);
    expect(can(op, 'token.create', { tenantId: T1 })).toBe(true);
    expect(can(actor(T1, [g('admin')], true), 'token.create', { tenantId: T1 })).toBe(false);
    expect(can(op, 'token.list', { tenantId: T1, userId: op.userId })).toBe(true);
    expect(can(op, 'token.revoke', { tenantId: T1, userId: op.userId })).toBe(true);
    expect(can(op, 'token.revoke', { tenantId: T1, userId: 'someone-else' })).toBe(false);
    expect(can(op, 'token.list', { tenantId: T1, userId: 'someone-else' })).toBe(false);
  });
  it('tokens are made in the own tenant only, even by a superadmin', () => {
    expect(can(actor(T1, [g('superadmin')]), 'token.create', { tenantId: T2 })).toBe(false);
  });
  it('an admin lists and revokes any token of the tenant, not of another', () => {
    const admin = actor(T1, [g('admin')]);
    expect(can(admin, 'token.revoke', { tenantId: T1, userId: 'someone-else' })).toBe(true);
    expect(can(admin, 'token.list', { tenantId: T1, userId: 'someone-else' })).toBe(true);
    expect(can(admin, 'token.revoke', { tenantId: T2, userId: 'someone-else' })).toBe(false);
  });
});

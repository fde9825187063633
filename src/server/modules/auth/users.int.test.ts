import { afterAll, beforeAll, describe, expect, it} from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant, type TestUser } from '../../../../test/helpers/factories.js';
import { CLIENT_FAILURE_LIMIT } from './throttle.js';


let handle: DbHandle;
let app: FastifyInstance;
let t1: TestTenant;
let t2: TestTenant;
let opdA: { id: string; name: string };
let opdB: { id: string; name: string };
let opdC: { id: string; name: string };
let admin: TestUser;
let kepalaA: TestUser;
let operatorA: TestUser;
let operatorA2: TestUser;
let operatorB: TestUser;
let inspektorat: TestUser;
let admin2: TestUser;
let superadmin: TestUser;
const h: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  t1 = await buildTenant(db);
  t2 = await buildTenant(db);
  opdA = await buildOpd(db, t1);
  opdB = await buildOpd(db, t1);
  opdC = await buildOpd(db, t2);
  admin = await buildUser(db, t1, [{ role: 'admin' }], { name: 'A Admin' });
  kepalaA = await buildUser(db, t1, [{ role: 'kepala_opd', opdId: opdA.id }], { name: 'B Kepala A' });
  operatorA = await buildUser(db, t1, [{ role: 'operator_opd', opdId: opdA.id }], { name: 'C Operator A' });
  operatorA2 = await buildUser(db, t1, [{ role: 'operator_opd', opdId: opdA.id }], { name: 'D Operator A2' });
  operatorB = await buildUser(db, t1, [{ role: 'operator_opd', opdId: opdB.id }], { name: 'E Operator B' });
  inspektorat = await buildUser(db, t1, [{ role: 'inspektorat' }], { name: 'F Inspektorat' });
  admin2 = await buildUser(db, t2, [{ role: 'admin' }], { name: 'Admin Dua' });
  superadmin = await buildUser(db, t1, [{ role: 'superadmin' }], { name: 'G Superadmin' });
  for (const [k, u] of Object.entries({ admin, kepalaA, operatorA, operatorA2, operatorB, inspektorat, admin2, superadmin })) h[k] = await sessionHeaders(db, u);
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const EN = { 'accept-language': 'en' };
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url: `/api/v1${url}`, headers });
const send = (method: 'POST' | 'PATCH', url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method, url: `/api/v1${url}`, payload: payload as object, headers });
const ids = (res: { json(): any }) => (res.json().items as Array<{ id: string }>).map((u) => u.id).sort();
const newUser = (over: Record<string, unknown> = {}) => ({
  email: `baru-${Math.random().toString(36).slice(2)}@uji.go.id`,
  name: 'Pengguna Baru',
  password: 'sandi-awal-12345',
  roles: [{ role: 'operator_opd', opdId: opdA.id }],
  ...over,
});

describe('users policy: not signed in', () => {
  it('answers 401 to every users route', async () => {
    expect((await get('/users')).statusCode).toBe(401);
    expect((await get(`/users/${admin.id}`)).statusCode).toBe(401);
    expect((await send('POST', '/users', newUser())).statusCode).toBe(401);
    const patch = await send('PATCH', `/users/${operatorA.id}`, { name: 'x' }, EN);
    expect(patch.statusCode).toBe(401);
    expect(patch.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Please sign in first.' });
  });
});

describe('users policy: another tenant', () => {
  it("an admin of another tenant cannot read or change this tenant's users", async () => {
    // Through the own tenant: the user does not exist there.
    expect((await get(`/users/${operatorA.id}`, h.admin2)).statusCode).toBe(404);
    expect((await send('PATCH', `/users/${operatorA.id}`, { name: 'Diambil alih' }, h.admin2)).statusCode).toBe(404);
    expect(ids(await get('/users', h.admin2))).toEqual([admin2.id]);
    // Naming this tenant in the URL: forbidden.
    expect((await app.inject({ url: `/r/${t1.slug}/api/v1/users`, headers: h.admin2 })).statusCode).toBe(403);
    expect((await app.inject({ url: `/r/${t1.slug}/api/v1/users/${operatorA.id}`, headers: h.admin2 })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: `/r/${t1.slug}/api/v1/users/${operatorA.id}`, payload: { name: 'x' }, headers: h.admin2 })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/r/${t1.slug}/api/v1/users`, payload: newUser(), headers: h.admin2 })).statusCode).toBe(403);
    const row = await handle.db.selectFrom('app_user').select('name').where('tenant_id', '=', t1.id).where('id', '=', operatorA.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('C Operator A');
  });

  it('an OPD of another tenant cannot be granted', async () => {
    const res = await send('POST', '/users', newUser({ roles: [{ role: 'operator_opd', opdId: opdC.id }] }), h.admin);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID_REFERENCE', details: [{ field: 'roles.0.opdId' }] });
  });

  it('a superadmin reads and manages the users of any tenant', async () => {
    const list = await app.inject({ url: `/r/${t2.slug}/api/v1/users`, headers: h.superadmin });
    expect(list.statusCode).toBe(200);
    expect(ids(list)).toEqual([admin2.id]);
    const created = await app.inject({ method: 'POST', url: `/r/${t2.slug}/api/v1/users`, payload: newUser({ roles: [{ role: 'kepala_opd', opdId: opdC.id }] }), headers: h.superadmin });
    expect(created.statusCode).toBe(201);
    const row = await handle.db.selectFrom('app_user').select('tenant_id').where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(row.tenant_id).toBe(t2.id);
  });
});

describe('users policy: another OPD', () => {
  it('a kepala OPD reads the users of the own OPD, not of another', async () => {
    expect((await get(`/users/${operatorA.id}`, h.kepalaA)).statusCode).toBe(200);
    const other = await get(`/users/${operatorB.id}`, { ...h.kepalaA, ...EN });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'FORBIDDEN', message: 'You are not allowed to do this.' });
    expect((await get(`/users/${admin.id}`, h.kepalaA)).statusCode).toBe(403);
    const list = ids(await get('/users', h.kepalaA));
    expect(list).toContain(operatorA.id);
    expect(list).toContain(operatorA2.id);
    expect(list).toContain(kepalaA.id);
    expect(list).not.toContain(operatorB.id);
    expect(list).not.toContain(admin.id);
  });

  it('a kepala OPD changes nobody and creates nobody', async () => {
    expect((await send('PATCH', `/users/${operatorA.id}`, { name: 'x' }, h.kepalaA)).statusCode).toBe(403);
    expect((await send('POST', '/users', newUser(), h.kepalaA)).statusCode).toBe(403);
  });

  it('an operator OPD reads only themselves', async () => {
    const self = await get(`/users/${operatorA.id}`, h.operatorA);
    expect(self.statusCode).toBe(200);
    expect(self.json()).toMatchObject({ id: operatorA.id, roles: [{ role: 'operator_opd', opdId: opdA.id, opdName: opdA.name }] });
    expect((await get(`/users/${operatorA2.id}`, h.operatorA)).statusCode).toBe(403);
    expect((await get(`/users/${operatorB.id}`, h.operatorA)).statusCode).toBe(403);
    expect(ids(await get('/users', h.operatorA))).toEqual([operatorA.id]);
    expect((await send('PATCH', `/users/${operatorA.id}`, { roles: [{ role: 'admin' }] }, h.operatorA)).statusCode).toBe(403);
  });

  it('inspektorat reads everyone in the tenant but changes nobody', async () => {
    const list = ids(await get('/users', h.inspektorat));
    for (const u of [admin, kepalaA, operatorA, operatorB]) expect(list).toContain(u.id);
    expect(list).not.toContain(admin2.id);
    expect((await send('PATCH', `/users/${operatorB.id}`, { name: 'x' }, h.inspektorat)).statusCode).toBe(403);
  });
});

describe('users admin', () => {
  it('lists with filters by OPD, role and text; never shows a password hash', async () => {
    const byOpd = ids(await get(`/users?opdId=${opdA.id}`, h.admin));
    expect(byOpd).toEqual([kepalaA.id, operatorA.id, operatorA2.id].sort());
    expect(ids(await get('/users?role=inspektorat', h.admin))).toEqual([inspektorat.id]);
    expect(ids(await get('/users?q=operator%20a2', h.admin))).toEqual([operatorA2.id]);
    expect(ids(await get('/users?q=100%25', h.admin))).toEqual([]);
    const all = await get('/users', h.admin);
    expect(all.body).not.toContain('argon2');
    expect(all.body).not.toMatch(/password/i);
    expect((await get('/users?role=raja', h.admin)).statusCode).toBe(400);
  });

  it('creates a user who can then sign in; audits user.create and user.role.grant without secrets', async () => {
    const body = newUser({ email: `Baru-${Date.now()}@Uji.go.id`, phone: '+62 812 3456 7890', locale: 'en' });
    const res = await send('POST', '/users', body, h.admin);
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toEqual({
      id: expect.any(String),
      email: (body.email as string).toLowerCase(),
      name: 'Pengguna Baru',
      phone: '+62 812 3456 7890',
      locale: 'en',
      isActive: true,
      lockedUntil: null,
      lastLoginAt: null,
      roles: [{ role: 'operator_opd', opdId: opdA.id, opdName: opdA.name }],
    });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: body.email, password: body.password, tenant: t1.slug } });
    expect(login.statusCode).toBe(200);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'actor_id', 'before', 'after']).where('tenant_id', '=', t1.id).where('entity_id', '=', user.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.role.grant', 'auth.login']);
    expect(audit[0].actor_id).toBe(admin.id);
    expect(audit[0].after).toMatchObject({ email: user.email, name: 'Pengguna Baru', roles: [{ role: 'operator_opd', opdId: opdA.id }] });
    expect(audit[1].after).toEqual({ role: 'operator_opd', opdId: opdA.id });
    expect(JSON.stringify(audit)).not.toContain(body.password as string);
    expect(JSON.stringify(audit)).not.toContain('argon2');
  });

  it('refuses a duplicate e-mail (any case) with 409 DUPLICATE in Indonesian and English', async () => {
    const email = operatorA.email.toUpperCase();
    const id = await send('POST', '/users', newUser({ email }), h.admin);
    expect(id.statusCode).toBe(409);
    expect(id.json()).toMatchObject({ code: 'DUPLICATE', message: 'Data dengan email yang sama sudah ada.', details: [{ field: 'email' }] });
    const en = await send('POST', '/users', newUser({ email }), { ...h.admin, ...EN });
    expect(en.json()).toMatchObject({ code: 'DUPLICATE', message: 'An entry with the same e-mail already exists.' });
    // The same e-mail in another tenant is fine.
    expect((await send('POST', '/users', newUser({ email: operatorA.email, roles: [] }), h.admin2)).statusCode).toBe(201);
  });

  it('checks the OPD rules of role grants (400)', async () => {
    const noOpd = await send('POST', '/users', newUser({ roles: [{ role: 'kepala_opd' }] }), { ...h.admin, ...EN });
    expect(noOpd.statusCode).toBe(400);
    expect(noOpd.json()).toMatchObject({ code: 'VALIDATION', message: 'The role kepala_opd needs an OPD.', details: [{ field: 'roles.0.opdId' }] });
    const opdOnAdmin = await send('POST', '/users', newUser({ roles: [{ role: 'admin', opdId: opdA.id }] }), h.admin);
    expect(opdOnAdmin.statusCode).toBe(400);
    expect(opdOnAdmin.json().message).toBe('Peran admin tidak terikat pada OPD; hapus OPD-nya.');
    const shortPassword = await send('POST', '/users', newUser({ password: 'pendek' }), h.admin);
    expect(shortPassword.statusCode).toBe(400);
    const unknownField = await send('POST', '/users', newUser({ isAdmin: true }), h.admin);
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().details).toEqual([{ field: 'isAdmin', message: 'kolom isAdmin tidak dikenal' }]);
  });

  it('only a superadmin grants superadmin or changes a superadmin', async () => {
    const byAdmin = await send('POST', '/users', newUser({ roles: [{ role: 'superadmin' }] }), h.admin);
    expect(byAdmin.statusCode).toBe(403);
    expect((await send('PATCH', `/users/${operatorB.id}`, { roles: [{ role: 'superadmin' }] }, h.admin)).statusCode).toBe(403);
    expect((await send('PATCH', `/users/${superadmin.id}`, { password: 'ambil-alih-akun-123' }, h.admin)).statusCode).toBe(403);
    const target = await buildUser(handle.db, t1, [{ role: 'verifikator' }]);
    const bySuper = await send('PATCH', `/users/${target.id}`, { roles: [{ role: 'verifikator' }, { role: 'superadmin' }] }, h.superadmin);
    expect(bySuper.statusCode).toBe(200);
    expect(bySuper.json().roles.map((r: { role: string }) => r.role).sort()).toEqual(['superadmin', 'verifikator']);
  });

  it('replaces role grants and audits each grant and revoke with before/after', async () => {
    const target = await buildUser(handle.db, t1, [{ role: 'operator_opd', opdId: opdA.id }, { role: 'verifikator' }]);
    const res = await send('PATCH', `/users/${target.id}`, { name: 'Nama Baru', roles: [{ role: 'kepala_opd', opdId: opdB.id }, { role: 'verifikator' }, { role: 'verifikator' }] }, h.admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Nama Baru', roles: expect.arrayContaining([{ role: 'kepala_opd', opdId: opdB.id, opdName: opdB.name }, { role: 'verifikator', opdId: null, opdName: null }]) });
    expect(res.json().roles).toHaveLength(2);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('tenant_id', '=', t1.id).where('entity_id', '=', target.id).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'user.update', before: { name: 'Pengguna Uji' }, after: { name: 'Nama Baru' } },
      { action: 'user.role.revoke', before: { role: 'operator_opd', opdId: opdA.id }, after: null },
      { action: 'user.role.grant', before: null, after: { role: 'kepala_opd', opdId: opdB.id } },
    ]);
    // Now heading OPD B, the user reads operator B.
    expect((await get(`/users/${operatorB.id}`, await sessionHeaders(handle.db, target))).statusCode).toBe(200);
  });

  it('deactivating a user or setting a password ends their sessions; a password lifts a lockout', async () => {
    const target = await buildUser(handle.db, t1, [{ role: 'verifikator' }]);
    const s1 = await sessionHeaders(handle.db, target);
    const off = await send('PATCH', `/users/${target.id}`, { isActive: false }, h.admin);
    expect(off.json().isActive).toBe(false);
    expect((await get('/auth/session', s1)).statusCode).toBe(401);
    const login = (password: string, ip = '127.0.0.1') =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: target.email, password, tenant: t1.slug }, remoteAddress: ip });
    expect((await login(target.password)).statusCode).toBe(401);

    await send('PATCH', `/users/${target.id}`, { isActive: true }, h.admin);
    // Five wrong passwords from one address lock that address out of the account.
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) await login('salah-salah-123', '192.0.2.80');
    expect((await login(target.password, '192.0.2.80')).statusCode).toBe(423);
    expect((await get(`/users/${target.id}`, h.admin)).json().lockedUntil).not.toBeNull();
    const s2 = await sessionHeaders(handle.db, target);
    const reset = await send('PATCH', `/users/${target.id}`, { password: 'sandi-dari-admin-1' }, h.admin);
    expect(reset.statusCode).toBe(200);
    expect(reset.json().lockedUntil).toBeNull();
    expect((await get('/auth/session', s2)).statusCode).toBe(401);
    expect((await login('sandi-dari-admin-1', '192.0.2.80')).statusCode).toBe(200);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'after']).where('tenant_id', '=', t1.id).where('entity_id', '=', target.id).where('action', '=', 'user.update').orderBy('id').execute();
    // The reset names the sign-in counters it cleared: the account's, and one per address
    // that failed (127.0.0.1 while inactive, 192.0.2.80).
    expect(audit.map((a) => a.after)).toEqual([{ isActive: false }, { isActive: true }, { passwordChanged: true, loginCountersCleared: 3 }]);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    expect((await get('/users/00000000-0000-4000-8000-000000000000', h.admin)).statusCode).toBe(404);
    expect((await get('/users/bukan-uuid', h.admin)).statusCode).toBe(400);
  });
});

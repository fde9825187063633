import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildRegion, buildTenant, buildUnit, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { auditCount, caller, type Caller } from '../../../../test/helpers/organisation.js';

let handle: DbHandle;
let app: FastifyInstance;
let t1: TestTenant;
let t2: TestTenant;
let kec: string;
let opdA: { id: string; name: string };
let opdB: { id: string; name: string };
let unitA: { id: string };
let unitB: { id: string };
let serviceA: string;
let serviceB: string;
const as: Record<string, Caller> = {};

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  t1 = await buildTenant(db);
  t2 = await buildTenant(db);
  kec = await buildRegion(db, t1);
  await buildRegion(db, t2);
  opdA = await buildOpd(db, t1);
  opdB = await buildOpd(db, t1);
  const opdT2 = await buildOpd(db, t2);
  unitA = await buildUnit(db, t1, opdA.id);
  unitB = await buildUnit(db, t1, opdB.id);
  const users = {
    admin: await buildUser(db, t1, [{ role: 'admin' }]),
    operatorA: await buildUser(db, t1, [{ role: 'operator_opd', opdId: opdA.id }]),
    kepalaA: await buildUser(db, t1, [{ role: 'kepala_opd', opdId: opdA.id }]),
    verifikator: await buildUser(db, t1, [{ role: 'verifikator' }]),
    pimpinan: await buildUser(db, t1, [{ role: 'pimpinan' }]),
    inspektorat: await buildUser(db, t1, [{ role: 'inspektorat' }]),
    warga: await buildUser(db, t1, [{ role: 'warga' }]),
    adminT2: await buildUser(db, t2, [{ role: 'admin' }]),
    operatorT2: await buildUser(db, t2, [{ role: 'operator_opd', opdId: opdT2.id }]),
    superadmin: await buildUser(db, t2, [{ role: 'superadmin' }]),
  };
  for (const [k, u] of Object.entries(users)) as[k] = caller(app, await sessionHeaders(db, u));
  as.anonymous = caller(app);
  as.superadminInT1 = caller(app, await sessionHeaders(db, users.superadmin), `/r/${t1.slug}`);
  as.adminT2InT1 = caller(app, await sessionHeaders(db, users.adminT2), `/r/${t1.slug}`);
  serviceA = (await as.admin.post('/services', { unitId: unitA.id, name: 'Layanan A' })).json().id;
  serviceB = (await as.admin.post('/services', { unitId: unitB.id, name: 'Layanan B' })).json().id;
});

afterAll(async () => {
  await app.close();
  await handle.close();
});

const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((i) => i.id).sort();

describe('organisation policy over HTTP', () => {
  it('answers 401 to a caller who is not signed in', async () => {
    for (const url of ['/opds', `/opds/${opdA.id}`, '/units', `/units/${unitA.id}`, '/services', `/services/${serviceA}`, '/tenants']) {
      const res = await as.anonymous.get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
    expect((await as.anonymous.post('/opds', { name: 'X', shortName: 'X', type: 'dinas' })).statusCode).toBe(401);
    expect((await as.anonymous.post('/units', { opdId: opdA.id, name: 'X' })).statusCode).toBe(401);
    expect((await as.anonymous.patch(`/units/${unitA.id}`, { name: 'X' })).statusCode).toBe(401);
  });

  it('keeps an operator of OPD A out of OPD B units and services', async () => {
    const op = as.operatorA;
    expect(ids(await op.get('/units'))).toEqual([unitA.id]);
    expect(ids(await op.get('/services'))).toEqual([serviceA]);
    expect((await op.get(`/units?opdId=${opdB.id}`)).statusCode).toBe(403);
    expect((await op.get(`/services?opdId=${opdB.id}`)).statusCode).toBe(403);
    expect((await op.get(`/services?unitId=${unitB.id}`)).statusCode).toBe(403);
    expect((await op.get(`/units/${unitB.id}`)).statusCode).toBe(403);
    expect((await op.get(`/services/${serviceB}`)).statusCode).toBe(403);
    const before = await auditCount(handle.db, t1.id);
    expect((await op.patch(`/units/${unitB.id}`, { name: 'Diambil alih' })).statusCode).toBe(403);
    expect((await op.patch(`/services/${serviceB}`, { name: 'Diambil alih' })).statusCode).toBe(403);
    expect((await op.post('/units', { opdId: opdB.id, name: 'Unit Susupan' })).statusCode).toBe(403);
    expect((await op.post('/services', { unitId: unitB.id, name: 'Layanan Susupan' })).statusCode).toBe(403);
    // Moving its own unit or service into OPD B is writing in OPD B.
    expect((await op.patch(`/units/${unitA.id}`, { opdId: opdB.id })).statusCode).toBe(403);
    expect((await op.patch(`/services/${serviceA}`, { unitId: unitB.id })).statusCode).toBe(403);
    expect((await as.admin.get(`/units/${unitB.id}`)).json().name).not.toBe('Diambil alih');
    expect((await as.admin.get(`/services/${serviceB}`)).json()).toMatchObject({ name: 'Layanan B', unitId: unitB.id });
    expect((await as.admin.get(`/units/${unitA.id}`)).json().opdId).toBe(opdA.id);
    expect(await auditCount(handle.db, t1.id)).toBe(before);
  });

  it('lets OPD staff read the OPD list and write their own units and services, but not OPDs', async () => {
    for (const who of [as.operatorA, as.kepalaA]) {
      expect(ids(await who.get('/opds'))).toEqual(expect.arrayContaining([opdA.id, opdB.id].sort()));
      expect((await who.get(`/opds/${opdB.id}`)).statusCode).toBe(200);
      expect((await who.post('/opds', { name: `Dinas Baru ${Math.random()}`, shortName: `DB${Math.random()}`.slice(0, 20), type: 'dinas' })).statusCode).toBe(403);
      expect((await who.patch(`/opds/${opdA.id}`, { headName: 'Saya Sendiri' })).statusCode).toBe(403);
    }
    const unit = await as.operatorA.post('/units', { opdId: opdA.id, name: 'Loket Operator' });
    expect(unit.statusCode).toBe(201);
    expect(unit.json()).toMatchObject({ opdId: opdA.id, opdName: opdA.name, name: 'Loket Operator', isActive: true });
    const svc = await as.kepalaA.post('/services', { unitId: unit.json().id, name: 'Layanan Loket' });
    expect(svc.statusCode).toBe(201);
    expect((await as.kepalaA.patch(`/units/${unit.json().id}`, { address: 'Jl. Uji 1' })).json().address).toBe('Jl. Uji 1');
  });

  it('lets verifikator, pimpinan and inspektorat read everything and write nothing', async () => {
    for (const who of [as.verifikator, as.pimpinan, as.inspektorat]) {
      expect(ids(await who.get(`/units?opdId=${opdB.id}`))).toEqual([unitB.id]);
      expect((await who.get(`/services/${serviceB}`)).statusCode).toBe(200);
      expect((await who.get('/opds')).statusCode).toBe(200);
      expect((await who.post('/units', { opdId: opdA.id, name: 'Tidak Boleh' })).statusCode).toBe(403);
      expect((await who.patch(`/services/${serviceA}`, { name: 'Tidak Boleh' })).statusCode).toBe(403);
      expect((await who.patch(`/opds/${opdA.id}`, { headName: 'Tidak Boleh' })).statusCode).toBe(403);
    }
  });

  it('gives a warga no access to the staff lists', async () => {
    for (const url of ['/opds', '/units', '/services', `/units/${unitA.id}`]) expect((await as.warga.get(url)).statusCode, url).toBe(403);
  });

  it("never lets another tenant's staff read or change this tenant's data", async () => {
    const before = await auditCount(handle.db, t1.id);
    // Naming this tenant explicitly: 403.
    expect((await as.adminT2InT1.get('/opds')).statusCode).toBe(403);
    expect((await as.adminT2InT1.post('/opds', { name: 'Dinas Asing', shortName: 'DA', type: 'dinas' })).statusCode).toBe(403);
    // From its own tenant, this tenant's ids do not exist: 404 on paths, 400 in bodies.
    for (const url of [`/opds/${opdA.id}`, `/units/${unitA.id}`, `/services/${serviceA}`]) {
      expect((await as.adminT2.get(url)).statusCode, url).toBe(404);
      expect((await as.adminT2.patch(url, { name: 'Diambil' })).statusCode, url).toBe(404);
      expect((await as.operatorT2.get(url)).statusCode, url).toBe(404);
    }
    const unit = await as.adminT2.post('/units', { opdId: opdA.id, name: 'Unit Asing' });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().code).toBe('INVALID_REFERENCE');
    const svc = await as.adminT2.post('/services', { unitId: unitA.id, name: 'Layanan Asing' });
    expect(svc.statusCode).toBe(400);
    expect(svc.json().code).toBe('INVALID_REFERENCE');
    expect(ids(await as.adminT2.get('/units')).includes(unitA.id)).toBe(false);
    expect(await auditCount(handle.db, t1.id)).toBe(before);
  });

  it('lets a superadmin write in any tenant', async () => {
    const res = await as.superadminInT1.post('/opds', { name: 'Dinas Superadmin', shortName: 'DSA', type: 'dinas' });
    expect(res.statusCode).toBe(201);
    expect((await as.admin.get(`/opds/${res.json().id}`)).json().name).toBe('Dinas Superadmin');
  });
});

describe('OPDs, units and services', () => {
  it('creates an OPD with a region of the tenant, audited, and reads it back', async () => {
    const res = await as.admin.post('/opds', {
      name: '  Dinas   Kesehatan ',
      shortName: 'Dinkes',
      type: 'dinas',
      headName: 'dr. Uji',
      headTitle: 'Kepala Dinas',
      regionCode: `${kec}.1001`,
    });
    expect(res.statusCode).toBe(201);
    const opd = res.json();
    expect(opd).toEqual({ id: expect.any(String), name: 'Dinas Kesehatan', shortName: 'Dinkes', type: 'dinas', headName: 'dr. Uji', headTitle: 'Kepala Dinas', regionCode: `${kec}.1001`, isActive: true });
    expect((await as.verifikator.get(`/opds/${opd.id}`)).json()).toEqual(opd);
    const audit = await handle.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', t1.id).where('entity_id', '=', opd.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'opd.create', entity_type: 'opd', before: null });
    expect(audit[0].after).toMatchObject({ name: 'Dinas Kesehatan', short_name: 'Dinkes' });
  });

  it('refuses duplicate names with 409 DUPLICATE naming the field, in Indonesian and English', async () => {
    await as.admin.post('/opds', { name: 'Dinas Sosial', shortName: 'Dinsos', type: 'dinas' });
    const before = await auditCount(handle.db, t1.id);
    const dupName = await as.admin.post('/opds', { name: 'DINAS  SOSIAL', shortName: 'Lain', type: 'dinas' });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json()).toMatchObject({ code: 'DUPLICATE', message: 'Data dengan nama yang sama sudah ada.', details: [{ field: 'name' }] });
    const en = await app.inject({ method: 'POST', url: '/api/v1/opds', headers: { ...(await headersOf('admin')), 'accept-language': 'en' }, payload: { name: 'Dinas Lain', shortName: 'dinsos', type: 'dinas' } });
    expect(en.statusCode).toBe(409);
    expect(en.json()).toMatchObject({ code: 'DUPLICATE', message: 'An entry with the same short name already exists.', details: [{ field: 'shortName' }] });
    const other = (await as.admin.post('/opds', { name: 'Dinas Perhubungan', shortName: 'Dishub', type: 'dinas' })).json();
    const rename = await as.admin.patch(`/opds/${other.id}`, { name: 'Dinas Sosial' });
    expect(rename.statusCode).toBe(409);
    expect((await as.admin.get(`/opds/${other.id}`)).json().name).toBe('Dinas Perhubungan');
    expect(await auditCount(handle.db, t1.id)).toBe(before + 1);
  });

  it("refuses a region code that is not one of the tenant's regions", async () => {
    const foreign = `${t2.code}.01`;
    for (const regionCode of [foreign, `${kec}.2999`]) {
      const res = await as.admin.post('/opds', { name: `Kecamatan ${regionCode}`, shortName: regionCode, type: 'kecamatan', regionCode });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_REGION', message: `Kode wilayah ${regionCode} tidak dikenal untuk daerah ini.` });
    }
    expect((await as.admin.post('/units', { opdId: opdA.id, name: 'Unit Salah Wilayah', regionCode: foreign })).json().code).toBe('INVALID_REGION');
    expect((await as.admin.patch(`/units/${unitA.id}`, { regionCode: foreign })).json().code).toBe('INVALID_REGION');
  });

  it('changes and deactivates an OPD; lists hide inactive ones unless asked', async () => {
    const opd = (await as.admin.post('/opds', { name: 'Dinas Pariwisata', shortName: 'Dispar', type: 'dinas' })).json();
    const res = await as.admin.patch(`/opds/${opd.id}`, { headName: 'Kepala Baru', regionCode: kec, isActive: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ headName: 'Kepala Baru', regionCode: kec, isActive: false });
    expect(ids(await as.admin.get('/opds'))).not.toContain(opd.id);
    expect(ids(await as.admin.get('/opds?includeInactive=true'))).toContain(opd.id);
    const audit = await handle.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', t1.id).where('entity_id', '=', opd.id).where('action', '=', 'opd.update').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ is_active: true, head_name: null });
    expect(audit.after).toMatchObject({ is_active: false, head_name: 'Kepala Baru' });
    // Clearing a field with null.
    expect((await as.admin.patch(`/opds/${opd.id}`, { headName: null })).json().headName).toBeNull();
  });

  it('keeps unit names unique per OPD and service names unique per unit', async () => {
    const u1 = await as.admin.post('/units', { opdId: opdA.id, name: 'Loket Utama', address: 'Jl. Uji', regionCode: `${kec}.2001` });
    expect(u1.statusCode).toBe(201);
    expect(u1.json()).toMatchObject({ opdId: opdA.id, opdName: opdA.name, regionCode: `${kec}.2001` });
    const dup = await as.admin.post('/units', { opdId: opdA.id, name: 'loket utama' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details).toEqual([{ field: 'name', message: 'Data dengan nama yang sama sudah ada.' }]);
    const inB = await as.admin.post('/units', { opdId: opdB.id, name: 'Loket Utama' });
    expect(inB.statusCode).toBe(201);
    // Moving B's "Loket Utama" into A would clash.
    expect((await as.admin.patch(`/units/${inB.json().id}`, { opdId: opdA.id })).statusCode).toBe(409);

    const s1 = await as.admin.post('/services', { unitId: u1.json().id, name: 'Legalisir', description: 'Legalisir dokumen' });
    expect(s1.statusCode).toBe(201);
    expect(s1.json()).toEqual({ id: expect.any(String), unitId: u1.json().id, unitName: 'Loket Utama', opdId: opdA.id, name: 'Legalisir', description: 'Legalisir dokumen', isActive: true });
    expect((await as.admin.post('/services', { unitId: u1.json().id, name: 'LEGALISIR' })).statusCode).toBe(409);
    expect((await as.admin.post('/services', { unitId: inB.json().id, name: 'Legalisir' })).statusCode).toBe(201);
    expect(ids(await as.admin.get(`/services?unitId=${u1.json().id}`))).toEqual([s1.json().id]);
    expect((await as.admin.get(`/services?opdId=${opdA.id}`)).json().items.every((s: { opdId: string }) => s.opdId === opdA.id)).toBe(true);

    const moved = await as.admin.patch(`/services/${s1.json().id}`, { unitId: unitA.id, isActive: false });
    expect(moved.json()).toMatchObject({ unitId: unitA.id, isActive: false });
    expect(ids(await as.admin.get(`/services?unitId=${unitA.id}`))).not.toContain(s1.json().id);
    expect(ids(await as.admin.get(`/services?unitId=${unitA.id}&includeInactive=true`))).toContain(s1.json().id);
  });

  it('refuses references to units and OPDs that do not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await as.admin.post('/units', { opdId: missing, name: 'X' })).json()).toMatchObject({ code: 'INVALID_REFERENCE', details: [{ field: 'opdId' }] });
    expect((await as.admin.post('/services', { unitId: missing, name: 'X' })).json()).toMatchObject({ code: 'INVALID_REFERENCE', details: [{ field: 'unitId' }] });
    expect((await as.admin.patch(`/units/${unitA.id}`, { opdId: missing })).json().code).toBe('INVALID_REFERENCE');
    expect((await as.admin.get(`/opds/${missing}`)).statusCode).toBe(404);
  });
});

const headersCache: Record<string, Record<string, string>> = {};
async function headersOf(role: 'admin') {
  headersCache[role] ??= await sessionHeaders(handle.db, await buildUser(handle.db, t1, [{ role }]));
  return headersCache[role];
}

describe('bad input never reaches a 500 and changes nothing', () => {
  it('answers 4xx with a code and message for wrong types, unknown fields, bad JSON, oversize bodies and bad ids', async () => {
    const opdsBefore = ids(await as.admin.get('/opds?includeInactive=true'));
    const auditBefore = await auditCount(handle.db, t1.id);
    const h = await headersOf('admin');
    const cases: Array<[string, InjectOptions, number, string]> = [
      ['wrong type', { method: 'POST', url: '/api/v1/opds', headers: h, payload: { name: { text: 'Dinas X' }, shortName: 'X', type: 'dinas' } }, 400, 'VALIDATION'],
      ['null for a required text', { method: 'POST', url: '/api/v1/opds', headers: h, payload: { name: null, shortName: 'X', type: 'dinas' } }, 400, 'VALIDATION'],
      ['unknown field', { method: 'POST', url: '/api/v1/opds', headers: h, payload: { name: 'Dinas X', shortName: 'X', type: 'dinas', budget: 1 } }, 400, 'VALIDATION'],
      ['unknown type', { method: 'POST', url: '/api/v1/opds', headers: h, payload: { name: 'Dinas X', shortName: 'X', type: 'kementerian' } }, 400, 'VALIDATION'],
      ['blank name', { method: 'POST', url: '/api/v1/opds', headers: h, payload: { name: '   ', shortName: 'X', type: 'dinas' } }, 400, 'VALIDATION'],
      ['too long', { method: 'POST', url: '/api/v1/opds', headers: h, payload: { name: 'D'.repeat(201), shortName: 'X', type: 'dinas' } }, 400, 'VALIDATION'],
      ['malformed region', { method: 'POST', url: '/api/v1/opds', headers: h, payload: { name: 'Dinas X', shortName: 'X', type: 'dinas', regionCode: "63.10'; drop table opd;--" } }, 400, 'VALIDATION'],
      ['malformed JSON', { method: 'POST', url: '/api/v1/opds', headers: { ...h, 'content-type': 'application/json' }, payload: '{"name": "Dinas' }, 400, 'INVALID_JSON'],
      ['oversize', { method: 'POST', url: '/api/v1/opds', headers: { ...h, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(1_100_000), shortName: 'X', type: 'dinas' }) }, 413, 'PAYLOAD_TOO_LARGE'],
      ['empty patch', { method: 'PATCH', url: `/api/v1/opds/${opdA.id}`, headers: h, payload: {} }, 400, 'VALIDATION'],
      ['patch unknown field', { method: 'PATCH', url: `/api/v1/units/${unitA.id}`, headers: h, payload: { tenantId: t2.id } }, 400, 'VALIDATION'],
      ['patch wrong type', { method: 'PATCH', url: `/api/v1/services/${serviceA}`, headers: h, payload: { isActive: 'tidak' } }, 400, 'VALIDATION'],
      ['bad id', { method: 'GET', url: '/api/v1/opds/not-a-uuid', headers: h }, 400, 'VALIDATION'],
      ['bad query', { method: 'GET', url: '/api/v1/units?opdId=123', headers: h }, 400, 'VALIDATION'],
      ['unknown query', { method: 'GET', url: '/api/v1/opds?secret=1', headers: h }, 400, 'VALIDATION'],
      ['bad body reference', { method: 'POST', url: '/api/v1/units', headers: h, payload: { opdId: 'x', name: 'Y' } }, 400, 'VALIDATION'],
      ['no CSRF token', { method: 'POST', url: '/api/v1/opds', headers: { cookie: h.cookie }, payload: { name: 'Dinas X', shortName: 'X', type: 'dinas' } }, 403, 'CSRF'],
    ];
    for (const [label, req, status, code] of cases) {
      const res = await app.inject(req);
      expect(res.statusCode, label).toBe(status);
      expect(res.json().code, label).toBe(code);
      expect(res.json().message, label).toEqual(expect.any(String));
    }
    expect(ids(await as.admin.get('/opds?includeInactive=true'))).toEqual(opdsBefore);
    expect(await auditCount(handle.db, t1.id)).toBe(auditBefore);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildRegion, buildTenant, buildUser, sessionHeaders, type TestTenant, type TestUser } from '../../../../test/helpers/factories.js';
import { auditCount, caller, freeRegencyCode, randomSlug, type Caller } from '../../../../test/helpers/organisation.js';
import { findGovernment, regionsOf, timezoneForProvince } from './region-data.js';

let handle: DbHandle;
let app: FastifyInstance;
let t1: TestTenant;
let t2: TestTenant;
const as: Record<string, Caller> = {};
let users: Record<string, TestUser>;
const headersOf: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  t1 = await buildTenant(db);
  t2 = await buildTenant(db);
  await buildRegion(db, t1, '01');
  await buildRegion(db, t1, '02');
  const opd = await buildOpd(db, t1);
  users = {
    admin: await buildUser(db, t1, [{ role: 'admin' }]),
    operator: await buildUser(db, t1, [{ role: 'operator_opd', opdId: opd.id }]),
    verifikator: await buildUser(db, t1, [{ role: 'verifikator' }]),
    adminT2: await buildUser(db, t2, [{ role: 'admin' }]),
    superadmin: await buildUser(db, t2, [{ role: 'superadmin' }]),
  };
  for (const [k, u] of Object.entries(users)) {
    headersOf[k] = await sessionHeaders(db, u);
    as[k] = caller(app, headersOf[k]);
  }
  as.anonymousT1 = caller(app, {}, `/r/${t1.slug}`);
});

afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('the current tenant', () => {
  it('is public: name, level, time zone and demo flag for the login page', async () => {
    const res = await as.anonymousT1.get('/tenant');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: t1.id, code: t1.code, name: t1.name, level: 'kabupaten', timezone: 'Asia/Makassar', slug: t1.slug, hostnames: [], isDemo: false });
    const unknown = await app.inject('/r/tidak-ada-daerah/api/v1/tenant');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('TENANT_UNKNOWN');
  });

  it('can be renamed by its admin; its host names are set by the superadmin, and host routing sees them at once', async () => {
    const host = `prima-${crypto.randomBytes(4).toString('hex')}.example.go.id`;
    const viaHost = () => app.inject({ url: '/api/v1/tenant', headers: { host } });
    expect((await viaHost()).statusCode).toBe(404); // also caches "no tenant for this host"
    const renamed = await as.admin.patch('/tenant', { name: 'Pemerintah Kabupaten Uji' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: t1.id, name: 'Pemerintah Kabupaten Uji', hostnames: [] });
    const res = await as.superadmin.patch(`/tenants/${t1.id}`, { hostnames: [host] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: t1.id, name: 'Pemerintah Kabupaten Uji', hostnames: [host] });
    const routed = await viaHost();
    expect(routed.statusCode).toBe(200);
    expect(routed.json().id).toBe(t1.id);
    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['actor_id', 'before', 'after'])
      .where('tenant_id', '=', t1.id)
      .where('action', '=', 'tenant.update')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.actor_id)).toEqual([users.admin.id, users.superadmin.id]);
    expect(audit[0].before).toMatchObject({ name: t1.name, hostnames: [] });
    expect(audit[1].after).toMatchObject({ name: 'Pemerintah Kabupaten Uji', hostnames: [host] });

    // Another tenant cannot be given the same host name.
    const clash = await as.superadmin.patch(`/tenants/${t2.id}`, { hostnames: [host] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'DUPLICATE', details: [{ field: 'hostnames' }] });
    // The superadmin may also use the tenant's own address (PATCH /r/{slug}/api/v1/tenant).
    const viaPrefix = await caller(app, headersOf.superadmin, `/r/${t1.slug}`).patch('/tenant', { hostnames: [] });
    expect(viaPrefix.statusCode).toBe(200);
    expect(viaPrefix.json().hostnames).toEqual([]);
    const unknown = await as.superadmin.patch('/tenants/00000000-0000-4000-8000-000000000000', { name: 'Tidak Ada' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('TENANT_UNKNOWN');
  });

  it("cannot have its front door taken by its own admin: host names are the superadmin's (403, nothing changes)", async () => {
    // The attack of issue #11: a tenant admin claims a host, and every un-prefixed request
    // to it (a citizen's report) would land in their tenant.
    const host = `pintu-${crypto.randomBytes(4).toString('hex')}.example.go.id`;
    const before = await auditCount(handle.db, t2.id);
    const id = await as.adminT2.patch('/tenant', { hostnames: [host] });
    expect(id.statusCode).toBe(403);
    expect(id.json()).toMatchObject({ code: 'FORBIDDEN', message: 'Nama host dan slug pemerintah daerah hanya dapat diatur oleh superadmin.' });
    const en = await caller(app, { ...headersOf.adminT2, 'accept-language': 'en' }).patch('/tenant', { name: 'Kabupaten Baru', hostnames: [host] });
    expect(en.statusCode).toBe(403);
    expect(en.json().message).toBe("Only the superadmin can set a regional government's host names and slug.");
    // Nor through the superadmin's route, for its own tenant or another.
    expect((await as.adminT2.patch(`/tenants/${t2.id}`, { hostnames: [host] })).statusCode).toBe(403);
    expect((await as.admin.patch(`/tenants/${t2.id}`, { name: 'Diambil' })).statusCode).toBe(403);
    expect((await as.anonymousT1.patch(`/tenants/${t2.id}`, { name: 'Diambil' })).statusCode).toBe(401);
    // Nothing changed: no host name, same name, no audit row; the host routes nowhere.
    const row = await handle.db.selectFrom('tenant').select(['name', 'hostnames']).where('id', '=', t2.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: t2.name, hostnames: [] });
    expect(await auditCount(handle.db, t2.id)).toBe(before);
    expect((await app.inject({ url: '/api/v1/tenant', headers: { host } })).statusCode).toBe(404);
    // The slug is not a field of the tenant admin's form at all.
    expect((await as.adminT2.patch('/tenant', { slug: 'diambil-alih' })).statusCode).toBe(400);
    // Renaming stays the admin's.
    const renamed = await as.adminT2.patch('/tenant', { name: `${t2.name} (diubah)` });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().hostnames).toEqual([]);
  });

  it('cannot be changed by anyone but its admin, nor with bad input', async () => {
    const before = await auditCount(handle.db, t1.id);
    expect((await as.operator.patch('/tenant', { name: 'Diambil' })).statusCode).toBe(403);
    expect((await as.verifikator.patch('/tenant', { name: 'Diambil' })).statusCode).toBe(403);
    expect((await as.anonymousT1.patch('/tenant', { name: 'Diambil' })).statusCode).toBe(401);
    for (const body of [{ hostnames: ['Bukan Host!'] }, { code: '11.01' }, { isDemo: true }, {}, { name: '' }, { hostnames: [{ host: 'a.go.id' }] }]) {
      const res = await as.admin.patch('/tenant', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
    }
    expect(await auditCount(handle.db, t1.id)).toBe(before);
    expect((await as.anonymousT1.get('/tenant')).json().code).toBe(t1.code);
  });
});

describe('tenants (superadmin)', () => {
  it('are listed for a superadmin only', async () => {
    const res = await as.superadmin.get('/tenants');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([t1.id, t2.id]));
    expect((await as.admin.get('/tenants')).statusCode).toBe(403);
    expect((await as.anonymousT1.get('/tenants')).statusCode).toBe(401);
  });

  it('are created from a Kemendagri code with name, level, time zone and regions from the data', async () => {
    const code = await freeRegencyCode(handle.db);
    const gov = findGovernment(code)!;
    const slug = randomSlug('kab');
    const res = await as.superadmin.post('/tenants', { code, slug });
    expect(res.statusCode).toBe(201);
    const tenant = res.json();
    expect(tenant).toMatchObject({ code, slug, name: gov.name, level: gov.level, isDemo: false, hostnames: [] });
    expect(tenant.timezone).toBe(timezoneForProvince(gov.provinceCode));

    const expected = regionsOf(code);
    const count = await handle.db.selectFrom('region').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(expected.length);
    const kec = await app.inject(`/r/${slug}/api/v1/regions?level=kecamatan`);
    expect(kec.json().items.map((r: { code: string }) => r.code)).toEqual(expected.filter((r) => r.level === 'kecamatan').map((r) => r.code));
    const audit = await handle.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.id).where('action', '=', 'tenant.create').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ code, regionsLoaded: expected.length });
    // The new tenant answers by its slug straight away (tenant cache invalidated).
    expect((await app.inject(`/r/${slug}/api/v1/tenant`)).json().id).toBe(tenant.id);
  });

  it('take their time zone from the province (Keppres 41/1987) unless one is given', async () => {
    const anyCode = await freeRegencyCode(handle.db);
    const zoneOf = async (code: string, timezone?: string) =>
      (await as.superadmin.post('/tenants', { code, slug: randomSlug(), ...(timezone ? { timezone } : {}) })).json().timezone;
    const used = new Set((await handle.db.selectFrom('tenant').select('code').execute()).map((r) => r.code));
    const free = (codes: string[]) => codes.find((c) => !used.has(c))!;
    expect(await zoneOf(free(['61.71', '61.72', '61.01', '61.02']))).toBe('Asia/Jakarta'); // Kalimantan Barat: WIB
    expect(await zoneOf(free(['51.71', '51.01', '51.02', '51.03']))).toBe('Asia/Makassar'); // Bali: WITA
    expect(await zoneOf(free(['81.71', '81.72', '81.01', '81.02']))).toBe('Asia/Jayapura'); // Maluku: WIT
    expect(await zoneOf(anyCode, 'Asia/Jayapura')).toBe('Asia/Jayapura');
  });

  it('can be a province, holding its kabupaten/kota as regions', async () => {
    const used = new Set((await handle.db.selectFrom('tenant').select('code').execute()).map((r) => r.code));
    const code = ['65', '76', '75', '82', '92'].find((c) => !used.has(c))!;
    const res = await as.superadmin.post('/tenants', { code, slug: randomSlug('prov') });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ level: 'provinsi', name: findGovernment(code)!.name });
    const regencies = await app.inject(`/r/${res.json().slug}/api/v1/regions?parent=${code}`);
    expect(regencies.json().items.length).toBe(regionsOf(code).filter((r) => r.parentCode === code).length);
    expect(regencies.json().items.every((r: { level: string }) => r.level === 'kabupaten' || r.level === 'kota')).toBe(true);
  });

  it('refuse unknown codes, taken codes and slugs, non-superadmins and bad input', async () => {
    const code = await freeRegencyCode(handle.db);
    const slug = randomSlug();
    const bad = async (body: unknown, status: number, errorCode: string, who = as.superadmin) => {
      const res = await who.post('/tenants', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code, JSON.stringify(body)).toBe(errorCode);
      return res.json();
    };
    expect(await bad({ code: '63.99', slug }, 400, 'INVALID_REGION')).toMatchObject({ message: 'Kode wilayah 63.99 tidak dikenal untuk daerah ini.' });
    await bad({ code: '00', slug }, 400, 'INVALID_REGION');
    await bad({ code: '6310', slug }, 400, 'VALIDATION');
    await bad({ code: '63.10.01', slug }, 400, 'VALIDATION');
    await bad({ code, slug: 'Bukan Slug' }, 400, 'VALIDATION');
    await bad({ code, slug, timezone: 'Asia/Pontianak' }, 400, 'VALIDATION');
    await bad({ code, slug, isDemo: true }, 400, 'VALIDATION');
    await bad({ code, slug }, 403, 'FORBIDDEN', as.admin);
    expect((await as.superadmin.post('/tenants', { code, slug })).statusCode).toBe(201);
    expect(await bad({ code, slug: randomSlug() }, 409, 'DUPLICATE')).toMatchObject({ details: [{ field: 'code' }] });
    const other = await freeRegencyCode(handle.db);
    expect(await bad({ code: other, slug }, 409, 'DUPLICATE')).toMatchObject({ details: [{ field: 'slug' }] });
    expect(await handle.db.selectFrom('tenant').select('id').where('code', '=', other).executeTakeFirst()).toBeUndefined();
  });
});

describe('regions', () => {
  it('lists the tenant regions by level and parent, publicly', async () => {
    const kec = await as.anonymousT1.get('/regions?level=kecamatan');
    expect(kec.statusCode).toBe(200);
    expect(kec.json().items).toEqual([
      { code: `${t1.code}.01`, parentCode: null, level: 'kecamatan', name: 'Kecamatan 01' },
      { code: `${t1.code}.02`, parentCode: null, level: 'kecamatan', name: 'Kecamatan 02' },
    ]);
    const villages = await as.anonymousT1.get(`/regions?parent=${t1.code}.02`);
    expect(villages.json().items.map((r: { code: string }) => r.code)).toEqual([`${t1.code}.02.1001`, `${t1.code}.02.2001`]);
    const desa = await as.anonymousT1.get(`/regions?parent=${t1.code}.02&level=desa`);
    expect(desa.json().items).toEqual([{ code: `${t1.code}.02.2001`, parentCode: `${t1.code}.02`, level: 'desa', name: 'Desa 02-1' }]);
    // Another tenant sees only its own.
    expect((await as.adminT2.get(`/regions?parent=${t1.code}.02`)).json().items).toEqual([]);
    expect((await as.anonymousT1.get('/regions?level=provinsi')).statusCode).toBe(400);
    expect((await as.anonymousT1.get("/regions?parent=1' or '1'='1")).statusCode).toBe(400);
  });
});

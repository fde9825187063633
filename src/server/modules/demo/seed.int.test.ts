import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/index.js';
import type { Deps } from '../../platform/deps.js';
import { buildTestApp, testConfig } from '../../../../test/helpers/app.js';
import { buildTenant, sessionHeaders } from '../../../../test/helpers/factories.js';
import { openEmptyDatabase } from '../../../../test/helpers/organisation.js';
import { verifyPassword } from '../auth/password.js';
import { seedDemo, seedDemoIfEmpty } from './seed.js';

let handle: DbHandle;
let deps: Deps;

beforeAll(async () => {
  handle = await openEmptyDatabase();
  deps = { config: testConfig(), db: handle.db, handle };
});

afterAll(async () => {
  await handle?.close();
});

async function counts(h: DbHandle) {
  const n = async (table: 'tenant' | 'region' | 'opd' | 'service_unit' | 'service' | 'app_user' | 'user_role' | 'audit_log') =>
    Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    tenants: await n('tenant'),
    regions: await n('region'),
    opds: await n('opd'),
    units: await n('service_unit'),
    services: await n('service'),
    users: await n('app_user'),
    roles: await n('user_role'),
    audit: await n('audit_log'),
  };
}

describe('demo region', () => {
  it('is seeded once into an empty database, even when two processes start together', async () => {
    const results = await Promise.all([seedDemoIfEmpty(deps), seedDemoIfEmpty(deps)]);
    const seeded = results.filter((r) => r !== null);
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toEqual({
      tenantName: 'Kabupaten Tanah Bumbu',
      password: 'PrimaDemo#2026',
      accounts: expect.arrayContaining([{ role: 'admin', email: 'admin@demo.prima.id' }]),
    });
    const first = await counts(handle);
    expect(first.tenants).toBe(1);

    expect(await seedDemoIfEmpty(deps)).toBeNull();
    const again = await seedDemo(handle.db);
    expect(again.created).toBe(false);
    expect(await counts(handle)).toEqual(first);
  });

  it('is Kabupaten Tanah Bumbu, marked as demo, with its 12 real kecamatan and their desa/kelurahan', async () => {
    const tenant = await handle.db.selectFrom('tenant').selectAll().executeTakeFirstOrThrow();
    expect(tenant).toMatchObject({ code: '63.10', name: 'Kabupaten Tanah Bumbu', level: 'kabupaten', timezone: 'Asia/Makassar', slug: 'tanah-bumbu', is_demo: true });
    const regions = await handle.db.selectFrom('region').selectAll().where('tenant_id', '=', tenant.id).orderBy('code').execute();
    const kec = regions.filter((r) => r.level === 'kecamatan');
    expect(kec).toHaveLength(12);
    expect(kec.map((k) => k.name)).toContain('Teluk Kepayang');
    expect(regions.filter((r) => r.level === 'desa' || r.level === 'kelurahan')).toHaveLength(157);
    expect(regions.find((r) => r.code === '63.10.01.1007')).toMatchObject({ level: 'kelurahan', name: 'Batulicin', parent_code: '63.10.01' });
  });

  it('has about 25 typical OPDs or more, each with 1–3 units that offer services', async () => {
    const tenantId = (await handle.db.selectFrom('tenant').select('id').executeTakeFirstOrThrow()).id;
    const opds = await handle.db.selectFrom('opd').selectAll().where('tenant_id', '=', tenantId).execute();
    expect(opds.length).toBeGreaterThanOrEqual(25);
    const names = opds.map((o) => o.name);
    for (const expected of ['Dinas Kesehatan', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'Dinas Perhubungan', 'Dinas Kependudukan dan Pencatatan Sipil', 'Dinas Lingkungan Hidup', 'Dinas Sosial', 'RSUD dr. H. Andi Abdurrahman Noor', 'Inspektorat Daerah', 'Bagian Organisasi Sekretariat Daerah', 'Kecamatan Batu Licin']) {
      expect(names).toContain(expected);
    }
    expect(opds.filter((o) => o.type === 'puskesmas').length).toBeGreaterThanOrEqual(3);
    // Kecamatan offices sit in the real kecamatan of their name.
    const kecamatanNames = new Map((await handle.db.selectFrom('region').select(['code', 'name']).where('tenant_id', '=', tenantId).where('level', '=', 'kecamatan').execute()).map((r) => [r.code, r.name]));
    for (const o of opds.filter((x) => x.type === 'kecamatan')) expect(o.name).toBe(`Kecamatan ${kecamatanNames.get(o.region_code!)}`);

    const units = await handle.db.selectFrom('service_unit').select(['id', 'opd_id']).where('tenant_id', '=', tenantId).execute();
    for (const o of opds) {
      const n = units.filter((u) => u.opd_id === o.id).length;
      expect(n, o.name).toBeGreaterThanOrEqual(1);
      expect(n, o.name).toBeLessThanOrEqual(3);
    }
    const services = await handle.db
      .selectFrom('service as s')
      .innerJoin('service_unit as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'))
      .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'u.tenant_id').onRef('o.id', '=', 'u.opd_id'))
      .select(['o.short_name', 's.name', 's.unit_id'])
      .where('s.tenant_id', '=', tenantId)
      .execute();
    for (const u of units) expect(services.some((s) => s.unit_id === u.id)).toBe(true);
    const of = (opd: string) => services.filter((s) => s.short_name === opd).map((s) => s.name);
    expect(of('Disdukcapil')).toEqual(expect.arrayContaining(['KTP-el', 'Kartu Keluarga', 'Akta Kelahiran']));
    expect(of('DPMPTSP')).toEqual(expect.arrayContaining(['Persetujuan Bangunan Gedung (PBG)', 'Nomor Induk Berusaha (NIB)']));
    expect(of('RSUD')).toEqual(expect.arrayContaining(['Rawat Jalan Poliklinik Umum', 'Pelayanan Gawat Darurat 24 Jam']));
  });

  it('has one account per role with the demo password, OPD roles in Dinas PUPR and Disdukcapil', async () => {
    const rows = await handle.db
      .selectFrom('app_user as u')
      .innerJoin('user_role as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.user_id', '=', 'u.id'))
      .leftJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.opd_id'))
      .select(['u.email', 'u.password_hash', 'r.role', 'o.short_name'])
      .execute();
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(['superadmin', 'admin', 'verifikator', 'pimpinan', 'inspektorat', 'kepala_opd', 'operator_opd', 'warga']));
    expect(byEmail.get('bupati@demo.prima.id')?.role).toBe('pimpinan');
    expect(byEmail.get('sekda@demo.prima.id')?.role).toBe('pimpinan');
    expect(byEmail.get('kepala.pupr@demo.prima.id')).toMatchObject({ role: 'kepala_opd', short_name: 'PUPR' });
    expect(byEmail.get('operator.pupr@demo.prima.id')).toMatchObject({ role: 'operator_opd', short_name: 'PUPR' });
    expect(byEmail.get('operator.disdukcapil@demo.prima.id')).toMatchObject({ role: 'operator_opd', short_name: 'Disdukcapil' });
    expect(await verifyPassword(byEmail.get('admin@demo.prima.id')!.password_hash, 'PrimaDemo#2026')).toBe(true);
    expect(await verifyPassword(byEmail.get('admin@demo.prima.id')!.password_hash, 'salah')).toBe(false);
  });

  it('is audited as the system', async () => {
    const rows = await handle.db.selectFrom('audit_log').select(['actor_id', 'actor_label', 'action']).execute();
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.actor_id === null && r.actor_label === 'seed-demo')).toBe(true);
    expect(rows.filter((r) => r.action === 'tenant.create')).toHaveLength(1);
    expect(rows.some((r) => r.action === 'user.create')).toBe(true);
  });

  it('works over HTTP: the only tenant is the demo, and the PUPR operator sees only PUPR units', async () => {
    const app = await buildTestApp(handle);
    try {
      const tenant = await app.inject('/api/v1/tenant');
      expect(tenant.json()).toMatchObject({ code: '63.10', isDemo: true, slug: 'tanah-bumbu' });
      const user = await handle.db.selectFrom('app_user').select(['id', 'tenant_id', 'email']).where('email', '=', 'operator.pupr@demo.prima.id').executeTakeFirstOrThrow();
      const headers = await sessionHeaders(handle.db, { id: user.id, tenantId: user.tenant_id, email: user.email, password: 'PrimaDemo#2026' });
      const units = (await app.inject({ url: '/api/v1/units', headers })).json().items;
      expect(units.length).toBeGreaterThan(0);
      expect(new Set(units.map((u: { opdName: string }) => u.opdName))).toEqual(new Set(['Dinas Pekerjaan Umum dan Penataan Ruang']));
    } finally {
      await app.close();
    }
  });
});

describe('demo region next to other tenants', () => {
  it('is not seeded at start-up into a database that has tenants, but seed-demo adds it', async () => {
    const other = await openEmptyDatabase();
    try {
      await buildTenant(other.db);
      expect(await seedDemoIfEmpty({ config: testConfig(), db: other.db, handle: other })).toBeNull();
      expect(await other.db.selectFrom('tenant').select('id').where('code', '=', '63.10').executeTakeFirst()).toBeUndefined();
      const outcome = await seedDemo(other.db);
      expect(outcome.created).toBe(true);
      expect((await counts(other)).tenants).toBe(2);
    } finally {
      await other.close();
    }
  });
});

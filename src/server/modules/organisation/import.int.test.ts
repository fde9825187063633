import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp, testConfig } from '../../../../test/helpers/app.js';
import { buildOpd, buildRegion, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { auditCount, caller, type Caller } from '../../../../test/helpers/organisation.js';
import { importOrgCommand } from './cli.js';

let handle: DbHandle;
let app: FastifyInstance;
let t1: TestTenant;
let t2: TestTenant;
let kec: string;
const as: Record<string, Caller> = {};

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  t1 = await buildTenant(db);
  t2 = await buildTenant(db);
  kec = await buildRegion(db, t1);
  const opd = await buildOpd(db, t1, { name: 'Dinas Lama', short_name: 'Dislam' });
  const users = {
    admin: await buildUser(db, t1, [{ role: 'admin' }]),
    operator: await buildUser(db, t1, [{ role: 'operator_opd', opdId: opd.id }]),
    verifikator: await buildUser(db, t1, [{ role: 'verifikator' }]),
    warga: await buildUser(db, t1, [{ role: 'warga' }]),
  };
  for (const [k, u] of Object.entries(users)) as[k] = caller(app, await sessionHeaders(db, u));
  as.anonymous = caller(app, {}, `/r/${t1.slug}`);
  as.adminEn = caller(app, { ...(await sessionHeaders(db, users.admin)), 'accept-language': 'en' });
});

afterAll(async () => {
  await app.close();
  await handle.close();
});

const opdCount = async (tenantId = t1.id) =>
  Number((await handle.db.selectFrom('opd').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n);

const OPDS = [
  'name,short_name,type,head_name,head_title,region_code',
  `Dinas Kependudukan dan Pencatatan Sipil,Disdukcapil,dinas,,Kepala Dinas,${'KEC'}`,
  'Puskesmas Uji,PKM Uji,puskesmas,,Kepala Puskesmas,',
  '"Dinas Koperasi, Usaha Kecil dan Menengah",Diskop UKM,Dinas,,,',
].join('\n');

describe('CSV import', () => {
  it('imports OPDs, then their units, then services, each audited', async () => {
    const before = await auditCount(handle.db, t1.id);
    const opds = await as.admin.csv('/org/import/opds', OPDS.replace('KEC', kec));
    expect(opds.statusCode).toBe(200);
    expect(opds.json()).toEqual({ imported: 3 });
    const list = (await as.admin.get('/opds')).json().items;
    expect(list.find((o: { shortName: string }) => o.shortName === 'Diskop UKM')).toMatchObject({ name: 'Dinas Koperasi, Usaha Kecil dan Menengah', type: 'dinas' });
    expect(list.find((o: { shortName: string }) => o.shortName === 'Disdukcapil')).toMatchObject({ regionCode: kec, headTitle: 'Kepala Dinas', headName: null });

    const units = await as.admin.csv('/org/import/units', `opd_short_name,name,address,region_code\ndisdukcapil,Loket Dukcapil,Jl. Uji 1,${kec}.1001\nPKM Uji,Puskesmas Uji,,\n`, 'text/csv; charset=utf-8');
    expect(units.json()).toEqual({ imported: 2 });
    const services = await as.admin.csv('/org/import/services', 'opd_short_name;unit_name;name;description\nDisdukcapil;Loket Dukcapil;KTP-el;Perekaman dan pencetakan\nDisdukcapil;loket dukcapil;Kartu Keluarga;\nPKM Uji;Puskesmas Uji;Imunisasi;\n');
    expect(services.json()).toEqual({ imported: 3 });
    const svc = (await as.admin.get('/services')).json().items.find((s: { name: string }) => s.name === 'KTP-el');
    expect(svc).toMatchObject({ unitName: 'Loket Dukcapil', description: 'Perekaman dan pencetakan' });

    const actions = await handle.db.selectFrom('audit_log').select('action').where('tenant_id', '=', t1.id).where('action', 'like', '%.import').execute();
    expect(actions.map((a) => a.action).sort()).toEqual([...Array(3).fill('opd.import'), ...Array(3).fill('service.import'), ...Array(2).fill('unit.import')]);
    expect(await auditCount(handle.db, t1.id)).toBe(before + 8);
  });

  it('imports nothing when one row is bad, and names the row, column and problem', async () => {
    const opdsBefore = await opdCount();
    const auditBefore = await auditCount(handle.db, t1.id);
    const csv = ['name,short_name,type,head_name,head_title,region_code', 'Dinas Baik Satu,DBS,dinas,,,', 'Dinas Baik Dua,DBD,dinas,,,', 'Dinas Buruk,DBR,kementerian,,,', 'Dinas Baik Tiga,DBT,badan,,,'].join('\n');
    const res = await as.admin.csv('/org/import/opds', csv);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'IMPORT_INVALID',
      message: 'Berkas impor berisi 1 baris bermasalah; tidak ada data yang diimpor.',
      details: [{ row: 4, column: 'type', message: expect.stringContaining('jenis OPD "kementerian" tidak dikenal') }],
    });
    expect(await opdCount()).toBe(opdsBefore);
    expect(await auditCount(handle.db, t1.id)).toBe(auditBefore);
  });

  it('reports duplicates in the file and in the database, foreign regions and unknown references, in English on request', async () => {
    const opdsBefore = await opdCount();
    const csv = [
      'name,short_name,type,head_name,head_title,region_code',
      'Dinas Baru,DBaru,dinas,,,',
      'DINAS BARU,DBaru2,dinas,,,',
      'Dinas Lama,DL2,dinas,,,',
      `Dinas Luar,DLuar,dinas,,,${t2.code}.01`,
      ',,dinas,,,',
    ].join('\n');
    const res = await as.adminEn.csv('/org/import/opds', csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('The import file has 4 rows with problems; nothing was imported.');
    expect(res.json().details).toEqual([
      { row: 3, column: 'name', message: 'name "DINAS BARU" is already used in row 2' },
      { row: 4, column: 'name', message: 'name "Dinas Lama" already exists' },
      { row: 5, column: 'region_code', message: `region code "${t2.code}.01" is not a region of this government` },
      { row: 6, column: 'name', message: 'name is required' },
      { row: 6, column: 'short_name', message: 'short_name is required' },
    ]);
    const units = await as.adminEn.csv('/org/import/units', 'opd_short_name,name,address,region_code\nTidakAda,Loket,,\n');
    expect(units.json().details).toEqual([{ row: 2, column: 'opd_short_name', message: 'no OPD with short name "TidakAda"' }]);
    const services = await as.adminEn.csv('/org/import/services', 'opd_short_name,unit_name,name,description\nDislam,Gudang,Layanan,\n');
    expect(services.json().details).toEqual([{ row: 2, column: 'unit_name', message: 'no service unit "Gudang" in OPD Dislam' }]);
    expect(await opdCount()).toBe(opdsBefore);
  });

  it('refuses a bad header, a broken file and an empty one', async () => {
    const header = await as.admin.csv('/org/import/units', 'opd,name\nDislam,Loket\n');
    expect(header.json()).toMatchObject({ code: 'IMPORT_INVALID', details: expect.arrayContaining([{ row: 1, column: 'opd', message: 'kolom opd tidak dikenal' }]) });
    const broken = await as.admin.csv('/org/import/opds', 'name,short_name,type,head_name,head_title,region_code\n"Dinas,DX,dinas,,,\n');
    expect(broken.json()).toMatchObject({ code: 'IMPORT_INVALID', details: [{ column: null }] });
    expect((await as.admin.csv('/org/import/opds', '')).statusCode).toBe(400);
  });

  it('is for admins only, and takes only text/csv up to 5 MB', async () => {
    const opdsBefore = await opdCount();
    const csv = OPDS.replace('KEC', '');
    expect((await as.anonymous.csv('/org/import/opds', csv)).statusCode).toBe(401);
    expect((await as.operator.csv('/org/import/opds', csv)).statusCode).toBe(403);
    expect((await as.verifikator.csv('/org/import/units', csv)).statusCode).toBe(403);
    expect((await as.admin.csv('/org/import/users', csv)).statusCode).toBe(400);
    const plain = await as.admin.csv('/org/import/opds', csv, 'text/plain');
    expect(plain.statusCode).toBe(415);
    expect(plain.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Kirim berkas CSV dengan Content-Type text/csv.' });
    expect((await as.admin.csv('/org/import/opds', JSON.stringify({ rows: [] }), 'application/json')).statusCode).toBe(400);
    // Above the 1 MB JSON limit is fine for CSV (this file is refused for its content) ...
    const bigRow = `Dinas X,DX,dinas,${'h'.repeat(150)},,\n`;
    const big = `name,short_name,type,head_name,head_title,region_code\n${bigRow.repeat(Math.ceil(1_200_000 / bigRow.length))}`;
    expect(big.length).toBeGreaterThan(1_100_000);
    const bigRes = await as.admin.csv('/org/import/opds', big);
    expect(bigRes.statusCode).toBe(400);
    expect(bigRes.json().code).toBe('IMPORT_INVALID');
    // ... above 5 MB is not.
    const huge = await as.admin.csv('/org/import/opds', `name,short_name,type,head_name,head_title,region_code\n${'x'.repeat(5 * 1024 * 1024)}`);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(await opdCount()).toBe(opdsBefore);
  });

  it('offers a template per kind to staff', async () => {
    const res = await as.operator.get('/org/import/services/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="prima-services.csv"');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('opd_short_name,unit_name,name,description');
    expect(lines).toHaveLength(2);
    expect((await as.admin.get('/org/import/opds/template')).body).toContain('name,short_name,type,head_name,head_title,region_code');
    expect((await as.admin.get('/org/import/units/template')).body).toContain('opd_short_name,name,address,region_code');
    expect((await as.anonymous.get('/org/import/opds/template')).statusCode).toBe(401);
    expect((await as.warga.get('/org/import/opds/template')).statusCode).toBe(403);
    expect((await as.admin.get('/org/import/things/template')).statusCode).toBe(400);
  });
});

describe('import-org CLI', () => {
  const run = async (args: Record<string, string>) => {
    const lines: string[] = [];
    const code = await importOrgCommand.run({ config: testConfig(), openDb: async () => handle, args, positional: [], out: (l) => lines.push(l) });
    return { code, out: lines.join('\n') };
  };
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prima-import-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  it('imports through the same service and prints each bad row', async () => {
    const before = await opdCount(t2.id);
    const bad = await run({ kind: 'opds', file: file('bad.csv', 'name,short_name,type,head_name,head_title,region_code\nDinas CLI,DCLI,dinas,,,\nDinas CLI,DCLI2,xyz,,,\n'), tenant: t2.code });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('nothing was imported');
    expect(bad.out).toContain('row 3, name: name "Dinas CLI" is already used in row 2');
    expect(bad.out).toContain('row 3, type: OPD type "xyz" is not known');
    expect(await opdCount(t2.id)).toBe(before);

    const good = await run({ kind: 'opds', file: file('good.csv', 'name,short_name,type,head_name,head_title,region_code\nDinas CLI,DCLI,dinas,,,\n'), tenant: t2.code, lang: 'id' });
    expect(good).toEqual({ code: 0, out: `Imported 1 opds into ${t2.name} (${t2.code}).` });
    expect(await opdCount(t2.id)).toBe(before + 1);
    const audit = await handle.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', t2.id).where('action', '=', 'opd.import').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: null, actor_label: 'cli:import-org' });
  });

  it('refuses usage errors', async () => {
    expect((await run({ kind: 'users', file: 'x.csv' })).code).toBe(2);
    expect((await run({ kind: 'opds', file: '/nonexistent/prima.csv', tenant: t2.code })).code).toBe(2);
    expect((await run({ kind: 'opds', file: file('x.csv', 'a'), tenant: '00.00' })).code).toBe(2);
  });
});

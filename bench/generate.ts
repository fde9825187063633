/**
 * Synthetic data for benchmarks: tenants with REAL Kemendagri regency codes, names and
 * time zones (idn-area-data, via organisation/region-data.ts), their kecamatan and
 * desa/kelurahan, and per tenant OPDs, service units and services — bulk-loaded with COPY
 * (pg-copy-streams) in one transaction. Later issues extend `generateData` with their own
 * tables (complaints, surveys…) and call it from their suites.
 *
 * `npm run bench -- generate --tenants N [--opds 25 --units 4 --services 5] [--keep]`
 * loads into BENCH_DATABASE_URL if set (kept), else into a fresh bench database that is
 * dropped at the end unless --keep.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { allRegencyCodes, findGovernment, regionsOf, timezoneForProvince } from '../src/server/modules/organisation/region-data.js';
import { openDatabase } from '../src/server/db/index.js';
import { migrate } from '../src/server/db/migrate.js';
import { createBenchDatabase } from './harness.js';

export interface GenerateOptions {
  tenants: number;
  opdsPerTenant?: number;
  unitsPerOpd?: number;
  servicesPerUnit?: number;
  /** Load each tenant's kecamatan and desa/kelurahan (default true). */
  regions?: boolean;
}

export interface GeneratedTenant {
  id: string;
  code: string;
  slug: string;
  name: string;
  opdIds: string[];
  unitIds: string[];
  serviceIds: string[];
  kecamatanCodes: string[];
}

export interface GenerateResult {
  tenants: GeneratedTenant[];
  rows: Record<'tenant' | 'region' | 'opd' | 'service_unit' | 'service', number>;
  ms: number;
}

/** Typical OPDs of a kabupaten (name, short name, type); repeated with a number beyond 25. */
const OPD_TEMPLATES: Array<[string, string, string]> = [
  ['Dinas Kesehatan', 'Dinkes', 'dinas'], ['Dinas Pendidikan', 'Disdik', 'dinas'],
  ['Dinas Pekerjaan Umum dan Penataan Ruang', 'PUPR', 'dinas'], ['Dinas Perhubungan', 'Dishub', 'dinas'],
  ['Dinas Kependudukan dan Pencatatan Sipil', 'Disdukcapil', 'dinas'], ['Dinas Lingkungan Hidup', 'DLH', 'dinas'],
  ['Dinas Sosial', 'Dinsos', 'dinas'], ['Dinas Penanaman Modal dan PTSP', 'DPMPTSP', 'dinas'],
  ['Rumah Sakit Umum Daerah', 'RSUD', 'rsud'], ['Puskesmas Kota', 'PKM Kota', 'puskesmas'],
  ['Puskesmas Pesisir', 'PKM Pesisir', 'puskesmas'], ['Inspektorat Daerah', 'Inspektorat', 'inspektorat'],
  ['Sekretariat Daerah', 'Setda', 'sekretariat'], ['Bagian Organisasi', 'Bag. Organisasi', 'bagian'],
  ['Badan Perencanaan Pembangunan Daerah', 'Bappeda', 'badan'], ['Badan Kepegawaian Daerah', 'BKD', 'badan'],
  ['Badan Pengelola Keuangan Daerah', 'BPKD', 'badan'], ['Dinas Pertanian', 'Distan', 'dinas'],
  ['Dinas Perikanan', 'Diskan', 'dinas'], ['Dinas Koperasi dan UKM', 'Diskop', 'dinas'],
  ['Dinas Tenaga Kerja', 'Disnaker', 'dinas'], ['Satuan Polisi Pamong Praja', 'Satpol PP', 'badan'],
  ['Dinas Pemadam Kebakaran', 'Damkar', 'dinas'], ['Dinas Perumahan dan Permukiman', 'Perkim', 'dinas'],
  ['Dinas Komunikasi dan Informatika', 'Diskominfo', 'dinas'],
];
const UNIT_KINDS = ['Loket Pelayanan', 'Bidang Pelayanan', 'UPT', 'Seksi Layanan', 'Kantor Cabang'];
const SERVICE_KINDS = ['Permohonan', 'Penerbitan', 'Perpanjangan', 'Pengaduan', 'Konsultasi', 'Verifikasi', 'Legalisasi'];

/** A CSV field for COPY … (FORMAT csv): NULL is an unquoted empty field. */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  return `"${String(v).replace(/"/g, '""')}"`;
}

async function* csvChunks(rows: Iterable<unknown[]>): AsyncGenerator<string> {
  let chunk = '';
  for (const r of rows) {
    chunk += r.map(csvField).join(',') + '\n';
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

async function copyRows(client: pg.PoolClient, table: string, columns: string[], rows: unknown[][]): Promise<number> {
  if (!rows.length) return 0;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  await pipeline(Readable.from(csvChunks(rows)), stream);
  return rows.length;
}

/** Regency codes not yet used by a tenant of this database, in the data's order. */
async function freeRegencyCodes(client: pg.PoolClient, n: number): Promise<string[]> {
  const used = new Set((await client.query<{ code: string }>('SELECT code FROM tenant')).rows.map((r) => r.code));
  const free = allRegencyCodes().filter((c) => !used.has(c));
  if (free.length < n) throw new Error(`only ${free.length} unused regency codes left; asked for ${n} tenants`);
  return free.slice(0, n);
}

/** Loads synthetic tenants into a migrated PostgreSQL database (COPY needs node-postgres). */
export async function generateData(pool: pg.Pool, opts: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const perTenant = { opds: opts.opdsPerTenant ?? 25, units: opts.unitsPerOpd ?? 4, services: opts.servicesPerUnit ?? 5 };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const codes = await freeRegencyCodes(client, opts.tenants);
    const rows = { tenant: [] as unknown[][], region: [] as unknown[][], opd: [] as unknown[][], service_unit: [] as unknown[][], service: [] as unknown[][] };
    const tenants: GeneratedTenant[] = [];

    for (const code of codes) {
      const gov = findGovernment(code)!;
      const t: GeneratedTenant = { id: crypto.randomUUID(), code, slug: `gen-${code.replace('.', '-')}`, name: gov.name, opdIds: [], unitIds: [], serviceIds: [], kecamatanCodes: [] };
      rows.tenant.push([t.id, code, gov.name, gov.level, timezoneForProvince(gov.provinceCode) ?? 'Asia/Jakarta', t.slug]);
      if (opts.regions ?? true) {
        for (const r of regionsOf(code)) {
          rows.region.push([t.id, r.code, r.parentCode, r.level, r.name]);
          if (r.level === 'kecamatan') t.kecamatanCodes.push(r.code);
        }
      }
      for (let i = 0; i < perTenant.opds; i++) {
        const [baseName, baseShort, type] = OPD_TEMPLATES[i % OPD_TEMPLATES.length];
        const round = Math.floor(i / OPD_TEMPLATES.length);
        const suffix = round ? ` ${round + 1}` : '';
        const opdId = crypto.randomUUID();
        t.opdIds.push(opdId);
        rows.opd.push([t.id, opdId, baseName + suffix, baseShort + suffix, type]);
        for (let j = 0; j < perTenant.units; j++) {
          const unitId = crypto.randomUUID();
          const unitName = `${UNIT_KINDS[j % UNIT_KINDS.length]} ${baseShort}${suffix} ${j + 1}`;
          const kec = t.kecamatanCodes.length ? t.kecamatanCodes[(i * perTenant.units + j) % t.kecamatanCodes.length] : null;
          t.unitIds.push(unitId);
          rows.service_unit.push([t.id, unitId, opdId, unitName, `Jl. Contoh No. ${j + 1}`, kec]);
          for (let k = 0; k < perTenant.services; k++) {
            const serviceId = crypto.randomUUID();
            t.serviceIds.push(serviceId);
            rows.service.push([t.id, serviceId, unitId, `${SERVICE_KINDS[k % SERVICE_KINDS.length]} ${k + 1} — ${unitName}`, 'Layanan sintetis (data uji beban)']);
          }
        }
      }
      tenants.push(t);
    }

    const counts = {
      tenant: await copyRows(client, 'tenant', ['id', 'code', 'name', 'level', 'timezone', 'slug'], rows.tenant),
      region: await copyRows(client, 'region', ['tenant_id', 'code', 'parent_code', 'level', 'name'], rows.region),
      opd: await copyRows(client, 'opd', ['tenant_id', 'id', 'name', 'short_name', 'type'], rows.opd),
      service_unit: await copyRows(client, 'service_unit', ['tenant_id', 'id', 'opd_id', 'name', 'address', 'region_code'], rows.service_unit),
      service: await copyRows(client, 'service', ['tenant_id', 'id', 'unit_id', 'name', 'description'], rows.service),
    };
    await client.query('COMMIT');
    return { tenants, rows: counts, ms: Date.now() - started };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

function intArg(args: Record<string, string | boolean>, name: string, fallback: number, max: number): number {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`--${name} must be a whole number from 0 to ${max}`);
  return n;
}

/** `npm run bench -- generate …` */
export async function runGenerate(args: Record<string, string | boolean>, out: (line: string) => void): Promise<void> {
  const opts: GenerateOptions = {
    tenants: Math.max(1, intArg(args, 'tenants', 3, 514)),
    opdsPerTenant: intArg(args, 'opds', 25, 1000),
    unitsPerOpd: intArg(args, 'units', 4, 100),
    servicesPerUnit: intArg(args, 'services', 5, 100),
    regions: args['no-regions'] !== true,
  };
  const given = process.env.BENCH_DATABASE_URL;
  const fresh = given ? null : await createBenchDatabase();
  const url = given ?? fresh!.url;
  try {
    const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 });
    try {
      await migrate(handle);
      const r = await generateData(handle.pool!, opts);
      const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
      out(`generated ${r.tenants.length} tenant(s): ${r.tenants.slice(0, 5).map((t) => `${t.code} ${t.name}`).join(', ')}${r.tenants.length > 5 ? ', …' : ''}`);
      for (const [table, n] of Object.entries(r.rows)) out(`  ${table.padEnd(13)} ${n}`);
      out(`  ${total} rows by COPY in ${r.ms} ms (${Math.round((total / Math.max(r.ms, 1)) * 1000)} rows/s)`);
    } finally {
      await handle.close();
    }
    if (fresh && args.keep === true) out(`kept: ${url}`);
  } finally {
    if (fresh && args.keep !== true) await fresh.drop();
  }
}

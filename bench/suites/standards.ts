/**
 * Suite 'standards': the public catalogue search (GET /api/v1/public/catalogue?q=…:
 * Indonesian full text over service, unit and OPD names, the availability level of each
 * hit) on a regency-sized catalogue (25 OPDs × 4 units × 5 services, a published standard
 * for every other service), at 50 connections on PostgreSQL, against a bare Fastify route
 * running one raw full-text SELECT of the same services through the same pool, measured
 * in the same run. Each request comes from its own address (standards-request.cjs) so the
 * per-address rate limit does not turn it into a 429 benchmark.
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app.js';
import { buildOpd, buildTenant, buildUnit } from '../../test/helpers/factories.js';
import { LOAD_SECONDS, type BenchSuite, type Figure, type Measurement } from '../harness.js';

const HOOK = fileURLToPath(new URL('./standards-request.cjs', import.meta.url));
const NAMES = ['Akta Kelahiran', 'Kartu Tanda Penduduk Elektronik', 'Izin Usaha Mikro', 'Surat Keterangan Domisili', 'Legalisir Ijazah Sekolah'];

async function load(url: string): Promise<Measurement> {
  const base = { url, requests: [{ method: 'GET', setupRequest: HOOK }] as unknown as autocannon.Request[], connections: 50, workers: 1, timeout: 10 };
  await autocannon({ ...base, duration: 1 });
  const r = await autocannon({ ...base, duration: LOAD_SECONDS });
  return { rps: r.requests.average, p99: r.latency.p99, total: r.requests.total, bad: r.non2xx + r.errors + r.timeouts };
}

export const standardsSuite: BenchSuite = {
  name: 'standards',
  description: 'public catalogue search (500 services) vs a raw full-text SELECT route (PostgreSQL, 50 connections)',
  async run(ctx) {
    const target = await ctx.postgres();
    const db = target.handle.db;
    const tenant = await buildTenant(db);
    let n = 0;
    for (let o = 0; o < 25; o++) {
      const opd = await buildOpd(db, tenant);
      for (let u = 0; u < 4; u++) {
        const unit = await buildUnit(db, tenant, opd.id);
        const services = await db.insertInto('service').values(NAMES.map((name) => ({ tenant_id: tenant.id, unit_id: unit.id, name: `${name} ${o}-${u}`, description: null }))).returning('id').execute();
        for (const s of services) {
          if (n++ % 2) continue;
          await db.insertInto('service_standard').values({
            tenant_id: tenant.id, service_id: s.id, version: 1, status: 'published', components: JSON.stringify({ jangka_waktu: { value: 3, unit: 'hari_kerja' }, biaya: { kind: 'gratis', legalBasis: 'uji' } }),
            decree_number: 'SK uji', decree_date: '2026-01-01', decree_signer: 'Kepala', signed_pdf: null, signed_pdf_name: null, signed_pdf_sha256: null, flow_image: null, flow_image_type: null, created_by: null,
            published_at: new Date(), established_at: new Date(),
          }).execute();
        }
      }
    }
    const app = await buildApp({ ...target.app.deps.config, trustProxy: true }, target.handle);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const raw = Fastify({ logger: false });
    // Through the app's own driver (Kysely over the same pg pool, prepared statements): the
    // pool's clients are wrapped for Kysely, so a plain pool.query would not answer.
    raw.get('/raw', async (req) => {
      const q = (req.query as { q?: string }).q ?? '';
      const { rows } = await sql<Record<string, unknown>>`
        SELECT sv.id, sv.name, u.name AS unit_name, o.name AS opd_name, count(*) OVER () AS total FROM service sv
          JOIN service_unit u ON u.tenant_id = sv.tenant_id AND u.id = sv.unit_id
          JOIN opd o ON o.tenant_id = u.tenant_id AND o.id = u.opd_id
         WHERE sv.tenant_id = ${tenant.id} AND sv.is_active
           AND (to_tsvector('indonesian', sv.name || ' ' || u.name || ' ' || o.name) @@ websearch_to_tsquery('indonesian', ${q}) OR sv.name ILIKE ${`%${q}%`})
         ORDER BY o.name, u.name, sv.name LIMIT 50`.execute(db);
      return { items: rows };
    });
    await raw.listen({ host: '127.0.0.1', port: 0 });
    try {
      const port = (s: typeof app) => (s.server.address() as { port: number }).port;
      const value = await load(`http://127.0.0.1:${port(app)}/r/${tenant.slug}/api/v1/public/catalogue?q=QWORD&limit=50`);
      const rawM = await load(`http://127.0.0.1:${port(raw)}/raw?q=QWORD`);
      ctx.log(`standards: catalogue of ${n} services, ${Math.ceil(n / 2)} with a published standard; ${value.total} app requests, ${rawM.total} raw`);
      const figures: Figure[] = [
        { figure: 'GET /public/catalogue?q= throughput (500 services, 50 conn)', value: value.rps, unit: 'req/s', raw: rawM.rps, bad: value.bad },
        { figure: 'GET /public/catalogue?q= p99 (500 services, 50 conn)', value: value.p99, unit: 'ms', raw: rawM.p99, bad: value.bad },
      ];
      return figures;
    } finally {
      await raw.close();
      await app.close();
    }
  },
};

/**
 * Suite 'complaints': public submissions through the real app (POST /api/v1/public/complaints:
 * validation, category and region checks, deadline on the tenant calendar, tracking code,
 * reporter row, public event, audit row, outbox message — one transaction), each with its
 * own Idempotency-Key and body (complaints-request.cjs):
 *  - throughput and p99 at 50 connections on PostgreSQL, against the raw HTTP+INSERT route
 *    measured in the same run (issue #3 target: ≥ 50 % of raw, p99 < 50 ms);
 *  - single-user p99 on embedded PGlite.
 * The app under test is the target's app configuration with trustProxy on, so each request
 * can come from its own client address and the public rate limit does not turn the
 * benchmark into a 429 benchmark.
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { seedDefaultDeadlineRules } from '../../src/server/modules/complaints/deadlines.js';
import { buildRegion, buildTenant } from '../../test/helpers/factories.js';
import { LOAD_SECONDS, SINGLE_USER_SECONDS, type BenchSuite, type Figure, type Measurement, type Target } from '../harness.js';

const HOOK = fileURLToPath(new URL('./complaints-request.cjs', import.meta.url));

async function measureSubmissions(url: string, body: string, connections: number, seconds: number): Promise<Measurement> {
  const base = {
    url,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, body, setupRequest: HOOK }] as unknown as autocannon.Request[],
    connections,
    workers: 1,
    timeout: 10,
  };
  await autocannon({ ...base, duration: 1 });
  const r = await autocannon({ ...base, duration: seconds });
  return { rps: r.requests.average, p99: r.latency.p99, total: r.requests.total, bad: r.non2xx + r.errors + r.timeouts };
}

async function submissionFigures(target: Target, connections: number) {
  const db = target.handle.db;
  const tenant = await buildTenant(db);
  const kec = await buildRegion(db, tenant);
  await seedDefaultDeadlineRules(db, tenant.id);
  const cat = await db.insertInto('complaint_category').values({ tenant_id: tenant.id, code: 'jalan-rusak', name: 'Jalan rusak', description: null, service_id: null }).returning('id').executeTakeFirstOrThrow();
  const body = JSON.stringify({
    kind: 'pengaduan',
    title: 'Jalan berlubang [<id>]',
    description: 'Lubang besar di jalan desa sejak dua minggu, berbahaya bagi pengendara motor pada malam hari. [<id>]',
    categoryId: cat.id,
    regionCode: `${kec}.2001`,
    isAnonymous: false,
    isConfidential: false,
    reporter: { name: 'Warga [<id>]', email: 'warga-[<id>]@example.id' },
  });

  const app: FastifyInstance = await buildApp({ ...target.app.deps.config, trustProxy: true }, target.handle);
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const addr = app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no TCP address');
    const url = `http://127.0.0.1:${addr.port}/r/${tenant.slug}/api/v1/public/complaints`;
    const raw = await target.rawLimit(connections);
    const value = await measureSubmissions(url, body, connections, connections === 1 ? SINGLE_USER_SECONDS : LOAD_SECONDS);
    const stored = await db.selectFrom('complaint').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    return { value, raw, stored: Number(stored.n) };
  } finally {
    await app.close();
  }
}

export const complaintsSuite: BenchSuite = {
  name: 'complaints',
  description: 'public complaint submissions (PostgreSQL, 50 connections, vs raw INSERT); single-user submission p99 on PGlite',
  async run(ctx) {
    const figures: Figure[] = [];
    const pgT = await ctx.postgres();
    const load = await submissionFigures(pgT, 50);
    ctx.log(`complaints: ${load.stored} reports stored on PostgreSQL (${load.value.total} requests answered 2xx or not)`);
    figures.push(
      { figure: 'POST /public/complaints throughput (PostgreSQL, 50 conn)', value: load.value.rps, unit: 'req/s', raw: load.raw.rps, bad: load.value.bad },
      { figure: 'POST /public/complaints p99 (PostgreSQL, 50 conn)', value: load.value.p99, unit: 'ms', raw: load.raw.p99, bad: load.value.bad },
    );
    const lite = await ctx.pglite();
    const single = await submissionFigures(lite, 1);
    figures.push({ figure: 'POST /public/complaints p99 (PGlite, 1 user)', value: single.value.p99, unit: 'ms', raw: single.raw.p99, bad: single.value.bad });
    return figures;
  },
};

/**
 * Suite 'complaints': public submissions through the real app (POST /api/v1/public/complaints:
 * validation, category and region checks, deadline on the tenant calendar, tracking code,
 * reporter row, public event, audit row, outbox message — one statement; submissions that
 * arrive while one is being written share the next statement, ADR 0023), each with its
 * own Idempotency-Key and body (complaints-request.cjs):
 *  - throughput and p99 at 50 connections on PostgreSQL, against the raw HTTP+INSERT route
 *    measured in the same run (issue #3 target: ≥ 50 % of raw, p99 < 50 ms);
 *  - single-user p99 on embedded PGlite.
 * Two raw limits are measured in the same run: the harness's bare INSERT of one small row
 * (what this machine can do at all) and a bare route storing the same bundle as the app —
 * the intake statement (report, reporter, event, audit row, outbox message, with the
 * complaint table's full-text and trigram indexes) through the same driver, with no
 * validation, deadline, policy or presenter, one statement per request — so the second
 * ratio is the app's own overhead against the gain of its group writes.
 * The app under test is the target's app configuration with trustProxy on, so each request
 * can come from its own client address and the public rate limit does not turn the
 * benchmark into a 429 benchmark.
 */
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { INTAKE_SQL, intakeParameters, type IntakeBundle } from '../../src/server/modules/complaints/repo.js';
import { generateTrackingCode } from '../../src/server/modules/complaints/tracking-code.js';
import { buildApp } from '../../src/server/app.js';
import { intakeWriter } from '../../src/server/modules/complaints/intake-service.js';
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

interface RawBody { title: string; description: string; categoryId: string; regionCode: string; reporter: { name: string; email: string } }

/** Bare Fastify route running the intake statement itself: the storage work without the app. */
async function rawIntakeServer(target: Target, tenantId: string): Promise<{ url: string; close(): Promise<void> }> {
  const raw = Fastify({ logger: false });
  const bundle = (b: RawBody, key: string | undefined): IntakeBundle => ({
    complaint: {
      tenant_id: tenantId, tracking_code: generateTrackingCode(), kind: 'pengaduan', channel: 'web', title: b.title, description: b.description,
      category_id: b.categoryId, region_code: b.regionCode, latitude: null, longitude: null, address_text: null, event_date: null,
      is_anonymous: false, is_confidential: false, status: 'received', due_at: new Date(Date.now() + 3 * 86_400_000), due_stage: 'verification',
      idempotency_key: key ?? crypto.randomUUID(), created_by: null, received_at: new Date(), due_from: new Date(), due_rule_id: null,
      due_provisional_year: null,
    },
    reporter: { id: crypto.randomUUID(), name: b.reporter.name, phone: null, email: b.reporter.email, user_id: null, locale: 'id', wants_updates: true },
    event: { actor_id: null, actor_label: 'Warga', data: '{"by":"citizen"}' },
    audit: { actorId: null, actorLabel: 'Warga', requestId: 'raw' },
    notification: { channel: 'email', recipient: b.reporter.email, template: 'complaint.received', locale: 'id', params: {}, relatedType: null, relatedId: null, failedWith: null },
  });
  const pool = target.handle.pool;
  const pglite = target.handle.pglite;
  raw.post('/raw-intake', async (req, reply) => {
    const values = intakeParameters(bundle(req.body as RawBody, req.headers['idempotency-key'] as string | undefined));
    const { rows } = pool
      ? await pool.query<{ k: string; j: string }>({ name: 'raw_intake', text: INTAKE_SQL, values })
      : await pglite!.query<{ k: string; j: string }>(INTAKE_SQL, values);
    return reply.status(201).send({ id: JSON.parse(rows[0].j).id });
  });
  await raw.listen({ host: '127.0.0.1', port: 0 });
  const addr = raw.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no TCP address');
  return { url: `http://127.0.0.1:${addr.port}/raw-intake`, close: () => raw.close() };
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
    const seconds = connections === 1 ? SINGLE_USER_SECONDS : LOAD_SECONDS;
    const raw = await target.rawLimit(connections);
    const rawIntake = await rawIntakeServer(target, tenant.id);
    let sameWork: Measurement;
    try {
      sameWork = await measureSubmissions(rawIntake.url, body, connections, seconds);
    } finally {
      await rawIntake.close();
    }
    const before = intakeWriter.stats(db);
    const value = await measureSubmissions(url, body, connections, seconds);
    const after = intakeWriter.stats(db);
    const writes = { batches: after.batches - before.batches, batched: after.batchedItems - before.batchedItems, alone: after.alone - before.alone, largest: after.largestBatch };
    const stored = await db.selectFrom('complaint').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    return { value, raw, sameWork, stored: Number(stored.n), writes };
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
    const w = load.writes;
    ctx.log(`complaints: group writes (ADR 0023): ${w.batched} reports in ${w.batches} shared statements (mean ${(w.batched / Math.max(1, w.batches)).toFixed(1)}, largest ${w.largest}), ${w.alone} alone`);
    figures.push(
      { figure: 'POST /public/complaints throughput (PostgreSQL, 50 conn)', value: load.value.rps, unit: 'req/s', raw: load.raw.rps, bad: load.value.bad },
      { figure: 'POST /public/complaints p99 (PostgreSQL, 50 conn)', value: load.value.p99, unit: 'ms', raw: load.raw.p99, bad: load.value.bad },
      { figure: '  same, vs raw route storing the same bundle: throughput', value: load.value.rps, unit: 'req/s', raw: load.sameWork.rps, bad: load.value.bad + load.sameWork.bad },
      { figure: '  same, vs raw route storing the same bundle: p99', value: load.value.p99, unit: 'ms', raw: load.sameWork.p99, bad: load.value.bad + load.sameWork.bad },
    );
    const lite = await ctx.pglite();
    const single = await submissionFigures(lite, 1);
    figures.push(
      { figure: 'POST /public/complaints p99 (PGlite, 1 user)', value: single.value.p99, unit: 'ms', raw: single.raw.p99, bad: single.value.bad },
      { figure: '  same, vs raw route storing the same bundle (PGlite)', value: single.value.p99, unit: 'ms', raw: single.sameWork.p99, bad: single.value.bad + single.sameWork.bad },
    );
    return figures;
  },
};

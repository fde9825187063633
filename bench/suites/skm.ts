/**
 * Suite 'skm' (issue #4):
 *  1. Answers ingested per second through the real public route (POST /public/skm/responses:
 *     validation, questionnaire and unit checks, anti-stuffing look-back, insert of the
 *     unfolded row; answers arriving together share one statement, ADR 0023) at 50 connections on PostgreSQL, against the raw HTTP+INSERT route of
 *     the same run (target ≥ 60 % of raw). The aggregates are folded by the job skm.fold
 *     (ADR 0018), which runs meanwhile on its 5 s schedule as in production; afterwards the
 *     rest is folded and the aggregates must equal the stored rows. Each answer has its own
 *     clientId and client address (skm-request.cjs).
 *  2. The dashboard's IKM for a tenant with SKM_BENCH_ANSWERS answers (answer values, one
 *     per unsur; default 5,000,000 = 555,556 respondents × 9 unsur over 20 units × 24
 *     months), loaded with COPY: p95 of the dashboard query (monthly aggregates, ADR 0018)
 *     against the naive aggregate over the raw answers in the same run; and the dashboard's
 *     profile breakdowns (skm_agg_profile) against the same breakdowns over the raw answers.
 */
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import autocannon from 'autocannon';
import { from as copyFrom } from 'pg-copy-streams';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { computeIkm } from '../../src/server/modules/skm/ikm.js';
import { currentQuestionnaire } from '../../src/server/modules/skm/questionnaire-service.js';
import { figures as dashboardFigures } from '../../src/server/modules/skm/results-service.js';
import { profileBreakdown, profileValues, rawProfileBreakdown, rawTallies, type BreakdownRow } from '../../src/server/modules/skm/repo.js';
import { ageBand } from '../../src/server/modules/skm/period.js';
import { SKM_EDUCATION, SKM_OCCUPATION } from '../../src/shared/schemas/skm.js';
import { answersHash, ingestWriter } from '../../src/server/modules/skm/submit-service.js';
import { foldPending, unfoldedCount } from '../../src/server/modules/skm/fold-repo.js';
import { skmFoldJob } from '../../src/server/modules/skm/jobs.js';
import { buildOpd, buildTenant, buildUnit } from '../../test/helpers/factories.js';
import { LOAD_SECONDS, type BenchSuite, type Figure, type Measurement, type Target } from '../harness.js';

const HOOK = fileURLToPath(new URL('./skm-request.cjs', import.meta.url));
const ANSWERS = Number(process.env.SKM_BENCH_ANSWERS ?? 5_000_000);
const UNITS = 20;

async function ingest(target: Target): Promise<{ value: Measurement; raw: Measurement; stored: number; consistent: boolean; fold: { runs: number; folded: number; lagAtEnd: number; restMs: number }; writes: { batches: number; batched: number; alone: number; largest: number } }> {
  const db = target.handle.db;
  const tenant = await buildTenant(db);
  const opd = await buildOpd(db, tenant);
  const unit = await buildUnit(db, tenant, opd.id);
  const q = await currentQuestionnaire(db, tenant.id);
  const body = JSON.stringify({
    clientId: '[<uuid>]', unitId: unit.id, questionnaireId: q.id,
    answers: Object.fromEntries(q.unsur.map((u) => [u.key, '[<a>]'])),
    profile: { sex: 'P', age: 30, education: 'SMA', occupation: 'Swasta' }, answeredAt: '[<now>]', mode: 'online',
  });
  const app: FastifyInstance = await buildApp({ ...target.app.deps.config, trustProxy: true }, target.handle);
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const addr = app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no TCP address');
    const base = {
      url: `http://127.0.0.1:${addr.port}/r/${tenant.slug}/api/v1/public/skm/responses`,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, body, setupRequest: HOOK }] as unknown as autocannon.Request[],
      connections: 50, workers: 1, timeout: 10,
    };
    const raw = await target.rawLimit(50);
    await autocannon({ ...base, duration: 1 });
    await foldPending(db, { budgetMs: 60_000 });
    // the fold job on its schedule (every skmFoldJob.schedule s, budget-bounded), as the job runner would run it
    let loading = true;
    const fold = { runs: 0, folded: 0, lagAtEnd: 0, restMs: 0 };
    const every = (skmFoldJob.schedule?.everySeconds ?? 5) * 1000;
    const folder = (async () => {
      while (loading) {
        const t0 = Date.now();
        fold.folded += (await foldPending(db)).folded;
        fold.runs++;
        const wait = every - (Date.now() - t0);
        if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      }
    })();
    const w0 = ingestWriter.stats(db);
    const r = await autocannon({ ...base, duration: LOAD_SECONDS });
    const w1 = ingestWriter.stats(db);
    loading = false;
    await folder;
    fold.lagAtEnd = await unfoldedCount(db, tenant.id);
    const t0 = Date.now();
    while (!(await foldPending(db, { budgetMs: 60_000 })).done);
    fold.restMs = Date.now() - t0;
    // one statement, one snapshot: rows and aggregates (all folded now) must agree
    const { rows } = await target.handle.pool!.query(
      'SELECT (SELECT count(*) FROM skm_response WHERE tenant_id = $1)::int AS stored, (SELECT coalesce(sum(respondents), 0) FROM skm_agg_respondent WHERE tenant_id = $1)::int AS agg',
      [tenant.id],
    );
    const stored = Number(rows[0].stored);
    const agg = Number(rows[0].agg);
    const writes = { batches: w1.batches - w0.batches, batched: w1.batchedItems - w0.batchedItems, alone: w1.alone - w0.alone, largest: w1.largestBatch };
    return { value: { rps: r.requests.average, p99: r.latency.p99, total: r.requests.total, bad: r.non2xx + r.errors + r.timeouts }, raw, stored, consistent: agg === stored, fold, writes };
  } finally {
    await app.close();
  }
}

/** COPY of `respondents` responses (9 answers each) for a tenant of UNITS units over 2025–2026. */
async function load(target: Target, log: (l: string) => void) {
  const db = target.handle.db;
  const tenant = await buildTenant(db);
  const opd = await buildOpd(db, tenant);
  const units: string[] = [];
  for (let i = 0; i < UNITS; i++) units.push((await buildUnit(db, tenant, opd.id)).id);
  const q = await currentQuestionnaire(db, tenant.id);
  const keys = q.unsur.map((u) => u.key);
  const respondents = Math.ceil(ANSWERS / keys.length);
  const started = Date.now();
  function* rows() {
    let buf = '';
    for (let i = 0; i < respondents; i++) {
      const month = i % 24;
      const y = 2025 + Math.floor(month / 12);
      const m = String((month % 12) + 1).padStart(2, '0');
      const day = String(1 + (i % 28)).padStart(2, '0');
      const bias = (i % UNITS) / UNITS;
      const answers: Record<string, number> = {};
      for (const k of keys) answers[k] = Math.min(4, 1 + Math.floor(Math.random() * 3 + bias + 0.5));
      const date = `${y}-${m}-${day}`;
      const age = 20 + (i % 50);
      buf += `${tenant.id}\t${crypto.randomUUID()}\t${units[i % UNITS]}\t${q.id}\t${JSON.stringify(answers)}\t${i % 2 ? 'L' : 'P'}\t${age}\t${ageBand(age)}\t${SKM_EDUCATION[i % 7 % SKM_EDUCATION.length]}\t${SKM_OCCUPATION[i % 11 % SKM_OCCUPATION.length]}\t${date}T02:00:00Z\t${date}\t${y}-${m}-01\tpagi\tonline\t${answersHash(answers)}\tt\n`;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  const client = await target.handle.pool!.connect();
  try {
    await pipeline(Readable.from(rows()), client.query(copyFrom('COPY skm_response (tenant_id, client_id, unit_id, questionnaire_id, answers, sex, age, age_band, education, occupation, answered_at, answered_on, month, time_slot, source, answers_hash, folded) FROM STDIN')));
    // Data loaded behind the app's back gets its aggregates once (what a backfill would do,
    // rows marked folded); answers arriving through the app are folded by the job (ADR 0018).
    await client.query(`INSERT INTO skm_agg_unsur (tenant_id, unit_id, month, questionnaire_id, unsur_key, sum, count)
      SELECT r.tenant_id, r.unit_id, r.month, r.questionnaire_id, a.key, sum(a.value::int), count(*)
      FROM skm_response r, jsonb_each_text(r.answers) a WHERE r.tenant_id = $1 AND NOT r.excluded GROUP BY 1, 2, 3, 4, 5`, [tenant.id]);
    await client.query(`INSERT INTO skm_agg_respondent (tenant_id, unit_id, month, questionnaire_id, respondents)
      SELECT tenant_id, unit_id, month, questionnaire_id, count(*) FROM skm_response WHERE tenant_id = $1 AND NOT excluded GROUP BY 1, 2, 3, 4`, [tenant.id]);
    await client.query(`INSERT INTO skm_agg_profile (tenant_id, unit_id, month, questionnaire_id, dimension, value, unsur_key, sum, count)
      SELECT r.tenant_id, r.unit_id, r.month, r.questionnaire_id, p.dimension, coalesce(p.value, ''), a.key, sum(a.value::int), count(*)
      FROM skm_response r CROSS JOIN LATERAL ${profileValues('r')} AS p(dimension, value)
        CROSS JOIN LATERAL jsonb_each_text(r.answers) AS a
      WHERE r.tenant_id = $1 AND NOT r.excluded GROUP BY 1, 2, 3, 4, 5, 6, 7`, [tenant.id]);
    await client.query('ANALYZE skm_response; ANALYZE skm_agg_unsur; ANALYZE skm_agg_respondent; ANALYZE skm_agg_profile');
  } finally {
    client.release();
  }
  log(`skm: loaded ${respondents} respondents (${respondents * keys.length} answers) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { tenantId: tenant.id, q };
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

export const skmSuite: BenchSuite = {
  name: 'skm',
  description: 'survey answers ingested through the public route vs raw INSERT (PostgreSQL, 50 conn); dashboard IKM p95 on SKM_BENCH_ANSWERS (default 5M) answers vs the naive aggregate',
  async run(ctx) {
    const out: Figure[] = [];
    const pgT = await ctx.postgres();
    const ing = await ingest(pgT);
    ctx.log(`skm: ${ing.stored} answers stored (${ing.value.total} requests); fold job ran ${ing.fold.runs}× during the load, folded ${ing.fold.folded}, ${ing.fold.lagAtEnd} unfolded at the end (folded in ${ing.fold.restMs} ms); aggregates ${ing.consistent ? 'match' : 'DO NOT match'} the stored rows`);
    ctx.log(`skm: group writes (ADR 0023): ${ing.writes.batched} answers in ${ing.writes.batches} shared statements (mean ${(ing.writes.batched / Math.max(1, ing.writes.batches)).toFixed(1)}, largest ${ing.writes.largest}), ${ing.writes.alone} alone`);
    ctx.log(`skm: ingest ratio ${(ing.value.rps / ing.raw.rps).toFixed(2)} of the raw insert route (target ≥ 0.6)`);
    out.push({ figure: 'POST /public/skm/responses throughput, aggregates folded by job skm.fold (PostgreSQL, 50 conn)', value: ing.value.rps, unit: 'req/s', raw: ing.raw.rps, bad: ing.value.bad + (ing.consistent ? 0 : 1) });
    out.push({ figure: 'POST /public/skm/responses p99 (PostgreSQL, 50 conn)', value: ing.value.p99, unit: 'ms', raw: ing.raw.p99, bad: ing.value.bad });

    const { tenantId, q } = await load(pgT, ctx.log);
    const db = pgT.handle.db;
    const [from, to] = ['2025-01-01', '2025-12-31'];
    const dash: number[] = [];
    let dashIkm: number | null = null;
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      const f = await dashboardFigures(db, tenantId, null, from, to);
      dash.push(performance.now() - t0);
      dashIkm = f.ikm.converted;
    }
    const naive: number[] = [];
    let naiveIkm: number | null = null;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const rows = await rawTallies(db, tenantId, null, from, to);
      const tallies: Record<string, { sum: number; count: number }> = {};
      for (const r of rows) ((tallies[r.unsur_key] ??= { sum: 0, count: 0 }).sum += r.sum), (tallies[r.unsur_key].count += r.count);
      naiveIkm = computeIkm(q.unsur, tallies).converted;
      naive.push(performance.now() - t0);
    }
    ctx.log(`skm: tenant IKM 2025 = ${dashIkm} (dashboard) vs ${naiveIkm} (naive over raw answers)${dashIkm === naiveIkm ? '' : ' — MISMATCH'}`);
    out.push({ figure: `dashboard IKM p95, tenant, ${ANSWERS.toLocaleString('en')} answers (raw = naive aggregate)`, value: p95(dash), unit: 'ms', raw: p95(naive), bad: dashIkm === naiveIkm ? 0 : 1 });

    // The dashboard's profile breakdowns (sex, age band, education, occupation): from the
    // profile aggregates plus the unfolded tail, against the same breakdowns over the raw answers.
    const bdAgg: number[] = [];
    let aggRows: BreakdownRow[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      aggRows = await profileBreakdown(db, tenantId, null, from, '2025-12-01');
      bdAgg.push(performance.now() - t0);
    }
    const bdRaw: number[] = [];
    let rawRows: BreakdownRow[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      rawRows = await rawProfileBreakdown(db, tenantId, null, from, to);
      bdRaw.push(performance.now() - t0);
    }
    const canon = (rows: BreakdownRow[]) => JSON.stringify([...rows].map((r) => [r.dimension, r.value, r.unsur_key, r.sum, r.count, r.respondents]).sort());
    const same = canon(aggRows) === canon(rawRows);
    ctx.log(`skm: profile breakdowns 2025: ${aggRows.length} (dimension, value, unsur) rows from the aggregates ${same ? 'equal' : 'DO NOT equal'} those over the raw answers`);
    out.push({ figure: 'dashboard profile breakdowns p95, same tenant (raw = over raw answers)', value: p95(bdAgg), unit: 'ms', raw: p95(bdRaw), bad: same ? 0 : 1 });
    return out;
  },
};

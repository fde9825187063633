/**
 * The fold job (ADR 0018) on PGlite and PostgreSQL: public answers are stored unfolded;
 * results equal the engine on the raw answers before, during and after folding; a row is
 * never folded twice (concurrent runners, a second run); excluding and restoring folded
 * and unfolded answers keeps the results exact; paper-style rows inserted folded are not
 * folded again. The profile breakdowns (skm_agg_profile) are checked the same way.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { DbHandle } from '../../db/index.js';
import type { Deps } from '../../platform/deps.js';
import { TEST_DB_KIND, openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUnit, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { computeIkm } from './ikm.js';
import { localParts, periodRange } from './period.js';
import { currentQuestionnaire, type Questionnaire } from './questionnaire-service.js';
import { figures } from './results-service.js';
import { foldBatch, foldPending, unfoldedCount } from './fold-repo.js';
import { skmFoldJob } from './jobs.js';
import * as repo from './repo.js';
import { AGG_SHARDS } from './agg-repo.js';

let handle: DbHandle;
let app: FastifyInstance;

let ipSeq = 0;
const freshIp = () => `10.7.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

interface World {
  t: TestTenant;
  unit: { id: string };
  q: Questionnaire;
  admin: Record<string, string>;
  range: { startsOn: string; endsOn: string };
}

async function world(): Promise<World> {
  const db = handle.db;
  const t = await buildTenant(db);
  const opd = await buildOpd(db, t);
  const unit = await buildUnit(db, t, opd.id);
  const q = await currentQuestionnaire(db, t.id);
  const admin = await sessionHeaders(db, await buildUser(db, t, [{ role: 'admin' }]));
  const today = localParts(new Date(), 'Asia/Makassar').date;
  const range = periodRange('semester', Number(today.slice(0, 4)), Number(today.slice(5, 7)) <= 6 ? 1 : 2)!;
  return { t, unit, q, admin, range };
}

/** n answers through the public route, varied values, some unsur skipped; `repeat` adds one flagged repeat. */
async function submitMany(w: World, n: number, seed: number, opts: { repeat?: boolean } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const answers: Record<string, number> = {};
    w.q.unsur.forEach((u, j) => {
      if ((i + j + seed) % 7 !== 3) answers[u.key] = 1 + ((i * 3 + j * 5 + seed) % 4);
    });
    const body = { clientId: crypto.randomUUID(), unitId: w.unit.id, questionnaireId: w.q.id, answers, profile: { sex: i % 2 ? 'L' : 'P', age: 18 + ((i * 7) % 60), ...(i % 3 ? { education: i % 2 ? 'SMA' : 'D4/S1' } : {}), ...(i % 4 ? { occupation: 'Swasta' } : {}) }, answeredAt: new Date().toISOString() };
    const ip = freshIp();
    const send = () => app.inject({ method: 'POST', url: `/r/${w.t.slug}/api/v1/public/skm/responses`, payload: body, remoteAddress: ip });
    const res = await send();
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
    if (opts.repeat && i === 0) {
      const again = await app.inject({ method: 'POST', url: `/r/${w.t.slug}/api/v1/public/skm/responses`, payload: { ...body, clientId: crypto.randomUUID() }, remoteAddress: ip });
      expect(again.statusCode, again.body).toBe(201);
      ids.push(again.json().id);
    }
  }
  return ids;
}

/** The dashboard figures equal the engine on the raw rows (and the tallies equal the naive aggregate). */
async function expectExact(w: World) {
  const db = handle.db;
  const f = await figures(db, w.t.id, [w.unit.id], w.range.startsOn, w.range.endsOn);
  const rows = await db.selectFrom('skm_response').select(['answers', 'excluded', 'flagged']).where('tenant_id', '=', w.t.id).execute();
  const tallies: Record<string, { sum: number; count: number }> = {};
  for (const r of rows) if (!r.excluded) for (const [k, v] of Object.entries(r.answers)) ((tallies[k] ??= { sum: 0, count: 0 }).sum += v), tallies[k].count++;
  const engine = computeIkm(w.q.unsur, tallies);
  expect(f.respondents).toBe(rows.filter((r) => !r.excluded).length);
  expect(f.excluded).toBe(rows.filter((r) => r.excluded).length);
  expect(f.flagged).toBe(rows.filter((r) => r.flagged).length);
  expect(f.ikm.nrr).toEqual(engine.nrr);
  expect(f.ikm.converted).toBe(engine.converted);
  expect(f.ikm.mutu).toBe(engine.mutu);
  const key = (r: repo.AggRow) => `${r.questionnaire_id}|${r.unsur_key}|${r.sum}|${r.count}`;
  const raw = await repo.rawTallies(db, w.t.id, [w.unit.id], w.range.startsOn, w.range.endsOn);
  const agg = await repo.aggregateTallies(db, w.t.id, [w.unit.id], w.range.startsOn, w.range.endsOn);
  expect(agg.map(key).sort()).toEqual(raw.map(key).sort());
  // the profile breakdowns: aggregates plus tail equal the same over the raw answers
  const bd = (rows: repo.BreakdownRow[]) => rows.map((r) => `${r.dimension}|${r.value}|${r.unsur_key}|${r.sum}|${r.count}|${r.respondents}`).sort();
  const rawBd = await repo.rawProfileBreakdown(db, w.t.id, [w.unit.id], w.range.startsOn, w.range.endsOn);
  expect(bd(await repo.profileBreakdown(db, w.t.id, [w.unit.id], w.range.startsOn, w.range.endsOn))).toEqual(bd(rawBd));
  expect(rawBd.length).toBeGreaterThan(0);
  return f;
}

/** What the aggregate TABLES alone hold for the tenant (no tail): must equal the rows once all are folded. */
async function tablesOnly(tenantId: string) {
  const u = await sql<{ unsur_key: string; sum: string; count: string }>`
    SELECT unsur_key, sum(sum) AS sum, sum(count) AS count FROM skm_agg_unsur WHERE tenant_id = ${tenantId} GROUP BY unsur_key ORDER BY unsur_key`.execute(handle.db);
  const r = await sql<{ respondents: string; excluded: string; flagged: string }>`
    SELECT coalesce(sum(respondents), 0) AS respondents, coalesce(sum(excluded), 0) AS excluded, coalesce(sum(flagged), 0) AS flagged FROM skm_agg_respondent WHERE tenant_id = ${tenantId}`.execute(handle.db);
  const p = await sql<{ k: string }>`
    SELECT dimension || '|' || value || '|' || unsur_key || '|' || sum(sum) || '|' || sum(count) AS k FROM skm_agg_profile
    WHERE tenant_id = ${tenantId} GROUP BY dimension, value, unsur_key HAVING sum(count) <> 0 ORDER BY 1`.execute(handle.db);
  return {
    unsur: u.rows.map((x) => `${x.unsur_key}|${x.sum}|${x.count}`),
    profile: p.rows.map((x) => x.k),
    respondents: Number(r.rows[0].respondents), excluded: Number(r.rows[0].excluded), flagged: Number(r.rows[0].flagged),
  };
}

async function rawTable(tenantId: string) {
  const u = await sql<{ unsur_key: string; sum: string; count: string }>`
    SELECT a.key AS unsur_key, sum(a.value::int) AS sum, count(*) AS count FROM skm_response r, jsonb_each_text(r.answers) a
    WHERE r.tenant_id = ${tenantId} AND NOT r.excluded GROUP BY a.key ORDER BY a.key`.execute(handle.db);
  const r = await sql<{ respondents: string; excluded: string; flagged: string }>`
    SELECT count(*) FILTER (WHERE NOT excluded) AS respondents, count(*) FILTER (WHERE excluded) AS excluded, count(*) FILTER (WHERE flagged) AS flagged
    FROM skm_response WHERE tenant_id = ${tenantId}`.execute(handle.db);
  const p = await sql<{ k: string }>`
    SELECT p.dimension || '|' || coalesce(p.value, '') || '|' || a.key || '|' || sum(a.value::int) || '|' || count(*) AS k
    FROM skm_response r CROSS JOIN LATERAL (VALUES ('sex', r.sex), ('age_band', r.age_band), ('education', r.education), ('occupation', r.occupation)) AS p(dimension, value)
      CROSS JOIN LATERAL jsonb_each_text(r.answers) AS a
    WHERE r.tenant_id = ${tenantId} AND NOT r.excluded GROUP BY p.dimension, coalesce(p.value, ''), a.key ORDER BY 1`.execute(handle.db);
  return {
    unsur: u.rows.map((x) => `${x.unsur_key}|${x.sum}|${x.count}`),
    profile: p.rows.map((x) => x.k),
    respondents: Number(r.rows[0].respondents), excluded: Number(r.rows[0].excluded), flagged: Number(r.rows[0].flagged),
  };
}

const exclude = (w: World, id: string, on: boolean) =>
  app.inject({ method: 'POST', url: `/r/${w.t.slug}/api/v1/skm/responses/${id}/${on ? 'exclude' : 'restore'}`, payload: on ? { reason: 'Jawaban ganda dari perangkat yang sama' } : {}, headers: w.admin });

/** Folds everything pending (of every tenant: other files' tenants do not matter here). */
async function foldAll() {
  for (;;) if ((await foldPending(handle.db, { batch: 500, budgetMs: 60_000 })).done) return;
}

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('fold job', () => {
  it('public answers are stored unfolded; results equal the engine before, during and after folding; the job folds them', async () => {
    const w = await world();
    await submitMany(w, 12, 1, { repeat: true });
    expect(await unfoldedCount(handle.db, w.t.id)).toBe(13);
    const before = await expectExact(w);
    expect(before.respondents).toBe(13);
    expect(before.flagged).toBe(1);

    // a partial fold: some rows in the tables, the rest in the tail
    await foldAll();
    await submitMany(w, 5, 2);
    expect(await unfoldedCount(handle.db, w.t.id)).toBe(5);
    await expectExact(w);

    // the scheduled job folds the rest
    const logs: object[] = [];
    const log = { info: (o: object) => logs.push(o), warn() {}, error() {} };
    await skmFoldJob.run({ db: handle.db } as unknown as Deps, {}, { jobId: 1, attempt: 1, tenantId: null, log });
    expect(await unfoldedCount(handle.db, w.t.id)).toBe(0);
    expect(logs.length).toBe(1);
    const after = await expectExact(w);
    expect(after.respondents).toBe(18);
    expect(await tablesOnly(w.t.id)).toEqual(await rawTable(w.t.id));
    expect(skmFoldJob.schedule?.everySeconds).toBeLessThanOrEqual(5);
  });

  it('is idempotent: a second run folds nothing; two concurrent runners never fold a row twice', async () => {
    const w = await world();
    await submitMany(w, 40, 3, { repeat: true });
    const ids = await handle.db.selectFrom('skm_response').select('id').where('tenant_id', '=', w.t.id).execute();
    // an exclusion before folding: the fold counts it as excluded
    expect((await exclude(w, ids[5].id, true)).statusCode).toBe(200);
    // small batches so the runners interleave (on PostgreSQL they run on two connections)
    const runs = await Promise.all([
      foldPending(handle.db, { batch: 3, budgetMs: 60_000 }),
      foldPending(handle.db, { batch: 4, budgetMs: 60_000 }),
      (async () => { let n = 0; for (let i = 0; i < 10; i++) n += await foldBatch(handle.db, 2); return { folded: n }; })(),
    ]);
    await foldAll();
    // (the runners fold every tenant's rows: other test files may share this database)
    expect(runs.reduce((n, r) => n + r.folded, 0)).toBeGreaterThan(0);
    expect(await unfoldedCount(handle.db, w.t.id)).toBe(0);
    const tables = await tablesOnly(w.t.id);
    expect(tables).toEqual(await rawTable(w.t.id));
    expect(tables).toMatchObject({ respondents: 40, excluded: 1, flagged: 1 });
    // again: nothing of this tenant left to fold, nothing changes
    await foldPending(handle.db);
    expect(await unfoldedCount(handle.db, w.t.id)).toBe(0);
    expect(await tablesOnly(w.t.id)).toEqual(tables);
    await expectExact(w);
  });

  it('excluding and restoring folded and unfolded answers keeps results exact (also racing the fold)', async () => {
    const w = await world();
    const first = await submitMany(w, 10, 4);
    await foldAll();
    const second = await submitMany(w, 10, 5);
    // folded answer: the aggregates move at once; unfolded answer: the fold will count it excluded
    expect((await exclude(w, first[2], true)).statusCode).toBe(200);
    expect((await exclude(w, second[3], true)).statusCode).toBe(200);
    let f = await expectExact(w);
    expect(f).toMatchObject({ respondents: 18, excluded: 2 });
    // restore one of each while folds run
    const [r1, r2] = await Promise.all([exclude(w, first[2], false), exclude(w, second[3], false), foldPending(handle.db, { batch: 2, budgetMs: 60_000 })]);
    expect(r1.statusCode).toBe(200);
    expect(r2.statusCode).toBe(200);
    await expectExact(w);
    // exclude both again racing the folds, then fold everything
    await Promise.all([exclude(w, second[7], true), foldPending(handle.db, { batch: 1, budgetMs: 60_000 }), exclude(w, second[8], true)]);
    await foldAll();
    f = await expectExact(w);
    expect(f).toMatchObject({ respondents: 18, excluded: 2 });
    expect(await tablesOnly(w.t.id)).toEqual(await rawTable(w.t.id));
  });

  it('rows inserted folded (paper import, demo) are not folded again', async () => {
    const w = await world();
    await submitMany(w, 3, 6);
    const csvRows = (await handle.db.selectFrom('skm_response').selectAll().where('tenant_id', '=', w.t.id).execute()).length;
    expect(csvRows).toBe(3);
    const answers = Object.fromEntries(w.q.unsur.map((u) => [u.key, 4]));
    const month = `${w.range.startsOn.slice(0, 7)}-01`;
    const paperClientId = crypto.randomUUID();
    await handle.db.transaction().execute(async (tx) => {
      await repo.insertResponses(tx, [{
        tenant_id: w.t.id, client_id: paperClientId, unit_id: w.unit.id, counter_id: null, officer_code: null, questionnaire_id: w.q.id,
        answers: JSON.stringify(answers), sex: null, age: null, age_band: null, education: null, occupation: null, service_id: null,
        answered_at: new Date(`${w.range.startsOn}T03:00:00Z`), answered_on: w.range.startsOn, month, time_slot: 'pagi', suggestion: null, source: 'paper',
        import_id: null, fingerprint: null, answers_hash: 'x', flagged: false, flag_reason: null, folded: true,
      }]);
      await repo.applyBulkToAggregates(tx, { tenantId: w.t.id, unitId: w.unit.id, month, questionnaireId: w.q.id }, Object.fromEntries(w.q.unsur.map((u) => [u.key, { sum: 4, count: 1 }])), 1);
      await repo.applyToProfileAggregates(tx, w.t.id, { clientIds: [paperClientId] }, 1, { countedOnly: true });
    });
    expect(await unfoldedCount(handle.db, w.t.id)).toBe(3);
    await expectExact(w);
    await foldAll();
    expect(await tablesOnly(w.t.id)).toEqual(await rawTable(w.t.id));
    expect((await expectExact(w)).respondents).toBe(4);
  });
});

// Only PostgreSQL has concurrent transactions (PGlite serialises them on one connection).
if (TEST_DB_KIND === 'postgres') describe('fold job under lock contention', () => {
  it('gives way to a transaction holding the aggregate rows, folds nothing meanwhile, and folds once it is gone', async () => {
    const w = await world();
    await submitMany(w, 2, 7);
    await foldAll();
    await submitMany(w, 3, 8);
    const groups = await handle.db.selectFrom('skm_agg_unsur').select(['unit_id', 'month', 'questionnaire_id', 'unsur_key']).distinct().where('tenant_id', '=', w.t.id).execute();
    // Hold every shard of every aggregate key of this tenant, as a long exclusion or import would.
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const holder = handle.db.transaction().execute(async (tx) => {
      for (const g of groups) {
        for (let shard = 0; shard < AGG_SHARDS; shard++) {
          await tx.insertInto('skm_agg_unsur').values({ tenant_id: w.t.id, ...g, shard, sum: 0, count: 0 })
            .onConflict((oc) => oc.columns(['tenant_id', 'unit_id', 'month', 'questionnaire_id', 'unsur_key', 'shard']).doUpdateSet({ sum: sql`skm_agg_unsur.sum` })).execute();
        }
      }
      locked();
      await held;
    });
    await isLocked;
    const err = await foldBatch(handle.db, 5000).then(() => null, (e: unknown) => e as { code?: string });
    expect(err?.code).toBe('55P03'); // lock_timeout: the fold stepped back (after its retries)
    expect(await unfoldedCount(handle.db, w.t.id)).toBe(3);
    release();
    await holder;
    await foldAll();
    expect(await unfoldedCount(handle.db, w.t.id)).toBe(0);
    expect((await expectExact(w)).respondents).toBe(5);
  });
});

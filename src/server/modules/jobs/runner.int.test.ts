/**
 * The job queue on the test database (PGlite and PostgreSQL). Every test uses job names of
 * its own and runs only those (the database is shared with other test files). No sleeps:
 * the runner is driven with explicit ticks, and time with run_at values in the past.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from '../../db/index.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { jobCounter } from '../../platform/metrics.js';
import { openTestDatabase, TEST_DB_KIND } from '../../../../test/helpers/db.js';
import { testConfig } from '../../../../test/helpers/app.js';
import { defineJob, type JobDefinition, type JobRunContext } from './define.js';
import { enqueueJob } from './service.js';
import * as repo from './repo.js';
import { enqueueDueSchedules, ensureSchedules, runDueJobsOnce, startJobRunner } from './runner.js';

let handle: DbHandle;
let deps: Deps;
beforeAll(async () => {
  handle = await openTestDatabase();
  deps = { config: testConfig(), db: handle.db, handle };
}, 120_000);
afterAll(async () => {
  await handle.close();
});

const uniq = (label: string) => `test.${label}.${crypto.randomBytes(4).toString('hex')}`;

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function echoJob(name: string, run: JobDefinition['run'] = async () => {}, over: Partial<JobDefinition> = {}) {
  return defineJob({
    name,
    payload: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
    retry: { maxAttempts: 3, backoffSeconds: 60 },
    timeoutSeconds: 120,
    run,
    ...over,
  });
}

const jobRow = (id: number) => handle.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const jobsNamed = (name: string) => handle.db.selectFrom('job').selectAll().where('name', '=', name).orderBy('id').execute();
const pastRunAt = (id: number) => handle.db.updateTable('job').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();

async function counterValue(name: string, outcome: string): Promise<number> {
  const m = await jobCounter.get();
  return m.values.find((v) => v.labels.name === name && v.labels.outcome === outcome)?.value ?? 0;
}

describe('job queue', () => {
  it('enqueues, claims with a lock for the job timeout, runs and marks done', async () => {
    const seen: Array<{ payload: unknown; ctx: JobRunContext }> = [];
    const def = echoJob(uniq('echo'), async (_d, payload, ctx) => void seen.push({ payload, ctx }));
    const tenantId = (await handle.db.selectFrom('tenant').select('id').executeTakeFirst())?.id ?? null;
    const { id, created } = await enqueueJob(handle.db, def, { n: 7 }, { tenantId });
    expect(created).toBe(true);
    const queued = await jobRow(id);
    expect(queued).toMatchObject({ status: 'queued', attempts: 0, max_attempts: 3, payload: { n: 7 } });

    const before = Date.now();
    const claimed = await repo.claimJobs(handle.db, { workerId: 'w-claim', limit: 5, names: [def.name], timeouts: { [def.name]: 120 }, defaultTimeoutSeconds: 60 });
    expect(claimed.map((r) => r.id)).toEqual([id]);
    expect(claimed[0]).toMatchObject({ status: 'running', attempts: 1, locked_by: 'w-claim' });
    const lockSeconds = (claimed[0].locked_until!.getTime() - before) / 1000;
    expect(lockSeconds).toBeGreaterThan(110);
    expect(lockSeconds).toBeLessThan(130);
    // Claimed rows are not claimed again.
    expect(await repo.claimJobs(handle.db, { workerId: 'w-other', limit: 5, names: [def.name], timeouts: {}, defaultTimeoutSeconds: 60 })).toEqual([]);
    // Give it back to the queue and let the runner do the whole round.
    await handle.db.updateTable('job').set({ status: 'queued', locked_by: null, locked_until: null, attempts: 0 }).where('id', '=', id).execute();

    const doneBefore = await counterValue(def.name, 'done');
    const r = await runDueJobsOnce(deps, [def], 'w1');
    expect(r).toMatchObject({ claimed: 1, done: 1, failed: 0, retried: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0].payload).toEqual({ n: 7 });
    expect(seen[0].ctx).toMatchObject({ jobId: id, attempt: 1, tenantId });
    const done = await jobRow(id);
    expect(done).toMatchObject({ status: 'done', attempts: 1, locked_by: null, locked_until: null, last_error: null });
    expect(done.finished_at).toBeInstanceOf(Date);
    expect(await counterValue(def.name, 'done')).toBe(doneBefore + 1);
    // Nothing left to do.
    expect((await runDueJobsOnce(deps, [def], 'w1')).claimed).toBe(0);
  });

  it('leaves a job with a future run_at alone until it is due', async () => {
    let runs = 0;
    const def = echoJob(uniq('later'), async () => void runs++);
    const { id } = await enqueueJob(handle.db, def, { n: 1 }, { runAt: new Date(Date.now() + 3600_000) });
    expect((await runDueJobsOnce(deps, [def], 'w1')).claimed).toBe(0);
    expect((await jobRow(id)).status).toBe('queued');
    await pastRunAt(id);
    expect((await runDueJobsOnce(deps, [def], 'w1')).done).toBe(1);
    expect(runs).toBe(1);
  });

  it('keeps one job per dedupe key', async () => {
    const def = echoJob(uniq('dedupe'));
    const key = `${def.name}:k1`;
    const a = await enqueueJob(handle.db, def, { n: 1 }, { dedupeKey: key });
    const b = await enqueueJob(handle.db, def, { n: 2 }, { dedupeKey: key });
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    const rows = await jobsNamed(def.name);
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toEqual({ n: 1 });
    // Without a key, every enqueue is a job.
    await enqueueJob(handle.db, def, { n: 3 });
    expect(await jobsNamed(def.name)).toHaveLength(2);
  });

  it('refuses a payload that does not match the schema, storing nothing', async () => {
    const def = echoJob(uniq('bad'));
    for (const bad of [{ n: 'x' }, { n: 1, extra: true }, {}]) {
      const err = await enqueueJob(handle.db, def, bad as any).then(() => null, (e) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe('VALIDATION');
      expect(Array.isArray(err.details) && err.details.length).toBeTruthy();
    }
    expect(await jobsNamed(def.name)).toHaveLength(0);
  });

  it('retries a failing job with exponential backoff, then marks it failed with the last error', async () => {
    let attempt = 0;
    const def = echoJob(uniq('flaky'), async () => {
      attempt++;
      throw new Error(`boom ${attempt}`);
    }, { retry: { maxAttempts: 3, backoffSeconds: 60 } });
    const { id } = await enqueueJob(handle.db, def, { n: 1 });

    for (const [n, expectedDelay] of [[1, 60], [2, 120]] as const) {
      const t0 = Date.now();
      expect(await runDueJobsOnce(deps, [def], 'w1')).toMatchObject({ claimed: 1, retried: 1, failed: 0 });
      const row = await jobRow(id);
      expect(row).toMatchObject({ status: 'queued', attempts: n, last_error: `boom ${n}`, locked_by: null, finished_at: null });
      const delay = (row.run_at.getTime() - t0) / 1000;
      expect(delay).toBeGreaterThan(expectedDelay - 5);
      expect(delay).toBeLessThan(expectedDelay + 5);
      // Not due yet: a tick does nothing.
      expect((await runDueJobsOnce(deps, [def], 'w1')).claimed).toBe(0);
      await pastRunAt(id);
    }
    expect(await runDueJobsOnce(deps, [def], 'w1')).toMatchObject({ claimed: 1, retried: 0, failed: 1 });
    const failed = await jobRow(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom 3' });
    expect(failed.finished_at).toBeInstanceOf(Date);
    await pastRunAt(id);
    expect((await runDueJobsOnce(deps, [def], 'w1')).claimed).toBe(0);
    expect(attempt).toBe(3);
    expect(await counterValue(def.name, 'retry')).toBe(2);
    expect(await counterValue(def.name, 'failed')).toBe(1);
  });

  it('re-queues a running job whose lock expired (crashed worker) and runs it again', async () => {
    const runs: number[] = [];
    const def = echoJob(uniq('stuck'), async (_d, _p, ctx) => void runs.push(ctx.attempt));
    const { id } = await enqueueJob(handle.db, def, { n: 1 });
    const fresh = await enqueueJob(handle.db, def, { n: 2 });
    await repo.claimJobs(handle.db, { workerId: 'w-dead', limit: 2, names: [def.name], timeouts: { [def.name]: 120 }, defaultTimeoutSeconds: 60 });
    // The worker died: its lock on the first job ran out; the second is still within it.
    await handle.db.updateTable('job').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', id).execute();

    const r = await runDueJobsOnce(deps, [def], 'w-alive');
    expect(r).toMatchObject({ recovered: 1, claimed: 1, done: 1 });
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(runs).toEqual([2]);
    expect(await jobRow(fresh.id)).toMatchObject({ status: 'running', locked_by: 'w-dead' });
    // The dead worker coming back cannot overwrite the outcome.
    expect(await repo.completeJob(handle.db, id, 'w-dead')).toBe(false);
  });

  it('fails a crashed job for good when the crash used its last attempt', async () => {
    let runs = 0;
    const def = echoJob(uniq('stuck1'), async () => void runs++, { retry: { maxAttempts: 1, backoffSeconds: 60 } });
    const { id } = await enqueueJob(handle.db, def, { n: 1 });
    await repo.claimJobs(handle.db, { workerId: 'w-dead', limit: 1, names: [def.name], timeouts: {}, defaultTimeoutSeconds: 60 });
    await handle.db.updateTable('job').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expect(await runDueJobsOnce(deps, [def], 'w-alive')).toMatchObject({ recovered: 1, claimed: 0 });
    const row = await jobRow(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, locked_by: null });
    expect(row.last_error).toContain('lock expired');
    expect(runs).toBe(0);
  });

  it('marks a job without a definition failed', async () => {
    const known = echoJob(uniq('known'));
    const unknownName = uniq('gone');
    const { id } = await repo.insertJob(handle.db, { name: unknownName, tenantId: null, payload: {}, runAt: null, maxAttempts: 5, dedupeKey: null });
    const r = await runDueJobsOnce(deps, [known], 'w1', { names: [known.name, unknownName] });
    expect(r).toMatchObject({ claimed: 1, failed: 1 });
    const row = await jobRow(id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('unknown job');
  });

  it('runs each of 50 jobs exactly once with two runners ticking together', async () => {
    const ranBy = new Map<number, string[]>();
    const def = echoJob(uniq('pair'), async (d, _p, ctx) => {
      // A database round trip inside the job, so the two runners interleave.
      await sql`select 1`.execute(d.db);
      ranBy.set(ctx.jobId, [...(ranBy.get(ctx.jobId) ?? []), (d as Deps & { worker: string }).worker]);
    });
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) ids.push((await enqueueJob(handle.db, def, { n: i })).id);

    // On PostgreSQL the second runner has its own connection pool, like a second process.
    const other: DbHandle = TEST_DB_KIND === 'postgres' ? await openDatabase({ databaseUrl: inject('postgresUrl'), dataDir: '', poolSize: 4 }) : handle;
    try {
      const depsA = { ...deps, worker: 'A' };
      const depsB = { config: deps.config, db: other.db, handle: other, worker: 'B' };
      let rounds = 0;
      for (;;) {
        const [a, b] = await Promise.all([runDueJobsOnce(depsA, [def], 'runner-A', { limit: 5 }), runDueJobsOnce(depsB, [def], 'runner-B', { limit: 5 })]);
        if (a.claimed + b.claimed === 0) break;
        if (++rounds > 50) throw new Error('runners did not drain the queue');
      }
    } finally {
      if (other !== handle) await other.close();
    }
    expect([...ranBy.keys()].sort((x, y) => x - y)).toEqual(ids);
    for (const id of ids) expect(ranBy.get(id)).toHaveLength(1);
    const workers = new Set([...ranBy.values()].flat());
    expect(workers).toEqual(new Set(['A', 'B']));
    const rows = await jobsNamed(def.name);
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('enqueues one job per schedule slot, however many schedulers tick', async () => {
    let runs = 0;
    const def = defineJob({
      name: uniq('sched'),
      payload: Type.Object({}, { additionalProperties: false }),
      schedule: { everySeconds: 3600 },
      retry: { maxAttempts: 1, backoffSeconds: 1 },
      timeoutSeconds: 60,
      run: async () => void runs++,
    });
    const others: DbHandle[] =
      TEST_DB_KIND === 'postgres'
        ? await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: inject('postgresUrl'), dataDir: '', poolSize: 2 })))
        : [handle, handle, handle];
    const schedulers = [deps, ...others.map((h) => ({ config: deps.config, db: h.db, handle: h }))];
    try {
      await Promise.all(schedulers.map((d) => ensureSchedules(d, [def])));
      const schedule = await handle.db.selectFrom('job_schedule').selectAll().where('name', '=', def.name).executeTakeFirstOrThrow();
      expect(schedule.interval_seconds).toBe(3600);

      // Slot 1 (due at start), then slot 2 after the schedule is made due again.
      for (const slot of [1, 2]) {
        const made = await Promise.all(schedulers.map((d) => enqueueDueSchedules(d, [def])));
        expect(made.reduce((a, b) => a + b, 0)).toBe(1);
        expect(await jobsNamed(def.name)).toHaveLength(slot);
        // Not due again within the interval.
        expect((await Promise.all(schedulers.map((d) => enqueueDueSchedules(d, [def])))).reduce((a, b) => a + b, 0)).toBe(0);
        if (slot === 1) await handle.db.updateTable('job_schedule').set({ next_run_at: new Date(Date.now() - 1000) }).where('name', '=', def.name).execute();
      }
    } finally {
      for (const h of new Set(others)) if (h !== handle) await h.close();
    }
    const jobs = await jobsNamed(def.name);
    expect(new Set(jobs.map((j) => j.dedupe_key)).size).toBe(2);
    expect(jobs.every((j) => j.dedupe_key!.startsWith(`${def.name}@`))).toBe(true);
    // The runner runs both, each once.
    expect(await runDueJobsOnce(deps, [def], 'w1')).toMatchObject({ scheduled: 0, claimed: 2, done: 2 });
    expect(runs).toBe(2);
    expect((await jobsNamed(def.name)).every((j) => j.status === 'done')).toBe(true);
  });

  it('stops gracefully: stop() waits for the running job to finish', async () => {
    const started = deferred();
    const gate = deferred();
    const def = echoJob(uniq('slow'), async () => {
      started.resolve();
      await gate.promise;
    });
    const { id } = await enqueueJob(handle.db, def, { n: 1 });
    const runner = startJobRunner(deps, [def], undefined, { manual: true, names: [def.name] });
    const tick = runner.tick();
    await started.promise;
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    expect((await jobRow(id)).status).toBe('running');
    gate.resolve();
    await stopping;
    // By the time stop() returned, the job's outcome was recorded.
    expect((await jobRow(id)).status).toBe('done');
    expect((await tick).done).toBe(1);
  });

  it('runs queued jobs from its polling loop, upserting schedules at start', async () => {
    const ran = deferred<number>();
    const def = echoJob(uniq('loop'), async (_d, p) => ran.resolve((p as { n: number }).n));
    const sched = defineJob({ name: uniq('loopsched'), payload: Type.Object({}), schedule: { everySeconds: 600 }, retry: { maxAttempts: 1, backoffSeconds: 1 }, timeoutSeconds: 60, run: async () => {} });
    const runner = startJobRunner(deps, [def, sched], undefined, { pollMs: 20, names: [def.name, sched.name], concurrency: 2 });
    try {
      await enqueueJob(handle.db, def, { n: 42 });
      expect(await ran.promise).toBe(42);
    } finally {
      await runner.stop();
    }
    expect(await handle.db.selectFrom('job_schedule').select('name').where('name', '=', sched.name).executeTakeFirst()).toBeTruthy();
    expect((await jobsNamed(sched.name)).length).toBe(1);
  });
});

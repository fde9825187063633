/**
 * The job runner: every app process runs one (unless PRIMA_RUN_JOBS=false). Each tick it
 *  1. re-queues running jobs whose lock expired (their worker died),
 *  2. enqueues one job per due schedule slot (a conditional UPDATE picks one winner among
 *     all processes; the job's dedupe key `${name}@${slot}` is a second guard),
 *  3. claims due jobs with FOR UPDATE SKIP LOCKED and runs them, at most `concurrency` at
 *     a time; success marks the job done, failure re-queues it with exponential backoff
 *     until its attempts are used up, then marks it failed.
 * Between ticks it waits `pollMs` (no LISTEN/NOTIFY: it must work on PGlite too).
 * `stop()` lets the running jobs finish. Tests and the CLI call `runDueJobsOnce`, or start
 * a runner with `manual: true` and drive it with `tick()`.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { Value } from '@sinclair/typebox/value';
import type { Deps } from '../../platform/deps.js';
import { jobCounter } from '../../platform/metrics.js';
import type { JobDefinition, JobRunContext } from './define.js';
import * as repo from './repo.js';

export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const silentLog: JobLogger = { info() {}, warn() {}, error() {} };

/** Lock length for a claimed job without a definition (it is failed at once anyway). */
const UNKNOWN_JOB_TIMEOUT_SECONDS = 60;
/** last_error is kept readable, not a whole stack dump. */
const MAX_ERROR_LENGTH = 2000;

export interface RunOptions {
  /** Jobs claimed in one round (default: 10 for runDueJobsOnce, `concurrency` for the runner loop). */
  limit?: number;
  /** Jobs run at the same time (default 1; PGlite is one connection, 1–2 is plenty). */
  concurrency?: number;
  /**
   * Which queued jobs to look at: 'known' — names of the given definitions; 'all' — every
   * job, and one without a definition is marked failed; or an explicit list of names.
   */
  names?: 'known' | 'all' | string[];
  log?: JobLogger;
}

export interface RunnerOptions extends RunOptions {
  /** Wait between ticks when the queue is empty (default 1000 ms). */
  pollMs?: number;
  workerId?: string;
  /** No loop: the caller drives the runner with `tick()` (tests). */
  manual?: boolean;
}

export interface TickResult {
  recovered: number;
  scheduled: number;
  claimed: number;
  done: number;
  retried: number;
  failed: number;
}

export interface JobRunner {
  workerId: string;
  /** One round: recover, schedule, claim and run. */
  tick(): Promise<TickResult>;
  /** Stops the loop and waits for the jobs being run. */
  stop(): Promise<void>;
}

export function newWorkerId(): string {
  return `${os.hostname()}/${process.pid}/${crypto.randomBytes(3).toString('hex')}`;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/** Creates the schedule rows of scheduled definitions. A schedule's jobs get the payload `{}`. */
export async function ensureSchedules(deps: Deps, defs: JobDefinition<any>[], log: JobLogger = silentLog): Promise<void> {
  const schedules: Array<{ name: string; intervalSeconds: number }> = [];
  for (const def of defs) {
    if (!def.schedule) continue;
    if (!Value.Check(def.payload, {})) {
      log.error({ job: def.name }, 'scheduled job must accept the empty payload {}; schedule ignored');
      continue;
    }
    schedules.push({ name: def.name, intervalSeconds: def.schedule.everySeconds });
  }
  await repo.upsertSchedules(deps.db, schedules);
}

/** Enqueues one job for each due schedule slot this process wins. Returns how many. */
export async function enqueueDueSchedules(deps: Deps, defs: JobDefinition<any>[]): Promise<number> {
  let enqueued = 0;
  for (const def of defs) {
    if (!def.schedule || !Value.Check(def.payload, {})) continue;
    // Claim and enqueue together: a slot is never advanced without its job.
    const created = await deps.db.transaction().execute(async (tx) => {
      const slot = await repo.claimDueSchedule(tx, def.name);
      if (!slot) return false;
      const job = await repo.insertJob(tx, {
        name: def.name,
        tenantId: null,
        payload: {},
        runAt: null,
        maxAttempts: def.retry.maxAttempts,
        dedupeKey: `${def.name}@${slot.toISOString()}`,
      });
      return job.created;
    });
    if (created) enqueued++;
  }
  return enqueued;
}

type Outcome = 'done' | 'retried' | 'failed' | 'lost';

async function runClaimed(deps: Deps, byName: Map<string, JobDefinition<any>>, workerId: string, row: repo.JobRow, log: JobLogger): Promise<Outcome> {
  const def = byName.get(row.name);
  if (!def) {
    await repo.failJobNow(deps.db, row.id, workerId, `unknown job "${row.name}": no definition in this version of Prima`);
    // One label for every unknown name keeps the metric's label set bounded.
    jobCounter.inc({ name: 'unknown', outcome: 'failed' });
    log.error({ jobId: row.id, job: row.name }, 'unknown job marked failed');
    return 'failed';
  }
  if (!Value.Check(def.payload, row.payload)) {
    // Retrying cannot fix a payload that no longer matches its definition.
    await repo.failJobNow(deps.db, row.id, workerId, 'payload does not match the job definition');
    jobCounter.inc({ name: def.name, outcome: 'failed' });
    return 'failed';
  }
  const jobLog = (log as { child?: (b: object) => JobLogger }).child?.({ job: def.name, jobId: row.id }) ?? log;
  const ctx: JobRunContext = { jobId: row.id, attempt: row.attempts, tenantId: row.tenant_id, log: jobLog };
  try {
    await def.run(deps, row.payload, ctx);
  } catch (err) {
    const status = await repo.failJob(deps.db, row.id, workerId, errorText(err), def.retry.backoffSeconds);
    if (status === 'failed') {
      jobCounter.inc({ name: def.name, outcome: 'failed' });
      jobLog.error({ err, attempt: row.attempts }, 'job failed for good');
      return 'failed';
    }
    if (status === 'queued') {
      jobCounter.inc({ name: def.name, outcome: 'retry' });
      jobLog.warn({ err, attempt: row.attempts }, 'job failed; will retry');
      return 'retried';
    }
    jobLog.warn({ err }, 'job failed after its lock was taken over');
    return 'lost';
  }
  if (!(await repo.completeJob(deps.db, row.id, workerId))) {
    // The lock expired and the job was recovered: it ran longer than timeoutSeconds.
    jobLog.warn({ timeoutSeconds: def.timeoutSeconds }, 'job finished after its lock expired');
    return 'lost';
  }
  jobCounter.inc({ name: def.name, outcome: 'done' });
  return 'done';
}

function resolveNames(names: RunOptions['names'], defs: JobDefinition<any>[]): string[] | null {
  if (names === 'all') return null;
  if (Array.isArray(names)) return names;
  return defs.map((d) => d.name);
}

async function tickOnce(deps: Deps, defs: JobDefinition<any>[], workerId: string, opts: RunOptions & { limit: number }): Promise<TickResult> {
  const log = opts.log ?? silentLog;
  const names = resolveNames(opts.names ?? 'known', defs);
  const byName = new Map(defs.map((d) => [d.name, d]));
  const scheduledDefs = names ? defs.filter((d) => names.includes(d.name)) : defs;

  const recovered = await repo.recoverExpiredJobs(deps.db, names);
  if (recovered) log.warn({ recovered }, 'jobs of a stopped worker re-queued');
  const scheduled = await enqueueDueSchedules(deps, scheduledDefs);
  const rows = await repo.claimJobs(deps.db, {
    workerId,
    limit: opts.limit,
    names,
    timeouts: Object.fromEntries(defs.map((d) => [d.name, d.timeoutSeconds])),
    defaultTimeoutSeconds: UNKNOWN_JOB_TIMEOUT_SECONDS,
  });

  const result: TickResult = { recovered, scheduled, claimed: rows.length, done: 0, retried: 0, failed: 0 };
  const queue = [...rows];
  const lane = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      let outcome: Outcome;
      try {
        outcome = await runClaimed(deps, byName, workerId, row, log);
      } catch (err) {
        // Bookkeeping failed (database gone?): the lock expires and the job is recovered.
        log.error({ err, jobId: row.id }, 'could not record a job result');
        outcome = 'lost';
      }
      if (outcome !== 'lost') result[outcome]++;
    }
  };
  const lanes = Math.max(1, opts.concurrency ?? 1);
  await Promise.all(Array.from({ length: Math.min(lanes, rows.length) }, lane));
  return result;
}

/**
 * One round for the given definitions (by default only jobs with these names are looked
 * at): ensure schedules, recover, enqueue due slots, claim up to `limit` jobs and run them.
 */
export async function runDueJobsOnce(deps: Deps, defs: JobDefinition<any>[], workerId: string, opts: RunOptions = {}): Promise<TickResult> {
  await ensureSchedules(deps, defs, opts.log);
  return tickOnce(deps, defs, workerId, { ...opts, limit: opts.limit ?? 10 });
}

/**
 * Starts the runner of this process. By default it looks at every queued job, and marks
 * one whose name has no definition failed.
 */
export function startJobRunner(deps: Deps, defs: JobDefinition<any>[], log: JobLogger = silentLog, opts: RunnerOptions = {}): JobRunner {
  const workerId = opts.workerId ?? newWorkerId();
  const pollMs = opts.pollMs ?? 1000;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const runOpts: RunOptions & { limit: number } = { names: opts.names ?? 'all', concurrency, limit: opts.limit ?? concurrency, log };
  const inFlight = new Set<Promise<unknown>>();
  let schedulesReady: Promise<void> | null = null;
  let stopping = false;
  let wake: (() => void) | null = null;

  const tick = (): Promise<TickResult> => {
    const p = (async () => {
      // Schedules are upserted once per start; a failure is retried on the next tick.
      schedulesReady ??= ensureSchedules(deps, defs, log).catch((err) => {
        schedulesReady = null;
        throw err;
      });
      await schedulesReady;
      return tickOnce(deps, defs, workerId, runOpts);
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  };

  const loop = async () => {
    while (!stopping) {
      let busy = false;
      try {
        const r = await tick();
        // A full batch: more may be waiting, so go again without pausing.
        busy = r.claimed >= runOpts.limit;
      } catch (err) {
        log.error({ err }, 'job runner tick failed');
      }
      if (stopping || busy) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  };
  const looping = opts.manual ? Promise.resolve() : loop();

  return {
    workerId,
    tick,
    async stop() {
      stopping = true;
      wake?.();
      await looping;
      await Promise.allSettled([...inFlight]);
    },
  };
}

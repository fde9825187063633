/**
 * All SQL of the job queue. The `job` table is platform infrastructure rather than tenant
 * data: a job may belong to a tenant (`tenant_id`) or to the whole install (NULL). Queries
 * that serve a person (the admin list) filter by tenant; the worker's queries look at every
 * row it may run.
 *
 * Concurrency (docs/adr/0006-jobs-in-postgres.md):
 *  - a worker claims rows with `FOR UPDATE SKIP LOCKED` in one UPDATE, so two workers never
 *    claim the same row and neither waits for the other;
 *  - completion and failure are conditional on `locked_by = <worker>`: a worker whose lock
 *    expired (and whose job was handed to another) cannot overwrite the new owner's result;
 *  - schedules advance with a conditional UPDATE (`next_run_at <= now()`), so of N processes
 *    ticking together exactly one wins each slot.
 *
 * `names` parameters restrict a query to some job names (null: every name) — a worker
 * dedicated to some jobs, or a test that must not touch another test's rows.
 */
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { JobTable } from './tables.js';

export type JobRow = Selectable<JobTable>;
export type JobStatus = JobRow['status'];

export interface NewJob {
  name: string;
  tenantId: string | null;
  payload: unknown;
  runAt: Date | null;
  maxAttempts: number;
  dedupeKey: string | null;
}

/** Inserts a job; with a dedupe key already present, returns the existing job instead. */
export async function insertJob(db: Executor, job: NewJob): Promise<{ id: number; created: boolean }> {
  const inserted = await db
    .insertInto('job')
    .values({
      name: job.name,
      tenant_id: job.tenantId,
      payload: JSON.stringify(job.payload ?? {}),
      ...(job.runAt ? { run_at: job.runAt } : {}),
      max_attempts: job.maxAttempts,
      dedupe_key: job.dedupeKey,
      locked_by: null,
      locked_until: null,
      last_error: null,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  // ON CONFLICT waited for the other insert to commit, so the row is visible now.
  const existing = await db.selectFrom('job').select('id').where('dedupe_key', '=', job.dedupeKey!).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/**
 * Claims up to `limit` due jobs for `workerId`. The lock lasts each job's own timeout
 * (`timeouts`: name → seconds; others get `defaultTimeoutSeconds`).
 */
export async function claimJobs(
  db: Executor,
  opts: { workerId: string; limit: number; names: string[] | null; timeouts: Record<string, number>; defaultTimeoutSeconds: number },
): Promise<JobRow[]> {
  const timeoutNames = Object.keys(opts.timeouts);
  const timeoutSecs = timeoutNames.map((n) => opts.timeouts[n]);
  const { rows } = await sql<JobRow>`
    UPDATE job
       SET status = 'running',
           attempts = attempts + 1,
           locked_by = ${opts.workerId},
           locked_until = now() + coalesce(
             (SELECT t.secs FROM unnest(${timeoutNames}::text[], ${timeoutSecs}::int[]) AS t(name, secs) WHERE t.name = job.name),
             ${opts.defaultTimeoutSeconds}::int) * interval '1 second'
     WHERE id IN (
       SELECT id FROM job
        WHERE status = 'queued' AND run_at <= now()
          AND (${opts.names}::text[] IS NULL OR name = ANY(${opts.names}::text[]))
        ORDER BY run_at, id
        LIMIT ${opts.limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return rows;
}

/** Marks a job done, if `workerId` still holds it. */
export async function completeJob(db: Executor, id: number, workerId: string): Promise<boolean> {
  const res = await db
    .updateTable('job')
    .set({ status: 'done', finished_at: sql<Date>`now()`, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Records a failed attempt: back to the queue after `backoffSeconds × 2^(attempt-1)`, or
 * 'failed' once the job has used its attempts. Returns the new status, or null when the
 * worker no longer held the job.
 */
export async function failJob(db: Executor, id: number, workerId: string, error: string, backoffSeconds: number): Promise<'queued' | 'failed' | null> {
  const { rows } = await sql<{ status: 'queued' | 'failed' }>`
    UPDATE job
       SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
           run_at = CASE WHEN attempts >= max_attempts THEN run_at
                         ELSE now() + ${backoffSeconds}::int * power(2, attempts - 1) * interval '1 second' END,
           finished_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
           last_error = ${error},
           locked_by = NULL,
           locked_until = NULL
     WHERE id = ${id} AND status = 'running' AND locked_by = ${workerId}
    RETURNING status`.execute(db);
  return rows[0]?.status ?? null;
}

/** Marks a claimed job failed at once (no definition for its name). */
export async function failJobNow(db: Executor, id: number, workerId: string, error: string): Promise<void> {
  await db
    .updateTable('job')
    .set({ status: 'failed', finished_at: sql<Date>`now()`, last_error: error, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Running jobs whose lock expired belong to a worker that died (or hung): back to the
 * queue, or 'failed' when that was their last attempt. Returns how many were recovered.
 */
export async function recoverExpiredJobs(db: Executor, names: string[] | null): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    UPDATE job
       SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
           finished_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
           last_error = 'lock expired: worker ' || coalesce(locked_by, '?') || ' stopped before finishing',
           locked_by = NULL,
           locked_until = NULL
     WHERE status = 'running' AND locked_until < now()
       AND (${names}::text[] IS NULL OR name = ANY(${names}::text[]))
    RETURNING id`.execute(db);
  return rows.length;
}

/**
 * Creates the schedule rows of these definitions (first run: now). A changed interval is
 * taken over, and the next run is brought forward if the new interval is shorter.
 */
export async function upsertSchedules(db: Executor, schedules: Array<{ name: string; intervalSeconds: number }>): Promise<void> {
  if (!schedules.length) return;
  await db
    .insertInto('job_schedule')
    .values(schedules.map((s) => ({ name: s.name, interval_seconds: s.intervalSeconds, last_run_at: null })))
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        interval_seconds: (eb) => eb.ref('excluded.interval_seconds'),
        next_run_at: sql<Date>`least(job_schedule.next_run_at, now() + excluded.interval_seconds * interval '1 second')`,
      }).where('job_schedule.interval_seconds', '<>', (eb) => eb.ref('excluded.interval_seconds')),
    )
    .execute();
}

/**
 * Claims the due slot of one schedule: moves `next_run_at` one interval past now, and
 * returns the slot it claimed (the old `next_run_at`), or null when it was not due or
 * another process claimed it first. Concurrent callers serialise on the row lock; the
 * loser re-checks `next_run_at <= now()` against the winner's new value and updates nothing.
 */
export async function claimDueSchedule(db: Executor, name: string): Promise<Date | null> {
  const { rows } = await sql<{ slot: Date }>`
    UPDATE job_schedule s
       SET next_run_at = now() + s.interval_seconds * interval '1 second',
           last_run_at = now()
      FROM (SELECT name, next_run_at AS slot FROM job_schedule WHERE name = ${name}) old
     WHERE s.name = old.name AND s.next_run_at <= now()
    RETURNING old.slot`.execute(db);
  return rows[0]?.slot ?? null;
}

/** The admin list: a tenant's jobs (and, for a superadmin, the install's own), newest first. */
export async function listJobs(
  db: Executor,
  opts: { tenantId: string; includeSystem: boolean; status: JobStatus | null; limit: number },
): Promise<JobRow[]> {
  let q = db
    .selectFrom('job')
    .selectAll()
    .where((eb) => (opts.includeSystem ? eb.or([eb('tenant_id', '=', opts.tenantId), eb('tenant_id', 'is', null)]) : eb('tenant_id', '=', opts.tenantId)));
  if (opts.status) q = q.where('status', '=', opts.status);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}

/** Deletes finished jobs older than the given ages (housekeeping job). */
export async function pruneFinishedJobs(db: Executor, opts: { doneOlderThanDays: number; failedOlderThanDays: number }): Promise<number> {
  const res = await db
    .deleteFrom('job')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('finished_at', '<', sql<Date>`now() - ${opts.doneOlderThanDays}::int * interval '1 day'`)]),
        eb.and([eb('status', '=', 'failed'), eb('finished_at', '<', sql<Date>`now() - ${opts.failedOlderThanDays}::int * interval '1 day'`)]),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

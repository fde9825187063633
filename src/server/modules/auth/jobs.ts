/** Background jobs of the auth module (listed by jobs/registry.ts). */
import { Type } from '@sinclair/typebox';
import type { Executor } from '../../db/index.js';
import { defineJob, type JobDefinition } from '../jobs/define.js';
import { deleteExpiredSessions } from './repo.js';
import { deleteExpiredCounters, deleteExpiredDevices } from './throttle-repo.js';

/** Sessions deleted per statement: small enough that no statement holds locks for long. */
export const SESSION_CLEANUP_BATCH = 1000;
/** Batches per run; what is left waits for the next hourly run. */
export const SESSION_CLEANUP_MAX_BATCHES = 100;

/** Deletes expired sessions in bounded batches; returns how many went. */
export async function cleanupExpiredSessions(db: Executor, opts: { now?: Date; batchSize?: number; maxBatches?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? SESSION_CLEANUP_BATCH;
  const maxBatches = opts.maxBatches ?? SESSION_CLEANUP_MAX_BATCHES;
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await deleteExpiredSessions(db, now, batchSize);
    total += n;
    if (n < batchSize) break;
  }
  return total;
}

/**
 * Expired sessions are already refused on every request (findSessionActor checks
 * expires_at); this only keeps the table small. Safe to run twice or concurrently: a
 * second run finds nothing to delete.
 */
export const sessionCleanupJob = defineJob({
  name: 'auth.session-cleanup',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: { everySeconds: 3600 },
  retry: { maxAttempts: 3, backoffSeconds: 300 },
  timeoutSeconds: 600,
  async run(deps, _payload, ctx) {
    const deleted = await cleanupExpiredSessions(deps.db);
    ctx.log.info({ deleted }, 'expired sessions deleted');
  },
});

/**
 * Deletes login-throttling counters nothing depends on any more and devices unknown for
 * too long, in bounded batches; returns how many of each went. Keeps `login_throttle`
 * small under attack: a counter lives at most an hour past its last failure or block.
 */
export async function cleanupLoginThrottle(db: Executor, opts: { now?: Date; batchSize?: number; maxBatches?: number } = {}) {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? SESSION_CLEANUP_BATCH;
  const maxBatches = opts.maxBatches ?? SESSION_CLEANUP_MAX_BATCHES;
  const drain = async (step: (limit: number) => Promise<number>) => {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await step(batchSize);
      total += n;
      if (n < batchSize) break;
    }
    return total;
  };
  return {
    counters: await drain((limit) => deleteExpiredCounters(db, now, limit)),
    devices: await drain((limit) => deleteExpiredDevices(db, now, limit)),
  };
}

/**
 * Expired counters and devices are already ignored by sign-in (throttle.ts reads the times,
 * findDevices checks expires_at); this only bounds the tables. Safe to run twice or
 * concurrently: a second run finds nothing to delete.
 */
export const throttleCleanupJob = defineJob({
  name: 'auth.throttle-cleanup',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: { everySeconds: 3600 },
  retry: { maxAttempts: 3, backoffSeconds: 300 },
  timeoutSeconds: 600,
  async run(deps, _payload, ctx) {
    const deleted = await cleanupLoginThrottle(deps.db);
    ctx.log.info(deleted, 'expired login counters and devices deleted');
  },
});

export const authJobs: JobDefinition<any>[] = [sessionCleanupJob, throttleCleanupJob];

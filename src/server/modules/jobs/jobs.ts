/** Background jobs of the jobs module itself: housekeeping of the queue table. */
import { Type } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from './define.js';
import { pruneFinishedJobs } from './repo.js';

/** Finished jobs are kept this long for the admin list, then deleted. */
export const KEEP_DONE_DAYS = 14;
/** Failed jobs are kept longer: someone may still be looking into them. */
export const KEEP_FAILED_DAYS = 90;

export const pruneJobs = defineJob({
  name: 'jobs.prune',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: { everySeconds: 24 * 3600 },
  retry: { maxAttempts: 3, backoffSeconds: 300 },
  timeoutSeconds: 600,
  async run(deps, _payload, ctx) {
    const deleted = await pruneFinishedJobs(deps.db, { doneOlderThanDays: KEEP_DONE_DAYS, failedOlderThanDays: KEEP_FAILED_DAYS });
    ctx.log.info({ deleted }, 'old finished jobs deleted');
  },
});

export const jobsJobs: JobDefinition<any>[] = [pruneJobs];

/** Background jobs of the standards module (listed by jobs/registry.ts). */
import { Type } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../jobs/define.js';
import { runReviewSweep } from './service.js';

/**
 * Periodic review: published standards whose review date has come move to under_review
 * (one conditional UPDATE each, so two processes never move one twice); the OPD sees them
 * as "due for review" in its list, and the audit trail records the notice.
 */
export const standardsReviewJob = defineJob({
  name: 'standards.review',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: { everySeconds: 3600 },
  retry: { maxAttempts: 1, backoffSeconds: 600 },
  timeoutSeconds: 300,
  async run(deps, _payload, ctx) {
    const moved = await runReviewSweep(deps.db);
    if (moved) ctx.log.info({ moved }, 'standards due for review');
  },
});

export const standardsJobs: JobDefinition<any>[] = [standardsReviewJob];

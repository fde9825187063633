/** Background jobs of the calendar module (listed by jobs/registry.ts). */
import { Type } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../jobs/define.js';
import { sendNextYearNotices } from './year-notice.js';

/**
 * From 1 October, e-mails each tenant's admins once that next year's national days off are
 * not loaded (year-notice.ts). Daily is enough: the notice is about weeks, and the dedupe
 * key keeps it to one message per admin and year however often it runs.
 */
export const nextYearNoticeJob = defineJob({
  name: 'calendar.next-year-notice',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: { everySeconds: 86_400 },
  // A failed run (database away) is worth a retry the same day rather than waiting a day.
  retry: { maxAttempts: 3, backoffSeconds: 600 },
  timeoutSeconds: 300,
  async run(deps, _payload, ctx) {
    const result = await sendNextYearNotices(deps.db);
    if (result.enqueued) ctx.log.info({ ...result }, 'next-year calendar notices enqueued');
  },
});

export const calendarJobs: JobDefinition<any>[] = [nextYearNoticeJob];

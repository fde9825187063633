/** Background jobs of the SKM module (listed by jobs/registry.ts). */
import { Type } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../jobs/define.js';
import { FOLD_BUDGET_MS, foldPending } from './fold-repo.js';
import { remindOverdueFollowups } from './reminders.js';

/** Reminds overdue follow-up actions once (reminders.ts: claimed by a conditional UPDATE). */
export const skmFollowupReminderJob = defineJob({
  name: 'skm.followup-reminders',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: { everySeconds: 3600 },
  retry: { maxAttempts: 1, backoffSeconds: 600 },
  timeoutSeconds: 300,
  async run(deps, _payload, ctx) {
    const r = await remindOverdueFollowups(deps.db);
    if (r.claimed) ctx.log.info({ ...r }, 'skm follow-ups reminded');
  },
});

/**
 * Folds new public answers into the aggregates (fold-repo.ts, ADR 0018): bounded batches
 * claimed with FOR UPDATE SKIP LOCKED until none is left or FOLD_BUDGET_MS is spent; the
 * next slot continues. Readers add the unfolded tail, so results never wait for this job.
 */
export const skmFoldJob = defineJob({
  name: 'skm.fold',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: { everySeconds: 5 },
  // The next slot is seconds away and does the same work: no retries that pile up.
  retry: { maxAttempts: 1, backoffSeconds: 5 },
  timeoutSeconds: 60,
  async run(deps, _payload, ctx) {
    const r = await foldPending(deps.db, { budgetMs: FOLD_BUDGET_MS });
    if (r.folded) ctx.log.info({ ...r }, 'skm answers folded');
  },
});

export const skmJobs: JobDefinition<any>[] = [skmFollowupReminderJob, skmFoldJob];

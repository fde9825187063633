/** Background jobs of the complaints module (listed by jobs/registry.ts). */
import { Type } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../jobs/define.js';
import { runExport } from './export-service.js';
import { recomputeProvisionalDues } from './recompute.js';
import { runSweep } from './sweep.js';

/**
 * Reminders, escalations and auto-close of overdue cases (sweep.ts, ADR 0013). Every
 * claim is a conditional UPDATE, so a slot run twice or by two processes does no step twice.
 */
export const complaintsSweepJob = defineJob({
  name: 'complaints.sweep',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: { everySeconds: 60 },
  // The next slot is a minute away and does the same work: no retries that pile up.
  retry: { maxAttempts: 1, backoffSeconds: 60 },
  // Bounded: at most SWEEP_BATCH × SWEEP_MAX_BATCHES cases per kind and run.
  timeoutSeconds: 300,
  async run(deps, _payload, ctx) {
    const r = await runSweep(deps.db);
    if (r.reminders || r.escalations || r.autoClosed) ctx.log.info({ ...r }, 'complaints swept');
  },
});

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** Builds a large CSV export in the background (export-service.ts); the requester downloads it. */
export const complaintsExportJob = defineJob({
  name: 'complaints.export',
  payload: Type.Object({ tenantId: Type.String({ pattern: UUID }), exportId: Type.String({ pattern: UUID }) }, { additionalProperties: false }),
  retry: { maxAttempts: 2, backoffSeconds: 30 },
  timeoutSeconds: 600,
  async run(deps, payload) {
    await runExport(deps.db, payload.tenantId, payload.exportId);
  },
});

/**
 * Provisional deadlines (counted into a year whose national days off were not loaded) are
 * computed again once that year is loaded (recompute.ts, ADR 0025). A schedule rather than
 * a call from the calendar module: it also catches a year shipped by a migration, and the
 * calendar needs to know nothing of complaints. Each case is claimed under its row lock.
 */
export const complaintsDueRecomputeJob = defineJob({
  name: 'complaints.due-recompute',
  payload: Type.Object({}, { additionalProperties: false }),
  // Every minute: an import shows on the case pages about as soon as the admin looks.
  schedule: { everySeconds: 60 },
  // The next slot is a minute away and does the same work.
  retry: { maxAttempts: 1, backoffSeconds: 60 },
  // Bounded: at most RECOMPUTE_BATCH × RECOMPUTE_MAX_BATCHES cases per tenant and year.
  timeoutSeconds: 600,
  async run(deps, _payload, ctx) {
    const r = await recomputeProvisionalDues(deps.db);
    if (r.recomputed) ctx.log.info({ ...r }, 'provisional deadlines recomputed');
  },
});

export const complaintsJobs: JobDefinition<any>[] = [complaintsSweepJob, complaintsExportJob, complaintsDueRecomputeJob];

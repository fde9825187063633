/** Background jobs of the attachments module (listed by jobs/registry.ts). */
import { Type } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../jobs/define.js';
import { cleanupUnlinkedUploads } from './service.js';

/**
 * Uploads a citizen never attached to a report (an abandoned form) are deleted once they
 * are a day old, in bounded batches; what is left waits for the next hourly run. Safe to
 * run twice or concurrently.
 */
export const attachmentsCleanupJob = defineJob({
  name: 'attachments.cleanup',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: { everySeconds: 3600 },
  retry: { maxAttempts: 3, backoffSeconds: 300 },
  timeoutSeconds: 600,
  async run(deps, _payload, ctx) {
    const deleted = await cleanupUnlinkedUploads(deps.db);
    ctx.log.info({ deleted }, 'unlinked uploads deleted');
  },
});

export const attachmentsJobs: JobDefinition<any>[] = [attachmentsCleanupJob];

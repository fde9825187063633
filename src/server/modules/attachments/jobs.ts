/** Background jobs of the attachments module (listed by jobs/registry.ts). */
import type { JobDefinition } from '../jobs/define.js';

export const attachmentsJobs: JobDefinition<any>[] = [];

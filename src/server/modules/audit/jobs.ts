/** Background jobs of the audit module (listed by jobs/registry.ts). */
import type { JobDefinition } from '../jobs/define.js';

export const auditJobs: JobDefinition<any>[] = [];

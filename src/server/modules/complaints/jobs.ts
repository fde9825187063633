/** Background jobs of the complaints module (listed by jobs/registry.ts). */
import type { JobDefinition } from '../jobs/define.js';

export const complaintsJobs: JobDefinition<any>[] = [];

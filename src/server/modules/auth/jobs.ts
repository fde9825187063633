/** Background jobs of the auth module (listed by jobs/registry.ts). */
import type { JobDefinition } from '../jobs/define.js';

export const authJobs: JobDefinition<any>[] = [];

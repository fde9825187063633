/** Background jobs of the organisation module (listed by jobs/registry.ts). */
import type { JobDefinition } from '../jobs/define.js';

export const organisationJobs: JobDefinition<any>[] = [];

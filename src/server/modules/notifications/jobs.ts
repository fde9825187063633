/** Background jobs of the notifications module (listed by jobs/registry.ts). */
import type { JobDefinition } from '../jobs/define.js';

export const notificationsJobs: JobDefinition<any>[] = [];

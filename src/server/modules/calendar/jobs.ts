/** Background jobs of the calendar module (listed by jobs/registry.ts). */
import type { JobDefinition } from '../jobs/define.js';

export const calendarJobs: JobDefinition<any>[] = [];

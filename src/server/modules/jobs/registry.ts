/** Every job definition the runner knows. A module adds its jobs here. */
import type { JobDefinition } from './define.js';
import { auditJobs } from '../audit/jobs.js';
import { authJobs } from '../auth/jobs.js';
import { calendarJobs } from '../calendar/jobs.js';
import { organisationJobs } from '../organisation/jobs.js';
import { jobsJobs } from './jobs.js';
import { complaintsJobs } from '../complaints/jobs.js';
import { notificationsJobs } from '../notifications/jobs.js';
import { attachmentsJobs } from '../attachments/jobs.js';
import { standardsJobs } from '../standards/jobs.js';
import { routingJobs } from '../routing/jobs.js';
import { skmJobs } from '../skm/jobs.js';

export const allJobs: JobDefinition<any>[] = [
  ...auditJobs, ...authJobs, ...calendarJobs, ...organisationJobs, ...jobsJobs,
  ...complaintsJobs, ...notificationsJobs, ...attachmentsJobs,
  ...standardsJobs,
  ...routingJobs,
  ...skmJobs,
];

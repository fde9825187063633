/** HTTP routes of the jobs module (registered under /api/v1 by modules/index.ts). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { authorize, requireStaffContext } from '../../platform/policy.js';
import { JobList, ListJobsQuery, type TListJobsQuery } from '../../../shared/schemas/jobs.js';
import { can } from './policy.js';
import { presentJob } from './present.js';
import { listJobs } from './service.js';

export async function jobsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get<{ Querystring: TListJobsQuery }>(
    '/jobs',
    { schema: { tags: ['jobs'], summary: "List the tenant's background jobs (admin)", querystring: ListJobsQuery, response: { 200: JobList } } },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      authorize(can(actor, 'job.list', { tenantId: tenant.id }));
      const rows = await listJobs(deps.db, {
        tenantId: tenant.id,
        includeSystem: can(actor, 'job.listSystem', { tenantId: tenant.id }),
        status: req.query.status,
        limit: req.query.limit,
      });
      return { items: rows.map(presentJob) };
    },
  );
}

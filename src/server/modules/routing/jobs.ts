/** Background jobs of the routing module (listed by jobs/registry.ts). */
import { Type } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../jobs/define.js';
import { autoRouteSweep, retrainAll, retrainTenant } from './training.js';
import { deleteUnattachedSuggestions } from './repo.js';

export const UNATTACHED_DAYS = 30;

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * Retrains a tenant's model once it has enough confirmed routings, and again every
 * `retrain_every` new ones (hourly check; one tenant when the payload names it); deletes
 * suggestions never tied to a case after UNATTACHED_DAYS.
 */
export const routingRetrainJob = defineJob({
  name: 'routing.retrain',
  payload: Type.Object({ tenantId: Type.Optional(Type.String({ pattern: UUID })), force: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  schedule: { everySeconds: 3600 },
  retry: { maxAttempts: 2, backoffSeconds: 300 },
  timeoutSeconds: 1800,
  async run(deps, payload, ctx) {
    const results = payload.tenantId ? [{ tenantId: payload.tenantId, outcome: await retrainTenant(deps.db, payload.tenantId, { force: payload.force }) }] : await retrainAll(deps.db);
    for (const r of results) if (r.outcome.trained) ctx.log.info({ tenantId: r.tenantId, ...r.outcome }, 'routing model retrained');
    // Housekeeping: suggestions never tied to a case are kept 30 days.
    const gone = await deleteUnattachedSuggestions(deps.db, new Date(Date.now() - UNATTACHED_DAYS * 86_400_000));
    if (gone) ctx.log.info({ deleted: gone }, 'old unattached routing suggestions deleted');
  },
});

/** Routes new cases automatically where the tenant turned it on and the model is sure enough. */
export const routingAutoRouteJob = defineJob({
  name: 'routing.auto_route',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: { everySeconds: 60 },
  retry: { maxAttempts: 1, backoffSeconds: 60 },
  timeoutSeconds: 300,
  async run(deps, _payload, ctx) {
    const r = await autoRouteSweep(deps.db);
    if (r.routed) ctx.log.info({ ...r }, 'cases routed automatically');
  },
});

export const routingJobs: JobDefinition<any>[] = [routingRetrainJob, routingAutoRouteJob];

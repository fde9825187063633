/** Background jobs of the audit module (listed by jobs/registry.ts). */
import { Type } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../jobs/define.js';
import { sealAll } from './seal.js';

/** Seals committed audit rows into each tenant's hash chain (docs/adr/0005-audit-chain.md). */
export const auditSealJob = defineJob({
  name: 'audit.seal',
  payload: Type.Object({}, { additionalProperties: false }),
  // Rows stay unsealed (still protected by the append-only trigger) for at most a few seconds.
  schedule: { everySeconds: 5 },
  // The next slot is 5 s away and does the same work: retrying would only pile up.
  retry: { maxAttempts: 1, backoffSeconds: 5 },
  // sealAll is bounded (batches per tenant, tenants per run), well inside this.
  timeoutSeconds: 120,
  async run(deps, _payload, ctx) {
    const { tenants, sealed } = await sealAll(deps.db);
    if (sealed > 0) ctx.log.info({ tenants, sealed }, 'audit rows sealed');
  },
});

export const auditJobs: JobDefinition<any>[] = [auditSealJob];

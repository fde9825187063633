/** HTTP routes of the audit module (registered under /api/v1 by modules/index.ts). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { authorize, requireStaffContext } from '../../platform/policy.js';
import { AuditListQuery, AuditListResponse, AuditVerifyResponse } from '../../../shared/schemas/audit.js';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import { can } from './policy.js';
import { presentPage } from './present.js';
import { listAudit, verifyTenant } from './service.js';

/**
 * Verification walks the whole chain: a few runs a minute per person are plenty. Keyed by
 * the signed-in user (the route-level hook runs after the request context is built), so
 * colleagues behind one office NAT do not share a budget.
 */
const VERIFY_RATE_LIMIT = {
  max: 10,
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => (req.ctx?.actor ? `audit.verify:${req.ctx.actor.userId}` : `audit.verify:${req.ip}`),
};

export async function auditRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const errors = { 401: ErrorResponse, 403: ErrorResponse };

  r.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'List the audit trail, newest first (admin, inspektorat)',
        querystring: AuditListQuery,
        response: { 200: AuditListResponse, ...errors },
      },
    },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      authorize(can(actor, 'audit.list', { tenantId: tenant.id }));
      const page = await listAudit(deps.db, tenant.id, req.query);
      return presentPage(page.rows, page.nextCursor);
    },
  );

  r.get(
    '/audit/verify',
    {
      config: { rateLimit: VERIFY_RATE_LIMIT },
      schema: {
        tags: ['audit'],
        summary: "Verify the tenant's audit hash chain and report the first altered or missing row (admin, inspektorat)",
        response: { 200: AuditVerifyResponse, ...errors },
      },
    },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      authorize(can(actor, 'audit.verify', { tenantId: tenant.id }));
      return verifyTenant(deps.db, tenant.id, req.ctx.locale);
    },
  );
}

/**
 * "This may already be reported" at intake (issue #3): similar open reports for a report
 * still being typed in (same category and kecamatan, trigram / Indonesian full-text
 * similarity; duplicates.ts findSimilar).
 * - POST /complaints/similar (desk: verifikator, admin): the desk's shape (presentSimilar;
 *   no reporter data at all).
 * - POST /public/complaints/similar (no login, rate limited per client address): only
 *   non-rahasia reports, as the public presenter shows them, cut down to tracking code,
 *   title, status and reporter count. Never personal data.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { hasAnyRole, requireStaffContext } from '../../platform/policy.js';
import type { Executor } from '../../db/index.js';
import * as S from '../../../shared/schemas/complaints-similar.js';
import { findSimilar, presentSimilar, SIMILAR_LIMIT } from './duplicates.js';
import { DESK_ROLES } from './inbox-service.js';
import { presentPublic } from './present.js';
import * as repo from './repo.js';

const tags = ['complaints'];

/** Per client address: a citizen's form asks a few times while typing (debounced). */
export const SIMILAR_RATE_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };
/** The public answer is short: a citizen reads a handful, not a list. */
export const PUBLIC_SIMILAR_LIMIT = 5;

function draftOf(body: S.TSimilarDraftBody) {
  return { title: body.title, description: body.description ?? null, categoryId: body.categoryId ?? null, regionCode: body.regionCode ?? null };
}

/** Similar open reports a citizen may see: never rahasia, public fields only. */
export async function publicSimilar(db: Executor, tenantId: string, body: S.TSimilarDraftBody): Promise<S.TPublicSimilarItem[]> {
  const rows = await findSimilar(db, tenantId, draftOf(body), { limit: SIMILAR_LIMIT });
  const out: S.TPublicSimilarItem[] = [];
  for (const r of rows) {
    if (out.length >= PUBLIC_SIMILAR_LIMIT) break;
    const row = await repo.getComplaint(db, tenantId, r.id);
    const pub = row ? presentPublic(row, [], []) : null; // null for a rahasia report
    if (pub) out.push({ trackingCode: pub.trackingCode, title: pub.title, status: pub.status, reporterCount: pub.reporterCount });
  }
  return out;
}

export async function complaintsSimilarRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  r.post(
    '/complaints/similar',
    { schema: { tags, summary: 'Similar open reports for a report being recorded at the desk (possible duplicates)', body: S.SimilarDraftBody, response: { 200: S.StaffSimilarDraftResponse } } },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      if (!hasAnyRole(actor, tenant.id, DESK_ROLES)) throw new AppError('FORBIDDEN');
      const rows = await findSimilar(db, tenant.id, draftOf(req.body));
      return { items: rows.map(presentSimilar) };
    },
  );

  r.post(
    '/public/complaints/similar',
    { config: SIMILAR_RATE_LIMIT, schema: { tags, summary: 'Open public reports similar to the one being typed in (never rahasia, never personal data)', body: S.SimilarDraftBody, response: { 200: S.PublicSimilarResponse } } },
    async (req: FastifyRequest<{ Body: S.TSimilarDraftBody }>) => {
      if (!req.ctx.tenant) throw new AppError('TENANT_UNKNOWN');
      return { items: await publicSimilar(db, req.ctx.tenant.id, req.body) };
    },
  );
}

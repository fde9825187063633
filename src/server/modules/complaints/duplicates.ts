/**
 * Similar open reports (possible duplicates), for intake and for the desk: same tenant,
 * same category and kecamatan, and a similar title (pg_trgm trigrams) or shared words in
 * the Indonesian full text (PostgreSQL's 'indonesian' configuration).
 */
import type { Executor } from '../../db/index.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { hasAnyRole } from '../../platform/policy.js';
import type { TSimilarItem } from '../../../shared/schemas/complaints-staff.js';
import * as inboxRepo from './inbox-repo.js';
import * as repo from './repo.js';
import { DESK_ROLES } from './inbox-service.js';

export const SIMILAR_LIMIT = 10;

export interface SimilarInput {
  title: string;
  description?: string | null;
  categoryId?: string | null;
  regionCode?: string | null;
}

type SimilarRow = Awaited<ReturnType<typeof inboxRepo.similarReports>>[number];

/** The desk's view of a similar report (no reporter data). */
export function presentSimilar(r: SimilarRow): TSimilarItem {
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    title: r.title,
    status: r.status,
    categoryId: r.category_id,
    regionCode: r.region_code,
    opdId: r.opd_id,
    receivedAt: new Date(r.received_at).toISOString(),
    reporterCount: r.reporter_count,
    score: Math.round(Number(r.score) * 1000) / 1000,
  };
}

/**
 * Similar open reports of the tenant, best first. Used at intake (B1) to suggest them and
 * by the desk. Returns rows for the caller to present as it may (never reporters).
 */
export async function findSimilar(db: Executor, tenantId: string, input: SimilarInput, opts: { excludeId?: string; limit?: number } = {}) {
  const title = input.title.trim();
  if (!title) return [];
  return inboxRepo.similarReports(db, tenantId, {
    title: title.slice(0, 500),
    description: input.description ?? null,
    categoryId: input.categoryId ?? null,
    regionCode: input.regionCode ?? null,
    excludeId: opts.excludeId,
    limit: opts.limit ?? SIMILAR_LIMIT,
  });
}

/** GET /complaints/:id/similar: the desk looks for duplicates of a case. */
export async function similarTo(db: Executor, actor: Actor, tenantId: string, id: string): Promise<{ items: TSimilarItem[] }> {
  if (!hasAnyRole(actor, tenantId, DESK_ROLES)) throw new AppError('FORBIDDEN');
  const row = await repo.getComplaint(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const rows = await findSimilar(db, tenantId, { title: row.title, description: row.description, categoryId: row.category_id, regionCode: row.region_code }, { excludeId: row.id });
  return { items: rows.map(presentSimilar) };
}

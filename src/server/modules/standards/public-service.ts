/**
 * The public side: the catalogue of every active service (searchable, by OPD), a
 * service's page with only the published service-delivery components, its unit's
 * maklumat and version history, and consultation comments from citizens (no login; only
 * inside the window). Drafts and management components never leave through here.
 */
import type { Db } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { TCatalogueQuery, TComponents } from '../../../shared/schemas/standards.js';
import { cleanText } from '../../../shared/schemas/standards-markup.js';
import { recordAudit } from '../audit/record.js';
import { summaries } from './levels.js';
import { PUBLIC_STATUSES } from './lifecycle.js';
import * as repo from './repo.js';

export async function catalogue(db: Db, tenantId: string, q: TCatalogueQuery) {
  const { rows, total } = await repo.searchCatalogue(db, tenantId, { q: q.q, opdId: q.opdId, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  const sums = await summaries(db, tenantId, rows.map((r) => r.service_id));
  return {
    total,
    items: rows.map((r) => {
      const s = sums.get(r.service_id)!;
      const c: TComponents | null = s.current?.components ?? null;
      return {
        serviceId: r.service_id, name: r.service_name, description: r.description, unitId: r.unit_id, unitName: r.unit_name, opdId: r.opd_id, opdName: r.opd_name,
        level: s.level, published: !!s.current, timeLimit: c?.jangka_waktu ?? null, free: c?.biaya ? c.biaya.kind === 'gratis' : null,
      };
    }),
  };
}

export async function publicService(db: Db, tenantId: string, serviceId: string, version?: number) {
  const ref = await repo.findService(db, tenantId, serviceId);
  if (!ref || !ref.is_active) throw new AppError('NOT_FOUND');
  const [versions, sums, maklumat] = await Promise.all([
    repo.listVersions(db, tenantId, serviceId),
    summaries(db, tenantId, [serviceId]),
    repo.publishedMaklumat(db, tenantId, ref.unit_id),
  ]);
  const published = versions.filter((v) => PUBLIC_STATUSES.includes(v.status));
  const standard = version === undefined ? published.find((v) => v.status !== 'superseded') ?? null : published.find((v) => v.version === version) ?? null;
  if (version !== undefined && !standard) throw new AppError('NOT_FOUND');
  const consulting = versions.find((v) => v.status === 'consultation' && v.consultation_start && v.consultation_end) ?? null;
  const comments = consulting ? await repo.listComments(db, tenantId, consulting.id) : [];
  return { ref, level: sums.get(serviceId)?.level ?? 0, standard, published, maklumat: maklumat ?? null, consulting, comments };
}

/** A consultation is open when the version is in consultation and now is inside its window. */
export function consultationOpen(v: Pick<repo.StandardRow, 'status' | 'consultation_start' | 'consultation_end'>, now = new Date()): boolean {
  return v.status === 'consultation' && !!v.consultation_start && !!v.consultation_end && now >= new Date(v.consultation_start) && now < new Date(v.consultation_end);
}

export async function postComment(db: Db, ctx: RequestContext, tenantId: string, standardId: string, input: { body: string; name?: string }): Promise<repo.CommentRow> {
  const row = await repo.getStandard(db, tenantId, standardId);
  if (!row) throw new AppError('NOT_FOUND');
  if (!consultationOpen(row)) throw new AppError('CONFLICT', {}, { status: row.status }, 'standards.consultationClosed');
  const body = cleanText(input.body).trim();
  if (!body) throw new AppError('VALIDATION', { field: 'body' }, [{ field: 'body' }], 'validation.required');
  const name = input.name ? cleanText(input.name).trim().slice(0, 120) || null : null;
  // A citizen's comment acts as nobody, even from a browser with a staff session.
  const citizen = { ...ctx, actor: null };
  return db.transaction().execute(async (tx) => {
    const c = await repo.insertComment(tx, { tenantId, standardId, authorName: name, body });
    await recordAudit(tx, citizen, tenantId, { action: 'standards.comment.create', entityType: 'standard_comment', entityId: c.id, before: null, after: { standardId, length: body.length } });
    return c;
  });
}

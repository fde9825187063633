/**
 * What each audience sees. Staff: a version with all 14 components, its comments, versions,
 * level and the steps open to them. Public: only the service-delivery components of
 * published versions, comments without names, no files but the flow diagram.
 */
import type { TComment, TMaklumat, TPublicService, TStandard } from '../../../shared/schemas/standards.js';
import { missingComponents, publicComponents } from './components.js';
import type { StandardView } from './service.js';
import type { CommentRow, MaklumatRow, ServiceRef, StandardRow } from './repo.js';
import { consultationOpen } from './public-service.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function presentVersionSummary(v: StandardRow) {
  return { id: v.id, version: v.version, status: v.status, decreeNumber: v.decree_number, decreeDate: v.decree_date, publishedAt: iso(v.published_at) };
}

export function presentComment(c: CommentRow): TComment {
  return { id: c.id, authorName: c.author_name, body: c.body, answer: c.answer, answeredAt: iso(c.answered_at), createdAt: iso(c.created_at)! };
}

export function presentStandard(v: StandardView): TStandard {
  const { row, ref } = v;
  return {
    id: row.id, serviceId: row.service_id, serviceName: ref.service_name, unitId: ref.unit_id, unitName: ref.unit_name, opdId: ref.opd_id, opdName: ref.opd_name,
    version: row.version, status: row.status, components: row.components, missing: missingComponents(row.components),
    consultationStart: iso(row.consultation_start), consultationEnd: iso(row.consultation_end),
    decreeNumber: row.decree_number, decreeDate: row.decree_date, decreeSigner: row.decree_signer,
    hasSignedPdf: row.has_signed_pdf, hasFlowDiagram: row.has_flow_image,
    establishedAt: iso(row.established_at), publishedAt: iso(row.published_at), reviewDueAt: iso(row.review_due_at), reviewCompletedAt: iso(row.review_completed_at),
    level: v.level, allowedActions: v.allowedActions, canEdit: v.canEdit,
    versions: v.versions.map(presentVersionSummary),
    comments: v.comments.map(presentComment),
  };
}

export function presentListItem(ref: ServiceRef, s: { level: number; latest: { id: string; version: number; status: string; reviewDueAt: Date | null } | null; openComments: number }) {
  return {
    serviceId: ref.service_id, serviceName: ref.service_name, unitId: ref.unit_id, unitName: ref.unit_name, opdId: ref.opd_id, opdName: ref.opd_name,
    standardId: s.latest?.id ?? null, version: s.latest?.version ?? null, status: s.latest?.status ?? null,
    level: s.level, reviewDueAt: iso(s.latest?.reviewDueAt), openComments: s.openComments,
  };
}

export function presentMaklumat(m: MaklumatRow, unitName: string, allowedActions: string[]): TMaklumat {
  return {
    id: m.id, unitId: m.unit_id, unitName, version: m.version, status: m.status, body: m.body, signerName: m.signer_name, signerTitle: m.signer_title,
    establishedAt: iso(m.established_at), publishedAt: iso(m.published_at), allowedActions,
  };
}

export interface PublicLinks {
  complaint: string;
  survey: string;
  poster: string;
}

export function presentPublicService(p: {
  ref: ServiceRef; level: number; standard: StandardRow | null; published: StandardRow[]; maklumat: MaklumatRow | null; consulting: StandardRow | null; comments: CommentRow[];
}, links: PublicLinks, now = new Date()): TPublicService {
  const { ref, standard, consulting } = p;
  return {
    serviceId: ref.service_id, name: ref.service_name, description: ref.description, unitId: ref.unit_id, unitName: ref.unit_name, unitAddress: ref.unit_address,
    opdId: ref.opd_id, opdName: ref.opd_name, level: p.level,
    standard: standard ? {
      id: standard.id, version: standard.version, status: standard.status, components: publicComponents(standard.components),
      decreeNumber: standard.decree_number, decreeDate: standard.decree_date, decreeSigner: standard.decree_signer, publishedAt: iso(standard.published_at),
      hasFlowDiagram: standard.has_flow_image,
    } : null,
    versions: p.published.map(presentVersionSummary),
    maklumat: p.maklumat ? { body: p.maklumat.body, signerName: p.maklumat.signer_name, signerTitle: p.maklumat.signer_title, publishedAt: iso(p.maklumat.published_at) } : null,
    consultation: consulting ? {
      standardId: consulting.id, version: consulting.version, start: iso(consulting.consultation_start)!, end: iso(consulting.consultation_end)!,
      open: consultationOpen(consulting, now), components: publicComponents(consulting.components),
      comments: p.comments.map((c) => ({ id: c.id, body: c.body, answer: c.answer, createdAt: iso(c.created_at)! })),
    } : null,
    links,
  };
}

/** Compliance rows → API shapes (shared/schemas/compliance.ts). Evidence bytes never leave through JSON. */
import type { TAssessmentDetail, TAssessmentSummary, TEvidence, TMethod, TMethodSummary, TResults } from '../../../shared/schemas/compliance.js';
import type { AssessmentDetailData, ListedAssessment } from './assessment-service.js';
import type { EvidenceMeta, MethodRow } from './repo.js';
import type { results } from './results-service.js';
import type { TMethodBand } from '../../../shared/schemas/compliance.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentMethodSummary(m: MethodRow): TMethodSummary {
  return {
    id: m.id, code: m.code, version: m.version, kind: m.kind, subject: m.subject, name: m.name, legalSource: m.legal_source,
    validFromYear: m.valid_from_year, isGlobal: m.tenant_id === null, dimensionCount: m.dimensions.length, indicatorCount: m.indicators.length,
  };
}

export function presentMethod(m: MethodRow): TMethod {
  return {
    id: m.id, code: m.code, version: m.version, kind: m.kind, subject: m.subject, name: m.name, legalSource: m.legal_source,
    validFromYear: m.valid_from_year, note: m.note, range: m.range, dimensions: m.dimensions,
    indicators: m.indicators.map((i) => ({ ...i, evidenceHint: i.evidenceHint ?? null })), bands: m.bands,
    isGlobal: m.tenant_id === null, createdAt: iso(m.created_at)!,
  };
}

export function presentAssessmentSummary(r: ListedAssessment): TAssessmentSummary {
  return {
    id: r.id, methodId: r.method_id, methodCode: r.method_code, methodVersion: r.method_version, methodName: r.method_name, kind: r.kind,
    year: r.year, unitId: r.unit_id, unitName: r.unit_name ?? null, opdId: r.opd_id, opdName: r.opd_name, status: r.status,
    score: Number(r.score), grade: r.grade, zone: r.zone, label: r.label,
    scoredCount: r.scored_count, indicatorCount: Number(r.indicator_count), overrideCount: r.override_count, updatedAt: iso(r.updated_at)!,
  };
}

export function presentEvidence(e: EvidenceMeta): TEvidence {
  return { id: e.id, kind: e.kind, filename: e.filename, contentType: e.content_type, size: e.size_bytes, url: e.url, label: e.label, createdAt: iso(e.created_at)! };
}

const bandFields = (b: TMethodBand | null) => ({ grade: b?.grade ?? null, zone: b?.zone ?? null, label: b?.label ?? null });

/** The assessment page: the result computed from the scores as they are now (equal to the stored one). */
export function presentAssessmentDetail(d: AssessmentDetailData): TAssessmentDetail {
  const { row, method, scores, evidence, result, gaps } = d;
  const byCode = new Map(scores.map((s) => [s.indicator_code, s]));
  return {
    ...presentAssessmentSummary(row),
    score: result.score,
    ...bandFields(result.band),
    scoredCount: result.scoredCount,
    range: method.range,
    bands: method.bands,
    dimensions: result.dimensions,
    indicators: method.indicators.map((ind) => {
      const s = byCode.get(ind.code);
      return {
        code: ind.code, dimension: ind.dimension, text: ind.text, weight: ind.weight, scale: ind.scale, evidenceHint: ind.evidenceHint ?? null,
        selfValue: s?.value ?? null,
        value: s ? (s.override_value ?? s.value) : null,
        override: s && s.override_value !== null
          ? { value: s.override_value, selfValue: s.value, reason: s.override_reason ?? '', by: s.override_by_label ?? '', at: iso(s.override_at) ?? '' }
          : null,
        note: s?.note ?? null, gapOwner: s?.gap_owner ?? null, gapDueDate: s?.gap_due_date ?? null,
        evidence: evidence.filter((e) => e.indicator_code === ind.code).map(presentEvidence),
      };
    }),
    gaps: gaps.gaps.map((g) => {
      const s = byCode.get(g.indicator.code);
      return {
        indicatorCode: g.indicator.code, text: g.indicator.text, dimension: g.indicator.dimension, value: g.value, max: g.max, gain: g.gain,
        owner: s?.gap_owner ?? null, dueDate: s?.gap_due_date ?? null, reachesTarget: g.reachesTarget,
      };
    }),
    target: gaps.target ? { score: gaps.target.band.min, label: gaps.target.band.grade ? `${gaps.target.band.grade} (${gaps.target.band.label})` : gaps.target.band.label, zone: gaps.target.band.zone, pointsNeeded: gaps.target.pointsNeeded } : null,
    submittedAt: iso(row.submitted_at),
    verifiedAt: iso(row.verified_at),
    verifiedBy: row.verified_by_label,
  };
}

export function presentResults(r: Awaited<ReturnType<typeof results>>): TResults {
  const roll = (x: { score: number; band: TMethodBand | null; count: number }) => ({ score: x.score, ...bandFields(x.band), count: x.count });
  return {
    method: presentMethodSummary(r.method),
    year: r.year,
    tenant: r.tenant ? roll(r.tenant) : null,
    opds: r.opds.map((o) => ({ opdId: o.opdId, opdName: o.opdName, ...roll(o.result) })),
    items: r.rows.map((a) => ({ assessmentId: a.id, unitId: a.unit_id, unitName: a.unit_name ?? null, opdId: a.opd_id, opdName: a.opd_name, status: a.status, score: Number(a.score), grade: a.grade, zone: a.zone, label: a.label })),
  };
}

/** What goes over the wire: rows are never sent raw. */
import type { Locale } from '../../../shared/i18n/index.js';
import type { TSkmCounter, TSkmFollowup, TSkmPeriod, TSkmPublication, TSkmQuestionnaire, TSkmResponseItem } from '../../../shared/schemas/skm.js';
import { formatWeight } from './ikm.js';
import type { Questionnaire } from './questionnaire-service.js';
import type * as repo from './repo.js';
import { periodLabel } from './results-service.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The public survey link of a unit (optionally of a counter and an officer). */
export function surveyUrl(publicUrl: string, tenantSlug: string, unitId: string, loket?: string | null, petugas?: string | null): string {
  const qs = new URLSearchParams();
  if (loket) qs.set('loket', loket);
  if (petugas) qs.set('petugas', petugas);
  const s = qs.toString();
  return `${publicUrl}/r/${encodeURIComponent(tenantSlug)}/survei/${unitId}${s ? `?${s}` : ''}`;
}

export function presentQuestionnaire(q: Questionnaire): TSkmQuestionnaire {
  return {
    id: q.id, version: q.version, note: q.note, createdAt: iso(q.createdAt),
    unsur: q.unsur.map((u) => ({ key: u.key, position: u.position, name: u.name, options: u.options, weight: formatWeight(u.weight) })),
  };
}

export function presentPeriod(x: { period: repo.PeriodRow; unit: repo.UnitInfo; published: boolean }, locale: Locale): TSkmPeriod {
  const p = x.period;
  return {
    id: p.id, unitId: p.unit_id, unitName: x.unit.name, opdId: x.unit.opd_id, opdName: x.unit.opd_name,
    kind: p.kind, year: p.year, part: p.part, label: periodLabel(locale, p.kind, p.year, p.part),
    startsOn: p.starts_on, endsOn: p.ends_on, population: p.population, published: x.published, createdAt: iso(p.created_at),
  };
}

export function presentCounter(c: repo.CounterRow, publicUrl: string, slug: string): TSkmCounter {
  return { id: c.id, unitId: c.unit_id, code: c.code, name: c.name, isActive: c.is_active, surveyUrl: surveyUrl(publicUrl, slug, c.unit_id, c.code) };
}

export function presentResponse(r: repo.ResponseRow, counterCodes: Map<string, string>): TSkmResponseItem {
  return {
    id: r.id, unitId: r.unit_id, answeredAt: iso(r.answered_at), source: r.source, counterCode: r.counter_id ? (counterCodes.get(r.counter_id) ?? null) : null,
    answers: r.answers, flagged: r.flagged, flagReason: r.flag_reason, excluded: r.excluded, excludedReason: r.excluded_reason,
    excludedAt: r.excluded_at ? iso(r.excluded_at) : null, suggestion: r.suggestion,
  };
}

export function presentFollowup(
  f: repo.FollowupRow,
  unsurNames: Map<string, string>,
  evidence: Array<{ id: string; followup_id: string; filename: string; content_type: string; size: number; created_at: Date }>,
  today: string,
  apiBase: string,
): TSkmFollowup {
  return {
    id: f.id, periodId: f.period_id, unsurKey: f.unsur_key, unsurName: unsurNames.get(f.unsur_key) ?? f.unsur_key, action: f.action, owner: f.owner,
    dueOn: f.due_on, status: f.status, overdue: (f.status === 'planned' || f.status === 'in_progress') && f.due_on < today,
    evidenceNote: f.evidence_note, doneOn: f.done_on,
    evidence: evidence.filter((e) => e.followup_id === f.id).map((e) => ({ id: e.id, filename: e.filename, contentType: e.content_type, size: e.size, createdAt: iso(e.created_at), url: `${apiBase}/skm/evidence/${e.id}` })),
  };
}

export function presentPublication(p: repo.PublicationRow): TSkmPublication {
  return { id: p.id, periodId: p.period_id, channel: p.channel, publishedOn: p.published_on, url: p.url, notes: p.notes, createdAt: iso(p.created_at) };
}

/**
 * Rows → API shapes for the complaints module. Privacy lives here (DOMAIN.md §2,
 * SP4N-LAPOR!):
 *  - public views (tracking page, recent list, Open311) never carry personal data: no
 *    reporter, no staff names or e-mail addresses, no internal events or notes; a rahasia
 *    (confidential) report has no public view at all (null);
 *  - staff views: the complaint desk and the inspectorate see the reporters; the OPD and
 *    the leaders do not when the report is anonim; internal notes are for staff only.
 * Every endpoint (B1, B2, B5) uses these; nobody hand-rolls a presenter.
 */
import type { ActorKind } from './state-machine.js';
import type { AttachmentMeta, CategoryRow, ComplaintRow, EventRow, ReporterRow, RoutingRuleView } from './repo.js';
import type { DeadlineRuleLike } from './deadlines.js';

export type StaffAudience = 'desk' | 'opd' | 'leader' | 'inspektorat';

const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);

function eventData(e: EventRow): Record<string, unknown> {
  const d = e.data as unknown;
  if (!d) return {};
  if (typeof d === 'string') {
    try {
      return JSON.parse(d) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return d as Record<string, unknown>;
}

function byOf(e: EventRow): ActorKind {
  const by = eventData(e).by;
  return by === 'desk' || by === 'opd' || by === 'citizen' || by === 'system' ? by : 'system';
}

export interface PublicEvent {
  at: string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  /** Who acted, as a role (never a person's name). */
  by: ActorKind;
  note: string | null;
}

export interface PublicAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface PublicComplaint {
  trackingCode: string;
  kind: string;
  title: string;
  description: string;
  categoryId: string | null;
  regionCode: string | null;
  latitude: number | null;
  longitude: number | null;
  addressText: string | null;
  eventDate: string | null;
  status: string;
  opdId: string | null;
  receivedAt: string;
  dueAt: string | null;
  dueStage: string | null;
  /** Set when dueAt counts into a year whose national days off are not loaded yet: the date may still move. */
  dueProvisionalYear: number | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reporterCount: number;
  rating: number | null;
  isAnonymous: boolean;
  timeline: PublicEvent[];
  attachments: PublicAttachment[];
}

/** The public view of a report, or null for a rahasia report (never shown in public). */
export function presentPublic(row: ComplaintRow, events: readonly EventRow[], attachments: readonly AttachmentMeta[]): PublicComplaint | null {
  if (row.is_confidential) return null;
  return {
    trackingCode: row.tracking_code,
    kind: row.kind,
    title: row.title,
    description: row.description,
    categoryId: row.category_id,
    regionCode: row.region_code,
    latitude: row.latitude,
    longitude: row.longitude,
    addressText: row.address_text,
    eventDate: row.event_date,
    status: row.status,
    opdId: row.opd_id,
    receivedAt: iso(row.received_at)!,
    dueAt: iso(row.due_at),
    dueStage: row.due_stage,
    dueProvisionalYear: row.due_provisional_year,
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    reporterCount: row.reporter_count,
    rating: row.rating,
    isAnonymous: row.is_anonymous,
    timeline: events
      .filter((e) => e.visibility === 'public')
      .map((e) => ({
        at: iso(e.at)!,
        type: e.type,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        by: byOf(e),
        note: eventData(e).noteInternal ? null : e.note,
      })),
    attachments: attachments.filter((a) => a.is_public).map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size_bytes })),
  };
}

/** What a citizen gets back after filing: the public view, or only the receipt for a rahasia report. */
export function presentReceipt(row: ComplaintRow, events: readonly EventRow[], attachments: readonly AttachmentMeta[]) {
  const pub = presentPublic(row, events, attachments);
  if (pub) return pub;
  return {
    trackingCode: row.tracking_code, kind: row.kind, status: row.status, receivedAt: iso(row.received_at)!, dueAt: iso(row.due_at), dueStage: row.due_stage,
    dueProvisionalYear: row.due_provisional_year, isConfidential: true,
  };
}

export interface StaffReporter {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  userId: string | null;
  locale: string;
  wantsUpdates: boolean;
  originalComplaintId: string | null;
  createdAt: string;
}

export interface StaffEvent extends PublicEvent {
  id: number;
  visibility: 'public' | 'internal';
  noteInternal: boolean;
  actorId: string | null;
  actorLabel: string;
  opdId: string | null;
  isLate: boolean;
  chargedTo: string | null;
  data: Record<string, unknown>;
}

/** Whether this audience may see who reported an anonim report. */
export function seesReporters(row: Pick<ComplaintRow, 'is_anonymous'>, audience: StaffAudience): boolean {
  return !row.is_anonymous || audience === 'desk' || audience === 'inspektorat';
}

export function presentForStaff(
  row: ComplaintRow,
  reporters: readonly ReporterRow[],
  events: readonly EventRow[],
  attachments: readonly AttachmentMeta[],
  audience: StaffAudience,
) {
  const showReporters = seesReporters(row, audience);
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    kind: row.kind,
    channel: row.channel,
    title: row.title,
    description: row.description,
    categoryId: row.category_id,
    regionCode: row.region_code,
    latitude: row.latitude,
    longitude: row.longitude,
    addressText: row.address_text,
    eventDate: row.event_date,
    isAnonymous: row.is_anonymous,
    isConfidential: row.is_confidential,
    status: row.status,
    opdId: row.opd_id,
    dueAt: iso(row.due_at),
    dueStage: row.due_stage,
    dueProvisionalYear: row.due_provisional_year,
    escalationLevel: row.escalation_level,
    escalatedAt: iso(row.escalated_at),
    mergedIntoId: row.merged_into_id,
    reporterCount: row.reporter_count,
    rating: row.rating,
    ratingComment: row.rating_comment,
    receivedAt: iso(row.received_at)!,
    routedAt: iso(row.routed_at),
    firstResponseAt: iso(row.first_response_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    updatedAt: iso(row.updated_at)!,
    /** Hidden (empty) for the OPD and the leaders when the report is anonim. */
    reportersHidden: !showReporters,
    reporters: showReporters
      ? reporters.map((r): StaffReporter => ({
          id: r.id,
          name: r.name,
          phone: r.phone,
          email: r.email,
          userId: r.user_id,
          locale: r.locale,
          wantsUpdates: r.wants_updates,
          originalComplaintId: r.original_complaint_id,
          createdAt: iso(r.created_at)!,
        }))
      : [],
    timeline: events.map((e): StaffEvent => {
      const data = eventData(e);
      // The content hash identifies a submission; nobody needs it on screen.
      const { contentHash: _hash, ...shown } = data;
      return {
        id: Number(e.id),
        at: iso(e.at)!,
        type: e.type,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        by: byOf(e),
        note: e.note,
        visibility: e.visibility,
        noteInternal: !!data.noteInternal || e.visibility === 'internal',
        actorId: e.actor_id,
        actorLabel: e.actor_label,
        opdId: e.opd_id,
        isLate: e.is_late,
        chargedTo: e.charged_to,
        data: shown,
      };
    }),
    attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size_bytes, isPublic: a.is_public, eventId: a.event_id === null ? null : Number(a.event_id) })),
  };
}
export type StaffComplaint = ReturnType<typeof presentForStaff>;

// --- categories, routing rules, deadline rules ------------------------------------------------


export function presentCategory(c: CategoryRow) {
  return { id: c.id, code: c.code, name: c.name, description: c.description, serviceId: c.service_id, isActive: c.is_active, sortOrder: c.sort_order };
}

export function presentPublicCategory(c: CategoryRow) {
  return { id: c.id, code: c.code, name: c.name, description: c.description };
}

export function presentRoutingRule(r: RoutingRuleView) {
  return { id: r.id, categoryId: r.category_id, categoryName: r.category_name, regionCode: r.region_code, opdId: r.opd_id, opdName: r.opd_name };
}

export function presentDeadlineRule(r: DeadlineRuleLike) {
  return { id: r.id, stage: r.stage, kind: r.kind, categoryId: r.category_id, days: r.days, dayType: r.day_type, legalSource: r.legal_source, validFrom: r.valid_from };
}

/**
 * Rows → API shapes for the complaints module. Privacy lives here (DOMAIN.md §2,
 * SP4N-LAPOR!):
 *  - public views (tracking page, recent list, Open311) never carry personal data: no
 *    reporter, no staff names or e-mail addresses, no internal events or notes; a rahasia
 *    (confidential) report has no public view at all (null);
 *  - the reporter (who proved it with their key or session) sees the public view of their
 *    own report, also when it is rahasia;
 *  - staff views: the complaint desk and the inspectorate see the reporters; the OPD and
 *    the leaders do not see a reporter who filed anonim. Who acted is personal data too when
 *    the actor is the reporter: a citizen's step names its actor, and an attachment its
 *    file name, only to an audience that sees every reporter of the report
 *    (`seesReporterIdentity`); internal notes are for staff only.
 * Every endpoint uses these; nobody hand-rolls a presenter.
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

function completionDueOf(e: EventRow): { completionDueAt?: string } {
  const c = completionOf(e);
  return c ? { completionDueAt: c.dueAt } : {};
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
  /** The completion deadline this step started (verify, route, dispute), when it started one. */
  completionDueAt?: string;
}

/**
 * The completion clock (UU 25/2009: 60 days after the file is complete; ADR 0024): its due
 * instant, what started it and when, and the rule's count as recorded by that step.
 */
export interface CompletionClock {
  dueAt: string;
  fileCompleteAt: string | null;
  startedAt: string | null;
  basis: 'file_complete' | 'dispute';
  days: number | null;
  dayType: 'working' | 'calendar' | null;
  /** The date counts into a year whose national days off are not loaded yet (ADR 0025). */
  provisionalYear: number | null;
}

interface CompletionData {
  dueAt: string;
  from?: string;
  basis?: 'file_complete' | 'dispute';
  days?: number;
  dayType?: 'working' | 'calendar';
}

function completionOf(e: EventRow): CompletionData | null {
  const c = eventData(e).completionDue as CompletionData | undefined;
  return c && typeof c.dueAt === 'string' ? c : null;
}

/** The running completion clock, read from the row and the (public) step that started it. */
export function presentCompletion(
  row: Pick<ComplaintRow, 'completion_due_at' | 'file_complete_at' | 'completion_provisional_year'>,
  events: readonly EventRow[],
): CompletionClock | null {
  if (!row.completion_due_at) return null;
  const dueAt = iso(row.completion_due_at)!;
  let started: CompletionData | null = null;
  for (const e of events) {
    const c = completionOf(e);
    if (c && new Date(c.dueAt).getTime() === new Date(dueAt).getTime()) started = c;
  }
  return {
    dueAt,
    fileCompleteAt: iso(row.file_complete_at),
    startedAt: started?.from ?? iso(row.file_complete_at),
    basis: started?.basis ?? 'file_complete',
    days: started?.days ?? null,
    dayType: started?.dayType ?? null,
    provisionalYear: row.completion_provisional_year,
  };
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
  completion: CompletionClock | null;
  timeline: PublicEvent[];
  attachments: PublicAttachment[];
}

/** The public view of a report, or null for a rahasia report (never shown in public). */
export function presentPublic(row: ComplaintRow, events: readonly EventRow[], attachments: readonly AttachmentMeta[]): PublicComplaint | null {
  if (row.is_confidential) return null;
  return publicView(row, events, attachments);
}

/**
 * What the reporter sees of their own report (they proved it: reporter-access.ts): the
 * public view, also of a rahasia report, which nobody else outside the staff sees.
 */
export function presentForReporter(row: ComplaintRow, events: readonly EventRow[], attachments: readonly AttachmentMeta[]) {
  return { ...publicView(row, events, attachments), isConfidential: row.is_confidential, isReporter: true };
}

function publicView(row: ComplaintRow, events: readonly EventRow[], attachments: readonly AttachmentMeta[]): PublicComplaint {
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
    completion: presentCompletion(row, events.filter((e) => e.visibility === 'public')),
    timeline: events
      .filter((e) => e.visibility === 'public')
      .map((e) => ({
        at: iso(e.at)!,
        type: e.type,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        by: byOf(e),
        note: eventData(e).noteInternal ? null : e.note,
        ...completionDueOf(e),
      })),
    attachments: attachments.filter((a) => a.is_public).map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size_bytes })),
  };
}

/**
 * What a citizen gets back after filing: the public view (or only the receipt for a rahasia
 * report) and the reporter key, the one secret that lets them act on it (ADR 0027).
 */
export function presentReceipt(row: ComplaintRow, events: readonly EventRow[], attachments: readonly AttachmentMeta[], reporterKey: string | null) {
  const pub = presentPublic(row, events, attachments);
  const key = reporterKey ? { reporterKey } : {};
  if (pub) return { ...pub, ...key };
  return {
    trackingCode: row.tracking_code,
    kind: row.kind,
    status: row.status,
    receivedAt: iso(row.received_at)!,
    dueAt: iso(row.due_at),
    dueStage: row.due_stage,
    dueProvisionalYear: row.due_provisional_year,
    isConfidential: true,
    ...key,
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

/** The audiences that see every reporter, anonim ones included: the desk and oversight. */
export function seesAnonimReporters(audience: StaffAudience): boolean {
  return audience === 'desk' || audience === 'inspektorat';
}

/**
 * Whether this audience may see this reporter of this report: the desk and oversight always;
 * others not when the reporter filed anonim, nor on an anonim report (whoever is on it).
 */
export function seesReporter(
  row: Pick<ComplaintRow, 'is_anonymous'>,
  reporter: Pick<ReporterRow, 'is_anonymous'>,
  audience: StaffAudience,
): boolean {
  return seesAnonimReporters(audience) || (!row.is_anonymous && !reporter.is_anonymous);
}

/**
 * Whether this audience may see who the reporters of this report are at all — the rule for
 * everything that names a reporter without saying which one: a citizen's step on the
 * timeline, an attachment's file name, a personal column of an export row. True only when
 * the report is not anonim and none of its reporters is hidden from the audience.
 */
export function seesReporterIdentity(
  row: Pick<ComplaintRow, 'is_anonymous'>,
  reporters: ReadonlyArray<Pick<ReporterRow, 'is_anonymous'>>,
  audience: StaffAudience,
): boolean {
  if (seesAnonimReporters(audience)) return true;
  return !row.is_anonymous && reporters.every((r) => !r.is_anonymous);
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

/**
 * The name an attachment is shown and downloaded with: its own, or — where the reporter's
 * identity is hidden — a neutral one, since a file name ('KTP Siti Aminah.jpg') can name
 * the person who took the photo.
 */
export function attachmentName(a: Pick<AttachmentMeta, 'id' | 'filename' | 'content_type'>, identityShown: boolean): string {
  if (identityShown) return a.filename;
  return `lampiran-${a.id.slice(0, 8)}.${EXTENSIONS[a.content_type] ?? 'bin'}`;
}

export function presentForStaff(
  row: ComplaintRow,
  reporters: readonly ReporterRow[],
  events: readonly EventRow[],
  attachments: readonly AttachmentMeta[],
  audience: StaffAudience,
) {
  const shown = reporters.filter((r) => seesReporter(row, r, audience));
  const identity = seesReporterIdentity(row, reporters, audience);
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
    /** When the next level is alerted if the case stays untouched (null: nothing to climb). */
    escalationDueAt: iso(row.escalation_due_at),
    escalationDueProvisionalYear: row.escalation_provisional_year,
    completion: presentCompletion(row, events),
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
    /** True when a reporter who filed anonim is left out for this audience (the OPD, the leaders). */
    reportersHidden: shown.length < reporters.length,
    reporters: shown.map(
      (r): StaffReporter => ({
        id: r.id,
        name: r.name,
        phone: r.phone,
        email: r.email,
        userId: r.user_id,
        locale: r.locale,
        wantsUpdates: r.wants_updates,
        originalComplaintId: r.original_complaint_id,
        createdAt: iso(r.created_at)!,
      }),
    ),
    timeline: events.map((e): StaffEvent => {
      const data = eventData(e);
      // The content hash identifies a submission; nobody needs it on screen.
      const { contentHash: _hash, ...rest } = data;
      // A citizen's step is taken by a reporter: their account is personal data.
      const hideActor = byOf(e) === 'citizen' && !identity;
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
        actorId: hideActor ? null : e.actor_id,
        actorLabel: hideActor ? '' : e.actor_label,
        opdId: e.opd_id,
        isLate: e.is_late,
        chargedTo: e.charged_to,
        data: rest,
        ...completionDueOf(e),
      };
    }),
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: attachmentName(a, identity),
      contentType: a.content_type,
      size: a.size_bytes,
      isPublic: a.is_public,
      eventId: a.event_id === null ? null : Number(a.event_id),
    })),
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

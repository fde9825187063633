/**
 * Calls of the complaints API (issue #3): the citizen's public side (intake, tracking,
 * confirm/rate/dispute, attachments) and the staff side (inboxes, case page, actions,
 * routing suggestion, leaders' escalations). Shapes follow CONTRACT-B; fields the client
 * does not need are left out, and the few it can live without are optional.
 */
import { api } from './client.js';
import type { Items, Region } from './types.js';

export type ComplaintKind = 'pengaduan' | 'aspirasi' | 'permintaan_informasi';
export const KINDS: readonly ComplaintKind[] = ['pengaduan', 'aspirasi', 'permintaan_informasi'];

export type ComplaintStatus =
  | 'received' | 'held' | 'verified' | 'rejected' | 'archived' | 'routed'
  | 'accepted' | 'in_progress' | 'resolved' | 'closed' | 'merged';
export const STATUSES: readonly ComplaintStatus[] = ['received', 'held', 'verified', 'routed', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'archived', 'merged'];

export type ComplaintAction =
  | 'verify' | 'hold' | 'provide_info' | 'reject' | 'archive' | 'route' | 'accept'
  | 'return' | 'respond' | 'update' | 'resolve' | 'confirm' | 'dispute' | 'auto_close' | 'merge';

export type DeadlineStage = 'verification' | 'first_response' | 'resolution' | 'auto_close';

/** What a deadline rule is for: a report's stage, or a step of the escalation ladder (working days only). */
export type RuleStage = DeadlineStage | 'escalation_sekda' | 'escalation_bupati';
export const RULE_STAGES: readonly RuleStage[] = ['verification', 'first_response', 'resolution', 'auto_close', 'escalation_sekda', 'escalation_bupati'];
export const isEscalationRule = (s: RuleStage) => s === 'escalation_sekda' || s === 'escalation_bupati';

/** GET /deadline-rules (schemas/complaints.ts DeadlineRule). */
export interface DeadlineRule {
  id: string | null;
  stage: RuleStage;
  kind: ComplaintKind | null;
  categoryId: string | null;
  days: number;
  dayType: 'working' | 'calendar';
  legalSource: string;
  validFrom: string;
}

export interface NewDeadlineRule {
  stage: RuleStage;
  kind?: ComplaintKind;
  categoryId?: string;
  days: number;
  dayType: 'working' | 'calendar';
  legalSource: string;
  validFrom: string;
}

/** The completion clock (schemas/complaints.ts CompletionClock): 60 days after the file is complete by default. */
export interface CompletionClock {
  dueAt: string;
  fileCompleteAt: string | null;
  startedAt: string | null;
  basis: 'file_complete' | 'dispute';
  days: number | null;
  dayType: 'working' | 'calendar' | null;
  /** Set while the date counts into a year whose national days off are not loaded (ADR 0025). */
  provisionalYear?: number | null;
}

export interface Category {
  id: string;
  code: string;
  name: string;
  description?: string | null;
}

export interface AttachmentRef {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export type ActorKind = 'desk' | 'opd' | 'citizen' | 'system';

export interface ComplaintEvent {
  id?: number | string;
  at: string;
  type: string;
  fromStatus?: ComplaintStatus | null;
  toStatus?: ComplaintStatus | null;
  /** Who acted, as a role (the public view never names a person). */
  by?: ActorKind;
  visibility?: 'public' | 'internal';
  /** A public step whose note is for staff only (staff view). */
  noteInternal?: boolean;
  note?: string | null;
  actorLabel?: string | null;
  opdName?: string | null;
  isLate?: boolean;
  /** The completion deadline this step started (verify, route, dispute). */
  completionDueAt?: string | null;
}

/** The public view of a report (presentPublic): never personal data. */
export interface PublicComplaint {
  trackingCode: string;
  kind: ComplaintKind;
  title?: string | null;
  description?: string | null;
  status: ComplaintStatus;
  categoryId?: string | null;
  categoryName?: string | null;
  category?: { name: string } | null;
  regionCode?: string | null;
  regionName?: string | null;
  opdId?: string | null;
  opdName?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  addressText?: string | null;
  eventDate?: string | null;
  receivedAt?: string | null;
  createdAt?: string | null;
  dueAt?: string | null;
  dueStage?: DeadlineStage | null;
  completion?: CompletionClock | null;
  /** Set while dueAt counts into a year whose national days off are not loaded: the date may still move. */
  dueProvisionalYear?: number | null;
  reporterCount?: number;
  isConfidential?: boolean;
  /** The caller proved to be the reporter (key or own account): they may act. */
  isReporter?: boolean;
  /** Only in the answer to filing: the reporter key (ADR 0027). */
  reporterKey?: string;
  rating?: number | null;
  ratingComment?: string | null;
  events?: ComplaintEvent[];
  timeline?: ComplaintEvent[];
  attachments?: AttachmentRef[];
}

export interface Reporter {
  id?: string;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** A case as staff see it (presentForStaff + allowedActions). */
export interface StaffComplaint extends PublicComplaint {
  id: string;
  channel?: string;
  isAnonymous?: boolean;
  escalationLevel?: number;
  /** When the next escalation level is alerted if nobody acts (null: nothing left to climb). */
  escalationDueAt?: string | null;
  escalationDueProvisionalYear?: number | null;
  /** True when the reporters are withheld from this reader (anonim, seen by an OPD or leader). */
  reportersHidden?: boolean;
  reporters?: Reporter[] | null;
}

/** GET /complaints/:id (schemas/complaints-staff.ts CasePageResponse). */
export interface CasePage {
  complaint: StaffComplaint;
  audience: string;
  allowedActions: ComplaintAction[];
  canRequestEscalation: boolean;
}

export interface InboxItem {
  id: string;
  trackingCode: string;
  kind: ComplaintKind;
  title: string;
  status: ComplaintStatus;
  categoryName?: string | null;
  regionName?: string | null;
  opdName?: string | null;
  dueAt?: string | null;
  dueStage?: DeadlineStage | null;
  escalationLevel?: number;
  receivedAt?: string | null;
  createdAt?: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor?: string | null;
}

export type InboxView = 'verification' | 'opd_new' | 'due_soon' | 'overdue' | 'escalated' | 'all';

export interface NewComplaintBody {
  kind: ComplaintKind;
  title: string;
  description: string;
  categoryId?: string;
  regionCode?: string;
  latitude?: number;
  longitude?: number;
  addressText?: string;
  eventDate?: string;
  isAnonymous: boolean;
  isConfidential: boolean;
  reporter?: { name?: string; phone?: string; email?: string; locale?: 'id' | 'en'; wantsUpdates?: boolean };
  attachmentIds?: string[];
}

/** GET /routing/resolve: the routing table's suggestion, or null (schemas/complaints.ts). */
export interface RoutingSuggestion {
  suggestion: { opdId: string; opdName: string; ruleId: string; matchedRegionCode: string | null; source: string } | null;
}

export interface SimilarItem {
  id: string;
  trackingCode: string;
  title: string;
  status: ComplaintStatus;
  receivedAt: string;
  reporterCount: number;
  score: number;
}

export type StaffChannel = 'walk_in' | 'phone' | 'whatsapp' | 'sms' | 'letter' | 'outreach' | 'email';
export const STAFF_CHANNELS: readonly StaffChannel[] = ['walk_in', 'phone', 'whatsapp', 'sms', 'letter', 'outreach', 'email'];

/** The reporter's proof (ADR 0027): sent as a header, never in a URL the server logs. */
function keyHeader(key: string | null | undefined): Record<string, string> {
  return key ? { 'x-reporter-key': key } : {};
}

export const complaintsApi = {
  // --- public (no login) ---
  recent: (limit = 10) => api.get<Items<PublicComplaint>>('/public/complaints', { limit }, { quiet401: true }),
  categories: () => api.get<Items<Category>>('/public/categories', undefined, { quiet401: true }),
  kecamatan: () => api.get<Items<Region>>('/regions', { level: 'kecamatan' }, { quiet401: true }),
  villages: (kecamatanCode: string) => api.get<Items<Region>>('/regions', { parent: kecamatanCode }, { quiet401: true }),
  uploadPublic: (file: File, keepLocation: boolean) => {
    const form = new FormData();
    // The field comes before the file: the server reads the parts in order.
    form.append('keepLocation', keepLocation ? 'true' : 'false');
    form.append('file', file, file.name);
    return api.postForm<AttachmentRef>('/public/attachments', form, { quiet401: true });
  },
  submit: (body: NewComplaintBody, idempotencyKey: string) =>
    api.post<PublicComplaint>('/public/complaints', body, { quiet401: true, headers: { 'idempotency-key': idempotencyKey } }),
  /** With the reporter key (if this device holds it) the reporter's own view, also of a rahasia report. */
  track: (code: string, key?: string | null) =>
    api.get<PublicComplaint>(`/public/complaints/${encodeURIComponent(code)}`, undefined, { quiet401: true, headers: keyHeader(key) }),
  confirm: (code: string, key: string | null, rating: number, comment: string) =>
    api.post<PublicComplaint>(`/public/complaints/${encodeURIComponent(code)}/confirm`, comment.trim() ? { rating, comment: comment.trim() } : { rating }, {
      quiet401: true,
      headers: keyHeader(key),
    }),
  dispute: (code: string, key: string | null, reason: string) =>
    api.post<PublicComplaint>(`/public/complaints/${encodeURIComponent(code)}/dispute`, { reason }, { quiet401: true, headers: keyHeader(key) }),
  info: (code: string, key: string | null, info: string) =>
    api.post<PublicComplaint>(`/public/complaints/${encodeURIComponent(code)}/info`, { info }, { quiet401: true, headers: keyHeader(key) }),

  // --- staff ---
  intake: (body: NewComplaintBody & { channel: StaffChannel }, idempotencyKey: string) =>
    api.post<{ id: string; trackingCode: string; status: ComplaintStatus; created: boolean; reporterKey: string | null }>('/complaints', body, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
  inbox: (query: Record<string, string | undefined>) => api.get<InboxPage>('/complaints', query),
  get: (id: string) => api.get<CasePage>(`/complaints/${id}`),
  act: (id: string, action: ComplaintAction, body: { note?: string; visibility?: 'public' | 'internal'; opdId?: string }) =>
    api.post<unknown>(`/complaints/${id}/actions/${action}`, body),
  requestEscalation: (id: string, reason: string) => api.post<unknown>(`/complaints/${id}/escalation-request`, { reason }),
  resolveRouting: (categoryId?: string | null, regionCode?: string | null) =>
    api.get<RoutingSuggestion>('/routing/resolve', { categoryId: categoryId ?? undefined, regionCode: regionCode ?? undefined }),
  staffCategories: () => api.get<Items<Category>>('/complaint-categories'),
  deadlineRules: () => api.get<Items<DeadlineRule>>('/deadline-rules'),
  addDeadlineRule: (body: NewDeadlineRule) => api.post<DeadlineRule>('/deadline-rules', body),
  similar: (id: string) => api.get<Items<SimilarItem>>(`/complaints/${id}/similar`),
  merge: (id: string, intoId: string) => api.post<{ mergedId: string; intoId: string; reporterCount: number }>(`/complaints/${id}/merge`, { intoId }),
  escalations: (cursor?: string) => api.get<InboxPage>('/leaders/escalations', { cursor }),
  attachmentUrl: (id: string) => `/attachments/${id}`,
};

/** The events of a view, whichever name the presenter gives them. */
export function eventsOf(c: PublicComplaint): ComplaintEvent[] {
  return c.events ?? c.timeline ?? [];
}
export function categoryNameOf(c: PublicComplaint | InboxItem): string | null {
  return c.categoryName ?? ('category' in c ? c.category?.name : null) ?? null;
}

/**
 * Schemas of the complaint desk (issue #3, B2): inboxes, the case page, staff actions,
 * escalation requests, similar reports and merging, the leaders' list, export and public
 * statistics. Case-page shapes mirror presentForStaff (modules/complaints/present.ts).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateString, RegionCode, Text, Uuid } from './common.js';
import { CompletionClock, DueProvisionalYear } from './complaints.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const NStr = Type.Union([Type.String(), Type.Null()]);
const NNum = Type.Union([Type.Number(), Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const NDateTime = Nullable(DateTime);

export const ComplaintStatusSchema = Type.Union(
  ['received', 'held', 'verified', 'rejected', 'archived', 'routed', 'accepted', 'in_progress', 'resolved', 'closed', 'merged'].map((s) => Type.Literal(s)),
);
export const StaffActionName = Type.Union(
  ['verify', 'hold', 'provide_info', 'reject', 'archive', 'route', 'accept', 'return', 'respond', 'update', 'resolve'].map((s) => Type.Literal(s)),
  { description: 'A staff step of the state machine (merge has its own endpoint)' },
);
export type TStaffActionName = Static<typeof StaffActionName>;

export const InboxView = Type.Union(['verification', 'opd_new', 'due_soon', 'overdue', 'escalated', 'all'].map((s) => Type.Literal(s)));
export type TInboxView = 'verification' | 'opd_new' | 'due_soon' | 'overdue' | 'escalated' | 'all';

export const InboxQuery = Type.Object(
  {
    view: Type.Optional(InboxView),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Indonesian full-text search (websearch syntax)' })),
    status: Type.Optional(ComplaintStatusSchema),
    opdId: Type.Optional(Uuid),
    categoryId: Type.Optional(Uuid),
    regionCode: Type.Optional(RegionCode),
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type TInboxQuery = Static<typeof InboxQuery>;

export const InboxItem = Type.Object(
  {
    id: Uuid,
    trackingCode: Type.String(),
    kind: Type.String(),
    channel: Type.String(),
    title: Type.String(),
    status: Type.String(),
    categoryId: NStr,
    categoryName: NStr,
    regionCode: NStr,
    regionName: NStr,
    opdId: NStr,
    opdName: NStr,
    dueAt: NDateTime,
    dueStage: NStr,
    overdue: Type.Boolean(),
    escalationLevel: Type.Integer(),
    escalatedAt: NDateTime,
    isAnonymous: Type.Boolean(),
    isConfidential: Type.Boolean(),
    reporterCount: Type.Integer(),
    mergedIntoId: NStr,
    receivedAt: DateTime,
  },
  { additionalProperties: false },
);
export type TInboxItem = Static<typeof InboxItem>;

export const InboxResponse = Type.Object({ items: Type.Array(InboxItem), nextCursor: NStr }, { additionalProperties: false });
export type TInboxResponse = Static<typeof InboxResponse>;

const StaffReporter = Type.Object(
  { id: Uuid, name: NStr, phone: NStr, email: NStr, userId: NStr, locale: Type.String(), wantsUpdates: Type.Boolean(), originalComplaintId: NStr, createdAt: DateTime },
  { additionalProperties: false },
);
const StaffEvent = Type.Object(
  {
    id: Type.Integer(), at: DateTime, type: Type.String(), fromStatus: NStr, toStatus: NStr, by: Type.String(), note: NStr,
    visibility: Type.String(), noteInternal: Type.Boolean(), actorId: NStr, actorLabel: Type.String(), opdId: NStr,
    isLate: Type.Boolean(), chargedTo: NStr, data: Type.Record(Type.String(), Type.Unknown()),
    completionDueAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
const StaffAttachment = Type.Object(
  { id: Uuid, filename: Type.String(), contentType: Type.String(), size: Type.Integer(), isPublic: Type.Boolean(), eventId: NInt },
  { additionalProperties: false },
);

export const StaffCase = Type.Object(
  {
    id: Uuid, trackingCode: Type.String(), kind: Type.String(), channel: Type.String(), title: Type.String(), description: Type.String(),
    categoryId: NStr, regionCode: NStr, latitude: NNum, longitude: NNum, addressText: NStr, eventDate: NStr,
    isAnonymous: Type.Boolean(), isConfidential: Type.Boolean(), status: Type.String(), opdId: NStr, dueAt: NDateTime, dueStage: NStr,
    dueProvisionalYear: DueProvisionalYear,
    escalationLevel: Type.Integer(), escalatedAt: NDateTime, escalationDueAt: NDateTime, escalationDueProvisionalYear: Type.Union([Type.Integer(), Type.Null()]), completion: Type.Union([CompletionClock, Type.Null()]), mergedIntoId: NStr, reporterCount: Type.Integer(), rating: NInt,
    ratingComment: NStr, receivedAt: DateTime, routedAt: NDateTime, firstResponseAt: NDateTime, resolvedAt: NDateTime,
    closedAt: NDateTime, updatedAt: DateTime, reportersHidden: Type.Boolean(), reporters: Type.Array(StaffReporter),
    timeline: Type.Array(StaffEvent), attachments: Type.Array(StaffAttachment),
  },
  { additionalProperties: false },
);

export const CasePageResponse = Type.Object(
  {
    complaint: StaffCase,
    /** Who the actor is on this case: the desk, the OPD holding it, or a reader. */
    audience: Type.String(),
    allowedActions: Type.Array(Type.String()),
    canRequestEscalation: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type TCasePageResponse = Static<typeof CasePageResponse>;

export const ActionParams = Type.Object({ id: Uuid, action: StaffActionName }, { additionalProperties: false });
export const ActionBody = Type.Object(
  {
    note: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
    visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('internal')])),
    opdId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type TActionBody = Static<typeof ActionBody>;

export const EscalationRequestBody = Type.Object({ reason: Text(2000, { minLength: 3, description: 'Why the case is beyond the OPD' }) }, { additionalProperties: false });

export const SimilarItem = Type.Object(
  {
    id: Uuid, trackingCode: Type.String(), title: Type.String(), status: Type.String(), categoryId: NStr, regionCode: NStr,
    opdId: NStr, receivedAt: DateTime, reporterCount: Type.Integer(), score: Type.Number(),
  },
  { additionalProperties: false },
);
export const SimilarResponse = Type.Object({ items: Type.Array(SimilarItem) }, { additionalProperties: false });
export type TSimilarItem = Static<typeof SimilarItem>;

export const MergeBody = Type.Object({ intoId: Uuid, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const MergeResponse = Type.Object(
  { mergedId: Uuid, intoId: Uuid, movedReporters: Type.Integer(), reporterCount: Type.Integer() },
  { additionalProperties: false },
);

export const ExportQuery = Type.Object(
  {
    view: Type.Optional(InboxView),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    status: Type.Optional(ComplaintStatusSchema),
    opdId: Type.Optional(Uuid),
    categoryId: Type.Optional(Uuid),
    regionCode: Type.Optional(RegionCode),
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
  },
  { additionalProperties: false },
);

export const ExportStatus = Type.Object(
  {
    id: Uuid,
    status: Type.String({ description: 'queued | done | failed' }),
    rows: NInt,
    createdAt: DateTime,
    finishedAt: NDateTime,
    expiresAt: DateTime,
    downloadPath: NStr,
  },
  { additionalProperties: false },
);
export type TExportStatus = Static<typeof ExportStatus>;

export const StatsQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });
const StatusCounts = Type.Record(Type.String(), Type.Integer());
const StatsRow = Type.Object(
  { id: NStr, name: Type.String(), total: Type.Integer(), byStatus: StatusCounts, finished: Type.Integer(), onTime: Type.Integer(), onTimeRate: NNum },
  { additionalProperties: false },
);
export const StatsResponse = Type.Object(
  { total: Type.Integer(), byStatus: StatusCounts, perOpd: Type.Array(StatsRow), perKecamatan: Type.Array(StatsRow) },
  { additionalProperties: false },
);
export type TStatsResponse = Static<typeof StatsResponse>;

/**
 * Request and response schemas of the complaints core: public intake and tracking, citizen
 * actions, staff intake, categories, routing rules, deadline rules. Shared by server
 * validation, the OpenAPI document and the web client (`Static<typeof X>`).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateString, RegionCode, Uuid } from './common.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 10_000;

export const ComplaintKind = Type.Union([Type.Literal('pengaduan'), Type.Literal('aspirasi'), Type.Literal('permintaan_informasi')], {
  description: 'pengaduan (complaint), aspirasi (aspiration/proposal), permintaan_informasi (information request)',
});
export const StaffChannel = Type.Union(
  [Type.Literal('walk_in'), Type.Literal('phone'), Type.Literal('whatsapp'), Type.Literal('sms'), Type.Literal('letter'), Type.Literal('outreach'), Type.Literal('email')],
  { description: 'How the desk received the report' },
);
/** The stage whose deadline a report is running (`dueStage`). */
export const DeadlineStage = Type.Union([Type.Literal('verification'), Type.Literal('first_response'), Type.Literal('resolution'), Type.Literal('auto_close')]);
/** What a deadline rule is for: a report's stage, or an escalation step of an untouched case (working days only). */
export const DeadlineRuleStage = Type.Union(
  [
    Type.Literal('verification'), Type.Literal('first_response'), Type.Literal('resolution'), Type.Literal('auto_close'),
    Type.Literal('escalation_sekda'), Type.Literal('escalation_bupati'),
  ],
  { description: 'escalation_sekda: working days the OPD head has before the Sekda is alerted; escalation_bupati: the Sekda before the Bupati/Wali Kota' },
);
export const TrackingCode = Type.String({ minLength: 1, maxLength: 40, description: "Tracking code, e.g. 'PRM-7KQ2-XW9D' (case and separators forgiven)" });
export const TrackingParams = Type.Object({ code: TrackingCode }, strict);

const Reporter = Type.Object(
  {
    name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
    locale: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')])),
    wantsUpdates: Type.Optional(Type.Boolean({ description: 'Send updates to the phone or e-mail given (default true)' })),
  },
  { ...strict, description: 'Optional. Kept by the complaint desk only; hidden from the OPD and the public when isAnonymous.' },
);

const complaintFields = {
  kind: ComplaintKind,
  title: Type.String({ minLength: 1, maxLength: TITLE_MAX }),
  description: Type.String({ minLength: 1, maxLength: DESCRIPTION_MAX }),
  categoryId: Type.Optional(Nullable(Uuid)),
  categoryCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  regionCode: Type.Optional(Nullable(RegionCode)),
  latitude: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
  longitude: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
  addressText: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  eventDate: Type.Optional(Nullable(DateString)),
  isAnonymous: Type.Boolean({ description: 'anonim: identity hidden from the OPD and the public (the complaint desk still sees it)' }),
  isConfidential: Type.Boolean({ description: 'rahasia: the whole report is hidden from the public' }),
  reporter: Type.Optional(Type.Union([Reporter, Type.Null()])),
  attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 10, description: 'Ids from POST /public/attachments' })),
};

export const PublicComplaintBody = Type.Object(complaintFields, strict);
export type TPublicComplaintBody = Static<typeof PublicComplaintBody>;

export const StaffComplaintBody = Type.Object({ ...complaintFields, channel: StaffChannel }, strict);
export type TStaffComplaintBody = Static<typeof StaffComplaintBody>;

/** The reporter's proof on the public routes (ADR 0027); links carry it after '#', never to the server. */
export const ReporterKeyHeaders = Type.Object({
  'x-reporter-key': Type.Optional(
    Type.String({ maxLength: 60, description: 'The reporter key shown at filing (e.g. K7QM-4XPA-9RTW-2HVN-BC3D); proves the caller filed the report' }),
  ),
});

const ReporterKey = Type.String({ description: 'The reporter key: shown once here, it lets the reporter confirm, dispute, add information and follow a rahasia report' });

export const IdempotencyHeaders = Type.Object(
  { 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 200, pattern: '^[A-Za-z0-9_\\-:.]+$', description: 'Client-chosen key; a retry with the same key returns the same report' })) },
);

const PublicEvent = Type.Object({
  at: Type.String({ format: 'date-time' }),
  type: Type.String(),
  fromStatus: Type.Union([Type.String(), Type.Null()]),
  toStatus: Type.Union([Type.String(), Type.Null()]),
  by: Type.String({ description: 'citizen, desk, opd or system (never a person)' }),
  note: Type.Union([Type.String(), Type.Null()]),
  completionDueAt: Type.Optional(Type.String({ format: 'date-time', description: 'The completion deadline this step started' })),
});
const PublicAttachment = Type.Object({ id: Uuid, filename: Type.String(), contentType: Type.String(), size: Type.Integer() });
const NStr = Type.Union([Type.String(), Type.Null()]);
const NNum = Type.Union([Type.Number(), Type.Null()]);
/** Set while the deadline counts into a year whose national days off are not loaded (ADR 0025). */
export const DueProvisionalYear = Type.Union([Type.Integer(), Type.Null()], {
  description: 'The year whose libur nasional and cuti bersama are not loaded yet, so dueAt is provisional; null: dueAt is final',
});

/** The completion clock (UU 25/2009: 60 days after the file is complete; a dispute starts a fresh one). */
export const CompletionClock = Type.Object(
  {
    dueAt: Type.String({ format: 'date-time' }),
    fileCompleteAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the desk declared the file complete' }),
    startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    basis: Type.Union([Type.Literal('file_complete'), Type.Literal('dispute')]),
    days: Type.Union([Type.Integer(), Type.Null()]),
    dayType: Type.Union([Type.Literal('working'), Type.Literal('calendar'), Type.Null()]),
    provisionalYear: Type.Union([Type.Integer(), Type.Null()], { description: 'Set while the date counts into a year whose national days off are not loaded' }),
  },
  { additionalProperties: false },
);

export const PublicComplaint = Type.Object({
  trackingCode: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  description: Type.String(),
  categoryId: NStr,
  regionCode: NStr,
  latitude: NNum,
  longitude: NNum,
  addressText: NStr,
  eventDate: NStr,
  status: Type.String(),
  opdId: NStr,
  receivedAt: Type.String({ format: 'date-time' }),
  dueAt: NStr,
  dueStage: NStr,
  dueProvisionalYear: DueProvisionalYear,
  resolvedAt: NStr,
  closedAt: NStr,
  reporterCount: Type.Integer(),
  rating: NNum,
  isAnonymous: Type.Boolean(),
  completion: Type.Union([CompletionClock, Type.Null()]),
  timeline: Type.Array(PublicEvent),
  attachments: Type.Array(PublicAttachment),
  /** Only in the reporter's own view (they sent their key or are signed in as its reporter). */
  isReporter: Type.Optional(Type.Boolean({ description: 'True when the caller proved to be the reporter (their view; they may act)' })),
  isConfidential: Type.Optional(Type.Boolean({ description: 'In the reporter view: the report is rahasia (hidden from the public)' })),
});

/** After filing: the public view, or for a rahasia report only the receipt (isConfidential). */
export const SubmitResponse = Type.Object({
  trackingCode: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  receivedAt: Type.String(),
  dueAt: NStr,
  dueStage: NStr,
  dueProvisionalYear: DueProvisionalYear,
  isConfidential: Type.Optional(Type.Boolean()),
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  categoryId: Type.Optional(NStr),
  regionCode: Type.Optional(NStr),
  latitude: Type.Optional(NNum),
  longitude: Type.Optional(NNum),
  addressText: Type.Optional(NStr),
  eventDate: Type.Optional(NStr),
  opdId: Type.Optional(NStr),
  resolvedAt: Type.Optional(NStr),
  closedAt: Type.Optional(NStr),
  reporterCount: Type.Optional(Type.Integer()),
  rating: Type.Optional(NNum),
  isAnonymous: Type.Optional(Type.Boolean()),
  timeline: Type.Optional(Type.Array(PublicEvent)),
  attachments: Type.Optional(Type.Array(PublicAttachment)),
  reporterKey: Type.Optional(ReporterKey),
});

export const PublicComplaintList = Type.Object({ items: Type.Array(PublicComplaint) });
export const PublicListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })) }, strict);

export const ConfirmBody = Type.Object(
  { rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
  strict,
);
export const DisputeBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 5000 }) }, strict);
export const InfoBody = Type.Object({ info: Type.String({ minLength: 1, maxLength: DESCRIPTION_MAX }) }, strict);

/** Staff intake answer: the case id besides the public receipt. */
export const StaffIntakeResponse = Type.Object({
  id: Uuid,
  trackingCode: Type.String(),
  status: Type.String(),
  dueAt: NStr,
  created: Type.Boolean(),
  /** For the reporter's receipt: the desk hands it over with the code. */
  reporterKey: Type.Union([ReporterKey, Type.Null()]),
});

// --- categories -----------------------------------------------------------------------------------

export const CategoryCode = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,60}$', description: 'Stable code (also the Open311 service_code)' });
export const Category = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  description: NStr,
  serviceId: NStr,
  isActive: Type.Boolean(),
  sortOrder: Type.Integer(),
});
export const CategoryList = Type.Object({ items: Type.Array(Category) });
export const PublicCategory = Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), description: NStr });
export const PublicCategoryList = Type.Object({ items: Type.Array(PublicCategory) });
export const CategoryQuery = Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }, strict);
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
export const CreateCategoryBody = Type.Object(
  {
    code: CategoryCode,
    name: Name,
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    serviceId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    isActive: Type.Optional(Type.Boolean()),
    sortOrder: Type.Optional(Type.Integer({ minimum: -100000, maximum: 100000 })),
  },
  strict,
);
export type TCreateCategoryBody = Static<typeof CreateCategoryBody>;
export const PatchCategoryBody = Type.Partial(CreateCategoryBody, strict);
export type TPatchCategoryBody = Static<typeof PatchCategoryBody>;

// --- routing --------------------------------------------------------------------------------------

export const RoutingRule = Type.Object({ id: Uuid, categoryId: Uuid, categoryName: Type.String(), regionCode: NStr, opdId: Uuid, opdName: Type.String() });
export const RoutingRuleList = Type.Object({ items: Type.Array(RoutingRule) });
export const RoutingRuleQuery = Type.Object({ categoryId: Type.Optional(Uuid) }, strict);
export const CreateRoutingRuleBody = Type.Object({ categoryId: Uuid, regionCode: Type.Optional(Type.Union([RegionCode, Type.Null()])), opdId: Uuid }, strict);
export type TCreateRoutingRuleBody = Static<typeof CreateRoutingRuleBody>;
export const PatchRoutingRuleBody = Type.Partial(CreateRoutingRuleBody, strict);
export const ResolveQuery = Type.Object({ categoryId: Uuid, regionCode: Type.Optional(RegionCode) }, strict);
export const RoutingSuggestion = Type.Object({
  suggestion: Type.Union([
    Type.Object({ opdId: Uuid, opdName: Type.String(), ruleId: Uuid, matchedRegionCode: NStr, source: Type.String({ description: "'routing_table' (issue [G] adds text-based sources)" }) }),
    Type.Null(),
  ]),
});

// --- deadline rules -------------------------------------------------------------------------------

export const DeadlineRule = Type.Object({
  id: NStr,
  stage: Type.String(),
  kind: NStr,
  categoryId: NStr,
  days: Type.Integer(),
  dayType: Type.String(),
  legalSource: Type.String(),
  validFrom: Type.String(),
});
export const DeadlineRuleList = Type.Object({ items: Type.Array(DeadlineRule) });
export const CreateDeadlineRuleBody = Type.Object(
  {
    stage: DeadlineRuleStage,
    kind: Type.Optional(Type.Union([ComplaintKind, Type.Null()])),
    categoryId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    days: Type.Integer({ minimum: 1, maximum: 365 }),
    dayType: Type.Union([Type.Literal('working'), Type.Literal('calendar')]),
    legalSource: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
    validFrom: DateString,
  },
  strict,
);
export type TCreateDeadlineRuleBody = Static<typeof CreateDeadlineRuleBody>;

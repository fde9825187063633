/**
 * Request and response schemas of the satisfaction survey (SKM) and its index (IKM),
 * PermenPANRB 14/2017 (DOMAIN.md §1). The PUBLIC contract (form, submit, published results)
 * is fixed: the survey page bundle builds against it. Staff schemas follow below it.
 */
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { DateString, Uuid } from './common.js';

const strict = { additionalProperties: false } as const;
const NStr = Type.Union([Type.String(), Type.Null()]);
const NNum = Type.Union([Type.Number(), Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

export const SKM_SEX = ['L', 'P'] as const;
export const SKM_EDUCATION = ['SD', 'SMP', 'SMA', 'D1-D3', 'D4/S1', 'S2', 'S3'] as const;
export const SKM_OCCUPATION = ['PNS', 'TNI', 'POLRI', 'Swasta', 'Wirausaha', 'Lainnya'] as const;
export const SKM_SOURCES = ['online', 'kiosk', 'paper'] as const;
export const SKM_PERIOD_KINDS = ['year', 'semester', 'quarter', 'month'] as const;
export const SKM_AGE_BANDS = ['<20', '20-29', '30-39', '40-49', '50-59', '60+'] as const;
export const SKM_MUTU = ['A', 'B', 'C', 'D'] as const;
/** Time slots of the day the service was received (local time of the tenant). */
export const SKM_TIME_SLOTS = ['pagi', 'siang', 'sore', 'malam'] as const;
export const SUGGESTION_MAX = 2000;

const lits = <T extends readonly string[]>(xs: T, description?: string) =>
  Type.Union(xs.map((x) => Type.Literal(x)), description ? { description } : {}) as unknown as TUnion<Array<TLiteral<T[number]>>>;

export const SkmSex = lits(SKM_SEX, 'Jenis kelamin: L (laki-laki) or P (perempuan)');
export const SkmEducation = lits(SKM_EDUCATION, 'Pendidikan terakhir');
export const SkmOccupation = lits(SKM_OCCUPATION, 'Pekerjaan utama');
export const SkmSource = lits(SKM_SOURCES, 'How the answer was collected');
export const SkmPeriodKind = lits(SKM_PERIOD_KINDS, 'Survey period: a year, semester, quarter or month');
export const SkmMutu = lits(SKM_MUTU, 'Mutu pelayanan on the converted value rounded to 2 decimals');
/** Key of an unsur: lower-case letters, digits, underscore; e.g. 'u1' or 'persyaratan'. */
export const UnsurKey = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: "Unsur key, e.g. 'u1'" });
export const AnswerValue = Type.Integer({ minimum: 1, maximum: 4, description: '1 = worst … 4 = best' });

// ---------------------------------------------------------------------------------------------
// PUBLIC CONTRACT (no login; tenant from the /r/{slug} prefix or host)
// ---------------------------------------------------------------------------------------------

export const SkmFormQuery = Type.Object(
  {
    unit: Uuid,
    loket: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'Counter (loket) code from the QR link' })),
    petugas: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'Officer code from the QR link' })),
  },
  strict,
);
export type TSkmFormQuery = Static<typeof SkmFormQuery>;

export const SkmPublicUnsur = Type.Object({
  key: Type.String(),
  name: Type.String(),
  options: Type.Array(Type.String(), { minItems: 4, maxItems: 4, description: 'Answer labels for 1, 2, 3, 4' }),
});
export type TSkmPublicUnsur = Static<typeof SkmPublicUnsur>;

export const SkmPublicForm = Type.Object({
  tenantName: Type.String(),
  unit: Type.Object({ id: Uuid, name: Type.String(), opdName: Type.String() }),
  counter: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()], {
    description: 'The counter of the QR link; null when none was given or the code is unknown',
  }),
  officerCode: NStr,
  questionnaire: Type.Object({ id: Uuid, version: Type.Integer(), unsur: Type.Array(SkmPublicUnsur) }),
  services: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  educationOptions: Type.Array(Type.String()),
  occupationOptions: Type.Array(Type.String()),
  sexOptions: Type.Array(Type.String(), { description: "['L','P']" }),
});
export type TSkmPublicForm = Static<typeof SkmPublicForm>;

export const SkmProfileInput = Type.Object(
  {
    sex: Type.Optional(SkmSex),
    age: Type.Optional(Type.Integer({ minimum: 15, maximum: 99 })),
    education: Type.Optional(SkmEducation),
    occupation: Type.Optional(SkmOccupation),
    serviceId: Type.Optional(Uuid),
  },
  strict,
);
export type TSkmProfileInput = Static<typeof SkmProfileInput>;

export const SkmSubmitBody = Type.Object(
  {
    clientId: Type.String({ format: 'uuid', description: 'Made on the device; a resend with the same id never counts twice' }),
    unitId: Uuid,
    questionnaireId: Uuid,
    loket: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    petugas: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    answers: Type.Record(UnsurKey, AnswerValue, { additionalProperties: false, minProperties: 1, maxProperties: 40, description: '{ unsurKey: 1..4 }, at least one' }),
    profile: SkmProfileInput,
    suggestion: Type.Optional(Type.String({ maxLength: SUGGESTION_MAX })),
    answeredAt: Type.String({
      format: 'date-time',
      description: 'When the respondent tapped Kirim (device clock). Up to 10 minutes in the future or 30 days in the past; otherwise 400.',
    }),
    mode: Type.Optional(Type.Union([Type.Literal('online'), Type.Literal('kiosk')])),
  },
  strict,
);
export type TSkmSubmitBody = Static<typeof SkmSubmitBody>;

export const SkmSubmitResult = Type.Object({
  id: Uuid,
  clientId: Uuid,
  status: Type.Literal('received'),
});
export type TSkmSubmitResult = Static<typeof SkmSubmitResult>;

export const SkmPublicResultsQuery = Type.Object({ unit: Type.Optional(Uuid) }, strict);
export type TSkmPublicResultsQuery = Static<typeof SkmPublicResultsQuery>;

export const SkmNrrItem = Type.Object({ key: Type.String(), name: Type.String(), value: NNum });
export type TSkmNrrItem = Static<typeof SkmNrrItem>;

export const SkmPublicResultItem = Type.Object({
  unitId: Uuid,
  unitName: Type.String(),
  opdName: Type.String(),
  periodLabel: Type.String(),
  respondents: Type.Integer(),
  ikm: NNum,
  converted: NNum,
  mutu: Type.Union([SkmMutu, Type.Null()]),
  kinerja: NStr,
  nrr: Type.Array(SkmNrrItem),
  publishedAt: Type.String({ format: 'date-time' }),
});
export const SkmPublicResults = Type.Object({ items: Type.Array(SkmPublicResultItem) });
export type TSkmPublicResults = Static<typeof SkmPublicResults>;

// ---------------------------------------------------------------------------------------------
// STAFF (login; policy: admin all, operator_opd/kepala_opd their OPD's units, pimpinan/inspektorat read all)
// ---------------------------------------------------------------------------------------------

const Ymd = DateString;
const DateTime = Type.String({ format: 'date-time' });

// --- questionnaires ---
export const SkmUnsur = Type.Object({
  key: Type.String(),
  position: Type.Integer(),
  name: Type.String(),
  options: Type.Array(Type.String()),
  weight: Type.String({ description: "Exact weight as a fraction, e.g. '1/9'" }),
});
export const SkmQuestionnaire = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  note: NStr,
  createdAt: DateTime,
  unsur: Type.Array(SkmUnsur),
});
export type TSkmQuestionnaire = Static<typeof SkmQuestionnaire>;
export const SkmQuestionnaireList = Type.Object({ items: Type.Array(SkmQuestionnaire) });
export type TSkmQuestionnaireList = Static<typeof SkmQuestionnaireList>;

export const SkmNewQuestionnaireBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 500 })),
    unsur: Type.Array(
      Type.Object(
        {
          key: UnsurKey,
          name: Type.String({ minLength: 1, maxLength: 200 }),
          options: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 4, maxItems: 4, description: 'Labels for 1, 2, 3, 4' }),
          weight: Type.String({ minLength: 1, maxLength: 30, description: "Fraction '1/9' or decimal '0.25'; the weights must sum to exactly 1 (400 skm.weightsNotOne otherwise)" }),
        },
        strict,
      ),
      { minItems: 1, maxItems: 40 },
    ),
  },
  strict,
);
export type TSkmNewQuestionnaireBody = Static<typeof SkmNewQuestionnaireBody>;

// --- periods ---
export const SkmPeriod = Type.Object({
  id: Uuid,
  unitId: Uuid,
  unitName: Type.String(),
  opdId: Uuid,
  opdName: Type.String(),
  kind: SkmPeriodKind,
  year: Type.Integer(),
  part: NInt,
  label: Type.String({ description: "e.g. 'Semester 1 Tahun 2026'" }),
  startsOn: Ymd,
  endsOn: Ymd,
  population: NInt,
  published: Type.Boolean({ description: 'Has at least one publication record' }),
  createdAt: DateTime,
});
export type TSkmPeriod = Static<typeof SkmPeriod>;
export const SkmPeriodList = Type.Object({ items: Type.Array(SkmPeriod) });
export type TSkmPeriodList = Static<typeof SkmPeriodList>;
export const SkmPeriodQuery = Type.Object({ unitId: Type.Optional(Uuid), opdId: Type.Optional(Uuid), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, strict);
export type TSkmPeriodQuery = Static<typeof SkmPeriodQuery>;
export const SkmCreatePeriodBody = Type.Object(
  {
    unitId: Uuid,
    kind: SkmPeriodKind,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    part: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 12 }), Type.Null()], { description: 'semester 1–2, quarter 1–4, month 1–12; none for a year' })),
    population: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000_000 }), Type.Null()], { description: 'N: service users in the period (sample-size check)' })),
  },
  strict,
);
export type TSkmCreatePeriodBody = Static<typeof SkmCreatePeriodBody>;
export const SkmPatchPeriodBody = Type.Object({ population: Type.Union([Type.Integer({ minimum: 1, maximum: 100_000_000 }), Type.Null()]) }, strict);
export type TSkmPatchPeriodBody = Static<typeof SkmPatchPeriodBody>;

// --- counters (loket) ---
export const CounterCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$', description: "Counter code, e.g. 'L1'" });
export const SkmCounter = Type.Object({ id: Uuid, unitId: Uuid, code: Type.String(), name: Type.String(), isActive: Type.Boolean(), surveyUrl: Type.String() });
export type TSkmCounter = Static<typeof SkmCounter>;
export const SkmCounterList = Type.Object({ unitSurveyUrl: Type.String(), items: Type.Array(SkmCounter) });
export type TSkmCounterList = Static<typeof SkmCounterList>;
export const SkmUnitParams = Type.Object({ unitId: Uuid }, strict);
export const SkmCreateCounterBody = Type.Object({ code: CounterCode, name: Type.String({ minLength: 1, maxLength: 200 }) }, strict);
export type TSkmCreateCounterBody = Static<typeof SkmCreateCounterBody>;
export const SkmPatchCounterBody = Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), isActive: Type.Optional(Type.Boolean()) }, strict);
export type TSkmPatchCounterBody = Static<typeof SkmPatchCounterBody>;

// --- QR codes and posters ---
export const SkmQrQuery = Type.Object(
  {
    unitId: Uuid,
    loket: Type.Optional(CounterCode),
    petugas: Type.Optional(CounterCode),
    format: Type.Optional(Type.Union([Type.Literal('png'), Type.Literal('svg')], { description: 'png (default) or svg' })),
  },
  strict,
);
export type TSkmQrQuery = Static<typeof SkmQrQuery>;
export const SkmPosterQuery = Type.Object(
  { unitId: Uuid, loket: Type.Optional(CounterCode), petugas: Type.Optional(CounterCode), size: Type.Optional(Type.Union([Type.Literal('A4'), Type.Literal('A5')])) },
  strict,
);
export type TSkmPosterQuery = Static<typeof SkmPosterQuery>;

// --- results ---
export const SkmResultsQuery = Type.Object(
  {
    periodId: Type.Optional(Type.String({ format: 'uuid', description: "A unit's period: the unit's results" })),
    unitId: Type.Optional(Uuid),
    opdId: Type.Optional(Type.String({ format: 'uuid', description: 'Pool the units of this OPD' })),
    kind: Type.Optional(SkmPeriodKind),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    part: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  },
  { ...strict, description: 'periodId; or unitId/opdId/neither (tenant) with kind (default year) + year + part' },
);
export type TSkmResultsQuery = Static<typeof SkmResultsQuery>;

const Breakdown = Type.Object({ value: NStr, respondents: Type.Integer(), converted: NNum, mutu: NStr });
export const SkmResults = Type.Object({
  scope: Type.Union([Type.Literal('unit'), Type.Literal('opd'), Type.Literal('tenant')]),
  unit: Type.Union([Type.Object({ id: Uuid, name: Type.String(), opdName: Type.String() }), Type.Null()]),
  opd: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  period: Type.Object({ id: Type.Union([Uuid, Type.Null()]), kind: SkmPeriodKind, year: Type.Integer(), part: NInt, label: Type.String(), startsOn: Ymd, endsOn: Ymd }),
  respondents: Type.Integer({ description: 'Counted respondents (excluded answers are not counted)' }),
  excluded: Type.Integer(),
  flagged: Type.Integer(),
  ikm: NNum,
  converted: NNum,
  mutu: Type.Union([SkmMutu, Type.Null()]),
  kinerja: NStr,
  nrr: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), value: NNum, weight: Type.String() })),
  weakest: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), value: NNum })),
  sample: Type.Object({ population: NInt, required: NInt, respondents: Type.Integer(), adequate: Type.Union([Type.Boolean(), Type.Null()]), message: NStr }),
  pooling: Type.String({ description: 'How OPD and tenant figures pool respondents (shown on screen)' }),
  questionnaireVersions: Type.Array(Type.Integer()),
  breakdowns: Type.Object({ sex: Type.Array(Breakdown), ageBand: Type.Array(Breakdown), education: Type.Array(Breakdown), occupation: Type.Array(Breakdown) }),
  trend: Type.Array(Type.Object({ label: Type.String(), startsOn: Ymd, endsOn: Ymd, respondents: Type.Integer(), converted: NNum, mutu: NStr })),
  units: Type.Array(Type.Object({ unitId: Uuid, unitName: Type.String(), opdName: Type.String(), respondents: Type.Integer(), converted: NNum, mutu: NStr }), {
    description: 'Per unit (OPD and tenant scope), lowest first',
  }),
});
export type TSkmResults = Static<typeof SkmResults>;

// --- flagged / excluded answers ---
export const SkmResponsesQuery = Type.Object(
  {
    periodId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
    status: Type.Optional(Type.Union([Type.Literal('flagged'), Type.Literal('excluded'), Type.Literal('all')], { description: 'flagged (default), excluded, or all (flagged or excluded)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  strict,
);
export type TSkmResponsesQuery = Static<typeof SkmResponsesQuery>;
export const SkmResponseItem = Type.Object({
  id: Uuid,
  unitId: Uuid,
  answeredAt: DateTime,
  source: SkmSource,
  counterCode: NStr,
  answers: Type.Record(Type.String(), Type.Integer()),
  flagged: Type.Boolean(),
  flagReason: Type.Union([Type.Literal('repeat'), Type.Literal('burst'), Type.Null()]),
  excluded: Type.Boolean(),
  excludedReason: NStr,
  excludedAt: Type.Union([DateTime, Type.Null()]),
  suggestion: NStr,
});
export type TSkmResponseItem = Static<typeof SkmResponseItem>;
export const SkmResponseList = Type.Object({ items: Type.Array(SkmResponseItem) });
export type TSkmResponseList = Static<typeof SkmResponseList>;
export const SkmExcludeBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, strict);
export type TSkmExcludeBody = Static<typeof SkmExcludeBody>;

// --- paper import ---
export const SkmTemplateQuery = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])) }, strict);
export const SkmImportResult = Type.Object({ importId: Uuid, imported: Type.Integer() });
export type TSkmImportResult = Static<typeof SkmImportResult>;
/** details of a 400 IMPORT_INVALID: every bad row (row = line in the file, header = 1). */
export const SkmImportRowError = Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() });
export type TSkmImportRowError = Static<typeof SkmImportRowError>;

// --- follow-up plan ---
export const SkmFollowupStatus = Type.Union([Type.Literal('planned'), Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('cancelled')]);
export const SkmEvidence = Type.Object({ id: Uuid, filename: Type.String(), contentType: Type.String(), size: Type.Integer(), createdAt: DateTime, url: Type.String() });
export const SkmFollowup = Type.Object({
  id: Uuid,
  periodId: Uuid,
  unsurKey: Type.String(),
  unsurName: Type.String(),
  action: Type.String(),
  owner: Type.String(),
  dueOn: Ymd,
  status: SkmFollowupStatus,
  overdue: Type.Boolean(),
  evidenceNote: NStr,
  doneOn: Type.Union([Ymd, Type.Null()]),
  evidence: Type.Array(SkmEvidence),
});
export type TSkmFollowup = Static<typeof SkmFollowup>;
export const SkmFollowupList = Type.Object({ items: Type.Array(SkmFollowup), donePercent: NNum });
export type TSkmFollowupList = Static<typeof SkmFollowupList>;
export const SkmCreateFollowupBody = Type.Object(
  { unsurKey: UnsurKey, action: Type.String({ minLength: 1, maxLength: 2000 }), owner: Type.String({ minLength: 1, maxLength: 200 }), dueOn: Ymd },
  strict,
);
export type TSkmCreateFollowupBody = Static<typeof SkmCreateFollowupBody>;
export const SkmPatchFollowupBody = Type.Object(
  {
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    owner: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    dueOn: Type.Optional(Ymd),
    status: Type.Optional(SkmFollowupStatus),
    evidenceNote: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  strict,
);
export type TSkmPatchFollowupBody = Static<typeof SkmPatchFollowupBody>;

// --- publication records ---
export const SKM_CHANNELS = ['website', 'media_sosial', 'papan_pengumuman', 'media_cetak', 'forum', 'lainnya'] as const;
export const SkmChannel = lits(SKM_CHANNELS, 'Publication channel');
export const SkmPublication = Type.Object({ id: Uuid, periodId: Uuid, channel: SkmChannel, publishedOn: Ymd, url: NStr, notes: NStr, createdAt: DateTime });
export type TSkmPublication = Static<typeof SkmPublication>;
export const SkmPublicationList = Type.Object({ items: Type.Array(SkmPublication), channels: Type.Integer({ description: 'Distinct channels (KemenPANRB counts them)' }) });
export type TSkmPublicationList = Static<typeof SkmPublicationList>;
export const SkmCreatePublicationBody = Type.Object(
  { channel: SkmChannel, publishedOn: Ymd, url: Type.Optional(Type.Union([Type.String({ maxLength: 500, pattern: '^https?://' }), Type.Null()])), notes: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) },
  strict,
);
export type TSkmCreatePublicationBody = Static<typeof SkmCreatePublicationBody>;

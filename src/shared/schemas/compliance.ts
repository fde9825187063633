/**
 * Schemas of the compliance module (issue #5, second half): assessment methods as versioned
 * data (Ombudsman zone and four-dimension methods, KemenPANRB PEKPPP — DOMAIN.md §4–§5),
 * assessments per service unit (or OPD) and year, indicator scores with evidence, the
 * Inspektorat's verification and overrides, and the unit → OPD → tenant roll-up.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Text, Uuid } from './common.js';

export const COMPLIANCE_MIN_YEAR = 2015;
export const COMPLIANCE_MAX_YEAR = 2100;
const Year = Type.Integer({ minimum: COMPLIANCE_MIN_YEAR, maximum: COMPLIANCE_MAX_YEAR, description: 'Assessment period (year)' });

export const MethodKind = Type.Union([Type.Literal('ombudsman'), Type.Literal('pekppp')], {
  description: 'ombudsman: Ombudsman RI compliance (zones/grades); pekppp: KemenPANRB public-service evaluation (index 1–5)',
});
export type TMethodKind = Static<typeof MethodKind>;
export const MethodSubject = Type.Union([Type.Literal('unit'), Type.Literal('opd')], { description: 'What one assessment is about: a service unit or a whole OPD' });
export const Zone = Type.Union([Type.Literal('hijau'), Type.Literal('kuning'), Type.Literal('merah'), Type.Literal('hitam')]);
export type TZone = Static<typeof Zone>;
export const AssessmentStatus = Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('verified')]);
export type TAssessmentStatus = Static<typeof AssessmentStatus>;

const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'Stable code (letters, digits, . _ -)' });
/** A number with at most two decimals (weights in %, band limits; checked by the method validator, not by `multipleOf`, which floating point defeats). */
const Num2 = (opts: { minimum?: number; maximum?: number; description?: string } = {}) => Type.Number(opts);

export const IndicatorScale = Type.Union([
  Type.Object({ kind: Type.Literal('points'), min: Type.Integer({ minimum: 0, maximum: 100 }), max: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false, description: 'Whole points from min to max, e.g. 0–3 (Ombudsman) or 1–5 (PEKPPP)' }),
  Type.Object({ kind: Type.Literal('yesno') }, { additionalProperties: false, description: 'Yes (1) or no (0)' }),
]);
export type TIndicatorScale = Static<typeof IndicatorScale>;

export const MethodDimension = Type.Object(
  {
    code: Code,
    name: Text(200),
    weight: Num2({ minimum: 0.01, maximum: 100, description: 'Weight of the dimension in the score, % (all dimensions sum to 100)' }),
  },
  { additionalProperties: false },
);
export type TMethodDimension = Static<typeof MethodDimension>;

export const MethodIndicator = Type.Object(
  {
    code: Code,
    dimension: Code,
    text: Text(1000),
    weight: Num2({ minimum: 0.01, maximum: 100, description: 'Weight within its dimension, % (the indicators of a dimension sum to 100)' }),
    scale: IndicatorScale,
    evidenceHint: Type.Optional(Type.Union([Text(500), Type.Null()])),
  },
  { additionalProperties: false },
);
export type TMethodIndicator = Static<typeof MethodIndicator>;

export const MethodBand = Type.Object(
  {
    min: Num2({ minimum: 0, maximum: 1000, description: 'Lowest score of the band (inclusive, two decimals)' }),
    max: Num2({ minimum: 0, maximum: 1000, description: 'Highest score of the band (inclusive, two decimals); the next band starts 0.01 higher' }),
    grade: Type.Union([Type.String({ minLength: 1, maxLength: 10 }), Type.Null()], { description: 'e.g. A, B, A−' }),
    zone: Type.Union([Zone, Type.Null()]),
    label: Text(100, { description: 'e.g. Tertinggi, Pelayanan Prima' }),
    target: Type.Optional(Type.Boolean({ description: 'The band the gap list aims for (default: the lowest hijau band)' })),
  },
  { additionalProperties: false },
);
export type TMethodBand = Static<typeof MethodBand>;

export const ScoreRange = Type.Object(
  { min: Num2({ minimum: 0, maximum: 1000 }), max: Num2({ minimum: 0.01, maximum: 1000 }) },
  { additionalProperties: false, description: 'The range of the result: 0–100 (Ombudsman) or 1–5 (PEKPPP index)' },
);

const methodFields = {
  code: Code,
  version: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'Version within the code, e.g. 2022' }),
  kind: MethodKind,
  subject: MethodSubject,
  name: Text(200),
  legalSource: Text(300, { description: 'e.g. Peraturan Ombudsman 48/2020' }),
  validFromYear: Year,
  note: Type.Optional(Type.Union([Text(1000), Type.Null()])),
  range: ScoreRange,
  dimensions: Type.Array(MethodDimension, { minItems: 1, maxItems: 20 }),
  indicators: Type.Array(MethodIndicator, { minItems: 1, maxItems: 300 }),
  bands: Type.Array(MethodBand, { minItems: 1, maxItems: 20 }),
};

/** A new method version (also the JSON an admin imports). */
export const CreateMethodBody = Type.Object(methodFields, { additionalProperties: false });
export type TCreateMethodBody = Static<typeof CreateMethodBody>;

export const Method = Type.Object(
  {
    id: Uuid,
    ...methodFields,
    note: Type.Union([Type.String(), Type.Null()]),
    isGlobal: Type.Boolean({ description: 'Shipped reference method (not editable by a tenant)' }),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);
export type TMethod = Static<typeof Method>;

export const MethodSummary = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    version: Type.String(),
    kind: MethodKind,
    subject: MethodSubject,
    name: Type.String(),
    legalSource: Type.String(),
    validFromYear: Type.Integer(),
    isGlobal: Type.Boolean(),
    dimensionCount: Type.Integer(),
    indicatorCount: Type.Integer(),
  },
  { additionalProperties: false },
);
export type TMethodSummary = Static<typeof MethodSummary>;
export const MethodList = Type.Object({ items: Type.Array(MethodSummary) }, { additionalProperties: false });
export const MethodQuery = Type.Object({ kind: Type.Optional(MethodKind) }, { additionalProperties: false });

// --- assessments -----------------------------------------------------------------------------

export const CreateAssessmentBody = Type.Object(
  {
    methodId: Uuid,
    year: Year,
    unitId: Type.Optional(Uuid),
    opdId: Type.Optional(Uuid),
  },
  { additionalProperties: false, description: 'unitId for a unit method, opdId for an OPD method (PEKPPP)' },
);
export type TCreateAssessmentBody = Static<typeof CreateAssessmentBody>;

export const AssessmentQuery = Type.Object(
  {
    year: Type.Optional(Year),
    kind: Type.Optional(MethodKind),
    methodId: Type.Optional(Uuid),
    opdId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type TAssessmentQuery = Static<typeof AssessmentQuery>;

const resultFields = {
  score: Type.Number({ description: 'Rounded to two decimals; unscored indicators count as their lowest value' }),
  grade: Type.Union([Type.String(), Type.Null()]),
  zone: Type.Union([Zone, Type.Null()]),
  label: Type.Union([Type.String(), Type.Null()]),
};

export const AssessmentSummary = Type.Object(
  {
    id: Uuid,
    methodId: Uuid,
    methodCode: Type.String(),
    methodVersion: Type.String(),
    methodName: Type.String(),
    kind: MethodKind,
    year: Type.Integer(),
    unitId: Type.Union([Uuid, Type.Null()]),
    unitName: Type.Union([Type.String(), Type.Null()]),
    opdId: Uuid,
    opdName: Type.String(),
    status: AssessmentStatus,
    ...resultFields,
    scoredCount: Type.Integer(),
    indicatorCount: Type.Integer(),
    overrideCount: Type.Integer(),
    updatedAt: Type.String(),
  },
  { additionalProperties: false },
);
export type TAssessmentSummary = Static<typeof AssessmentSummary>;
export const AssessmentList = Type.Object({ items: Type.Array(AssessmentSummary) }, { additionalProperties: false });

export const Evidence = Type.Object(
  {
    id: Uuid,
    kind: Type.Union([Type.Literal('file'), Type.Literal('link')]),
    filename: Type.Union([Type.String(), Type.Null()]),
    contentType: Type.Union([Type.String(), Type.Null()]),
    size: Type.Union([Type.Integer(), Type.Null()]),
    url: Type.Union([Type.String(), Type.Null()]),
    label: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);
export type TEvidence = Static<typeof Evidence>;

export const Override = Type.Object(
  {
    value: Type.Number(),
    selfValue: Type.Union([Type.Number(), Type.Null()], { description: 'The unit’s own score, kept beside the override' }),
    reason: Type.String(),
    by: Type.String(),
    at: Type.String(),
  },
  { additionalProperties: false },
);

export const IndicatorResult = Type.Object(
  {
    code: Type.String(),
    dimension: Type.String(),
    text: Type.String(),
    weight: Type.Number(),
    scale: IndicatorScale,
    evidenceHint: Type.Union([Type.String(), Type.Null()]),
    selfValue: Type.Union([Type.Number(), Type.Null()]),
    value: Type.Union([Type.Number(), Type.Null()], { description: 'The value that counts: the override when there is one' }),
    override: Type.Union([Override, Type.Null()]),
    note: Type.Union([Type.String(), Type.Null()]),
    gapOwner: Type.Union([Type.String(), Type.Null()]),
    gapDueDate: Type.Union([DateString, Type.Null()]),
    evidence: Type.Array(Evidence),
  },
  { additionalProperties: false },
);
export type TIndicatorResult = Static<typeof IndicatorResult>;

export const DimensionResult = Type.Object(
  { code: Type.String(), name: Type.String(), weight: Type.Number(), score: Type.Number({ description: 'Share of the dimension reached, 0–100 %' }) },
  { additionalProperties: false },
);

export const Gap = Type.Object(
  {
    indicatorCode: Type.String(),
    text: Type.String(),
    dimension: Type.String(),
    value: Type.Union([Type.Number(), Type.Null()]),
    max: Type.Number(),
    gain: Type.Number({ description: 'Points the overall score gains when this indicator reaches its maximum' }),
    owner: Type.Union([Type.String(), Type.Null()]),
    dueDate: Type.Union([DateString, Type.Null()]),
    reachesTarget: Type.Boolean({ description: 'Part of the shortest list of fixes (by gain) that reaches the target band' }),
  },
  { additionalProperties: false },
);
export type TGap = Static<typeof Gap>;

export const AssessmentDetail = Type.Object(
  {
    ...AssessmentSummary.properties,
    range: ScoreRange,
    bands: Type.Array(MethodBand),
    dimensions: Type.Array(DimensionResult),
    indicators: Type.Array(IndicatorResult),
    gaps: Type.Array(Gap),
    target: Type.Union([Type.Object({ score: Type.Number(), label: Type.String(), zone: Type.Union([Zone, Type.Null()]), pointsNeeded: Type.Number() }, { additionalProperties: false }), Type.Null()]),
    submittedAt: Type.Union([Type.String(), Type.Null()]),
    verifiedAt: Type.Union([Type.String(), Type.Null()]),
    verifiedBy: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type TAssessmentDetail = Static<typeof AssessmentDetail>;

export const IndicatorParams = Type.Object({ id: Uuid, code: Code }, { additionalProperties: false });

export const ScoreBody = Type.Object(
  {
    value: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()], { description: 'null clears the score' })),
    note: Type.Optional(Type.Union([Text(2000), Type.Null()])),
    gapOwner: Type.Optional(Type.Union([Text(200), Type.Null()], { description: 'Who closes the gap' })),
    gapDueDate: Type.Optional(Type.Union([DateString, Type.Null()])),
  },
  { additionalProperties: false },
);
export type TScoreBody = Static<typeof ScoreBody>;

export const OverrideBody = Type.Object(
  {
    value: Type.Integer({ minimum: 0, maximum: 100 }),
    reason: Text(2000, { minLength: 5, description: 'Mandatory: why the Inspektorat departs from the unit’s score' }),
  },
  { additionalProperties: false },
);
export type TOverrideBody = Static<typeof OverrideBody>;

export const AssessmentAction = Type.Union([Type.Literal('submit'), Type.Literal('return'), Type.Literal('verify')]);
export type TAssessmentAction = Static<typeof AssessmentAction>;
export const ActionParams = Type.Object({ id: Uuid, action: AssessmentAction }, { additionalProperties: false });
export const ActionBody = Type.Object({ note: Type.Optional(Type.Union([Text(2000), Type.Null()])) }, { additionalProperties: false });

export const EvidenceLinkBody = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000, pattern: '^https?://', description: 'http(s) address of the evidence' }),
    label: Type.Optional(Type.Union([Text(200), Type.Null()])),
  },
  { additionalProperties: false },
);
export type TEvidenceLinkBody = Static<typeof EvidenceLinkBody>;

// --- roll-up ---------------------------------------------------------------------------------

export const ResultsQuery = Type.Object({ year: Year, methodId: Uuid }, { additionalProperties: false });
export type TResultsQuery = Static<typeof ResultsQuery>;

const RollupRow = Type.Object(
  { ...resultFields, count: Type.Integer({ description: 'Assessments averaged' }) },
  { additionalProperties: false },
);
export const Results = Type.Object(
  {
    method: MethodSummary,
    year: Type.Integer(),
    tenant: Type.Union([RollupRow, Type.Null()]),
    opds: Type.Array(Type.Object({ opdId: Uuid, opdName: Type.String(), ...RollupRow.properties }, { additionalProperties: false })),
    items: Type.Array(Type.Object({ assessmentId: Uuid, unitId: Type.Union([Uuid, Type.Null()]), unitName: Type.Union([Type.String(), Type.Null()]), opdId: Uuid, opdName: Type.String(), status: AssessmentStatus, ...resultFields }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type TResults = Static<typeof Results>;

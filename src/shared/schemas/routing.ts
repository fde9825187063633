/** Schemas of the routing-suggestion module (issue #6 [G]). */
import { Type, type Static } from '@sinclair/typebox';
import { RegionCode, Uuid } from './common.js';

const strict = { additionalProperties: false } as const;

/** Longest text scored (characters); longer is refused with a 400 naming the limit. */
export const SUGGEST_TEXT_MAX = 20_000;

export const SuggestBody = Type.Object(
  {
    text: Type.String({ maxLength: 1_000_000, description: `The report's title and description (at most ${SUGGEST_TEXT_MAX} characters are accepted)` }),
    categoryId: Type.Optional(Uuid),
    regionCode: Type.Optional(RegionCode),
    complaintId: Type.Optional(Type.String({ format: 'uuid', description: 'The case the suggestion is shown for (recorded for the feedback loop)' })),
  },
  strict,
);
export type TSuggestBody = Static<typeof SuggestBody>;

const ScoredOpd = Type.Object({ opdId: Uuid, name: Type.String(), shortName: Type.String(), score: Type.Number() });
const ScoredCategory = Type.Object({ categoryId: Uuid, code: Type.String(), name: Type.String(), score: Type.Number() });

export const SuggestResponse = Type.Object({
  suggestionId: Type.Union([Uuid, Type.Null()]),
  source: Type.Union([Type.Literal('model'), Type.Literal('keywords'), Type.Literal('none')]),
  modelVersion: Type.Union([Type.Integer(), Type.Null()]),
  confident: Type.Boolean(),
  /** "Tidak yakin…" (or why there is nothing to go on) when not confident; null otherwise. */
  message: Type.Union([Type.String(), Type.Null()]),
  opds: Type.Array(ScoredOpd, { maxItems: 3 }),
  categories: Type.Array(ScoredCategory, { maxItems: 3 }),
});
export type TSuggestResponse = Static<typeof SuggestResponse>;

export const KeywordRule = Type.Object({
  opdId: Uuid,
  opdName: Type.String(),
  opdShortName: Type.String(),
  keywords: Type.Array(Type.String()),
  isActive: Type.Boolean(),
  updatedAt: Type.String(),
});
export const KeywordRuleList = Type.Object({ items: Type.Array(KeywordRule) });
export type TKeywordRule = Static<typeof KeywordRule>;

export const OpdParams = Type.Object({ opdId: Uuid }, strict);
export const PutKeywordRuleBody = Type.Object(
  { keywords: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 100 }), isActive: Type.Optional(Type.Boolean()) },
  strict,
);
export type TPutKeywordRuleBody = Static<typeof PutKeywordRuleBody>;

export const RoutingSettings = Type.Object({
  autoRoute: Type.Boolean(),
  autoRouteThreshold: Type.Number(),
  confidentThreshold: Type.Number(),
  minConfirmed: Type.Integer(),
  retrainEvery: Type.Integer(),
});
export type TRoutingSettings = Static<typeof RoutingSettings>;
export const PatchRoutingSettingsBody = Type.Partial(
  Type.Object({
    autoRoute: Type.Boolean(),
    autoRouteThreshold: Type.Number({ minimum: 0.5, maximum: 1 }),
    confidentThreshold: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    minConfirmed: Type.Integer({ minimum: 10, maximum: 1_000_000 }),
    retrainEvery: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  }),
  strict,
);
export type TPatchRoutingSettingsBody = Static<typeof PatchRoutingSettingsBody>;

const Window = Type.Object({ days: Type.Integer(), total: Type.Integer(), accepted: Type.Integer(), top3: Type.Integer(), auto: Type.Integer(), acceptedRate: Type.Union([Type.Number(), Type.Null()]) });
export const RoutingStats = Type.Object({
  windows: Type.Array(Window),
  source: Type.Union([Type.Literal('model'), Type.Literal('keywords'), Type.Literal('none')]),
  modelVersion: Type.Union([Type.Integer(), Type.Null()]),
  confirmedCases: Type.Integer(),
  minConfirmed: Type.Integer(),
});
export type TRoutingStats = Static<typeof RoutingStats>;

export const RoutingModel = Type.Object({
  id: Uuid,
  labelType: Type.String(),
  version: Type.Integer(),
  kind: Type.String(),
  nExamples: Type.Integer(),
  metrics: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  source: Type.String(),
  isActive: Type.Boolean(),
  trainedAt: Type.String(),
});
export const RoutingModelList = Type.Object({ items: Type.Array(RoutingModel) });

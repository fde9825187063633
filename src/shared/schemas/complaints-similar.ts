/**
 * Schemas of the duplicate suggestion at intake (issue #3): a report being typed in (title,
 * description, optional category and area) → similar open reports. Staff get the desk's
 * shape (SimilarItem, no reporter data); the public gets only tracking code, title, status
 * and reporter count of non-rahasia reports.
 */
import { Type, type Static } from '@sinclair/typebox';
import { RegionCode, Uuid } from './common.js';
import { DESCRIPTION_MAX, TITLE_MAX } from './complaints.js';
import { SimilarItem } from './complaints-staff.js';

export const SimilarDraftBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: TITLE_MAX, pattern: '\\S', description: 'Title typed so far' }),
    description: Type.Optional(Type.String({ maxLength: DESCRIPTION_MAX, description: 'Description typed so far' })),
    categoryId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    regionCode: Type.Optional(Type.Union([RegionCode, Type.Null()])),
  },
  { additionalProperties: false },
);
export type TSimilarDraftBody = Static<typeof SimilarDraftBody>;

export const StaffSimilarDraftResponse = Type.Object({ items: Type.Array(SimilarItem) }, { additionalProperties: false });

export const PublicSimilarItem = Type.Object(
  { trackingCode: Type.String(), title: Type.String(), status: Type.String(), reporterCount: Type.Integer() },
  { additionalProperties: false },
);
export type TPublicSimilarItem = Static<typeof PublicSimilarItem>;
export const PublicSimilarResponse = Type.Object({ items: Type.Array(PublicSimilarItem) }, { additionalProperties: false });

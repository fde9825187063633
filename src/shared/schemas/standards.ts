/**
 * Schemas of the standards module (issue #5 [D], ADR 0019): service standards with the 14
 * components of UU 25/2009 Pasal 21, their life cycle, public consultation comments, the
 * maklumat pelayanan per unit, and the public catalogue. Component keys are stable.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Text, Uuid } from './common.js';

/** The 14 components in the order of Pasal 21 (DOMAIN.md §3). */
export const COMPONENT_KEYS = [
  'dasar_hukum', 'persyaratan', 'prosedur', 'jangka_waktu', 'biaya', 'produk',
  'sarana_prasarana', 'kompetensi_pelaksana', 'pengawasan_internal', 'penanganan_pengaduan',
  'jumlah_pelaksana', 'jaminan_pelayanan', 'jaminan_keamanan', 'evaluasi_kinerja',
] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];
/** Service-delivery components (published to the public); the rest are management (M). */
export const SD_KEYS = ['persyaratan', 'prosedur', 'jangka_waktu', 'biaya', 'produk', 'penanganan_pengaduan'] as const;
export type SdKey = (typeof SD_KEYS)[number];
export type MKey = Exclude<ComponentKey, SdKey>;
export const M_KEYS = COMPONENT_KEYS.filter((k) => !(SD_KEYS as readonly string[]).includes(k)) as MKey[];

export const STANDARD_STATUSES = ['draft', 'consultation', 'established', 'published', 'under_review', 'revised', 'superseded'] as const;
export type StandardStatus = (typeof STANDARD_STATUSES)[number];
export const MAKLUMAT_STATUSES = ['draft', 'established', 'published', 'revised', 'superseded'] as const;
export type MaklumatStatus = (typeof MAKLUMAT_STATUSES)[number];
export const STANDARD_ACTIONS = ['open_consultation', 'reopen_draft', 'establish', 'publish', 'start_review', 'complete_review', 'revise'] as const;
export type StandardAction = (typeof STANDARD_ACTIONS)[number];

/** Rich text (management components, maklumat): the Markdown subset of standards-markup.ts. */
export const RichText = Type.String({ maxLength: 8000, description: 'Restricted Markdown: paragraphs, "- " and "1. " lists, **bold**, *italic*, [text](https://…) links. Everything else is shown as text.' });
const Item = Text(500);
export const TimeUnit = Type.Union([Type.Literal('hari_kerja'), Type.Literal('hari'), Type.Literal('jam')]);
export const CHANNEL_TYPES = ['web', 'sms', 'wa', 'email', 'phone', 'box', 'desk'] as const;
export type ChannelTypeT = (typeof CHANNEL_TYPES)[number];

export const Components = Type.Object(
  {
    dasar_hukum: Type.Optional(RichText),
    persyaratan: Type.Optional(Type.Array(Item, { maxItems: 50, description: 'Requirements, one item each' })),
    prosedur: Type.Optional(Type.Array(Item, { maxItems: 50, description: 'Ordered procedure steps' })),
    jangka_waktu: Type.Optional(Type.Object({ value: Type.Integer({ minimum: 1, maximum: 3650 }), unit: TimeUnit }, { additionalProperties: false })),
    biaya: Type.Optional(Type.Union([
      Type.Object({ kind: Type.Literal('gratis'), legalBasis: Text(1000) }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('tarif'), amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'Rupiah' }), legalBasis: Text(1000) }, { additionalProperties: false }),
    ])),
    produk: Type.Optional(Type.Array(Item, { maxItems: 20 })),
    sarana_prasarana: Type.Optional(RichText),
    kompetensi_pelaksana: Type.Optional(RichText),
    pengawasan_internal: Type.Optional(RichText),
    penanganan_pengaduan: Type.Optional(Type.Array(Type.Object({ type: Type.Union(CHANNEL_TYPES.map((c) => Type.Literal(c))), value: Text(300) }, { additionalProperties: false }), { maxItems: 20 })),
    jumlah_pelaksana: Type.Optional(RichText),
    jaminan_pelayanan: Type.Optional(RichText),
    jaminan_keamanan: Type.Optional(RichText),
    evaluasi_kinerja: Type.Optional(RichText),
  },
  { additionalProperties: false },
);
export type TComponents = Static<typeof Components>;

/** The service-delivery components only (what the public sees). */
export const SdComponents = Type.Pick(Components, [...SD_KEYS]);
export type TSdComponents = Static<typeof SdComponents>;

const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);

export const CreateStandardBody = Type.Object({ serviceId: Uuid }, { additionalProperties: false });
export type TCreateStandardBody = Static<typeof CreateStandardBody>;

export const PatchStandardBody = Type.Object(
  { components: Components },
  { additionalProperties: false, description: 'Components to set (only in draft); a component sent as an empty list/text clears it' },
);
export type TPatchStandardBody = Static<typeof PatchStandardBody>;

export const StandardActionBody = Type.Object(
  {
    action: Type.Union(STANDARD_ACTIONS.map((a) => Type.Literal(a))),
    consultationStart: Type.Optional(Instant),
    consultationEnd: Type.Optional(Instant),
    decreeNumber: Type.Optional(Text(200)),
    decreeDate: Type.Optional(DateString),
    decreeSigner: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);
export type TStandardActionBody = Static<typeof StandardActionBody>;

export const StandardListQuery = Type.Object(
  { opdId: Type.Optional(Uuid), unitId: Type.Optional(Uuid), q: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

export const VersionSummary = Type.Object(
  { id: Uuid, version: Type.Integer(), status: Type.String(), decreeNumber: Type.Union([Type.String(), Type.Null()]), decreeDate: Type.Union([DateString, Type.Null()]), publishedAt: NullableInstant },
  { additionalProperties: false },
);

export const StandardListItem = Type.Object(
  {
    serviceId: Uuid, serviceName: Type.String(), unitId: Uuid, unitName: Type.String(), opdId: Uuid, opdName: Type.String(),
    standardId: Type.Union([Uuid, Type.Null()]), version: Type.Union([Type.Integer(), Type.Null()]), status: Type.Union([Type.String(), Type.Null()]),
    level: Type.Integer({ minimum: 0, maximum: 5 }), reviewDueAt: NullableInstant, openComments: Type.Integer(),
  },
  { additionalProperties: false },
);
export const StandardList = Type.Object({ items: Type.Array(StandardListItem) }, { additionalProperties: false });

export const Comment = Type.Object(
  { id: Uuid, authorName: Type.Union([Type.String(), Type.Null()]), body: Type.String(), answer: Type.Union([Type.String(), Type.Null()]), answeredAt: NullableInstant, createdAt: Instant },
  { additionalProperties: false },
);
export type TComment = Static<typeof Comment>;

export const Standard = Type.Object(
  {
    id: Uuid, serviceId: Uuid, serviceName: Type.String(), unitId: Uuid, unitName: Type.String(), opdId: Uuid, opdName: Type.String(),
    version: Type.Integer(), status: Type.String(), components: Components,
    missing: Type.Array(Type.String(), { description: 'Component keys still empty' }),
    consultationStart: NullableInstant, consultationEnd: NullableInstant,
    decreeNumber: Type.Union([Type.String(), Type.Null()]), decreeDate: Type.Union([DateString, Type.Null()]), decreeSigner: Type.Union([Type.String(), Type.Null()]),
    hasSignedPdf: Type.Boolean(), hasFlowDiagram: Type.Boolean(),
    establishedAt: NullableInstant, publishedAt: NullableInstant, reviewDueAt: NullableInstant, reviewCompletedAt: NullableInstant,
    level: Type.Integer({ minimum: 0, maximum: 5 }),
    allowedActions: Type.Array(Type.String()),
    canEdit: Type.Boolean(),
    versions: Type.Array(VersionSummary),
    comments: Type.Array(Comment),
  },
  { additionalProperties: false },
);
export type TStandard = Static<typeof Standard>;

export const AnswerBody = Type.Object({ answer: Text(4000) }, { additionalProperties: false });
export const CommentParams = Type.Object({ commentId: Uuid }, { additionalProperties: false });

export const Settings = Type.Object({ reviewIntervalMonths: Type.Integer({ minimum: 1, maximum: 60 }) }, { additionalProperties: false });
export type TSettings = Static<typeof Settings>;

// --- maklumat ------------------------------------------------------------------------------
export const MaklumatQuery = Type.Object({ unitId: Type.Optional(Uuid), opdId: Type.Optional(Uuid) }, { additionalProperties: false });
export const CreateMaklumatBody = Type.Object(
  { unitId: Uuid, body: Type.Optional(RichText), signerName: Type.Optional(Text(200)), signerTitle: Type.Optional(Text(200)) },
  { additionalProperties: false },
);
export const PatchMaklumatBody = Type.Object(
  { body: Type.Optional(RichText), signerName: Type.Optional(Text(200)), signerTitle: Type.Optional(Text(200)) },
  { additionalProperties: false },
);
export const MaklumatActionBody = Type.Object(
  { action: Type.Union([Type.Literal('establish'), Type.Literal('publish'), Type.Literal('revise')]) },
  { additionalProperties: false },
);
export const Maklumat = Type.Object(
  {
    id: Uuid, unitId: Uuid, unitName: Type.String(), version: Type.Integer(), status: Type.String(), body: Type.String(),
    signerName: Type.Union([Type.String(), Type.Null()]), signerTitle: Type.Union([Type.String(), Type.Null()]),
    establishedAt: NullableInstant, publishedAt: NullableInstant, allowedActions: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type TMaklumat = Static<typeof Maklumat>;
export const MaklumatList = Type.Object({ items: Type.Array(Maklumat) }, { additionalProperties: false });

// --- public --------------------------------------------------------------------------------
export const CatalogueQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Words to search (Indonesian full text, or a part of the name)' })),
    opdId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export type TCatalogueQuery = Static<typeof CatalogueQuery>;
export const CatalogueItem = Type.Object(
  {
    serviceId: Uuid, name: Type.String(), description: Type.Union([Type.String(), Type.Null()]),
    unitId: Uuid, unitName: Type.String(), opdId: Uuid, opdName: Type.String(),
    level: Type.Integer({ minimum: 0, maximum: 5 }), published: Type.Boolean(),
    timeLimit: Type.Union([Type.Object({ value: Type.Integer(), unit: TimeUnit }), Type.Null()]),
    free: Type.Union([Type.Boolean(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type TCatalogueItem = Static<typeof CatalogueItem>;
export const CatalogueList = Type.Object({ items: Type.Array(CatalogueItem), total: Type.Integer() }, { additionalProperties: false });
export const CatalogueOpds = Type.Object({ items: Type.Array(Type.Object({ id: Uuid, name: Type.String(), shortName: Type.String() })) }, { additionalProperties: false });

export const PublicServiceQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export const PublicStandardVersion = Type.Object(
  {
    id: Uuid, version: Type.Integer(), status: Type.String(), components: SdComponents,
    decreeNumber: Type.Union([Type.String(), Type.Null()]), decreeDate: Type.Union([DateString, Type.Null()]), decreeSigner: Type.Union([Type.String(), Type.Null()]),
    publishedAt: NullableInstant, hasFlowDiagram: Type.Boolean(),
  },
  { additionalProperties: false },
);
export const PublicConsultation = Type.Object(
  {
    standardId: Uuid, version: Type.Integer(), start: Instant, end: Instant, open: Type.Boolean(), components: SdComponents,
    comments: Type.Array(Type.Object({ id: Uuid, body: Type.String(), answer: Type.Union([Type.String(), Type.Null()]), createdAt: Instant })),
  },
  { additionalProperties: false },
);
export const PublicService = Type.Object(
  {
    serviceId: Uuid, name: Type.String(), description: Type.Union([Type.String(), Type.Null()]),
    unitId: Uuid, unitName: Type.String(), unitAddress: Type.Union([Type.String(), Type.Null()]), opdId: Uuid, opdName: Type.String(),
    level: Type.Integer({ minimum: 0, maximum: 5 }),
    standard: Type.Union([PublicStandardVersion, Type.Null()]),
    versions: Type.Array(VersionSummary),
    maklumat: Type.Union([Type.Object({ body: Type.String(), signerName: Type.Union([Type.String(), Type.Null()]), signerTitle: Type.Union([Type.String(), Type.Null()]), publishedAt: NullableInstant }), Type.Null()]),
    consultation: Type.Union([PublicConsultation, Type.Null()]),
    links: Type.Object({ complaint: Type.String(), survey: Type.String(), poster: Type.String() }),
  },
  { additionalProperties: false },
);
export type TPublicService = Static<typeof PublicService>;

export const PublicCommentBody = Type.Object(
  { body: Text(4000), name: Type.Optional(Type.String({ maxLength: 120 })) },
  { additionalProperties: false },
);
export const PublicCommentCreated = Type.Object({ id: Uuid, createdAt: Instant }, { additionalProperties: false });

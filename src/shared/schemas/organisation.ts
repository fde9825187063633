/**
 * Request and response schemas of the organisation module: tenants, regions, OPDs,
 * service units, services and the CSV import. Shared by server validation, the OpenAPI
 * document and the web client (`Static<typeof X>`).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

const strict = { additionalProperties: false } as const;
/** Text of 1..max characters with at least one that is not a space (the server trims it). */
const Str = (max: number, description?: string) =>
  Type.String({ minLength: 1, maxLength: max, pattern: '\\S', ...(description ? { description } : {}) });
/** Optional text that may be cleared with null. */
const Nullable = (max: number, description?: string) => Type.Union([Str(max, description), Type.Null()]);
/** Query-string boolean ('true'/'false'; coerced by the server). */
const QueryBool = (description: string) => Type.Optional(Type.Boolean({ description }));

export const NAME_MAX = 200;
export const SHORT_NAME_MAX = 40;
export const TEXT_MAX = 2000;

// --- tenants ---------------------------------------------------------------------------

export const TenantLevel = Type.Union([Type.Literal('provinsi'), Type.Literal('kabupaten'), Type.Literal('kota')], {
  description: 'Level of the regional government',
});
export const Timezone = Type.Union([Type.Literal('Asia/Jakarta'), Type.Literal('Asia/Makassar'), Type.Literal('Asia/Jayapura')], {
  description: 'IANA time zone: Asia/Jakarta = WIB (UTC+7), Asia/Makassar = WITA (UTC+8), Asia/Jayapura = WIT (UTC+9)',
});
/** Kemendagri code of a province ('63') or kabupaten/kota ('63.10'). */
export const GovernmentCode = Type.String({ pattern: '^[0-9]{2}(\\.[0-9]{2})?$', description: "Kemendagri code of a province ('63') or kabupaten/kota ('63.10')" });
export const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,40}$', description: 'Short URL name, used as /r/{slug}/' });
export const Hostname = Type.String({
  maxLength: 253,
  pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$',
  description: 'Host name (lower case, no port) that serves this tenant',
});

export const Tenant = Type.Object(
  {
    id: Uuid,
    code: Type.String({ description: 'Kemendagri code' }),
    name: Type.String(),
    level: TenantLevel,
    timezone: Timezone,
    slug: Type.String(),
    hostnames: Type.Array(Type.String()),
    isDemo: Type.Boolean({ description: 'Demo data, not an official region' }),
  },
  strict,
);
export type TTenant = Static<typeof Tenant>;
export const TenantList = Type.Object({ items: Type.Array(Tenant) }, strict);

export const PatchTenantBody = Type.Object(
  {
    name: Type.Optional(Str(NAME_MAX, 'Display name')),
    hostnames: Type.Optional(Type.Array(Hostname, { maxItems: 10, uniqueItems: true })),
  },
  { ...strict, minProperties: 1 },
);
export type TPatchTenantBody = Static<typeof PatchTenantBody>;

export const CreateTenantBody = Type.Object(
  {
    code: GovernmentCode,
    slug: Slug,
    timezone: Type.Optional(Timezone),
  },
  strict,
);
export type TCreateTenantBody = Static<typeof CreateTenantBody>;

// --- regions ---------------------------------------------------------------------------

export const RegionLevel = Type.Union(
  [Type.Literal('kabupaten'), Type.Literal('kota'), Type.Literal('kecamatan'), Type.Literal('desa'), Type.Literal('kelurahan')],
  { description: 'kabupaten/kota (province tenants only), kecamatan, desa or kelurahan' },
);
/** Code of one of the tenant's regions: PP.KK, PP.KK.CC or PP.KK.CC.DDDD. */
export const AreaCode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?$', description: 'Kemendagri region code' });

export const Region = Type.Object(
  { code: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]), level: RegionLevel, name: Type.String() },
  strict,
);
export type TRegion = Static<typeof Region>;
export const RegionList = Type.Object({ items: Type.Array(Region) }, strict);
export const RegionQuery = Type.Object(
  {
    parent: Type.Optional(Type.String({ pattern: '^[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2})?)?$', description: 'Parent code' })),
    level: Type.Optional(RegionLevel),
  },
  strict,
);
export type TRegionQuery = Static<typeof RegionQuery>;

// --- OPDs ------------------------------------------------------------------------------

export const OPD_TYPES = ['dinas', 'badan', 'kecamatan', 'kelurahan', 'rsud', 'puskesmas', 'sekretariat', 'inspektorat', 'bagian', 'kantor', 'lainnya'] as const;
export const OpdType = Type.Union(OPD_TYPES.map((t) => Type.Literal(t)), { description: 'Kind of OPD' });

export const Opd = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    shortName: Type.String(),
    type: OpdType,
    headName: Type.Union([Type.String(), Type.Null()]),
    headTitle: Type.Union([Type.String(), Type.Null()]),
    regionCode: Type.Union([Type.String(), Type.Null()]),
    isActive: Type.Boolean(),
  },
  strict,
);
export type TOpd = Static<typeof Opd>;
export const OpdList = Type.Object({ items: Type.Array(Opd) }, strict);
export const OpdQuery = Type.Object({ includeInactive: QueryBool('Include deactivated OPDs') }, strict);

export const CreateOpdBody = Type.Object(
  {
    name: Str(NAME_MAX, 'Full name, e.g. Dinas Kesehatan'),
    shortName: Str(SHORT_NAME_MAX, 'Short name, e.g. Dinkes'),
    type: OpdType,
    headName: Type.Optional(Nullable(NAME_MAX, 'Name of the head')),
    headTitle: Type.Optional(Nullable(NAME_MAX, 'Title of the head, e.g. Kepala Dinas')),
    regionCode: Type.Optional(Type.Union([AreaCode, Type.Null()])),
  },
  strict,
);
export type TCreateOpdBody = Static<typeof CreateOpdBody>;
export const PatchOpdBody = Type.Object(
  {
    name: Type.Optional(Str(NAME_MAX)),
    shortName: Type.Optional(Str(SHORT_NAME_MAX)),
    type: Type.Optional(OpdType),
    headName: Type.Optional(Nullable(NAME_MAX)),
    headTitle: Type.Optional(Nullable(NAME_MAX)),
    regionCode: Type.Optional(Type.Union([AreaCode, Type.Null()])),
    isActive: Type.Optional(Type.Boolean({ description: 'false deactivates (there is no delete)' })),
  },
  { ...strict, minProperties: 1 },
);
export type TPatchOpdBody = Static<typeof PatchOpdBody>;

// --- service units ---------------------------------------------------------------------

export const Unit = Type.Object(
  {
    id: Uuid,
    opdId: Uuid,
    opdName: Type.String(),
    name: Type.String(),
    address: Type.Union([Type.String(), Type.Null()]),
    regionCode: Type.Union([Type.String(), Type.Null()]),
    isActive: Type.Boolean(),
  },
  strict,
);
export type TUnit = Static<typeof Unit>;
export const UnitList = Type.Object({ items: Type.Array(Unit) }, strict);
export const UnitQuery = Type.Object({ opdId: Type.Optional(Uuid), includeInactive: QueryBool('Include deactivated units') }, strict);

export const CreateUnitBody = Type.Object(
  {
    opdId: Uuid,
    name: Str(NAME_MAX, 'Name of the service unit (unit layanan)'),
    address: Type.Optional(Nullable(TEXT_MAX)),
    regionCode: Type.Optional(Type.Union([AreaCode, Type.Null()])),
  },
  strict,
);
export type TCreateUnitBody = Static<typeof CreateUnitBody>;
export const PatchUnitBody = Type.Object(
  {
    opdId: Type.Optional(Uuid),
    name: Type.Optional(Str(NAME_MAX)),
    address: Type.Optional(Nullable(TEXT_MAX)),
    regionCode: Type.Optional(Type.Union([AreaCode, Type.Null()])),
    isActive: Type.Optional(Type.Boolean()),
  },
  { ...strict, minProperties: 1 },
);
export type TPatchUnitBody = Static<typeof PatchUnitBody>;

// --- services (jenis layanan) ----------------------------------------------------------

export const Service = Type.Object(
  {
    id: Uuid,
    unitId: Uuid,
    unitName: Type.String(),
    opdId: Uuid,
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    isActive: Type.Boolean(),
  },
  strict,
);
export type TService = Static<typeof Service>;
export const ServiceList = Type.Object({ items: Type.Array(Service) }, strict);
export const ServiceQuery = Type.Object(
  { unitId: Type.Optional(Uuid), opdId: Type.Optional(Uuid), includeInactive: QueryBool('Include deactivated services') },
  strict,
);

export const CreateServiceBody = Type.Object(
  { unitId: Uuid, name: Str(NAME_MAX, 'Name of the service, e.g. Kartu Keluarga'), description: Type.Optional(Nullable(TEXT_MAX)) },
  strict,
);
export type TCreateServiceBody = Static<typeof CreateServiceBody>;
export const PatchServiceBody = Type.Object(
  {
    unitId: Type.Optional(Uuid),
    name: Type.Optional(Str(NAME_MAX)),
    description: Type.Optional(Nullable(TEXT_MAX)),
    isActive: Type.Optional(Type.Boolean()),
  },
  { ...strict, minProperties: 1 },
);
export type TPatchServiceBody = Static<typeof PatchServiceBody>;

// --- CSV import ------------------------------------------------------------------------

export const IMPORT_KINDS = ['opds', 'units', 'services'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const ImportParams = Type.Object({ kind: Type.Union(IMPORT_KINDS.map((k) => Type.Literal(k))) }, strict);
export const ImportResult = Type.Object({ imported: Type.Integer({ minimum: 0 }) }, strict);
/** One problem in an import file; `row` is the line in the file (the header is row 1). */
export const ImportRowError = Type.Object({ row: Type.Integer(), column: Type.Union([Type.String(), Type.Null()]), message: Type.String() }, strict);
export type TImportRowError = Static<typeof ImportRowError>;

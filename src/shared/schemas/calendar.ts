/**
 * Schemas of the calendar module: national days off, a tenant's own days, deadlines and
 * working-day counts. Dates are 'YYYY-MM-DD' (no time zone); instants are ISO 8601.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Text, Uuid } from './common.js';

/** Years the calendar accepts in queries and writes. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;
/** Most days a deadline may count (about ten years); matches workdays.MAX_DAYS. */
export const CALENDAR_MAX_DAYS = 3650;

const Year = Type.Integer({ minimum: CALENDAR_MIN_YEAR, maximum: CALENDAR_MAX_YEAR, description: 'Calendar year; default: the current year in the tenant time zone' });

export const NationalDayKind = Type.Union([Type.Literal('libur_nasional'), Type.Literal('cuti_bersama')], {
  description: 'libur_nasional (SKB 3 Menteri) or cuti bersama (SKB / Keppres)',
});
export const TenantDayKind = Type.Union([Type.Literal('libur'), Type.Literal('masuk')], {
  description: "libur: the tenant (or unit) is closed; masuk: the day is worked although it is a cuti bersama, a weekend or a tenant libur",
});

export const YearQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
export type TYearQuery = Static<typeof YearQuery>;

export const NationalDay = Type.Object(
  {
    date: DateString,
    kind: NationalDayKind,
    name: Type.String({ description: 'Name in Bahasa Indonesia, e.g. Hari Raya Idulfitri 1447 H' }),
    legalSource: Type.String({ description: 'The decree that sets the day' }),
    source: Type.Union([Type.Literal('law'), Type.Literal('national'), Type.Literal('tenant')], {
      description: "law: a holiday whose date is fixed by Keppres, every year; national: the year's SKB as shipped or loaded by a superadmin; tenant: loaded by this region's admin",
    }),
  },
  { additionalProperties: false },
);
export type TNationalDay = Static<typeof NationalDay>;

export const NationalDayList = Type.Object({ items: Type.Array(NationalDay) }, { additionalProperties: false });

export const DayOff = Type.Object(
  {
    id: Uuid,
    date: DateString,
    kind: TenantDayKind,
    unitId: Type.Union([Uuid, Type.Null()], { description: 'null: the whole tenant' }),
    unitName: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    legalSource: Type.Union([Type.String(), Type.Null()], { description: 'e.g. the regent decree (Keputusan Bupati)' }),
  },
  { additionalProperties: false },
);
export type TDayOff = Static<typeof DayOff>;

export const DayOffList = Type.Object({ items: Type.Array(DayOff) }, { additionalProperties: false });

export const CreateDayOffBody = Type.Object(
  {
    date: DateString,
    kind: TenantDayKind,
    unitId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'Only this service unit; omit for the whole tenant' })),
    name: Text(200, { description: 'What the day is, e.g. Hari Jadi Kabupaten' }),
    legalSource: Type.Optional(Type.Union([Text(300), Type.Null()])),
  },
  { additionalProperties: false },
);
export type TCreateDayOffBody = Static<typeof CreateDayOffBody>;

export const DeadlineQuery = Type.Object(
  {
    start: Type.String({ minLength: 10, maxLength: 40, description: 'When counting starts: an ISO 8601 instant with a zone, or a YYYY-MM-DD local date' }),
    days: Type.Integer({ minimum: 0, maximum: CALENDAR_MAX_DAYS, description: 'How many days' }),
    unit: Type.Optional(Type.Union([Type.Literal('working'), Type.Literal('calendar')], { description: 'Count working days (default) or calendar days' })),
    unitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type TDeadlineQuery = Static<typeof DeadlineQuery>;

export const DeadlineResponse = Type.Object(
  {
    start: Type.String({ description: 'The start instant, ISO 8601 UTC' }),
    days: Type.Integer(),
    dueDate: DateString,
    dueAt: Type.String({ description: 'End of the due date in the tenant time zone, ISO 8601 UTC' }),
  },
  { additionalProperties: false },
);
export type TDeadlineResponse = Static<typeof DeadlineResponse>;

export const WorkingDaysQuery = Type.Object(
  { from: DateString, to: DateString, unitId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type TWorkingDaysQuery = Static<typeof WorkingDaysQuery>;

export const WorkingDaysResponse = Type.Object(
  { count: Type.Integer({ description: 'Working days after `from` up to and including `to` (negative when `to` is earlier)' }) },
  { additionalProperties: false },
);

/** Most rows one import of a year's national days may hold (a year has about 25). */
export const NATIONAL_IMPORT_MAX_ROWS = 200;
/** Longest CSV text an import accepts. */
export const NATIONAL_IMPORT_MAX_CSV = 100_000;

/** One row of a year's libur nasional and cuti bersama, as JSON. Checked row by row by the service. */
export const NationalImportRow = Type.Object(
  {
    date: Type.String({ maxLength: 40, description: 'YYYY-MM-DD' }),
    kind: Type.String({ maxLength: 40, description: 'libur_nasional or cuti_bersama' }),
    name: Type.String({ maxLength: 1000, description: 'Name in Bahasa Indonesia, e.g. Hari Raya Idulfitri 1448 H' }),
    legalSource: Type.String({ maxLength: 2000, description: 'The decree: the SKB 3 Menteri, the Keppres on cuti bersama' }),
  },
  { additionalProperties: false },
);

export const ImportNationalBody = Type.Object(
  {
    year: Type.Integer({ minimum: CALENDAR_MIN_YEAR, maximum: CALENDAR_MAX_YEAR, description: 'The year being loaded: every row must fall in it' }),
    csv: Type.Optional(
      Type.String({
        maxLength: NATIONAL_IMPORT_MAX_CSV,
        description: 'CSV rows date,kind,name,legal_source ("," or ";"; a header row with those names is optional)',
      }),
    ),
    rows: Type.Optional(Type.Array(NationalImportRow, { maxItems: NATIONAL_IMPORT_MAX_ROWS })),
  },
  { additionalProperties: false, description: 'Exactly one of csv and rows' },
);
export type TImportNationalBody = Static<typeof ImportNationalBody>;

export const ImportNationalResponse = Type.Object(
  {
    year: Type.Integer(),
    scope: Type.Union([Type.Literal('global'), Type.Literal('tenant')], { description: "global: every region (a superadmin's import); tenant: this region only" }),
    imported: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type TImportNationalResponse = Static<typeof ImportNationalResponse>;

export const CalendarStatus = Type.Object(
  {
    today: DateString,
    year: Type.Integer({ description: "The current year on the tenant's clock" }),
    yearLoaded: Type.Boolean(),
    nextYear: Type.Integer(),
    nextYearLoaded: Type.Boolean(),
    noticeFrom: DateString,
    showNotice: Type.Boolean({ description: "From noticeFrom (1 October), while next year's national days off are not loaded" }),
  },
  { additionalProperties: false },
);
export type TCalendarStatus = Static<typeof CalendarStatus>;

/**
 * Working-day arithmetic: pure functions over a `WorkCalendar` value, no database, no
 * clock. Other modules get a calendar from `loadWorkCalendar` (service.ts) and compute
 * deadlines here. See docs/adr/0008-working-day-calendar.md.
 *
 * Dates are 'YYYY-MM-DD' strings (a date has no time zone); instants are `Date`s. A
 * working day is a day that is not a Saturday or Sunday, not a libur nasional, not a
 * cuti bersama and not a tenant 'libur' day, unless a 'masuk' day of the tenant or the
 * unit says it is worked (see `isWorkingDay` for the order of precedence). The fixed-date
 * holidays of fixed-holidays.ts hold in every year; a year's other national days count only
 * once its SKB is loaded, and a working-day deadline that counts into a year that is not
 * loaded is provisional (docs/adr/0025-calendar-year-end.md).
 */
import { AppError } from '../../platform/errors.js';
import { fixedHolidaysOf } from './fixed-holidays.js';
import type { DateString } from './tables.js';

export type { DateString };

/** The three Indonesian time zones (WIB, WITA, WIT). */
export type TimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

/**
 * UTC offsets in minutes. Indonesia has not observed daylight saving time since 1988, so
 * the offsets are constant: fixed arithmetic is exact and needs no ICU time-zone data.
 */
export const TZ_OFFSET_MINUTES: Record<TimeZone, number> = {
  'Asia/Jakarta': 7 * 60, // WIB
  'Asia/Makassar': 8 * 60, // WITA
  'Asia/Jayapura': 9 * 60, // WIT
};

/** Upper bound for a count of days to add (about ten years): keeps every loop bounded. */
export const MAX_DAYS = 3650;
/**
 * Upper bound for the calendar span of `workingDaysBetween`: twice MAX_DAYS, so that it
 * still covers the span of MAX_DAYS working days (about 14 calendar years).
 */
export const MAX_SPAN_DAYS = 2 * MAX_DAYS;

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A national day off as seeded from the decrees. */
export interface NationalDayOff {
  date: DateString;
  kind: 'libur_nasional' | 'cuti_bersama';
  name: string;
}

/** A tenant's own day: 'libur' (closed) or 'masuk' (worked), for the tenant or one unit. */
export interface TenantDay {
  date: DateString;
  kind: 'libur' | 'masuk';
  /** null: the whole tenant; else only this service unit. */
  unitId: string | null;
  name: string;
}

/**
 * The calendar of one tenant (and optionally one service unit) over a range of years.
 * Build it with `buildWorkCalendar`; functions refuse dates outside `fromYear..toYear`
 * so a caller that loaded too short a range finds out instead of getting a wrong date.
 */
export interface WorkCalendar {
  fromYear: number;
  toYear: number;
  /** Libur nasional (the loaded rows and the fixed-date holidays of every year): never a working day. */
  liburNasional: ReadonlySet<DateString>;
  /**
   * Years whose SKB is loaded (at least one libur nasional row): only there are the movable
   * holidays and the cuti bersama known. Counting into another year gives a provisional date.
   */
  loadedYears: ReadonlySet<number>;
  /** Cuti bersama: off unless a 'masuk' day applies. */
  cutiBersama: ReadonlySet<DateString>;
  /**
   * The tenant's own days, already resolved for the unit: a unit's row wins over the
   * tenant-wide row of the same date.
   */
  tenantDays: ReadonlyMap<DateString, 'libur' | 'masuk'>;
}

/**
 * Builds a calendar from national rows and tenant rows. With `unitId`, rows of other
 * units are ignored and the unit's rows override tenant-wide rows of the same date;
 * without it, only tenant-wide rows count. The fixed-date holidays are added for every
 * year of the range; a year is loaded when `national` has a libur nasional row in it.
 */
export function buildWorkCalendar(input: {
  fromYear: number;
  toYear: number;
  national: readonly NationalDayOff[];
  tenantDays?: readonly TenantDay[];
  unitId?: string | null;
}): WorkCalendar {
  if (!Number.isInteger(input.fromYear) || !Number.isInteger(input.toYear) || input.fromYear > input.toYear) {
    throw new Error(`invalid calendar range ${input.fromYear}..${input.toYear}`);
  }
  const liburNasional = new Set<DateString>();
  const cutiBersama = new Set<DateString>();
  const loadedYears = new Set<number>();
  for (const d of input.national) {
    (d.kind === 'libur_nasional' ? liburNasional : cutiBersama).add(d.date);
    if (d.kind === 'libur_nasional') loadedYears.add(Number(d.date.slice(0, 4)));
  }
  // A set: the SKB's own row for 1 January (or 17 August, ...) and the fixed one are one day off.
  for (let year = input.fromYear; year <= input.toYear; year++) for (const d of fixedHolidaysOf(year)) liburNasional.add(d.date);
  const tenantDays = new Map<DateString, 'libur' | 'masuk'>();
  const unitId = input.unitId ?? null;
  // Tenant-wide rows first, then the unit's rows over them: the most specific row wins.
  for (const d of input.tenantDays ?? []) if (d.unitId === null) tenantDays.set(d.date, d.kind);
  if (unitId) for (const d of input.tenantDays ?? []) if (d.unitId === unitId) tenantDays.set(d.date, d.kind);
  return { fromYear: input.fromYear, toYear: input.toYear, liburNasional, cutiBersama, loadedYears, tenantDays };
}

// --- dates ------------------------------------------------------------------------------

/** Days since 1970-01-01 of a valid date string, or null when it is not a real date. */
function toDayNumber(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Refuses 2026-02-30 and the like, which Date.UTC would silently roll over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

function fromDayNumber(n: number): DateString {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isValidDate(date: string): boolean {
  return toDayNumber(date) !== null;
}

function dayNumber(date: DateString, field = 'date'): number {
  const n = toDayNumber(date);
  if (n === null) throw new AppError('VALIDATION', { field }, [{ field }], 'calendar.invalidDate');
  return n;
}

function checkCount(n: number, field: string, max = MAX_DAYS): void {
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new AppError('VALIDATION', { field, max }, [{ field }], 'calendar.tooManyDays');
  }
}

function checkCovered(cal: WorkCalendar, dayNum: number): void {
  const year = new Date(dayNum * DAY_MS).getUTCFullYear();
  if (year < cal.fromYear || year > cal.toYear) {
    // A programming error of the caller (it loaded too few years), not bad user input.
    throw new Error(`date ${fromDayNumber(dayNum)} is outside the loaded calendar ${cal.fromYear}..${cal.toYear}`);
  }
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekday(dayNum: number): number {
  return (((dayNum + 4) % 7) + 7) % 7;
}

function workingByDayNumber(cal: WorkCalendar, dayNum: number): boolean {
  checkCovered(cal, dayNum);
  const date = fromDayNumber(dayNum);
  // 1. A libur nasional is never worked: the decrees close the whole country, and a
  //    'masuk' row cannot reopen it (ADR 0008).
  if (cal.liburNasional.has(date)) return false;
  // 2. The tenant's (or unit's) own row: 'masuk' makes a cuti bersama, a weekend or a
  //    tenant-wide libur a working day; 'libur' closes the day.
  const own = cal.tenantDays.get(date);
  if (own) return own === 'masuk';
  // 3. Cuti bersama, then the weekend.
  if (cal.cutiBersama.has(date)) return false;
  const wd = weekday(dayNum);
  return wd !== 0 && wd !== 6;
}

/**
 * Whether `date` is a working day. Precedence: libur nasional (always off) → the unit's
 * own 'masuk'/'libur' row → the tenant-wide row → cuti bersama (off) → Saturday and
 * Sunday (off) → working.
 */
export function isWorkingDay(cal: WorkCalendar, date: DateString): boolean {
  return workingByDayNumber(cal, dayNumber(date));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DateString, to: DateString): number {
  return dayNumber(to, 'to') - dayNumber(from, 'from');
}

/** `date` plus `n` calendar days (n may be negative; |n| ≤ MAX_DAYS). */
export function addCalendarDays(date: DateString, n: number): DateString {
  checkCount(Math.abs(n), 'days');
  return fromDayNumber(dayNumber(date) + n);
}

/**
 * The n-th working day AFTER `start` (0 ≤ n ≤ MAX_DAYS). The start date itself never
 * counts, whether or not it is a working day: a report received on Saturday with n = 3
 * is due on Wednesday (Mon, Tue, Wed), the same as one received on Friday. With n = 0
 * the start date is returned unchanged.
 */
export function addWorkingDays(cal: WorkCalendar, start: DateString, n: number): DateString {
  checkCount(n, 'days');
  let day = dayNumber(start, 'start');
  let found = 0;
  // Bounded: even a year with every listed day off has far more than 1 working day in
  // 7 + 366; past that the calendar data itself is broken.
  const maxSteps = n * 7 + 366;
  for (let step = 0; found < n; step++) {
    if (step >= maxSteps) throw new Error(`no ${n} working days found within ${maxSteps} days after ${start}`);
    day += 1;
    if (workingByDayNumber(cal, day)) found += 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days after `from` up to and including `to`: the inverse of `addWorkingDays`
 * (workingDaysBetween(cal, s, addWorkingDays(cal, s, n)) === n). Equal dates give 0;
 * `to` before `from` gives the negated count of the reverse range. The span may not
 * exceed MAX_SPAN_DAYS calendar days.
 */
export function workingDaysBetween(cal: WorkCalendar, from: DateString, to: DateString): number {
  const a = dayNumber(from, 'from');
  const b = dayNumber(to, 'to');
  if (b < a) return -workingDaysBetween(cal, to, from);
  checkCount(b - a, 'to', MAX_SPAN_DAYS);
  let count = 0;
  for (let d = a + 1; d <= b; d++) if (workingByDayNumber(cal, d)) count += 1;
  return count;
}

// --- time zones -------------------------------------------------------------------------

/** The local calendar date of an instant in `tz` (e.g. 23:30 WIB is already tomorrow in WITA). */
export function localDate(instant: Date, tz: TimeZone): DateString {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new AppError('VALIDATION', { field: 'start' }, [{ field: 'start' }], 'calendar.invalidInstant');
  return new Date(ms + TZ_OFFSET_MINUTES[tz] * 60_000).toISOString().slice(0, 10);
}

/** The hour (0–23) of an instant on the clock of `tz` (Indonesia keeps no daylight saving). */
export function localHour(instant: Date, tz: TimeZone): number {
  return new Date(instant.getTime() + TZ_OFFSET_MINUTES[tz] * 60_000).getUTCHours();
}

const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Reads a start time: an ISO 8601 instant with a zone ('2026-03-17T10:00:00+08:00', 'Z'),
 * or a plain 'YYYY-MM-DD', taken as the start of that day in `tz`. An instant without a
 * zone is refused: it would silently depend on the server's zone.
 */
export function parseInstant(value: string, tz: TimeZone, field = 'start'): Date {
  // A '+' in a query string arrives as a space unless the caller encoded it as %2B.
  const text = value.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  if (DATE_RE.test(text) && isValidDate(text)) return startOfLocalDay(text, tz);
  const m = INSTANT_RE.exec(text);
  const ms = m && isValidDate(m[1]) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new AppError('VALIDATION', { field }, [{ field }], 'calendar.invalidInstant');
  return new Date(ms);
}

/** The first instant of `date` in `tz` (00:00:00.000 local). */
export function startOfLocalDay(date: DateString, tz: TimeZone): Date {
  return new Date(dayNumber(date) * DAY_MS - TZ_OFFSET_MINUTES[tz] * 60_000);
}

/** The last instant of `date` in `tz` (23:59:59.999 local): a deadline is met until then. */
export function endOfLocalDay(date: DateString, tz: TimeZone): Date {
  return new Date(startOfLocalDay(date, tz).getTime() + DAY_MS - 1);
}

export type DayCounting = 'working' | 'calendar';

export interface Deadline {
  /** Local date on which the deadline falls. */
  dueDate: DateString;
  /** The end of that local day, as an instant. */
  dueAt: Date;
  /**
   * The first year the working-day count reached whose SKB is not loaded, or null when the
   * date is final. Such a date skips weekends, the fixed-date holidays and the tenant's days,
   * but not that year's movable holidays and cuti bersama: it may still move.
   */
  provisionalYear: number | null;
}

/**
 * The first year of the days after `after` up to and including `upTo` that is not loaded,
 * or null (also when the range is empty: nothing was counted).
 */
export function unloadedYearBetween(cal: WorkCalendar, after: DateString, upTo: DateString): number | null {
  if (daysBetween(after, upTo) <= 0) return null;
  const first = Number(addCalendarDays(after, 1).slice(0, 4));
  const last = Number(upTo.slice(0, 4));
  for (let year = first; year <= last; year++) if (!cal.loadedYears.has(year)) return year;
  return null;
}

/**
 * The deadline `n` days after `start` (an instant, e.g. the moment a report was
 * received), in the tenant's time zone.
 *
 * - The day of receipt is the local date of `start` in `tz`, and counting starts the day
 *   after it, as SP4N-LAPOR! counts ("n hari kerja sejak diterima"): a report received
 *   on Saturday, or at 20:00 on Friday, is due after n working days counted from Monday.
 * - 'working': the n-th working day after the day of receipt (`addWorkingDays`).
 * - 'calendar': the day of receipt plus n days; a due date on a weekend or holiday is not
 *   moved (UU 25/2009 counts plain days).
 * - The deadline is met until the end of the due date, local time (`dueAt`).
 * - A working-day count that reaches a year whose SKB is not loaded is provisional
 *   (`provisionalYear`); a calendar-day count never is, holidays do not move it.
 */
export function deadline(cal: WorkCalendar, start: Date, n: number, counting: DayCounting, tz: TimeZone): Deadline {
  const receipt = localDate(start, tz);
  const dueDate = counting === 'working' ? addWorkingDays(cal, receipt, n) : addCalendarDays(receipt, n);
  const provisionalYear = counting === 'working' ? unloadedYearBetween(cal, receipt, dueDate) : null;
  return { dueDate, dueAt: endOfLocalDay(dueDate, tz), provisionalYear };
}

/** How many years a calendar must span from the start year to count `n` days of either kind. */
export function yearsNeeded(n: number): number {
  // A year has well over 200 working days even in the worst holiday years (≈ 240 usual).
  return Math.ceil(Math.max(0, n) / 200) + 1;
}

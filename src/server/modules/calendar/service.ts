/**
 * The working-day calendar: national days off (reference data), a tenant's own days
 * ('libur' / 'masuk', tenant-wide or per unit), and the deadline and working-day answers
 * built on them. Other modules call `loadWorkCalendar` and the pure functions of
 * workdays.ts; see docs/adr/0008-working-day-calendar.md.
 */
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext, TenantRef } from '../../platform/context.js';
import { AppError, PG, pgCode } from '../../platform/errors.js';
import { recordAudit } from '../audit/record.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  type TCreateDayOffBody,
  type TDeadlineQuery,
  type TWorkingDaysQuery,
} from '../../../shared/schemas/calendar.js';
import { fixedHolidaysOf } from './fixed-holidays.js';
import * as repo from './repo.js';
import type { TenantDayRow } from './repo.js';
import {
  MAX_SPAN_DAYS,
  buildWorkCalendar,
  daysBetween,
  deadline,
  isValidDate,
  localDate,
  parseInstant,
  workingDaysBetween,
  yearsNeeded,
  type TimeZone,
  type WorkCalendar,
} from './workdays.js';

// --- loading a calendar, with a short per-process cache ---------------------------------

/**
 * How long a loaded calendar is reused. Writes in this process invalidate at once; another
 * app process sees a change after at most this long (days off are set weeks ahead).
 */
const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 1_000;
const cache = new Map<string, { at: number; db: Executor; cal: WorkCalendar }>();

/** Drops the cached calendars of a tenant (called after each committed write). */
export function invalidateWorkCalendar(tenantId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${tenantId}|`)) cache.delete(key);
}

/** Drops every cached calendar (after a change of the global national days). */
export function invalidateAllWorkCalendars(): void {
  cache.clear();
}

/**
 * The working-day calendar of a tenant — or of one of its service units, whose own
 * 'masuk'/'libur' days then apply — for the years `fromYear..toYear` inclusive.
 * Cached per process for a few seconds (not inside a transaction, whose view may differ).
 */
export async function loadWorkCalendar(
  db: Executor,
  tenantId: string,
  opts: { unitId?: string | null; fromYear: number; toYear: number },
): Promise<WorkCalendar> {
  const unitId = opts.unitId ?? null;
  const key = `${tenantId}|${unitId ?? '-'}|${opts.fromYear}|${opts.toYear}`;
  const useCache = !db.isTransaction;
  const hit = useCache ? cache.get(key) : undefined;
  if (hit && hit.db === db && Date.now() - hit.at < CACHE_TTL_MS) return hit.cal;

  const from = `${String(opts.fromYear).padStart(4, '0')}-01-01`;
  const to = `${String(opts.toYear).padStart(4, '0')}-12-31`;
  const [national, days] = await Promise.all([
    repo.listNationalDays(db, from, to, { tenantId }),
    repo.listTenantDays(db, tenantId, from, to, { unitId }),
  ]);
  const cal = buildWorkCalendar({
    fromYear: opts.fromYear,
    toYear: opts.toYear,
    national,
    tenantDays: days.map((d) => ({ date: d.date, kind: d.kind, unitId: d.unit_id, name: d.name })),
    unitId,
  });
  if (useCache) {
    if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
    cache.set(key, { at: Date.now(), db, cal });
  }
  return cal;
}

/**
 * Gives calendar field errors (`details: [{ field }]`, thrown by workdays.ts, which knows
 * no language) their message in the caller's language, as validation errors have, so the
 * web client can show it beside the field.
 */
async function withFieldMessages<T>(locale: Locale, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.messageKey && Array.isArray(err.details)) {
      const message = t(locale, err.messageKey, err.params);
      const details = (err.details as Array<Record<string, unknown>>).map((d) => ({ ...d, message: d.message ?? message }));
      throw new AppError(err.code, err.params, details, err.messageKey);
    }
    throw err;
  }
}

// --- reads --------------------------------------------------------------------------------

/** The current year in the tenant's time zone (the default of `?year=`). */
export function currentYear(tz: TimeZone, now = new Date()): number {
  return Number(localDate(now, tz).slice(0, 4));
}

/** Where a national day comes from: the fixed-date list (every year), a global SKB row, or the tenant's own import. */
export type NationalDaySource = 'law' | 'national' | 'tenant';

/**
 * The national days of a year as the tenant sees them: the global rows, its own imported
 * rows (a day both have is listed once), and the fixed-date holidays that no row lists
 * (in a year not loaded yet, those are all the national days known).
 */
export async function listNational(db: Executor, tenantId: string, year: number) {
  const rows = await repo.listNationalDays(db, `${year}-01-01`, `${year}-12-31`, { tenantId });
  const seen = new Set<string>();
  const out: Array<{ date: string; kind: 'libur_nasional' | 'cuti_bersama'; name: string; legal_source: string; source: NationalDaySource }> = [];
  for (const r of rows) {
    const key = `${r.date}|${r.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ date: r.date, kind: r.kind, name: r.name, legal_source: r.legal_source, source: r.tenant_id ? 'tenant' : 'national' });
  }
  for (const f of fixedHolidaysOf(year)) {
    if (!seen.has(`${f.date}|libur_nasional`)) out.push({ date: f.date, kind: f.kind, name: f.name, legal_source: f.legalSource, source: 'law' });
  }
  return out.sort((a, b) => (a.date === b.date ? a.kind.localeCompare(b.kind) : a.date < b.date ? -1 : 1));
}

/**
 * The loaded years between two years for a tenant (global rows or its own), read from the
 * database without the cache: for decisions another process may have just changed.
 */
export function loadedYearsOf(db: Executor, tenantId: string, fromYear: number, toYear: number): Promise<Set<number>> {
  return repo.loadedYears(db, fromYear, toYear, { tenantId });
}

export async function listDaysOff(db: Executor, tenantId: string, year: number) {
  return repo.listTenantDays(db, tenantId, `${year}-01-01`, `${year}-12-31`, { allUnits: true });
}

async function requireUnit(db: Executor, tenantId: string, unitId: string): Promise<void> {
  if (!(await repo.findUnit(db, tenantId, unitId))) {
    throw new AppError('INVALID_REFERENCE', { field: 'unitId' }, [{ field: 'unitId' }], 'calendar.unknownUnit');
  }
}

function checkYear(year: number): void {
  if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new AppError('VALIDATION', { min: CALENDAR_MIN_YEAR, max: CALENDAR_MAX_YEAR }, [{ field: 'year' }], 'calendar.yearOutOfRange');
  }
}

function checkDate(date: string, field: string): void {
  if (!isValidDate(date)) throw new AppError('VALIDATION', { field }, [{ field }], 'calendar.invalidDate');
  checkYear(Number(date.slice(0, 4)));
}

/** GET /calendar/deadline: the due date `days` after `start`, in the tenant's time zone. */
export async function computeDeadline(db: Executor, ctx: RequestContext, tenant: TenantRef, q: TDeadlineQuery) {
  return withFieldMessages(ctx.locale, () => deadlineOf(db, tenant, q));
}

async function deadlineOf(db: Executor, tenant: TenantRef, q: TDeadlineQuery) {
  const tz = tenant.timezone;
  const start = parseInstant(q.start, tz);
  const startYear = Number(localDate(start, tz).slice(0, 4));
  checkYear(startYear);
  if (q.unitId) await requireUnit(db, tenant.id, q.unitId);
  const cal = await loadWorkCalendar(db, tenant.id, { unitId: q.unitId, fromYear: startYear, toYear: startYear + yearsNeeded(q.days) });
  const due = deadline(cal, start, q.days, q.unit ?? 'working', tz);
  return { start: start.toISOString(), days: q.days, dueDate: due.dueDate, dueAt: due.dueAt.toISOString() };
}

/** GET /calendar/working-days: working days after `from` up to and including `to`. */
export async function countWorkingDays(db: Executor, ctx: RequestContext, tenant: TenantRef, q: TWorkingDaysQuery) {
  return withFieldMessages(ctx.locale, () => workingDaysOf(db, tenant, q));
}

async function workingDaysOf(db: Executor, tenant: TenantRef, q: TWorkingDaysQuery) {
  checkDate(q.from, 'from');
  checkDate(q.to, 'to');
  // Refuse a huge span before loading years of data for it.
  if (Math.abs(daysBetween(q.from, q.to)) > MAX_SPAN_DAYS) {
    throw new AppError('VALIDATION', { field: 'to', max: MAX_SPAN_DAYS }, [{ field: 'to' }], 'calendar.tooManyDays');
  }
  if (q.unitId) await requireUnit(db, tenant.id, q.unitId);
  const years = [Number(q.from.slice(0, 4)), Number(q.to.slice(0, 4))];
  const cal = await loadWorkCalendar(db, tenant.id, { unitId: q.unitId, fromYear: Math.min(...years), toYear: Math.max(...years) });
  return { count: workingDaysBetween(cal, q.from, q.to) };
}

// --- writes -------------------------------------------------------------------------------

function auditShape(row: TenantDayRow) {
  return { date: row.date, kind: row.kind, unit_id: row.unit_id, name: row.name, legal_source: row.legal_source };
}

function duplicate(date: string) {
  return new AppError('DUPLICATE', { field: 'date', date }, [{ field: 'date' }], 'calendar.duplicateDay');
}

/** Adds a tenant day ('libur' or 'masuk'), tenant-wide or for one unit. Audited. */
export async function createDayOff(db: Db, ctx: RequestContext, tenantId: string, input: TCreateDayOffBody): Promise<TenantDayRow> {
  return withFieldMessages(ctx.locale, () => insertDayOff(db, ctx, tenantId, input));
}

async function insertDayOff(db: Db, ctx: RequestContext, tenantId: string, input: TCreateDayOffBody): Promise<TenantDayRow> {
  checkDate(input.date, 'date');
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION', { field: 'name' }, [{ field: 'name' }], 'validation.required');
  const legalSource = input.legalSource?.trim() || null;
  const unitId = input.unitId ?? null;
  try {
    return await db.transaction().execute(async (tx) => {
      if (unitId) await requireUnit(tx, tenantId, unitId);
      if (input.kind === 'masuk') {
        // ADR 0008: a libur nasional closes the whole country; only cuti bersama, weekends
        // and the tenant's own libur days can be worked.
        const fixed = fixedHolidaysOf(Number(input.date.slice(0, 4))).find((f) => f.date === input.date);
        const holiday = fixed ?? (await repo.findLiburNasional(tx, tenantId, input.date));
        if (holiday) {
          throw new AppError('VALIDATION', { date: input.date, name: holiday.name }, [{ field: 'date' }], 'calendar.masukOnNationalHoliday');
        }
      }
      if (await repo.findTenantDayAt(tx, tenantId, input.date, unitId)) throw duplicate(input.date);
      let id: string;
      try {
        ({ id } = await repo.insertTenantDay(tx, { tenant_id: tenantId, date: input.date, kind: input.kind, unit_id: unitId, name, legal_source: legalSource }));
      } catch (err) {
        // Two admins adding the same day at once: the unique index decides.
        if (pgCode(err) === PG.UNIQUE_VIOLATION) throw duplicate(input.date);
        throw err;
      }
      const row = (await repo.findTenantDay(tx, tenantId, id))!;
      await recordAudit(tx, ctx, tenantId, { action: 'calendar.day.create', entityType: 'tenant_day_off', entityId: id, after: auditShape(row) });
      return row;
    });
  } finally {
    // After the commit (or rollback): a read in between would otherwise cache stale data.
    invalidateWorkCalendar(tenantId);
  }
}

/** Removes a tenant day. Audited; 404 for an unknown id or another tenant's. */
export async function deleteDayOff(db: Db, ctx: RequestContext, tenantId: string, id: string): Promise<void> {
  try {
    await db.transaction().execute(async (tx) => {
      const row = await repo.findTenantDay(tx, tenantId, id);
      if (!row || !(await repo.deleteTenantDay(tx, tenantId, id))) throw new AppError('NOT_FOUND');
      await recordAudit(tx, ctx, tenantId, { action: 'calendar.day.delete', entityType: 'tenant_day_off', entityId: id, before: auditShape(row) });
    });
  } finally {
    invalidateWorkCalendar(tenantId);
  }
}

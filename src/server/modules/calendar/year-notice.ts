/**
 * Next year's national days off, before they are needed: from 1 October on the tenant's
 * own clock, while next year's SKB is not loaded for the tenant, the calendar page shows a
 * notice with the import form one click away (GET /calendar/status), and the daily job
 * `calendar.next-year-notice` e-mails each of the tenant's admins once per year (outbox,
 * dedupe key per tenant, year and admin). See docs/adr/0025-calendar-year-end.md.
 */
import type { Db, Executor } from '../../db/index.js';
import type { TCalendarStatus } from '../../../shared/schemas/calendar.js';
import { recipients } from '../auth/repo.js';
import { enqueueNotification } from '../notifications/service.js';
import * as repo from './repo.js';
import { localDate, type TimeZone } from './workdays.js';

/**
 * The day of the year (month-day, local) from which a missing next year is announced. The
 * SKB of three ministers is usually signed between September and December of the year
 * before (ADR 0008): by October it is worth looking for, and a working-day deadline of the
 * local SOP tiers (up to 60 hari kerja) started then already reaches into January.
 */
export const NOTICE_FROM_MONTH_DAY = '10-01';

/** The notice state for a local date, given the years loaded for the tenant (pure). */
export function yearStatus(today: string, loaded: ReadonlySet<number>): TCalendarStatus {
  const year = Number(today.slice(0, 4));
  const noticeFrom = `${today.slice(0, 4)}-${NOTICE_FROM_MONTH_DAY}`;
  const nextYearLoaded = loaded.has(year + 1);
  return { today, year, yearLoaded: loaded.has(year), nextYear: year + 1, nextYearLoaded, noticeFrom, showNotice: today >= noticeFrom && !nextYearLoaded };
}

/**
 * GET /calendar/status. Read without the calendar cache: right after an import the page
 * asks again, and the answer must already count it.
 */
export async function calendarStatus(db: Executor, tenant: { id: string; timezone: TimeZone }, now = new Date()): Promise<TCalendarStatus> {
  const today = localDate(now, tenant.timezone);
  const year = Number(today.slice(0, 4));
  return yearStatus(today, await repo.loadedYears(db, year, year + 1, { tenantId: tenant.id }));
}

export interface NoticeResult {
  tenants: number;
  /** Tenants that were due a notice (from 1 October, next year not loaded). */
  due: number;
  /** Messages enqueued by this run (not counting ones enqueued before). */
  enqueued: number;
}

/** The daily job's work: one e-mail per admin of each tenant due a notice, once per year. */
export async function sendNextYearNotices(db: Db, opts: { now?: Date; tenantId?: string } = {}): Promise<NoticeResult> {
  const now = opts.now ?? new Date();
  const result: NoticeResult = { tenants: 0, due: 0, enqueued: 0 };
  for (const tenant of await repo.tenantsForNotice(db, opts.tenantId ?? null)) {
    result.tenants++;
    const status = await calendarStatus(db, { id: tenant.id, timezone: tenant.timezone as TimeZone }, now);
    if (!status.showNotice) continue;
    result.due++;
    // One transaction per tenant: its admins are told together or not at all.
    await db.transaction().execute(async (tx) => {
      for (const admin of await recipients(tx, tenant.id, { roles: ['admin'] })) {
        const { created } = await enqueueNotification(tx, {
          tenantId: tenant.id,
          channel: 'email',
          recipient: admin.email,
          template: 'calendar.next_year_missing',
          locale: admin.locale,
          params: { year: status.nextYear },
          // Once per tenant, year and admin, however often the job runs until the year is loaded.
          dedupeKey: `calendar.next_year_missing:${tenant.id}:${status.nextYear}:${admin.user_id}`,
          related: { type: 'calendar', id: String(status.nextYear) },
        });
        if (created) result.enqueued++;
      }
    });
  }
  return result;
}

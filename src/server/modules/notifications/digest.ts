/**
 * The daily digest: instead of a flood of single messages, each OPD head (an active user
 * with role kepala_opd of that OPD) gets one e-mail a day listing the OPD's overdue,
 * due-soon and new cases. Nothing to report → no message. The digest goes through the
 * outbox like any message; its dedupe key (OPD, user, tenant-local date) makes a second
 * run on the same day a no-op.
 */
import type { Db } from '../../db/index.js';
import { localDate, localHour, type TimeZone } from '../calendar/workdays.js';
import * as repo from './repo.js';
import { enqueueNotification } from './service.js';
import type { DigestBucket } from './templates.js';

export const DIGEST_DEFAULTS = {
  /** "Due soon": the deadline falls within this many hours. */
  dueSoonHours: 48,
  /** "New": routed to the OPD within this many hours (one day, plus slack for the schedule). */
  newHours: 24,
  /** Cases listed per section (the counts are complete). */
  perBucket: 10,
};

/**
 * The job runs hourly and sends a tenant's digests at the first run from this hour of the
 * tenant's own clock (07:00 WIB, WITA or WIT: before the working day starts), or later
 * that day if the app was down then; the dedupe key keeps it to one a day.
 */
export const DIGEST_SEND_HOUR = 7;

export interface DigestResult {
  tenants: number;
  /** Digests enqueued (not counting ones already enqueued today). */
  enqueued: number;
  /** Tenants whose local clock has not reached `fromLocalHour` yet today. */
  notYet: number;
  /** OPD heads with nothing to report. */
  skipped: number;
}

export async function enqueueDailyDigests(
  db: Db,
  opts: Partial<typeof DIGEST_DEFAULTS> & {
    now?: Date;
    /** Only this tenant (tests, CLI); the job does all. */
    tenantId?: string;
    /** Only tenants whose local time is at or past this hour (the hourly job); any hour when absent. */
    fromLocalHour?: number;
  } = {},
): Promise<DigestResult> {
  const o = { ...DIGEST_DEFAULTS, ...opts };
  const now = opts.now ?? new Date();
  const result: DigestResult = { tenants: 0, enqueued: 0, skipped: 0, notYet: 0 };
  for (const tenant of await repo.tenantsWithOpdHeads(db, opts.tenantId ?? null)) {
    result.tenants++;
    if (opts.fromLocalHour !== undefined && localHour(now, tenant.timezone as TimeZone) < opts.fromLocalHour) {
      result.notYet++;
      continue;
    }
    const heads = await repo.opdHeads(db, tenant.id);
    const opdIds = [...new Set(heads.map((h) => h.opdId))];
    const cases = await repo.digestCases(db, { tenantId: tenant.id, opdIds, dueSoonHours: o.dueSoonHours, newHours: o.newHours, perBucket: o.perBucket });
    const byOpd = new Map<string, repo.DigestCase[]>();
    for (const c of cases) byOpd.set(c.opd_id, [...(byOpd.get(c.opd_id) ?? []), c]);
    const date = localDate(now, tenant.timezone as TimeZone);
    // One transaction per tenant: a tenant's digests are enqueued together or not at all.
    await db.transaction().execute(async (tx) => {
      for (const head of heads) {
        const rows = byOpd.get(head.opdId) ?? [];
        if (!rows.length) {
          result.skipped++;
          continue;
        }
        const total = (b: DigestBucket) => rows.find((r) => r.bucket === b)?.total ?? 0;
        const { created } = await enqueueNotification(tx, {
          tenantId: tenant.id,
          channel: 'email',
          recipient: head.email,
          template: 'opd.daily_digest',
          locale: head.locale,
          params: {
            opdName: head.opdName,
            date,
            counts: { new: total('new'), dueSoon: total('due_soon'), overdue: total('overdue') },
            items: rows.map((r) => ({ trackingCode: r.tracking_code, title: r.title, dueAt: r.due_at, bucket: r.bucket })),
          },
          dedupeKey: `opd.daily_digest:${head.opdId}:${head.userId}:${date}`,
          related: { type: 'opd', id: head.opdId },
        });
        if (created) result.enqueued++;
      }
    });
  }
  return result;
}

/**
 * Public statistics (GET /public/stats): per OPD and per kecamatan, counts by status and the
 * on-time rate of finished reports. Counts only — no titles, no rahasia details, no personal
 * data — so rahasia reports are counted like any other without revealing anything about them.
 */
import type { Executor } from '../../db/index.js';
import type { TenantRef } from '../../platform/context.js';
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import type { TStatsResponse } from '../../../shared/schemas/complaints-staff.js';
import { startOfLocalDay } from '../calendar/workdays.js';
import * as inboxRepo from './inbox-repo.js';

type Row = TStatsResponse['perOpd'][number];

function fold(rows: inboxRepo.StatsGroupRow[], names: Map<string, string>, unassigned: string): Row[] {
  const by = new Map<string, Row>();
  for (const r of rows) {
    const id = r.key ?? '';
    const g = by.get(id) ?? { id: r.key, name: (r.key && names.get(r.key)) || unassigned, total: 0, byStatus: {}, finished: 0, onTime: 0, onTimeRate: null };
    g.total += r.n;
    g.byStatus[r.status] = (g.byStatus[r.status] ?? 0) + r.n;
    g.finished += r.finished;
    g.onTime += r.on_time;
    by.set(id, g);
  }
  return [...by.values()]
    .map((g) => ({ ...g, onTimeRate: g.finished ? Math.round((g.onTime / g.finished) * 1000) / 1000 : null }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

export async function publicStats(db: Executor, tenant: TenantRef, locale: Locale, q: { year?: number }): Promise<TStatsResponse> {
  const range = q.year
    ? { from: startOfLocalDay(`${q.year}-01-01`, tenant.timezone), before: startOfLocalDay(`${q.year + 1}-01-01`, tenant.timezone) }
    : {};
  const [perOpd, perKec, totals, opds, kecs] = await Promise.all([
    inboxRepo.statsBy(db, tenant.id, 'opd', range),
    inboxRepo.statsBy(db, tenant.id, 'kecamatan', range),
    inboxRepo.statsTotals(db, tenant.id, range),
    inboxRepo.opdNames(db, tenant.id),
    inboxRepo.kecamatanNames(db, tenant.id),
  ]);
  const unassigned = t(locale, 'complaintsStaff.stats.unassigned' as MessageKey);
  const byStatus: Record<string, number> = {};
  let total = 0;
  for (const r of totals) {
    byStatus[r.status] = r.n;
    total += r.n;
  }
  return {
    total,
    byStatus,
    perOpd: fold(perOpd, new Map(opds.map((o) => [o.id, o.name])), unassigned),
    perKecamatan: fold(perKec, new Map(kecs.map((k) => [k.code, k.name])), unassigned),
  };
}

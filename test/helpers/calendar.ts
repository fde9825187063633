/**
 * Calendar test helpers: the national days exactly as the seed migration writes them,
 * so unit tests compute against the data the product ships, not a copy of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../../src/server/db/migrate.js';
import { buildWorkCalendar, type NationalDayOff, type TenantDay, type WorkCalendar } from '../../src/server/modules/calendar/workdays.js';

export const NATIONAL_SEED_FILE = path.join(MIGRATIONS_DIR, '20261122_0200_calendar_national_days.sql');

export interface SeededDay extends NationalDayOff {
  legalSource: string;
}

/** Rows of the seed migration's INSERT, parsed from its SQL text. */
export function seededNationalDays(): SeededDay[] {
  const sqlText = fs.readFileSync(NATIONAL_SEED_FILE, 'utf8');
  const lit = "'((?:[^']|'')*)'";
  const re = new RegExp(`\\(${lit}, ${lit}, ${lit}, ${lit}\\)`, 'g');
  const unq = (s: string) => s.replace(/''/g, "'");
  return [...sqlText.matchAll(re)].map((m) => ({
    date: m[1],
    kind: m[2] as SeededDay['kind'],
    name: unq(m[3]),
    legalSource: unq(m[4]),
  }));
}

/** The seeded 2025–2026 calendar, with optional tenant days, for one unit or the tenant. */
export function seededCalendar(opts: { tenantDays?: TenantDay[]; unitId?: string | null; fromYear?: number; toYear?: number } = {}): WorkCalendar {
  return buildWorkCalendar({
    fromYear: opts.fromYear ?? 2025,
    toYear: opts.toYear ?? 2026,
    national: seededNationalDays(),
    tenantDays: opts.tenantDays,
    unitId: opts.unitId,
  });
}

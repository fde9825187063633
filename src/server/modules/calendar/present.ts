/** Calendar rows → API shapes (shared/schemas/calendar.ts). */
import type { TDayOff, TNationalDay } from '../../../shared/schemas/calendar.js';
import type { TenantDayRow } from './repo.js';

export function presentNationalDay(row: {
  date: string;
  kind: 'libur_nasional' | 'cuti_bersama';
  name: string;
  legal_source: string;
  source: TNationalDay['source'];
}): TNationalDay {
  return { date: row.date, kind: row.kind, name: row.name, legalSource: row.legal_source, source: row.source };
}

export function presentDayOff(row: TenantDayRow): TDayOff {
  return {
    id: row.id,
    date: row.date,
    kind: row.kind,
    unitId: row.unit_id,
    unitName: row.unit_name ?? null,
    name: row.name,
    legalSource: row.legal_source,
  };
}

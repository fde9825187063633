import type { ColumnType, Generated } from 'kysely';

/** 'YYYY-MM-DD': a calendar date, no time zone. */
export type DateString = string;

export interface NationalDayOffTable {
  date: DateString;
  kind: 'libur_nasional' | 'cuti_bersama';
  name: string;
  legal_source: string;
}

export interface TenantDayOffTable {
  tenant_id: string;
  id: Generated<string>;
  date: DateString;
  kind: 'libur' | 'masuk';
  unit_id: string | null;
  name: string;
  legal_source: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface CalendarTables {
  national_day_off: NationalDayOffTable;
  tenant_day_off: TenantDayOffTable;
}

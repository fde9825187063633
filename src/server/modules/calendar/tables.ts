import type { ColumnType, Generated } from 'kysely';

/** 'YYYY-MM-DD': a calendar date, no time zone. */
export type DateString = string;

/**
 * Libur nasional and cuti bersama. Global rows (tenant_id null) are shipped by migrations or
 * imported by a superadmin; a tenant admin's import carries the tenant's id and counts for
 * that tenant only (migration 20261208_0210).
 */
export interface NationalDayOffTable {
  date: DateString;
  kind: 'libur_nasional' | 'cuti_bersama';
  name: string;
  legal_source: string;
  tenant_id: string | null;
  created_at: ColumnType<Date, never, never>;
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

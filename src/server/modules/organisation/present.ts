/** Rows → API shapes of the organisation module (src/shared/schemas/organisation.ts). */
import type { Selectable } from 'kysely';
import type { TOpd, TRegion, TService, TTenant, TUnit } from '../../../shared/schemas/organisation.js';
import type { OpdTable, RegionLevel, TenantTable } from './tables.js';
import type { ServiceRow, UnitRow } from './repo.js';

export function presentTenant(row: Selectable<TenantTable>): TTenant {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    timezone: row.timezone,
    slug: row.slug,
    hostnames: row.hostnames ?? [],
    isDemo: row.is_demo,
  };
}

export function presentRegion(row: { code: string; parent_code: string | null; level: RegionLevel; name: string }): TRegion {
  return { code: row.code, parentCode: row.parent_code, level: row.level, name: row.name };
}

export function presentOpd(row: Selectable<OpdTable>): TOpd {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    type: row.type,
    headName: row.head_name,
    headTitle: row.head_title,
    regionCode: row.region_code,
    isActive: row.is_active,
  };
}

export function presentUnit(row: UnitRow): TUnit {
  return {
    id: row.id,
    opdId: row.opd_id,
    opdName: row.opd_name,
    name: row.name,
    address: row.address,
    regionCode: row.region_code,
    isActive: row.is_active,
  };
}

export function presentService(row: ServiceRow): TService {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    opdId: row.opd_id,
    name: row.name,
    description: row.description,
    isActive: row.is_active,
  };
}

/** What the audit trail keeps of a row: its columns, minus timestamps that add nothing. */
export function auditShape(row: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!row) return null;
  const { created_at: _c, updated_at: _u, ...rest } = row;
  return rest;
}

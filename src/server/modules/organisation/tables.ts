import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

export type TenantLevel = 'provinsi' | 'kabupaten' | 'kota';
export type TenantTimezone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
export type OpdType =
  | 'dinas' | 'badan' | 'kecamatan' | 'kelurahan' | 'rsud' | 'puskesmas'
  | 'sekretariat' | 'inspektorat' | 'bagian' | 'kantor' | 'lainnya';
/** Region levels; kabupaten/kota rows exist only in province tenants (migration 0300). */
export type RegionLevel = 'kabupaten' | 'kota' | 'kecamatan' | 'desa' | 'kelurahan';

export interface TenantTable {
  id: Generated<string>;
  code: string;
  name: string;
  level: TenantLevel;
  timezone: TenantTimezone;
  slug: string;
  hostnames: ColumnType<string[], string[] | undefined, string[]>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RegionTable {
  tenant_id: string;
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  name: string;
}

export interface OpdTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  short_name: string;
  type: OpdType;
  head_name: string | null;
  head_title: string | null;
  region_code: string | null;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ServiceUnitTable {
  tenant_id: string;
  id: Generated<string>;
  opd_id: string;
  name: string;
  address: string | null;
  region_code: string | null;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ServiceTable {
  tenant_id: string;
  id: Generated<string>;
  unit_id: string;
  name: string;
  description: string | null;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OrganisationTables {
  tenant: TenantTable;
  region: RegionTable;
  opd: OpdTable;
  service_unit: ServiceUnitTable;
  service: ServiceTable;
}

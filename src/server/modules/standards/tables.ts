/** Kysely table types of the standards module (migration 20261122_3000_standards.sql). */
import type { ColumnType, Generated } from 'kysely';
import type { MaklumatStatus, StandardStatus, TComponents } from '../../../shared/schemas/standards.js';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;
type Json<T> = ColumnType<T, string, string>;
type Ts = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface StandardSettingTable {
  tenant_id: string;
  review_interval_months: Generated<number>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface ServiceStandardTable {
  tenant_id: string;
  id: Generated<string>;
  service_id: string;
  version: number;
  status: ColumnType<StandardStatus, StandardStatus | undefined, StandardStatus>;
  components: Json<TComponents>;
  consultation_start: Ts;
  consultation_end: Ts;
  decree_number: string | null;
  decree_date: ColumnType<string | null, string | null | undefined, string | null>;
  decree_signer: string | null;
  signed_pdf: Buffer | null;
  signed_pdf_name: string | null;
  signed_pdf_sha256: string | null;
  flow_image: Buffer | null;
  flow_image_type: string | null;
  established_at: Ts;
  published_at: Ts;
  review_due_at: Ts;
  review_started_at: Ts;
  review_completed_at: Ts;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface StandardCommentTable {
  tenant_id: string;
  id: Generated<string>;
  standard_id: string;
  author_name: string | null;
  body: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: Ts;
  created_at: CreatedAt;
}

export interface UnitMaklumatTable {
  tenant_id: string;
  id: Generated<string>;
  unit_id: string;
  version: number;
  status: ColumnType<MaklumatStatus, MaklumatStatus | undefined, MaklumatStatus>;
  body: string;
  signer_name: string | null;
  signer_title: string | null;
  established_at: Ts;
  published_at: Ts;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface StandardsTables {
  standard_setting: StandardSettingTable;
  service_standard: ServiceStandardTable;
  standard_comment: StandardCommentTable;
  unit_maklumat: UnitMaklumatTable;
}

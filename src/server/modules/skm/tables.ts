/** Kysely table types of the SKM module (migration 20261122_2000_skm.sql). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;
/** bigint columns come back as strings from node-postgres and as numbers/bigints from PGlite. */
type Big = ColumnType<string | number | bigint, number | string | bigint, number | string | bigint>;

export type SkmPeriodKind = 'year' | 'semester' | 'quarter' | 'month';
export type SkmSource = 'online' | 'kiosk' | 'paper';
export type SkmFollowupStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';
export type SkmChannel = 'website' | 'media_sosial' | 'papan_pengumuman' | 'media_cetak' | 'forum' | 'lainnya';

export interface SkmQuestionnaireTable {
  tenant_id: string;
  id: Generated<string>;
  version: number;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SkmUnsurTable {
  tenant_id: string;
  questionnaire_id: string;
  key: string;
  position: number;
  name: string;
  options: string[];
  weight_num: Big;
  weight_den: Big;
}

export interface SkmPeriodTable {
  tenant_id: string;
  id: Generated<string>;
  unit_id: string;
  kind: SkmPeriodKind;
  year: number;
  part: number | null;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  population: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SkmCounterTable {
  tenant_id: string;
  id: Generated<string>;
  unit_id: string;
  code: string;
  name: string;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SkmImportTable {
  tenant_id: string;
  id: Generated<string>;
  period_id: string;
  filename: string;
  rows: number;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SkmResponseTable {
  tenant_id: string;
  id: Generated<string>;
  client_id: string;
  unit_id: string;
  counter_id: string | null;
  officer_code: string | null;
  questionnaire_id: string;
  answers: JSONColumnType<Record<string, number>, string, string>;
  sex: 'L' | 'P' | null;
  age: number | null;
  age_band: string | null;
  education: string | null;
  occupation: string | null;
  service_id: string | null;
  answered_at: ColumnType<Date, Date | string, Date | string>;
  answered_on: ColumnType<string, string, string>;
  month: ColumnType<string, string, string>;
  time_slot: string;
  suggestion: string | null;
  source: SkmSource;
  import_id: string | null;
  fingerprint: string | null;
  answers_hash: string;
  flagged: Generated<boolean>;
  flag_reason: 'repeat' | 'burst' | null;
  excluded: Generated<boolean>;
  excluded_reason: string | null;
  excluded_by: string | null;
  excluded_at: Date | null;
  /** true once the row is in the aggregates (skm.fold job, or a paper import / the demo in its own transaction). */
  folded: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SkmAggUnsurTable {
  tenant_id: string;
  unit_id: string;
  month: ColumnType<string, string, string>;
  questionnaire_id: string;
  unsur_key: string;
  shard: Generated<number>;
  sum: Big;
  count: Big;
}

export interface SkmAggRespondentTable {
  tenant_id: string;
  unit_id: string;
  month: ColumnType<string, string, string>;
  questionnaire_id: string;
  respondents: Big;
  excluded: Big;
  flagged: Big;
  shard: Generated<number>;
}

export interface SkmAggProfileTable {
  tenant_id: string;
  unit_id: string;
  month: ColumnType<string, string, string>;
  questionnaire_id: string;
  dimension: 'sex' | 'age_band' | 'education' | 'occupation';
  /** '' = not stated */
  value: string;
  unsur_key: string;
  sum: Big;
  count: Big;
}

export interface SkmFollowupTable {
  tenant_id: string;
  id: Generated<string>;
  period_id: string;
  unsur_key: string;
  action: string;
  owner: string;
  due_on: ColumnType<string, string, string>;
  status: Generated<SkmFollowupStatus>;
  evidence_note: string | null;
  done_on: ColumnType<string | null, string | null, string | null>;
  reminded_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SkmFollowupEvidenceTable {
  tenant_id: string;
  id: Generated<string>;
  followup_id: string;
  filename: string;
  content_type: string;
  size: number;
  data: Uint8Array;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SkmPublicationTable {
  tenant_id: string;
  id: Generated<string>;
  period_id: string;
  channel: SkmChannel;
  published_on: ColumnType<string, string, string>;
  url: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SkmTables {
  skm_questionnaire: SkmQuestionnaireTable;
  skm_unsur: SkmUnsurTable;
  skm_period: SkmPeriodTable;
  skm_counter: SkmCounterTable;
  skm_import: SkmImportTable;
  skm_response: SkmResponseTable;
  skm_agg_unsur: SkmAggUnsurTable;
  skm_agg_respondent: SkmAggRespondentTable;
  skm_agg_profile: SkmAggProfileTable;
  skm_followup: SkmFollowupTable;
  skm_followup_evidence: SkmFollowupEvidenceTable;
  skm_publication: SkmPublicationTable;
}

import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { ComplaintStatus, DeadlineStage, RuleStage } from './state-machine.js';

export type ComplaintKind = 'pengaduan' | 'aspirasi' | 'permintaan_informasi';
export type ComplaintChannel = 'web' | 'api' | 'open311' | 'walk_in' | 'phone' | 'whatsapp' | 'sms' | 'letter' | 'outreach' | 'email';

export interface ComplaintCategoryTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  description: string | null;
  service_id: string | null;
  is_active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface RoutingRuleTable {
  tenant_id: string;
  id: Generated<string>;
  category_id: string;
  region_code: string | null;
  opd_id: string;
  created_at: ColumnType<Date, never, never>;
}

export interface DeadlineRuleTable {
  tenant_id: string;
  id: Generated<string>;
  /** A report's stage, or an escalation step (migration 20261208_1010). */
  stage: RuleStage;
  kind: ComplaintKind | null;
  category_id: string | null;
  days: number;
  day_type: 'working' | 'calendar';
  legal_source: string;
  valid_from: string;
  created_at: ColumnType<Date, never, never>;
}

export interface ComplaintTable {
  tenant_id: string;
  id: Generated<string>;
  tracking_code: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  title: string;
  description: string;
  category_id: string | null;
  region_code: string | null;
  latitude: number | null;
  longitude: number | null;
  address_text: string | null;
  event_date: string | null;
  is_anonymous: Generated<boolean>;
  is_confidential: Generated<boolean>;
  status: Generated<ComplaintStatus>;
  opd_id: string | null;
  due_at: Date | null;
  due_stage: DeadlineStage | null;
  /** When the running stage started: the origin its deadline is counted from (migration 20261208_1020). */
  due_from: Date | null;
  /** The deadline rule version of due_at; null: the stage's DOMAIN.md default. */
  due_rule_id: string | null;
  /** The first year the working-day count reached whose SKB was not loaded; null: due_at is final. */
  due_provisional_year: number | null;
  escalation_level: Generated<number>;
  escalated_at: Date | null;
  /** When the next escalation level is due if the case stays untouched (null: nothing to climb). */
  escalation_due_at: Date | null;
  /** The rule version and provisional year of escalation_due_at (counted from escalated_at; ADR 0025). */
  escalation_rule_id: string | null;
  escalation_provisional_year: number | null;
  reminded_for_due: Date | null;
  merged_into_id: string | null;
  reporter_count: Generated<number>;
  rating: number | null;
  rating_comment: string | null;
  idempotency_key: string | null;
  created_by: string | null;
  received_at: Generated<Date>;
  routed_at: Date | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  /** When the desk declared the file complete (verify, or route without verify): the completion clock starts. */
  file_complete_at: Date | null;
  /** The completion deadline (UU 25/2009: 60 days after the file is complete; restarted by a dispute). */
  completion_due_at: Date | null;
  /** The completion clock's origin, rule version and provisional year (ADR 0025), copied to due_* when the resolution stage starts. */
  completion_from: Date | null;
  completion_rule_id: string | null;
  completion_provisional_year: number | null;
  updated_at: Generated<Date>;
  search: ColumnType<string, never, never>;
}

export interface ComplaintReporterTable {
  tenant_id: string;
  id: Generated<string>;
  complaint_id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  user_id: string | null;
  locale: Generated<'id' | 'en'>;
  wants_updates: Generated<boolean>;
  original_complaint_id: string | null;
  /** This reporter asked to stay anonim (kept when their report is merged into another). */
  is_anonymous: Generated<boolean>;
  created_at: Generated<Date>;
}

/** One random secret per tenant, the key of every reporter key (reporter-key.ts, ADR 0027). */
export interface ReporterKeySecretTable {
  tenant_id: string;
  secret: Buffer;
  created_at: Generated<Date>;
}

export interface ComplaintEventTable {
  tenant_id: string;
  id: ColumnType<number, never, never>;
  complaint_id: string;
  type: string;
  from_status: ComplaintStatus | null;
  to_status: ComplaintStatus | null;
  visibility: 'public' | 'internal';
  note: string | null;
  actor_id: string | null;
  actor_label: string;
  opd_id: string | null;
  is_late: Generated<boolean>;
  charged_to: string | null;
  data: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  at: Generated<Date>;
}

export interface AttachmentTable {
  tenant_id: string;
  id: Generated<string>;
  complaint_id: string | null;
  event_id: number | null;
  filename: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  size_bytes: number;
  sha256: string;
  is_public: Generated<boolean>;
  data: Buffer;
  created_at: Generated<Date>;
}

/** A background CSV export of the inbox (migration 20261122_1002). */
export interface ComplaintExportTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  /** The inbox filter, OPD scope and personal-data decision, fixed at request time (export-service StoredFilter). */
  filter: JSONColumnType<Record<string, unknown>, string, string>;
  personal: boolean;
  status: Generated<'queued' | 'done' | 'failed'>;
  row_count: number | null;
  csv: string | null;
  error: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
  expires_at: Date;
}

export interface ComplaintTables {
  complaint_export: ComplaintExportTable;
  complaint_category: ComplaintCategoryTable;
  routing_rule: RoutingRuleTable;
  deadline_rule: DeadlineRuleTable;
  complaint: ComplaintTable;
  complaint_reporter: ComplaintReporterTable;
  reporter_key_secret: ReporterKeySecretTable;
  complaint_event: ComplaintEventTable;
  attachment: AttachmentTable;
}

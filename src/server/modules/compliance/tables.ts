/** Kysely table types of the compliance module (migrations/20261122_3100_compliance.sql). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { TMethodBand, TMethodDimension, TMethodIndicator } from '../../../shared/schemas/compliance.js';

type CreatedAt = ColumnType<Date, never, never>;
type Json<T extends object> = JSONColumnType<T, string, string>;
/** numeric comes back as a string from node-postgres and PGlite; written as a number. */
type Numeric = ColumnType<string, number, number>;

export type MethodKind = 'ombudsman' | 'pekppp';
export type AssessmentStatus = 'draft' | 'submitted' | 'verified';
export type Zone = 'hijau' | 'kuning' | 'merah' | 'hitam';

export interface ComplianceMethodTable {
  id: Generated<string>;
  /** null: a reference method shipped with Prima. */
  tenant_id: string | null;
  code: string;
  version: string;
  kind: MethodKind;
  subject: 'unit' | 'opd';
  name: string;
  legal_source: string;
  valid_from_year: number;
  note: string | null;
  range: Json<{ min: number; max: number }>;
  dimensions: Json<TMethodDimension[]>;
  indicators: Json<TMethodIndicator[]>;
  bands: Json<TMethodBand[]>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ComplianceAssessmentTable {
  tenant_id: string;
  id: Generated<string>;
  method_id: string;
  year: number;
  opd_id: string;
  unit_id: string | null;
  status: Generated<AssessmentStatus>;
  score: ColumnType<string, number | undefined, number>;
  grade: string | null;
  zone: Zone | null;
  label: string | null;
  scored_count: Generated<number>;
  override_count: Generated<number>;
  created_by: string | null;
  submitted_at: Date | null;
  submitted_by: string | null;
  verified_at: Date | null;
  verified_by: string | null;
  verified_by_label: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ComplianceScoreTable {
  tenant_id: string;
  assessment_id: string;
  indicator_code: string;
  value: number | null;
  note: string | null;
  gap_owner: string | null;
  gap_due_date: ColumnType<string | null, string | null | undefined, string | null>;
  override_value: number | null;
  override_reason: string | null;
  override_by: string | null;
  override_by_label: string | null;
  override_at: Date | null;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ComplianceEvidenceTable {
  tenant_id: string;
  id: Generated<string>;
  assessment_id: string;
  indicator_code: string;
  kind: 'file' | 'link';
  url: string | null;
  label: string | null;
  filename: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  data: Buffer | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ComplianceTables {
  compliance_method: ComplianceMethodTable;
  compliance_assessment: ComplianceAssessmentTable;
  compliance_score: ComplianceScoreTable;
  compliance_evidence: ComplianceEvidenceTable;
}

export type { Numeric };

/**
 * SQL of the compliance module. Reference methods (tenant_id NULL) are read by every
 * tenant; every other query filters by tenant_id.
 */
import type { Executor } from '../../db/index.js';
import type { AssessmentStatus, ComplianceMethodTable, MethodKind, Zone } from './tables.js';
import type { Insertable } from 'kysely';

// --- methods -------------------------------------------------------------------------------

const methodColumns = ['id', 'tenant_id', 'code', 'version', 'kind', 'subject', 'name', 'legal_source', 'valid_from_year', 'note', 'range', 'dimensions', 'indicators', 'bands', 'created_at'] as const;

function visibleMethods(db: Executor, tenantId: string) {
  return db
    .selectFrom('compliance_method')
    .select(methodColumns)
    .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', tenantId)]));
}

export type MethodRow = NonNullable<Awaited<ReturnType<typeof findMethod>>>;

export async function listMethods(db: Executor, tenantId: string, kind?: MethodKind) {
  let q = visibleMethods(db, tenantId);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('kind').orderBy('code').orderBy('valid_from_year', 'desc').orderBy('version', 'desc').execute();
}

export async function findMethod(db: Executor, tenantId: string, id: string) {
  return visibleMethods(db, tenantId).where('id', '=', id).executeTakeFirst();
}

/** A reference or tenant method with this code and version already exists. */
export async function methodVersionTaken(db: Executor, tenantId: string, code: string, version: string): Promise<boolean> {
  const row = await visibleMethods(db, tenantId).where('code', '=', code).where('version', '=', version).executeTakeFirst();
  return !!row;
}

export async function insertMethod(tx: Executor, row: Insertable<ComplianceMethodTable>) {
  return tx.insertInto('compliance_method').values(row).returning(methodColumns).executeTakeFirstOrThrow();
}

// --- organisation lookups ------------------------------------------------------------------

export async function findUnit(db: Executor, tenantId: string, unitId: string) {
  return db.selectFrom('service_unit').select(['id', 'opd_id', 'name']).where('tenant_id', '=', tenantId).where('id', '=', unitId).executeTakeFirst();
}

export async function findOpd(db: Executor, tenantId: string, opdId: string) {
  return db.selectFrom('opd').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', '=', opdId).executeTakeFirst();
}

// --- assessments ---------------------------------------------------------------------------

function selectAssessments(db: Executor, tenantId: string) {
  return db
    .selectFrom('compliance_assessment as a')
    .innerJoin('compliance_method as m', 'm.id', 'a.method_id')
    .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.opd_id'))
    .leftJoin('service_unit as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.unit_id'))
    .select([
      'a.tenant_id', 'a.id', 'a.method_id', 'a.year', 'a.opd_id', 'a.unit_id', 'a.status', 'a.score', 'a.grade', 'a.zone', 'a.label',
      'a.scored_count', 'a.override_count', 'a.submitted_at', 'a.verified_at', 'a.verified_by_label', 'a.created_at', 'a.updated_at',
      'm.code as method_code', 'm.version as method_version', 'm.name as method_name', 'm.kind',
      'o.name as opd_name', 'u.name as unit_name',
    ])
    .where('a.tenant_id', '=', tenantId);
}

export type AssessmentRow = NonNullable<Awaited<ReturnType<typeof findAssessment>>>;

export async function findAssessment(db: Executor, tenantId: string, id: string) {
  return selectAssessments(db, tenantId).where('a.id', '=', id).executeTakeFirst();
}

export async function listAssessments(
  db: Executor,
  tenantId: string,
  f: { year?: number; kind?: MethodKind; methodId?: string; opdId?: string; opdIds: string[] | null },
) {
  let q = selectAssessments(db, tenantId);
  if (f.year) q = q.where('a.year', '=', f.year);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.methodId) q = q.where('a.method_id', '=', f.methodId);
  if (f.opdId) q = q.where('a.opd_id', '=', f.opdId);
  if (f.opdIds) {
    if (f.opdIds.length === 0) return [];
    q = q.where('a.opd_id', 'in', f.opdIds);
  }
  return q.orderBy('a.year', 'desc').orderBy('o.name').orderBy('u.name').limit(2000).execute();
}

/**
 * The rows of the results roll-up: only what the roll-up and its table show (no dates, no
 * method columns: the method is the one asked for), so a regency's 100+ units cost little
 * to read on every dashboard load.
 */
export async function resultRows(db: Executor, tenantId: string, f: { year: number; methodId: string; opdIds: string[] | null }) {
  if (f.opdIds && f.opdIds.length === 0) return [];
  let q = db
    .selectFrom('compliance_assessment as a')
    .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.opd_id'))
    .leftJoin('service_unit as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.unit_id'))
    .select(['a.id', 'a.opd_id', 'a.unit_id', 'a.status', 'a.score', 'a.grade', 'a.zone', 'a.label', 'o.name as opd_name', 'u.name as unit_name'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.year', '=', f.year)
    .where('a.method_id', '=', f.methodId);
  if (f.opdIds) q = q.where('a.opd_id', 'in', f.opdIds);
  return q.orderBy('o.name').orderBy('u.name').limit(2000).execute();
}

/** Takes the assessment's row lock: score changes of one assessment run one at a time, so the stored result is the result of the stored scores. */
export async function lockAssessment(tx: Executor, tenantId: string, id: string) {
  return tx
    .selectFrom('compliance_assessment')
    .select(['id', 'method_id', 'opd_id', 'unit_id', 'year', 'status', 'score', 'grade', 'zone'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertAssessment(tx: Executor, row: { tenant_id: string; method_id: string; year: number; opd_id: string; unit_id: string | null; created_by: string | null; score: number; grade: string | null; zone: Zone | null; label: string | null }) {
  return tx.insertInto('compliance_assessment').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function updateResult(
  tx: Executor,
  tenantId: string,
  id: string,
  r: { score: number; grade: string | null; zone: Zone | null; label: string | null; scored_count: number; override_count: number },
) {
  await tx.updateTable('compliance_assessment').set({ ...r, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Moves the status only if it is still `from` (two clicks, one step). */
export async function updateStatus(
  tx: Executor,
  tenantId: string,
  id: string,
  from: AssessmentStatus,
  to: AssessmentStatus,
  extra: Partial<{ submitted_at: Date | null; submitted_by: string | null; verified_at: Date | null; verified_by: string | null; verified_by_label: string | null }>,
): Promise<boolean> {
  const res = await tx
    .updateTable('compliance_assessment')
    .set({ status: to, updated_at: new Date(), ...extra })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

// --- scores --------------------------------------------------------------------------------

export type ScoreRow = Awaited<ReturnType<typeof listScores>>[number];

export async function listScores(db: Executor, tenantId: string, assessmentId: string) {
  return db
    .selectFrom('compliance_score')
    .select(['indicator_code', 'value', 'note', 'gap_owner', 'gap_due_date', 'override_value', 'override_reason', 'override_by_label', 'override_at', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .where('assessment_id', '=', assessmentId)
    .execute();
}

export async function upsertScore(
  tx: Executor,
  key: { tenant_id: string; assessment_id: string; indicator_code: string },
  set: Partial<{ value: number | null; note: string | null; gap_owner: string | null; gap_due_date: string | null; override_value: number | null; override_reason: string | null; override_by: string | null; override_by_label: string | null; override_at: Date | null }>,
  userId: string | null,
) {
  const changes = { ...set, updated_by: userId, updated_at: new Date() };
  await tx
    .insertInto('compliance_score')
    .values({ ...key, value: null, note: null, gap_owner: null, gap_due_date: null, override_value: null, override_reason: null, override_by: null, override_by_label: null, override_at: null, ...changes })
    .onConflict((oc) => oc.columns(['tenant_id', 'assessment_id', 'indicator_code']).doUpdateSet(changes))
    .execute();
}

// --- evidence ------------------------------------------------------------------------------

const evidenceMeta = ['id', 'assessment_id', 'indicator_code', 'kind', 'url', 'label', 'filename', 'content_type', 'size_bytes', 'created_at'] as const;
export type EvidenceMeta = Awaited<ReturnType<typeof listEvidence>>[number];

export async function listEvidence(db: Executor, tenantId: string, assessmentId: string) {
  return db.selectFrom('compliance_evidence').select(evidenceMeta).where('tenant_id', '=', tenantId).where('assessment_id', '=', assessmentId).orderBy('created_at').orderBy('id').execute();
}

export async function insertEvidence(
  tx: Executor,
  row: { tenant_id: string; assessment_id: string; indicator_code: string; kind: 'file' | 'link'; url: string | null; label: string | null; filename: string | null; content_type: string | null; size_bytes: number | null; sha256: string | null; data: Buffer | null; created_by: string | null },
) {
  return tx.insertInto('compliance_evidence').values(row).returning(evidenceMeta).executeTakeFirstOrThrow();
}

/** One piece of evidence with its bytes and its assessment's OPD (for the policy). */
export async function findEvidence(db: Executor, tenantId: string, id: string) {
  return db
    .selectFrom('compliance_evidence as e')
    .innerJoin('compliance_assessment as a', (j) => j.onRef('a.tenant_id', '=', 'e.tenant_id').onRef('a.id', '=', 'e.assessment_id'))
    .select(['e.id', 'e.assessment_id', 'e.indicator_code', 'e.kind', 'e.url', 'e.filename', 'e.content_type', 'e.sha256', 'e.data', 'a.opd_id', 'a.status'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function deleteEvidence(tx: Executor, tenantId: string, id: string) {
  await tx.deleteFrom('compliance_evidence').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/**
 * SQL of the SKM module: questionnaires, periods, counters, responses and their
 * aggregates, follow-ups, publications. Every query filters by tenant_id.
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type {
  SkmCounterTable, SkmFollowupTable, SkmPeriodTable, SkmPublicationTable, SkmQuestionnaireTable, SkmResponseTable, SkmUnsurTable,
} from './tables.js';

export type QuestionnaireRow = Selectable<SkmQuestionnaireTable>;
export type UnsurRow = Selectable<SkmUnsurTable>;
export type PeriodRow = Selectable<SkmPeriodTable>;
export type CounterRow = Selectable<SkmCounterTable>;
export type ResponseRow = Selectable<SkmResponseTable>;
export type FollowupRow = Selectable<SkmFollowupTable>;
export type PublicationRow = Selectable<SkmPublicationTable>;

// --- organisation look-ups ---------------------------------------------------------------

export interface UnitInfo {
  id: string;
  name: string;
  opd_id: string;
  opd_name: string;
  is_active: boolean;
}

export async function findUnit(db: Executor, tenantId: string, unitId: string): Promise<UnitInfo | undefined> {
  return db
    .selectFrom('service_unit as u')
    .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'u.tenant_id').onRef('o.id', '=', 'u.opd_id'))
    .select(['u.id', 'u.name', 'u.opd_id', 'o.name as opd_name', sql<boolean>`u.is_active AND o.is_active`.as('is_active')])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', unitId)
    .executeTakeFirst();
}

export async function listUnits(db: Executor, tenantId: string, opdId?: string | null): Promise<UnitInfo[]> {
  let q = db
    .selectFrom('service_unit as u')
    .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'u.tenant_id').onRef('o.id', '=', 'u.opd_id'))
    .select(['u.id', 'u.name', 'u.opd_id', 'o.name as opd_name', sql<boolean>`u.is_active AND o.is_active`.as('is_active')])
    .where('u.tenant_id', '=', tenantId);
  if (opdId) q = q.where('u.opd_id', '=', opdId);
  return q.orderBy('o.name').orderBy('u.name').execute();
}

export async function listUnitServices(db: Executor, tenantId: string, unitId: string) {
  return db.selectFrom('service').select(['id', 'name']).where('tenant_id', '=', tenantId).where('unit_id', '=', unitId).where('is_active', '=', true).orderBy('name').execute();
}

// --- questionnaires ----------------------------------------------------------------------

export async function latestQuestionnaire(db: Executor, tenantId: string): Promise<QuestionnaireRow | undefined> {
  return db.selectFrom('skm_questionnaire').selectAll().where('tenant_id', '=', tenantId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function findQuestionnaire(db: Executor, tenantId: string, id: string): Promise<QuestionnaireRow | undefined> {
  return db.selectFrom('skm_questionnaire').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listQuestionnaires(db: Executor, tenantId: string): Promise<QuestionnaireRow[]> {
  return db.selectFrom('skm_questionnaire').selectAll().where('tenant_id', '=', tenantId).orderBy('version', 'desc').execute();
}

export async function listUnsur(db: Executor, tenantId: string, questionnaireIds: string[]): Promise<UnsurRow[]> {
  if (!questionnaireIds.length) return [];
  return db.selectFrom('skm_unsur').selectAll().where('tenant_id', '=', tenantId).where('questionnaire_id', 'in', questionnaireIds).orderBy('questionnaire_id').orderBy('position').execute();
}

/** Inserts a version (null when that version number was taken meanwhile). */
export async function insertQuestionnaire(db: Executor, row: Insertable<SkmQuestionnaireTable>): Promise<QuestionnaireRow | undefined> {
  return db.insertInto('skm_questionnaire').values(row).onConflict((oc) => oc.columns(['tenant_id', 'version']).doNothing()).returningAll().executeTakeFirst();
}

export async function insertUnsur(db: Executor, rows: Insertable<SkmUnsurTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('skm_unsur').values(rows).execute();
}

// --- periods -----------------------------------------------------------------------------

export async function findPeriod(db: Executor, tenantId: string, id: string): Promise<PeriodRow | undefined> {
  return db.selectFrom('skm_period').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listPeriods(db: Executor, tenantId: string, f: { unitIds?: string[] | null; year?: number }): Promise<PeriodRow[]> {
  let q = db.selectFrom('skm_period').selectAll().where('tenant_id', '=', tenantId);
  if (f.unitIds) {
    if (!f.unitIds.length) return [];
    q = q.where('unit_id', 'in', f.unitIds);
  }
  if (f.year) q = q.where('year', '=', f.year);
  return q.orderBy('starts_on', 'desc').orderBy('kind').execute();
}

export async function insertPeriod(db: Executor, row: Insertable<SkmPeriodTable>): Promise<PeriodRow> {
  return db.insertInto('skm_period').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePeriod(db: Executor, tenantId: string, id: string, patch: { population?: number | null }): Promise<PeriodRow | undefined> {
  return db.updateTable('skm_period').set({ ...patch, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deletePeriod(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('skm_period').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function periodUsage(db: Executor, tenantId: string, id: string): Promise<{ imports: number; publications: number }> {
  const [i, p] = await Promise.all([
    db.selectFrom('skm_import').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('period_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('skm_publication').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('period_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { imports: Number(i.n), publications: Number(p.n) };
}

// --- counters ----------------------------------------------------------------------------

export async function listCounters(db: Executor, tenantId: string, unitId: string): Promise<CounterRow[]> {
  return db.selectFrom('skm_counter').selectAll().where('tenant_id', '=', tenantId).where('unit_id', '=', unitId).orderBy('code').execute();
}

export async function findCounterByCode(db: Executor, tenantId: string, unitId: string, code: string): Promise<CounterRow | undefined> {
  return db.selectFrom('skm_counter').selectAll().where('tenant_id', '=', tenantId).where('unit_id', '=', unitId).where('code', '=', code).executeTakeFirst();
}

export async function findCounter(db: Executor, tenantId: string, id: string): Promise<CounterRow | undefined> {
  return db.selectFrom('skm_counter').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function insertCounter(db: Executor, row: Insertable<SkmCounterTable>): Promise<CounterRow | undefined> {
  return db.insertInto('skm_counter').values(row).onConflict((oc) => oc.columns(['tenant_id', 'unit_id', 'code']).doNothing()).returningAll().executeTakeFirst();
}

export async function updateCounter(db: Executor, tenantId: string, id: string, patch: { name?: string; is_active?: boolean }): Promise<CounterRow | undefined> {
  return db.updateTable('skm_counter').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirst();
}

// --- responses (aggregates: agg-repo.ts) ------------------------------------------------------------

export type NewResponse = Insertable<SkmResponseTable>;

/** Inserts a response unless its client_id is known; returns the new row's id or null. */
export async function insertResponse(db: Executor, row: NewResponse): Promise<string | null> {
  const r = await db
    .insertInto('skm_response')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'client_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function responseIdByClientId(db: Executor, tenantId: string, clientId: string): Promise<string | undefined> {
  const r = await db.selectFrom('skm_response').select('id').where('tenant_id', '=', tenantId).where('client_id', '=', clientId).executeTakeFirst();
  return r?.id;
}

export async function findResponse(db: Executor, tenantId: string, id: string): Promise<ResponseRow | undefined> {
  return db.selectFrom('skm_response').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listFlagged(db: Executor, tenantId: string, f: { unitIds: string[] | null; from?: string; to?: string; status: 'flagged' | 'excluded' | 'all'; limit: number }): Promise<ResponseRow[]> {
  let q = db.selectFrom('skm_response').selectAll().where('tenant_id', '=', tenantId);
  if (f.unitIds) {
    if (!f.unitIds.length) return [];
    q = q.where('unit_id', 'in', f.unitIds);
  }
  if (f.from) q = q.where('answered_on', '>=', f.from);
  if (f.to) q = q.where('answered_on', '<=', f.to);
  if (f.status === 'flagged') q = q.where('flagged', '=', true);
  else if (f.status === 'excluded') q = q.where('excluded', '=', true);
  else q = q.where((eb) => eb.or([eb('flagged', '=', true), eb('excluded', '=', true)]));
  return q.orderBy('created_at', 'desc').limit(f.limit).execute();
}

/** Sets/clears the exclusion only if it is not already in that state (the claim). */
export async function setExcluded(db: Executor, tenantId: string, id: string, v: { excluded: boolean; reason: string | null; by: string | null }): Promise<ResponseRow | undefined> {
  return db
    .updateTable('skm_response')
    .set({ excluded: v.excluded, excluded_reason: v.reason, excluded_by: v.by, excluded_at: v.excluded ? new Date() : null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('excluded', '=', !v.excluded)
    .returningAll()
    .executeTakeFirst();
}

export async function suggestions(db: Executor, tenantId: string, unitId: string, from: string, to: string, limit = 50): Promise<Array<{ suggestion: string; answered_on: string }>> {
  const rows = await db
    .selectFrom('skm_response')
    .select(['suggestion', 'answered_on'])
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId)
    .where('answered_on', '>=', from)
    .where('answered_on', '<=', to)
    .where('excluded', '=', false)
    .where('suggestion', 'is not', null)
    .orderBy('answered_on', 'desc')
    .limit(limit)
    .execute();
  return rows as Array<{ suggestion: string; answered_on: string }>;
}

// --- follow-ups, evidence, publications --------------------------------------------------

export async function listFollowups(db: Executor, tenantId: string, periodId: string): Promise<FollowupRow[]> {
  return db.selectFrom('skm_followup').selectAll().where('tenant_id', '=', tenantId).where('period_id', '=', periodId).orderBy('due_on').orderBy('created_at').execute();
}

export async function findFollowup(db: Executor, tenantId: string, id: string): Promise<FollowupRow | undefined> {
  return db.selectFrom('skm_followup').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function insertFollowup(db: Executor, row: Insertable<SkmFollowupTable>): Promise<FollowupRow> {
  return db.insertInto('skm_followup').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateFollowup(db: Executor, tenantId: string, id: string, patch: Partial<Pick<FollowupRow, 'action' | 'owner' | 'due_on' | 'status' | 'evidence_note' | 'done_on' | 'reminded_at'>>): Promise<FollowupRow | undefined> {
  return db.updateTable('skm_followup').set({ ...patch, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteFollowup(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('skm_followup').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function listEvidence(db: Executor, tenantId: string, followupIds: string[]) {
  if (!followupIds.length) return [];
  return db.selectFrom('skm_followup_evidence').select(['id', 'followup_id', 'filename', 'content_type', 'size', 'created_at']).where('tenant_id', '=', tenantId).where('followup_id', 'in', followupIds).orderBy('created_at').execute();
}

export async function insertEvidence(db: Executor, row: { tenant_id: string; followup_id: string; filename: string; content_type: string; size: number; data: Buffer; created_by: string | null }) {
  return db.insertInto('skm_followup_evidence').values(row).returning(['id', 'followup_id', 'filename', 'content_type', 'size', 'created_at']).executeTakeFirstOrThrow();
}

export async function findEvidence(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('skm_followup_evidence').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listPublications(db: Executor, tenantId: string, periodIds: string[]): Promise<PublicationRow[]> {
  if (!periodIds.length) return [];
  return db.selectFrom('skm_publication').selectAll().where('tenant_id', '=', tenantId).where('period_id', 'in', periodIds).orderBy('published_on', 'desc').execute();
}

export async function insertPublication(db: Executor, row: Insertable<SkmPublicationTable>): Promise<PublicationRow> {
  return db.insertInto('skm_publication').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findPublication(db: Executor, tenantId: string, id: string): Promise<PublicationRow | undefined> {
  return db.selectFrom('skm_publication').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function deletePublication(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('skm_publication').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Published periods (at least one publication record), newest first. */
export async function publishedPeriods(db: Executor, tenantId: string, unitId?: string): Promise<Array<PeriodRow & { published_at: Date }>> {
  let q = db
    .selectFrom('skm_period as p')
    .innerJoin(
      (eb) => eb.selectFrom('skm_publication').select(['period_id', sql<Date>`min(created_at)`.as('published_at')]).where('tenant_id', '=', tenantId).groupBy('period_id').as('pub'),
      (j) => j.onRef('pub.period_id', '=', 'p.id'),
    )
    .selectAll('p')
    .select('pub.published_at')
    .where('p.tenant_id', '=', tenantId);
  if (unitId) q = q.where('p.unit_id', '=', unitId);
  return q.orderBy('p.starts_on', 'desc').limit(200).execute() as Promise<Array<PeriodRow & { published_at: Date }>>;
}

export async function insertImport(db: Executor, row: { tenant_id: string; period_id: string; filename: string; rows: number; created_by: string | null }) {
  return db.insertInto('skm_import').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertResponses(db: Executor, rows: NewResponse[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('skm_response').values(rows.slice(i, i + 500)).execute();
}

export * from './agg-repo.js';

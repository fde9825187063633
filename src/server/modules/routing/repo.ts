/** SQL of the routing module. Every query filters by tenant_id. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { LabelType, RoutingFeedbackTable, RoutingKeywordRuleTable, RoutingSettingsTable, RoutingSuggestionTable } from './tables.js';

export type KeywordRuleRow = Selectable<RoutingKeywordRuleTable>;
export type SettingsRow = Selectable<RoutingSettingsTable>;
export type SuggestionRow = Selectable<RoutingSuggestionTable>;

// --- models ------------------------------------------------------------------------------------

export async function activeModelRef(db: Executor, tenantId: string, labelType: LabelType) {
  return db
    .selectFrom('routing_model')
    .select(['id', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('label_type', '=', labelType)
    .where('is_active', '=', true)
    .executeTakeFirst();
}

export async function modelBytes(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('routing_model').select(['id', 'version', 'model', 'label_type']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listModels(db: Executor, tenantId: string) {
  return db
    .selectFrom('routing_model')
    .select(['id', 'label_type', 'version', 'kind', 'n_examples', 'metrics', 'source', 'is_active', 'trained_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('label_type')
    .orderBy('version', 'desc')
    .limit(50)
    .execute();
}

/** Stores a new version and makes it the active one (the previous active one stays, inactive). */
export async function insertActiveModel(
  tx: Executor,
  v: { tenantId: string; labelType: LabelType; kind: string; model: Buffer; nExamples: number; metrics: Record<string, unknown> | null; source: 'job' | 'cli' | 'demo' },
) {
  // Serialise concurrent trainers of one tenant (the version number and the active flag).
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`routing_model:${v.tenantId}:${v.labelType}`}))`.execute(tx);
  const last = await tx
    .selectFrom('routing_model')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('tenant_id', '=', v.tenantId)
    .where('label_type', '=', v.labelType)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await tx.updateTable('routing_model').set({ is_active: false }).where('tenant_id', '=', v.tenantId).where('label_type', '=', v.labelType).where('is_active', '=', true).execute();
  return tx
    .insertInto('routing_model')
    .values({
      tenant_id: v.tenantId, label_type: v.labelType, version, kind: v.kind, model: v.model, n_examples: v.nExamples,
      metrics: v.metrics ? JSON.stringify(v.metrics) : null, source: v.source, is_active: true,
    })
    .returning(['id', 'version', 'trained_at'])
    .executeTakeFirstOrThrow();
}

// --- organisation lookups -------------------------------------------------------------------

export async function listOpds(db: Executor, tenantId: string) {
  return db.selectFrom('opd').select(['id', 'name', 'short_name', 'type', 'is_active']).where('tenant_id', '=', tenantId).orderBy('name').execute();
}

export async function listCategories(db: Executor, tenantId: string) {
  return db.selectFrom('complaint_category').select(['id', 'code', 'name', 'is_active']).where('tenant_id', '=', tenantId).orderBy('sort_order').execute();
}

/** Category-wide routing rules (category → OPD), to suggest categories from a suggested OPD. */
export async function categoryWideRules(db: Executor, tenantId: string) {
  return db.selectFrom('routing_rule').select(['category_id', 'opd_id']).where('tenant_id', '=', tenantId).where('region_code', 'is', null).execute();
}

// --- keyword rules ------------------------------------------------------------------------------

export async function listKeywordRules(db: Executor, tenantId: string): Promise<KeywordRuleRow[]> {
  return db.selectFrom('routing_keyword_rule').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
}

export async function countKeywordRules(db: Executor, tenantId: string): Promise<number> {
  const r = await db.selectFrom('routing_keyword_rule').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertKeywordRules(tx: Executor, rows: Insertable<RoutingKeywordRuleTable>[]) {
  if (!rows.length) return [];
  return tx.insertInto('routing_keyword_rule').values(rows).onConflict((oc) => oc.columns(['tenant_id', 'opd_id']).doNothing()).returningAll().execute();
}

export async function getKeywordRuleByOpd(db: Executor, tenantId: string, opdId: string) {
  return db.selectFrom('routing_keyword_rule').selectAll().where('tenant_id', '=', tenantId).where('opd_id', '=', opdId).executeTakeFirst();
}

export async function upsertKeywordRule(tx: Executor, tenantId: string, opdId: string, set: { keywords: string[]; is_active: boolean }) {
  return tx
    .insertInto('routing_keyword_rule')
    .values({ tenant_id: tenantId, opd_id: opdId, keywords: set.keywords, is_active: set.is_active })
    .onConflict((oc) => oc.columns(['tenant_id', 'opd_id']).doUpdateSet({ keywords: set.keywords, is_active: set.is_active, updated_at: sql`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

// --- settings -----------------------------------------------------------------------------------

export async function getSettings(db: Executor, tenantId: string): Promise<SettingsRow | undefined> {
  return db.selectFrom('routing_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

export async function upsertSettings(tx: Executor, tenantId: string, set: Updateable<RoutingSettingsTable>) {
  return tx
    .insertInto('routing_settings')
    .values({ tenant_id: tenantId, ...set } as Insertable<RoutingSettingsTable>)
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...set, updated_at: sql`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

// --- suggestions and feedback ---------------------------------------------------------------

export async function insertSuggestion(tx: Executor, row: Insertable<RoutingSuggestionTable>) {
  return tx.insertInto('routing_suggestion').values(row).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

/** Claims a complaint for the auto-route job: true once per complaint, whatever the number of runners. */
export async function claimAuto(tx: Executor, row: Insertable<RoutingSuggestionTable>): Promise<string | null> {
  const r = await tx
    .insertInto('routing_suggestion')
    .values({ ...row, purpose: 'auto' })
    .onConflict((oc) => oc.columns(['tenant_id', 'complaint_id']).where('purpose', '=', 'auto').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** Housekeeping across tenants (the hourly job): suggestions never tied to a case (intake typing, ad-hoc questions) older than `before`. */
export async function deleteUnattachedSuggestions(db: Executor, before: Date): Promise<number> {
  const r = await db.deleteFrom('routing_suggestion').where('complaint_id', 'is', null).where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

export async function latestSuggestionFor(db: Executor, tenantId: string, complaintId: string): Promise<SuggestionRow | undefined> {
  return db
    .selectFrom('routing_suggestion')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('complaint_id', '=', complaintId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function insertFeedback(tx: Executor, row: Insertable<RoutingFeedbackTable>) {
  return tx.insertInto('routing_feedback').values(row).returning(['id']).executeTakeFirstOrThrow();
}

/** Suggestions judged by the desk since `since`: how many, accepted (top 1), in the top 3. */
export async function feedbackSince(db: Executor, tenantId: string, since: Date) {
  const r = await db
    .selectFrom('routing_feedback')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.sum<string>(sql`CASE WHEN outcome IN ('accepted', 'auto') THEN 1 ELSE 0 END`).as('accepted'),
      eb.fn.sum<string>(sql`CASE WHEN chosen_rank IS NOT NULL THEN 1 ELSE 0 END`).as('top3'),
      eb.fn.sum<string>(sql`CASE WHEN outcome = 'auto' THEN 1 ELSE 0 END`).as('auto'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('source', '!=', 'none')
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return { total: Number(r?.total ?? 0), accepted: Number(r?.accepted ?? 0), top3: Number(r?.top3 ?? 0), auto: Number(r?.auto ?? 0) };
}

// --- training data ------------------------------------------------------------------------------

/** Statuses in which the OPD holding a case has accepted it: a confirmed routing. */
export const CONFIRMED_STATUSES = ['accepted', 'in_progress', 'resolved', 'closed'] as const;

export async function countConfirmed(db: Executor, tenantId: string): Promise<number> {
  const r = await db
    .selectFrom('complaint')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('opd_id', 'is not', null)
    .where('status', 'in', CONFIRMED_STATUSES)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Confirmed routings (text, OPD, category), newest first, at most `limit`. */
export async function confirmedExamples(db: Executor, tenantId: string, limit: number) {
  return db
    .selectFrom('complaint')
    .select(['title', 'description', 'opd_id', 'category_id'])
    .where('tenant_id', '=', tenantId)
    .where('opd_id', 'is not', null)
    .where('status', 'in', CONFIRMED_STATUSES)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
}

/** Examples of the job's own last training (a model trained by the CLI does not count: the job takes over from it). */
export async function modelCountAtLastTrain(db: Executor, tenantId: string, labelType: LabelType): Promise<number | null> {
  const r = await db
    .selectFrom('routing_model')
    .select(['n_examples'])
    .where('tenant_id', '=', tenantId)
    .where('label_type', '=', labelType)
    .where('source', '=', 'job')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? r.n_examples : null;
}

/** Cases waiting at the desk, received in the last `days`, not yet looked at by the auto-router. */
export async function autoRouteCandidates(db: Executor, tenantId: string, since: Date, limit: number) {
  return db
    .selectFrom('complaint as c')
    .select(['c.id', 'c.title', 'c.description', 'c.category_id', 'c.region_code'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.status', '=', 'received')
    .where('c.opd_id', 'is', null)
    .where('c.received_at', '>=', since)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('routing_suggestion as s').select('s.id').whereRef('s.tenant_id', '=', 'c.tenant_id').whereRef('s.complaint_id', '=', 'c.id').where('s.purpose', '=', 'auto'))),
    )
    .orderBy('c.received_at')
    .limit(limit)
    .execute();
}

export async function tenantsWithAutoRoute(db: Executor) {
  return db.selectFrom('routing_settings').select(['tenant_id', 'auto_route_threshold']).where('auto_route', '=', true).execute();
}

export async function complaintText(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('complaint').select(['id', 'title', 'description', 'category_id', 'region_code']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

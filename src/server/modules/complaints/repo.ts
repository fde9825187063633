/**
 * SQL of the complaints core: reports, reporters, events, categories, routing rules,
 * deadline rules. Every query filters by tenant_id. (Deadline-rule reads live in
 * deadlines.ts beside the lookup that uses them.)
 */
import { CompiledQuery, sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { NewNotificationRow } from '../notifications/repo.js';
import { preparedStatement, type Executor } from '../../db/index.js';
import { ALONE } from '../../db/group-writer.js';
import type {
  ComplaintCategoryTable,
  ComplaintEventTable,
  ComplaintReporterTable,
  ComplaintTable,
  RoutingRuleTable,
  AttachmentTable,
} from './tables.js';
import type { ComplaintStatus } from './state-machine.js';

export type ComplaintRow = Selectable<ComplaintTable>;
export type ReporterRow = Selectable<ComplaintReporterTable>;
export type EventRow = Selectable<ComplaintEventTable>;
export type CategoryRow = Selectable<ComplaintCategoryTable>;
export type RoutingRuleRow = Selectable<RoutingRuleTable>;
/** Attachment metadata (never the bytes). */
export type AttachmentMeta = Omit<Selectable<AttachmentTable>, 'data'>;

const COMPLAINT_COLUMNS = [
  'tenant_id', 'id', 'tracking_code', 'kind', 'channel', 'title', 'description', 'category_id', 'region_code',
  'latitude', 'longitude', 'address_text', 'event_date', 'is_anonymous', 'is_confidential', 'status', 'opd_id',
  'due_at', 'due_stage', 'escalation_level', 'escalated_at', 'escalation_due_at', 'escalation_rule_id', 'escalation_provisional_year',
  'reminded_for_due', 'merged_into_id', 'reporter_count',
  'rating', 'rating_comment', 'idempotency_key', 'created_by', 'received_at', 'routed_at', 'first_response_at',
  'resolved_at', 'closed_at', 'file_complete_at', 'completion_due_at', 'completion_from', 'completion_rule_id', 'completion_provisional_year',
  'updated_at', 'due_from', 'due_rule_id', 'due_provisional_year',
] as const;

// --- complaints --------------------------------------------------------------------------

/** Inserts unless the tracking code is taken (then undefined: the caller draws another). */
export async function insertComplaint(db: Executor, values: Insertable<ComplaintTable>): Promise<ComplaintRow | undefined> {
  return db
    .insertInto('complaint')
    .values(values)
    .onConflict((oc) => oc.columns(['tenant_id', 'tracking_code']).doNothing())
    .returning(COMPLAINT_COLUMNS)
    .executeTakeFirst() as Promise<ComplaintRow | undefined>;
}

export async function getComplaint(db: Executor, tenantId: string, id: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaint').select(COMPLAINT_COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst() as Promise<ComplaintRow | undefined>;
}

export async function findByTrackingCode(db: Executor, tenantId: string, code: string): Promise<ComplaintRow | undefined> {
  return db
    .selectFrom('complaint')
    .select(COMPLAINT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('tracking_code', '=', code)
    .executeTakeFirst() as Promise<ComplaintRow | undefined>;
}

export async function findByIdempotencyKey(db: Executor, tenantId: string, key: string): Promise<ComplaintRow | undefined> {
  return db
    .selectFrom('complaint')
    .select(COMPLAINT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst() as Promise<ComplaintRow | undefined>;
}

/** The conditional update of a transition: nothing happens unless the status is still `from`. */
export async function updateIfStatus(
  db: Executor,
  tenantId: string,
  id: string,
  from: ComplaintStatus,
  set: Updateable<ComplaintTable>,
): Promise<ComplaintRow | undefined> {
  return db
    .updateTable('complaint')
    .set({ ...set, updated_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', from)
    .returning(COMPLAINT_COLUMNS)
    .executeTakeFirst() as Promise<ComplaintRow | undefined>;
}

/** Recent public reports (not rahasia, not merged), newest first. */
export async function listRecentPublic(db: Executor, tenantId: string, limit: number): Promise<ComplaintRow[]> {
  return db
    .selectFrom('complaint')
    .select(COMPLAINT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('is_confidential', '=', false)
    .where('status', 'not in', ['merged', 'archived'])
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute() as Promise<ComplaintRow[]>;
}

// --- reporters and events ----------------------------------------------------------------

export async function insertReporter(db: Executor, values: Insertable<ComplaintReporterTable>): Promise<ReporterRow> {
  return db.insertInto('complaint_reporter').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function listReporters(db: Executor, tenantId: string, complaintId: string): Promise<ReporterRow[]> {
  return db.selectFrom('complaint_reporter').selectAll().where('tenant_id', '=', tenantId).where('complaint_id', '=', complaintId).orderBy('created_at').orderBy('id').execute();
}

/** Who may act as a reporter of a report: the reporter rows' ids (for their keys) and accounts. */
export async function reporterIdentities(db: Executor, tenantId: string, complaintId: string): Promise<Array<{ id: string; user_id: string | null }>> {
  return db.selectFrom('complaint_reporter').select(['id', 'user_id']).where('tenant_id', '=', tenantId).where('complaint_id', '=', complaintId).execute();
}

/** The reporter row a report was filed with (it stays the same row after a merge moves it). */
export async function filingReporterId(db: Executor, tenantId: string, complaintId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('complaint_reporter')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('original_complaint_id', '=', complaintId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** The tenant's reporter-key secret, or undefined when none was made yet. */
export async function findReporterKeySecret(db: Executor, tenantId: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('reporter_key_secret').select('secret').where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? Buffer.from(row.secret) : undefined;
}

/** Stores a fresh secret unless the tenant has one already (the first writer wins). */
export async function insertReporterKeySecret(db: Executor, tenantId: string, secret: Buffer): Promise<void> {
  await db.insertInto('reporter_key_secret').values({ tenant_id: tenantId, secret }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
}

export async function insertEvent(db: Executor, values: Insertable<ComplaintEventTable>): Promise<EventRow> {
  return db.insertInto('complaint_event').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function listEvents(db: Executor, tenantId: string, complaintId: string, opts: { publicOnly?: boolean } = {}): Promise<EventRow[]> {
  let q = db.selectFrom('complaint_event').selectAll().where('tenant_id', '=', tenantId).where('complaint_id', '=', complaintId);
  if (opts.publicOnly) q = q.where('visibility', '=', 'public');
  return q.orderBy('id').execute();
}

/** The 'received' event's data (holds the submission's content hash). */
export async function receivedEventData(db: Executor, tenantId: string, complaintId: string): Promise<Record<string, unknown> | null> {
  const row = await db
    .selectFrom('complaint_event')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('complaint_id', '=', complaintId)
    .where('type', '=', 'received')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return (row?.data as Record<string, unknown> | null) ?? null;
}

export async function listAttachmentMeta(db: Executor, tenantId: string, complaintId: string, opts: { publicOnly?: boolean } = {}): Promise<AttachmentMeta[]> {
  let q = db
    .selectFrom('attachment')
    .select(['tenant_id', 'id', 'complaint_id', 'event_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'is_public', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('complaint_id', '=', complaintId);
  if (opts.publicOnly) q = q.where('is_public', '=', true);
  return q.orderBy('created_at').execute();
}

// --- reference checks ----------------------------------------------------------------------

export async function regionExists(db: Executor, tenantId: string, code: string): Promise<boolean> {
  return !!(await db.selectFrom('region').select('code').where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst());
}

export async function activeOpd(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('opd').select(['id', 'name', 'short_name']).where('tenant_id', '=', tenantId).where('id', '=', id).where('is_active', '=', true).executeTakeFirst();
}

// --- categories ---------------------------------------------------------------------------

export async function listCategories(db: Executor, tenantId: string, opts: { includeInactive?: boolean } = {}): Promise<CategoryRow[]> {
  let q = db.selectFrom('complaint_category').selectAll().where('tenant_id', '=', tenantId);
  if (!opts.includeInactive) q = q.where('is_active', '=', true);
  return q.orderBy('sort_order').orderBy('name').execute();
}

export async function getCategory(db: Executor, tenantId: string, id: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('complaint_category').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function getCategoryByCode(db: Executor, tenantId: string, code: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('complaint_category').selectAll().where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
}

export async function insertCategory(db: Executor, values: Insertable<ComplaintCategoryTable>): Promise<CategoryRow | undefined> {
  return db.insertInto('complaint_category').values(values).onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing()).returningAll().executeTakeFirst();
}

export async function updateCategory(db: Executor, tenantId: string, id: string, set: Updateable<ComplaintCategoryTable>): Promise<CategoryRow | undefined> {
  return db
    .updateTable('complaint_category')
    .set({ ...set, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function serviceExists(db: Executor, tenantId: string, id: string): Promise<boolean> {
  return !!(await db.selectFrom('service').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst());
}

// --- routing rules ------------------------------------------------------------------------

export async function listRoutingRules(db: Executor, tenantId: string, opts: { categoryId?: string } = {}) {
  let q = db
    .selectFrom('routing_rule as r')
    .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.opd_id'))
    .innerJoin('complaint_category as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.category_id'))
    .select(['r.id', 'r.tenant_id', 'r.category_id', 'r.region_code', 'r.opd_id', 'r.created_at', 'o.name as opd_name', 'c.name as category_name'])
    .where('r.tenant_id', '=', tenantId);
  if (opts.categoryId) q = q.where('r.category_id', '=', opts.categoryId);
  return q.orderBy('c.name').orderBy('r.region_code').execute();
}
export type RoutingRuleView = Awaited<ReturnType<typeof listRoutingRules>>[number];

export async function getRoutingRule(db: Executor, tenantId: string, id: string): Promise<RoutingRuleView | undefined> {
  const rows = await db
    .selectFrom('routing_rule as r')
    .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.opd_id'))
    .innerJoin('complaint_category as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.category_id'))
    .select(['r.id', 'r.tenant_id', 'r.category_id', 'r.region_code', 'r.opd_id', 'r.created_at', 'o.name as opd_name', 'c.name as category_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.id', '=', id)
    .execute();
  return rows[0];
}

export async function insertRoutingRule(db: Executor, values: Insertable<RoutingRuleTable>) {
  return db.insertInto('routing_rule').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateRoutingRule(db: Executor, tenantId: string, id: string, set: Updateable<RoutingRuleTable>) {
  return db.updateTable('routing_rule').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).returning('id').executeTakeFirst();
}

export async function deleteRoutingRule(db: Executor, tenantId: string, id: string) {
  return db.deleteFrom('routing_rule').where('tenant_id', '=', tenantId).where('id', '=', id).returning(['id', 'category_id', 'region_code', 'opd_id']).executeTakeFirst();
}

/** Rules of a category that could apply to `regionCodes` (the region and its ancestors) or to any region. */
export async function routingCandidates(db: Executor, tenantId: string, categoryId: string, regionCodes: string[]) {
  return db
    .selectFrom('routing_rule as r')
    .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.opd_id'))
    .select(['r.id', 'r.region_code', 'r.opd_id', 'o.name as opd_name', 'o.is_active'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.category_id', '=', categoryId)
    .where((eb) => (regionCodes.length ? eb.or([eb('r.region_code', 'is', null), eb('r.region_code', 'in', regionCodes)]) : eb('r.region_code', 'is', null)))
    .execute();
}

/** A region and its ancestors, nearest first (desa → kecamatan). */
export async function regionChain(db: Executor, tenantId: string, code: string): Promise<string[]> {
  const out: string[] = [];
  let current: string | null = code;
  for (let depth = 0; current && depth < 5; depth++) {
    const row: { code: string; parent_code: string | null } | undefined = await db
      .selectFrom('region')
      .select(['code', 'parent_code'])
      .where('tenant_id', '=', tenantId)
      .where('code', '=', current)
      .executeTakeFirst();
    if (!row) break;
    out.push(row.code);
    current = row.parent_code;
  }
  return out;
}

// --- deadline rules -----------------------------------------------------------------------

export async function insertDeadlineRule(db: Executor, values: Insertable<import('./tables.js').DeadlineRuleTable>) {
  return db.insertInto('deadline_rule').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Public events of several reports at once (the recent list), oldest first. */
export async function listPublicEventsOf(db: Executor, tenantId: string, complaintIds: string[]): Promise<EventRow[]> {
  if (!complaintIds.length) return [];
  return db
    .selectFrom('complaint_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('complaint_id', 'in', complaintIds)
    .where('visibility', '=', 'public')
    .orderBy('id')
    .execute();
}

export async function listPublicAttachmentsOf(db: Executor, tenantId: string, complaintIds: string[]): Promise<AttachmentMeta[]> {
  if (!complaintIds.length) return [];
  return db
    .selectFrom('attachment')
    .select(['tenant_id', 'id', 'complaint_id', 'event_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'is_public', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('complaint_id', 'in', complaintIds)
    .where('is_public', '=', true)
    .orderBy('created_at')
    .execute();
}

const COMPLAINT_DATES = [
  'due_at', 'escalated_at', 'escalation_due_at', 'reminded_for_due', 'received_at', 'routed_at', 'first_response_at', 'resolved_at', 'closed_at',
  'file_complete_at', 'completion_due_at', 'completion_from', 'updated_at', 'due_from',
] as const;

function reviveDates<T>(row: Record<string, unknown>, keys: readonly string[]): T {
  for (const k of keys) if (typeof row[k] === 'string') row[k] = new Date(row[k] as string);
  return row as T;
}

/** Columns a new report is inserted with, in the order of INTAKE_SQL's first parameters ($1..$P). */
const INTAKE_COLUMNS = [
  'tenant_id', 'tracking_code', 'kind', 'channel', 'title', 'description', 'category_id', 'region_code', 'latitude', 'longitude',
  'address_text', 'event_date', 'is_anonymous', 'is_confidential', 'status', 'due_at', 'due_stage', 'idempotency_key', 'created_by', 'received_at',
  'due_from', 'due_rule_id', 'due_provisional_year',
] as const;
/** INTAKE_SQL's parameter n of the other parts (reporter, event, audit, outbox), after the report's columns. */
const P = (n: number) => `$${INTAKE_COLUMNS.length + n}`;
export type IntakeComplaintValues = { [K in (typeof INTAKE_COLUMNS)[number]]: Insertable<ComplaintTable>[K] };

export interface IntakeBundle {
  complaint: IntakeComplaintValues;
  /** The reporter row; its id is chosen by the caller, so the reporter key is known before the write. */
  reporter: { id: string; name: string | null; phone: string | null; email: string | null; user_id: string | null; locale: 'id' | 'en'; wants_updates: boolean };
  event: { actor_id: string | null; actor_label: string; data: string };
  audit: { actorId: string | null; actorLabel: string; requestId: string };
  /** The 'received' message to the reporter (outbox), or null; dedupe key `complaint:{id}:received:{reporter id}`. */
  notification: Omit<NewNotificationRow, 'dedupeKey' | 'tenantId'> | null;
}

/**
 * The whole intake write as ONE statement (so one round trip, atomic without BEGIN/COMMIT):
 * the report, its reporter, the public 'received' event, the audit row (no personal data:
 * the reporter is referenced by id) and, when the reporter wants updates, the outbox
 * message. Every part selects FROM c, so a taken tracking code (ON CONFLICT DO NOTHING)
 * inserts nothing at all and the caller draws another code; a reused Idempotency-Key fails
 * the whole statement on its unique index. Written once as text: intake is the hot path,
 * and building this query through the query builder cost more than running it.
 */
export const INTAKE_SQL = preparedStatement('complaint_intake', `
WITH c AS (
  INSERT INTO complaint (${INTAKE_COLUMNS.join(', ')})
  VALUES (${INTAKE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (tenant_id, tracking_code) DO NOTHING
  RETURNING ${COMPLAINT_COLUMNS.join(', ')}
), r AS (
  INSERT INTO complaint_reporter (tenant_id, id, complaint_id, name, phone, email, user_id, locale, wants_updates, original_complaint_id, is_anonymous)
  SELECT c.tenant_id, ${P(1)}::uuid, c.id, ${P(2)}, ${P(3)}, ${P(4)}, ${P(5)}::uuid, ${P(6)}, ${P(7)}::boolean, c.id, c.is_anonymous FROM c
  RETURNING *
), e AS (
  INSERT INTO complaint_event (tenant_id, complaint_id, type, from_status, to_status, visibility, note, actor_id, actor_label, opd_id, charged_to, data)
  SELECT c.tenant_id, c.id, 'received', NULL, 'received', 'public', NULL, ${P(8)}::uuid, ${P(9)}, NULL, NULL, ${P(10)}::jsonb FROM c
  RETURNING *
), a AS (
  INSERT INTO audit_log (tenant_id, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id)
  SELECT c.tenant_id, ${P(11)}::uuid, ${P(12)}, 'complaint.create', 'complaint', c.id::text, NULL,
         jsonb_build_object('tracking_code', c.tracking_code, 'kind', c.kind, 'channel', c.channel, 'category_id', c.category_id,
           'region_code', c.region_code, 'is_anonymous', c.is_anonymous, 'is_confidential', c.is_confidential, 'due_at', c.due_at,
           'reporter_id', r.id, 'event_id', e.id),
         ${P(13)}
  FROM c, r, e
), n AS (
  INSERT INTO notification (tenant_id, channel, recipient, template, locale, params, dedupe_key, related_type, related_id, last_error, status)
  SELECT c.tenant_id, ${P(15)}, ${P(16)}, ${P(17)}, ${P(18)}, ${P(19)}::jsonb, 'complaint:' || c.id::text || ':received:' || r.id::text, 'complaint', c.id::text, ${P(20)}, ${P(21)}
  FROM c, r WHERE ${P(14)}::boolean
  ON CONFLICT (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
)
SELECT 'c' AS k, row_to_json(c)::text AS j FROM c
UNION ALL SELECT 'r', row_to_json(r)::text FROM r
UNION ALL SELECT 'e', row_to_json(e)::text FROM e`);

/** INTAKE_SQL's parameters for a bundle (also used by the benchmark's raw route). */
export function intakeParameters(b: IntakeBundle): unknown[] {
  const n = b.notification;
  return [
    ...INTAKE_COLUMNS.map((c) => b.complaint[c] ?? null),
    b.reporter.id, b.reporter.name, b.reporter.phone, b.reporter.email, b.reporter.user_id, b.reporter.locale, b.reporter.wants_updates,
    b.event.actor_id, b.event.actor_label, b.event.data,
    b.audit.actorId, b.audit.actorLabel, b.audit.requestId,
    n !== null, n?.channel ?? null, n?.recipient ?? null, n?.template ?? null, n?.locale ?? null, n ? JSON.stringify(n.params) : null,
    n?.failedWith ?? null, n?.failedWith ? 'failed' : 'pending',
  ];
}

/** PostgreSQL types of INTAKE_COLUMNS, for the arrays of the multi-row intake. */
const INTAKE_TYPES: Record<(typeof INTAKE_COLUMNS)[number], string> = {
  tenant_id: 'uuid', tracking_code: 'text', kind: 'text', channel: 'text', title: 'text', description: 'text', category_id: 'uuid',
  region_code: 'text', latitude: 'float8', longitude: 'float8', address_text: 'text', event_date: 'date', is_anonymous: 'bool',
  is_confidential: 'bool', status: 'text', due_at: 'timestamptz', due_stage: 'text', idempotency_key: 'text', created_by: 'uuid',
  received_at: 'timestamptz', due_from: 'timestamptz', due_rule_id: 'uuid', due_provisional_year: 'int2',
};
/** The other parts of a bundle, as input columns of the multi-row intake (in intakeParameters' order after the report). */
const INTAKE_PART_COLUMNS = [
  ['r_id', 'uuid'], ['r_name', 'text'], ['r_phone', 'text'], ['r_email', 'text'], ['r_user_id', 'uuid'], ['r_locale', 'text'], ['r_wants_updates', 'bool'],
  ['e_actor_id', 'uuid'], ['e_actor_label', 'text'], ['e_data', 'text'],
  ['a_actor_id', 'uuid'], ['a_actor_label', 'text'], ['a_request_id', 'text'],
  ['n_wanted', 'bool'], ['n_channel', 'text'], ['n_recipient', 'text'], ['n_template', 'text'], ['n_locale', 'text'], ['n_params', 'text'],
  ['n_last_error', 'text'], ['n_status', 'text'],
] as const;
const INTAKE_INPUT: ReadonlyArray<readonly [string, string]> = [...INTAKE_COLUMNS.map((c) => [c, INTAKE_TYPES[c]] as const), ...INTAKE_PART_COLUMNS];

/**
 * INTAKE_SQL for many bundles at once (group writes, ADR 0023): the same rows, one
 * statement and one commit for all. Each parameter is the array of one column over the
 * bundles (unnest). ON CONFLICT DO NOTHING with no target skips a row whose tracking code
 * OR idempotency key is taken, without failing the others; the caller writes such a
 * bundle again alone through INTAKE_SQL, which tells the two cases apart.
 */
export const INTAKE_MANY_SQL = preparedStatement('complaint_intake_many', `
WITH i AS (
  SELECT * FROM unnest(${INTAKE_INPUT.map(([, type], n) => `$${n + 1}::${type}[]`).join(', ')})
    AS t(${INTAKE_INPUT.map(([name]) => name).join(', ')})
), c AS (
  INSERT INTO complaint (${INTAKE_COLUMNS.join(', ')})
  SELECT ${INTAKE_COLUMNS.join(', ')} FROM i
  ON CONFLICT DO NOTHING
  RETURNING ${COMPLAINT_COLUMNS.join(', ')}
), ci AS (
  SELECT c.id, c.tenant_id, c.tracking_code, c.kind, c.channel, c.category_id, c.region_code, c.is_anonymous, c.is_confidential, c.due_at,
         ${INTAKE_PART_COLUMNS.map(([name]) => `i.${name}`).join(', ')}
  FROM c JOIN i ON i.tenant_id = c.tenant_id AND i.tracking_code = c.tracking_code
), r AS (
  INSERT INTO complaint_reporter (tenant_id, id, complaint_id, name, phone, email, user_id, locale, wants_updates, original_complaint_id, is_anonymous)
  SELECT tenant_id, r_id, id, r_name, r_phone, r_email, r_user_id, r_locale, r_wants_updates, id, is_anonymous FROM ci
  RETURNING *
), e AS (
  INSERT INTO complaint_event (tenant_id, complaint_id, type, from_status, to_status, visibility, note, actor_id, actor_label, opd_id, charged_to, data)
  SELECT tenant_id, id, 'received', NULL, 'received', 'public', NULL, e_actor_id, e_actor_label, NULL, NULL, e_data::jsonb FROM ci
  RETURNING *
), a AS (
  INSERT INTO audit_log (tenant_id, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id)
  SELECT ci.tenant_id, ci.a_actor_id, ci.a_actor_label, 'complaint.create', 'complaint', ci.id::text, NULL,
         jsonb_build_object('tracking_code', ci.tracking_code, 'kind', ci.kind, 'channel', ci.channel, 'category_id', ci.category_id,
           'region_code', ci.region_code, 'is_anonymous', ci.is_anonymous, 'is_confidential', ci.is_confidential, 'due_at', ci.due_at,
           'reporter_id', r.id, 'event_id', e.id),
         ci.a_request_id
  FROM ci JOIN r ON r.tenant_id = ci.tenant_id AND r.complaint_id = ci.id JOIN e ON e.tenant_id = ci.tenant_id AND e.complaint_id = ci.id
), n AS (
  INSERT INTO notification (tenant_id, channel, recipient, template, locale, params, dedupe_key, related_type, related_id, last_error, status)
  SELECT ci.tenant_id, ci.n_channel, ci.n_recipient, ci.n_template, ci.n_locale, ci.n_params::jsonb,
         'complaint:' || ci.id::text || ':received:' || r.id::text, 'complaint', ci.id::text, ci.n_last_error, ci.n_status
  FROM ci JOIN r ON r.tenant_id = ci.tenant_id AND r.complaint_id = ci.id WHERE ci.n_wanted
  ON CONFLICT (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
)
SELECT 'c' AS k, row_to_json(c)::text AS j FROM c
UNION ALL SELECT 'r', row_to_json(r)::text FROM r
UNION ALL SELECT 'e', row_to_json(e)::text FROM e`);

export type IntakeResult = { complaint: ComplaintRow; reporter: ReporterRow; event: EventRow };

/**
 * Writes many bundles in one statement: per bundle its rows, or ALONE when the batch
 * skipped it (tracking code or idempotency key taken: INTAKE_SQL sorts it out).
 */
export async function insertComplaintBundles(db: Executor, bundles: IntakeBundle[]): Promise<Array<IntakeResult | typeof ALONE>> {
  // An idempotency key twice in one batch (a retry racing its first send): the first goes
  // in the statement, the later one alone after it, so the first arrival is the one stored.
  const keys = new Set<string>();
  const sent = bundles.map((b) => {
    const k = b.complaint.idempotency_key == null ? null : `${b.complaint.tenant_id}|${b.complaint.idempotency_key}`;
    if (k === null) return true;
    if (keys.has(k)) return false;
    keys.add(k);
    return true;
  });
  const columns: unknown[][] = INTAKE_INPUT.map(() => []);
  bundles.forEach((b, i) => sent[i] && intakeParameters(b).forEach((v, n) => columns[n].push(v instanceof Date ? v.toISOString() : v)));
  const { rows } = await db.executeQuery<{ k: string; j: string }>(CompiledQuery.raw(INTAKE_MANY_SQL, columns));
  const byCase = new Map<string, Partial<IntakeResult>>();
  const codeToId = new Map<string, string>();
  const entry = (id: string) => {
    let e = byCase.get(id);
    if (!e) byCase.set(id, (e = {}));
    return e;
  };
  for (const row of rows) {
    const j = JSON.parse(row.j) as Record<string, unknown>;
    if (row.k === 'c') {
      const complaint = reviveDates<ComplaintRow>(j, COMPLAINT_DATES);
      entry(complaint.id).complaint = complaint;
      codeToId.set(`${complaint.tenant_id}|${complaint.tracking_code}`, complaint.id);
    } else if (row.k === 'r') entry(j.complaint_id as string).reporter = reviveDates<ReporterRow>(j, ['created_at']);
    else entry(j.complaint_id as string).event = reviveDates<EventRow>(j, ['at']);
  }
  return bundles.map((b, i) => {
    const id = sent[i] ? codeToId.get(`${b.complaint.tenant_id}|${b.complaint.tracking_code}`) : undefined;
    const e = id ? byCase.get(id) : undefined;
    return e?.complaint && e.reporter && e.event ? (e as IntakeResult) : ALONE;
  });
}

export async function insertComplaintBundle(db: Executor, b: IntakeBundle): Promise<{ complaint: ComplaintRow; reporter: ReporterRow; event: EventRow } | undefined> {
  const { rows } = await db.executeQuery<{ k: string; j: string }>(CompiledQuery.raw(INTAKE_SQL, intakeParameters(b)));
  const part = (k: string) => {
    const row = rows.find((x) => x.k === k);
    return row ? (JSON.parse(row.j) as Record<string, unknown>) : undefined;
  };
  const c = part('c');
  if (!c) return undefined;
  return {
    complaint: reviveDates<ComplaintRow>(c, COMPLAINT_DATES),
    reporter: reviveDates<ReporterRow>(part('r')!, ['created_at']),
    event: reviveDates<EventRow>(part('e')!, ['at']),
  };
}

/**
 * SQL of the complaints core: reports, reporters, events, categories, routing rules,
 * deadline rules. Every query filters by tenant_id. (Deadline-rule reads live in
 * deadlines.ts beside the lookup that uses them.)
 */
import { CompiledQuery, sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { NewNotificationRow } from '../notifications/repo.js';
import { preparedStatement, type Executor } from '../../db/index.js';
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
  'due_at', 'due_stage', 'escalation_level', 'escalated_at', 'reminded_for_due', 'merged_into_id', 'reporter_count',
  'rating', 'rating_comment', 'idempotency_key', 'created_by', 'received_at', 'routed_at', 'first_response_at',
  'resolved_at', 'closed_at', 'updated_at',
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

const COMPLAINT_DATES = ['due_at', 'escalated_at', 'reminded_for_due', 'received_at', 'routed_at', 'first_response_at', 'resolved_at', 'closed_at', 'updated_at'] as const;

function reviveDates<T>(row: Record<string, unknown>, keys: readonly string[]): T {
  for (const k of keys) if (typeof row[k] === 'string') row[k] = new Date(row[k] as string);
  return row as T;
}

/** Columns a new report is inserted with, in the order of INTAKE_SQL's parameters $1..$20. */
const INTAKE_COLUMNS = [
  'tenant_id', 'tracking_code', 'kind', 'channel', 'title', 'description', 'category_id', 'region_code', 'latitude', 'longitude',
  'address_text', 'event_date', 'is_anonymous', 'is_confidential', 'status', 'due_at', 'due_stage', 'idempotency_key', 'created_by', 'received_at',
] as const;
export type IntakeComplaintValues = { [K in (typeof INTAKE_COLUMNS)[number]]: Insertable<ComplaintTable>[K] };

export interface IntakeBundle {
  complaint: IntakeComplaintValues;
  reporter: { name: string | null; phone: string | null; email: string | null; user_id: string | null; locale: 'id' | 'en'; wants_updates: boolean };
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
  INSERT INTO complaint_reporter (tenant_id, complaint_id, name, phone, email, user_id, locale, wants_updates, original_complaint_id)
  SELECT c.tenant_id, c.id, $21, $22, $23, $24::uuid, $25, $26::boolean, c.id FROM c
  RETURNING *
), e AS (
  INSERT INTO complaint_event (tenant_id, complaint_id, type, from_status, to_status, visibility, note, actor_id, actor_label, opd_id, charged_to, data)
  SELECT c.tenant_id, c.id, 'received', NULL, 'received', 'public', NULL, $27::uuid, $28, NULL, NULL, $29::jsonb FROM c
  RETURNING *
), a AS (
  INSERT INTO audit_log (tenant_id, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id)
  SELECT c.tenant_id, $30::uuid, $31, 'complaint.create', 'complaint', c.id::text, NULL,
         jsonb_build_object('tracking_code', c.tracking_code, 'kind', c.kind, 'channel', c.channel, 'category_id', c.category_id,
           'region_code', c.region_code, 'is_anonymous', c.is_anonymous, 'is_confidential', c.is_confidential, 'due_at', c.due_at,
           'reporter_id', r.id, 'event_id', e.id),
         $32
  FROM c, r, e
), n AS (
  INSERT INTO notification (tenant_id, channel, recipient, template, locale, params, dedupe_key, related_type, related_id, last_error, status)
  SELECT c.tenant_id, $34, $35, $36, $37, $38::jsonb, 'complaint:' || c.id::text || ':received:' || r.id::text, 'complaint', c.id::text, $39, $40
  FROM c, r WHERE $33::boolean
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
    b.reporter.name, b.reporter.phone, b.reporter.email, b.reporter.user_id, b.reporter.locale, b.reporter.wants_updates,
    b.event.actor_id, b.event.actor_label, b.event.data,
    b.audit.actorId, b.audit.actorLabel, b.audit.requestId,
    n !== null, n?.channel ?? null, n?.recipient ?? null, n?.template ?? null, n?.locale ?? null, n ? JSON.stringify(n.params) : null,
    n?.failedWith ?? null, n?.failedWith ? 'failed' : 'pending',
  ];
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

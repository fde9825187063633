/**
 * SQL of the complaint desk (issue #3, B2): internal timeline events, the inboxes, similar
 * reports, merging and statistics. Every query filters by tenant_id. The sweep's scans and
 * the escalation claims are in sweep-repo.ts.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { Role } from '../auth/tables.js';
import type { ComplaintStatus } from './state-machine.js';

// --- timeline events written by the desk, the sweep and the ladder ----------------------

export async function insertDeskEvent(
  tx: Executor,
  tenantId: string,
  e: { complaintId: string; type: string; note?: string | null; actorId?: string | null; actorLabel: string; opdId: string | null; data: Record<string, unknown>; at?: Date },
) {
  return tx
    .insertInto('complaint_event')
    .values({
      tenant_id: tenantId,
      complaint_id: e.complaintId,
      type: e.type,
      from_status: null,
      to_status: null,
      visibility: 'internal',
      note: e.note ?? null,
      actor_id: e.actorId ?? null,
      actor_label: e.actorLabel,
      opd_id: e.opdId,
      charged_to: null,
      data: JSON.stringify(e.data),
      ...(e.at ? { at: e.at } : {}),
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

// Who to tell lives with the users and roles (auth/repo.ts); re-exported for the callers here.
export { recipients, type Recipient } from '../auth/repo.js';

export async function opdName(db: Executor, tenantId: string, opdId: string | null): Promise<string | null> {
  if (!opdId) return null;
  const row = await db.selectFrom('opd').select('name').where('tenant_id', '=', tenantId).where('id', '=', opdId).executeTakeFirst();
  return row?.name ?? null;
}

// --- inboxes ------------------------------------------------------------------------------

export type InboxView = 'verification' | 'opd_new' | 'due_soon' | 'overdue' | 'escalated' | 'all';
export type InboxOrder = 'due' | 'recent';

export interface InboxFilter {
  tenantId: string;
  view: InboxView;
  now: Date;
  /** Upper bound of "due soon": the end of the next working day (set by the service). */
  dueSoonUntil: Date;
  /** OPD scope of the actor: null = every case of the tenant. */
  opdScope: string[] | null;
  q?: string;
  status?: ComplaintStatus;
  opdId?: string;
  categoryId?: string;
  regionCode?: string;
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** Keyset cursor: the sort key (ms-precision ISO or null) and id of the last row seen. */
  after?: { k: string | null; id: string } | null;
  limit: number;
  withDescription?: boolean;
}

const OPEN: ComplaintStatus[] = ['received', 'held', 'verified', 'routed', 'accepted', 'in_progress', 'resolved'];
const WORKING: ComplaintStatus[] = ['received', 'held', 'verified', 'routed', 'accepted', 'in_progress'];

export function inboxOrder(view: InboxView): InboxOrder {
  return view === 'all' ? 'recent' : 'due';
}

/** The inbox query without order and page: shared by the list, the count and the export. */
function inboxBase(db: Executor, f: Omit<InboxFilter, 'after' | 'limit'>) {
  let q = db
    .selectFrom('complaint as c')
    .leftJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.opd_id'))
    .leftJoin('complaint_category as k', (j) => j.onRef('k.tenant_id', '=', 'c.tenant_id').onRef('k.id', '=', 'c.category_id'))
    .leftJoin('region as g', (j) => j.onRef('g.tenant_id', '=', 'c.tenant_id').onRef('g.code', '=', 'c.region_code'))
    .where('c.tenant_id', '=', f.tenantId);
  if (f.opdScope) {
    // An empty scope matches nothing.
    q = f.opdScope.length ? q.where('c.opd_id', 'in', f.opdScope) : q.where(sql<boolean>`false`);
  }
  switch (f.view) {
    case 'verification':
      q = q.where('c.status', 'in', ['received', 'held', 'verified']);
      break;
    case 'opd_new':
      q = q.where('c.status', '=', 'routed');
      break;
    case 'due_soon':
      q = q.where('c.status', 'in', WORKING).where('c.due_at', '>', f.now).where('c.due_at', '<=', f.dueSoonUntil);
      break;
    case 'overdue':
      q = q.where('c.status', 'in', WORKING).where('c.due_at', '<=', f.now);
      break;
    case 'escalated':
      q = q.where('c.status', 'in', OPEN).where('c.escalation_level', '>', 0);
      break;
    case 'all':
      break;
  }
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.opdId) q = q.where('c.opd_id', '=', f.opdId);
  if (f.categoryId) q = q.where('c.category_id', '=', f.categoryId);
  if (f.regionCode) {
    const code = f.regionCode;
    q = q.where((eb) => eb.or([eb('c.region_code', '=', code), eb('c.region_code', 'like', `${code}.%`)]));
  }
  if (f.receivedFrom) q = q.where('c.received_at', '>=', f.receivedFrom);
  if (f.receivedBefore) q = q.where('c.received_at', '<', f.receivedBefore);
  if (f.q) q = q.where(sql<boolean>`c.search @@ websearch_to_tsquery('indonesian', ${f.q})`);
  return q;
}

export async function countInbox(db: Executor, f: Omit<InboxFilter, 'after' | 'limit'>): Promise<number> {
  const row = await inboxBase(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listInbox(db: Executor, f: InboxFilter) {
  const order = inboxOrder(f.view);
  const key = order === 'due' ? sql<Date | null>`date_trunc('milliseconds', c.due_at)` : sql<Date>`date_trunc('milliseconds', c.received_at)`;
  let q = inboxBase(db, f)
    .select([
      'c.id', 'c.tracking_code', 'c.kind', 'c.channel', 'c.title', 'c.status', 'c.category_id', 'c.region_code', 'c.opd_id',
      'c.due_at', 'c.due_stage', 'c.escalation_level', 'c.escalated_at', 'c.is_anonymous', 'c.is_confidential',
      'c.reporter_count', 'c.received_at', 'c.resolved_at', 'c.closed_at', 'c.rating', 'c.merged_into_id',
      'o.name as opd_name', 'k.name as category_name', 'g.name as region_name',
    ])
    .select(key.as('sort_key'))
    // Descriptions may be long (up to 100 KB): only the export reads them.
    .select(f.withDescription ? sql<string | null>`c.description`.as('description') : sql<string | null>`NULL::text`.as('description'));
  if (f.after) {
    const { k, id } = f.after;
    if (order === 'due') {
      // due_at ascending, cases without a deadline last, ties by id.
      q = k === null
        ? q.where(sql<boolean>`c.due_at IS NULL AND c.id > ${id}::uuid`)
        : q.where(sql<boolean>`(c.due_at IS NULL OR (${key}, c.id) > (${k}::timestamptz, ${id}::uuid))`);
    } else {
      q = q.where(sql<boolean>`(${key}, c.id) < (${k}::timestamptz, ${id}::uuid)`);
    }
  }
  q = order === 'due'
    ? q.orderBy(sql`date_trunc('milliseconds', c.due_at) ASC NULLS LAST`).orderBy('c.id', 'asc')
    : q.orderBy(sql`date_trunc('milliseconds', c.received_at) DESC`).orderBy('c.id', 'desc');
  return q.limit(f.limit).execute();
}

/** Reporters of several cases (export for audiences that may see personal data). */
export async function reportersOf(db: Executor, tenantId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('complaint_reporter')
    .select(['complaint_id', 'name', 'phone', 'email', 'is_anonymous'])
    .where('tenant_id', '=', tenantId)
    .where('complaint_id', 'in', ids)
    .orderBy('complaint_id')
    .orderBy('created_at')
    .execute();
}

export type InboxRow = Awaited<ReturnType<typeof listInbox>>[number];

/** One case of the tenant (the desk services check the actor's scope on it). */
export async function getCaseForDesk(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('complaint').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

// --- similar reports and merging ------------------------------------------------------------

/** Statuses a duplicate can be found among (and merged from or into): open, not yet resolved. */
export const MERGEABLE: ComplaintStatus[] = ['received', 'held', 'verified', 'routed', 'accepted', 'in_progress'];

export interface SimilarQuery {
  title: string;
  description?: string | null;
  categoryId?: string | null;
  /** Any region code: matched on its kecamatan (PP.KK.CC), so reports from neighbouring desa match. */
  regionCode?: string | null;
  excludeId?: string;
  limit: number;
}

/**
 * Open reports of the tenant like the given one: same category, same kecamatan, and a
 * similar title by trigrams (pg_trgm `%`, complaint_title_trgm_idx) or a match of any of
 * the title's words in the Indonesian full text (complaint_search_idx).
 */
export async function similarReports(db: Executor, tenantId: string, s: SimilarQuery) {
  const words = sql`replace(plainto_tsquery('indonesian', ${s.title})::text, '&', '|')::tsquery`;
  const score = sql<number>`(0.6 * similarity(c.title, ${s.title}) + 0.4 * least(1.0, ts_rank(c.search, ${words}) * 10))`;
  let q = db
    .selectFrom('complaint as c')
    .select(['c.id', 'c.tracking_code', 'c.title', 'c.status', 'c.category_id', 'c.region_code', 'c.opd_id', 'c.received_at', 'c.reporter_count'])
    .select(score.as('score'))
    .where('c.tenant_id', '=', tenantId)
    .where('c.status', 'in', MERGEABLE)
    .where(sql<boolean>`(c.title % ${s.title} OR c.search @@ ${words})`);
  if (s.excludeId) q = q.where('c.id', '<>', s.excludeId);
  if (s.categoryId) q = q.where('c.category_id', '=', s.categoryId);
  if (s.regionCode) q = q.where(sql<boolean>`left(c.region_code, 8) = left(${s.regionCode}, 8)`);
  return q.orderBy(sql`score`, 'desc').orderBy('c.received_at', 'desc').limit(s.limit).execute();
}

/** Moves every reporter of `fromId` to `intoId`, remembering the report each one filed. */
export async function moveReporters(tx: Executor, tenantId: string, fromId: string, intoId: string): Promise<string[]> {
  const rows = await tx
    .updateTable('complaint_reporter')
    .set({ complaint_id: intoId, original_complaint_id: sql<string>`coalesce(original_complaint_id, complaint_id)` })
    .where('tenant_id', '=', tenantId)
    .where('complaint_id', '=', fromId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Adds `n` reporters to an open target (atomic increment; undefined when it is no longer open). */
export async function addReporterCount(tx: Executor, tenantId: string, id: string, n: number) {
  return tx
    .updateTable('complaint')
    .set({ reporter_count: sql<number>`reporter_count + ${n}`, updated_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', 'in', MERGEABLE)
    .returning(['id', 'reporter_count', 'tracking_code', 'title', 'status', 'opd_id'])
    .executeTakeFirst();
}

/** Locks the rows of both reports, in id order (two merges crossing each other cannot deadlock). */
export async function lockCases(tx: Executor, tenantId: string, ids: string[]): Promise<void> {
  await tx.selectFrom('complaint').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

// --- public statistics ----------------------------------------------------------------------

export interface StatsGroupRow {
  key: string | null;
  status: ComplaintStatus;
  n: number;
  finished: number;
  on_time: number;
}

/**
 * Counts of the tenant's reports by group and status, with how many were finished (resolved
 * or closed after a response) and how many of those never missed a deadline of the party
 * counted (per OPD: no late step charged to that OPD; per kecamatan: no late step at all).
 * Merged duplicates are not counted twice. Counts only: no titles, no personal data.
 */
export async function statsBy(db: Executor, tenantId: string, by: 'opd' | 'kecamatan', range: { from?: Date; before?: Date }): Promise<StatsGroupRow[]> {
  const key = by === 'opd' ? sql<string | null>`c.opd_id::text` : sql<string | null>`left(c.region_code, 8)`;
  const late = by === 'opd'
    ? sql<boolean>`EXISTS (SELECT 1 FROM complaint_event e WHERE e.tenant_id = c.tenant_id AND e.complaint_id = c.id AND e.is_late AND e.charged_to = c.opd_id::text)`
    : sql<boolean>`EXISTS (SELECT 1 FROM complaint_event e WHERE e.tenant_id = c.tenant_id AND e.complaint_id = c.id AND e.is_late)`;
  const finished = sql<boolean>`(c.status IN ('resolved', 'closed') AND c.resolved_at IS NOT NULL)`;
  let q = db
    .selectFrom('complaint as c')
    .select([key.as('key'), 'c.status'])
    .select(sql<number>`count(*)`.as('n'))
    .select(sql<number>`count(*) FILTER (WHERE ${finished})`.as('finished'))
    .select(sql<number>`count(*) FILTER (WHERE ${finished} AND NOT ${late})`.as('on_time'))
    .where('c.tenant_id', '=', tenantId)
    .where('c.status', '<>', 'merged');
  if (by === 'opd') q = q.where('c.opd_id', 'is not', null);
  else q = q.where('c.region_code', 'is not', null);
  if (range.from) q = q.where('c.received_at', '>=', range.from);
  if (range.before) q = q.where('c.received_at', '<', range.before);
  const rows = await q.groupBy([key, 'c.status']).execute();
  return rows.map((r) => ({ key: r.key, status: r.status, n: Number(r.n), finished: Number(r.finished), on_time: Number(r.on_time) }));
}

export async function statsTotals(db: Executor, tenantId: string, range: { from?: Date; before?: Date }) {
  let q = db.selectFrom('complaint as c').select(['c.status']).select(sql<number>`count(*)`.as('n')).where('c.tenant_id', '=', tenantId).where('c.status', '<>', 'merged');
  if (range.from) q = q.where('c.received_at', '>=', range.from);
  if (range.before) q = q.where('c.received_at', '<', range.before);
  return (await q.groupBy('c.status').execute()).map((r) => ({ status: r.status, n: Number(r.n) }));
}

export async function opdNames(db: Executor, tenantId: string) {
  return db.selectFrom('opd').select(['id', 'name']).where('tenant_id', '=', tenantId).execute();
}

export async function kecamatanNames(db: Executor, tenantId: string) {
  return db.selectFrom('region').select(['code', 'name']).where('tenant_id', '=', tenantId).where('level', '=', 'kecamatan').execute();
}

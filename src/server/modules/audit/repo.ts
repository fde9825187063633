/**
 * SQL of the audit module: reading the trail, sealing rows into each tenant's hash chain,
 * walking the chain for verification. Every query filters by tenant, except the scan for
 * tenants with unsealed rows (the sealer's work list) and the tenant lookups of the CLI.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { AuditRowContent } from './hash.js';

/**
 * Advisory-lock namespace of the chain sealer (first key of the two-int4 form; the second
 * is hashtext(tenant_id)). The two-key form lives in a different lock space from the
 * one-bigint key used by migrate.ts, so the two can never collide.
 */
const SEAL_LOCK_NAMESPACE = 0x41554454; // 'AUDT'

/** The row content in the text forms hashing needs (hash.ts). */
function contentColumns() {
  return [
    'tenant_id',
    'id',
    sql<string>`to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_text'),
    'actor_id',
    'actor_label',
    'action',
    'entity_type',
    'entity_id',
    sql<string | null>`"before"::text`.as('before_text'),
    sql<string | null>`"after"::text`.as('after_text'),
    'request_id',
  ] as const;
}

interface ContentRow {
  tenant_id: string;
  id: number;
  at_text: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_text: string | null;
  after_text: string | null;
  request_id: string | null;
}

function toContent(r: ContentRow): AuditRowContent {
  return {
    tenantId: r.tenant_id,
    id: Number(r.id),
    at: r.at_text,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    beforeText: r.before_text,
    afterText: r.after_text,
    requestId: r.request_id,
  };
}

// --- sealing --------------------------------------------------------------------------

/**
 * Serialises sealers of one tenant until the transaction ends; sealers of other tenants
 * do not wait (unless two tenant ids share a hashtext value, which only costs a wait).
 */
export async function lockTenantChain(tx: Executor, tenantId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK_NAMESPACE}::int4, hashtext(${tenantId}::text))`.execute(tx);
}

export async function getChainHead(db: Executor, tenantId: string) {
  const row = await db
    .selectFrom('audit_chain_head')
    .select(['last_pos', 'last_hash'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row ? { lastPos: Number(row.last_pos), lastHash: row.last_hash } : null;
}

/** Committed, unsealed rows of a tenant in id order (uses audit_log_unsealed_idx). */
export async function takeUnsealed(tx: Executor, tenantId: string, limit: number): Promise<AuditRowContent[]> {
  const rows = await tx
    .selectFrom('audit_log')
    .select(contentColumns())
    .where('tenant_id', '=', tenantId)
    .where('chain_pos', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => toContent(r as ContentRow));
}

export interface Seal {
  id: number;
  chainPos: number;
  prevHash: string;
  hash: string;
}

/**
 * Writes chain_pos, prev_hash and hash of a batch in one statement. The guard trigger
 * lets an UPDATE through only for an unsealed row whose content is unchanged; the
 * `chain_pos IS NULL` condition makes a lost race visible as a short count instead.
 */
export async function applySeals(tx: Executor, tenantId: string, seals: Seal[]): Promise<number> {
  if (seals.length === 0) return 0;
  const payload = JSON.stringify(seals.map((s) => ({ id: s.id, pos: s.chainPos, prev: s.prevHash, hash: s.hash })));
  const res = await sql<{ id: number }>`
    UPDATE audit_log AS a
       SET chain_pos = v.pos, prev_hash = v.prev, hash = v.hash
      FROM jsonb_to_recordset(${payload}::jsonb) AS v(id bigint, pos bigint, prev text, hash text)
     WHERE a.tenant_id = ${tenantId} AND a.id = v.id AND a.chain_pos IS NULL
    RETURNING a.id`.execute(tx);
  return res.rows.length;
}

export async function upsertChainHead(tx: Executor, tenantId: string, lastPos: number, lastHash: string): Promise<void> {
  await tx
    .insertInto('audit_chain_head')
    .values({ tenant_id: tenantId, last_pos: lastPos, last_hash: lastHash })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ last_pos: lastPos, last_hash: lastHash, sealed_at: sql`now()` }))
    .execute();
}

/**
 * Tenants that have unsealed rows, in id order after `afterTenantId`. Reads only the
 * partial index audit_log_unsealed_idx, whose size is the backlog, not the history.
 */
export async function tenantsWithUnsealed(db: Executor, afterTenantId: string | null, limit: number): Promise<string[]> {
  let q = db.selectFrom('audit_log').select('tenant_id').where('chain_pos', 'is', null);
  if (afterTenantId) q = q.where('tenant_id', '>', afterTenantId);
  const rows = await q.groupBy('tenant_id').orderBy('tenant_id').limit(limit).execute();
  return rows.map((r) => r.tenant_id);
}

// --- verification ---------------------------------------------------------------------

export interface ChainRow extends AuditRowContent {
  chainPos: number;
  prevHash: string | null;
  hash: string | null;
}

/** Sealed rows with afterPos < chain_pos <= uptoPos, in chain order. */
export async function chainBatch(db: Executor, tenantId: string, afterPos: number, uptoPos: number, limit: number): Promise<ChainRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select([...contentColumns(), 'chain_pos', 'prev_hash', 'hash'])
    .where('tenant_id', '=', tenantId)
    .where('chain_pos', '>', afterPos)
    .where('chain_pos', '<=', uptoPos)
    .orderBy('chain_pos')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...toContent(r as ContentRow),
    chainPos: Number(r.chain_pos),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export async function countUnsealed(db: Executor, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('chain_pos', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function maxChainPos(db: Executor, tenantId: string): Promise<number | null> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('chain_pos').as('max'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row?.max == null ? null : Number(row.max);
}

// --- listing --------------------------------------------------------------------------

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  /** Keyset cursor: only rows with a smaller id. */
  beforeId?: number;
  limit: number;
}

/** Newest first, by id (the primary key (tenant_id, id) serves the order). */
export async function listAuditRows(db: Executor, tenantId: string, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id', 'chain_pos'])
    .where('tenant_id', '=', tenantId);
  if (f.entityType !== undefined) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId !== undefined) q = q.where('entity_id', '=', f.entityId);
  if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

export type AuditListRow = Awaited<ReturnType<typeof listAuditRows>>[number];

// --- tenants (CLI) --------------------------------------------------------------------

export async function listTenants(db: Executor) {
  return db.selectFrom('tenant').select(['id', 'code', 'name']).orderBy('code').execute();
}

export async function tenantByCode(db: Executor, code: string) {
  return db.selectFrom('tenant').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}

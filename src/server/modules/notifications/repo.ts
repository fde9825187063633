/**
 * All SQL of the notifications module. Tenant-facing queries filter by tenant_id; the
 * delivery claim and the digest's tenant list are the two deliberate cross-tenant queries
 * of the system jobs (every row they return carries its tenant_id, and every follow-up
 * write names it).
 */
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { NotificationChannel, NotificationStatus, NotificationTable } from './tables.js';

export type NotificationRow = Selectable<NotificationTable>;

/** A claimed row with what rendering needs from its tenant. */
export interface ClaimedNotification extends NotificationRow {
  tenant_slug: string;
  tenant_name: string;
  tenant_timezone: string;
}

export interface NewNotificationRow {
  tenantId: string;
  channel: NotificationChannel;
  recipient: string;
  template: string;
  locale: 'id' | 'en';
  params: Record<string, unknown>;
  dedupeKey: string | null;
  relatedType: string | null;
  relatedId: string | null;
  /** Set for a message that cannot be sent at all (an unusable recipient): stored as failed. */
  failedWith?: string | null;
}

/** Inserts a message; with a dedupe key already used in the tenant, returns the earlier one. */
export async function insertNotification(db: Executor, n: NewNotificationRow): Promise<{ id: string; created: boolean }> {
  const row = await db
    .insertInto('notification')
    .values({
      tenant_id: n.tenantId,
      channel: n.channel,
      recipient: n.recipient,
      template: n.template,
      locale: n.locale,
      params: JSON.stringify(n.params),
      dedupe_key: n.dedupeKey,
      related_type: n.relatedType,
      related_id: n.relatedId,
      last_error: n.failedWith ?? null,
      ...(n.failedWith ? { status: 'failed' as const } : {}),
      sent_at: null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { id: row.id, created: true };
  const existing = await db
    .selectFrom('notification')
    .select('id')
    .where('tenant_id', '=', n.tenantId)
    .where('dedupe_key', '=', n.dedupeKey)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/**
 * Claims up to `limit` due messages of any tenant: pending ones whose time has come, and
 * 'sending' ones whose lease ran out (their deliverer died). FOR UPDATE SKIP LOCKED keeps
 * concurrent deliverers on disjoint rows; the claimed rows become 'sending' with a lease
 * of `leaseSeconds` (kept in next_attempt_at) and one more attempt counted.
 */
export async function claimDue(db: Executor, opts: { limit: number; leaseSeconds: number; tenantId?: string | null }): Promise<ClaimedNotification[]> {
  const tenantId = opts.tenantId ?? null;
  const { rows } = await sql<ClaimedNotification>`
    UPDATE notification AS n
       SET status = 'sending',
           attempts = n.attempts + 1,
           next_attempt_at = now() + ${opts.leaseSeconds}::int * interval '1 second'
      FROM tenant AS t
     WHERE t.id = n.tenant_id
       AND (n.tenant_id, n.id) IN (
         SELECT c.tenant_id, c.id FROM notification AS c
          WHERE c.status IN ('pending', 'sending') AND c.next_attempt_at <= now()
            AND (${tenantId}::uuid IS NULL OR c.tenant_id = ${tenantId}::uuid)
          ORDER BY c.next_attempt_at
          LIMIT ${opts.limit}
          FOR UPDATE SKIP LOCKED)
    RETURNING n.*, t.slug AS tenant_slug, t.name AS tenant_name, t.timezone AS tenant_timezone`.execute(db);
  return rows;
}

/** Marks a claimed message sent, if this claim still holds it (same attempt, still 'sending'). */
export async function markSent(db: Executor, row: { tenant_id: string; id: string; attempts: number }): Promise<boolean> {
  const res = await db
    .updateTable('notification')
    .set({ status: 'sent', sent_at: sql<Date>`now()`, last_error: null })
    .where('tenant_id', '=', row.tenant_id)
    .where('id', '=', row.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Records a failed attempt: back to 'pending' after `retryInSeconds`, or 'failed' when
 * `giveUp`. Returns the new status, or null when this claim no longer held the row.
 */
export async function markAttemptFailed(
  db: Executor,
  row: { tenant_id: string; id: string; attempts: number },
  opts: { error: string; giveUp: boolean; retryInSeconds: number },
): Promise<NotificationStatus | null> {
  const res = await db
    .updateTable('notification')
    .set({
      status: opts.giveUp ? 'failed' : 'pending',
      last_error: opts.error,
      next_attempt_at: opts.giveUp ? sql<Date>`now()` : sql<Date>`now() + ${Math.round(opts.retryInSeconds)}::int * interval '1 second'`,
    })
    .where('tenant_id', '=', row.tenant_id)
    .where('id', '=', row.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', row.attempts)
    .returning('status')
    .executeTakeFirst();
  return res?.status ?? null;
}

export async function listNotifications(db: Executor, opts: { tenantId: string; status: NotificationStatus | null; limit: number }): Promise<NotificationRow[]> {
  let q = db.selectFrom('notification').selectAll().where('tenant_id', '=', opts.tenantId);
  if (opts.status) q = q.where('status', '=', opts.status);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(opts.limit).execute();
}

export async function getNotification(db: Executor, tenantId: string, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notification').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** A failed message back to the queue, due now, with fresh attempts. Only a failed one. */
export async function requeueFailed(db: Executor, tenantId: string, id: string): Promise<NotificationRow | undefined> {
  return db
    .updateTable('notification')
    .set({ status: 'pending', attempts: 0, next_attempt_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------
// Daily digest

export interface DigestTenant {
  id: string;
  slug: string;
  name: string;
  timezone: string;
}

/** Tenants with at least one active kepala_opd (the only ones a digest can go to). */
export async function tenantsWithOpdHeads(db: Executor, onlyTenantId: string | null = null): Promise<DigestTenant[]> {
  let q = db.selectFrom('tenant');
  if (onlyTenantId) q = q.where('tenant.id', '=', onlyTenantId);
  return q
    .select(['tenant.id', 'tenant.slug', 'tenant.name', 'tenant.timezone'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_role')
          .innerJoin('app_user', (j) => j.onRef('app_user.tenant_id', '=', 'user_role.tenant_id').onRef('app_user.id', '=', 'user_role.user_id'))
          .select(sql`1`.as('one'))
          .whereRef('user_role.tenant_id', '=', 'tenant.id')
          .where('user_role.role', '=', 'kepala_opd')
          .where('user_role.opd_id', 'is not', null)
          .where('app_user.is_active', '=', true),
      ),
    )
    .orderBy('tenant.id')
    .execute();
}

export interface OpdHead {
  opdId: string;
  opdName: string;
  userId: string;
  email: string;
  locale: 'id' | 'en';
}

export async function opdHeads(db: Executor, tenantId: string): Promise<OpdHead[]> {
  return db
    .selectFrom('user_role')
    .innerJoin('app_user', (j) => j.onRef('app_user.tenant_id', '=', 'user_role.tenant_id').onRef('app_user.id', '=', 'user_role.user_id'))
    .innerJoin('opd', (j) => j.onRef('opd.tenant_id', '=', 'user_role.tenant_id').onRef('opd.id', '=', 'user_role.opd_id'))
    .select(['opd.id as opdId', 'opd.name as opdName', 'app_user.id as userId', 'app_user.email as email', 'app_user.locale as locale'])
    .where('user_role.tenant_id', '=', tenantId)
    .where('user_role.role', '=', 'kepala_opd')
    .where('app_user.is_active', '=', true)
    .orderBy('opd.id')
    .orderBy('app_user.id')
    .execute() as Promise<OpdHead[]>;
}

/** Statuses in which a case is on an OPD's desk. */
export const OPD_OPEN_STATUSES = ['routed', 'accepted', 'in_progress'] as const;

export interface DigestCase {
  opd_id: string;
  bucket: 'overdue' | 'due_soon' | 'new';
  tracking_code: string;
  title: string;
  due_at: Date | null;
  /** Cases of this OPD in this bucket (the same on each row of the group). */
  total: number;
  rank: number;
}

/**
 * The cases of the given OPDs worth a digest line, by bucket: overdue (due_at passed),
 * due soon (due within `dueSoonHours`), new (routed within the last `newHours`); a case
 * counts once, in the first of these that applies. At most `perBucket` rows per OPD and
 * bucket are returned, each with the bucket's total.
 */
export async function digestCases(
  db: Executor,
  opts: { tenantId: string; opdIds: string[]; dueSoonHours: number; newHours: number; perBucket: number },
): Promise<DigestCase[]> {
  if (!opts.opdIds.length) return [];
  const { rows } = await sql<DigestCase>`
    WITH open_case AS (
      SELECT c.opd_id, c.tracking_code, c.title, c.due_at,
             CASE WHEN c.due_at < now() THEN 'overdue'
                  WHEN c.due_at < now() + ${opts.dueSoonHours}::int * interval '1 hour' THEN 'due_soon'
                  ELSE 'new' END AS bucket,
             c.routed_at
        FROM complaint AS c
       WHERE c.tenant_id = ${opts.tenantId}
         AND c.opd_id = ANY(${opts.opdIds}::uuid[])
         AND c.status IN ('routed', 'accepted', 'in_progress')
         AND (c.due_at < now() + ${opts.dueSoonHours}::int * interval '1 hour'
              OR c.routed_at >= now() - ${opts.newHours}::int * interval '1 hour')
    ), ranked AS (
      SELECT o.*, count(*) OVER (PARTITION BY o.opd_id, o.bucket)::int AS total,
             row_number() OVER (PARTITION BY o.opd_id, o.bucket ORDER BY o.due_at NULLS LAST, o.tracking_code)::int AS rank
        FROM open_case AS o
    )
    SELECT opd_id, bucket, tracking_code, title, due_at, total, rank
      FROM ranked WHERE rank <= ${opts.perBucket}
     ORDER BY opd_id, bucket, rank`.execute(db);
  return rows;
}

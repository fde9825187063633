/**
 * SQL of the provisional-deadline recompute (recompute.ts): which tenants and years have
 * provisional deadlines, the cases of one, and the claim and update of one case. Every
 * query filters by tenant_id; the partial index complaint_due_provisional_idx serves them.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { ComplaintRow } from './repo.js';

/** (tenant, year) pairs that have open cases with a deadline provisional for that year. */
export async function provisionalYears(db: Executor, tenantId: string | null) {
  let q = db
    .selectFrom('complaint')
    .select(['tenant_id', sql<number>`due_provisional_year::int`.as('year')])
    .distinct()
    .where('due_provisional_year', 'is not', null)
    .where('due_at', 'is not', null);
  if (tenantId) q = q.where('tenant_id', '=', tenantId);
  return q.orderBy('tenant_id').orderBy('year').execute();
}

/** One bounded batch of the cases provisional for `year`, in id order after `afterId`. */
export async function provisionalCaseIds(db: Executor, tenantId: string, year: number, afterId: string | null, limit: number): Promise<string[]> {
  let q = db
    .selectFrom('complaint')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('due_provisional_year', '=', year)
    .where('due_at', 'is not', null);
  if (afterId) q = q.where('id', '>', afterId);
  return (await q.orderBy('id').limit(limit).execute()).map((r) => r.id);
}

/**
 * Locks a case that is still provisional for `year` (else undefined). SKIP LOCKED: a case
 * another recompute (or a transition) holds right now is left to it or to the next run.
 */
export async function claimProvisional(tx: Executor, tenantId: string, id: string, year: number) {
  return tx
    .selectFrom('complaint')
    .select(['id', 'kind', 'category_id', 'opd_id', 'status', 'due_at', 'due_stage', 'due_from', 'due_rule_id', 'due_provisional_year'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('due_provisional_year', '=', year)
    .where('due_at', 'is not', null)
    .where('due_from', 'is not', null)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export type ProvisionalCase = NonNullable<Awaited<ReturnType<typeof claimProvisional>>>;

/** The recomputed deadline of a claimed case (its row lock is held: nobody changed it meanwhile). */
export async function setDue(
  tx: Executor,
  tenantId: string,
  id: string,
  due: { due_at: Date; due_provisional_year: number | null },
): Promise<ComplaintRow['due_at']> {
  const row = await tx
    .updateTable('complaint')
    .set({ ...due, updated_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returning('due_at')
    .executeTakeFirstOrThrow();
  return row.due_at;
}

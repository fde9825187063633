/**
 * SQL of the provisional-deadline recompute (recompute.ts): which tenants and years have
 * provisional deadlines, the cases of one, and the claim and update of one case. A case
 * carries up to three working-day deadlines, its clocks (ADR 0025): the running stage's
 * (`due_*`), the completion clock's (`completion_*`, ADR 0024) and the escalation climb's
 * next level (`escalation_*`, counted from `escalated_at`). Every query filters by
 * tenant_id; a partial index per clock serves them.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/index.js';

/** The columns of one clock: due instant, origin, rule version, provisional year. */
export const CLOCKS = {
  due: { at: 'due_at', from: 'due_from', rule: 'due_rule_id', year: 'due_provisional_year' },
  completion: { at: 'completion_due_at', from: 'completion_from', rule: 'completion_rule_id', year: 'completion_provisional_year' },
  escalation: { at: 'escalation_due_at', from: 'escalated_at', rule: 'escalation_rule_id', year: 'escalation_provisional_year' },
} as const;
export type Clock = keyof typeof CLOCKS;
export const CLOCK_NAMES = Object.keys(CLOCKS) as Clock[];

/** (tenant, year) pairs that have open cases with a deadline on `clock` provisional for that year. */
export async function provisionalYears(db: Executor, clock: Clock, tenantId: string | null) {
  const c = CLOCKS[clock];
  let q = db
    .selectFrom('complaint')
    .select(['tenant_id', sql<number>`${sql.ref(c.year)}::int`.as('year')])
    .distinct()
    .where(c.year, 'is not', null)
    .where(c.at, 'is not', null);
  if (tenantId) q = q.where('tenant_id', '=', tenantId);
  return q.orderBy('tenant_id').orderBy('year').execute();
}

/** One bounded batch of the cases whose `clock` is provisional for `year`, in id order after `afterId`. */
export async function provisionalCaseIds(db: Executor, clock: Clock, tenantId: string, year: number, afterId: string | null, limit: number): Promise<string[]> {
  const c = CLOCKS[clock];
  let q = db.selectFrom('complaint').select('id').where('tenant_id', '=', tenantId).where(c.year, '=', year).where(c.at, 'is not', null);
  if (afterId) q = q.where('id', '>', afterId);
  return (await q.orderBy('id').limit(limit).execute()).map((r) => r.id);
}

/**
 * Locks a case whose `clock` is still provisional for `year` (else undefined), with what
 * recomputing it needs. SKIP LOCKED: a case another recompute (or a transition) holds right
 * now is left to it or to the next run.
 */
export async function claimProvisional(tx: Executor, clock: Clock, tenantId: string, id: string, year: number) {
  const c = CLOCKS[clock];
  const row = await tx
    .selectFrom('complaint')
    .select(['id', 'kind', 'category_id', 'opd_id', 'status', 'due_stage', 'escalation_level'])
    .select([sql<Date>`${sql.ref(c.at)}`.as('at'), sql<Date>`${sql.ref(c.from)}`.as('from'), sql<string | null>`${sql.ref(c.rule)}`.as('rule_id')])
    .select(sql<number>`${sql.ref(c.year)}::int`.as('year'))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where(c.year, '=', year)
    .where(c.at, 'is not', null)
    .where(c.from, 'is not', null)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row ? { ...row, at: new Date(row.at), from: new Date(row.from) } : undefined;
}

export type ProvisionalCase = NonNullable<Awaited<ReturnType<typeof claimProvisional>>>;

/** The recomputed deadline of a claimed case's clock (its row lock is held: nobody changed it meanwhile). */
export async function setClock(tx: Executor, clock: Clock, tenantId: string, id: string, due: { at: Date; year: number | null }): Promise<void> {
  const c = CLOCKS[clock];
  await tx
    .updateTable('complaint')
    .set({ [c.at]: due.at, [c.year]: due.year, updated_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/**
 * SQL of the deadline sweep and the escalation ladder (docs/adr/0013-deadline-sweep.md,
 * 0024-escalation-ladder.md): the candidate scans, and the conditional UPDATEs that claim a
 * reminder or an escalation level. The scans run for all tenants at once over
 * `complaint_due_idx` / `complaint_escalation_due_idx`; every claim that follows filters by
 * tenant and id.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/index.js';
import { MAX_ESCALATION_LEVEL, type ComplaintStatus, type DeadlineStage } from './state-machine.js';
import type { ComplaintKind } from './tables.js';
import { climbColumns, type ComputedDue } from './deadlines.js';

export interface SweepCandidate {
  tenant_id: string;
  id: string;
  tracking_code: string;
  title: string;
  kind: ComplaintKind;
  category_id: string | null;
  status: string;
  opd_id: string | null;
  due_at: Date | null;
  due_stage: DeadlineStage | null;
  escalation_level: number;
  escalation_due_at: Date | null;
  /** The instant the walk orders by: due_at, or escalation_due_at for the climb. */
  key: Date;
  timezone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
}

export interface DueCursor {
  key: Date;
  id: string;
}

/**
 * reminder: a deadline falls due soon; escalation: an OPD deadline was missed; climb: an
 * escalated case stayed untouched past its next level's due instant; auto_close: the
 * citizen stayed silent.
 */
export type SweepKind = 'reminder' | 'escalation' | 'climb' | 'auto_close';

/** Stages whose deadline a reminder warns about (auto_close waits on the citizen: no one to remind). */
export const REMINDER_STAGES: readonly DeadlineStage[] = ['verification', 'first_response', 'resolution'];
/** Stages held by an OPD: missing them escalates (OPD head → Sekda → Bupati). */
export const ESCALATION_STAGES: readonly DeadlineStage[] = ['first_response', 'resolution'];
const AT_OPD: ComplaintStatus[] = ['routed', 'accepted', 'in_progress'];

/**
 * One bounded batch of sweep candidates of a kind, in (key, id) order after `after`. The
 * range condition on the key uses complaint_due_idx (due_at) or, for the climb,
 * complaint_escalation_due_idx; the rest filters the scanned rows.
 */
export async function sweepCandidates(
  db: Executor,
  kind: SweepKind,
  opts: { now: Date; horizon: Date; after: DueCursor | null; limit: number; tenantId?: string },
): Promise<SweepCandidate[]> {
  const keyColumn = kind === 'climb' ? 'c.escalation_due_at' : 'c.due_at';
  const key = sql.ref(keyColumn);
  let q = db
    .selectFrom('complaint as c')
    .innerJoin('tenant as t', 't.id', 'c.tenant_id')
    .select([
      'c.tenant_id', 'c.id', 'c.tracking_code', 'c.title', 'c.kind', 'c.category_id', 'c.status', 'c.opd_id', 'c.due_stage',
      'c.escalation_level', 't.timezone',
    ])
    .select([sql<Date | null>`c.due_at`.as('due_at'), sql<Date | null>`c.escalation_due_at`.as('escalation_due_at'), sql<Date>`${key}`.as('key')])
    .where(keyColumn, 'is not', null);
  if (opts.tenantId) q = q.where('c.tenant_id', '=', opts.tenantId);
  if (opts.after) {
    const { key: k, id } = opts.after;
    q = q.where(sql<boolean>`(${key}, c.id) > (${k}::timestamptz, ${id}::uuid)`);
  }
  if (kind === 'reminder') {
    q = q
      .where('c.due_at', '>', opts.now)
      .where('c.due_at', '<=', opts.horizon)
      .where('c.due_stage', 'in', [...REMINDER_STAGES])
      .where(sql<boolean>`c.reminded_for_due IS DISTINCT FROM c.due_at`)
      .where('c.status', 'not in', ['resolved', 'closed', 'merged', 'rejected', 'archived']);
  } else if (kind === 'escalation') {
    q = q
      .where('c.due_at', '<=', opts.now)
      .where('c.due_stage', 'in', [...ESCALATION_STAGES])
      .where('c.status', 'in', AT_OPD)
      .where('c.opd_id', 'is not', null)
      .where('c.escalation_level', '<', MAX_ESCALATION_LEVEL)
      // one level per missed deadline: not yet escalated since this deadline was set
      .where((eb) => eb.or([eb('c.escalated_at', 'is', null), eb('c.escalated_at', '<', eb.ref('c.due_at'))]));
  } else if (kind === 'climb') {
    q = q
      .where('c.escalation_due_at', '<=', opts.now)
      .where('c.status', 'in', AT_OPD)
      .where('c.opd_id', 'is not', null)
      .where('c.escalation_level', '>=', 1)
      .where('c.escalation_level', '<', MAX_ESCALATION_LEVEL);
  } else {
    q = q.where('c.due_at', '<=', opts.now).where('c.due_stage', '=', 'auto_close').where('c.status', '=', 'resolved');
  }
  return (await q.orderBy(key).orderBy('c.id').limit(opts.limit).execute()) as SweepCandidate[];
}

/**
 * Claims the "due soon" reminder of the case's current deadline. Exactly one caller gets
 * the row back per due_at: a concurrent claim waits for the row lock, then re-checks the
 * condition and finds reminded_for_due already equal to due_at.
 */
export async function claimReminder(tx: Executor, tenantId: string, id: string) {
  return tx
    .updateTable('complaint')
    .set({ reminded_for_due: sql<Date>`due_at` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where(sql<boolean>`reminded_for_due IS DISTINCT FROM due_at`)
    .where('due_at', 'is not', null)
    .returning(['id', 'due_at', 'due_stage', 'opd_id', 'status'])
    .executeTakeFirst();
}

const CLAIMED = ['id', 'escalation_level', 'escalated_at', 'escalation_due_at', 'due_at', 'due_stage', 'opd_id', 'status'] as const;

/**
 * Claims one escalation step for a missed OPD deadline: from the level the sweeper saw, for
 * the deadline it saw (compared at millisecond precision, what a JS Date holds), and arms
 * the next level (`next`, null at the top).
 */
export async function claimEscalation(
  tx: Executor,
  tenantId: string,
  id: string,
  seen: { level: number; dueAt: Date },
  now: Date,
  next: ComputedDue | null,
) {
  return tx
    .updateTable('complaint')
    .set({ escalation_level: seen.level + 1, escalated_at: now, ...climbColumns(next) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('escalation_level', '=', seen.level)
    .where('escalation_level', '<', MAX_ESCALATION_LEVEL)
    .where(sql<boolean>`date_trunc('milliseconds', due_at) = date_trunc('milliseconds', ${seen.dueAt}::timestamptz)`)
    .where((eb) => eb.or([eb('escalated_at', 'is', null), eb('escalated_at', '<', eb.ref('due_at'))]))
    .returning(CLAIMED)
    .executeTakeFirst();
}

/**
 * Claims one climb of an untouched case: from the level the sweeper saw, for the next
 * level's due instant it saw — a transition that cleared or a step that moved
 * escalation_due_at in between makes the claim find nothing.
 */
export async function claimClimb(
  tx: Executor,
  tenantId: string,
  id: string,
  seen: { level: number; escalationDueAt: Date },
  now: Date,
  next: ComputedDue | null,
) {
  return tx
    .updateTable('complaint')
    .set({ escalation_level: seen.level + 1, escalated_at: now, ...climbColumns(next) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('escalation_level', '=', seen.level)
    .where('escalation_level', '<', MAX_ESCALATION_LEVEL)
    .where('status', 'in', AT_OPD)
    .where(sql<boolean>`date_trunc('milliseconds', escalation_due_at) = date_trunc('milliseconds', ${seen.escalationDueAt}::timestamptz)`)
    .returning(CLAIMED)
    .executeTakeFirst();
}

/** Claims an escalation the OPD asked for (one level up, whatever the deadline), arming the next level. */
export async function claimRequestedEscalation(tx: Executor, tenantId: string, id: string, seenLevel: number, now: Date, next: ComputedDue | null) {
  return tx
    .updateTable('complaint')
    .set({ escalation_level: seenLevel + 1, escalated_at: now, ...climbColumns(next), updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('escalation_level', '=', seenLevel)
    .where('escalation_level', '<', MAX_ESCALATION_LEVEL)
    .returning(CLAIMED)
    .executeTakeFirst();
}

export async function tenantRef(db: Executor, tenantId: string) {
  return db.selectFrom('tenant').select(['id', 'code', 'name', 'slug', 'timezone', 'is_demo']).where('id', '=', tenantId).executeTakeFirst();
}

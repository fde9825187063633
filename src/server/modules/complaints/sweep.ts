/**
 * The deadline sweep (`complaints.sweep`, every 60 s; docs/adr/0013-deadline-sweep.md).
 *
 * For every tenant at once it walks open cases in (due_at, id) order over
 * `complaint_due_idx` — and escalated ones in (escalation_due_at, id) order over
 * `complaint_escalation_due_idx` — in bounded batches, and
 *  - escalates a case whose OPD deadline passed by one level (1 kepala OPD → 2 Sekda →
 *    3 Bupati/Wali Kota) and arms the next level (`escalation_due_at`, ADR 0024);
 *  - climbs an escalated case nobody touched since: when its `escalation_due_at` passes it
 *    reaches the next level and arms the one after, up to level 3, where nothing is left;
 *  - reminds whoever holds a case whose deadline falls within one working day (the OPD's
 *    operators and head; the desk for the verification stage), once per deadline;
 *  - auto-closes resolved cases whose citizen stayed silent past the auto_close deadline.
 *
 * Each reminder and escalation level is claimed with a conditional UPDATE (sweep-repo.ts) in
 * its own transaction, together with its internal timeline event, its audit row and its
 * notifications (escalation.ts): two app processes sweeping at once, or a retried job,
 * never do one twice, and nothing is announced that did not commit. `now` is a parameter
 * so tests need no clock.
 */
import type { Db, Executor } from '../../db/index.js';
import { systemContext, type TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record.js';
import { loadWorkCalendar } from '../calendar/service.js';
import { addWorkingDays, localDate } from '../calendar/workdays.js';
import { enqueueNotification } from '../notifications/service.js';
import { announceEscalation, nextLevelDue } from './escalation.js';
import * as repo from './inbox-repo.js';
import * as sweepRepo from './sweep-repo.js';
import { MAX_ESCALATION_LEVEL } from './state-machine.js';
import { applyTransition } from './transitions.js';

export const SWEEP_LABEL = 'complaints.sweep';
/** Candidates read per query. */
export const SWEEP_BATCH = 100;
/** Batches per kind in one run: a run touches at most SWEEP_BATCH × SWEEP_MAX_BATCHES cases per kind. */
export const SWEEP_MAX_BATCHES = 20;
/**
 * How far ahead the reminder scan reads. "Due within one working day" is decided per tenant
 * on its calendar; this only bounds the scan, and must exceed the longest run of days off
 * (Idulfitri 2026 with cuti bersama: 18–24 March, plus a weekend).
 */
export const REMINDER_SCAN_DAYS = 12;

export interface SweepOptions {
  now?: Date;
  batchSize?: number;
  maxBatches?: number;
  /** Sweep one tenant only (CLI, tests); default: every tenant. */
  tenantId?: string;
}

export interface SweepResult {
  reminders: number;
  /** Levels reached: for a missed OPD deadline, and by an untouched case climbing. */
  escalations: number;
  autoClosed: number;
  /** Claims lost to another sweeper (or to a change of the case in between). */
  skipped: number;
}

type TenantCache = Map<string, TenantRef>;

async function tenantFor(db: Executor, cache: TenantCache, tenantId: string): Promise<TenantRef | null> {
  const hit = cache.get(tenantId);
  if (hit) return hit;
  const row = await sweepRepo.tenantRef(db, tenantId);
  if (!row) return null;
  const ref: TenantRef = { id: row.id, code: row.code, name: row.name, slug: row.slug, timezone: row.timezone, isDemo: row.is_demo };
  cache.set(tenantId, ref);
  return ref;
}

/** Walks one kind of candidate in bounded batches, handing each to `handle`. */
async function walk(
  db: Db,
  kind: sweepRepo.SweepKind,
  o: { now: Date; horizon: Date; batchSize: number; maxBatches: number; tenantId?: string },
  handle: (c: sweepRepo.SweepCandidate) => Promise<void>,
): Promise<void> {
  let after: sweepRepo.DueCursor | null = null;
  for (let b = 0; b < o.maxBatches; b++) {
    const batch = await sweepRepo.sweepCandidates(db, kind, { now: o.now, horizon: o.horizon, after, limit: o.batchSize, tenantId: o.tenantId });
    for (const c of batch) await handle(c);
    if (batch.length < o.batchSize) return;
    const last = batch[batch.length - 1]!;
    after = { key: last.key, id: last.id };
  }
}

/** True when `dueAt` falls on or before the next working day of the tenant (local dates). */
export async function isDueSoon(db: Executor, tenant: TenantRef, dueAt: Date, now: Date): Promise<boolean> {
  const today = localDate(now, tenant.timezone);
  const year = Number(today.slice(0, 4));
  const cal = await loadWorkCalendar(db, tenant.id, { fromYear: year, toYear: year + 1 });
  const limit = addWorkingDays(cal, today, 1);
  return localDate(dueAt, tenant.timezone) <= limit;
}

function caseParams(c: sweepRepo.SweepCandidate, dueAt: Date, tenant: TenantRef, opdName: string | null) {
  return {
    trackingCode: c.tracking_code,
    caseId: c.id,
    title: c.title,
    opdName: opdName ?? '',
    dueAt: dueAt.toISOString(),
    dueDate: localDate(dueAt, tenant.timezone),
    stage: c.due_stage ?? '',
    tenantName: tenant.name,
  };
}

async function remind(db: Db, tenant: TenantRef, c: sweepRepo.SweepCandidate, now: Date): Promise<boolean> {
  const ctx = systemContext(tenant, SWEEP_LABEL);
  return db.transaction().execute(async (tx) => {
    const claimed = await sweepRepo.claimReminder(tx, tenant.id, c.id);
    if (!claimed) return false;
    const dueAt = claimed.due_at as Date;
    const desk = claimed.due_stage === 'verification' || !claimed.opd_id;
    const to = desk
      ? await repo.recipients(tx, tenant.id, { roles: ['verifikator'] })
      : await repo.recipients(tx, tenant.id, { roles: ['operator_opd', 'kepala_opd'], opdId: claimed.opd_id! });
    const opdName = await repo.opdName(tx, tenant.id, claimed.opd_id);
    await repo.insertDeskEvent(tx, tenant.id, {
      complaintId: c.id,
      type: 'reminder',
      actorLabel: SWEEP_LABEL,
      opdId: claimed.opd_id,
      at: now,
      data: { dueAt: dueAt.toISOString(), dueStage: claimed.due_stage, audience: desk ? 'desk' : 'opd', recipients: to.length },
    });
    await recordAudit(tx, ctx, tenant.id, {
      action: 'complaint.remind',
      entityType: 'complaint',
      entityId: c.id,
      after: { reminded_for_due: dueAt.toISOString(), due_stage: claimed.due_stage, recipients: to.length },
    });
    const params = { ...caseParams(c, dueAt, tenant, opdName), audience: desk ? 'desk' : 'opd' };
    for (const r of to) {
      await enqueueNotification(tx, {
        tenantId: tenant.id,
        channel: 'email',
        recipient: r.email,
        template: 'opd.reminder',
        locale: r.locale,
        params,
        dedupeKey: `complaint.reminder:${c.id}:${dueAt.toISOString()}:${r.user_id}`,
        related: { type: 'complaint', id: c.id },
      });
    }
    return true;
  });
}

/**
 * Raises a case one level: for its missed OPD deadline ('overdue', the candidate's due_at)
 * or, untouched since its last level, when its escalation_due_at passed ('no_action'). The
 * next level's due instant is computed first (the rule in force on the tenant calendar,
 * from now) and stored by the same claim.
 */
async function escalate(db: Db, tenant: TenantRef, c: sweepRepo.SweepCandidate, now: Date, why: 'overdue' | 'no_action'): Promise<boolean> {
  const ctx = systemContext(tenant, SWEEP_LABEL);
  return db.transaction().execute(async (tx) => {
    const next = await nextLevelDue(tx, tenant, c, c.escalation_level + 1, now);
    const seen = { level: c.escalation_level };
    const claimed = why === 'overdue'
      ? await sweepRepo.claimEscalation(tx, tenant.id, c.id, { ...seen, dueAt: c.key }, now, next)
      : await sweepRepo.claimClimb(tx, tenant.id, c.id, { ...seen, escalationDueAt: c.key }, now, next);
    if (!claimed) return false;
    await announceEscalation(tx, ctx, tenant, {
      complaint: { ...c, due_stage: claimed.due_stage, opd_id: claimed.opd_id },
      fromLevel: c.escalation_level,
      level: claimed.escalation_level,
      reason: why,
      at: now,
      missedDueAt: c.key,
      next,
      actor: { id: null, label: SWEEP_LABEL },
    });
    return true;
  });
}

async function autoClose(db: Db, tenant: TenantRef, c: sweepRepo.SweepCandidate): Promise<boolean> {
  const ctx = systemContext(tenant, SWEEP_LABEL);
  try {
    await db.transaction().execute((tx) =>
      applyTransition(tx, ctx, { tenantId: tenant.id, complaintId: c.id, action: 'auto_close', by: 'system', note: null, visibility: 'public' }),
    );
    return true;
  } catch (err) {
    // Another sweeper closed it first, or the citizen answered in between.
    if (err instanceof AppError && (err.code === 'TRANSITION_NOT_ALLOWED' || err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) return false;
    throw err;
  }
}

/** One sweep over every tenant. Safe to run in several processes at once. */
export async function runSweep(db: Db, opts: SweepOptions = {}): Promise<SweepResult> {
  const now = opts.now ?? new Date();
  const o = {
    now,
    horizon: new Date(now.getTime() + REMINDER_SCAN_DAYS * 86_400_000),
    batchSize: opts.batchSize ?? SWEEP_BATCH,
    maxBatches: opts.maxBatches ?? SWEEP_MAX_BATCHES,
    tenantId: opts.tenantId,
  };
  const tenants: TenantCache = new Map();
  const result: SweepResult = { reminders: 0, escalations: 0, autoClosed: 0, skipped: 0 };

  // Escalations first: an overdue case is escalated, not reminded. A missed deadline before
  // the climb: it re-arms the climb, so a case never rises twice in one run.
  for (const [kind, why] of [['escalation', 'overdue'], ['climb', 'no_action']] as const) {
    await walk(db, kind, o, async (c) => {
      if (c.escalation_level >= MAX_ESCALATION_LEVEL) return;
      const tenant = await tenantFor(db, tenants, c.tenant_id);
      if (!tenant) return;
      if (await escalate(db, tenant, c, now, why)) result.escalations++;
      else result.skipped++;
    });
  }
  await walk(db, 'reminder', o, async (c) => {
    const tenant = await tenantFor(db, tenants, c.tenant_id);
    if (!tenant || !(await isDueSoon(db, tenant, c.key, now))) return;
    if (await remind(db, tenant, c, now)) result.reminders++;
    else result.skipped++;
  });
  await walk(db, 'auto_close', o, async (c) => {
    const tenant = await tenantFor(db, tenants, c.tenant_id);
    if (!tenant) return;
    if (await autoClose(db, tenant, c)) result.autoClosed++;
    else result.skipped++;
  });
  return result;
}

/**
 * Provisional deadlines made final (docs/adr/0025-calendar-year-end.md). A working-day
 * deadline that counted into a year whose libur nasional and cuti bersama were not loaded
 * was stored with its provisional year — on any of a case's clocks (due-repo.ts CLOCKS):
 * the running stage, the completion clock, the escalation climb's next level. Once that
 * year is loaded for the tenant (an import by its admin or a superadmin, or a migration),
 * the `complaints.due-recompute` job computes the deadline again from the clock's stored
 * origin under the same rule version, on the calendar as it now is.
 *
 * Bounded batches per tenant and year, in id order; each case is claimed under its row
 * lock in its own transaction with its audit row and, when the date moved, an internal
 * timeline event ("tenggat dihitung ulang"). A claim needs the case to be still
 * provisional for that year, so a second runner, a retry or a transition in between never
 * recomputes a case twice. A case whose count now reaches a later unloaded year stays
 * provisional, for that year.
 */
import type { Db } from '../../db/index.js';
import { systemContext, type TenantRef } from '../../platform/context.js';
import { recordAudit } from '../audit/record.js';
import { loadedYearsOf } from '../calendar/service.js';
import { recomputeDue } from './deadlines.js';
import * as repo from './due-repo.js';
import { nextEscalationStage, type RuleStage } from './state-machine.js';
import { insertDeskEvent } from './inbox-repo.js';
import { tenantRef } from './sweep-repo.js';

export const RECOMPUTE_LABEL = 'complaints.due-recompute';
/** Cases read per query. */
export const RECOMPUTE_BATCH = 100;
/** Batches per tenant and year in one run; the next run (a minute later) goes on. */
export const RECOMPUTE_MAX_BATCHES = 50;

export interface RecomputeResult {
  /** Cases recomputed (each lost its flag or moved it to a later year). */
  recomputed: number;
  /** Of those, cases whose due date moved. */
  moved: number;
  /** Of those, cases still provisional for a later year. */
  stillProvisional: number;
  /** Claims lost to another runner or to a change of the case in between. */
  skipped: number;
}

/** The rule stage a clock counts under: the running stage, the resolution rule, or the next escalation step. */
function stageOf(clock: repo.Clock, c: repo.ProvisionalCase): RuleStage | null {
  if (clock === 'due') return c.due_stage;
  if (clock === 'completion') return 'resolution';
  return nextEscalationStage(c.escalation_level + 1);
}

async function recomputeOne(db: Db, tenant: TenantRef, clock: repo.Clock, id: string, year: number, result: RecomputeResult): Promise<void> {
  const ctx = systemContext(tenant, RECOMPUTE_LABEL);
  await db.transaction().execute(async (tx) => {
    const c = await repo.claimProvisional(tx, clock, tenant.id, id, year);
    const stage = c ? stageOf(clock, c) : null;
    if (!c || !stage) {
      result.skipped++;
      return;
    }
    // Inside the transaction: the calendar is read fresh, not from another process's cache.
    const due = await recomputeDue(tx, tenant, { stage, ruleId: c.rule_id, kind: c.kind, categoryId: c.category_id, from: c.from });
    const before = c.at;
    await repo.setClock(tx, clock, tenant.id, c.id, { at: due.dueAt, year: due.provisionalYear });
    const moved = before.getTime() !== due.dueAt.getTime();
    const change = {
      clock,
      dueStage: stage,
      fromDueAt: before.toISOString(),
      toDueAt: due.dueAt.toISOString(),
      loadedYear: year,
      provisionalYear: due.provisionalYear,
      rule: { id: due.rule.id, days: due.rule.days, dayType: due.rule.day_type },
    };
    if (moved) {
      await insertDeskEvent(tx, tenant.id, {
        complaintId: c.id,
        type: 'due_recomputed',
        actorLabel: RECOMPUTE_LABEL,
        opdId: c.opd_id,
        data: { by: 'system', ...change },
      });
    }
    const cols = repo.CLOCKS[clock];
    await recordAudit(tx, ctx, tenant.id, {
      action: 'complaint.due_recompute',
      entityType: 'complaint',
      entityId: c.id,
      before: { [cols.at]: before.toISOString(), [cols.year]: c.year },
      after: { [cols.at]: due.dueAt.toISOString(), [cols.year]: due.provisionalYear, moved },
    });
    result.recomputed++;
    if (moved) result.moved++;
    if (due.provisionalYear !== null) result.stillProvisional++;
  });
}

/** One run over every tenant (or one): safe to run in several processes at once. */
export async function recomputeProvisionalDues(
  db: Db,
  opts: { tenantId?: string; batchSize?: number; maxBatches?: number } = {},
): Promise<RecomputeResult> {
  const batchSize = opts.batchSize ?? RECOMPUTE_BATCH;
  const maxBatches = opts.maxBatches ?? RECOMPUTE_MAX_BATCHES;
  const result: RecomputeResult = { recomputed: 0, moved: 0, stillProvisional: 0, skipped: 0 };
  for (const clock of repo.CLOCK_NAMES) {
    for (const { tenant_id: tenantId, year } of await repo.provisionalYears(db, clock, opts.tenantId ?? null)) {
      // Without the calendar's cache: the import may have committed in another process.
      if (!(await loadedYearsOf(db, tenantId, year, year)).has(year)) continue;
      const row = await tenantRef(db, tenantId);
      if (!row) continue;
      const tenant: TenantRef = { id: row.id, code: row.code, name: row.name, slug: row.slug, timezone: row.timezone, isDemo: row.is_demo };
      let after: string | null = null;
      for (let b = 0; b < maxBatches; b++) {
        const ids = await repo.provisionalCaseIds(db, clock, tenantId, year, after, batchSize);
        for (const id of ids) await recomputeOne(db, tenant, clock, id, year, result);
        if (ids.length < batchSize) break;
        after = ids[ids.length - 1]!;
      }
    }
  }
  return result;
}

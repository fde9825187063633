/**
 * The escalation ladder (DOMAIN.md §2; docs/adr/0013-deadline-sweep.md and
 * 0024-escalation-ladder.md): who each level alerts, when the next level falls due if
 * nobody acts, and the one way a level is announced — its internal timeline event, its
 * audit row and its notifications, written in the caller's transaction right after the
 * caller's conditional UPDATE claimed the level (inbox-repo.ts). Three callers: the sweep
 * for a missed OPD deadline ('overdue') and for an untouched case climbing ('no_action'),
 * and the OPD's own request ('requested').
 */
import type { Executor } from '../../db/index.js';
import type { RequestContext, TenantRef } from '../../platform/context.js';
import { recordAudit } from '../audit/record.js';
import { localDate } from '../calendar/workdays.js';
import { enqueueNotification } from '../notifications/service.js';
import { computeDue, type ComputedDue } from './deadlines.js';
import * as repo from './inbox-repo.js';
import { escalationTarget, nextEscalationStage, type DeadlineStage } from './state-machine.js';
import type { ComplaintKind } from './tables.js';

export type EscalationReason = 'overdue' | 'no_action' | 'requested';

/** Who hears of an escalation to `level`: the OPD head, the Sekda, the Bupati/Wali Kota. */
export async function escalationRecipients(tx: Executor, tenantId: string, level: number, opdId: string | null) {
  if (level <= 1) return opdId ? repo.recipients(tx, tenantId, { roles: ['kepala_opd'], opdId }) : [];
  if (level === 2) {
    // The Sekda heads the Sekretariat Daerah (an OPD of type 'sekretariat'); without one set up, the leaders.
    const sekda = await repo.recipients(tx, tenantId, { roles: ['kepala_opd'], opdType: 'sekretariat' });
    if (sekda.length) return sekda;
  }
  return repo.recipients(tx, tenantId, { roles: ['pimpinan'] });
}

export function escalationTemplate(level: number): 'opd.escalated' | 'leader.escalated' {
  return level <= 1 ? 'opd.escalated' : 'leader.escalated';
}

/**
 * When the level above `level` falls due if the case stays untouched: the escalation rule in
 * force on the tenant calendar, counted from `from` (the moment `level` was alerted, so each
 * holder gets the full window even when a sweep ran late). Null at the top.
 */
export async function nextLevelDue(
  tx: Executor,
  tenant: Pick<TenantRef, 'id' | 'timezone'>,
  c: { kind: ComplaintKind; category_id: string | null },
  level: number,
  from: Date,
): Promise<ComputedDue | null> {
  const stage = nextEscalationStage(level);
  if (!stage) return null;
  return computeDue(tx, tenant, { stage, kind: c.kind, categoryId: c.category_id, from });
}

export interface EscalationStep {
  complaint: { id: string; tracking_code: string; title: string; opd_id: string | null; due_at: Date | null; due_stage: DeadlineStage | null };
  fromLevel: number;
  level: number;
  reason: EscalationReason;
  at: Date;
  /** The deadline whose passing raised the case: the OPD's stage deadline, or the lower level's window. */
  missedDueAt: Date | null;
  /** The next level's due instant stored with the claim (null: nothing left to climb). */
  next: ComputedDue | null;
  /** The OPD's reason ('requested'). */
  note?: string | null;
  actor: { id: string | null; label: string };
}

/** Event, audit row and notifications of a level the caller has just claimed. Returns how many were told. */
export async function announceEscalation(tx: Executor, ctx: RequestContext, tenant: TenantRef, s: EscalationStep): Promise<number> {
  const { complaint: c, level } = s;
  const to = escalationTarget(level);
  const people = await escalationRecipients(tx, tenant.id, level, c.opd_id);
  const opdName = await repo.opdName(tx, tenant.id, c.opd_id);
  const nextLevel = s.next
    ? {
        level: level + 1,
        dueAt: s.next.dueAt.toISOString(),
        rule: { id: s.next.rule.id, stage: s.next.rule.stage, days: s.next.rule.days, dayType: s.next.rule.day_type, legalSource: s.next.rule.legal_source },
      }
    : null;
  const missedDueAt = s.missedDueAt ? s.missedDueAt.toISOString() : null;
  await repo.insertDeskEvent(tx, tenant.id, {
    complaintId: c.id,
    type: 'escalated',
    note: s.note ?? null,
    actorId: s.actor.id,
    actorLabel: s.actor.label,
    opdId: c.opd_id,
    at: s.at,
    data: { level, to, reason: s.reason, missedDueAt, dueStage: c.due_stage, recipients: people.length, nextLevel },
  });
  await recordAudit(tx, ctx, tenant.id, {
    action: s.reason === 'requested' ? 'complaint.escalation_request' : 'complaint.escalate',
    entityType: 'complaint',
    entityId: c.id,
    before: { escalation_level: s.fromLevel, missed_due_at: missedDueAt },
    after: {
      escalation_level: level,
      escalated_at: s.at.toISOString(),
      escalation_due_at: nextLevel?.dueAt ?? null,
      reason: s.reason,
      ...(s.note ? { note: s.note } : {}),
    },
  });
  // The messages name the deadline that passed; a request names the one running.
  const dueAt = s.missedDueAt ?? c.due_at;
  const params = {
    trackingCode: c.tracking_code,
    caseId: c.id,
    title: c.title,
    opdName: opdName ?? '',
    dueAt: dueAt ? dueAt.toISOString() : null,
    dueDate: dueAt ? localDate(dueAt, tenant.timezone) : null,
    stage: c.due_stage ?? '',
    tenantName: tenant.name,
    level,
    to,
    reason: s.reason,
  };
  for (const r of people) {
    await enqueueNotification(tx, {
      tenantId: tenant.id,
      channel: 'email',
      recipient: r.email,
      template: escalationTemplate(level),
      locale: r.locale,
      params,
      dedupeKey: `complaint.escalated:${c.id}:${level}:${s.at.toISOString()}:${r.user_id}`,
      related: { type: 'complaint', id: c.id },
    });
  }
  return people.length;
}

/**
 * Applying a state-machine step to a stored report (DOMAIN.md §2, state-machine.ts):
 * a conditional update on the status the caller saw (`UPDATE … WHERE status = $old`, so
 * two desks acting at once cannot both win), the timeline event (late or not, and who
 * held the case meanwhile), the next stage's deadline on the tenant calendar (the
 * resolution stage on the completion clock, which starts when the file is complete; a new
 * deadline ends a pending escalation climb: ADR 0024), the audit row, and the citizen's
 * notifications — all in the caller's transaction.
 */
import type { Executor, Tx } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../../shared/i18n/index.js';
import { recordAudit } from '../audit/record.js';
import { NO_CLIMB, NO_COMPLETION, NO_DUE, computeDue, dueColumns } from './deadlines.js';
import type { TimeZone } from '../calendar/workdays.js';
import * as repo from './repo.js';
import type { ComplaintRow, ReporterRow } from './repo.js';
import { planTransition, type ActorKind, type ComplaintAction, type ComplaintStatus } from './state-machine.js';
import type { ComplaintTable } from './tables.js';
import type { Updateable } from 'kysely';
import { enqueueNotification } from '../notifications/service.js';
import { recipients } from '../auth/repo.js';
import { recordRoutingOutcome } from '../routing/suggest-service.js';
import { reporterKeyFor } from './reporter-access.js';

export interface TransitionInput {
  tenantId: string;
  complaintId: string;
  action: ComplaintAction;
  by: ActorKind;
  note?: string | null;
  visibility?: 'public' | 'internal';
  /** The OPD to route to ('route'). */
  opdId?: string;
  /** Action data: confirm {rating, comment}; merge {intoId}; anything else is kept on the event. */
  data?: Record<string, unknown>;
}

export const NOTE_MAX = 10_000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// --- notifications (B3's outbox, in this transaction) -------------------------------------

export type CitizenTemplate = 'complaint.received' | 'complaint.status_changed' | 'complaint.resolved';

/**
 * Queues one message per reporter who wants updates and left a contact (e-mail first,
 * else WhatsApp to the phone number), its link carrying that reporter's own key (ADR 0027).
 * The dedupe key makes a retried step a no-op.
 */
export async function notifyReporters(
  tx: Executor,
  reporters: readonly ReporterRow[],
  msg: { tenantId: string; template: CitizenTemplate; params: { trackingCode: string; title: string | null; status?: string; note?: string | null }; dedupeKey: string; complaintId: string },
): Promise<number> {
  let n = 0;
  for (const r of reporters) {
    if (!r.wants_updates) continue;
    const channel = r.email ? 'email' : r.phone ? 'whatsapp' : null;
    if (!channel) continue;
    await enqueueNotification(tx, {
      tenantId: msg.tenantId,
      channel,
      recipient: (r.email ?? r.phone)!,
      template: msg.template,
      locale: r.locale,
      params: { ...msg.params, status: msg.params.status ?? 'received', caseId: null, reporterKey: await reporterKeyFor(tx, msg.tenantId, r.id) } as never,
      dedupeKey: `${msg.dedupeKey}:${r.id}`,
      related: { type: 'complaint', id: msg.complaintId },
    });
    n++;
  }
  return n;
}

/** Tells the active operators and head of the OPD a case was routed to them. */
async function notifyOpdNewCase(tx: Executor, row: ComplaintRow, opdName: string): Promise<void> {
  const staff = await recipients(tx, row.tenant_id, { roles: ['operator_opd', 'kepala_opd'], opdId: row.opd_id! });
  for (const u of staff) {
    await enqueueNotification(tx, {
      tenantId: row.tenant_id,
      channel: 'email',
      recipient: u.email,
      template: 'opd.new_case',
      locale: u.locale,
      params: { trackingCode: row.tracking_code, title: row.title, caseId: row.id, opdName, dueAt: row.due_at ? new Date(row.due_at).toISOString() : null },
      dedupeKey: `complaint:${row.id}:routed:${row.routed_at ? new Date(row.routed_at).getTime() : 0}:${u.user_id}`,
      related: { type: 'complaint', id: row.id },
    });
  }
}

// --- the transition -------------------------------------------------------------------------

/** jsonb refuses NUL in strings: the caller's data is stored without it. */
function withoutNul(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/\u0000/g, '');
  if (Array.isArray(v)) return v.map(withoutNul);
  if (v && typeof v === 'object' && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/\u0000/g, ''), withoutNul(x)]));
  return v;
}

function notAllowed(reason?: string): AppError {
  return new AppError('TRANSITION_NOT_ALLOWED', {}, reason ? [{ reason }] : undefined);
}

/** Who held the case while the stage being left ran: the desk, or the OPD it sat with. */
export function chargedTo(row: Pick<ComplaintRow, 'status' | 'opd_id'>): string {
  const atOpd: ComplaintStatus[] = ['routed', 'accepted', 'in_progress', 'resolved'];
  return atOpd.includes(row.status) && row.opd_id ? row.opd_id : 'desk';
}

function actorLabel(ctx: RequestContext & { systemLabel?: string }, by: ActorKind): string {
  if (ctx.actor) return `${ctx.actor.name} <${ctx.actor.email}>`;
  if (by === 'citizen') return t(ctx.locale, 'complaints.actor.citizen');
  return ctx.systemLabel ?? 'system';
}

export async function applyTransition(
  tx: Tx | Executor,
  ctx: RequestContext & { systemLabel?: string },
  input: TransitionInput,
): Promise<{ complaint: ComplaintRow; eventId: number }> {
  const { tenantId, complaintId, action, by } = input;
  const row = await repo.getComplaint(tx, tenantId, complaintId);
  if (!row) throw new AppError('NOT_FOUND');
  const plan = planTransition(row.status, action, by);
  if (!plan.ok) throw notAllowed(plan.reason);

  const cleanNote = typeof input.note === 'string' ? input.note.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim() : '';
  const note = cleanNote !== '' ? cleanNote : null;
  if (note && note.length > NOTE_MAX) {
    const params = { field: t(ctx.locale, 'complaints.field.note'), limit: NOTE_MAX, length: note.length };
    throw new AppError('VALIDATION', params, [{ field: 'note', message: t(ctx.locale, 'complaints.tooLong', params) }], 'complaints.tooLong');
  }
  const now = new Date();
  const set: Updateable<ComplaintTable> = { status: plan.to };
  const data: Record<string, unknown> = { ...(input.data ?? {}), by };
  let tenant: { id: string; timezone: TimeZone } | null = null;
  const tenantRow = async () => (tenant ??= await tx.selectFrom('tenant').select(['id', 'timezone']).where('id', '=', tenantId).executeTakeFirstOrThrow());
  /**
   * Starts the completion clock (UU 25/2009: the 'resolution' rule, 60 calendar days by
   * default) at `from`; the event that starts it records the rule (ADR 0024).
   */
  const startCompletionClock = async (from: Date, basis: 'file_complete' | 'dispute') => {
    const due = await computeDue(tx, await tenantRow(), { stage: 'resolution', kind: row.kind, categoryId: row.category_id, from });
    set.completion_due_at = due.dueAt;
    // What the resolution stage and the year-end recompute need (ADR 0025): origin, rule version, provisional year.
    set.completion_from = from;
    set.completion_rule_id = due.rule.id;
    set.completion_provisional_year = due.provisionalYear;
    data.completionDue = {
      dueAt: due.dueAt.toISOString(), from: from.toISOString(), basis,
      days: due.rule.days, dayType: due.rule.day_type, ruleId: due.rule.id, legalSource: due.rule.legal_source,
    };
  };

  switch (action) {
    case 'verify':
      // The desk declares the file complete: the completion clock starts now.
      set.file_complete_at = now;
      await startCompletionClock(now, 'file_complete');
      break;
    case 'hold':
      // More information needed: the file is not complete (any more); a later verify or route restarts the clock.
      set.file_complete_at = null;
      Object.assign(set, NO_COMPLETION);
      break;
    case 'route': {
      if (!input.opdId || !UUID_RE.test(input.opdId)) throw new AppError('VALIDATION', {}, [{ field: 'opdId', message: t(ctx.locale, 'complaints.opdRequired') }], 'complaints.opdRequired');
      const opd = await repo.activeOpd(tx, tenantId, input.opdId);
      if (!opd) throw new AppError('INVALID_REFERENCE', { field: 'opdId' }, [{ field: 'opdId', message: t(ctx.locale, 'complaints.invalidOpd') }], 'complaints.invalidOpd');
      set.opd_id = opd.id;
      set.routed_at = now;
      set.escalation_level = 0;
      set.escalated_at = null;
      Object.assign(set, NO_CLIMB);
      data.opdName = opd.name;
      if (row.opd_id && row.opd_id !== opd.id) data.fromOpdId = row.opd_id;
      // Routing without verifying first declares the file complete; a re-route keeps the clock running.
      if (!row.completion_due_at) {
        set.file_complete_at = now;
        await startCompletionClock(now, 'file_complete');
      }
      break;
    }
    case 'return':
      // Back to the desk for re-routing; the OPD that returned it is on the event.
      set.opd_id = null;
      break;
    case 'respond':
      if (!row.first_response_at) set.first_response_at = now;
      // A case routed before the completion clock existed: its file was complete at the latest when routed.
      if (!row.completion_due_at) {
        set.file_complete_at = row.routed_at ?? now;
        await startCompletionClock(row.routed_at ?? now, 'file_complete');
      }
      break;
    case 'resolve':
      set.resolved_at = now;
      break;
    case 'confirm': {
      const rating = input.data?.rating;
      if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) {
        throw new AppError('VALIDATION', {}, [{ field: 'rating', message: t(ctx.locale, 'complaints.ratingRequired') }], 'complaints.ratingRequired');
      }
      set.rating = rating;
      const comment = typeof input.data?.comment === 'string' ? input.data.comment.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim() : '';
      set.rating_comment = comment ? comment.slice(0, 2000) : null;
      data.comment = set.rating_comment;
      set.closed_at = now;
      break;
    }
    case 'auto_close':
      set.closed_at = now;
      break;
    case 'dispute':
      // The citizen says it is not solved: a fresh completion clock from the dispute (ADR 0024).
      set.resolved_at = null;
      await startCompletionClock(now, 'dispute');
      break;
    case 'merge': {
      const intoId = input.data?.intoId;
      const target = typeof intoId === 'string' && UUID_RE.test(intoId) ? await repo.getComplaint(tx, tenantId, intoId) : undefined;
      if (!target || target.id === row.id || target.status === 'merged') {
        throw new AppError('VALIDATION', {}, [{ field: 'intoId', message: t(ctx.locale, 'complaints.invalidMergeTarget') }], 'complaints.invalidMergeTarget');
      }
      set.merged_into_id = target.id;
      break;
    }
  }

  // The next stage's deadline. A new (or no) deadline stops a pending escalation climb: the
  // level reached stays, and missing the new deadline raises it again (ADR 0024).
  if (plan.starts === null) {
    Object.assign(set, NO_DUE);
    Object.assign(set, NO_CLIMB);
  } else if (plan.starts === 'resolution') {
    // The resolution stage runs on the completion clock, not from this step: the clock
    // started in this step (a dispute) or earlier (the file declared complete).
    Object.assign(set, {
      due_at: set.completion_due_at ?? row.completion_due_at,
      due_stage: 'resolution',
      due_from: set.completion_from ?? row.completion_from,
      due_rule_id: set.completion_from ? set.completion_rule_id : row.completion_rule_id,
      due_provisional_year: set.completion_from ? set.completion_provisional_year : row.completion_provisional_year,
    });
    Object.assign(set, NO_CLIMB);
    data.dueRule = { clock: 'completion', dueAt: set.due_at ? new Date(set.due_at).toISOString() : null };
  } else if (plan.starts !== 'keep') {
    const due = await computeDue(tx, await tenantRow(), { stage: plan.starts, kind: row.kind, categoryId: row.category_id, from: now });
    Object.assign(set, dueColumns(plan.starts, due));
    Object.assign(set, NO_CLIMB);
    data.dueRule = {
      id: due.rule.id, days: due.rule.days, dayType: due.rule.day_type, legalSource: due.rule.legal_source, provisionalYear: due.provisionalYear,
    };
  }

  const updated = await repo.updateIfStatus(tx, tenantId, complaintId, row.status, set);
  if (!updated) throw notAllowed('status_changed');

  // A status change that the public timeline shows stays public; an internal note on it is
  // kept from the public (noteInternal). A pure note ('update') is internal if asked.
  const statusChanged = updated.status !== row.status;
  let visibility: 'public' | 'internal' = plan.publicEvent ? 'public' : 'internal';
  if (action === 'update' && input.visibility === 'internal') visibility = 'internal';
  if (statusChanged && plan.publicEvent && input.visibility === 'internal' && note) data.noteInternal = true;
  if (!plan.publicEvent && input.visibility === 'public' && action !== 'return') visibility = 'public';

  const event = await repo.insertEvent(tx, {
    tenant_id: tenantId,
    complaint_id: complaintId,
    type: action,
    from_status: row.status,
    to_status: updated.status,
    visibility,
    note,
    actor_id: ctx.actor?.userId ?? null,
    actor_label: actorLabel(ctx, by),
    opd_id: action === 'route' ? updated.opd_id : row.opd_id,
    is_late: !!row.due_at && now.getTime() > new Date(row.due_at).getTime(),
    charged_to: chargedTo(row),
    data: JSON.stringify(withoutNul(data)),
  });

  await recordAudit(tx, ctx, tenantId, {
    action: `complaint.${action}`,
    entityType: 'complaint',
    entityId: complaintId,
    before: {
      status: row.status, opd_id: row.opd_id, due_at: row.due_at, due_stage: row.due_stage,
      escalation_level: row.escalation_level, escalation_due_at: row.escalation_due_at, completion_due_at: row.completion_due_at,
    },
    after: {
      status: updated.status, opd_id: updated.opd_id, due_at: updated.due_at, due_stage: updated.due_stage,
      due_provisional_year: updated.due_provisional_year,
      escalation_level: updated.escalation_level, escalation_due_at: updated.escalation_due_at, completion_due_at: updated.completion_due_at,
      event_id: event.id, by,
    },
  });

  if (action === 'route' && updated.opd_id) await notifyOpdNewCase(tx, updated, String(data.opdName ?? ''));
  // Issue [G]: was the routing suggestion taken or overridden (routing/suggest-service.ts).
  if (action === 'route' && updated.opd_id) await recordRoutingOutcome(tx, ctx, { tenantId, complaintId, chosenOpdId: updated.opd_id, auto: input.data?.auto });
  if (visibility === 'public') {
    const reporters: ReporterRow[] = await repo.listReporters(tx, tenantId, complaintId);
    await notifyReporters(tx, reporters, {
      tenantId,
      template: action === 'resolve' ? 'complaint.resolved' : 'complaint.status_changed',
      params: { trackingCode: updated.tracking_code, title: updated.title, status: updated.status, note: data.noteInternal ? null : note },
      dedupeKey: `complaint:${complaintId}:event:${event.id}`,
      complaintId,
    });
  }
  return { complaint: updated, eventId: Number(event.id) };
}

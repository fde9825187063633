/**
 * The complaint desk and the OPD inboxes (issue #3, B2): queues by due date, full-text
 * search and filters with keyset pagination, the case page, staff actions through the
 * state machine, the OPD's escalation request and the leaders' list.
 *
 * Scope: the desk (verifikator, admin), the inspectorate and the leaders read every case of
 * the tenant; OPD staff only the cases held by their own OPD. Who sees an anonim reporter
 * is decided by B1's presentForStaff; inbox rows never carry reporter data at all.
 */
import type { Db, Executor } from '../../db/index.js';
import type { Actor, RequestContext, TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { hasAnyRole, opdScopes } from '../../platform/policy.js';
import type { TActionBody, TCasePageResponse, TInboxItem, TInboxQuery, TInboxResponse, TStaffActionName } from '../../../shared/schemas/complaints-staff.js';
import { loadWorkCalendar } from '../calendar/service.js';
import { addWorkingDays, endOfLocalDay, localDate, startOfLocalDay } from '../calendar/workdays.js';
import * as inboxRepo from './inbox-repo.js';
import * as sweepRepo from './sweep-repo.js';
import { audienceFor } from './policy.js';
import { presentForStaff, type StaffAudience } from './present.js';
import * as repo from './repo.js';
import { MAX_ESCALATION_LEVEL, RULES, allowedActions, type ActorKind, type ComplaintAction, type ComplaintStatus } from './state-machine.js';
import { announceEscalation, nextLevelDue } from './escalation.js';
import { applyTransition } from './transitions.js';

export const DESK_ROLES = ['verifikator', 'admin', 'superadmin'] as const;
const READ_ALL_ROLES = ['verifikator', 'admin', 'superadmin', 'inspektorat', 'pimpinan'] as const;
const LEADER_LIST_ROLES = ['pimpinan', 'verifikator', 'admin', 'superadmin', 'inspektorat'] as const;
/** Steps taken on the case page (merge has its own endpoint; citizens and the system act elsewhere). */
export const STAFF_ACTIONS: readonly ComplaintAction[] = ['verify', 'hold', 'provide_info', 'reject', 'archive', 'route', 'accept', 'return', 'respond', 'update', 'resolve'];
const AT_OPD: readonly ComplaintStatus[] = ['routed', 'accepted', 'in_progress'];
export const INBOX_DEFAULT_LIMIT = 25;

export function isDesk(actor: Actor, tenantId: string): boolean {
  return hasAnyRole(actor, tenantId, DESK_ROLES);
}

/** The OPDs whose cases the actor may list, or null for every case of the tenant. */
export function inboxScope(actor: Actor, tenantId: string): string[] | null {
  if (hasAnyRole(actor, tenantId, READ_ALL_ROLES)) return null;
  const scopes = opdScopes(actor, tenantId);
  if (!scopes.length) throw new AppError('FORBIDDEN');
  return scopes;
}

// --- cursor ---------------------------------------------------------------------------------

export function encodeCursor(k: Date | string | null, id: string): string {
  const key = k === null ? null : new Date(k).toISOString();
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { k: string | null; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && (v[0] === null || (typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0]))))
      && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1])) {
      return { k: v[0], id: v[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION', {}, [{ field: 'cursor' }], 'complaintsStaff.cursor.invalid' as MessageKey);
}

// --- inbox ----------------------------------------------------------------------------------

/** The end of the tenant's next working day: "due soon" is anything due before it. */
export async function dueSoonUntil(db: Executor, tenant: Pick<TenantRef, 'id' | 'timezone'>, now: Date): Promise<Date> {
  const today = localDate(now, tenant.timezone);
  const year = Number(today.slice(0, 4));
  const cal = await loadWorkCalendar(db, tenant.id, { fromYear: year, toYear: year + 1 });
  return endOfLocalDay(addWorkingDays(cal, today, 1), tenant.timezone);
}

export function presentInboxItem(r: inboxRepo.InboxRow, now: Date): TInboxItem {
  const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    kind: r.kind,
    channel: r.channel,
    title: r.title,
    status: r.status,
    categoryId: r.category_id,
    categoryName: r.category_name ?? null,
    regionCode: r.region_code,
    regionName: r.region_name ?? null,
    opdId: r.opd_id,
    opdName: r.opd_name ?? null,
    dueAt: iso(r.due_at),
    dueStage: r.due_stage,
    overdue: !!r.due_at && r.due_stage !== 'auto_close' && new Date(r.due_at).getTime() <= now.getTime(),
    escalationLevel: r.escalation_level,
    escalatedAt: iso(r.escalated_at),
    isAnonymous: r.is_anonymous,
    isConfidential: r.is_confidential,
    reporterCount: r.reporter_count,
    mergedIntoId: r.merged_into_id,
    receivedAt: iso(r.received_at)!,
  };
}

export type InboxFilterInput = Omit<TInboxQuery, 'cursor' | 'limit'>;

/** Turns the query into the repo filter (scope, dates in the tenant's zone). */
export async function inboxFilter(db: Executor, actor: Actor, tenant: TenantRef, query: InboxFilterInput, now: Date): Promise<Omit<inboxRepo.InboxFilter, 'after' | 'limit'>> {
  const scope = inboxScope(actor, tenant.id);
  if (query.opdId && scope && !scope.includes(query.opdId)) throw new AppError('FORBIDDEN');
  const view = (query.view ?? (isDesk(actor, tenant.id) ? 'verification' : 'all')) as inboxRepo.InboxView;
  return {
    tenantId: tenant.id,
    view,
    now,
    dueSoonUntil: await dueSoonUntil(db, tenant, now),
    opdScope: scope,
    q: query.q?.trim() || undefined,
    status: query.status as ComplaintStatus | undefined,
    opdId: query.opdId,
    categoryId: query.categoryId,
    regionCode: query.regionCode,
    receivedFrom: query.from ? startOfLocalDay(query.from, tenant.timezone) : undefined,
    receivedBefore: query.to ? new Date(endOfLocalDay(query.to, tenant.timezone).getTime() + 1) : undefined,
  };
}

export async function listInbox(db: Db, actor: Actor, tenant: TenantRef, query: TInboxQuery, now = new Date()): Promise<TInboxResponse> {
  const limit = query.limit ?? INBOX_DEFAULT_LIMIT;
  const filter = await inboxFilter(db, actor, tenant, query, now);
  const rows = await inboxRepo.listInbox(db, { ...filter, after: query.cursor ? decodeCursor(query.cursor) : null, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => presentInboxItem(r, now)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key as Date | null, last.id) : null,
  };
}

/** Escalated open cases for the leaders (pimpinan; the desk and oversight see it too). */
export async function listEscalations(db: Db, actor: Actor, tenant: TenantRef, query: Pick<TInboxQuery, 'cursor' | 'limit' | 'opdId'>, now = new Date()): Promise<TInboxResponse> {
  if (!hasAnyRole(actor, tenant.id, LEADER_LIST_ROLES)) throw new AppError('FORBIDDEN');
  return listInbox(db, actor, tenant, { view: 'escalated', cursor: query.cursor, limit: query.limit, opdId: query.opdId }, now);
}

// --- case page ------------------------------------------------------------------------------

/** The case and what the actor is on it; NOT_FOUND when out of the actor's scope (no hint it exists). */
export async function loadCaseFor(db: Executor, actor: Actor, tenantId: string, id: string) {
  const row = await repo.getComplaint(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const audience = audienceFor(actor, { tenantId, opdId: row.opd_id });
  if (!audience) throw new AppError('NOT_FOUND');
  const kinds: ActorKind[] = [];
  if (isDesk(actor, tenantId)) kinds.push('desk');
  if (row.opd_id && opdScopes(actor, tenantId).includes(row.opd_id)) kinds.push('opd');
  return { row, audience, kinds };
}

export async function getCasePage(db: Executor, actor: Actor, tenantId: string, id: string): Promise<TCasePageResponse> {
  const { row, audience, kinds } = await loadCaseFor(db, actor, tenantId, id);
  const [reporters, events, attachments] = await Promise.all([
    repo.listReporters(db, tenantId, id),
    repo.listEvents(db, tenantId, id),
    repo.listAttachmentMeta(db, tenantId, id),
  ]);
  const actions = new Set<string>();
  for (const k of kinds) for (const a of allowedActions(row.status, k)) if (STAFF_ACTIONS.includes(a)) actions.add(a);
  return {
    complaint: presentForStaff(row, reporters, events, attachments, audience as StaffAudience),
    audience,
    allowedActions: [...actions],
    canRequestEscalation: kinds.includes('opd') && AT_OPD.includes(row.status) && row.escalation_level < MAX_ESCALATION_LEVEL,
  };
}

/** Desk or OPD: decided by the actor's roles and the OPD holding the case. */
export function actorKindFor(action: ComplaintAction, kinds: ActorKind[]): ActorKind | null {
  const rule = RULES[action];
  if (kinds.includes('desk') && rule.by.includes('desk')) return 'desk';
  if (kinds.includes('opd') && rule.by.includes('opd')) return 'opd';
  return null;
}

export async function act(db: Db, ctx: RequestContext, tenantId: string, id: string, actionName: TStaffActionName, body: TActionBody) {
  const actor = ctx.actor!;
  const action = actionName as ComplaintAction;
  if (!STAFF_ACTIONS.includes(action)) throw new AppError('NOT_FOUND');
  const { kinds } = await loadCaseFor(db, actor, tenantId, id);
  const by = actorKindFor(action, kinds);
  if (!by) throw new AppError('FORBIDDEN');
  await db.transaction().execute((tx) =>
    applyTransition(tx, ctx, { tenantId, complaintId: id, action, by, note: body.note ?? null, visibility: body.visibility, opdId: body.opdId }),
  );
  return getCasePage(db, actor, tenantId, id);
}

// --- escalation request -----------------------------------------------------------------------

/**
 * The OPD says the case is beyond its authority or capacity: one level up, with the reason,
 * on the same ladder as the sweep's — the next level falls due if nobody acts (ADR 0024).
 */
export async function requestEscalation(db: Db, ctx: RequestContext, tenant: TenantRef, id: string, reason: string, now = new Date()) {
  const actor = ctx.actor!;
  const { row, kinds } = await loadCaseFor(db, actor, tenant.id, id);
  if (!kinds.includes('opd')) throw new AppError('FORBIDDEN');
  if (!AT_OPD.includes(row.status) || row.escalation_level >= MAX_ESCALATION_LEVEL) throw new AppError('TRANSITION_NOT_ALLOWED', {}, undefined, 'complaintsStaff.escalation.notAllowed' as MessageKey);
  await db.transaction().execute(async (tx) => {
    const next = await nextLevelDue(tx, tenant, row, row.escalation_level + 1, now);
    const claimed = await sweepRepo.claimRequestedEscalation(tx, tenant.id, id, row.escalation_level, now, next);
    if (!claimed) throw new AppError('TRANSITION_NOT_ALLOWED', {}, undefined, 'complaintsStaff.escalation.notAllowed' as MessageKey);
    await announceEscalation(tx, ctx, tenant, {
      complaint: row,
      fromLevel: row.escalation_level,
      level: claimed.escalation_level,
      reason: 'requested',
      at: now,
      missedDueAt: null,
      next,
      note: reason.trim(),
      actor: { id: actor.userId, label: `${actor.name} <${actor.email}>` },
    });
  });
  return getCasePage(db, actor, tenant.id, id);
}

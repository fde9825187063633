/**
 * Open311 service requests: POST (through the complaints intake, channel 'open311'), the
 * public list with the spec's filters, one request, and the token look-up. Lists and
 * single requests go through complaints/present.ts `presentPublic`: never personal data,
 * never a rahasia report.
 */
import type { Db, Executor } from '../../db/index.js';
import type { Actor, RequestContext, TenantRef } from '../../platform/context.js';
import { findTokenActor, rolesOf } from '../auth/repo.js';
import { API_TOKEN_PREFIX, sha256 } from '../auth/tokens.js';
import { createComplaint } from '../complaints/intake-service.js';
import { presentPublic, type PublicComplaint } from '../complaints/present.js';
import type { ComplaintStatus } from '../complaints/state-machine.js';
import { normalizeTrackingCode } from '../complaints/tracking-code.js';
import { Open311Error } from './errors.js';
import { isoWithOffset, parseDateTime, type Document } from './format.js';
import { parseRequestInput, titleFrom } from './input.js';
import { msg } from './messages.js';
import * as repo from './repo.js';
// The complaint module's public read queries: one definition of what is public.
import * as complaintsRepo from '../complaints/repo.js';

/** Open311 has two states; Prima's lifecycle maps onto them. */
export const CLOSED_STATUSES: readonly ComplaintStatus[] = ['resolved', 'closed', 'rejected', 'archived', 'merged'];
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['received', 'held', 'verified', 'routed', 'accepted', 'in_progress'];

export function open311Status(status: string): 'open' | 'closed' {
  return (CLOSED_STATUSES as readonly string[]).includes(status) ? 'closed' : 'open';
}

/** The spec's defaults: at most 90 days and 1000 requests per call. */
export const MAX_SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;
const DAY_MS = 86_400_000;

/** api_key: a Prima API token (prm_…) of the jurisdiction's tenant; anything else is refused (403). */
async function apiKeyActor(db: Executor, tenant: TenantRef, apiKey: string): Promise<Actor> {
  const row = apiKey.startsWith(API_TOKEN_PREFIX) ? await findTokenActor(db, sha256(apiKey)) : undefined;
  if (!row || !row.is_active || row.tenant_id !== tenant.id) throw new Open311Error(403, 'open311.error.apiKey');
  const roles = await rolesOf(db, row.tenant_id, row.user_id);
  return { userId: row.user_id, tenantId: row.tenant_id, name: row.name, email: row.email, roles, viaToken: true };
}

export async function createRequest(
  db: Db,
  ctx: RequestContext,
  tenant: TenantRef,
  body: Record<string, unknown>,
  idempotencyKey: string | null,
): Promise<{ created: boolean; doc: Document }> {
  const input = parseRequestInput(body);
  const category = await repo.activeCategory(db, tenant.id, input.serviceCode);
  if (!category) throw new Open311Error(400, 'open311.error.serviceCodeUnknown', { value: input.serviceCode.slice(0, 61) });

  let actor: Actor | null = ctx.actor && ctx.actor.tenantId === tenant.id ? ctx.actor : null;
  if (input.apiKey) actor = await apiKeyActor(db, tenant, input.apiKey);

  // media_url is kept as a note on the report for the desk; it is never fetched.
  const description = input.mediaUrl ? `${input.description}\n\nmedia_url: ${input.mediaUrl}` : input.description;
  const { complaint, created } = await createComplaint(
    db,
    { ...ctx, tenant, actor },
    tenant.id,
    {
      kind: input.kind,
      title: titleFrom(input.description, category.name),
      description,
      categoryId: category.id,
      regionCode: input.regionCode,
      latitude: input.latitude,
      longitude: input.longitude,
      addressText: input.addressText,
      eventDate: input.eventDate,
      isAnonymous: input.isAnonymous,
      isConfidential: input.isConfidential,
      reporter: input.reporter
        ? { ...input.reporter, locale: ctx.locale, wantsUpdates: !!(input.reporter.email || input.reporter.phone) }
        : null,
    },
    // A staff member's token files on a citizen's behalf (recorded as created_by); a
    // citizen's own token (role warga) makes them the reporter.
    { channel: 'open311', idempotencyKey, createdBy: actor && actor.roles.some((r) => r.role !== 'warga') ? actor.userId : null },
  );
  return {
    created,
    doc: {
      root: 'service_requests',
      value: [{
        service_request_id: complaint.tracking_code,
        service_notice: msg(ctx.locale, 'open311.notice.received', { code: complaint.tracking_code }),
        account_id: null,
      }],
    },
  };
}

function list(value: unknown): string[] | null {
  if (value === undefined || value === null || value === '') return null;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts.slice(0, 200) : null;
}

export interface RequestsQuery {
  service_request_id?: unknown;
  service_code?: unknown;
  start_date?: unknown;
  end_date?: unknown;
  status?: unknown;
}

/** The filters of GET requests, checked. `now` is a parameter for the tests. */
export function requestFilter(q: RequestsQuery, tz: string, now = new Date()): repo.RequestFilter {
  const ids = list(q.service_request_id);
  // service_request_id overrides every other argument.
  if (ids) return { trackingCodes: ids.map((c) => normalizeTrackingCode(c) ?? c.slice(0, 40)), limit: MAX_REQUESTS };

  const date = (field: 'start_date' | 'end_date'): Date | undefined => {
    const v = q[field];
    if (v === undefined || v === null || v === '') return undefined;
    const at = typeof v === 'string' && v.length <= 40 ? parseDateTime(v, tz) : null;
    if (!at) throw new Open311Error(400, 'open311.error.date', { field });
    return at;
  };
  let from = date('start_date');
  let to = date('end_date');
  if (from && to && (to.getTime() < from.getTime() || to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS)) {
    throw new Open311Error(400, 'open311.error.dateSpan');
  }
  if (!from && !to) {
    to = now;
    from = new Date(now.getTime() - MAX_SPAN_DAYS * DAY_MS);
  } else if (!from) from = new Date(to!.getTime() - MAX_SPAN_DAYS * DAY_MS);
  else if (!to) to = new Date(from.getTime() + MAX_SPAN_DAYS * DAY_MS);

  let statuses: ComplaintStatus[] | undefined;
  const wanted = list(q.status);
  if (wanted) {
    if (!wanted.every((s) => s === 'open' || s === 'closed')) throw new Open311Error(400, 'open311.error.status');
    statuses = [...(wanted.includes('open') ? OPEN_STATUSES : []), ...(wanted.includes('closed') ? CLOSED_STATUSES : [])];
  }
  const codes = list(q.service_code);
  return { serviceCodes: codes ?? undefined, statuses, from, to, limit: MAX_REQUESTS };
}

function toOpen311(pub: PublicComplaint, row: repo.ListedComplaint, tz: string, mediaBase: string) {
  const notes = pub.timeline.filter((e) => e.note);
  const last = pub.timeline.at(-1);
  const media = pub.attachments.find((a) => a.contentType.startsWith('image/')) ?? pub.attachments[0];
  return {
    service_request_id: pub.trackingCode,
    status: open311Status(pub.status),
    status_notes: notes.at(-1)?.note ?? null,
    service_name: row.serviceName,
    service_code: row.serviceCode,
    description: pub.description,
    agency_responsible: row.opdName,
    service_notice: null,
    requested_datetime: isoWithOffset(new Date(pub.receivedAt), tz),
    updated_datetime: isoWithOffset(new Date(last?.at ?? pub.receivedAt), tz),
    expected_datetime: isoWithOffset(pub.dueAt ? new Date(pub.dueAt) : null, tz),
    address: pub.addressText,
    address_id: pub.regionCode,
    zipcode: null,
    lat: pub.latitude,
    long: pub.longitude,
    media_url: media ? `${mediaBase}/api/v1/public/attachments/${media.id}` : null,
  };
}

async function present(db: Executor, tenant: TenantRef, rows: repo.ListedComplaint[], mediaBase: string) {
  const ids = rows.map((r) => r.id);
  const [events, attachments] = await Promise.all([complaintsRepo.listPublicEventsOf(db, tenant.id, ids), complaintsRepo.listPublicAttachmentsOf(db, tenant.id, ids)]);
  const group = <T extends { complaint_id: string | null }>(items: T[]) => {
    const m = new Map<string, T[]>();
    for (const item of items) {
      if (!item.complaint_id) continue;
      const list = m.get(item.complaint_id);
      if (list) list.push(item);
      else m.set(item.complaint_id, [item]);
    }
    return m;
  };
  const eventsBy = group(events);
  const attachmentsBy = group(attachments);
  const out = [];
  for (const row of rows) {
    const pub = presentPublic(row, eventsBy.get(row.id) ?? [], attachmentsBy.get(row.id) ?? []);
    if (pub) out.push(toOpen311(pub, row, tenant.timezone, mediaBase));
  }
  return out;
}

export async function listRequests(db: Executor, tenant: TenantRef, q: RequestsQuery, mediaBase: string): Promise<Document> {
  const rows = await repo.listPublicComplaints(db, tenant.id, requestFilter(q, tenant.timezone));
  return { root: 'service_requests', value: await present(db, tenant, rows, mediaBase) };
}

export async function getRequest(db: Executor, tenant: TenantRef, id: string, mediaBase: string): Promise<Document> {
  const code = normalizeTrackingCode(id);
  const rows = code ? await repo.listPublicComplaints(db, tenant.id, { trackingCodes: [code], limit: 1 }) : [];
  const items = await present(db, tenant, rows, mediaBase);
  // Unknown and rahasia look the same from outside.
  if (!items.length) throw new Open311Error(404, 'open311.error.requestUnknown', { value: id.slice(0, 40) });
  return { root: 'service_requests', value: items };
}

/**
 * Prima answers POST requests at once with the service_request_id, so a token is only ever
 * the tracking code itself: the look-up maps it back for clients that poll tokens.
 */
export async function lookupToken(db: Executor, tenant: TenantRef, token: string): Promise<Document> {
  const code = normalizeTrackingCode(token);
  if (!code || !(await repo.trackingCodeExists(db, tenant.id, code))) {
    throw new Open311Error(404, 'open311.error.tokenUnknown', { value: token.slice(0, 40) });
  }
  return { root: 'service_requests', value: [{ service_request_id: code, token: code }] };
}

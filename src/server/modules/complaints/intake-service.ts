/**
 * Filing a report: from the public form, the API, Open311, or the desk on behalf of a
 * walk-in/phone/WhatsApp/SMS/letter/outreach/e-mail reporter. One transaction: the report
 * with its tracking code and first deadline ('verification'), the reporter row (the only
 * place personal data lives), the public 'received' event, the audit row, and the
 * citizen's "received" notification when a contact was given.
 *
 * Idempotent: the client sends a key; the same key with the same content returns the same
 * report (created: false), the same key with different content is refused (422
 * IDEMPOTENCY_CONFLICT). The content hash is kept on the 'received' event.
 */
import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, PG, pgCode } from '../../platform/errors.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import { linkAttachments } from '../attachments/service.js';
import { prepareNotification } from '../notifications/service.js';
import { addCalendarDays, isValidDate, localDate, type TimeZone } from '../calendar/workdays.js';
import { computeDue, dueColumns } from './deadlines.js';
import * as repo from './repo.js';
import type { ComplaintRow, EventRow } from './repo.js';
import type { ComplaintChannel, ComplaintKind } from './tables.js';
import { normalizeTrackingCode, withFreshTrackingCode } from './tracking-code.js';
import { applyTransition } from './transitions.js';
import { groupWriter } from '../../db/group-writer.js';
import { isReporterOf, reporterKeyFor, type ReporterProof } from './reporter-access.js';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 10_000;
export const ADDRESS_MAX = 500;
export const NAME_MAX = 200;
/** UU 25/2009 / Perpres 76/2013: a complaint may be filed up to 30 (calendar) days after the service. */
export const FILING_LIMIT_DAYS = 30;
export const KINDS: readonly ComplaintKind[] = ['pengaduan', 'aspirasi', 'permintaan_informasi'];
export const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_\-:.]{8,200}$/;
const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;
const PHONE_RE = /^\+?[0-9][0-9 \-]{6,20}$/;

export interface NewComplaint {
  kind: ComplaintKind;
  title: string;
  description: string;
  categoryId?: string | null;
  categoryCode?: string | null;
  regionCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  addressText?: string | null;
  eventDate?: string | null;
  isAnonymous: boolean;
  isConfidential: boolean;
  reporter?: { name?: string | null; phone?: string | null; email?: string | null; locale?: 'id' | 'en'; wantsUpdates?: boolean } | null;
  attachmentIds?: string[];
}

export interface IntakeOptions {
  channel: ComplaintChannel;
  idempotencyKey?: string | null;
  /** The staff member filing on someone's behalf. */
  createdBy?: string | null;
}

// --- reference checks with short per-process caches (intake is the hot path) ---------------

/**
 * Known-good answers only: an active category or an existing region seen in the last few
 * seconds is not looked up again (misses always go to the database). A category
 * deactivated in another process may still be accepted for up to CATEGORY_TTL_MS; a
 * region vanishing is caught by the foreign key.
 */
const CATEGORY_TTL_MS = 5_000;
const REGION_TTL_MS = 60_000;
const goodCategories = new Map<string, { at: number; id: string }>();
const goodRegions = new Map<string, number>();

export function invalidateCategoryCache(tenantId: string): void {
  for (const k of goodCategories.keys()) if (k.startsWith(`${tenantId}|`)) goodCategories.delete(k);
}

async function activeCategoryId(db: Executor, tenantId: string, by: { id?: string | null; code?: string | null }): Promise<string | null> {
  const key = `${tenantId}|${by.id ? `id:${by.id}` : `code:${by.code}`}`;
  const hit = goodCategories.get(key);
  if (hit && Date.now() - hit.at < CATEGORY_TTL_MS) return hit.id;
  const cat = by.id ? await repo.getCategory(db, tenantId, by.id) : await repo.getCategoryByCode(db, tenantId, String(by.code));
  if (!cat || !cat.is_active) return null;
  if (goodCategories.size > 10_000) goodCategories.clear();
  goodCategories.set(key, { at: Date.now(), id: cat.id });
  return cat.id;
}

async function regionKnown(db: Executor, tenantId: string, code: string): Promise<boolean> {
  const key = `${tenantId}|${code}`;
  const at = goodRegions.get(key);
  if (at && Date.now() - at < REGION_TTL_MS) return true;
  const ok = await repo.regionExists(db, tenantId, code);
  if (ok) {
    if (goodRegions.size > 50_000) goodRegions.clear();
    goodRegions.set(key, Date.now());
  }
  return ok;
}

function fieldError(locale: Locale, field: string, key: Parameters<typeof t>[1], params: Record<string, string | number> = {}, code: 'VALIDATION' | 'INVALID_REGION' = 'VALIDATION'): AppError {
  const message = t(locale, key, params);
  return new AppError(code, { detail: message, ...params }, [{ field, message }], key);
}

/**
 * Control characters other than tab and line breaks are dropped from free text: PostgreSQL
 * refuses NUL in text, and the others only serve to garble a screen or a log.
 */
export function stripControl(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

function optionalText(v: string | null | undefined): string | null {
  if (typeof v !== 'string') return null;
  const s = stripControl(v).trim();
  return s === '' ? null : s;
}

function requiredText(locale: Locale, field: 'title' | 'description', v: unknown, max: number): string {
  const label = t(locale, `complaints.field.${field}`);
  const s = typeof v === 'string' ? stripControl(v).trim() : '';
  if (!s) throw fieldError(locale, field, 'complaints.required', { field: label });
  if (s.length > max) throw fieldError(locale, field, 'complaints.tooLong', { field: label, limit: max, length: s.length });
  return s;
}

/** Validated, normalised content (what the idempotency hash covers). */
interface Clean {
  kind: ComplaintKind;
  title: string;
  description: string;
  categoryId: string | null;
  regionCode: string | null;
  latitude: number | null;
  longitude: number | null;
  addressText: string | null;
  eventDate: string | null;
  isAnonymous: boolean;
  isConfidential: boolean;
  reporter: { name: string | null; phone: string | null; email: string | null; locale: 'id' | 'en'; wantsUpdates: boolean };
  attachmentIds: string[];
}

async function validate(db: Executor, ctx: RequestContext, tenant: { id: string; timezone: TimeZone }, input: NewComplaint, now: Date): Promise<Clean> {
  const L = ctx.locale;
  if (!KINDS.includes(input.kind)) throw fieldError(L, 'kind', 'validation.enum', { field: 'kind', values: KINDS.join(', ') });
  // HTML and scripts are kept as the text they are; output escapes them (the web client
  // renders text, never HTML). Control characters other than line breaks/tabs go.
  const title = requiredText(L, 'title', input.title, TITLE_MAX).replace(/\s+/g, ' ');
  const description = requiredText(L, 'description', input.description, DESCRIPTION_MAX);

  // The category and region checks are independent: run them side by side.
  const regionCode = optionalText(input.regionCode);
  const uuidOk = !input.categoryId || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.categoryId);
  const [catId, regionOk] = await Promise.all([
    !(input.categoryId || input.categoryCode) || !uuidOk ? Promise.resolve(null) : activeCategoryId(db, tenant.id, { id: input.categoryId, code: input.categoryCode }),
    regionCode ? regionKnown(db, tenant.id, regionCode) : Promise.resolve(true),
  ]);
  let categoryId: string | null = null;
  if (input.categoryId || input.categoryCode) {
    if (!catId) throw fieldError(L, input.categoryId ? 'categoryId' : 'categoryCode', 'complaints.unknownCategory');
    categoryId = catId;
  }
  if (regionCode && !regionOk) {
    throw new AppError('INVALID_REGION', { code: regionCode }, [{ field: 'regionCode', message: t(L, 'error.INVALID_REGION', { code: regionCode }) }]);
  }

  const lat = input.latitude ?? null;
  const lon = input.longitude ?? null;
  if ((lat === null) !== (lon === null) || (lat !== null && (!Number.isFinite(lat) || lat < -90 || lat > 90)) || (lon !== null && (!Number.isFinite(lon) || lon < -180 || lon > 180))) {
    throw fieldError(L, 'latitude', 'validation.range', { field: 'latitude/longitude' });
  }

  const addressText = optionalText(input.addressText);
  if (addressText && addressText.length > ADDRESS_MAX) {
    throw fieldError(L, 'addressText', 'complaints.tooLong', { field: t(L, 'complaints.field.addressText'), limit: ADDRESS_MAX, length: addressText.length });
  }

  const eventDate = optionalText(input.eventDate);
  if (eventDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(eventDate) || !isValidDate(eventDate)) throw fieldError(L, 'eventDate', 'complaints.invalidDate');
    const today = localDate(now, tenant.timezone);
    if (eventDate > today) throw fieldError(L, 'eventDate', 'complaints.eventDateInFuture');
    if (eventDate < addCalendarDays(today, -FILING_LIMIT_DAYS)) throw fieldError(L, 'eventDate', 'complaints.eventDateTooOld', { days: FILING_LIMIT_DAYS });
  }

  const r = input.reporter ?? {};
  const name = optionalText(r.name);
  if (name && name.length > NAME_MAX) throw fieldError(L, 'reporter.name', 'complaints.tooLong', { field: t(L, 'complaints.field.name'), limit: NAME_MAX, length: name.length });
  const email = optionalText(r.email)?.toLowerCase() ?? null;
  const phone = optionalText(r.phone);
  if ((email && (email.length > 254 || !EMAIL_RE.test(email))) || (phone && !PHONE_RE.test(phone))) {
    throw fieldError(L, email && !EMAIL_RE.test(email) ? 'reporter.email' : 'reporter.phone', 'complaints.invalidContact');
  }

  return {
    kind: input.kind,
    title,
    description,
    categoryId,
    regionCode,
    latitude: lat,
    longitude: lon,
    addressText,
    eventDate,
    isAnonymous: !!input.isAnonymous,
    isConfidential: !!input.isConfidential,
    reporter: { name, phone, email, locale: r.locale === 'en' ? 'en' : 'id', wantsUpdates: r.wantsUpdates ?? true },
    attachmentIds: [...new Set(input.attachmentIds ?? [])].sort(),
  };
}

export function contentHash(c: Clean, channel: ComplaintChannel): string {
  return crypto.createHash('sha256').update(JSON.stringify({ ...c, channel })).digest('hex');
}

/** Same key: the same report when the content matches, else 422. */
async function replay(db: Executor, tenantId: string, key: string, hash: string): Promise<ComplaintRow | undefined> {
  const existing = await repo.findByIdempotencyKey(db, tenantId, key);
  if (!existing) return undefined;
  const data = await repo.receivedEventData(db, tenantId, existing.id);
  if (data?.contentHash !== hash) throw new AppError('IDEMPOTENCY_CONFLICT');
  return existing;
}

/**
 * The 'received' message to a reporter who wants updates and left an address (e-mail
 * first, else WhatsApp), checked like any outbox message; null when there is nobody to tell.
 * Its link carries the reporter key, so the reporter can act from any device.
 */
function receivedMessage(
  tenantId: string,
  r: { email: string | null; phone: string | null; locale: 'id' | 'en'; wants_updates: boolean },
  trackingCode: string,
  title: string,
  reporterKey: string,
) {
  if (!r.wants_updates || !(r.email || r.phone)) return null;
  const row = prepareNotification({
    tenantId,
    channel: r.email ? 'email' : 'whatsapp',
    recipient: (r.email ?? r.phone)!,
    template: 'complaint.received',
    locale: r.locale,
    params: { trackingCode, title, status: 'received', caseId: null, reporterKey } as never,
    dedupeKey: null,
    related: null,
  });
  return row;
}

/**
 * Reports without attachments arriving while the database is busy are written together
 * (group writes, ADR 0023): one intake statement at a time per process, the others'
 * reports queued for the next. Measured (bench complaints, 2 cores): one at a time beat
 * two at a time on both throughput and p99; 100 per statement bounds its latency.
 */
export const intakeWriter = groupWriter<repo.IntakeBundle, repo.IntakeResult | undefined>({
  name: 'complaint intake',
  maxBatch: 100,
  maxInFlight: 1,
  one: (db, b) => repo.insertComplaintBundle(db, b),
  many: (db, bs) => repo.insertComplaintBundles(db, bs),
});

export async function createComplaint(
  db: Db,
  ctx: RequestContext,
  tenantId: string,
  input: NewComplaint,
  opts: IntakeOptions,
): Promise<{ complaint: ComplaintRow; created: boolean; events?: EventRow[]; reporterKey: string | null }> {
  const key = opts.idempotencyKey ?? null;
  if (key !== null && !IDEMPOTENCY_KEY_RE.test(key)) {
    throw new AppError('VALIDATION', { detail: 'Idempotency-Key' }, [{ field: 'Idempotency-Key', message: t(ctx.locale, 'complaints.invalidIdempotencyKey') }], 'complaints.invalidIdempotencyKey');
  }
  const tenant =
    ctx.tenant?.id === tenantId
      ? { id: ctx.tenant.id, timezone: ctx.tenant.timezone }
      : await db.selectFrom('tenant').select(['id', 'timezone']).where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw new AppError('TENANT_UNKNOWN');
  const now = new Date();
  const clean = await validate(db, ctx, tenant, input, now);
  const hash = contentHash(clean, opts.channel);
  // Outside the transaction: the rules and the calendar come from the per-process caches.
  const due = await computeDue(db, tenant, { stage: 'verification', kind: clean.kind, categoryId: clean.categoryId, from: now });

  // No look-up first: a first submission (the usual case) just inserts; a retry hits the
  // unique index on the key, and is answered from the stored report below.
  const citizenUser = ctx.actor && !opts.createdBy && ctx.actor.tenantId === tenantId ? ctx.actor.userId : null;
  const actorLabel = ctx.actor ? `${ctx.actor.name} <${ctx.actor.email}>` : t(ctx.locale, 'complaints.actor.citizen');
  const reporter = {
    // Chosen here, not by the database, so the reporter key is known before the write.
    id: crypto.randomUUID(),
    name: clean.reporter.name,
    phone: clean.reporter.phone,
    email: clean.reporter.email,
    user_id: citizenUser,
    locale: clean.reporter.locale,
    wants_updates: clean.reporter.wantsUpdates,
  };
  const reporterKey = await reporterKeyFor(db, tenantId, reporter.id);
  const insertBundle = (tx: Executor, write: (tx: Executor, b: repo.IntakeBundle) => Promise<repo.IntakeResult | undefined> = repo.insertComplaintBundle) =>
    withFreshTrackingCode((code) =>
      write(tx, {
        complaint: {
          tenant_id: tenantId,
          tracking_code: code,
          kind: clean.kind,
          channel: opts.channel,
          title: clean.title,
          description: clean.description,
          category_id: clean.categoryId,
          region_code: clean.regionCode,
          latitude: clean.latitude,
          longitude: clean.longitude,
          address_text: clean.addressText,
          event_date: clean.eventDate,
          is_anonymous: clean.isAnonymous,
          is_confidential: clean.isConfidential,
          status: 'received',
          ...dueColumns('verification', due),
          idempotency_key: key,
          created_by: opts.createdBy ?? null,
          received_at: now,
        },
        reporter,
        event: {
          actor_id: ctx.actor?.userId ?? null,
          actor_label: actorLabel,
          data: JSON.stringify({
            by: opts.createdBy ? 'desk' : 'citizen',
            channel: opts.channel,
            contentHash: hash,
            dueRule: { id: due.rule.id, days: due.rule.days, dayType: due.rule.day_type, provisionalYear: due.provisionalYear },
          }),
        },
        // No personal data in the audit trail: the statement references the reporter row by id.
        audit: { actorId: ctx.actor?.userId ?? null, actorLabel, requestId: ctx.requestId },
        notification: receivedMessage(tenantId, reporter, code, clean.title, reporterKey),
      }),
    );
  try {
    let complaint: ComplaintRow;
    let event: EventRow;
    if (!clean.attachmentIds.length) {
      // One statement is atomic on its own: no BEGIN/COMMIT round trips on the hot path;
      // under load, reports arriving together share one statement (ADR 0023).
      ({ complaint, event } = await insertBundle(db, (_, b) => intakeWriter.write(db, b)));
    } else {
      ({ complaint, event } = await db.transaction().execute(async (tx) => {
        const bundle = await insertBundle(tx);
        // Photos of a public, named report are publishable; those of an anonim or rahasia
        // report stay with the staff (a photo can identify the person who took it).
        await linkAttachments(tx, tenantId, bundle.complaint.id, clean.attachmentIds, { isPublic: !clean.isAnonymous && !clean.isConfidential });
        return bundle;
      }));
    }
    /** The new report's timeline is its 'received' event: callers need not read it back. */
    return { complaint, created: true, events: [event], reporterKey };
  } catch (err) {
    // A retry, or a concurrent submission with the same key that won the race: a replay.
    // The same phone gets the same reporter key again (its first answer may have been lost).
    if (key && pgCode(err) === PG.UNIQUE_VIOLATION) {
      const prior = await replay(db, tenantId, key, hash);
      if (prior) {
        const filedBy = await repo.filingReporterId(db, tenantId, prior.id);
        return { complaint: prior, created: false, reporterKey: filedBy ? await reporterKeyFor(db, tenantId, filedBy) : null };
      }
    }
    throw err;
  }
}

/** The report a citizen's code names (typed in any case, with or without separators). */
export async function findByTrackingCode(db: Executor, tenantId: string, code: string): Promise<ComplaintRow | undefined> {
  const canonical = normalizeTrackingCode(code);
  if (!canonical) return undefined;
  return repo.findByTrackingCode(db, tenantId, canonical);
}

// --- the citizen side after filing --------------------------------------------------------

const NO_SUCH_CODE = 'PRM-0000-0000'; // cannot exist (0 is not in the alphabet)
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The report a code names as its caller may see it, or null (unknown code, malformed code,
 * or a rahasia report and a caller who is not its reporter). `isReporter` says whether the
 * caller proved to be its reporter (reporter-access.ts): a rahasia report is shown to its
 * reporter only. A malformed code costs the same queries as a real one, so the answer time
 * does not tell which codes exist.
 */
export async function trackPublic(db: Executor, tenantId: string, code: string, proof: ReporterProof = { key: null, actor: null }) {
  const canonical = normalizeTrackingCode(code) ?? NO_SUCH_CODE;
  const row = await repo.findByTrackingCode(db, tenantId, canonical);
  const isReporter = row ? await isReporterOf(db, tenantId, row.id, proof) : false;
  const visible = row && (!row.is_confidential || isReporter);
  const id = visible ? row.id : NO_SUCH_ID;
  const [events, attachments] = await Promise.all([repo.listEvents(db, tenantId, id, { publicOnly: true }), repo.listAttachmentMeta(db, tenantId, id, { publicOnly: true })]);
  if (!row || !visible) return null;
  return { row, events, attachments, isReporter };
}

export type CitizenAction = 'confirm' | 'dispute' | 'info';

/**
 * A reporter's step on their report: confirm (with a rating 1–5 and a comment), dispute
 * (reopens it at the OPD), or add information to a report the desk holds. Only the
 * reporter may (their key or their own session); anyone else gets REPORTER_ONLY and nothing
 * changes — or NOT_FOUND for a rahasia report, whose existence the public is not told.
 * The citizen's own words go on the timeline as an internal note: staff read them, the
 * public page only shows that the step happened (they may hold personal details).
 */
export async function citizenAct(
  db: Db,
  ctx: RequestContext,
  tenantId: string,
  code: string,
  action: CitizenAction,
  body: { rating?: number; comment?: string | null; reason?: string; info?: string },
  proof: ReporterProof,
) {
  const canonical = normalizeTrackingCode(code);
  const found = canonical ? await repo.findByTrackingCode(db, tenantId, canonical) : undefined;
  if (!found) throw new AppError('NOT_FOUND');
  if (!(await isReporterOf(db, tenantId, found.id, proof))) throw new AppError(found.is_confidential ? 'NOT_FOUND' : 'REPORTER_ONLY');
  await db.transaction().execute((tx) =>
    applyTransition(tx, ctx, {
      tenantId,
      complaintId: found.id,
      by: 'citizen',
      action: action === 'info' ? 'provide_info' : action,
      note: action === 'confirm' ? (body.comment ?? null) : action === 'dispute' ? body.reason : body.info,
      visibility: 'internal',
      data: action === 'confirm' ? { rating: body.rating, comment: body.comment ?? null } : undefined,
    }),
  );
  return (await trackPublic(db, tenantId, found.tracking_code, proof))!;
}

/** Recent public reports (never rahasia), with their public timelines. */
export async function listRecentPublic(db: Executor, tenantId: string, limit: number) {
  const rows = await repo.listRecentPublic(db, tenantId, Math.min(Math.max(1, limit), 50));
  const ids = rows.map((r) => r.id);
  const [events, attachments] = await Promise.all([repo.listPublicEventsOf(db, tenantId, ids), repo.listPublicAttachmentsOf(db, tenantId, ids)]);
  return rows.map((row) => ({ row, events: events.filter((e) => e.complaint_id === row.id), attachments: attachments.filter((a) => a.complaint_id === row.id) }));
}

/**
 * Notification templates: what each one needs (a TypeBox schema per template, checked at
 * enqueue so a bad call fails in the caller's transaction, not hours later at delivery)
 * and how it is rendered (subject + plain-text body, in id or en, texts from
 * src/shared/i18n/notifications.ts). Parameters are plain text: control characters are
 * removed, one-line fields lose their line breaks and every field is length-limited, so a
 * report title cannot forge headers or pad a message. Nothing is HTML.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import type { ComplaintStatus } from '../complaints/state-machine.js';

const Str = Type.String({ minLength: 1 });
const OptStr = Type.Optional(Type.Union([Type.String(), Type.Null()]));
/** ISO date-time (a Date is turned into its ISO string before the check). */
const OptDue = Type.Optional(Type.Union([Type.String(), Type.Null()]));

const CaseFields = { trackingCode: Str, title: OptStr, caseId: OptStr };
/** Messages to a reporter: their reporter key goes in the link (after '#'), so they can act from any device. */
const ReporterFields = { ...CaseFields, reporterKey: Type.Optional(Type.String({ maxLength: 60 })) };

export const DigestBucket = Type.Union([Type.Literal('overdue'), Type.Literal('due_soon'), Type.Literal('new')]);
export type DigestBucket = Static<typeof DigestBucket>;

export const TEMPLATE_SCHEMAS = {
  /** To the reporter, right after intake. */
  'complaint.received': Type.Object({ ...ReporterFields }),
  /** To the reporter, on a public step (status = the new ComplaintStatus). */
  'complaint.status_changed': Type.Object({ ...ReporterFields, status: Str, note: OptStr }),
  /** To the reporter: resolved, please confirm and rate. */
  'complaint.resolved': Type.Object({ ...ReporterFields, note: OptStr }),
  /** To the OPD (operators / head): a case was routed to it. */
  'opd.new_case': Type.Object({ ...CaseFields, opdName: OptStr, dueAt: OptDue }),
  /** To the OPD: the deadline is near (complaints.sweep). */
  'opd.reminder': Type.Object({ ...CaseFields, opdName: OptStr, dueAt: OptDue }),
  /** To the OPD head: the case missed its deadline and was escalated. */
  'opd.escalated': Type.Object({ ...CaseFields, opdName: OptStr, dueAt: OptDue, level: Type.Optional(Type.Integer({ minimum: 0, maximum: 3 })) }),
  /** To Sekda / Bupati (pimpinan): escalation reached them. */
  'leader.escalated': Type.Object({ ...CaseFields, opdName: OptStr, dueAt: OptDue, level: Type.Optional(Type.Integer({ minimum: 0, maximum: 3 })) }),
  /** To the OPD (operators / head): an SKM follow-up action passed its due date (skm.followup-reminders). */
  'skm.followup_overdue': Type.Object({ unitName: Str, unsur: Str, action: Str, dueOn: Str }),
  /** To the OPD (operators / head): a published service standard is due for its periodic review (standards.review). */
  'standards.review_due': Type.Object({ serviceName: Str, unitName: Str, version: Type.Integer({ minimum: 1 }), publishedOn: Str }),
  /** To a tenant's admins, from 1 October: next year's national days off are not loaded (calendar.next-year-notice). */
  'calendar.next_year_missing': Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
  /** To an OPD head: one daily summary (notifications.daily-digest). */
  'opd.daily_digest': Type.Object({
    opdName: Str,
    /** The tenant-local date, YYYY-MM-DD. */
    date: Str,
    counts: Type.Object({ new: Type.Integer({ minimum: 0 }), dueSoon: Type.Integer({ minimum: 0 }), overdue: Type.Integer({ minimum: 0 }) }),
    items: Type.Array(Type.Object({ trackingCode: Str, title: Type.String(), dueAt: OptDue, bucket: DigestBucket }), { maxItems: 100 }),
  }),
} satisfies Record<string, TSchema>;

export type NotificationTemplate = keyof typeof TEMPLATE_SCHEMAS;
export const NOTIFICATION_TEMPLATES = Object.keys(TEMPLATE_SCHEMAS) as NotificationTemplate[];

type DateOk<T> = { [K in keyof T]: K extends 'dueAt' ? T[K] | Date : T[K] extends Array<infer I> ? Array<DateOk<I>> : T[K] };
/**
 * Parameters of a template. Known fields are type-checked; extra fields are accepted from
 * callers but not stored (only the template's own fields reach the outbox). `dueAt` may be
 * a Date.
 */
export type TemplateParams<T extends NotificationTemplate> = DateOk<Static<(typeof TEMPLATE_SCHEMAS)[T]>> & Record<string, unknown>;

/** The `status` of complaint.status_changed: the case's new status. */
export type StatusParam = ComplaintStatus;

export function isNotificationTemplate(name: string): name is NotificationTemplate {
  return Object.prototype.hasOwnProperty.call(TEMPLATE_SCHEMAS, name);
}

function jsonable(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(jsonable);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonable(x)]));
  return v;
}

/** Only the fields a schema names (recursively through objects and arrays). */
function pick(schema: TSchema, v: unknown): unknown {
  if (schema.type === 'object' && schema.properties && v && typeof v === 'object' && !Array.isArray(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties as Record<string, TSchema>)) {
      if ((v as Record<string, unknown>)[k] !== undefined) out[k] = pick(s, (v as Record<string, unknown>)[k]);
    }
    return out;
  }
  if (schema.type === 'array' && schema.items && Array.isArray(v)) return v.map((x) => pick(schema.items as TSchema, x));
  return v;
}

/**
 * The stored form of a template's parameters, or the list of problems. Dates become ISO
 * strings, unknown fields are dropped.
 */
export function normaliseParams(template: NotificationTemplate, params: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; errors: Array<{ path: string; message: string }> } {
  const schema = TEMPLATE_SCHEMAS[template];
  const value = pick(schema, jsonable(params)) as Record<string, unknown>;
  if (!Value.Check(schema, value)) {
    return { ok: false, errors: [...Value.Errors(schema, value)].slice(0, 10).map((e) => ({ path: e.path || '/', message: e.message })) };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------
// Rendering

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** One line of plain text: no control characters or line breaks, at most `max` characters. */
export function oneLine(v: unknown, max = 200): string {
  const s = String(v ?? '').replace(/\r\n?|\n/g, ' ').replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A paragraph of plain text: line breaks kept (at most two in a row), no other control characters. */
export function paragraph(v: unknown, max = 2000): string {
  const s = String(v ?? '').replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(/\n{3,}/g, '\n\n').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface RenderContext {
  locale: Locale;
  tenant: { slug: string; name: string; timezone: string };
  /** Public address of the app, e.g. https://prima.tanahbumbukab.go.id (no trailing slash). */
  publicUrl: string;
  /** The outbox row's related entity (a complaint id gives staff messages their case link). */
  related?: { type: string | null; id: string | null };
}

export interface RenderedMessage {
  subject: string;
  /** Plain-text body (e-mail, WhatsApp). */
  text: string;
  /** Short form for SMS: the subject and the link. */
  short: string;
}

/** Web paths the messages link to (routes of src/web/app/App.tsx: /lacak/:code, /pengaduan/:id, /kotak-masuk). */
export const LINK_PATHS = {
  /**
   * The tracking page; for the reporter with their key after '#' — a fragment never reaches
   * the server, its logs or a Referer header; the page keeps it on the phone.
   */
  track: (code: string, reporterKey?: string | null) =>
    `/lacak/${encodeURIComponent(code)}${reporterKey ? `#kunci=${encodeURIComponent(reporterKey)}` : ''}`,
  case: (id: string) => `/pengaduan/${encodeURIComponent(id)}`,
  inbox: () => '/kotak-masuk',
  /** The calendar page, scrolled to its import form (CalendarPage's `#impor` section). */
  calendarImport: () => '/calendar#impor',
};

export function tenantLink(ctx: RenderContext, path: string): string {
  return `${ctx.publicUrl.replace(/\/+$/, '')}/r/${encodeURIComponent(ctx.tenant.slug)}${path}`;
}

export function formatDue(value: unknown, locale: Locale, timeZone: string): string {
  if (typeof value !== 'string' || !value) return t(locale, 'notifications.noDue');
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return t(locale, 'notifications.noDue');
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(d);
}

function statusLabel(locale: Locale, status: unknown): string {
  const key = `notifications.status.${String(status)}`;
  const label = t(locale, key as MessageKey);
  return label === key ? oneLine(status, 40) : label;
}

const DIGEST_ITEMS_PER_SECTION = 10;

/** Renders a stored outbox row. Throws on an unknown template (the row is then retried and fails). */
export function renderNotification(template: string, rawParams: Record<string, unknown>, ctx: RenderContext): RenderedMessage {
  if (!isNotificationTemplate(template)) throw new Error(`unknown notification template "${template}"`);
  const L = ctx.locale;
  const p = rawParams as Record<string, any>;
  const subjectKey = `notifications.${template}.subject` as MessageKey;
  const bodyKey = `notifications.${template}.body` as MessageKey;
  const footer = t(L, 'notifications.footer', { tenant: oneLine(ctx.tenant.name, 120) });

  if (template === 'opd.daily_digest') {
    const counts = p.counts as { new: number; dueSoon: number; overdue: number };
    const vars = { opd: oneLine(p.opdName, 120), date: oneLine(p.date, 20), new: counts.new, dueSoon: counts.dueSoon, overdue: counts.overdue };
    const parts = [t(L, bodyKey, vars)];
    const totals: Record<DigestBucket, number> = { overdue: counts.overdue, due_soon: counts.dueSoon, new: counts.new };
    for (const bucket of ['overdue', 'due_soon', 'new'] as const) {
      const items = (p.items as Array<Record<string, unknown>>).filter((i) => i.bucket === bucket);
      if (!items.length) continue;
      const shown = items.slice(0, DIGEST_ITEMS_PER_SECTION);
      const lines = [t(L, `notifications.digest.section.${bucket}`)];
      for (const i of shown) {
        lines.push(t(L, 'notifications.digest.line', { code: oneLine(i.trackingCode, 40), title: `"${oneLine(i.title, 120)}"`, due: formatDue(i.dueAt, L, ctx.tenant.timezone) }));
      }
      const more = totals[bucket] - shown.length;
      if (more > 0) lines.push(t(L, 'notifications.digest.more', { n: more }));
      parts.push(lines.join('\n'));
    }
    const link = tenantLink(ctx, LINK_PATHS.inbox());
    parts.push(t(L, 'notifications.link.inbox', { link }), footer);
    const subject = oneLine(t(L, subjectKey, vars), 250);
    return { subject, text: parts.join('\n\n') + '\n', short: `${subject} ${link}` };
  }

  if (template === 'standards.review_due') {
    const vars = { service: oneLine(p.serviceName, 200), unit: oneLine(p.unitName, 160), version: String(p.version), published: oneLine(p.publishedOn, 20) };
    const link = tenantLink(ctx, '/standar');
    const subject = oneLine(t(L, subjectKey, vars), 250);
    return { subject, text: [t(L, bodyKey, vars), t(L, 'notifications.link.standards', { link }), footer].join('\n\n') + '\n', short: `${subject} ${link}` };
  }

  if (template === 'calendar.next_year_missing') {
    const vars = { year: String(p.year), tenant: oneLine(ctx.tenant.name, 120) };
    const link = tenantLink(ctx, LINK_PATHS.calendarImport());
    const subject = oneLine(t(L, subjectKey, vars), 250);
    return { subject, text: [t(L, bodyKey, vars), t(L, 'notifications.link.calendar', { link }), footer].join('\n\n') + '\n', short: `${subject} ${link}` };
  }

  if (template === 'skm.followup_overdue') {
    const vars = { unit: oneLine(p.unitName, 160), unsur: oneLine(p.unsur, 120), action: oneLine(p.action, 300), due: oneLine(p.dueOn, 20) };
    const link = tenantLink(ctx, '/skm');
    const subject = oneLine(t(L, subjectKey, vars), 250);
    return { subject, text: [t(L, bodyKey, vars), t(L, 'notifications.link.skm', { link }), footer].join('\n\n') + '\n', short: `${subject} ${link}` };
  }

  const vars = {
    code: oneLine(p.trackingCode, 40),
    title: oneLine(p.title ?? '', 160),
    status: statusLabel(L, p.status),
    opd: oneLine(p.opdName ?? '', 120) || 'OPD',
    due: formatDue(p.dueAt, L, ctx.tenant.timezone),
    level: String(p.level ?? ''),
  };
  const parts = [t(L, bodyKey, vars)];
  if (typeof p.note === 'string' && p.note.trim()) parts.push(t(L, 'notifications.note', { note: paragraph(p.note) }));
  const forCitizen = template.startsWith('complaint.');
  if (template === 'complaint.received' && typeof p.reporterKey === 'string') parts.push(t(L, 'notifications.reporterKey', { key: oneLine(p.reporterKey, 60) }));
  const caseId = (typeof p.caseId === 'string' && p.caseId) || (ctx.related?.type === 'complaint' ? ctx.related.id : null);
  const reporterKey = forCitizen && typeof p.reporterKey === 'string' ? p.reporterKey : null;
  const link = forCitizen || !caseId ? tenantLink(ctx, LINK_PATHS.track(vars.code, reporterKey)) : tenantLink(ctx, LINK_PATHS.case(caseId));
  parts.push(t(L, forCitizen || !caseId ? 'notifications.link.track' : 'notifications.link.case', { link }), footer);
  const subject = oneLine(t(L, subjectKey, vars), 250);
  return { subject, text: parts.join('\n\n') + '\n', short: `${subject} ${link}` };
}

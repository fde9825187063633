/**
 * Service standards: drafting the 14 components, the life cycle (lifecycle.ts) with the
 * checks of each step, uploads (signed decree PDF, flow diagram), answering consultation
 * comments, review settings and the review sweep. Every change is audited in its own
 * transaction. `getServiceTimeLimit` feeds the complaint module.
 */
import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { systemContext } from '../../platform/context.js';
import { AppError, PG, pgCode } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { t, type MessageKey } from '../../../shared/i18n/index.js';
import type { ComponentKey, StandardAction, TComponents, TStandardActionBody } from '../../../shared/schemas/standards.js';
import { cleanText } from '../../../shared/schemas/standards-markup.js';
import { recordAudit } from '../audit/record.js';
import { enqueueNotification } from '../notifications/service.js';
import { recipients } from '../auth/repo.js';
import { localDate as localDateOf, type TimeZone } from '../calendar/workdays.js';
import { FileRejected, fileInvalid } from '../attachments/errors.js';
import { checkFileType } from '../attachments/sniff.js';
import { sanitizeFile } from '../attachments/strip.js';
import { mergeComponents, missingComponents } from './components.js';
import { EDITABLE, STANDARD_STEPS, allowedActions, plan } from './lifecycle.js';
import { can, performersFor } from './policy.js';
import * as repo from './repo.js';
import { summaries } from './levels.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface StandardView {
  row: repo.StandardRow;
  ref: repo.ServiceRef;
  versions: repo.StandardRow[];
  comments: repo.CommentRow[];
  level: number;
  allowedActions: StandardAction[];
  canEdit: boolean;
}

function audit(tx: Executor, ctx: RequestContext, tenantId: string, action: string, id: string, before: unknown, after: unknown) {
  const shape = (r: unknown) => (r && typeof r === 'object' ? stripBytes(r as Record<string, unknown>) : null);
  return recordAudit(tx, ctx, tenantId, { action, entityType: 'service_standard', entityId: id, before: shape(before), after: shape(after) });
}

function stripBytes(r: Record<string, unknown>): Record<string, unknown> {
  const { signed_pdf: _a, flow_image: _b, ...rest } = r;
  return rest;
}

async function loadRef(db: Executor, tenantId: string, serviceId: string): Promise<repo.ServiceRef> {
  const ref = await repo.findService(db, tenantId, serviceId);
  if (!ref) throw new AppError('INVALID_REFERENCE', {}, [{ field: 'serviceId' }], 'standards.unknownService');
  return ref;
}

async function loadForWrite(db: Executor, ctx: RequestContext, tenantId: string, id: string) {
  const row = await repo.getStandard(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const ref = await loadRef(db, tenantId, row.service_id);
  authorize(can(ctx.actor, 'standard.write', { tenantId, opdId: ref.opd_id }));
  return { row, ref };
}

export async function getStandardView(db: Db, ctx: RequestContext, tenantId: string, id: string): Promise<StandardView> {
  const row = await repo.getStandard(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const ref = await loadRef(db, tenantId, row.service_id);
  const [versions, comments, sums] = await Promise.all([
    repo.listVersions(db, tenantId, row.service_id),
    repo.listComments(db, tenantId, id),
    summaries(db, tenantId, [row.service_id]),
  ]);
  const performers = performersFor(ctx.actor, tenantId, ref.opd_id);
  return {
    row, ref, versions, comments,
    level: sums.get(row.service_id)?.level ?? 0,
    allowedActions: allowedActions(STANDARD_STEPS, row.status, performers),
    canEdit: performers.length > 0 && EDITABLE.includes(row.status),
  };
}

export async function listStandards(db: Db, tenantId: string, f: { opdId?: string; unitId?: string; q?: string }) {
  const services = await repo.listServices(db, tenantId, f);
  const sums = await summaries(db, tenantId, services.map((s) => s.service_id));
  return services.map((s) => ({ ref: s, summary: sums.get(s.service_id)! }));
}

export async function createStandard(db: Db, ctx: RequestContext, tenantId: string, serviceId: string): Promise<repo.StandardRow> {
  const ref = await loadRef(db, tenantId, serviceId);
  authorize(can(ctx.actor, 'standard.write', { tenantId, opdId: ref.opd_id }));
  try {
    return await db.transaction().execute(async (tx) => {
      if ((await repo.maxVersion(tx, tenantId, serviceId)) > 0) throw new AppError('CONFLICT', {}, undefined, 'standards.exists');
      const row = await repo.insertStandard(tx, { tenantId, serviceId, version: 1, components: {}, createdBy: ctx.actor?.userId ?? null });
      await audit(tx, ctx, tenantId, 'standards.standard.create', row.id, null, row);
      return row;
    });
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw new AppError('CONFLICT', {}, undefined, 'standards.exists');
    throw err;
  }
}

export async function patchStandard(db: Db, ctx: RequestContext, tenantId: string, id: string, components: TComponents): Promise<repo.StandardRow> {
  const { row } = await loadForWrite(db, ctx, tenantId, id);
  return db.transaction().execute(async (tx) => {
    if (!EDITABLE.includes(row.status)) throw notEditable(ctx, row);
    const merged = mergeComponents(row.components, components);
    const updated = await repo.updateStandardIf(tx, tenantId, id, row.status, { components: JSON.stringify(merged) });
    if (!updated) throw new AppError('CONFLICT');
    await audit(tx, ctx, tenantId, 'standards.standard.update', id, { components: row.components }, { components: merged });
    return updated;
  });
}

function notEditable(ctx: RequestContext, row: repo.StandardRow) {
  return new AppError('CONFLICT', { version: row.version, status: t(ctx.locale, `standards.status.${row.status}` as MessageKey) }, { status: row.status }, 'standards.notEditable');
}

/** Today's date (YYYY-MM-DD) in the tenant's time zone. */
export function todayIn(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

const label = (ctx: RequestContext, key: string) => t(ctx.locale, key as MessageKey);

/** What is missing to establish a version: decree fields, the signed PDF, empty components. */
export function establishGaps(row: Pick<repo.StandardRow, 'components' | 'has_signed_pdf'>, body: Pick<TStandardActionBody, 'decreeNumber' | 'decreeDate' | 'decreeSigner'>): string[] {
  const gaps: string[] = [];
  if (!body.decreeNumber?.trim()) gaps.push('decreeNumber');
  if (!body.decreeDate) gaps.push('decreeDate');
  if (!body.decreeSigner?.trim()) gaps.push('decreeSigner');
  if (!row.has_signed_pdf) gaps.push('signedPdf');
  return [...gaps, ...missingComponents(row.components).map((k) => `components.${k}`)];
}

function gapLabel(ctx: RequestContext, gap: string): string {
  return gap.startsWith('components.') ? label(ctx, `standards.component.${gap.slice(11) as ComponentKey}`) : label(ctx, `standards.field.${gap}`);
}

/** Takes one life-cycle step. For 'revise' the answer is the new draft version. */
export async function actOnStandard(db: Db, ctx: RequestContext, tenantId: string, id: string, body: TStandardActionBody): Promise<repo.StandardRow> {
  const row = await repo.getStandard(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const ref = await loadRef(db, tenantId, row.service_id);
  const performers = ctx.actor ? performersFor(ctx.actor, tenantId, ref.opd_id) : (['system'] as const);
  if (ctx.actor) authorize(performers.length > 0);
  const step = plan(STANDARD_STEPS, body.action, row.status, performers);
  const actionLabel = label(ctx, `standards.action.${body.action}`);
  if (!step.ok && step.reason === 'performer') throw new AppError('FORBIDDEN', { action: actionLabel }, undefined, 'standards.performerRefused');
  if (!step.ok) throw new AppError('TRANSITION_NOT_ALLOWED', { action: actionLabel, status: label(ctx, `standards.status.${row.status}`) }, { action: body.action, status: row.status }, 'standards.transitionRefused');
  const now = new Date();
  const patch: repo.StandardPatch = { status: step.to };

  switch (body.action) {
    case 'open_consultation': {
      const missing = (['consultationStart', 'consultationEnd'] as const).filter((f) => !body[f]);
      if (missing.length) throw validation(ctx, 'standards.missingFields', missing);
      const start = new Date(body.consultationStart!);
      const end = new Date(body.consultationEnd!);
      if (!(end > start)) throw new AppError('VALIDATION', {}, [{ field: 'consultationEnd', message: label(ctx, 'standards.windowInvalid') }], 'standards.windowInvalid');
      Object.assign(patch, { consultation_start: start, consultation_end: end });
      break;
    }
    case 'establish': {
      const gaps = establishGaps(row, body);
      if (gaps.length) throw validation(ctx, 'standards.missingFields', gaps);
      const today = todayIn(ctx.tenant?.timezone ?? 'Asia/Jakarta', now);
      if (body.decreeDate! > today) {
        throw new AppError('VALIDATION', { date: body.decreeDate! }, [{ field: 'decreeDate', message: t(ctx.locale, 'standards.decreeDateFuture', { date: body.decreeDate! }) }], 'standards.decreeDateFuture');
      }
      Object.assign(patch, { decree_number: cleanText(body.decreeNumber!).trim(), decree_date: body.decreeDate!, decree_signer: cleanText(body.decreeSigner!).trim(), established_at: now });
      break;
    }
    case 'publish': {
      const months = await repo.reviewIntervalMonths(db, tenantId);
      Object.assign(patch, { published_at: now, review_due_at: addMonths(now, months) });
      break;
    }
    case 'start_review':
      patch.review_started_at = now;
      break;
    case 'complete_review': {
      const months = await repo.reviewIntervalMonths(db, tenantId);
      Object.assign(patch, { review_completed_at: now, review_due_at: addMonths(now, months) });
      break;
    }
    case 'revise':
      if (row.status === 'under_review') patch.review_completed_at = now;
      break;
    case 'reopen_draft':
      break;
  }

  try {
    return await db.transaction().execute(async (tx) => {
      const updated = await repo.updateStandardIf(tx, tenantId, id, row.status, patch);
      if (!updated) throw new AppError('CONFLICT');
      await audit(tx, ctx, tenantId, `standards.standard.${body.action}`, id, row, updated);
      if (body.action === 'publish') await repo.supersedeOlder(tx, tenantId, row.service_id, row.version);
      if (body.action !== 'revise') return updated;
      const file = await repo.getFile(tx, tenantId, id, 'flow_image');
      const next = await repo.insertStandard(tx, {
        tenantId, serviceId: row.service_id, version: (await repo.maxVersion(tx, tenantId, row.service_id)) + 1,
        components: row.components, createdBy: ctx.actor?.userId ?? null, flowImage: file?.data ?? null, flowImageType: file?.contentType ?? null,
      });
      await audit(tx, ctx, tenantId, 'standards.standard.create', next.id, null, { ...next, revisionOf: id });
      return next;
    });
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw new AppError('CONFLICT', {}, undefined, 'standards.openVersionExists');
    throw err;
  }
}

function validation(ctx: RequestContext, key: MessageKey, fields: readonly string[]) {
  const names = fields.map((f) => gapLabel(ctx, f));
  return new AppError('VALIDATION', { fields: names.join(', ') }, fields.map((f, i) => ({ field: f, message: names[i] })), key);
}

export interface Upload {
  filename: string;
  declaredType: string | null;
  data: Buffer;
}

/** Stores the signed decree (a PDF by content) or the flow diagram (an image, metadata stripped). */
export async function uploadFile(db: Db, ctx: RequestContext, tenantId: string, id: string, which: 'signed_pdf' | 'flow_image', upload: Upload): Promise<repo.StandardRow> {
  const { row } = await loadForWrite(db, ctx, tenantId, id);
  const name = cleanText(upload.filename ?? '').split(/[\\/]/).pop()!.slice(0, 150) || (which === 'signed_pdf' ? 'sk.pdf' : 'alur');
  let data: Buffer;
  let type: string;
  try {
    type = checkFileType(upload.data, upload.filename ?? '', upload.declaredType);
    const wanted = which === 'signed_pdf' ? type === 'application/pdf' : type !== 'application/pdf';
    if (!wanted) {
      const actual = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'application/pdf': 'PDF' }[type] ?? type;
      throw new AppError('FILE_INVALID', { name, actual }, { reason: 'type', field: which === 'signed_pdf' ? 'signedPdf' : 'flowDiagram', detectedType: type }, which === 'signed_pdf' ? 'standards.notPdf' : 'standards.notImage');
    }
    data = sanitizeFile(upload.data, type as never, { keepMetadata: false }).data;
  } catch (err) {
    if (err instanceof FileRejected) throw fileInvalid(err, name);
    throw err;
  }
  const allowedIn = which === 'signed_pdf' ? ['draft', 'consultation'] : ['draft'];
  if (!allowedIn.includes(row.status)) throw notEditable(ctx, row);
  const patch: repo.StandardPatch = which === 'signed_pdf'
    ? { signed_pdf: data, signed_pdf_name: name, signed_pdf_sha256: crypto.createHash('sha256').update(data).digest('hex') }
    : { flow_image: data, flow_image_type: type };
  return db.transaction().execute(async (tx) => {
    const updated = await repo.updateStandardIf(tx, tenantId, id, row.status, patch);
    if (!updated) throw new AppError('CONFLICT');
    await audit(tx, ctx, tenantId, `standards.standard.upload_${which}`, id, null, { filename: name, size: data.length, type });
    return updated;
  });
}

export async function answerComment(db: Db, ctx: RequestContext, tenantId: string, commentId: string, answer: string): Promise<repo.CommentRow> {
  const comment = await repo.getComment(db, tenantId, commentId);
  if (!comment) throw new AppError('NOT_FOUND', {}, undefined, 'standards.commentNotFound');
  await loadForWrite(db, ctx, tenantId, comment.standard_id);
  return db.transaction().execute(async (tx) => {
    const row = await repo.answerComment(tx, tenantId, commentId, cleanText(answer).trim(), ctx.actor?.userId ?? null);
    if (!row) throw new AppError('NOT_FOUND');
    await recordAudit(tx, ctx, tenantId, { action: 'standards.comment.answer', entityType: 'standard_comment', entityId: commentId, before: { answer: comment.answer }, after: { answer: row.answer } });
    return row;
  });
}

export async function getSettings(db: Db, tenantId: string) {
  return { reviewIntervalMonths: await repo.reviewIntervalMonths(db, tenantId) };
}

export async function setSettings(db: Db, ctx: RequestContext, tenantId: string, months: number) {
  return db.transaction().execute(async (tx) => {
    const before = await repo.reviewIntervalMonths(tx, tenantId);
    await repo.setReviewInterval(tx, tenantId, months);
    await recordAudit(tx, ctx, tenantId, { action: 'standards.settings.update', entityType: 'standard_setting', entityId: tenantId, before: { reviewIntervalMonths: before }, after: { reviewIntervalMonths: months } });
    return { reviewIntervalMonths: months };
  });
}

/**
 * The time limit of a service from its standard in force (published, under review or
 * being revised), or null when it has none. For the complaint module.
 */
export async function getServiceTimeLimit(db: Executor, tenantId: string, serviceId: string): Promise<{ value: number; unit: 'hari_kerja' | 'hari' | 'jam' } | null> {
  const versions = await repo.listVersions(db, tenantId, serviceId);
  const current = versions.find((v) => ['published', 'under_review', 'revised'].includes(v.status));
  return current?.components.jangka_waktu ?? null;
}

/**
 * The review sweep: published versions whose review is due move to under_review, one
 * conditional UPDATE each (a second process finds the status changed and skips it), with
 * an audit row as the notice the OPD sees in its list ("due for review") and, in the same
 * transaction, an e-mail through the outbox to each active operator and head of the
 * service's OPD, in their language (so only the process that moved it writes them).
 */
export async function runReviewSweep(db: Db, now = new Date(), batch = 200): Promise<number> {
  const due = await repo.dueForReview(db, now, batch);
  let moved = 0;
  for (const d of due) {
    const ctx = systemContext(null, 'standards.review');
    await db.transaction().execute(async (tx) => {
      const updated = await repo.updateStandardIf(tx, d.tenant_id, d.id, 'published', { status: 'under_review', review_started_at: now });
      if (!updated) return;
      moved++;
      const ref = await repo.findService(tx, d.tenant_id, d.service_id);
      await audit(tx, ctx, d.tenant_id, 'standards.standard.start_review', d.id, { status: 'published' }, { status: 'under_review', notice: t('id', 'standards.reviewDue', { service: ref?.service_name ?? '' }) });
      if (ref) {
        for (const r of await recipients(tx, d.tenant_id, { roles: ['operator_opd', 'kepala_opd'], opdId: ref.opd_id })) {
          await enqueueNotification(tx, {
            tenantId: d.tenant_id,
            channel: 'email',
            recipient: r.email,
            template: 'standards.review_due',
            locale: r.locale,
            params: { serviceName: ref.service_name, unitName: ref.unit_name, version: updated.version, publishedOn: updated.published_at ? localDateOf(new Date(updated.published_at), d.timezone as TimeZone) : '-' },
            dedupeKey: `standards-review:${d.id}:${now.toISOString().slice(0, 10)}:${r.email.toLowerCase()}`,
            related: { type: 'standard', id: d.id },
          });
        }
      }
    });
  }
  return moved;
}

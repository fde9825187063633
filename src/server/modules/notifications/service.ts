/**
 * The outbox. `enqueueNotification` is what other modules call, inside the transaction of
 * the change that causes the message: the message exists if and only if the change
 * committed, and a dedupe key makes a second enqueue (a retried request, a re-run sweep) a
 * no-op. Sending happens later, in deliver.ts. Admin views: list and retry.
 */
import type { Db, Executor, Tx } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record.js';
import * as repo from './repo.js';
import type { NewNotificationRow } from './repo.js';
import type { NotificationChannel, NotificationStatus } from './tables.js';
import { isNotificationTemplate, normaliseParams, type NotificationTemplate, type TemplateParams } from './templates.js';

export type { NotificationTemplate, TemplateParams } from './templates.js';

export interface EnqueueNotificationInput<T extends NotificationTemplate = NotificationTemplate> {
  tenantId: string;
  channel: NotificationChannel;
  /** E-mail address (channel email) or phone number (whatsapp, sms). */
  recipient: string;
  template: T;
  locale: 'id' | 'en';
  params: TemplateParams<T>;
  /** Unique per tenant: a second enqueue with the same key does nothing. */
  dedupeKey?: string | null;
  /** What the message is about, e.g. {type: 'complaint', id}. */
  related?: { type: string; id: string } | null;
}

const EMAIL_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
/** International (+62…) or local (08…) phone numbers, separators (space . - parentheses) removed. */
const PHONE_RE = /^\+?[0-9]{7,16}$/;

function invalid(path: string, message: string, more: Array<{ path: string; message: string }> = []): AppError {
  const details = [{ path, message }, ...more];
  return new AppError('VALIDATION', { detail: `notification: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}` }, details);
}

/**
 * Adds a message to the outbox in the caller's transaction (or on a plain handle). The
 * template and its parameters are checked (a VALIDATION AppError otherwise: a programming
 * error). A recipient that is not a usable address or phone number is stored as a failed
 * message instead of failing the caller's change. Returns the message id, and created =
 * false when the dedupe key was already used.
 */
export async function enqueueNotification<T extends NotificationTemplate>(tx: Tx | Executor, input: EnqueueNotificationInput<T>): Promise<{ id: string; created: boolean }> {
  return repo.insertNotification(tx, prepareNotification(input));
}

/**
 * The outbox row for a message, checked (template, locale, channel, params) but not
 * stored: for a caller that writes it inside a larger statement of its own (the complaint
 * intake inserts its whole bundle in one round trip).
 */
export function prepareNotification<T extends NotificationTemplate>(input: EnqueueNotificationInput<T>): NewNotificationRow {
  if (!isNotificationTemplate(input.template)) throw invalid('/template', `unknown template "${String(input.template)}"`);
  if (input.locale !== 'id' && input.locale !== 'en') throw invalid('/locale', 'must be id or en');
  const recipient = String(input.recipient ?? '').trim();
  if (input.channel !== 'email' && input.channel !== 'whatsapp' && input.channel !== 'sms') throw invalid('/channel', 'must be email, whatsapp or sms');
  if (recipient.length < 3 || recipient.length > 320) throw invalid('/recipient', 'must be 3 to 320 characters');
  // A malformed address (a citizen's typo) must not undo the change that caused the
  // message: it is stored as failed, visible in the admin's outbox, and never sent.
  let unusable: string | null = null;
  let normalised = recipient;
  if (input.channel === 'email') {
    if (!EMAIL_RE.test(recipient)) unusable = 'recipient is not a valid e-mail address';
  } else {
    normalised = recipient.replace(/[\s().-]/g, '');
    if (!PHONE_RE.test(normalised)) unusable = 'recipient is not a valid phone number';
  }
  const params = normaliseParams(input.template, input.params);
  if (!params.ok) throw invalid('/params', `do not match template ${input.template}`, params.errors);
  const dedupeKey = input.dedupeKey?.trim() || null;
  if (dedupeKey && dedupeKey.length > 300) throw invalid('/dedupeKey', 'at most 300 characters');
  return {
    tenantId: input.tenantId,
    channel: input.channel,
    recipient: unusable ? recipient : normalised,
    template: input.template,
    locale: input.locale,
    params: params.value,
    dedupeKey,
    relatedType: input.related?.type ?? null,
    relatedId: input.related?.id ?? null,
    failedWith: unusable,
  };
}

/** Longest list the admin endpoint returns. */
export const NOTIFICATION_LIST_MAX = 200;

export function listNotifications(db: Executor, opts: { tenantId: string; status?: NotificationStatus; limit?: number }) {
  return repo.listNotifications(db, { tenantId: opts.tenantId, status: opts.status ?? null, limit: Math.min(opts.limit ?? 100, NOTIFICATION_LIST_MAX) });
}

/** An admin sends a failed message again: back to pending, due now, attempts reset. Audited. */
export async function retryNotification(db: Db, ctx: RequestContext, tenantId: string, id: string): Promise<repo.NotificationRow> {
  return db.transaction().execute(async (tx) => {
    const before = await repo.getNotification(tx, tenantId, id);
    if (!before) throw new AppError('NOT_FOUND');
    const after = await repo.requeueFailed(tx, tenantId, id);
    if (!after) throw new AppError('CONFLICT', {}, { status: before.status }, 'notifications.retryNotFailed');
    await recordAudit(tx, ctx, tenantId, {
      action: 'notification.retry',
      entityType: 'notification',
      entityId: id,
      // No recipient or parameters in the audit trail: they are personal data.
      before: { status: before.status, attempts: before.attempts, last_error: before.last_error },
      after: { status: after.status, attempts: after.attempts },
    });
    return after;
  });
}

/**
 * Delivery: claim due outbox rows (FOR UPDATE SKIP LOCKED, bounded batches), render them
 * in the recipient's language, hand them to the channel adapter, then mark each sent — or
 * put it back with exponential backoff until its attempts are used up, then failed. The
 * outbox status is the message's own; nothing here touches the case it is about.
 */
import type { Db } from '../../db/index.js';
import { maskRecipient, type Channels } from './channels.js';
import * as repo from './repo.js';
import { renderNotification } from './templates.js';

export interface DeliveryLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const DELIVERY_DEFAULTS = {
  /** Rows claimed at once. */
  batchSize: 20,
  /** Batches per run (the job runs every 10 s; the rest waits for the next run). */
  maxBatches: 5,
  /** Messages of a batch sent at the same time. */
  concurrency: 4,
  /** Attempts before a message is marked failed. */
  maxAttempts: 6,
  /** Wait after the first failed attempt; doubled after each further one (1, 2, 4, 8, 16 min…). */
  backoffSeconds: 60,
  maxBackoffSeconds: 6 * 3600,
  /**
   * How long a claimed row stays with its deliverer. Longer than a batch can take (SMTP
   * timeouts are 15–30 s); after it, a crashed deliverer's rows are claimed again.
   */
  leaseSeconds: 600,
};

export interface DeliveryOptions extends Partial<typeof DELIVERY_DEFAULTS> {
  channels: Channels;
  /** Public address for links in messages. */
  publicUrl: string;
  /** Only this tenant's messages (the CLI's "send now" and tests); the job sends every tenant's. */
  tenantId?: string | null;
  log?: DeliveryLog;
}

export interface DeliveryResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** Rows whose claim was taken over before their result could be recorded. */
  lost: number;
}

const silent: DeliveryLog = { info() {}, warn() {}, error() {} };
const MAX_ERROR_LENGTH = 1000;
const EMAIL_IN_TEXT = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;

/** Wait before the next attempt after `attempt` failed attempts: base × 2^(attempt−1), capped. */
export function retryDelaySeconds(attempt: number, base: number, cap: number): number {
  return Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
}

/** The error as the admin sees it: short, and with e-mail addresses masked (SMTP replies quote them). */
export function errorText(err: unknown): string {
  const raw = err instanceof Error ? err.message || err.name : String(err);
  return raw.replace(EMAIL_IN_TEXT, (m) => maskRecipient(m)).slice(0, MAX_ERROR_LENGTH);
}

class PermanentError extends Error {}

/** Sends what is due, batch by batch, until nothing is due or `maxBatches` were done. */
export async function deliverPending(db: Db, options: DeliveryOptions): Promise<DeliveryResult> {
  const o = { ...DELIVERY_DEFAULTS, ...options };
  const log = options.log ?? silent;
  const result: DeliveryResult = { claimed: 0, sent: 0, retried: 0, failed: 0, lost: 0 };

  const deliverOne = async (row: repo.ClaimedNotification) => {
    let outcome: 'sent' | 'retried' | 'failed' | 'lost';
    try {
      let message;
      try {
        message = renderNotification(row.template, row.params, {
          locale: row.locale,
          tenant: { slug: row.tenant_slug, name: row.tenant_name, timezone: row.tenant_timezone },
          publicUrl: o.publicUrl,
          related: { type: row.related_type, id: row.related_id },
        });
      } catch (err) {
        throw new PermanentError(`cannot render: ${errorText(err)}`);
      }
      await o.channels[row.channel].send({ to: row.recipient, ...message });
      outcome = (await repo.markSent(db, row)) ? 'sent' : 'lost';
    } catch (err) {
      const giveUp = err instanceof PermanentError || row.attempts >= o.maxAttempts;
      const status = await repo.markAttemptFailed(db, row, {
        error: errorText(err),
        giveUp,
        retryInSeconds: retryDelaySeconds(row.attempts, o.backoffSeconds, o.maxBackoffSeconds),
      });
      outcome = status === 'failed' ? 'failed' : status === 'pending' ? 'retried' : 'lost';
      const fields = { notificationId: row.id, tenantId: row.tenant_id, channel: row.channel, attempt: row.attempts, error: errorText(err) };
      if (outcome === 'failed') log.error(fields, 'notification failed for good');
      else log.warn(fields, 'notification not sent; will retry');
    }
    result[outcome]++;
  };

  for (let batch = 0; batch < o.maxBatches; batch++) {
    const rows = await repo.claimDue(db, { limit: o.batchSize, leaseSeconds: o.leaseSeconds, tenantId: options.tenantId });
    result.claimed += rows.length;
    const queue = [...rows];
    const lane = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        try {
          await deliverOne(row);
        } catch (err) {
          // Bookkeeping failed (database gone?): the lease expires and the row is claimed again.
          result.lost++;
          log.error({ err: errorText(err), notificationId: row.id }, 'could not record a notification result');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, o.concurrency), rows.length) }, lane));
    if (rows.length < o.batchSize) break;
  }
  if (result.claimed) log.info({ ...result }, 'notifications delivered');
  return result;
}

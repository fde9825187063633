/** Outbox rows as the admin API shows them: recipient masked, no parameters (personal data). */
import type { TNotification } from '../../../shared/schemas/notifications.js';
import { maskRecipient } from './channels.js';
import type { NotificationRow } from './repo.js';

export function presentNotification(row: NotificationRow): TNotification {
  return {
    id: row.id,
    channel: row.channel,
    recipient: maskRecipient(row.recipient),
    template: row.template,
    locale: row.locale,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    lastError: row.last_error,
    relatedType: row.related_type,
    relatedId: row.related_id,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
  };
}

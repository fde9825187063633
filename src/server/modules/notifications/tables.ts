import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Outbox of messages to send (migration 20261122_1100_notifications.sql, owned by the notifications module). */
export interface NotificationTable {
  tenant_id: string;
  id: Generated<string>;
  channel: 'email' | 'whatsapp' | 'sms';
  recipient: string;
  template: string;
  locale: 'id' | 'en';
  params: JSONColumnType<Record<string, unknown>, string, string>;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  dedupe_key: string | null;
  related_type: string | null;
  related_id: string | null;
  created_at: ColumnType<Date, never, never>;
  sent_at: Date | null;
}

export interface NotificationTables {
  notification: NotificationTable;
}

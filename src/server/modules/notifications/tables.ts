import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type NotificationChannel = 'email' | 'whatsapp' | 'sms';
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** Outbox of messages to send (migration 20261122_1100_notifications.sql, owned by the notifications module). */
export interface NotificationTable {
  tenant_id: string;
  id: Generated<string>;
  channel: NotificationChannel;
  recipient: string;
  template: string;
  locale: 'id' | 'en';
  params: JSONColumnType<Record<string, unknown>, string, string>;
  status: Generated<NotificationStatus>;
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

-- Notifications outbox (issue [B], ADR 0014). A message is inserted in the transaction of
-- the change that causes it (so it exists if and only if the change committed) and sent
-- later by the `notifications.deliver` job. Its delivery status lives here, apart from the
-- case's own state: a failed e-mail never blocks or changes a complaint.

CREATE TABLE notification (
  tenant_id        uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  channel          text NOT NULL CHECK (channel IN ('email', 'whatsapp', 'sms')),
  -- e-mail address or phone number (personal data: shown masked to admins)
  recipient        text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
  -- a NotificationTemplate of modules/notifications/templates.ts; rendered at delivery
  template         text NOT NULL CHECK (template ~ '^[a-z_]+\.[a-z_]+$'),
  locale           text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
  params           jsonb NOT NULL DEFAULT '{}',
  -- pending: waiting for next_attempt_at; sending: claimed by a deliverer until
  -- next_attempt_at (its lease; a crashed deliverer's rows are claimed again after it);
  -- sent; failed: attempts used up (an admin may retry it)
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  -- a second enqueue with the same key (per tenant) is a no-op
  dedupe_key       text,
  related_type     text,
  related_id       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX notification_dedupe_uq ON notification (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
-- The delivery claim runs for every tenant at once (one job, many tenants), so this one
-- index leads with the due time; it holds only rows still to be sent and stays small.
CREATE INDEX notification_claim_idx ON notification (next_attempt_at) WHERE status IN ('pending', 'sending');
-- The admin's outbox list (per tenant, by status, newest first) and "what was sent about this case".
CREATE INDEX notification_list_idx ON notification (tenant_id, status, created_at DESC);
CREATE INDEX notification_related_idx ON notification (tenant_id, related_type, related_id) WHERE related_type IS NOT NULL;

-- Background CSV exports of the complaint inbox (more than 5,000 rows): the request, its
-- fixed filter and scope, and the finished file until it expires.
CREATE TABLE complaint_export (
  tenant_id    uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL,
  -- the inbox filter, the OPD scope and the personal-data decision, fixed at request time
  filter       jsonb NOT NULL,
  personal     boolean NOT NULL,
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'failed')),
  row_count    integer,
  csv          text,
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX complaint_export_expiry_idx ON complaint_export (expires_at);

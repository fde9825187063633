-- Issue #11, ADR 0027: only the reporter acts on a report; anonim holds per reporter.
--
-- reporter_key_secret: one random secret per tenant. A reporter's key is an HMAC of the
-- reporter row's id under it (complaints/reporter-key.ts), so no key is ever stored and a
-- reader of the other tables cannot compute one. Created by the app on first use.
CREATE TABLE reporter_key_secret (
  tenant_id   uuid PRIMARY KEY REFERENCES tenant(id) ON DELETE CASCADE,
  secret      bytea NOT NULL CHECK (length(secret) >= 32),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Whether THIS reporter asked to stay anonim. A reporter keeps the choice made when filing,
-- also after their report is merged into another one that is not anonim.
ALTER TABLE complaint_reporter ADD COLUMN is_anonymous boolean NOT NULL DEFAULT false;
UPDATE complaint_reporter r
   SET is_anonymous = c.is_anonymous
  FROM complaint c
 WHERE c.tenant_id = r.tenant_id
   AND c.id = coalesce(r.original_complaint_id, r.complaint_id)
   AND c.is_anonymous;

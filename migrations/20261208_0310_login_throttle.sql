-- Login throttling that protects accounts without locking their owners out (issue #11,
-- ADR 0026). Replaces the per-account lockout columns of app_user, which let anyone lock
-- any staff member out for 15 minutes with five wrong passwords.

-- Failure counters, shared by every app process. scope 'address': one client network,
-- across accounts (key: the IPv4 address or IPv6 /64); 'account': one e-mail, from clients
-- it does not know (key: sha256 of the e-mail); 'client': one e-mail from one address or
-- one known device (key: e-mail hash | ip:… or device:…). Keyed by what was typed, so an
-- unknown e-mail is counted like a real one.
CREATE TABLE login_throttle (
  tenant_id       uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  scope           text NOT NULL CHECK (scope IN ('address', 'account', 'client')),
  key             text NOT NULL,
  -- the account, when the e-mail is one: an admin's password reset deletes its counters
  user_id         uuid,
  failures        integer NOT NULL CHECK (failures >= 0),
  last_failed_at  timestamptz NOT NULL,
  -- attempts are refused until then
  blocked_until   timestamptz,
  -- nothing depends on the row after this: the auth.throttle-cleanup job deletes it
  expires_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, scope, key),
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX login_throttle_user_idx ON login_throttle (tenant_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX login_throttle_expiry_idx ON login_throttle (expires_at);

-- Known devices (OWASP device cookies): a browser that signed a user in keeps a random
-- token in the prima_dev cookie; only its sha256 is stored, like session ids.
CREATE TABLE login_device (
  tenant_id     uuid NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX login_device_user_idx ON login_device (tenant_id, user_id, last_used_at);
CREATE INDEX login_device_expiry_idx ON login_device (expires_at);

ALTER TABLE app_user DROP COLUMN failed_logins, DROP COLUMN locked_until;

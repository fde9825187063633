-- Foundation schema: tenants, regions, organisation, users and access, audit trail,
-- working-day calendar, job queue.
-- Rule: every tenant-owned table carries tenant_id first in its keys and indexes, so the
-- data can later be sharded by tenant (see docs/adr/0003-tenant-keys.md).
-- Only PostgreSQL 15 features: this file runs on PostgreSQL 15 and on PGlite.

CREATE TABLE tenant (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Kemendagri region code of the regional government: '63.10' (regency) or '63' (province)
  code        text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{2}(\.[0-9]{2})?$'),
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('provinsi', 'kabupaten', 'kota')),
  timezone    text NOT NULL CHECK (timezone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
  -- short URL name for path-prefix routing (/r/{slug}/...)
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,40}$'),
  hostnames   text[] NOT NULL DEFAULT '{}',
  is_demo     boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Kecamatan and desa/kelurahan of a tenant, copied from the official region data package.
CREATE TABLE region (
  tenant_id    uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  code         text NOT NULL CHECK (code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}(\.[0-9]{4})?$'),
  parent_code  text,
  level        text NOT NULL CHECK (level IN ('kecamatan', 'desa', 'kelurahan')),
  name         text NOT NULL,
  PRIMARY KEY (tenant_id, code)
);
CREATE INDEX region_parent_idx ON region (tenant_id, parent_code);

CREATE TABLE opd (
  tenant_id   uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  short_name  text NOT NULL,
  type        text NOT NULL CHECK (type IN ('dinas', 'badan', 'kecamatan', 'kelurahan', 'rsud',
                'puskesmas', 'sekretariat', 'inspektorat', 'bagian', 'kantor', 'lainnya')),
  head_name   text,
  head_title  text,
  region_code text,
  is_active   boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, region_code) REFERENCES region (tenant_id, code)
);
CREATE UNIQUE INDEX opd_name_uq ON opd (tenant_id, lower(name));
CREATE UNIQUE INDEX opd_short_name_uq ON opd (tenant_id, lower(short_name));

CREATE TABLE service_unit (
  tenant_id   uuid NOT NULL,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  opd_id      uuid NOT NULL,
  name        text NOT NULL,
  address     text,
  region_code text,
  is_active   boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, opd_id) REFERENCES opd (tenant_id, id),
  FOREIGN KEY (tenant_id, region_code) REFERENCES region (tenant_id, code)
);
CREATE UNIQUE INDEX service_unit_name_uq ON service_unit (tenant_id, opd_id, lower(name));

-- Service catalogue (jenis layanan) per unit.
CREATE TABLE service (
  tenant_id   uuid NOT NULL,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id     uuid NOT NULL,
  name        text NOT NULL,
  description text,
  is_active   boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES service_unit (tenant_id, id)
);
CREATE UNIQUE INDEX service_name_uq ON service (tenant_id, unit_id, lower(name));

-- Users and access -------------------------------------------------------------------

CREATE TABLE app_user (
  tenant_id       uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  email           text NOT NULL,
  name            text NOT NULL,
  phone           text,
  password_hash   text,
  locale          text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
  is_active       boolean NOT NULL DEFAULT true,
  failed_logins   integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  last_login_at   timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX app_user_email_uq ON app_user (tenant_id, lower(email));

-- One row per role a user holds; OPD-scoped roles (operator_opd, kepala_opd) name their OPD.
CREATE TABLE user_role (
  tenant_id  uuid NOT NULL,
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL,
  role       text NOT NULL CHECK (role IN ('warga', 'operator_opd', 'kepala_opd', 'verifikator',
               'pimpinan', 'inspektorat', 'admin', 'superadmin')),
  opd_id     uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, opd_id) REFERENCES opd (tenant_id, id),
  CHECK ((role IN ('operator_opd', 'kepala_opd')) = (opd_id IS NOT NULL))
);
CREATE UNIQUE INDEX user_role_uq ON user_role
  (tenant_id, user_id, role, coalesce(opd_id, '00000000-0000-0000-0000-000000000000'::uuid));

CREATE TABLE session (
  -- sha256 of the cookie token: a leaked table does not leak live sessions
  id_hash        text PRIMARY KEY,
  tenant_id      uuid NOT NULL,
  user_id        uuid NOT NULL,
  csrf_token     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  ip             text,
  user_agent     text,
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX session_user_idx ON session (tenant_id, user_id);
CREATE INDEX session_expiry_idx ON session (expires_at);

CREATE TABLE api_token (
  tenant_id     uuid NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL,
  name          text NOT NULL,
  -- first characters of the token, shown in lists so an admin can tell tokens apart
  prefix        text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
);

-- Audit trail ------------------------------------------------------------------------
-- Rows are inserted in the same transaction as the write they describe. They are sealed
-- into a per-tenant hash chain afterwards by the audit.seal job, so concurrent writers of
-- one tenant never wait on a single chain head (docs/adr/0005-audit-chain.md).

CREATE TABLE audit_log (
  tenant_id    uuid NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id     uuid,
  actor_label  text NOT NULL,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text,
  before       jsonb,
  after        jsonb,
  request_id   text,
  -- filled once, by the sealer
  chain_pos    bigint,
  prev_hash    text,
  hash         text,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX audit_log_chain_uq ON audit_log (tenant_id, chain_pos);
CREATE INDEX audit_log_unsealed_idx ON audit_log (tenant_id, id) WHERE chain_pos IS NULL;
CREATE INDEX audit_log_entity_idx ON audit_log (tenant_id, entity_type, entity_id);

CREATE TABLE audit_chain_head (
  tenant_id  uuid PRIMARY KEY,
  last_pos   bigint NOT NULL,
  last_hash  text NOT NULL,
  sealed_at  timestamptz NOT NULL DEFAULT now()
);

-- Append-only: no DELETE, and an UPDATE may only seal an unsealed row.
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.chain_pos IS NOT NULL
     OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id OR NEW.id IS DISTINCT FROM OLD.id
     OR NEW.at IS DISTINCT FROM OLD.at OR NEW.actor_id IS DISTINCT FROM OLD.actor_id
     OR NEW.actor_label IS DISTINCT FROM OLD.actor_label OR NEW.action IS DISTINCT FROM OLD.action
     OR NEW.entity_type IS DISTINCT FROM OLD.entity_type OR NEW.entity_id IS DISTINCT FROM OLD.entity_id
     OR NEW.before IS DISTINCT FROM OLD.before OR NEW.after IS DISTINCT FROM OLD.after
     OR NEW.request_id IS DISTINCT FROM OLD.request_id THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();

-- Working-day calendar ------------------------------------------------------------------

-- National days off, set yearly: libur nasional (SKB 3 Menteri) and cuti bersama
-- (SKB / Keppres). Reference data shared by all tenants.
CREATE TABLE national_day_off (
  date          date NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama')),
  name          text NOT NULL,
  legal_source  text NOT NULL,
  PRIMARY KEY (date, kind)
);

-- A tenant's own days off ('libur'), or a day it (or one unit) works although it is a
-- cuti bersama ('masuk').
CREATE TABLE tenant_day_off (
  tenant_id     uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  date          date NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('libur', 'masuk')),
  unit_id       uuid,
  name          text NOT NULL,
  legal_source  text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES service_unit (tenant_id, id)
);
CREATE UNIQUE INDEX tenant_day_off_uq ON tenant_day_off
  (tenant_id, date, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Jobs -----------------------------------------------------------------------------------
-- A queue in PostgreSQL: workers claim rows with FOR UPDATE SKIP LOCKED, so several app
-- processes share the work and nothing runs twice (docs/adr/0006-jobs-in-postgres.md).

CREATE TABLE job (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL,
  tenant_id     uuid,
  payload       jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at        timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 5,
  locked_by     text,
  locked_until  timestamptz,
  last_error    text,
  -- a job enqueued twice with the same key exists once (schedules use name + slot)
  dedupe_key    text UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
CREATE INDEX job_due_idx ON job (run_at) WHERE status = 'queued';
CREATE INDEX job_stuck_idx ON job (locked_until) WHERE status = 'running';

CREATE TABLE job_schedule (
  name              text PRIMARY KEY,
  interval_seconds  integer NOT NULL CHECK (interval_seconds > 0),
  next_run_at       timestamptz NOT NULL DEFAULT now(),
  last_run_at       timestamptz
);

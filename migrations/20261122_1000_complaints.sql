-- Complaints and aspirations (pengaduan, aspirasi, permintaan informasi): issue [B].
-- Rules and numbers: shared/docs/DOMAIN.md §2 (SP4N-LAPOR!, UU 25/2009, Perpres 76/2013).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Categories a citizen picks (also the Open311 services of the tenant).
CREATE TABLE complaint_category (
  tenant_id       uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  -- stable code, used as the Open311 service_code
  code            text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,60}$'),
  name            text NOT NULL,
  description     text,
  -- the catalogue service the category is about, when there is one (standards, issue [D])
  service_id      uuid,
  is_active       boolean NOT NULL DEFAULT true,
  sort_order      integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES service (tenant_id, id)
);
CREATE UNIQUE INDEX complaint_category_code_uq ON complaint_category (tenant_id, code);

-- Routing table: category × region → OPD. region_code NULL matches any region; a rule for
-- a desa beats one for its kecamatan, which beats the category-wide rule.
CREATE TABLE routing_rule (
  tenant_id    uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  category_id  uuid NOT NULL,
  region_code  text,
  opd_id       uuid NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, category_id) REFERENCES complaint_category (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, region_code) REFERENCES region (tenant_id, code),
  FOREIGN KEY (tenant_id, opd_id) REFERENCES opd (tenant_id, id)
);
CREATE UNIQUE INDEX routing_rule_uq ON routing_rule (tenant_id, category_id, coalesce(region_code, ''));

-- Deadline rules, versioned: the rule in force for (stage, kind, category) at a moment is
-- the one with the latest valid_from ≤ that moment, most specific first (category+kind,
-- category, kind, neither). Defaults are seeded per tenant from DOMAIN.md §2.
CREATE TABLE deadline_rule (
  tenant_id     uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  stage         text NOT NULL CHECK (stage IN ('verification', 'first_response', 'resolution', 'auto_close')),
  kind          text CHECK (kind IN ('pengaduan', 'aspirasi', 'permintaan_informasi')),
  category_id   uuid,
  days          integer NOT NULL CHECK (days BETWEEN 1 AND 365),
  day_type      text NOT NULL CHECK (day_type IN ('working', 'calendar')),
  legal_source  text NOT NULL,
  valid_from    date NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, category_id) REFERENCES complaint_category (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX deadline_rule_lookup_idx ON deadline_rule (tenant_id, stage, valid_from DESC);

CREATE TABLE complaint (
  tenant_id          uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  -- short, unambiguous code the citizen tracks the report by (no 0/O/1/I)
  tracking_code      text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('pengaduan', 'aspirasi', 'permintaan_informasi')),
  channel            text NOT NULL CHECK (channel IN ('web', 'api', 'open311', 'walk_in', 'phone',
                       'whatsapp', 'sms', 'letter', 'outreach', 'email')),
  title              text NOT NULL,
  description        text NOT NULL,
  category_id        uuid,
  region_code        text,
  latitude           double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude          double precision CHECK (longitude BETWEEN -180 AND 180),
  address_text       text,
  event_date         date,
  -- SP4N-LAPOR!: anonim hides the reporter from the OPD and the public; rahasia hides the
  -- whole report from the public. Independent flags.
  is_anonymous       boolean NOT NULL DEFAULT false,
  is_confidential    boolean NOT NULL DEFAULT false,
  status             text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'held', 'verified',
                       'rejected', 'archived', 'routed', 'accepted', 'in_progress', 'resolved',
                       'closed', 'merged')),
  -- the OPD currently responsible (after disposisi)
  opd_id             uuid,
  -- the deadline of the current stage, and which stage it is (the sweep's index)
  due_at             timestamptz,
  due_stage          text CHECK (due_stage IN ('verification', 'first_response', 'resolution', 'auto_close')),
  -- escalation: 0 at the OPD, 1 kepala OPD reminded, 2 Sekda, 3 Bupati
  escalation_level   integer NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 3),
  escalated_at       timestamptz,
  -- set when the "due soon" reminder of the current due_at went out (claimed once)
  reminded_for_due   timestamptz,
  merged_into_id     uuid,
  reporter_count     integer NOT NULL DEFAULT 1,
  rating             integer CHECK (rating BETWEEN 1 AND 5),
  rating_comment     text,
  -- the client's idempotency key: a retried submission returns the same report
  idempotency_key    text,
  created_by         uuid,
  received_at        timestamptz NOT NULL DEFAULT now(),
  routed_at          timestamptz,
  first_response_at  timestamptz,
  resolved_at        timestamptz,
  closed_at          timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  search             tsvector GENERATED ALWAYS AS
                       (to_tsvector('indonesian', coalesce(title, '') || ' ' || coalesce(description, ''))) STORED,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, category_id) REFERENCES complaint_category (tenant_id, id),
  FOREIGN KEY (tenant_id, region_code) REFERENCES region (tenant_id, code),
  FOREIGN KEY (tenant_id, opd_id) REFERENCES opd (tenant_id, id),
  FOREIGN KEY (tenant_id, merged_into_id) REFERENCES complaint (tenant_id, id)
);
CREATE UNIQUE INDEX complaint_tracking_uq ON complaint (tenant_id, tracking_code);
CREATE UNIQUE INDEX complaint_idempotency_uq ON complaint (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- the deadline sweep: open cases by due time
CREATE INDEX complaint_due_idx ON complaint (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX complaint_inbox_idx ON complaint (tenant_id, opd_id, status, due_at);
CREATE INDEX complaint_status_idx ON complaint (tenant_id, status, received_at DESC);
CREATE INDEX complaint_search_idx ON complaint USING gin (search);
CREATE INDEX complaint_title_trgm_idx ON complaint USING gin (title gin_trgm_ops);

-- Who reported: one row per reporter (several after duplicates are merged). Personal data
-- lives only here; presenters decide who may see it.
CREATE TABLE complaint_reporter (
  tenant_id     uuid NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  complaint_id  uuid NOT NULL,
  name          text,
  phone         text,
  email         text,
  user_id       uuid,
  locale        text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
  wants_updates boolean NOT NULL DEFAULT true,
  -- the report this reporter originally filed (differs from complaint_id after a merge)
  original_complaint_id uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaint (tenant_id, id)
);
CREATE INDEX complaint_reporter_case_idx ON complaint_reporter (tenant_id, complaint_id);

-- The timeline: every transition, note and update. visibility 'public' appears on the
-- tracking page; 'internal' only to staff.
CREATE TABLE complaint_event (
  tenant_id     uuid NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  complaint_id  uuid NOT NULL,
  type          text NOT NULL,
  from_status   text,
  to_status     text,
  visibility    text NOT NULL CHECK (visibility IN ('public', 'internal')),
  note          text,
  actor_id      uuid,
  actor_label   text NOT NULL,
  opd_id        uuid,
  -- whether this step came after its deadline, and who held the case meanwhile
  is_late       boolean NOT NULL DEFAULT false,
  charged_to    text,
  data          jsonb,
  at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaint (tenant_id, id)
);
CREATE INDEX complaint_event_case_idx ON complaint_event (tenant_id, complaint_id, id);

-- Files attached to a report or to one of its events (photos, PDFs). Stored in the
-- database so app processes stay stateless and backups are one dump.
CREATE TABLE attachment (
  tenant_id     uuid NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  complaint_id  uuid,
  event_id      bigint,
  filename      text NOT NULL,
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  sha256        text NOT NULL,
  is_public     boolean NOT NULL DEFAULT false,
  data          bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaint (tenant_id, id)
);
CREATE INDEX attachment_case_idx ON attachment (tenant_id, complaint_id);

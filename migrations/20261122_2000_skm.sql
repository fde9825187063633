-- Satisfaction survey (SKM) and the satisfaction index (IKM), PermenPANRB 14/2017: issue [C].
-- Rules and numbers: shared/docs/DOMAIN.md §1. ADR 0017 (engine, pooling), ADR 0018 (aggregates).

-- Questionnaire versions per tenant. Answers keep the version they were given under; a
-- new version is made to add unsur or re-weight them (never edited in place).
CREATE TABLE skm_questionnaire (
  tenant_id    uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  version      integer NOT NULL CHECK (version >= 1),
  note         text,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, version)
);

-- The unsur of a version, keyed by key (never by number). Weights are exact fractions
-- weight_num/weight_den (default 1/9 each); their sum is exactly 1 (checked by the service).
CREATE TABLE skm_unsur (
  tenant_id         uuid NOT NULL,
  questionnaire_id  uuid NOT NULL,
  key               text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  position          integer NOT NULL CHECK (position >= 1),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  options           text[] NOT NULL CHECK (cardinality(options) = 4),
  weight_num        bigint NOT NULL CHECK (weight_num >= 0),
  weight_den        bigint NOT NULL CHECK (weight_den > 0),
  PRIMARY KEY (tenant_id, questionnaire_id, key),
  UNIQUE (tenant_id, questionnaire_id, position),
  FOREIGN KEY (tenant_id, questionnaire_id) REFERENCES skm_questionnaire (tenant_id, id) ON DELETE CASCADE
);

-- A survey period belongs to one service unit: a year, a semester, a quarter or a month.
-- starts_on/ends_on are whole months derived from kind/year/part (so the monthly
-- aggregates add up to a period exactly). population = N of service users in the period.
CREATE TABLE skm_period (
  tenant_id    uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id      uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('year', 'semester', 'quarter', 'month')),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  part         integer CHECK ((kind = 'year' AND part IS NULL) OR (kind = 'semester' AND part BETWEEN 1 AND 2)
                              OR (kind = 'quarter' AND part BETWEEN 1 AND 4) OR (kind = 'month' AND part BETWEEN 1 AND 12)),
  starts_on    date NOT NULL,
  ends_on      date NOT NULL CHECK (ends_on >= starts_on),
  population   integer CHECK (population >= 1),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES service_unit (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX skm_period_uq ON skm_period (tenant_id, unit_id, kind, year, coalesce(part, 0));

-- Counters (loket) of a unit: the QR code of a counter carries its code.
CREATE TABLE skm_counter (
  tenant_id    uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id      uuid NOT NULL,
  code         text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  is_active    boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, unit_id, code),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES service_unit (tenant_id, id) ON DELETE CASCADE
);

-- A paper-form import (all rows or none).
CREATE TABLE skm_import (
  tenant_id    uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  period_id    uuid NOT NULL,
  filename     text NOT NULL,
  rows         integer NOT NULL,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, period_id) REFERENCES skm_period (tenant_id, id) ON DELETE CASCADE
);

-- One respondent's answers. client_id is made on the device: a resend never counts twice.
-- answers = {"<unsur key>": 1..4} (keys of the questionnaire version; missing = not answered).
-- answered_on / month are the tenant-local date and its month (the aggregate key).
CREATE TABLE skm_response (
  tenant_id         uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id         uuid NOT NULL,
  unit_id           uuid NOT NULL,
  counter_id        uuid,
  officer_code      text CHECK (officer_code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
  questionnaire_id  uuid NOT NULL,
  answers           jsonb NOT NULL,
  sex               text CHECK (sex IN ('L', 'P')),
  age               integer CHECK (age BETWEEN 15 AND 99),
  age_band          text CHECK (age_band IN ('<20', '20-29', '30-39', '40-49', '50-59', '60+')),
  education         text CHECK (education IN ('SD', 'SMP', 'SMA', 'D1-D3', 'D4/S1', 'S2', 'S3')),
  occupation        text CHECK (occupation IN ('PNS', 'TNI', 'POLRI', 'Swasta', 'Wirausaha', 'Lainnya')),
  service_id        uuid,
  answered_at       timestamptz NOT NULL,
  answered_on       date NOT NULL,
  month             date NOT NULL CHECK (extract(day FROM month) = 1),
  time_slot         text NOT NULL CHECK (time_slot IN ('pagi', 'siang', 'sore', 'malam')),
  suggestion        text CHECK (length(suggestion) <= 2000),
  source            text NOT NULL CHECK (source IN ('online', 'kiosk', 'paper')),
  import_id         uuid,
  -- sha256 of tenant + client address + user agent (never the address itself)
  fingerprint       text,
  answers_hash      text NOT NULL,
  flagged           boolean NOT NULL DEFAULT false,
  flag_reason       text CHECK (flag_reason IN ('repeat', 'burst')),
  excluded          boolean NOT NULL DEFAULT false,
  excluded_reason   text,
  excluded_by       uuid,
  excluded_at       timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, client_id),
  CHECK (NOT excluded OR excluded_reason IS NOT NULL),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES service_unit (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, counter_id) REFERENCES skm_counter (tenant_id, id) ON DELETE SET NULL (counter_id),
  FOREIGN KEY (tenant_id, questionnaire_id) REFERENCES skm_questionnaire (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES service (tenant_id, id) ON DELETE SET NULL (service_id),
  FOREIGN KEY (tenant_id, import_id) REFERENCES skm_import (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX skm_response_unit_idx ON skm_response (tenant_id, unit_id, answered_on);
-- anti-stuffing look-back (same device/address, recent)
CREATE INDEX skm_response_fp_idx ON skm_response (tenant_id, fingerprint, created_at) WHERE fingerprint IS NOT NULL;
CREATE INDEX skm_response_flagged_idx ON skm_response (tenant_id, unit_id, created_at) WHERE flagged;

-- Aggregates kept in step with every insert, exclusion and restore, in the same
-- transaction (ADR 0018): tenant × unit × month × questionnaire version × unsur.
-- Excluded answers are not in them. Each key is split over a few `shard` rows (the
-- writer picks one at random) so concurrent answers for one unit do not queue on one
-- row lock; readers sum the shards.
CREATE TABLE skm_agg_unsur (
  tenant_id         uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  unit_id           uuid NOT NULL,
  month             date NOT NULL,
  questionnaire_id  uuid NOT NULL,
  unsur_key         text NOT NULL,
  shard             smallint NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 63),
  sum               bigint NOT NULL DEFAULT 0,
  count             bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, unit_id, month, questionnaire_id, unsur_key, shard)
);
-- Respondents per tenant × unit × month × version: counted (not excluded), excluded, flagged.
CREATE TABLE skm_agg_respondent (
  tenant_id         uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  unit_id           uuid NOT NULL,
  month             date NOT NULL,
  questionnaire_id  uuid NOT NULL,
  respondents       bigint NOT NULL DEFAULT 0,
  excluded          bigint NOT NULL DEFAULT 0,
  flagged           bigint NOT NULL DEFAULT 0,
  shard             smallint NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 63),
  PRIMARY KEY (tenant_id, unit_id, month, questionnaire_id, shard)
);

-- Follow-up plan (rencana tindak lanjut) per weak unsur of a period.
CREATE TABLE skm_followup (
  tenant_id     uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  period_id     uuid NOT NULL,
  unsur_key     text NOT NULL,
  action        text NOT NULL CHECK (length(action) BETWEEN 1 AND 2000),
  owner         text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
  due_on        date NOT NULL,
  status        text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
  evidence_note text,
  done_on       date,
  -- set once by the overdue reminder (the conditional UPDATE that claims it)
  reminded_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, period_id) REFERENCES skm_period (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX skm_followup_period_idx ON skm_followup (tenant_id, period_id);
CREATE INDEX skm_followup_due_idx ON skm_followup (due_on) WHERE status IN ('planned', 'in_progress') AND reminded_at IS NULL;

-- Evidence files of a follow-up (type checked by content, metadata stripped).
CREATE TABLE skm_followup_evidence (
  tenant_id     uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  followup_id   uuid NOT NULL,
  filename      text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL CHECK (size BETWEEN 1 AND 10485760),
  data          bytea NOT NULL,
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, followup_id) REFERENCES skm_followup (tenant_id, id) ON DELETE CASCADE
);

-- Publication of a period's results: which channel, when (KemenPANRB counts the channels).
CREATE TABLE skm_publication (
  tenant_id     uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  period_id     uuid NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('website', 'media_sosial', 'papan_pengumuman', 'media_cetak', 'forum', 'lainnya')),
  published_on  date NOT NULL,
  url           text CHECK (length(url) <= 500),
  notes         text CHECK (length(notes) <= 2000),
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, period_id) REFERENCES skm_period (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX skm_publication_period_idx ON skm_publication (tenant_id, period_id);

-- Service standards (standar pelayanan, UU 25/2009 Pasal 21) and the service pledge
-- (maklumat pelayanan) per unit, issue #5 [D], ADR 0019. A standard is a series of
-- versions per catalogue service; each version holds the 14 components (jsonb, keys of
-- modules/standards/components.ts) and walks the life cycle of modules/standards/lifecycle.ts.

-- Per tenant: months between periodic reviews of a published standard.
CREATE TABLE standard_setting (
  tenant_id               uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  review_interval_months  integer NOT NULL DEFAULT 12 CHECK (review_interval_months BETWEEN 1 AND 60),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);

CREATE TABLE service_standard (
  tenant_id            uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id           uuid NOT NULL,
  version              integer NOT NULL CHECK (version >= 1),
  -- draft → consultation → established → published → under_review → revised (a newer
  -- version is being drafted) → superseded (the newer version was published)
  status               text NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'consultation', 'established', 'published', 'under_review', 'revised', 'superseded')),
  components           jsonb NOT NULL DEFAULT '{}',
  consultation_start   timestamptz,
  consultation_end     timestamptz,
  decree_number        text CHECK (decree_number IS NULL OR length(decree_number) BETWEEN 1 AND 200),
  decree_date          date,
  decree_signer        text CHECK (decree_signer IS NULL OR length(decree_signer) BETWEEN 1 AND 200),
  signed_pdf           bytea,
  signed_pdf_name      text,
  signed_pdf_sha256    text,
  flow_image           bytea,
  flow_image_type      text CHECK (flow_image_type IS NULL OR flow_image_type IN ('image/png', 'image/jpeg', 'image/webp')),
  established_at       timestamptz,
  published_at         timestamptz,
  review_due_at        timestamptz,
  review_started_at    timestamptz,
  review_completed_at  timestamptz,
  created_by           uuid,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, service_id, version),
  FOREIGN KEY (tenant_id, service_id) REFERENCES service (tenant_id, id) ON DELETE CASCADE,
  CHECK (consultation_end IS NULL OR consultation_start IS NULL OR consultation_end > consultation_start)
);
-- At most one version of a service is being prepared at a time.
CREATE UNIQUE INDEX service_standard_open_uq ON service_standard (tenant_id, service_id)
  WHERE status IN ('draft', 'consultation', 'established');
-- The review sweep: published standards by due time.
CREATE INDEX service_standard_review_idx ON service_standard (review_due_at) WHERE status = 'published';

-- Citizens' comments during a consultation window, each answered by staff.
CREATE TABLE standard_comment (
  tenant_id     uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  standard_id   uuid NOT NULL,
  author_name   text CHECK (author_name IS NULL OR length(author_name) BETWEEN 1 AND 120),
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  answer        text CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 4000),
  answered_by   uuid,
  answered_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, standard_id) REFERENCES service_standard (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX standard_comment_standard_idx ON standard_comment (tenant_id, standard_id, created_at);

-- The service pledge of a unit, versioned, through draft → established → published.
CREATE TABLE unit_maklumat (
  tenant_id      uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id        uuid NOT NULL,
  version        integer NOT NULL CHECK (version >= 1),
  status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'established', 'published', 'revised', 'superseded')),
  body           text NOT NULL DEFAULT '' CHECK (length(body) <= 8000),
  signer_name    text CHECK (signer_name IS NULL OR length(signer_name) BETWEEN 1 AND 200),
  signer_title   text CHECK (signer_title IS NULL OR length(signer_title) BETWEEN 1 AND 200),
  established_at timestamptz,
  published_at   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, unit_id, version),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES service_unit (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX unit_maklumat_open_uq ON unit_maklumat (tenant_id, unit_id) WHERE status IN ('draft', 'established');

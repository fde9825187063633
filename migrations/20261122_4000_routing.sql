-- Routing suggestions learned from the region's own history (issue #6 [G], ADR 0021).

-- Trained classifiers, versioned per tenant and label type; one active per (tenant, label type).
CREATE TABLE routing_model (
  tenant_id    uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  label_type   text NOT NULL CHECK (label_type IN ('opd', 'category')),
  version      integer NOT NULL CHECK (version > 0),
  kind         text NOT NULL,
  -- gzip of the model JSON (model.ts serialize); its labels are OPD or category ids
  model        bytea NOT NULL,
  n_examples   integer NOT NULL CHECK (n_examples >= 0),
  metrics      jsonb,
  source       text NOT NULL CHECK (source IN ('job', 'cli', 'demo')),
  is_active    boolean NOT NULL DEFAULT false,
  trained_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, label_type, version)
);
CREATE UNIQUE INDEX routing_model_active_idx ON routing_model (tenant_id, label_type) WHERE is_active;

-- Cold start: keywords per OPD (generated from the OPD's type and name, editable by the admin).
CREATE TABLE routing_keyword_rule (
  tenant_id   uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  opd_id      uuid NOT NULL,
  keywords    text[] NOT NULL DEFAULT '{}',
  is_active   boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, opd_id),
  FOREIGN KEY (tenant_id, opd_id) REFERENCES opd (tenant_id, id) ON DELETE CASCADE
);

-- Per-tenant settings: auto-route (off by default) and when the learned model takes over.
CREATE TABLE routing_settings (
  tenant_id             uuid PRIMARY KEY REFERENCES tenant(id) ON DELETE CASCADE,
  auto_route            boolean NOT NULL DEFAULT false,
  auto_route_threshold  real NOT NULL DEFAULT 0.9 CHECK (auto_route_threshold >= 0.5 AND auto_route_threshold <= 1),
  confident_threshold   real NOT NULL DEFAULT 0.5 CHECK (confident_threshold > 0 AND confident_threshold < 1),
  min_confirmed         integer NOT NULL DEFAULT 200 CHECK (min_confirmed >= 10),
  retrain_every         integer NOT NULL DEFAULT 50 CHECK (retrain_every >= 1),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Every suggestion shown (or computed when a case was routed), with the model version used.
CREATE TABLE routing_suggestion (
  tenant_id      uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  complaint_id   uuid,
  purpose        text NOT NULL DEFAULT 'desk' CHECK (purpose IN ('desk', 'route', 'auto')),
  source         text NOT NULL CHECK (source IN ('model', 'keywords', 'none')),
  model_id       uuid,
  model_version  integer,
  top_opds       jsonb NOT NULL DEFAULT '[]',
  top_categories jsonb NOT NULL DEFAULT '[]',
  confident      boolean NOT NULL,
  created_by     uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaint (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX routing_suggestion_complaint_idx ON routing_suggestion (tenant_id, complaint_id, created_at DESC);
-- The auto-route job claims each complaint once.
CREATE UNIQUE INDEX routing_suggestion_auto_idx ON routing_suggestion (tenant_id, complaint_id) WHERE purpose = 'auto';

-- What the desk did with the suggestion when it routed the case.
CREATE TABLE routing_feedback (
  tenant_id         uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  complaint_id      uuid NOT NULL,
  suggestion_id     uuid,
  suggested_opd_id  uuid,
  chosen_opd_id     uuid NOT NULL,
  -- 1-3 when the chosen OPD was among the suggestions shown, else null
  chosen_rank       integer,
  outcome           text NOT NULL CHECK (outcome IN ('accepted', 'overridden', 'auto')),
  source            text NOT NULL CHECK (source IN ('model', 'keywords', 'none')),
  model_version     integer,
  score             real,
  actor_id          uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaint (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, suggestion_id) REFERENCES routing_suggestion (tenant_id, id)
);
CREATE INDEX routing_feedback_time_idx ON routing_feedback (tenant_id, created_at);

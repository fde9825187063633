-- Deadlines across the year's end (docs/adr/0025-calendar-year-end.md).
--
-- due_from             the instant the running stage started: counting's origin, kept so the
--                      deadline can be computed again;
-- due_rule_id          the deadline rule version it was computed under (NULL: the DOMAIN.md
--                      default of the stage, as deadlines.ts defaultRule). No foreign key:
--                      rules are versions that are never edited, and intake, the hot path,
--                      would pay a look-up for every report;
-- due_provisional_year the first year the working-day count reached whose SKB (libur
--                      nasional, cuti bersama) was not loaded, or NULL when the date is final.
ALTER TABLE complaint ADD COLUMN due_from timestamptz;
ALTER TABLE complaint ADD COLUMN due_rule_id uuid;
ALTER TABLE complaint ADD COLUMN due_provisional_year smallint;
-- The same for the completion clock (ADR 0024), which the resolution stage takes over, and
-- for the escalation climb's next level (counted from escalated_at under escalation_rule_id).
ALTER TABLE complaint ADD COLUMN completion_provisional_year smallint;
ALTER TABLE complaint ADD COLUMN escalation_rule_id uuid;
ALTER TABLE complaint ADD COLUMN escalation_provisional_year smallint;

-- The recompute job (complaints/recompute.ts) reads provisional cases per tenant and year.
CREATE INDEX complaint_due_provisional_idx ON complaint (tenant_id, due_provisional_year, id)
  WHERE due_provisional_year IS NOT NULL;
CREATE INDEX complaint_completion_provisional_idx ON complaint (tenant_id, completion_provisional_year, id)
  WHERE completion_provisional_year IS NOT NULL;
CREATE INDEX complaint_escalation_provisional_idx ON complaint (tenant_id, escalation_provisional_year, id)
  WHERE escalation_provisional_year IS NOT NULL;

-- Open cases filed before this migration: their stage start and rule are on the event that
-- started the stage (intake's 'received' and every transition store data.dueRule). A
-- working-day deadline that falls in a year without libur nasional rows for the tenant was
-- counted without that year's holidays: it is provisional, and is recomputed once the year
-- is loaded.
WITH started AS (
  SELECT DISTINCT ON (e.tenant_id, e.complaint_id) e.tenant_id, e.complaint_id, e.type, e.at, e.data
  FROM complaint_event e
  JOIN complaint c ON c.tenant_id = e.tenant_id AND c.id = e.complaint_id
  WHERE c.due_at IS NOT NULL AND e.data ? 'dueRule'
  ORDER BY e.tenant_id, e.complaint_id, e.id DESC
)
UPDATE complaint c
SET due_from = CASE WHEN s.type = 'received' THEN c.received_at ELSE s.at END,
    due_rule_id = CASE WHEN s.data->'dueRule'->>'id' ~ '^[0-9a-fA-F-]{36}$' THEN (s.data->'dueRule'->>'id')::uuid END,
    due_provisional_year = CASE
      WHEN s.data->'dueRule'->>'dayType' = 'working' AND NOT EXISTS (
        SELECT 1 FROM national_day_off n
        WHERE n.kind = 'libur_nasional'
          AND (n.tenant_id IS NULL OR n.tenant_id = c.tenant_id)
          AND extract(year FROM n.date) = extract(year FROM c.due_at AT TIME ZONE t.timezone)
      ) THEN extract(year FROM c.due_at AT TIME ZONE t.timezone)::smallint
    END
FROM started s, tenant t
WHERE s.tenant_id = c.tenant_id AND s.complaint_id = c.id AND t.id = c.tenant_id;

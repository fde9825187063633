-- Issue #11 §3 (docs/adr/0024-escalation-ladder.md): an untouched case climbs the whole
-- escalation ladder on its own, and the 60-day completion clock starts when the desk
-- declares the file complete.

-- Two more deadline-rule stages, versioned like the others: the working days a level has
-- before the next one is alerted (kepala OPD → Sekda, Sekda → Bupati/Wali Kota). They
-- time alerts to office holders and count working days only.
ALTER TABLE deadline_rule DROP CONSTRAINT deadline_rule_stage_check;
ALTER TABLE deadline_rule ADD CONSTRAINT deadline_rule_stage_check
  CHECK (stage IN ('verification', 'first_response', 'resolution', 'auto_close', 'escalation_sekda', 'escalation_bupati'));
ALTER TABLE deadline_rule ADD CONSTRAINT deadline_rule_escalation_working_check
  CHECK (stage NOT IN ('escalation_sekda', 'escalation_bupati') OR day_type = 'working');

-- The defaults for every existing tenant (new tenants get them from
-- seedDefaultDeadlineRules); a tenant that already has a tenant-wide rule keeps it. No
-- regulation sets these numbers: 5 working days mirrors the SP4N-LAPOR! first-response
-- window (ADR 0024). The text matches DEFAULT_DEADLINE_RULES in deadlines.ts.
INSERT INTO deadline_rule (tenant_id, stage, kind, category_id, days, day_type, legal_source, valid_from)
SELECT t.id, s.stage, NULL, NULL, 5, 'working', s.legal_source, DATE '2000-01-01'
FROM tenant t
CROSS JOIN (VALUES
  ('escalation_sekda', 'Tidak diatur peraturan; bawaan Prima (ADR 0024): Kepala OPD diberi 5 hari kerja sebelum Sekda diberi tahu, mengikuti batas tindak lanjut pertama SP4N-LAPOR! (PermenPANRB 62/2018)'),
  ('escalation_bupati', 'Tidak diatur peraturan; bawaan Prima (ADR 0024): Sekda diberi 5 hari kerja sebelum Bupati/Wali Kota diberi tahu, mengikuti batas tindak lanjut pertama SP4N-LAPOR! (PermenPANRB 62/2018)')
) AS s(stage, legal_source)
WHERE NOT EXISTS (
  SELECT 1 FROM deadline_rule r
  WHERE r.tenant_id = t.id AND r.stage = s.stage AND r.kind IS NULL AND r.category_id IS NULL
);

ALTER TABLE complaint
  -- when the next level is due if the case stays untouched; null when there is nothing to
  -- climb (level 0 or 3, the OPD started a new stage, the case left the OPD)
  ADD COLUMN escalation_due_at timestamptz,
  -- when the desk declared the file complete (verify, or route without verify)
  ADD COLUMN file_complete_at timestamptz,
  -- the completion deadline: the 'resolution' rule from file_complete_at (or from a dispute)
  ADD COLUMN completion_due_at timestamptz,
  -- the clock's origin (file complete, or the dispute) and the rule version it runs under,
  -- so the resolution stage can take it over and the year-end recompute (ADR 0025) redo it
  ADD COLUMN completion_from timestamptz,
  ADD COLUMN completion_rule_id uuid;

-- The sweep's climb scan walks this index in (escalation_due_at, id) order.
CREATE INDEX complaint_escalation_due_idx ON complaint (escalation_due_at) WHERE escalation_due_at IS NOT NULL;

-- Cases already escalated for the deadline they still hold, untouched at an OPD below the
-- top: before this migration nothing would ever raise them further. Arm their next level a
-- week after their last escalation — about 5 working days; the exact figure needs the
-- tenant calendar, which plain SQL does not have, and the sweep takes it from here.
UPDATE complaint
SET escalation_due_at = escalated_at + interval '7 days'
WHERE status IN ('routed', 'accepted', 'in_progress')
  AND opd_id IS NOT NULL
  AND escalation_level BETWEEN 1 AND 2
  AND escalated_at IS NOT NULL
  AND due_at IS NOT NULL
  AND escalated_at >= due_at;

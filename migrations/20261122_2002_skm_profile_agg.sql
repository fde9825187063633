-- SKM: the profile breakdowns (sex, age band, education, occupation) from aggregates too
-- (issue #4, ADR 0018 revised). Reading them from the raw answers took ~6 s for a tenant
-- year of 2.5 million answers. Same key as skm_agg_unsur plus the profile dimension and
-- its value ('' = not stated); kept by the same writers (the fold job, exclusions and
-- restores, paper imports, the demo seed); readers add the unfolded tail. Not sharded:
-- its writers are the fold job and rare staff actions, and shards would multiply the
-- rows a tenant-wide read sums.
CREATE TABLE skm_agg_profile (
  tenant_id         uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  unit_id           uuid NOT NULL,
  month             date NOT NULL,
  questionnaire_id  uuid NOT NULL,
  dimension         text NOT NULL CHECK (dimension IN ('sex', 'age_band', 'education', 'occupation')),
  value             text NOT NULL,
  unsur_key         text NOT NULL,
  sum               bigint NOT NULL DEFAULT 0,
  count             bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, unit_id, month, questionnaire_id, dimension, value, unsur_key)
);
-- Tenant-wide reads go by month.
CREATE INDEX skm_agg_profile_month_idx ON skm_agg_profile (tenant_id, month);

-- Answers already folded are in the other aggregates: add them here once.
INSERT INTO skm_agg_profile (tenant_id, unit_id, month, questionnaire_id, dimension, value, unsur_key, sum, count)
SELECT r.tenant_id, r.unit_id, r.month, r.questionnaire_id, p.dimension, coalesce(p.value, ''), a.key, sum(a.value::int), count(*)
FROM skm_response r
  CROSS JOIN LATERAL (VALUES ('sex', r.sex), ('age_band', r.age_band), ('education', r.education), ('occupation', r.occupation)) AS p(dimension, value)
  CROSS JOIN LATERAL jsonb_each_text(r.answers) AS a
WHERE r.folded AND NOT r.excluded
GROUP BY 1, 2, 3, 4, 5, 6, 7;

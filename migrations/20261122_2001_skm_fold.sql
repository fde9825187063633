-- SKM: aggregates folded by a job instead of on every answer (issue #4, ADR 0018 revised).
-- An answer is inserted with folded = false; the job `skm.fold` claims unfolded rows
-- (FOR UPDATE SKIP LOCKED), adds them to skm_agg_unsur / skm_agg_respondent and sets
-- folded = true in the same statement. Readers add the unfolded tail to the aggregates.
-- Rows stored before this migration were already in the aggregates: they get true, new
-- rows default to false.
ALTER TABLE skm_response ADD COLUMN folded boolean NOT NULL DEFAULT true;
ALTER TABLE skm_response ALTER COLUMN folded SET DEFAULT false;
-- The fold's claim and the readers' tail go through this (small) partial index.
CREATE INDEX skm_response_unfolded_idx ON skm_response (tenant_id, month, unit_id) WHERE NOT folded;

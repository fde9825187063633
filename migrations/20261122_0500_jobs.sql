-- Job queue: indexes for the admin list (GET /api/v1/jobs: a tenant's jobs, newest first)
-- and for the daily jobs.prune housekeeping (finished jobs by age).
CREATE INDEX job_tenant_idx ON job (tenant_id, id DESC);
CREATE INDEX job_finished_idx ON job (finished_at) WHERE status IN ('done', 'failed');

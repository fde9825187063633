/** Job rows as the admin API shows them (no payload: it may hold personal data). */
import type { TJob } from '../../../shared/schemas/jobs.js';
import type { JobRow } from './repo.js';

export function presentJob(row: JobRow): TJob {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    runAt: row.run_at.toISOString(),
    attempts: row.attempts,
    lastError: row.last_error,
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
  };
}

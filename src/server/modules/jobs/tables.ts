import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export interface JobTable {
  id: ColumnType<number, never, never>;
  name: string;
  tenant_id: string | null;
  payload: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface JobScheduleTable {
  name: string;
  interval_seconds: number;
  next_run_at: Generated<Date>;
  last_run_at: Date | null;
}

export interface JobTables {
  job: JobTable;
  job_schedule: JobScheduleTable;
}

/**
 * Enqueueing jobs, and the admin's view of the queue. Enqueue takes an executor, so a
 * module can enqueue inside the transaction of the write that causes the job: the job
 * exists if and only if the write committed.
 */
import { Value } from '@sinclair/typebox/value';
import type { Static, TSchema } from '@sinclair/typebox';
import type { Executor } from '../../db/index.js';
import { AppError } from '../../platform/errors.js';
import type { JobDefinition } from './define.js';
import * as repo from './repo.js';

export interface EnqueueOptions {
  /** Earliest start (default: now). */
  runAt?: Date;
  /** A second enqueue with the same key returns the first job instead of adding one. */
  dedupeKey?: string;
  tenantId?: string | null;
}

/** Details of a payload that does not match its job's schema. */
export function payloadErrors(schema: TSchema, payload: unknown): Array<{ path: string; message: string }> {
  return [...Value.Errors(schema, payload)].slice(0, 10).map((e) => ({ path: e.path || '/', message: e.message }));
}

/**
 * Adds a job to the queue after checking its payload against the definition's schema.
 * Returns the job id, and whether it was created (false: an earlier job had the dedupe key).
 */
export async function enqueueJob<S extends TSchema>(
  db: Executor,
  def: JobDefinition<S>,
  payload: Static<S>,
  opts: EnqueueOptions = {},
): Promise<{ id: number; created: boolean }> {
  if (!Value.Check(def.payload, payload)) {
    const details = payloadErrors(def.payload, payload);
    throw new AppError('VALIDATION', { detail: `job ${def.name}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}` }, details);
  }
  return repo.insertJob(db, {
    name: def.name,
    tenantId: opts.tenantId ?? null,
    payload,
    runAt: opts.runAt ?? null,
    maxAttempts: def.retry.maxAttempts,
    dedupeKey: opts.dedupeKey ?? null,
  });
}

/** Longest list the admin endpoint returns. */
export const JOB_LIST_MAX = 200;

export function listJobs(db: Executor, opts: { tenantId: string; includeSystem: boolean; status?: repo.JobStatus; limit?: number }) {
  return repo.listJobs(db, {
    tenantId: opts.tenantId,
    includeSystem: opts.includeSystem,
    status: opts.status ?? null,
    limit: Math.min(opts.limit ?? 100, JOB_LIST_MAX),
  });
}

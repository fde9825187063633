/**
 * A job is a typed definition: name, payload schema, optional schedule, retry policy and
 * the work itself. Definitions are listed in registry.ts; the runner (runner.ts) claims
 * queued rows from the `job` table so several app processes never run one twice.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { Deps } from '../../platform/deps.js';

export interface JobRunContext {
  jobId: number;
  attempt: number;
  tenantId: string | null;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
}

export interface JobDefinition<S extends TSchema = TSchema> {
  name: string;
  /** Payload schema: enqueue refuses a payload that does not match. */
  payload: S;
  /** Run every N seconds (one job per slot, whatever the number of app processes). */
  schedule?: { everySeconds: number };
  retry: { maxAttempts: number; backoffSeconds: number };
  /** After this long a running job is considered dead and may be claimed again. */
  timeoutSeconds: number;
  run(deps: Deps, payload: Static<S>, ctx: JobRunContext): Promise<void>;
}

export function defineJob<S extends TSchema>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

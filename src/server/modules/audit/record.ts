/**
 * Writing the audit trail. Every service write calls `recordAudit` with the same
 * transaction as the change itself, so a change and its audit row commit or vanish
 * together. Rows are sealed into the tenant's hash chain later by the `audit.seal` job.
 */
import type { Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';

export interface AuditEntry {
  /** Verb in the form `<entity>.<verb>`, e.g. `opd.create`, `user.role.grant`, `auth.login`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Fields never copied into the audit trail. */
const SECRET_FIELDS = new Set(['password_hash', 'password', 'token_hash', 'csrf_token', 'id_hash']);

function scrub(v: Record<string, unknown> | null | undefined): string | null {
  if (!v) return null;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k] = SECRET_FIELDS.has(k) ? '[redacted]' : val;
  return JSON.stringify(out);
}

export async function recordAudit(tx: Executor, ctx: RequestContext & { systemLabel?: string }, tenantId: string, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      tenant_id: tenantId,
      actor_id: ctx.actor?.userId ?? null,
      actor_label: ctx.actor ? `${ctx.actor.name} <${ctx.actor.email}>` : (ctx.systemLabel ?? 'system'),
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      before: scrub(entry.before),
      after: scrub(entry.after),
      request_id: ctx.requestId,
      chain_pos: null,
      prev_hash: null,
      hash: null,
    })
    .execute();
}

/** Audit rows → API shapes (src/shared/schemas/audit.ts). */
import type { TAuditEntry, TAuditListResponse } from '../../../shared/schemas/audit.js';
import type { AuditListRow } from './repo.js';

export function presentEntry(row: AuditListRow): TAuditEntry {
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    chainPos: row.chain_pos === null ? null : Number(row.chain_pos),
    sealed: row.chain_pos !== null,
  };
}

export function presentPage(rows: AuditListRow[], nextCursor: number | null): TAuditListResponse {
  return { items: rows.map(presentEntry), nextCursor };
}

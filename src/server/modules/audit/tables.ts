import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export interface AuditLogTable {
  tenant_id: string;
  id: ColumnType<number, never, never>;
  at: ColumnType<Date, never, never>;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: JSONColumnType<Record<string, unknown> | null, string | null, never>;
  after: JSONColumnType<Record<string, unknown> | null, string | null, never>;
  request_id: string | null;
  chain_pos: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface AuditChainHeadTable {
  tenant_id: string;
  last_pos: number;
  last_hash: string;
  sealed_at: Generated<Date>;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
}

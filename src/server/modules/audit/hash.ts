/**
 * The hash of one sealed audit row: sha256 over a canonical serialisation of the row's
 * content, its chain position and the previous row's hash. Sealer (seal.ts) and verifier
 * (verify.ts) both call `rowHash`, so they cannot disagree about the format.
 *
 * Canonical form (version `prima-audit/1`): a JSON object whose keys are sorted
 * recursively (JS code-unit order), no whitespace, values as JSON.stringify writes them.
 * Inputs are taken from the database's own text forms, never from driver-converted values:
 *  - `at` is `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` — a JS Date
 *    would drop the microseconds and the hash would depend on the driver;
 *  - `before`/`after` are `jsonb::text` parsed with JSON.parse (jsonb already reorders keys
 *    and drops whitespace; sorting here makes the form independent of jsonb's order rule).
 *  - bigint columns (id, chain_pos) are decimal strings, so a port to another language
 *    need not care about JS number precision.
 */
import crypto from 'node:crypto';

/** prev_hash of the first row of every tenant's chain. */
export const GENESIS_HASH = '0'.repeat(64);
export const HASH_FORMAT = 'prima-audit/1';

/** The content of an audit row as the sealer reads it (see the module comment for the text forms). */
export interface AuditRowContent {
  tenantId: string;
  id: number;
  /** UTC, microsecond precision, from to_char (never a JS Date). */
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  /** jsonb::text of the column, or null. */
  beforeText: string | null;
  afterText: string | null;
  requestId: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted recursively; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value as Json));
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

/** The exact string that is hashed (exported for tests and for documentation). */
export function canonicalRow(row: AuditRowContent, chainPos: number, prevHash: string): string {
  return canonicalJson({
    format: HASH_FORMAT,
    tenantId: row.tenantId,
    id: String(row.id),
    at: row.at,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.beforeText === null ? null : JSON.parse(row.beforeText),
    after: row.afterText === null ? null : JSON.parse(row.afterText),
    requestId: row.requestId,
    chainPos: String(chainPos),
    prevHash,
  });
}

export function rowHash(row: AuditRowContent, chainPos: number, prevHash: string): string {
  return crypto.createHash('sha256').update(canonicalRow(row, chainPos, prevHash), 'utf8').digest('hex');
}

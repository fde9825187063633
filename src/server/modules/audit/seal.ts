/**
 * Sealing: committed audit rows are linked into their tenant's hash chain in batches
 * (docs/adr/0005-audit-chain.md). Writers only INSERT unsealed rows inside their own
 * transaction, so concurrent writers of one tenant never wait on the chain head; only
 * this sealer touches the head, one transaction per batch.
 *
 * Why order by id is enough, and late commits are fine: an identity value is taken at
 * INSERT time, but the row becomes visible at COMMIT. A transaction holding id 41 may
 * commit after id 42 was sealed at position 7; id 41 is then sealed in a later batch at
 * position 8. The chain's order is the order of sealing, not of ids or of `at`: the chain
 * proves that nothing sealed was altered, removed or reordered afterwards, and every
 * committed row is eventually sealed exactly once (the guard trigger refuses a second
 * seal). Verification walks chain_pos, never id, so the id order is irrelevant to it.
 */
import type { Db } from '../../db/index.js';
import { GENESIS_HASH, rowHash } from './hash.js';
import {
  applySeals,
  getChainHead,
  lockTenantChain,
  takeUnsealed,
  tenantsWithUnsealed,
  upsertChainHead,
  type Seal,
} from './repo.js';

/** Rows per sealing transaction: big enough to keep up, small enough to hold the lock briefly. */
export const DEFAULT_SEAL_BATCH = 500;
const MAX_SEAL_BATCH = 10_000;

export interface SealResult {
  sealed: number;
  /** The chain's last position after this batch (0 for an empty chain). */
  lastPos: number;
}

/**
 * Seals up to `batchSize` unsealed rows of one tenant, in one transaction.
 *
 * Concurrency: the transaction-scoped advisory lock serialises sealers of the same tenant
 * (sealers of other tenants run in parallel). READ COMMITTED is required, not just the
 * default: each statement after the lock takes a fresh snapshot, so a sealer that waited
 * sees the head and rows committed by the sealer before it. Under REPEATABLE READ the
 * snapshot would predate the wait and two sealers would claim the same positions (the
 * unique index (tenant_id, chain_pos) would then refuse the second, but we never rely on it).
 */
export async function sealTenant(db: Db, tenantId: string, batchSize = DEFAULT_SEAL_BATCH): Promise<SealResult> {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_SEAL_BATCH) {
    throw new RangeError(`batchSize must be a whole number between 1 and ${MAX_SEAL_BATCH}`);
  }
  return db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (tx) => {
      await lockTenantChain(tx, tenantId);
      const head = await getChainHead(tx, tenantId);
      let pos = head?.lastPos ?? 0;
      let prev = head?.lastHash ?? GENESIS_HASH;
      const rows = await takeUnsealed(tx, tenantId, batchSize);
      if (rows.length === 0) return { sealed: 0, lastPos: pos };

      const seals: Seal[] = rows.map((row) => {
        pos += 1;
        const hash = rowHash(row, pos, prev);
        const seal = { id: row.id, chainPos: pos, prevHash: prev, hash };
        prev = hash;
        return seal;
      });
      const updated = await applySeals(tx, tenantId, seals);
      if (updated !== seals.length) {
        // Cannot happen while every sealer takes the lock; if it does, roll back rather
        // than leave a head that does not match the rows.
        throw new Error(`audit seal of tenant ${tenantId}: ${updated} of ${seals.length} rows updated; rolled back`);
      }
      await upsertChainHead(tx, tenantId, pos, prev);
      return { sealed: updated, lastPos: pos };
    });
}

export interface SealAllOptions {
  batchSize?: number;
  /** Batches per tenant per run, so one busy tenant cannot starve the others; the next run continues. */
  maxBatchesPerTenant?: number;
  /** Tenants per run. */
  maxTenants?: number;
}

export interface SealAllResult {
  tenants: number;
  sealed: number;
}

/** Tenant ids fetched per query of the work list. */
const TENANT_PAGE = 100;

/**
 * One bounded sealing pass over every tenant with unsealed rows (the `audit.seal` job).
 * A failing tenant does not stop the others; the failures are thrown together at the end.
 */
export async function sealAll(db: Db, opts: SealAllOptions = {}): Promise<SealAllResult> {
  const batchSize = opts.batchSize ?? DEFAULT_SEAL_BATCH;
  const maxBatches = opts.maxBatchesPerTenant ?? 20;
  const maxTenants = opts.maxTenants ?? 1_000;
  const result: SealAllResult = { tenants: 0, sealed: 0 };
  const failures: unknown[] = [];
  let after: string | null = null;
  while (result.tenants < maxTenants) {
    const page = await tenantsWithUnsealed(db, after, Math.min(TENANT_PAGE, maxTenants - result.tenants));
    if (page.length === 0) break;
    for (const tenantId of page) {
      result.tenants += 1;
      try {
        for (let i = 0; i < maxBatches; i++) {
          const { sealed } = await sealTenant(db, tenantId, batchSize);
          result.sealed += sealed;
          if (sealed < batchSize) break;
        }
      } catch (err) {
        failures.push(err);
      }
    }
    after = page[page.length - 1];
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `audit sealing failed for ${failures.length} tenants`);
  return result;
}

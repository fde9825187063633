/**
 * Verification of a tenant's audit chain: walks the sealed rows by chain_pos in bounded
 * batches, recomputes every hash, checks each prev_hash link, that positions are
 * contiguous (a gap is a deleted row), and that the chain ends where the head says
 * (a deleted tail). Reports the FIRST problem only: everything after it is suspect anyway.
 * Read-only: unsealed rows are counted, never sealed here.
 *
 * Runs beside a live sealer without a long transaction (which on PGlite would hold the
 * only connection): it reads the head first and walks only up to that position. Sealed
 * rows never change (guard trigger), and the sealer commits rows and head together, so
 * the prefix up to a committed head is a stable thing to check.
 */
import type { Executor } from '../../db/index.js';
import { t, type Locale, type MessageKey, type MessageParams } from '../../../shared/i18n/index.js';
import { GENESIS_HASH, rowHash } from './hash.js';
import { chainBatch, countUnsealed, getChainHead, maxChainPos } from './repo.js';

export type ChainProblemKind = 'altered' | 'missing' | 'broken_link' | 'head_mismatch';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** Position of the altered row, or of the first missing one. */
  chainPos: number;
  /** Id of the row at fault; null when the row is gone. */
  id: number | null;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Sealed rows checked. */
  checked: number;
  /** Rows not yet sealed into the chain (written in the last seconds, or the sealer is behind). */
  unsealed: number;
  problem: ChainProblem | null;
}

/** Rows read per query while walking the chain. */
export const VERIFY_BATCH = 1_000;

export async function verifyChain(
  db: Executor,
  tenantId: string,
  opts: { locale?: Locale; batchSize?: number } = {},
): Promise<VerifyResult> {
  const locale = opts.locale ?? 'en';
  const batchSize = opts.batchSize ?? VERIFY_BATCH;
  const problem = (kind: ChainProblemKind, chainPos: number, id: number | null, key: MessageKey, params: MessageParams = {}): ChainProblem => ({
    kind,
    chainPos,
    id,
    message: t(locale, key, { chainPos, id: id ?? '-', ...params }),
  });
  const done = async (checked: number, p: ChainProblem | null): Promise<VerifyResult> => ({
    ok: p === null,
    checked,
    unsealed: await countUnsealed(db, tenantId),
    problem: p,
  });

  const head = await getChainHead(db, tenantId);
  const headPos = head?.lastPos ?? 0;
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let lastId: number | null = null;
  let afterPos = 0;
  for (;;) {
    const batch = await chainBatch(db, tenantId, afterPos, headPos, batchSize);
    for (const row of batch) {
      if (row.chainPos !== expected) {
        return done(expected - 1, problem('missing', expected, null, 'audit.problem.missing', { nextPos: row.chainPos, nextId: row.id }));
      }
      // The row's own hash first: a changed field (content, chain_pos or prev_hash) shows here.
      if (row.hash === null || row.prevHash === null || rowHash(row, row.chainPos, row.prevHash) !== row.hash) {
        return done(expected - 1, problem('altered', row.chainPos, row.id, 'audit.problem.altered'));
      }
      // A self-consistent row that does not point at its predecessor: one of the two was
      // rewritten with a recomputed hash.
      if (row.prevHash !== prevHash) {
        return done(expected - 1, problem('broken_link', row.chainPos, row.id, 'audit.problem.brokenLink', { prevPos: row.chainPos - 1 }));
      }
      prevHash = row.hash;
      lastId = row.id;
      expected += 1;
    }
    if (batch.length < batchSize) break;
    afterPos = batch[batch.length - 1].chainPos;
  }
  const checked = expected - 1;

  if (head) {
    if (checked < head.lastPos) {
      // The walk ran out before the head's position: the tail was deleted.
      return done(checked, problem('head_mismatch', expected, null, 'audit.problem.truncated', { headPos: head.lastPos, lastPos: checked }));
    }
    if (prevHash !== head.lastHash) {
      return done(checked, problem('head_mismatch', head.lastPos, lastId, 'audit.problem.headHash'));
    }
  }
  // Sealed rows beyond the head. Read the maximum BEFORE re-reading the head: a sealer
  // commits rows and head together, so any row seen here is covered by a head read later.
  const maxPos = await maxChainPos(db, tenantId);
  if (maxPos !== null) {
    const nowHead = await getChainHead(db, tenantId);
    if (!nowHead) return done(checked, problem('head_mismatch', 1, null, 'audit.problem.headMissing', { maxPos }));
    if (maxPos > nowHead.lastPos) {
      return done(checked, problem('head_mismatch', nowHead.lastPos + 1, null, 'audit.problem.beyondHead', { headPos: nowHead.lastPos, maxPos }));
    }
  }
  return done(checked, null);
}

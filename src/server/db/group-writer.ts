/**
 * Group writes (ADR 0023): many citizens' writes of the same kind that arrive while the
 * database is busy go to it together, as ONE multi-row statement, instead of one statement
 * and one commit each. This is group commit done in the app: each request is still
 * answered only after the statement holding its row has committed, so nothing is
 * acknowledged that is not stored.
 *
 * Batches form by themselves, with no timer: while `maxInFlight` statements of this writer
 * are running, new arrivals queue; when one finishes, everything queued (up to `maxBatch`)
 * goes in the next statement. A single user never waits for anybody: an arrival with a
 * free slot is written at once, alone, by `one` (the single-row statement).
 *
 * One item never fails another: when a batch statement fails (a row that breaks a
 * constraint, a deadlock), every item of it is written again alone by `one`, and only the
 * bad one gets its error. Items the batch skipped (`ALONE`: e.g. a unique key taken, which
 * the single-row path answers properly) are likewise written alone.
 *
 * Writers are per database handle (tests open many), and only for writes outside a
 * transaction: a caller inside one must write through its transaction itself.
 */
import type { Db } from './index.js';

/** A batch result meaning "not written by the batch: write this item alone". */
export const ALONE: unique symbol = Symbol('write alone');

export interface GroupWriterOptions<I, O> {
  /** For statistics and error messages. */
  name: string;
  /** At most this many items per statement (bounds the statement's size and its latency). */
  maxBatch: number;
  /** Statements of this writer running at once; arrivals beyond them wait and go together. */
  maxInFlight: number;
  /** Writes one item (the single-user path, and the fallback). */
  one(db: Db, item: I): Promise<O>;
  /** Writes several items in one statement; one result per item, in order, or ALONE. */
  many(db: Db, items: I[]): Promise<Array<O | typeof ALONE>>;
}

export interface GroupWriterStats {
  /** Statements run by `many`. */
  batches: number;
  /** Items written by those statements. */
  batchedItems: number;
  /** Items written alone (single arrivals and fallbacks). */
  alone: number;
  /** Batches whose statement failed and whose items were written alone. */
  failedBatches: number;
  largestBatch: number;
}

interface Pending<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

interface State<I, O> {
  queue: Pending<I, O>[];
  inFlight: number;
  scheduled: boolean;
}

export interface GroupWriter<I, O> {
  write(db: Db, item: I): Promise<O>;
  stats(db: Db): GroupWriterStats;
}

export function groupWriter<I, O>(opts: GroupWriterOptions<I, O>): GroupWriter<I, O> {
  const states = new WeakMap<Db, State<I, O>>();
  const statsOf = new WeakMap<Db, GroupWriterStats>();
  const stats = (db: Db) => {
    let s = statsOf.get(db);
    if (!s) statsOf.set(db, (s = { batches: 0, batchedItems: 0, alone: 0, failedBatches: 0, largestBatch: 0 }));
    return s;
  };

  async function alone(db: Db, p: Pending<I, O>) {
    stats(db).alone++;
    try {
      p.resolve(await opts.one(db, p.item));
    } catch (err) {
      p.reject(err);
    }
  }

  async function run(db: Db, batch: Pending<I, O>[]) {
    if (batch.length === 1) return alone(db, batch[0]);
    const s = stats(db);
    let results: Array<O | typeof ALONE>;
    try {
      results = await opts.many(db, batch.map((p) => p.item));
      if (results.length !== batch.length) throw new Error(`${opts.name}: ${results.length} results for ${batch.length} items`);
    } catch {
      s.failedBatches++;
      // Nothing of the failed statement is stored: each item goes again on its own.
      await Promise.all(batch.map((p) => alone(db, p)));
      return;
    }
    s.batches++;
    s.batchedItems += batch.length;
    s.largestBatch = Math.max(s.largestBatch, batch.length);
    await Promise.all(batch.map((p, i) => {
      const r = results[i];
      if (r === ALONE) return alone(db, p);
      p.resolve(r);
      return undefined;
    }));
  }

  function pump(db: Db, state: State<I, O>) {
    if (state.scheduled || state.inFlight >= opts.maxInFlight || state.queue.length === 0) return;
    state.scheduled = true;
    // After the current I/O phase: requests parsed from the same socket reads join in.
    setImmediate(() => {
      state.scheduled = false;
      while (state.inFlight < opts.maxInFlight && state.queue.length) {
        const batch = state.queue.splice(0, opts.maxBatch);
        state.inFlight++;
        void run(db, batch).finally(() => {
          state.inFlight--;
          pump(db, state);
        });
      }
    });
  }

  return {
    write(db, item) {
      let state = states.get(db);
      if (!state) states.set(db, (state = { queue: [], inFlight: 0, scheduled: false }));
      const s = state;
      return new Promise<O>((resolve, reject) => {
        s.queue.push({ item, resolve, reject });
        pump(db, s);
      });
    },
    stats: (db) => ({ ...stats(db) }),
  };
}

/**
 * The group writer's coordination (ADR 0023), with writes recorded in memory: who goes
 * alone, who goes together, in what order, and that one bad item never fails another.
 * The SQL of the real batches is tested on PGlite and PostgreSQL (group-writes.int.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Db } from './index.js';
import { ALONE, groupWriter } from './group-writer.js';

/** A handle the writer keys its queue by; the writes below never touch it. */
const handle = () => ({}) as unknown as Db;

/** A promise to resolve from the test: statements "in flight" until the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

function recorder(opts: { maxBatch?: number; maxInFlight?: number; manyFails?: (items: number[]) => boolean; skip?: (n: number) => boolean; bad?: number } = {}) {
  const calls: Array<{ kind: 'one' | 'many'; items: number[] }> = [];
  const gates: Array<ReturnType<typeof gate>> = [];
  const hold = async () => {
    const g = gate();
    gates.push(g);
    await g.opened;
  };
  const writer = groupWriter<number, string>({
    name: 'test',
    maxBatch: opts.maxBatch ?? 100,
    maxInFlight: opts.maxInFlight ?? 1,
    async one(_db, n) {
      calls.push({ kind: 'one', items: [n] });
      await hold();
      if (n === opts.bad) throw new Error(`bad ${n}`);
      return `one:${n}`;
    },
    async many(_db, items) {
      calls.push({ kind: 'many', items });
      await hold();
      if (opts.manyFails?.(items)) throw new Error('statement failed');
      return items.map((n) => (opts.skip?.(n) ? ALONE : `many:${n}`));
    },
  });
  /** Opens every statement in flight, until all given promises have settled. */
  async function drain<T>(ps: Promise<T>[]) {
    const all = Promise.allSettled(ps);
    let done = false;
    void all.then(() => (done = true));
    while (!done) {
      const g = gates.shift();
      if (g) g.open();
      await new Promise((r) => setImmediate(r));
    }
    return all;
  }
  return { writer, calls, drain };
}

describe('group writer', () => {
  it('writes a lone arrival at once, by itself', async () => {
    const { writer, calls, drain } = recorder();
    const db = handle();
    const [r] = await drain([writer.write(db, 1)]);
    expect(r).toEqual({ status: 'fulfilled', value: 'one:1' });
    expect(calls).toEqual([{ kind: 'one', items: [1] }]);
    expect(writer.stats(db)).toMatchObject({ batches: 0, alone: 1 });
  });

  it('arrivals in the same turn go together, in order, each with its own result', async () => {
    const { writer, calls, drain } = recorder();
    const db = handle();
    const results = await drain([1, 2, 3, 4].map((n) => writer.write(db, n)));
    expect(results.map((r) => (r as PromiseFulfilledResult<string>).value)).toEqual(['many:1', 'many:2', 'many:3', 'many:4']);
    expect(calls).toEqual([{ kind: 'many', items: [1, 2, 3, 4] }]);
    expect(writer.stats(db)).toMatchObject({ batches: 1, batchedItems: 4, largestBatch: 4, alone: 0 });
  });

  it('arrivals while a statement runs wait for it and then go together (maxInFlight 1)', async () => {
    const { writer, calls, drain } = recorder();
    const db = handle();
    const first = writer.write(db, 1);
    await new Promise((r) => setImmediate(r)); // the first statement is now in flight
    const later = [2, 3, 4].map((n) => writer.write(db, n));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([{ kind: 'one', items: [1] }]); // 2..4 wait
    await drain([first, ...later]);
    expect(calls).toEqual([{ kind: 'one', items: [1] }, { kind: 'many', items: [2, 3, 4] }]);
  });

  it('never puts more than maxBatch items in one statement, and runs up to maxInFlight at once', async () => {
    const { writer, calls, drain } = recorder({ maxBatch: 3, maxInFlight: 2 });
    const db = handle();
    const ps = [1, 2, 3, 4, 5, 6, 7].map((n) => writer.write(db, n));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([{ kind: 'many', items: [1, 2, 3] }, { kind: 'many', items: [4, 5, 6] }]); // two in flight, 7 waits
    await drain(ps);
    expect(calls.at(-1)).toEqual({ kind: 'one', items: [7] });
  });

  it('a failed statement writes each of its items alone: only the bad one fails', async () => {
    const { writer, calls, drain } = recorder({ manyFails: (items) => items.includes(3), bad: 3 });
    const db = handle();
    const results = await drain([1, 2, 3, 4].map((n) => writer.write(db, n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toEqual(new Error('bad 3'));
    expect((results[0] as PromiseFulfilledResult<string>).value).toBe('one:1');
    expect(calls.filter((c) => c.kind === 'one').map((c) => c.items[0]).sort()).toEqual([1, 2, 3, 4]);
    expect(writer.stats(db)).toMatchObject({ failedBatches: 1, batches: 0, alone: 4 });
  });

  it('items the batch skipped (ALONE) are written alone; the rest keep the batch result', async () => {
    const { writer, calls, drain } = recorder({ skip: (n) => n % 2 === 0 });
    const db = handle();
    const results = await drain([1, 2, 3, 4].map((n) => writer.write(db, n)));
    expect(results.map((r) => (r as PromiseFulfilledResult<string>).value)).toEqual(['many:1', 'one:2', 'many:3', 'one:4']);
    expect(calls.filter((c) => c.kind === 'one').map((c) => c.items[0])).toEqual([2, 4]);
  });

  it('keeps one queue per database handle', async () => {
    const { writer, calls, drain } = recorder();
    const [a, b] = [handle(), handle()];
    await drain([writer.write(a, 1), writer.write(b, 2), writer.write(a, 3)]);
    expect(calls).toEqual(expect.arrayContaining([{ kind: 'many', items: [1, 3] }, { kind: 'one', items: [2] }]));
    expect(calls).toHaveLength(2);
    expect(writer.stats(a)).toMatchObject({ batches: 1, batchedItems: 2 });
    expect(writer.stats(b)).toMatchObject({ batches: 0, alone: 1 });
  });
});

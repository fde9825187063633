/**
 * The survey's outbox: an answer leaves the device queue only when the server has it
 * (200/201) or refuses it for good (a 4xx other than 408/429, kept in the failed list);
 * network failures and 5xx are retried with backoff, and one answer is never sent twice
 * by concurrent flushes of the same page.
 */
import { describe, expect, it } from 'vitest';
import { FAILED_KEY, Outbox, QUEUE_KEY, backoffMs, isPermanentRefusal, newClientId, type KeyValueStore, type SendFn } from './queue.js';
import type { SurveyAnswer } from './types.js';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

function answer(clientId: string): SurveyAnswer {
  return { clientId, unitId: 'u', questionnaireId: 'q', answers: { u1: 4 }, profile: {}, answeredAt: '2026-11-22T10:00:00.000Z', mode: 'online' };
}

/** A server stub answering from a script of statuses ('net' = network failure). */
function server(script: Array<number | 'net'>) {
  const calls: string[] = [];
  const send: SendFn = async (_url, body) => {
    calls.push(body.clientId);
    const next = script.shift() ?? 201;
    if (next === 'net') throw new TypeError('Failed to fetch');
    return { status: next, message: next >= 400 ? `refused ${next}` : undefined };
  };
  return { calls, send };
}

describe('survey outbox', () => {
  it('removes an answer once the server has it (201, or 200 for a resend)', async () => {
    const store = memoryStore();
    const { calls, send } = server([201, 200]);
    const box = new Outbox(store, send);
    box.enqueue('/api/v1/public/skm/responses', answer('a'));
    box.enqueue('/api/v1/public/skm/responses', answer('b'));
    await box.flush(true);
    expect(calls).toEqual(['a', 'b']);
    expect(box.pending()).toEqual([]);
    expect(box.failed()).toEqual([]);
  });

  it('keeps answers through a network failure and retries later with backoff', async () => {
    const store = memoryStore();
    let now = 1_000_000;
    const { calls, send } = server(['net', 'net', 201, 201]);
    const box = new Outbox(store, send, () => now);
    box.enqueue('/x', answer('a'));
    box.enqueue('/x', answer('b'));
    await box.flush(true);
    // The first failure stops the round: the second answer would fail the same way.
    expect(calls).toEqual(['a']);
    expect(box.pending().map((q) => [q.clientId, q.attempts])).toEqual([['a', 1], ['b', 0]]);
    expect(box.pending()[0].nextAt).toBe(now + backoffMs(1));
    // Not forced: only what is due goes ('b' is due, 'a' waits for its backoff).
    await box.flush(false);
    expect(calls).toEqual(['a', 'b']);
    expect(box.pending()[1].nextAt).toBe(now + backoffMs(1));
    now += backoffMs(2);
    await box.flush(false);
    expect(calls).toEqual(['a', 'b', 'a', 'b']);
    expect(box.pending()).toEqual([]);
  });

  it('retries 5xx, 408 and 429; moves a permanent 4xx refusal to the failed list', async () => {
    const store = memoryStore();
    const { send } = server([503, 429, 422]);
    const box = new Outbox(store, send);
    box.enqueue('/x', answer('a'));
    box.enqueue('/x', answer('b'));
    box.enqueue('/x', answer('c'));
    await box.flush(true);
    expect(box.pending().map((q) => q.clientId)).toEqual(['a', 'b']);
    expect(box.failed()).toMatchObject([{ clientId: 'c', status: 422, message: 'refused 422' }]);
    box.clearFailed();
    expect(box.failed()).toEqual([]);
    expect([400, 404, 409, 422].every(isPermanentRefusal)).toBe(true);
    expect([408, 429, 500, 503].some(isPermanentRefusal)).toBe(false);
  });

  it('never sends one answer twice from overlapping flushes', async () => {
    const store = memoryStore();
    const { calls, send } = server([201]);
    const box = new Outbox(store, send);
    box.enqueue('/x', answer('a'));
    await Promise.all([box.flush(true), box.flush(true), box.flush(false)]);
    expect(calls).toEqual(['a']);
  });

  it('survives a broken store entry and keeps answers queued by another tab', async () => {
    const store = memoryStore();
    store.setItem(QUEUE_KEY, '{not json');
    store.setItem(FAILED_KEY, 'null');
    const box = new Outbox(store, server([]).send);
    expect(box.pending()).toEqual([]);
    expect(box.failed()).toEqual([]);
    box.enqueue('/x', answer('a'));
    // Another tab writes its own answer into the same storage.
    const other = new Outbox(store, server([]).send);
    other.enqueue('/x', answer('b'));
    expect(box.pending().map((q) => q.clientId)).toEqual(['a', 'b']);
  });

  it('makes RFC 4122 version-4 ids, also without crypto.randomUUID', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newClientId()).toMatch(v4);
    const original = globalThis.crypto.randomUUID;
    try {
      (globalThis.crypto as { randomUUID?: unknown }).randomUUID = undefined;
      const ids = new Set(Array.from({ length: 50 }, () => newClientId()));
      expect(ids.size).toBe(50);
      for (const id of ids) expect(id).toMatch(v4);
    } finally {
      (globalThis.crypto as { randomUUID?: unknown }).randomUUID = original;
    }
  });
});

describe('survey outbox: refusals shown by the page', () => {
  it('forgets one refused answer and keeps the others', async () => {
    const store = memoryStore();
    const box = new Outbox(store, server([422, 400]).send);
    box.enqueue('/x', answer('a'));
    box.enqueue('/x', answer('b'));
    await box.flush(true);
    expect(box.failed().map((f) => f.clientId)).toEqual(['a', 'b']);
    box.forgetFailed('a');
    expect(box.failed().map((f) => f.clientId)).toEqual(['b']);
  });
});

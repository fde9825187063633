/**
 * The outbox of answers on the device. An answer is queued (localStorage) the moment the
 * respondent taps Kirim, with an id made on the device (`clientId`), and sent at once if
 * the network is there, else when the browser says it is back (`online`), on the next
 * page load, or by a retry timer with backoff. The server keeps one row per clientId, so
 * a resend after a lost response never counts twice.
 *
 * An answer leaves the queue only on 200/201, or on a 4xx that can never succeed (it then
 * moves to a `failed` list the page shows). Network errors, 5xx, 408 and 429 are retried.
 * Every change re-reads storage first, so two tabs of the survey do not drop each
 * other's answers (both may send one answer: the clientId makes that harmless).
 */
import type { SurveyAnswer } from './types.js';

export interface QueuedAnswer {
  clientId: string;
  /** POST URL, with the tenant prefix the page was opened under. */
  url: string;
  body: SurveyAnswer;
  queuedAt: number;
  attempts: number;
  /** Not before this time (ms since epoch) unless forced. */
  nextAt: number;
}

export interface FailedAnswer {
  clientId: string;
  queuedAt: number;
  status: number;
  message: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What the server said: an HTTP status and its error message, if any. A network failure throws. */
export type SendFn = (url: string, body: SurveyAnswer) => Promise<{ status: number; message?: string }>;

export const QUEUE_KEY = 'prima.skm.outbox.v1';
export const FAILED_KEY = 'prima.skm.failed.v1';
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

/** 5 s, 10 s, 20 s … capped at 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** A refusal that a resend cannot change (bad input); 408 and 429 are worth retrying. */
export function isPermanentRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** A random v4 UUID: `crypto.randomUUID` where there is one (secure contexts), else from getRandomValues/Math.random. */
export function newClientId(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function readList<T>(store: KeyValueStore, key: string): T[] {
  try {
    const parsed = JSON.parse(store.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export class Outbox {
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly store: KeyValueStore,
    private readonly send: SendFn,
    private readonly now: () => number = () => Date.now(),
    /** Called after every change of the queue or the failed list. */
    private readonly onChange: () => void = () => {},
  ) {}

  pending(): QueuedAnswer[] {
    return readList<QueuedAnswer>(this.store, QUEUE_KEY);
  }

  failed(): FailedAnswer[] {
    return readList<FailedAnswer>(this.store, FAILED_KEY);
  }

  enqueue(url: string, body: SurveyAnswer): void {
    const list = this.pending().filter((q) => q.clientId !== body.clientId);
    const at = this.now();
    list.push({ clientId: body.clientId, url, body, queuedAt: at, attempts: 0, nextAt: at });
    this.write(QUEUE_KEY, list);
  }

  clearFailed(): void {
    this.write(FAILED_KEY, []);
  }

  /** Drops one refused answer from the failed list (the page showed the refusal itself). */
  forgetFailed(clientId: string): void {
    this.write(FAILED_KEY, this.failed().filter((f) => f.clientId !== clientId));
  }

  /** When the earliest waiting answer is due, or null when the queue is empty. */
  nextDue(): number | null {
    const list = this.pending();
    return list.length ? Math.min(...list.map((q) => q.nextAt)) : null;
  }

  /**
   * Sends the answers that are due (all of them with `force`), one at a time, oldest
   * first. One flush at a time per page: a second call waits for the running one.
   */
  flush(force = false): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (force ? this.flush(true) : undefined));
    this.flushing = this.run(force).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async run(force: boolean): Promise<void> {
    const due = this.pending().filter((q) => force || q.nextAt <= this.now());
    for (const item of due) {
      let result: { status: number; message?: string };
      try {
        result = await this.send(item.url, item.body);
      } catch {
        // Offline or the server out of reach: keep everything, try again later.
        this.update(item.clientId, (q) => ({ ...q, attempts: q.attempts + 1, nextAt: this.now() + backoffMs(q.attempts + 1) }));
        return;
      }
      if (result.status === 200 || result.status === 201) {
        this.remove(item.clientId);
      } else if (isPermanentRefusal(result.status)) {
        this.remove(item.clientId);
        const failed = this.failed().filter((f) => f.clientId !== item.clientId);
        failed.push({ clientId: item.clientId, queuedAt: item.queuedAt, status: result.status, message: result.message ?? `HTTP ${result.status}` });
        this.write(FAILED_KEY, failed);
      } else {
        this.update(item.clientId, (q) => ({ ...q, attempts: q.attempts + 1, nextAt: this.now() + backoffMs(q.attempts + 1) }));
      }
    }
  }

  private update(clientId: string, fn: (q: QueuedAnswer) => QueuedAnswer): void {
    this.write(QUEUE_KEY, this.pending().map((q) => (q.clientId === clientId ? fn(q) : q)));
  }

  private remove(clientId: string): void {
    this.write(QUEUE_KEY, this.pending().filter((q) => q.clientId !== clientId));
  }

  private write(key: string, value: unknown[]): void {
    try {
      this.store.setItem(key, JSON.stringify(value));
    } finally {
      this.onChange();
    }
  }
}

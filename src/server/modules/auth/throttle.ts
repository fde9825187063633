/**
 * Login throttling as data (docs/adr/0026-login-throttling.md): which counters a sign-in
 * attempt draws on, their limits, and how a counter moves. Pure: the SQL is in
 * throttle-repo.ts, the flow in service.ts.
 *
 * Each attempt whose password is checked first reserves one failure on its counters (a
 * reservation is refused while a counter is blocked; a correct password gives it back),
 * so however many attempts arrive at once, no more passwords are checked than the limits
 * allow. The counters:
 *  - address: failures from one client network across every account of the tenant
 *    (password spraying);
 *  - account: failures on one e-mail from every client the account does not know (a
 *    botnet): a growing delay, never a hard lock;
 *  - client: failures on one e-mail from one address or one known device (a burst from
 *    one place): locks that client out of that account only.
 * A known device (a device cookie issued at a successful sign-in, OWASP "Slow Down Online
 * Guessing Attacks with Device Cookies") draws only on its own client counter. Counters are
 * keyed by the e-mail typed, not by the account, so an unknown e-mail is throttled exactly
 * like a real one and the answers never tell which accounts exist.
 */
import net from 'node:net';
import { sha256 } from './tokens.js';

export type ThrottleScope = 'address' | 'account' | 'client';

/** Failures per client and account that lock that client out (the old account lockout's 5). */
export const CLIENT_FAILURE_LIMIT = 5;
/** How long such a lock lasts; failures this old are forgotten (the observation window). */
export const CLIENT_LOCK_MINUTES = 15;

/**
 * Failures on one account from clients it does not know before each further attempt must
 * wait. Twice the client limit: one address alone can never start it (its own lock comes
 * first), so a burst from one place never slows the owner down elsewhere.
 */
export const ACCOUNT_FAILURE_LIMIT = 10;
/**
 * The first wait, doubling with every further failure (OWASP's exponential lockout). Long
 * enough to matter against a botnet, short enough that an owner on a new device only waits.
 */
export const ACCOUNT_DELAY_BASE_SECONDS = 30;
/** The longest wait: 30 s, 1, 2, 4, 8 min, then 15 min per attempt. */
export const ACCOUNT_DELAY_MAX_MINUTES = 15;
/**
 * Failures forgotten after an hour without one. With the delays above an account sees at
 * most about 20 failed checks an hour from unknown clients, far under the 100 an hour that
 * OWASP ASVS V2.2.1 allows.
 */
export const ACCOUNT_WINDOW_MINUTES = 60;

/**
 * Failures from one network address across the tenant's accounts before it is blocked.
 * A regency office behind one NAT address does not mistype 20 passwords in 15 minutes,
 * and its staff on known devices are not counted at all; a sprayer gets 20 guesses.
 */
export const ADDRESS_FAILURE_LIMIT = 20;
/** How long such a block lasts; also the window in which the failures count. */
export const ADDRESS_BLOCK_MINUTES = 15;

/** Days a device stays known after its last successful sign-in. */
export const DEVICE_DAYS = 90;
/** Devices remembered per user; older ones are forgotten (a user without cookies adds one per sign-in). */
export const DEVICES_PER_USER = 10;
/** Tokens one browser's device cookie holds: the users of a shared office PC. */
export const DEVICE_TOKENS_PER_COOKIE = 5;

const MIN = 60_000;

export interface ThrottleRule {
  limit: number;
  /** Failures older than this (after the last one) are forgotten. */
  windowMs: number;
  /** The block when the limit is reached, doubling with each failure beyond it up to `blockMaxMs`. */
  blockBaseMs: number;
  blockMaxMs: number;
}

/** A fixed lock: `minutes` long once the limit is reached, failures counted over as long. */
const fixed = (limit: number, minutes: number): ThrottleRule => ({
  limit,
  windowMs: minutes * MIN,
  blockBaseMs: minutes * MIN,
  blockMaxMs: minutes * MIN,
});

export const RULES: Record<ThrottleScope, ThrottleRule> = {
  address: fixed(ADDRESS_FAILURE_LIMIT, ADDRESS_BLOCK_MINUTES),
  account: {
    limit: ACCOUNT_FAILURE_LIMIT,
    windowMs: ACCOUNT_WINDOW_MINUTES * MIN,
    blockBaseMs: ACCOUNT_DELAY_BASE_SECONDS * 1000,
    blockMaxMs: ACCOUNT_DELAY_MAX_MINUTES * MIN,
  },
  client: fixed(CLIENT_FAILURE_LIMIT, CLIENT_LOCK_MINUTES),
};

export interface ThrottleState {
  failures: number;
  lastFailedAt: Date;
  blockedUntil: Date | null;
}

/** Milliseconds the counter still refuses attempts (0: open). */
export function blockedFor(state: ThrottleState | null, now: Date): number {
  return state?.blockedUntil ? Math.max(0, state.blockedUntil.getTime() - now.getTime()) : 0;
}

/**
 * The counter after one more failure at `now`, and when the row may be deleted. Only called
 * on an open counter. A block that has run out keeps the count (so the account's delay keeps
 * growing); a quiet window starts afresh.
 */
export function countFailure(state: ThrottleState | null, rule: ThrottleRule, now: Date): ThrottleState & { expiresAt: Date } {
  const fresh = !state || now.getTime() - state.lastFailedAt.getTime() >= rule.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  let blockedUntil: Date | null = null;
  if (failures >= rule.limit) {
    // Capped before raising 2 to a large power, so the arithmetic stays exact.
    const doublings = Math.min(failures - rule.limit, 32);
    blockedUntil = new Date(now.getTime() + Math.min(rule.blockBaseMs * 2 ** doublings, rule.blockMaxMs));
  }
  const forgetAt = now.getTime() + rule.windowMs;
  return { failures, lastFailedAt: now, blockedUntil, expiresAt: new Date(Math.max(forgetAt, blockedUntil?.getTime() ?? 0)) };
}

/**
 * The network an address belongs to, as the address counter sees it: an IPv4 address
 * itself, an IPv6 address's /64 (one subscriber holds a whole /64, and would otherwise get
 * 2^64 fresh budgets).
 */
export function clientNetwork(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  if (net.isIPv4(ip)) return ip;
  const bare = ip.split('%')[0];
  if (!net.isIPv6(bare)) return ip.slice(0, 64);
  return `${expandIpv6(bare).slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (with `::` and a trailing IPv4 part). */
function expandIpv6(ip: string): number[] {
  let s = ip.toLowerCase();
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    s = `${s.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = s.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => parseInt(g, 16));
}

export interface ThrottleKey {
  scope: ThrottleScope;
  key: string;
}

/**
 * The counters an attempt draws on, in the order they are reserved (always the same order,
 * so two attempts never wait on each other's rows crosswise). The e-mail is stored hashed:
 * whatever anyone types into the form is not kept.
 */
export function throttleKeys(email: string, client: { network: string } | { deviceId: string }): ThrottleKey[] {
  const account = sha256(email.trim().toLowerCase());
  if ('deviceId' in client) return [{ scope: 'client', key: `${account}|device:${client.deviceId}` }];
  return [
    { scope: 'address', key: client.network },
    { scope: 'account', key: account },
    { scope: 'client', key: `${account}|ip:${client.network}` },
  ];
}

/** The account part of client keys, for clearing every counter of an e-mail. */
export const accountKeyOf = (email: string) => sha256(email.trim().toLowerCase());

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The device tokens in a device cookie (`tok.tok.…`); anything malformed is ignored. */
export function parseDeviceCookie(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split('.').filter((x) => TOKEN.test(x)))].slice(0, DEVICE_TOKENS_PER_COOKIE);
}

/** The cookie after a sign-in: this browser's token for the user first, then the others it still holds. */
export function deviceCookieValue(current: string, others: string[]): string {
  return [current, ...others.filter((x) => x !== current)].slice(0, DEVICE_TOKENS_PER_COOKIE).join('.');
}

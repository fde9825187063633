import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_DELAY_BASE_SECONDS, ACCOUNT_DELAY_MAX_MINUTES, ACCOUNT_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT, CLIENT_LOCK_MINUTES, DEVICE_TOKENS_PER_COOKIE,
  RULES, blockedFor, clientNetwork, countFailure, deviceCookieValue, parseDeviceCookie, throttleKeys, type ThrottleRule, type ThrottleState,
} from './throttle.js';

const T0 = new Date('2026-12-08T01:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

/** Failures as fast as the rule lets them through, from `start`, until `end`: the attempts checked. */
function attackUntil(rule: ThrottleRule, end: number): number {
  let state: ThrottleState | null = null;
  let now = 0;
  let checked = 0;
  while (now < end) {
    const wait = blockedFor(state, at(now));
    if (wait > 0) {
      now += wait;
      continue;
    }
    state = countFailure(state, rule, at(now));
    checked++;
    now += 1; // one millisecond between attempts: as fast as can be
  }
  return checked;
}

describe('countFailure', () => {
  it('locks a client for the lock time at the limit, and forgets a quiet window', () => {
    let s: ThrottleState | null = null;
    for (let i = 1; i < CLIENT_FAILURE_LIMIT; i++) {
      s = countFailure(s, RULES.client, at(i * 1000));
      expect(s).toMatchObject({ failures: i, blockedUntil: null });
    }
    s = countFailure(s, RULES.client, at(CLIENT_FAILURE_LIMIT * 1000));
    expect(s.blockedUntil).toEqual(at(CLIENT_FAILURE_LIMIT * 1000 + CLIENT_LOCK_MINUTES * MIN));
    expect(blockedFor(s, at(CLIENT_FAILURE_LIMIT * 1000 + MIN))).toBe((CLIENT_LOCK_MINUTES - 1) * MIN);
    // Once the lock and window have passed, counting starts afresh.
    const later = at(CLIENT_FAILURE_LIMIT * 1000 + CLIENT_LOCK_MINUTES * MIN);
    expect(blockedFor(s, later)).toBe(0);
    expect(countFailure(s, RULES.client, later)).toMatchObject({ failures: 1, blockedUntil: null });
  });

  it("doubles the account's delay with each failure past the limit, up to the cap, and keeps counting across delays", () => {
    let s: ThrottleState | null = null;
    let now = 0;
    const delays: number[] = [];
    for (let i = 1; i <= ACCOUNT_FAILURE_LIMIT + 7; i++) {
      now += blockedFor(s, at(now));
      s = countFailure(s, RULES.account, at(now));
      if (s.blockedUntil) delays.push((s.blockedUntil.getTime() - at(now).getTime()) / 1000);
    }
    const base = ACCOUNT_DELAY_BASE_SECONDS;
    const cap = ACCOUNT_DELAY_MAX_MINUTES * 60;
    expect(delays).toEqual([base, 2 * base, 4 * base, 8 * base, 16 * base, cap, cap, cap].map((d) => Math.min(d, cap)));
  });

  it('sets when the row may be forgotten: after the window, or after the block if that is later', () => {
    expect(countFailure(null, RULES.client, T0).expiresAt).toEqual(at(CLIENT_LOCK_MINUTES * MIN));
    const blocked = { failures: 40, lastFailedAt: T0, blockedUntil: null };
    const next = countFailure(blocked, { limit: 1, windowMs: MIN, blockBaseMs: 10 * MIN, blockMaxMs: 10 * MIN }, T0);
    expect(next.expiresAt).toEqual(at(10 * MIN));
  });

  it('keeps an account under the 100 failed attempts an hour of OWASP ASVS V2.2.1, however fast the attacker', () => {
    const perHour = attackUntil(RULES.account, 60 * MIN);
    expect(perHour).toBeLessThan(100);
    expect(perHour).toBeLessThanOrEqual(25);
    // And one client: its own lock.
    expect(attackUntil(RULES.client, 60 * MIN)).toBe(CLIENT_FAILURE_LIMIT * 4);
  });
});

describe('clientNetwork', () => {
  it('keeps IPv4 addresses, unwraps IPv4-mapped IPv6, and takes the /64 of IPv6', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('64:ff9b::198.51.100.1')).toBe('64:ff9b:0:0::/64');
    // Every address of one /64 is one network.
    expect(clientNetwork('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(clientNetwork('2001:db8:1:2::1'));
    expect(clientNetwork(null)).toBe('unknown');
  });
});

describe('throttleKeys', () => {
  it('draws on address, account and client counters for an unknown client, and on its own counter for a known device', () => {
    const keys = throttleKeys(' Kepala.PUPR@Demo.go.id ', { network: '203.0.113.7' });
    expect(keys.map((k) => k.scope)).toEqual(['address', 'account', 'client']);
    expect(keys[0].key).toBe('203.0.113.7');
    // The e-mail is hashed (not kept as typed) and normalised (case, spaces).
    expect(keys[1].key).toMatch(/^[0-9a-f]{64}$/);
    expect(keys[1].key).toBe(throttleKeys('kepala.pupr@demo.go.id', { network: 'x' })[1].key);
    expect(keys[2].key).toBe(`${keys[1].key}|ip:203.0.113.7`);
    expect(throttleKeys('kepala.pupr@demo.go.id', { deviceId: 'd1' })).toEqual([{ scope: 'client', key: `${keys[1].key}|device:d1` }]);
  });
});

describe('the device cookie value', () => {
  const tok = (c: string) => c.repeat(43);
  it('keeps well-formed tokens only, at most a few', () => {
    expect(parseDeviceCookie(undefined)).toEqual([]);
    expect(parseDeviceCookie(`${tok('a')}.bukan.${tok('b')}.${tok('a')}`)).toEqual([tok('a'), tok('b')]);
    const many = 'abcdefgh'.split('').map(tok);
    expect(parseDeviceCookie(many.join('.'))).toHaveLength(DEVICE_TOKENS_PER_COOKIE);
  });

  it("puts this sign-in's token first, then the others still held", () => {
    expect(deviceCookieValue(tok('c'), [tok('a'), tok('c'), tok('b')])).toBe([tok('c'), tok('a'), tok('b')].join('.'));
    const full = 'abcde'.split('').map(tok);
    expect(deviceCookieValue(tok('z'), full).split('.')).toEqual([tok('z'), ...full.slice(0, DEVICE_TOKENS_PER_COOKIE - 1)]);
  });
});

/**
 * Login throttling that protects accounts without locking their owners out (issue #11,
 * ADR 0026): a budget of failures per client address across accounts, a lock per account
 * and client (address or known device) instead of per account, a growing delay for an
 * account attacked from many addresses, the known device that still gets in, and the
 * admin's password reset that clears it all. Every request names its client address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant, type TestUser } from '../../../../test/helpers/factories.js';
import { deviceCookieOf } from '../../../../test/helpers/auth.js';
import { ACCOUNT_DELAY_BASE_SECONDS, ACCOUNT_FAILURE_LIMIT, ADDRESS_BLOCK_MINUTES, ADDRESS_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT, CLIENT_LOCK_MINUTES } from './throttle.js';

let handle: DbHandle;
let app: FastifyInstance;

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const WRONG = 'bukan-sandinya-123';

interface From {
  ip: string;
  /** A device cookie (`prima_dev=…`) the browser sends. */
  device?: string | null;
  lang?: 'id' | 'en';
}

function attempt(tenant: TestTenant, email: string, password: string, from: From): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (from.device) headers.cookie = from.device;
  if (from.lang) headers['accept-language'] = from.lang;
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, tenant: tenant.slug }, headers, remoteAddress: from.ip });
}

async function auditOf(tenant: TestTenant, action: string) {
  return handle.db.selectFrom('audit_log').select(['entity_id', 'actor_id', 'after']).where('tenant_id', '=', tenant.id).where('action', '=', action).orderBy('id').execute();
}

/** Signs the user in once from `ip` and returns the device cookie the browser keeps. */
async function knownDevice(tenant: TestTenant, user: TestUser, ip: string): Promise<string> {
  const res = await attempt(tenant, user.email, user.password, { ip });
  expect(res.statusCode).toBe(200);
  const device = deviceCookieOf(res);
  expect(device).not.toBeNull();
  return device!;
}

describe('one address spraying many accounts', () => {
  it("is throttled across accounts (429 in the user's language, with when to retry), known e-mails or not", async () => {
    const tenant = await buildTenant(handle.db);
    const accounts = await Promise.all(Array.from({ length: 4 }, () => buildUser(handle.db, tenant, [{ role: 'pimpinan' }])));
    const real = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const office = await knownDevice(tenant, real, '198.51.100.4');
    const sprayer = '203.0.113.7';
    // One guess per account: no account and no (account, address) pair comes near its own limit.
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
      const email = i < accounts.length ? accounts[i].email : `tebakan-${i}@uji.go.id`;
      expect((await attempt(tenant, email, WRONG, { ip: sprayer })).statusCode, `guess ${i + 1}`).toBe(401);
    }
    const known = await attempt(tenant, real.email, real.password, { ip: sprayer });
    const unknown = await attempt(tenant, 'tidak-ada@uji.go.id', WRONG, { ip: sprayer });
    for (const res of [known, unknown]) {
      expect(res.statusCode).toBe(429);
      expect(res.json()).toMatchObject({
        code: 'RATE_LIMITED',
        message: `Terlalu banyak percobaan masuk yang gagal dari alamat jaringan ini. Coba lagi dalam ${ADDRESS_BLOCK_MINUTES} menit.`,
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan((ADDRESS_BLOCK_MINUTES - 1) * 60);
    }
    // The answer says nothing about which e-mails exist.
    expect(unknown.json().message).toBe(known.json().message);
    const en = await attempt(tenant, accounts[0].email, WRONG, { ip: sprayer, lang: 'en' });
    expect(en.json().message).toBe(`Too many failed sign-ins from this network address. Try again in ${ADDRESS_BLOCK_MINUTES} minutes.`);

    // Another address is not concerned; a device that signed in before is not either (an
    // office behind the same address as the sprayer).
    expect((await attempt(tenant, real.email, real.password, { ip: '198.51.100.5' })).statusCode).toBe(200);
    expect((await attempt(tenant, real.email, real.password, { ip: sprayer, device: office })).statusCode).toBe(200);

    const blocked = await auditOf(tenant, 'auth.address_blocked');
    expect(blocked).toHaveLength(1);
    expect(blocked[0].after).toMatchObject({ ip: sprayer, failures: ADDRESS_FAILURE_LIMIT });
  });
});

describe('a burst of wrong passwords from one address', () => {
  it('locks that address out of the account, not the account: the owner signs in from elsewhere and from their known device', async () => {
    const tenant = await buildTenant(handle.db);
    const opd = await buildOpd(handle.db, tenant);
    const kepala = await buildUser(handle.db, tenant, [{ role: 'kepala_opd', opdId: opd.id }]);
    const device = await knownDevice(tenant, kepala, '198.51.100.20');
    const attacker = '203.0.113.66';
    for (let i = 1; i < CLIENT_FAILURE_LIMIT; i++) expect((await attempt(tenant, kepala.email, `${WRONG}-${i}`, { ip: attacker })).statusCode).toBe(401);
    const locking = await attempt(tenant, kepala.email, WRONG, { ip: attacker });
    expect(locking.statusCode).toBe(423);
    expect(locking.json()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      message: `Terlalu banyak percobaan masuk yang gagal untuk akun ini dari perangkat atau jaringan ini. Coba lagi setelah ${CLIENT_LOCK_MINUTES} menit.`,
    });
    expect(Number(locking.headers['retry-after'])).toBeGreaterThan((CLIENT_LOCK_MINUTES - 1) * 60);
    // Not even the right password gets the attacker's address in.
    expect((await attempt(tenant, kepala.email, kepala.password, { ip: attacker })).statusCode).toBe(423);

    // The owner: from another address, and from their known device behind the attacker's
    // own address (one office NAT), straight away.
    expect((await attempt(tenant, kepala.email, kepala.password, { ip: '198.51.100.21' })).statusCode).toBe(200);
    expect((await attempt(tenant, kepala.email, kepala.password, { ip: attacker, device })).statusCode).toBe(200);
    // Their sign-ins do not unlock the attacker's address.
    const still = await attempt(tenant, kepala.email, kepala.password, { ip: attacker, lang: 'en' });
    expect(still.statusCode).toBe(423);
    expect(still.json().message).toBe(`Too many failed sign-ins to this account from this device or network. Try again in ${CLIENT_LOCK_MINUTES} minutes.`);

    const locked = await auditOf(tenant, 'auth.locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ entity_id: kepala.id, actor_id: null, after: { scope: 'client', ip: attacker, failures: CLIENT_FAILURE_LIMIT } });
    expect((await auditOf(tenant, 'auth.login_failed')).map((a) => a.after)).toEqual(
      Array.from({ length: CLIENT_FAILURE_LIMIT - 1 }, (_, i) => expect.objectContaining({ reason: 'password', ip: attacker, failures: i + 1 })),
    );
    expect((await auditOf(tenant, 'auth.login')).map((a) => a.after)).toEqual([
      expect.objectContaining({ ip: '198.51.100.20', knownDevice: false }),
      expect.objectContaining({ ip: '198.51.100.21', knownDevice: false }),
      expect.objectContaining({ ip: attacker, knownDevice: true }),
    ]);
  });

  it('counts an unknown e-mail the same way, so the answers never tell which accounts exist', async () => {
    const tenant = await buildTenant(handle.db);
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const answers = async (email: string, ip: string) => {
      const out: Array<[number, string]> = [];
      for (let i = 0; i < CLIENT_FAILURE_LIMIT + 1; i++) {
        const res = await attempt(tenant, email, WRONG, { ip });
        out.push([res.statusCode, res.json().message]);
      }
      return out;
    };
    const forKnown = await answers(user.email, '203.0.113.90');
    const forUnknown = await answers('belum-terdaftar@uji.go.id', '203.0.113.91');
    expect(forUnknown).toEqual(forKnown);
    expect(forKnown.map(([s]) => s)).toEqual([...Array(CLIENT_FAILURE_LIMIT - 1).fill(401), 423, 423]);
  });

  it('never checks more passwords than the limit, however many arrive at once', async () => {
    const tenant = await buildTenant(handle.db);
    const user = await buildUser(handle.db, tenant, [{ role: 'pimpinan' }]);
    const burst = CLIENT_FAILURE_LIMIT + 3;
    const results = await Promise.all(Array.from({ length: burst }, (_, i) => attempt(tenant, user.email, `${WRONG}-${i}`, { ip: '203.0.113.120' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(CLIENT_FAILURE_LIMIT - 1).fill(401), ...Array(4).fill(423)]);
    // One audit row per password checked: the refused ones were never checked.
    const checked = [...(await auditOf(tenant, 'auth.login_failed')), ...(await auditOf(tenant, 'auth.locked'))];
    expect(checked).toHaveLength(CLIENT_FAILURE_LIMIT);
  });
});

describe('an account attacked from many addresses', () => {
  it('is slowed down for clients it does not know, with a growing delay; its known device signs in and clears it', async () => {
    const tenant = await buildTenant(handle.db);
    const user = await buildUser(handle.db, tenant, [{ role: 'pimpinan' }]);
    const device = await knownDevice(tenant, user, '198.51.100.30');
    // Two guesses per address: no address reaches its own lock.
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      expect((await attempt(tenant, user.email, WRONG, { ip: `192.0.2.${10 + Math.floor(i / 2)}` })).statusCode, `guess ${i + 1}`).toBe(401);
    }
    const slowed = await attempt(tenant, user.email, user.password, { ip: '192.0.2.200' });
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().code).toBe('RATE_LIMITED');
    expect(slowed.json().message).toMatch(/^Terlalu banyak percobaan masuk yang gagal untuk akun ini\. Coba lagi dalam \d+ detik/);
    const wait = Number(slowed.headers['retry-after']);
    expect(wait).toBeGreaterThan(ACCOUNT_DELAY_BASE_SECONDS - 10);
    expect(wait).toBeLessThanOrEqual(ACCOUNT_DELAY_BASE_SECONDS);
    const delayed = await auditOf(tenant, 'auth.delayed');
    expect(delayed).toHaveLength(1);
    expect(delayed[0]).toMatchObject({ entity_id: user.id, after: { scope: 'account', failures: ACCOUNT_FAILURE_LIMIT } });

    // The delay runs out (moved into the past instead of waiting); the next failure doubles it.
    await handle.db.updateTable('login_throttle').set({ blocked_until: new Date(Date.now() - 1000) }).where('tenant_id', '=', tenant.id).where('scope', '=', 'account').execute();
    expect((await attempt(tenant, user.email, WRONG, { ip: '192.0.2.201' })).statusCode).toBe(401);
    const longer = await attempt(tenant, user.email, user.password, { ip: '192.0.2.202', lang: 'en' });
    expect(longer.statusCode).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(2 * ACCOUNT_DELAY_BASE_SECONDS - 10);
    expect(longer.json().message).toMatch(/^Too many failed sign-ins to this account\. Try again in \d+ (seconds|minutes)\. A device you signed in with before can sign in now\.$/);

    // The owner's known device is not slowed down, and its success ends the delay.
    expect((await attempt(tenant, user.email, user.password, { ip: '198.51.100.31', device })).statusCode).toBe(200);
    expect((await attempt(tenant, user.email, user.password, { ip: '192.0.2.203' })).statusCode).toBe(200);
  });
});

describe("the admin's password reset", () => {
  it('clears every lock of the account; the users list shows the lock until then', async () => {
    const tenant = await buildTenant(handle.db);
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const admin = await sessionHeaders(handle.db, await buildUser(handle.db, tenant, [{ role: 'admin' }]));
    const attacker = '203.0.113.150';
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) await attempt(tenant, user.email, WRONG, { ip: attacker });
    expect((await attempt(tenant, user.email, user.password, { ip: attacker })).statusCode).toBe(423);
    const shown = await app.inject({ url: `/r/${tenant.slug}/api/v1/users/${user.id}`, headers: admin });
    expect(shown.json().lockedUntil).not.toBeNull();

    const reset = await app.inject({ method: 'PATCH', url: `/r/${tenant.slug}/api/v1/users/${user.id}`, headers: admin, payload: { password: 'sandi-baru-dari-admin' } });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().lockedUntil).toBeNull();
    expect(await handle.db.selectFrom('login_throttle').select('key').where('tenant_id', '=', tenant.id).where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await attempt(tenant, user.email, 'sandi-baru-dari-admin', { ip: attacker })).statusCode).toBe(200);
  });
});

describe('the device cookie', () => {
  it('is httpOnly, SameSite=Strict and long-lived, stored as a hash, and remembers several users of one shared browser', async () => {
    const tenant = await buildTenant(handle.db);
    const [a, b] = [await buildUser(handle.db, tenant, [{ role: 'verifikator' }]), await buildUser(handle.db, tenant, [{ role: 'verifikator' }])];
    const first = await attempt(tenant, a.email, a.password, { ip: '198.51.100.40' });
    const cookie = first.cookies.find((c) => c.name === 'prima_dev')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.maxAge).toBeGreaterThan(30 * 86_400);
    const stored = await handle.db.selectFrom('login_device').select(['user_id', 'token_hash']).where('tenant_id', '=', tenant.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].user_id).toBe(a.id);
    expect(stored[0].token_hash).not.toContain(cookie.value);

    // B signs in on the same browser: the cookie now holds both, so both stay known.
    const second = await attempt(tenant, b.email, b.password, { ip: '198.51.100.40', device: deviceCookieOf(first) });
    const shared = deviceCookieOf(second)!;
    for (const [who, ip] of [[a, '203.0.113.170'], [b, '203.0.113.171']] as const) {
      for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) await attempt(tenant, who.email, WRONG, { ip });
      expect((await attempt(tenant, who.email, who.password, { ip })).statusCode).toBe(423);
      expect((await attempt(tenant, who.email, who.password, { ip, device: shared })).statusCode).toBe(200);
    }
    // A made-up cookie is just an unknown client.
    expect((await attempt(tenant, a.email, a.password, { ip: '203.0.113.170', device: 'prima_dev=bukan-token' })).statusCode).toBe(423);
  });
});

import { afterAll, beforeAll, describe, expect, it} from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { login, sessionCookieOf } from '../../../../test/helpers/auth.js';
import { sha256 } from './tokens.js';
import { CLIENT_FAILURE_LIMIT, CLIENT_LOCK_MINUTES } from './throttle.js';

// argon2 is slow on purpose and this machine is shared: generous limits (the projects in
// vitest.config.ts do not inherit the root timeouts).

let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  tenant = await buildTenant(handle.db);
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const EN = { 'accept-language': 'en' };
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url: `/api/v1${url}`, payload: payload as object, headers });
// One tenant serves the whole file: tests that fail many sign-ins come from their own
// address, so the tenant's per-address budget (throttle.ts) stays with the test that spends it.
const attempt = (email: string, password: string, headers: Record<string, string> = {}, ip = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, tenant: tenant.slug }, headers, remoteAddress: ip });

async function auditOf(userId: string) {
  return handle.db.selectFrom('audit_log').select(['action', 'actor_id', 'after']).where('tenant_id', '=', tenant.id).where('entity_id', '=', userId).orderBy('id').execute();
}
async function userRow(id: string) {
  return handle.db.selectFrom('app_user').select(['last_login_at']).where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow();
}
/** The user's per-client counter (login_throttle scope 'client'), if any. */
async function clientCounter(userId: string) {
  return handle.db
    .selectFrom('login_throttle')
    .select(['failures', 'blocked_until', 'last_failed_at'])
    .where('tenant_id', '=', tenant.id)
    .where('user_id', '=', userId)
    .where('scope', '=', 'client')
    .executeTakeFirst();
}
/** Lets time pass for the user's counters: their last failure and block move `ms` into the past. */
async function age(userId: string, ms: number) {
  const rows = await handle.db.selectFrom('login_throttle').select(['scope', 'key', 'last_failed_at', 'blocked_until']).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).execute();
  for (const r of rows) {
    await handle.db
      .updateTable('login_throttle')
      .set({ last_failed_at: new Date(r.last_failed_at.getTime() - ms), blocked_until: r.blocked_until && new Date(r.blocked_until.getTime() - ms) })
      .where('tenant_id', '=', tenant.id)
      .where('scope', '=', r.scope)
      .where('key', '=', r.key)
      .execute();
  }
}

describe('POST /auth/login', () => {
  it('signs in: session user with roles and tenant, CSRF token, httpOnly SameSite=Lax cookie; only the hash is stored', async () => {
    const opd = await buildOpd(handle.db, tenant, { name: 'Dinas Kesehatan Uji' + Math.random() });
    const user = await buildUser(handle.db, tenant, [{ role: 'operator_opd', opdId: opd.id }], { name: 'Siti Operator' });
    const res = await attempt(user.email.toUpperCase(), user.password);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({
      id: user.id,
      name: 'Siti Operator',
      email: user.email,
      locale: 'id',
      roles: [{ role: 'operator_opd', opdId: opd.id, opdName: opd.name }],
      tenant: { id: tenant.id, code: tenant.code, name: tenant.name, slug: tenant.slug, isDemo: false, timezone: 'Asia/Makassar' },
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{30,}$/);
    const cookie = res.cookies.find((c) => c.name === 'prima_sid')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    expect(cookie.secure).toBeFalsy();
    const stored = await handle.db.selectFrom('session').selectAll().where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].id_hash).toBe(sha256(cookie.value));
    expect(stored[0].csrf_token).toBe(body.csrfToken);
    expect((await userRow(user.id)).last_login_at).not.toBeNull();
    expect((await auditOf(user.id)).map((a) => [a.action, a.actor_id])).toEqual([['auth.login', user.id]]);

    const session = await app.inject({ url: '/api/v1/auth/session', headers: { cookie: `prima_sid=${cookie.value}` } });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toEqual(body);
  });

  it('marks the cookie Secure when configured', async () => {
    const secureApp = await buildTestApp(handle, { secureCookies: true, sessionTtlHours: 2 });
    try {
      const user = await buildUser(handle.db, tenant, [{ role: 'pimpinan' }]);
      const res = await secureApp.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password, tenant: tenant.code } });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'prima_sid')).toMatchObject({ secure: true, maxAge: 2 * 3600 });
    } finally {
      await secureApp.close();
    }
  });

  it('finds the tenant by slug, Kemendagri code or /r/{slug} prefix; the same e-mail in another tenant is another account', async () => {
    const other = await buildTenant(handle.db);
    const here = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const there = await buildUser(handle.db, other, [{ role: 'admin' }], { email: here.email });
    const byCode = await post('/auth/login', { email: here.email, password: here.password, tenant: tenant.code });
    expect(byCode.json().user.id).toBe(here.id);
    const byPrefix = await app.inject({ method: 'POST', url: `/r/${other.slug}/api/v1/auth/login`, payload: { email: here.email, password: here.password } });
    expect(byPrefix.statusCode).toBe(200);
    expect(byPrefix.json().user).toMatchObject({ id: there.id, roles: [{ role: 'admin' }], tenant: { id: other.id } });
    const unknown = await post('/auth/login', { email: here.email, password: here.password, tenant: 'tidak-ada' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('TENANT_UNKNOWN');
  });

  it('answers a wrong password and an unknown e-mail alike, in Indonesian and English; audits only the known user', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const wrong = await attempt(user.email, 'salah-sandi-123');
    const unknown = await attempt(`nobody-${Date.now()}@uji.go.id`, 'salah-sandi-123');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'LOGIN_FAILED', message: 'Email atau kata sandi salah.' });
      expect(sessionCookieOf(res)).toBeNull();
    }
    const en = await attempt(user.email, 'salah-sandi-123', EN);
    expect(en.json()).toMatchObject({ code: 'LOGIN_FAILED', message: 'Wrong e-mail or password.' });
    expect((await clientCounter(user.id))?.failures).toBe(2);
    const audit = await auditOf(user.id);
    expect(audit.map((a) => a.action)).toEqual(['auth.login_failed', 'auth.login_failed']);
    expect(audit[0].actor_id).toBeNull();
    expect(audit[1].after).toMatchObject({ reason: 'password', failures: 2, ip: '127.0.0.1' });
  });

  it('refuses an inactive account with the same LOGIN_FAILED', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    await handle.db.updateTable('app_user').set({ is_active: false }).where('tenant_id', '=', tenant.id).where('id', '=', user.id).execute();
    const res = await attempt(user.email, user.password);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('LOGIN_FAILED');
  });

  it(`locks the address out of the account for ${CLIENT_LOCK_MINUTES} minutes after ${CLIENT_FAILURE_LIMIT} failures, and lets it in once the lock has passed`, async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'kepala_opd', opdId: (await buildOpd(handle.db, tenant)).id }]);
    const ip = '192.0.2.50';
    for (let i = 1; i < CLIENT_FAILURE_LIMIT; i++) expect((await attempt(user.email, `salah-${i}-xxxxx`, {}, ip)).statusCode).toBe(401);
    const locking = await attempt(user.email, 'salah-terakhir-x', {}, ip);
    expect(locking.statusCode).toBe(423);
    expect(locking.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringContaining(`${CLIENT_LOCK_MINUTES} menit`) });
    const row = (await clientCounter(user.id))!;
    expect(row.failures).toBe(CLIENT_FAILURE_LIMIT);
    const lockMs = row.blocked_until!.getTime() - Date.now();
    expect(lockMs).toBeGreaterThan((CLIENT_LOCK_MINUTES - 1) * 60_000);
    expect(lockMs).toBeLessThanOrEqual(CLIENT_LOCK_MINUTES * 60_000);

    // Even the right password is refused from that address while it is locked; the refusal
    // checks no password and changes nothing, so it is not audited.
    const right = await attempt(user.email, user.password, EN, ip);
    expect(right.statusCode).toBe(423);
    expect(right.json().message).toContain(`${CLIENT_LOCK_MINUTES} minutes`);
    expect(sessionCookieOf(right)).toBeNull();
    expect((await auditOf(user.id)).map((a) => a.action).slice(-2)).toEqual(['auth.login_failed', 'auth.locked']);

    // The lock runs out (time moved forward instead of waiting): the address gets in, and
    // the success forgets its count.
    await age(user.id, CLIENT_LOCK_MINUTES * 60_000 + 1000);
    const after = await attempt(user.email, user.password, {}, ip);
    expect(after.statusCode).toBe(200);
    expect(await clientCounter(user.id)).toBeUndefined();
  });

  it('counts concurrent failures without losing one', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'pimpinan' }]);
    const results = await Promise.all(Array.from({ length: CLIENT_FAILURE_LIMIT }, (_, i) => attempt(user.email, `serentak-salah-${i}`, {}, '192.0.2.60')));
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(CLIENT_FAILURE_LIMIT - 1).fill(401), 423]);
    const row = (await clientCounter(user.id))!;
    expect(row.failures).toBe(CLIENT_FAILURE_LIMIT);
    expect(row.blocked_until).not.toBeNull();
  });

  it('starts a fresh count after an expired lock', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'pimpinan' }]);
    const ip = '192.0.2.61';
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) await attempt(user.email, 'masih-salah-123', {}, ip);
    expect((await clientCounter(user.id))?.blocked_until).not.toBeNull();
    await age(user.id, CLIENT_LOCK_MINUTES * 60_000 + 1000);
    const res = await attempt(user.email, 'masih-salah-123', {}, ip);
    expect(res.statusCode).toBe(401);
    expect(await clientCounter(user.id)).toMatchObject({ failures: 1, blocked_until: null });
  });

  it('limits attempts per IP address and e-mail to 10 a minute in each process (429 RATE_LIMITED), on top of the counters', async () => {
    const email = `rate-${Date.now()}@uji.go.id`;
    const ip = '192.0.2.70';
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await attempt(email, 'tebak-tebak-123', {}, ip)).statusCode);
    // The database counters lock this address out of the e-mail first (it is no account:
    // the answers are those of one).
    expect(statuses).toEqual([...Array(CLIENT_FAILURE_LIMIT - 1).fill(401), ...Array(10 - CLIENT_FAILURE_LIMIT + 1).fill(423)]);
    const limited = await attempt(email, 'tebak-tebak-123', EN, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    // Another e-mail from the same address is counted apart.
    expect((await attempt(`other-${email}`, 'tebak-tebak-123', {}, ip)).statusCode).toBe(401);
  });

  it('refuses malformed bodies with a 400, never a 500', async () => {
    expect((await post('/auth/login', { email: 'a@b.id' })).statusCode).toBe(400);
    expect((await post('/auth/login', { email: 'a@b.id', password: 'x', extra: 1 })).statusCode).toBe(400);
    const text = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: '{"email":"a@b.id","password":"x"}' });
    expect(text.statusCode).toBeGreaterThanOrEqual(400);
    expect(text.statusCode).toBeLessThan(500);
  });
});

describe('session rotation and logout', () => {
  it('a new sign-in replaces the session of the cookie sent; the old cookie no longer works', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const first = await login(app, user.email, user.password, tenant.slug);
    // Sent with the old cookie and without its CSRF token: sign-in needs none.
    const again = await post('/auth/login', { email: user.email, password: user.password, tenant: tenant.slug }, { cookie: first.cookie });
    expect(again.statusCode).toBe(200);
    const second = sessionCookieOf(again)!;
    expect(second).not.toBe(first.cookie);
    expect((await app.inject({ url: '/api/v1/auth/session', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/session', headers: { cookie: second } })).statusCode).toBe(200);
    expect(await handle.db.selectFrom('session').select('id_hash').where('user_id', '=', user.id).execute()).toHaveLength(1);
  });

  it('logout ends the session and clears the cookie', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const s = await login(app, user.email, user.password, tenant.slug);
    const res = await post('/auth/logout', {}, s.headers);
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'prima_sid')?.value).toBe('');
    const after = await app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.cookie, ...EN } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Please sign in first.' });
    expect((await auditOf(user.id)).map((a) => a.action)).toEqual(['auth.login', 'auth.logout']);
    // Without a session there is nothing to end.
    expect((await post('/auth/logout', {})).statusCode).toBe(204);
  });

  it('GET /auth/session without a session is 401 in Indonesian', async () => {
    const res = await app.inject({ url: '/api/v1/auth/session' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Silakan masuk terlebih dahulu.' });
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  it('refuses a write without or with a wrong token (403 CSRF) and accepts the right one', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const s = await login(app, user.email, user.password, tenant.slug);
    const missing = await post('/tokens', { name: 'tanpa token' }, { cookie: s.cookie });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: 'CSRF', message: expect.stringContaining('Token keamanan') });
    const wrong = await post('/tokens', { name: 'token salah' }, { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(s.csrf.length), ...EN });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'CSRF', message: 'The form security token is not valid. Reload the page and try again.' });
    expect(await handle.db.selectFrom('api_token').select('id').where('user_id', '=', user.id).execute()).toHaveLength(0);
    const ok = await post('/tokens', { name: 'dengan token' }, s.headers);
    expect(ok.statusCode).toBe(201);
    // Reads need no token.
    expect((await app.inject({ url: '/api/v1/tokens', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });

  it('logout and password change need the token too', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const s = await login(app, user.email, user.password, tenant.slug);
    expect((await post('/auth/logout', {}, { cookie: s.cookie })).statusCode).toBe(403);
    expect((await post('/auth/password', { currentPassword: user.password, newPassword: 'sandi-baru-sekali' }, { cookie: s.cookie })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });
});

describe('POST /auth/password', () => {
  it('changes the own password and ends the other sessions, keeping this one', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'inspektorat' }]);
    const mine = await login(app, user.email, user.password, tenant.slug);
    const other = await sessionHeaders(handle.db, user);
    const res = await post('/auth/password', { currentPassword: user.password, newPassword: 'kata-sandi-baru-2026' }, mine.headers);
    expect(res.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/session', headers: { cookie: other.cookie } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/session', headers: { cookie: mine.cookie } })).statusCode).toBe(200);
    expect((await attempt(user.email, user.password)).statusCode).toBe(401);
    expect((await attempt(user.email, 'kata-sandi-baru-2026')).statusCode).toBe(200);
    const audit = (await auditOf(user.id)).find((a) => a.action === 'auth.password_change');
    expect(audit?.after).toEqual({ passwordChanged: true, endedSessions: 1 });
  });

  it('refuses a wrong current password and a short new one, in the caller\'s language', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'inspektorat' }]);
    const s = await login(app, user.email, user.password, tenant.slug);
    const wrong = await post('/auth/password', { currentPassword: 'bukan-sandi-ini', newPassword: 'kata-sandi-baru-2026' }, s.headers);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'VALIDATION', message: 'Kata sandi saat ini salah.', details: [{ field: 'currentPassword' }] });
    const wrongEn = await post('/auth/password', { currentPassword: 'bukan-sandi-ini', newPassword: 'kata-sandi-baru-2026' }, { ...s.headers, ...EN });
    expect(wrongEn.json().message).toBe('The current password is wrong.');
    const short = await post('/auth/password', { currentPassword: user.password, newPassword: 'pendek' }, { ...s.headers, ...EN });
    expect(short.statusCode).toBe(400);
    expect(short.json().details).toEqual([{ field: 'newPassword', message: 'newPassword must be at least 10 characters' }]);
    expect((await attempt(user.email, user.password)).statusCode).toBe(200);
  });

  it('is refused without a session (401) and with an API token (403)', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'admin' }]);
    expect((await post('/auth/password', { currentPassword: user.password, newPassword: 'kata-sandi-baru-2026' })).statusCode).toBe(401);
    const s = await login(app, user.email, user.password, tenant.slug);
    const token = (await post('/tokens', { name: 'integrasi' }, s.headers)).json().token;
    const viaToken = await post('/auth/password', { currentPassword: user.password, newPassword: 'kata-sandi-baru-2026' }, { authorization: `Bearer ${token}` });
    expect(viaToken.statusCode).toBe(403);
    expect(viaToken.json().message).toContain('token API');
  });
});

import { afterAll, beforeAll, describe, expect, it} from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant, type TestUser } from '../../../../test/helpers/factories.js';
import { sha256 } from './tokens.js';


let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;
let other: TestTenant;
let admin: TestUser;
let operator: TestUser;
let otherAdmin: TestUser;
const h: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  tenant = await buildTenant(handle.db);
  other = await buildTenant(handle.db);
  const opd = await buildOpd(handle.db, tenant);
  admin = await buildUser(handle.db, tenant, [{ role: 'admin' }]);
  operator = await buildUser(handle.db, tenant, [{ role: 'operator_opd', opdId: opd.id }]);
  otherAdmin = await buildUser(handle.db, other, [{ role: 'admin' }]);
  h.admin = await sessionHeaders(handle.db, admin);
  h.operator = await sessionHeaders(handle.db, operator);
  h.otherAdmin = await sessionHeaders(handle.db, otherAdmin);
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
  app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function mint(headers: Record<string, string>, name = 'integrasi SP4N-LAPOR', expiresInDays?: number) {
  const res = await call('POST', '/tokens', headers, { name, ...(expiresInDays ? { expiresInDays } : {}) });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; name: string; prefix: string; token: string; expiresAt: string | null };
}

describe('API tokens', () => {
  it('are shown once; only the sha256 is stored; lists show the prefix, never the secret', async () => {
    const created = await mint(h.operator, 'integrasi', 30);
    expect(created.token).toMatch(/^prm_[A-Za-z0-9_-]{40,}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    expect(new Date(created.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const row = await handle.db.selectFrom('api_token').selectAll().where('tenant_id', '=', tenant.id).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const list = await call('GET', '/tokens', h.operator);
    expect(list.json().items).toEqual([
      { id: created.id, name: 'integrasi', prefix: created.prefix, createdAt: expect.any(String), lastUsedAt: null, expiresAt: created.expiresAt, revokedAt: null },
    ]);
    expect(list.body).not.toContain(created.token);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'after']).where('tenant_id', '=', tenant.id).where('entity_id', '=', created.id).execute();
    expect(audit).toEqual([{ action: 'token.create', after: { name: 'integrasi', prefix: created.prefix, userId: operator.id, expiresAt: created.expiresAt } }]);
    expect(JSON.stringify(audit)).not.toContain(created.token);
  });

  it('authenticate as their owner and need no CSRF token for writes', async () => {
    const { token } = await mint(h.admin);
    const session = await call('GET', '/auth/session', bearer(token));
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { id: admin.id }, csrfToken: null });
    const created = await call('POST', '/users', bearer(token), { email: `api-${Date.now()}@uji.go.id`, name: 'Lewat API', password: 'sandi-api-12345', roles: [{ role: 'verifikator' }] });
    expect(created.statusCode).toBe(201);
    const audit = await handle.db.selectFrom('audit_log').select('actor_id').where('tenant_id', '=', tenant.id).where('entity_id', '=', created.json().id).where('action', '=', 'user.create').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(admin.id);
    const used = await handle.db.selectFrom('api_token').select('last_used_at').where('token_hash', '=', sha256(token)).executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
  });

  it('cannot mint more tokens', async () => {
    const { token } = await mint(h.operator);
    const res = await call('POST', '/tokens', { ...bearer(token), 'accept-language': 'en' }, { name: 'anak token' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('This can only be done after signing in with a browser, not with an API token.');
  });

  it('stop working once revoked (401); revocation is audited and idempotent', async () => {
    const created = await mint(h.operator);
    expect((await call('GET', '/auth/session', bearer(created.token))).statusCode).toBe(200);
    expect((await call('DELETE', `/tokens/${created.id}`, h.operator)).statusCode).toBe(204);
    const after = await call('GET', '/users', bearer(created.token));
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
    expect((await call('DELETE', `/tokens/${created.id}`, h.operator)).statusCode).toBe(204);
    const audit = await handle.db.selectFrom('audit_log').select('action').where('tenant_id', '=', tenant.id).where('entity_id', '=', created.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['token.create', 'token.revoke']);
    const listed = (await call('GET', '/tokens', h.operator)).json().items.find((t: { id: string }) => t.id === created.id);
    expect(listed.revokedAt).not.toBeNull();
  });

  it('a token can revoke itself without CSRF', async () => {
    const created = await mint(h.operator);
    expect((await call('DELETE', `/tokens/${created.id}`, bearer(created.token))).statusCode).toBe(204);
    expect((await call('GET', '/auth/session', bearer(created.token))).statusCode).toBe(401);
  });

  it('refuse expired tokens, unknown tokens, tokens of deactivated users and non-prm_ bearers', async () => {
    const expired = await mint(h.admin, 'kedaluwarsa', 1);
    await handle.db.updateTable('api_token').set({ expires_at: new Date(Date.now() - 1000) }).where('tenant_id', '=', tenant.id).where('id', '=', expired.id).execute();
    expect((await call('GET', '/auth/session', bearer(expired.token))).statusCode).toBe(401);
    expect((await call('GET', '/auth/session', bearer('prm_tidakada'))).statusCode).toBe(401);
    expect((await call('GET', '/auth/session', bearer('ghp_bukanmilikkita'))).statusCode).toBe(401);
    const leaver = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const leaverToken = await mint(await sessionHeaders(handle.db, leaver));
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/users/${leaver.id}`, headers: h.admin, payload: { isActive: false } })).statusCode).toBe(200);
    expect((await call('GET', '/auth/session', bearer(leaverToken.token))).statusCode).toBe(401);
  });

  it("a user cannot see or revoke another user's token; an admin of the tenant can; another tenant's admin cannot", async () => {
    const adminToken = await mint(h.admin);
    const opToken = await mint(h.operator);
    expect((await call('DELETE', `/tokens/${adminToken.id}`, h.operator)).statusCode).toBe(403);
    expect((await call('GET', `/tokens?userId=${admin.id}`, h.operator)).statusCode).toBe(403);
    expect((await call('DELETE', `/tokens/${opToken.id}`, h.otherAdmin)).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/r/${tenant.slug}/api/v1/tokens/${opToken.id}`, headers: h.otherAdmin })).statusCode).toBe(403);
    expect((await call('GET', '/auth/session', bearer(opToken.token))).statusCode).toBe(200);
    const listed = await call('GET', `/tokens?userId=${operator.id}`, h.admin);
    expect(listed.json().items.map((t: { id: string }) => t.id)).toContain(opToken.id);
    expect((await call('DELETE', `/tokens/${opToken.id}`, h.admin)).statusCode).toBe(204);
    expect((await call('GET', '/auth/session', bearer(opToken.token))).statusCode).toBe(401);
  });

  it('validate the request and need a login', async () => {
    expect((await call('POST', '/tokens', {}, { name: 'x' })).statusCode).toBe(401);
    expect((await call('POST', '/tokens', h.operator, { name: '' })).statusCode).toBe(400);
    expect((await call('POST', '/tokens', h.operator, { name: 'x', expiresInDays: 0 })).statusCode).toBe(400);
    expect((await call('DELETE', '/tokens/00000000-0000-4000-8000-000000000000', h.operator)).statusCode).toBe(404);
  });
});

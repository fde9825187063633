import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/index.js';
import { openTestDatabase } from '../../../test/helpers/db.js';
import { buildTestApp } from '../../../test/helpers/app.js';

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

describe('platform', () => {
  it('answers health and readiness with the database kind', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().database).toBe(process.env.PRIMA_TEST_DB);
  });

  it('answers an unknown API route with a 404 in Indonesian by default, English on request', async () => {
    const id = await app.inject('/api/v1/nope');
    expect(id.statusCode).toBe(404);
    expect(id.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'Alamat tidak ditemukan.' });
    expect(id.json().requestId).toBe(id.headers['x-request-id']);
    const en = await app.inject({ url: '/api/v1/nope', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json().message).toBe('This address does not exist.');
  });

  it('serves Prometheus metrics and security headers', async () => {
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('prima_http_request_duration_seconds');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('publishes the OpenAPI document', async () => {
    const res = await app.inject('/docs/json');
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });
});

describe('bad input', () => {
  it('answers malformed JSON, wrong types, unknown fields and oversize bodies with a 4xx and stores nothing', async () => {
    const { buildTenant, buildUser, sessionHeaders } = await import('../../../test/helpers/factories.js');
    const tenant = await buildTenant(handle.db);
    const admin = await buildUser(handle.db, tenant, [{ role: 'admin' }]);
    const headers = { ...(await sessionHeaders(handle.db, admin)), 'content-type': 'application/json' };
    const post = (payload: string) => app.inject({ method: 'POST', url: `/r/${tenant.slug}/api/v1/opds`, headers, payload });

    const malformed = await post('{"name": "Dinas');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'INVALID_JSON', message: 'Isi permintaan bukan JSON yang valid.' });

    const wrongType = await post(JSON.stringify({ name: 5, shortName: 'X', type: 'dinas' }));
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().code).toBe('VALIDATION');
    expect(wrongType.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]));

    const unknown = await post(JSON.stringify({ name: 'Dinas Baru', shortName: 'DB', type: 'dinas', hacker: true }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('hacker');

    const huge = await post(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), shortName: 'X', type: 'dinas' }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('PAYLOAD_TOO_LARGE');

    const count = await handle.db.selectFrom('opd').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});

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

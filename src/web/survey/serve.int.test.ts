/**
 * The server hands out the survey page (issue #4): GET /survei/{unitId} — with or without
 * a /r/{slug} tenant prefix — gets survey.html (no-cache, so a new build reaches phones),
 * /survei/sw.js its service worker (scope /survei/), every other page path still gets the
 * React client's index.html, and API paths still answer 404 in JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../server/db/index.js';
import { buildTestApp } from '../../../test/helpers/app.js';
import { openTestDatabase } from '../../../test/helpers/db.js';
import { buildTenant, type TestTenant } from '../../../test/helpers/factories.js';

let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;
let webDir: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prima-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
  fs.writeFileSync(path.join(webDir, 'survey.html'), '<!doctype html><title>survei</title><main id="app"></main>');
  fs.writeFileSync(path.join(webDir, 'survei-sw.js'), 'self.addEventListener("fetch", () => {});');
  handle = await openTestDatabase();
  tenant = await buildTenant(handle.db);
  app = await buildTestApp(handle, { webDir });
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('survey page routing', () => {
  it('serves survey.html for /survei/* with and without the tenant prefix', async () => {
    for (const url of ['/survei/7c9e6679-7425-40de-944b-e07fc1f90ae7?loket=L1', '/survei/x?kiosk=1', `/r/${tenant.slug}/survei/7c9e6679-7425-40de-944b-e07fc1f90ae7`]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body, url).toContain('<title>survei</title>');
    }
  });

  it('serves the service worker at /survei/sw.js (also under the prefix), never cached', async () => {
    for (const url of ['/survei/sw.js', `/r/${tenant.slug}/survei/sw.js`]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('javascript');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('addEventListener');
    }
  });

  it('leaves the React client and the API as they were', async () => {
    for (const url of ['/ikm', '/skm/hasil', '/surveillance', `/r/${tenant.slug}/lapor`]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<title>app</title>');
    }
    const api = await app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    const post = await app.inject({ method: 'POST', url: '/survei/x', payload: {} });
    expect(post.statusCode).toBe(404);
  });
});

import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { defineJob } from './define.js';
import { enqueueJob } from './service.js';
import { runDueJobsOnce } from './runner.js';

let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;
let other: TestTenant;
const def = defineJob({
  name: `test.routes.${crypto.randomBytes(4).toString('hex')}`,
  payload: Type.Object({ secret: Type.String() }),
  retry: { maxAttempts: 1, backoffSeconds: 1 },
  timeoutSeconds: 60,
  run: async (_d, p) => {
    if (p.secret === 'fail') throw new Error('no luck');
  },
});
let ids: { queued: number; done: number; failed: number; otherTenant: number; system: number };

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  tenant = await buildTenant(handle.db);
  other = await buildTenant(handle.db);
  const later = new Date(Date.now() + 3600_000);
  ids = {
    done: (await enqueueJob(handle.db, def, { secret: 'ok' }, { tenantId: tenant.id })).id,
    failed: (await enqueueJob(handle.db, def, { secret: 'fail' }, { tenantId: tenant.id })).id,
    queued: (await enqueueJob(handle.db, def, { secret: 'later' }, { tenantId: tenant.id, runAt: later })).id,
    otherTenant: (await enqueueJob(handle.db, def, { secret: 'x' }, { tenantId: other.id, runAt: later })).id,
    system: (await enqueueJob(handle.db, def, { secret: 'x' }, { runAt: later })).id,
  };
  await runDueJobsOnce(app.deps, [def], 'w-routes');
}, 120_000);
afterAll(async () => {
  await app.close();
  await handle.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `/r/${tenant.slug}${url}`, headers });
const mine = (items: Array<{ name: string }>) => items.filter((j) => j.name === def.name);

describe('GET /api/v1/jobs', () => {
  it('answers 401 without a session', async () => {
    const res = await get('/api/v1/jobs');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('answers 403 to staff who are not admins, and to an admin of another tenant', async () => {
    const opd = await buildOpd(handle.db, tenant);
    for (const roles of [[{ role: 'operator_opd' as const, opdId: opd.id }], [{ role: 'pimpinan' as const }], [{ role: 'warga' as const }]]) {
      const user = await buildUser(handle.db, tenant, roles);
      const res = await get('/api/v1/jobs', await sessionHeaders(handle.db, user));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const foreignAdmin = await buildUser(handle.db, other, [{ role: 'admin' }]);
    expect((await get('/api/v1/jobs', await sessionHeaders(handle.db, foreignAdmin))).statusCode).toBe(403);
  });

  it("shows an admin the tenant's jobs only, newest first, filtered by status", async () => {
    const admin = await buildUser(handle.db, tenant, [{ role: 'admin' }]);
    const headers = await sessionHeaders(handle.db, admin);
    const res = await get('/api/v1/jobs', headers);
    expect(res.statusCode).toBe(200);
    const items = mine(res.json().items);
    expect(items.map((j: any) => j.id)).toEqual([ids.queued, ids.failed, ids.done]);
    const failed = items.find((j: any) => j.id === ids.failed);
    expect(failed).toEqual({ id: ids.failed, name: def.name, status: 'failed', runAt: expect.any(String), attempts: 1, lastError: 'no luck', finishedAt: expect.any(String) });
    expect(JSON.stringify(res.json())).not.toContain('secret');

    const onlyDone = mine((await get('/api/v1/jobs?status=done', headers)).json().items);
    expect(onlyDone.map((j: any) => j.id)).toEqual([ids.done]);
    expect((await get('/api/v1/jobs?status=nope', headers)).statusCode).toBe(400);
    expect((await get('/api/v1/jobs?extra=1', headers)).statusCode).toBe(400);
  });

  it('shows a superadmin the install-wide jobs too, but never another tenant\'s', async () => {
    const root = await buildUser(handle.db, other, [{ role: 'superadmin' }]);
    // Queued only: the run's database holds other files' jobs, and the list is bounded.
    const res = await get('/api/v1/jobs?status=queued&limit=200', await sessionHeaders(handle.db, root));
    expect(res.statusCode).toBe(200);
    const got = mine(res.json().items).map((j: any) => j.id);
    expect(got).toEqual([ids.system, ids.queued]);
    expect(got).not.toContain(ids.otherTenant);
  });
});

import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { enqueueNotification } from './service.js';

let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;
let other: TestTenant;
let adminHeaders: Record<string, string>;
let ids: { pending: string; failed: string; sent: string; otherTenant: string };

const enqueue = (t: TestTenant, recipient: string) =>
  enqueueNotification(handle.db, { tenantId: t.id, channel: 'email', recipient, template: 'complaint.received', locale: 'id', params: { trackingCode: 'PRMR0U7E' } });

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  tenant = await buildTenant(handle.db);
  other = await buildTenant(handle.db);
  adminHeaders = await sessionHeaders(handle.db, await buildUser(handle.db, tenant, [{ role: 'admin' }]));
  ids = {
    pending: (await enqueue(tenant, 'siti.aminah@warga.example.id')).id,
    failed: (await enqueue(tenant, 'gagal@warga.example.id')).id,
    sent: (await enqueue(tenant, 'terkirim@warga.example.id')).id,
    otherTenant: (await enqueue(other, 'lain@warga.example.id')).id,
  };
  // Not due for a day: a deliverer of another test file (same PostgreSQL database) leaves them alone.
  await sql`UPDATE notification SET next_attempt_at = now() + interval '1 day' WHERE tenant_id IN (${tenant.id}, ${other.id})`.execute(handle.db);
  await sql`UPDATE notification SET status = 'failed', attempts = 6, last_error = '550 mailbox unavailable' WHERE tenant_id = ${tenant.id} AND id = ${ids.failed}`.execute(handle.db);
  await sql`UPDATE notification SET status = 'sent', attempts = 1, sent_at = now() WHERE tenant_id = ${tenant.id} AND id = ${ids.sent}`.execute(handle.db);
}, 120_000);
afterAll(async () => {
  await app.close();
  await handle.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `/r/${tenant.slug}${url}`, headers });
const post = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url: `/r/${tenant.slug}${url}`, headers });

describe('GET /api/v1/notifications', () => {
  it('answers 401 without a session', async () => {
    const res = await get('/api/v1/notifications');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('answers 403 to staff who are not admins, and to an admin of another tenant', async () => {
    const opd = await buildOpd(handle.db, tenant);
    for (const roles of [[{ role: 'kepala_opd' as const, opdId: opd.id }], [{ role: 'verifikator' as const }], [{ role: 'pimpinan' as const }], [{ role: 'warga' as const }]]) {
      const res = await get('/api/v1/notifications', await sessionHeaders(handle.db, await buildUser(handle.db, tenant, roles)));
      expect(res.statusCode, roles[0].role).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const foreignAdmin = await sessionHeaders(handle.db, await buildUser(handle.db, other, [{ role: 'admin' }]));
    expect((await get('/api/v1/notifications', foreignAdmin)).statusCode).toBe(403);
  });

  it("lists the tenant's outbox to its admin, recipients masked, filtered by status", async () => {
    const res = await get('/api/v1/notifications', adminHeaders);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.id).sort()).toEqual([ids.pending, ids.failed, ids.sent].sort());
    const pending = items.find((i) => i.id === ids.pending)!;
    expect(pending).toMatchObject({ channel: 'email', recipient: 's***@warga.example.id', template: 'complaint.received', locale: 'id', status: 'pending', attempts: 0, sentAt: null });
    expect(JSON.stringify(res.json())).not.toContain('siti.aminah');
    expect(pending).not.toHaveProperty('params');

    const failed = await get('/api/v1/notifications?status=failed', adminHeaders);
    expect(failed.json().items.map((i: { id: string }) => i.id)).toEqual([ids.failed]);
    expect(failed.json().items[0].lastError).toBe('550 mailbox unavailable');
    expect((await get('/api/v1/notifications?status=bogus', adminHeaders)).statusCode).toBe(400);
  });
});

describe('POST /api/v1/notifications/:id/retry', () => {
  it('answers 401 without a session and 403 to a non-admin', async () => {
    expect((await post(`/api/v1/notifications/${ids.failed}/retry`)).statusCode).toBe(401);
    const verifikator = await sessionHeaders(handle.db, await buildUser(handle.db, tenant, [{ role: 'verifikator' }]));
    const res = await post(`/api/v1/notifications/${ids.failed}/retry`, verifikator);
    expect(res.statusCode).toBe(403);
    const row = await handle.db.selectFrom('notification').select('status').where('tenant_id', '=', tenant.id).where('id', '=', ids.failed).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
  });

  it('refuses without the CSRF token', async () => {
    const res = await post(`/api/v1/notifications/${ids.failed}/retry`, { cookie: adminHeaders.cookie });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
  });

  it('puts a failed message back in the queue, due now, with fresh attempts, and audits it', async () => {
    const res = await post(`/api/v1/notifications/${ids.failed}/retry`, adminHeaders);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: ids.failed, status: 'pending', attempts: 0, lastError: '550 mailbox unavailable' });
    expect(new Date(res.json().nextAttemptAt).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const audit = await handle.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.id).where('action', '=', 'notification.retry').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].entity_id).toBe(ids.failed);
    expect(JSON.stringify(audit[0])).not.toContain('gagal@');
  });

  it('answers 409 for a message that has not failed, 404 for another tenant\'s or an unknown id, 400 for a malformed id', async () => {
    const sent = await post(`/api/v1/notifications/${ids.sent}/retry`, adminHeaders);
    expect(sent.statusCode).toBe(409);
    expect(sent.json()).toMatchObject({ code: 'CONFLICT', message: 'Hanya notifikasi yang gagal yang dapat dikirim ulang.' });
    expect((await post(`/api/v1/notifications/${ids.otherTenant}/retry`, adminHeaders)).statusCode).toBe(404);
    expect((await post(`/api/v1/notifications/${crypto.randomUUID()}/retry`, adminHeaders)).statusCode).toBe(404);
    expect((await post('/api/v1/notifications/not-a-uuid/retry', adminHeaders)).statusCode).toBe(400);
    const untouched = await handle.db.selectFrom('notification').select('status').where('tenant_id', '=', other.id).where('id', '=', ids.otherTenant).executeTakeFirstOrThrow();
    expect(untouched.status).toBe('pending');
  });
});

/** GET /audit and GET /audit/verify over HTTP: policy first, then listing and verification. */
import { afterAll, beforeAll, describe, expect, it} from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import type { Role } from '../auth/tables.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { tamper, writeAuditRows } from '../../../../test/helpers/audit.js';
import { recordAudit } from './record.js';
import { sealTenant } from './seal.js';

// The projects in vitest.config.ts do not inherit its root timeouts (vitest needs
// `extends: true` for that); opening PGlite on a busy 2-core machine takes seconds.

let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;
let adminHeaders: Record<string, string>;
beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  tenant = await buildTenant(handle.db);
  adminHeaders = await sessionHeaders(handle.db, await buildUser(handle.db, tenant, [{ role: 'admin' }]));
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const url = (t: TestTenant, path: string) => `/r/${t.slug}/api/v1${path}`;
const get = (path: string, headers: Record<string, string> = {}, t = tenant) => app.inject({ method: 'GET', url: url(t, path), headers });

describe('audit policy over HTTP', () => {
  it('answers 401 when nobody is signed in', async () => {
    for (const path of ['/audit', '/audit/verify']) {
      const res = await get(path);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it.each<Role>(['operator_opd', 'kepala_opd', 'verifikator', 'pimpinan'])('answers 403 to %s', async (role) => {
    const opd = role === 'operator_opd' || role === 'kepala_opd' ? (await buildOpd(handle.db, tenant)).id : undefined;
    const headers = await sessionHeaders(handle.db, await buildUser(handle.db, tenant, [{ role, opdId: opd }]));
    for (const path of ['/audit', '/audit/verify']) {
      const res = await get(path, headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it("answers 403 to another tenant's admin", async () => {
    const other = await buildTenant(handle.db);
    const headers = await sessionHeaders(handle.db, await buildUser(handle.db, other, [{ role: 'admin' }]));
    for (const path of ['/audit', '/audit/verify']) expect((await get(path, headers)).statusCode).toBe(403);
  });

  it('lets admin and inspektorat of the tenant, and a superadmin, through', async () => {
    const insp = await sessionHeaders(handle.db, await buildUser(handle.db, tenant, [{ role: 'inspektorat' }]));
    const superTenant = await buildTenant(handle.db);
    const sup = await sessionHeaders(handle.db, await buildUser(handle.db, superTenant, [{ role: 'superadmin' }]));
    for (const headers of [adminHeaders, insp, sup]) {
      expect((await get('/audit', headers)).statusCode).toBe(200);
      expect((await get('/audit/verify', headers)).statusCode).toBe(200);
    }
  });
});

describe('GET /audit', () => {
  let t: TestTenant;
  let headers: Record<string, string>;
  let actorId: string;
  beforeAll(async () => {
    const { db } = handle;
    t = await buildTenant(db);
    const admin = await buildUser(db, t, [{ role: 'admin' }], { name: 'Admin Uji', email: `admin-${t.slug}@uji.go.id` });
    actorId = admin.id;
    headers = await sessionHeaders(db, admin);
    await writeAuditRows(db, t.id, 5, 'sys');
    // A row written by a person, through the same function the services use.
    await db.transaction().execute((tx) =>
      recordAudit(tx, { requestId: 'req-human', locale: 'id', tenant: null, actor: { userId: admin.id, tenantId: t.id, name: 'Admin Uji', email: admin.email, roles: [{ role: 'admin', opdId: null }], viaToken: false } }, t.id, {
        action: 'opd.update', entityType: 'opd', entityId: 'opd-1', before: { name: 'Lama' }, after: { name: 'Baru' },
      }),
    );
    await sealTenant(db, t.id, 4);
    // Another tenant's rows must never show up.
    const other = await buildTenant(db);
    await writeAuditRows(db, other.id, 3, 'other');
  });

  it('lists newest first with the documented fields, sealed or not', async () => {
    const res = await get('/audit', headers, t);
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(6);
    expect(items.map((i: any) => i.id)).toEqual([...items.map((i: any) => i.id)].sort((a: number, b: number) => b - a));
    expect(items[0]).toEqual({
      id: expect.any(Number), at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), actorId, actorLabel: `Admin Uji <admin-${t.slug}@uji.go.id>`,
      action: 'opd.update', entityType: 'opd', entityId: 'opd-1', before: { name: 'Lama' }, after: { name: 'Baru' },
      requestId: 'req-human', chainPos: null, sealed: false,
    });
    expect(items.filter((i: any) => i.sealed).map((i: any) => i.chainPos).sort()).toEqual([1, 2, 3, 4]);
    expect(items.every((i: any) => i.entityId !== null && !String(i.entityId).startsWith('other'))).toBe(true);
  });

  it('filters by entity, actor and action', async () => {
    const one = (await get('/audit?entityType=test&entityId=sys-2', headers, t)).json();
    expect(one.items.map((i: any) => i.entityId)).toEqual(['sys-2']);
    const byActor = (await get(`/audit?actorId=${actorId}`, headers, t)).json();
    expect(byActor.items.map((i: any) => i.action)).toEqual(['opd.update']);
    const byAction = (await get('/audit?action=test.write', headers, t)).json();
    expect(byAction.items).toHaveLength(5);
    expect((await get('/audit?entityType=nothing', headers, t)).json().items).toEqual([]);
  });

  it('pages with a keyset cursor until nextCursor is null', async () => {
    const seen: number[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const res = await get(`/audit?limit=4${cursor ? `&before=${cursor}` : ''}`, headers, t);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((i: any) => i.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('refuses a limit over 200, a bad actor id and unknown parameters with 400', async () => {
    for (const q of ['limit=201', 'limit=0', 'actorId=nope', 'before=abc', 'colour=red']) {
      const res = await get(`/audit?${q}`, headers, t);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
    }
    expect((await get('/audit?limit=200', headers, t)).statusCode).toBe(200);
  });
});

describe('GET /audit/verify', () => {
  it('reports an intact chain, then the altered row in the caller\'s language', async () => {
    const { db } = handle;
    const t = await buildTenant(db);
    const headers = await sessionHeaders(db, await buildUser(db, t, [{ role: 'inspektorat' }]));
    await writeAuditRows(db, t.id, 3);
    await sealTenant(db, t.id);
    await writeAuditRows(db, t.id, 1, 'pending');

    const ok = await get('/audit/verify', headers, t);
    expect(ok.json()).toEqual({ ok: true, checked: 3, unsealed: 1, problem: null });

    await tamper(db, async (tx) => {
      await sql`UPDATE audit_log SET entity_id = 'forged' WHERE tenant_id = ${t.id} AND chain_pos = 2`.execute(tx);
    });
    const id = await get('/audit/verify', headers, t);
    expect(id.json()).toMatchObject({ ok: false, checked: 1, unsealed: 1, problem: { kind: 'altered', chainPos: 2, id: expect.any(Number) } });
    expect(id.json().problem.message).toContain('posisi rantai 2');
    const en = await get('/audit/verify', { ...headers, 'accept-language': 'en' }, t);
    expect(en.json().problem.message).toContain('chain position 2');
  });
});

describe('GET /audit/verify rate limit', () => {
  it('allows ten verifications a minute per user, then answers 429', async () => {
    const { db } = handle;
    const t = await buildTenant(db);
    const headers = await sessionHeaders(db, await buildUser(db, t, [{ role: 'admin' }]));
    for (let i = 0; i < 10; i++) expect((await get('/audit/verify', headers, t)).statusCode).toBe(200);
    const limited = await get('/audit/verify', headers, t);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    // Another user of the same tenant (same address) still has a budget.
    const other = await sessionHeaders(db, await buildUser(db, t, [{ role: 'inspektorat' }]));
    expect((await get('/audit/verify', other, t)).statusCode).toBe(200);
  });
});

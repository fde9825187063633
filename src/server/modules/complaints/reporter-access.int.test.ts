/**
 * Only the reporter acts on their report (issue #11, ADR 0027), on PGlite and PostgreSQL:
 * the tracking code is public, so a stranger who takes one from the public list may read the
 * report but not confirm, dispute or add information; the reporter does it with the key
 * shown at filing (and carried in every message to them), or from their own account; a
 * rahasia reporter follows their report with the key.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { systemContext } from '../../platform/context.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildRegion, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { renderNotification } from '../notifications/templates.js';
import { seedDefaultDeadlineRules } from './deadlines.js';
import { applyTransition, type TransitionInput } from './transitions.js';
import type { ComplaintAction } from './state-machine.js';

let handle: DbHandle;
let app: FastifyInstance;
let t1: TestTenant;
let t2: TestTenant;
let desa: string;
let opd: { id: string };
let wargaSession: Record<string, string>;
let otherWargaSession: Record<string, string>;
let ipSeq = 0;
const freshIp = () => `10.9.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

async function pub(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}, tenant = t1) {
  return app.inject({ method, url: `/r/${tenant.slug}/api/v1${url}`, payload: body as object, headers, remoteAddress: freshIp() });
}
const keyed = (k: unknown) => ({ 'x-reporter-key': String(k) });

async function file(over: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const body = { kind: 'pengaduan', title: `Lampu jalan mati ${crypto.randomUUID().slice(0, 6)}`, description: 'Sudah seminggu gelap.', regionCode: desa, isAnonymous: false, isConfidential: false, ...over };
  const res = await pub('POST', '/public/complaints', body, { 'idempotency-key': `k-${crypto.randomUUID()}`, ...headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { trackingCode: string; reporterKey: string; [k: string]: unknown };
}

async function complaintOf(code: string) {
  return handle.db.selectFrom('complaint').selectAll().where('tenant_id', '=', t1.id).where('tracking_code', '=', code).executeTakeFirstOrThrow();
}
const sys = () => systemContext({ id: t1.id, code: t1.code, name: t1.name, slug: t1.slug, timezone: 'Asia/Makassar', isDemo: false }, 'test');
async function step(complaintId: string, action: ComplaintAction, by: TransitionInput['by'], more: Partial<TransitionInput> = {}) {
  return handle.db.transaction().execute((tx) => applyTransition(tx, sys(), { tenantId: t1.id, complaintId, action, by, ...more }));
}
async function toResolved(code: string) {
  const { id } = await complaintOf(code);
  await step(id, 'verify', 'desk');
  await step(id, 'route', 'desk', { opdId: opd.id });
  await step(id, 'respond', 'opd');
  await step(id, 'resolve', 'opd', { note: 'Lampu sudah diganti.' });
  return id;
}
async function eventCount(id: string) {
  return (await handle.db.selectFrom('complaint_event').select('id').where('tenant_id', '=', t1.id).where('complaint_id', '=', id).execute()).length;
}

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  t1 = await buildTenant(db);
  t2 = await buildTenant(db);
  desa = `${await buildRegion(db, t1)}.2001`;
  await buildRegion(db, t2);
  opd = await buildOpd(db, t1);
  await seedDefaultDeadlineRules(db, t1.id);
  wargaSession = await sessionHeaders(db, await buildUser(db, t1, [{ role: 'warga' }], { name: 'Warga Pemilik' }));
  otherWargaSession = await sessionHeaders(db, await buildUser(db, t1, [{ role: 'warga' }], { name: 'Warga Lain' }));
});

afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('a stranger holding a public tracking code', () => {
  it('reads the report but cannot close it with a rating: 403 in the caller\'s language, nothing changes', async () => {
    const { trackingCode } = await file();
    const id = await toResolved(trackingCode);
    // The code is public: the recent list shows it to anyone.
    const listed = await pub('GET', '/public/complaints?limit=50');
    expect(listed.json().items.map((i: { trackingCode: string }) => i.trackingCode)).toContain(trackingCode);
    const before = await eventCount(id);

    for (const [lang, words] of [['id', 'Hanya pelapor'], ['en', 'Only the reporter']] as const) {
      const res = await pub('POST', `/public/complaints/${trackingCode}/confirm`, { rating: 1 }, { 'accept-language': lang });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ code: 'REPORTER_ONLY' });
      expect(res.json().message).toContain(words);
    }
    expect((await pub('POST', `/public/complaints/${trackingCode}/dispute`, { reason: 'iseng' })).statusCode).toBe(403);
    // A wrong key, another report's key, or another citizen's session is no better.
    const other = await file();
    for (const headers of [keyed('AAAA-BBBB-CCCC-DDDD-EEEE'), keyed(other.reporterKey), otherWargaSession]) {
      expect((await pub('POST', `/public/complaints/${trackingCode}/confirm`, { rating: 1 }, headers)).json().code).toBe('REPORTER_ONLY');
    }
    const row = await complaintOf(trackingCode);
    expect(row).toMatchObject({ status: 'resolved', rating: null, closed_at: null });
    expect(await eventCount(id)).toBe(before);
    // The public view says nothing of who may act.
    expect((await pub('GET', `/public/complaints/${trackingCode}`)).json().isReporter).toBeUndefined();
  });

  it('cannot add information to a held report, nor learn that a rahasia report exists', async () => {
    const held = await file();
    await step((await complaintOf(held.trackingCode)).id, 'hold', 'desk', { note: 'Mohon alamat lengkap.' });
    expect((await pub('POST', `/public/complaints/${held.trackingCode}/info`, { info: 'palsu' })).statusCode).toBe(403);
    expect((await complaintOf(held.trackingCode)).status).toBe('held');

    const secret = await file({ isConfidential: true });
    await toResolved(secret.trackingCode);
    for (const path of ['', '/confirm']) {
      const res = await pub(path ? 'POST' : 'GET', `/public/complaints/${secret.trackingCode}${path}`, path ? { rating: 1 } : undefined, keyed('AAAA-BBBB-CCCC-DDDD-EEEE'));
      expect(res.statusCode, path).toBe(404);
    }
  });
});

describe('the reporter', () => {
  it('acts with the key shown at filing; a retried filing shows the same key', async () => {
    const k = `k-${crypto.randomUUID()}`;
    const first = await file({ title: 'Kunci sama' }, { 'idempotency-key': k });
    expect(first.reporterKey).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){4}$/);
    const again = await pub('POST', '/public/complaints', { kind: 'pengaduan', title: 'Kunci sama', description: 'Sudah seminggu gelap.', regionCode: desa, isAnonymous: false, isConfidential: false }, { 'idempotency-key': k });
    expect(again.statusCode).toBe(200);
    expect(again.json().reporterKey).toBe(first.reporterKey);

    await toResolved(first.trackingCode);
    const view = await pub('GET', `/public/complaints/${first.trackingCode}`, undefined, keyed(first.reporterKey.toLowerCase().replace(/-/g, ' ')));
    expect(view.json()).toMatchObject({ isReporter: true });
    const res = await pub('POST', `/public/complaints/${first.trackingCode}/confirm`, { rating: 5 }, keyed(first.reporterKey));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', rating: 5, isReporter: true });
  });

  it('acts from the account they filed with, without the key', async () => {
    const mine = await file({}, wargaSession);
    expect((await complaintOf(mine.trackingCode)).status).toBe('received');
    await toResolved(mine.trackingCode);
    const res = await pub('POST', `/public/complaints/${mine.trackingCode}/dispute`, { reason: 'Masih mati.' }, wargaSession);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('in_progress');
  });

  it('follows a rahasia report with the key (the public still gets 404) and acts on it', async () => {
    const secret = await file({ isConfidential: true, title: 'Dugaan pungli loket' });
    expect(secret).toMatchObject({ isConfidential: true });
    expect((await pub('GET', `/public/complaints/${secret.trackingCode}`)).statusCode).toBe(404);
    const mine = await pub('GET', `/public/complaints/${secret.trackingCode}`, undefined, keyed(secret.reporterKey));
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ title: 'Dugaan pungli loket', isConfidential: true, isReporter: true });
    expect((await pub('GET', '/public/complaints?limit=50')).body).not.toContain(secret.trackingCode);
    // The key of one tenant's report means nothing in another tenant.
    expect((await pub('GET', `/public/complaints/${secret.trackingCode}`, undefined, keyed(secret.reporterKey), t2)).statusCode).toBe(404);

    await toResolved(secret.trackingCode);
    const res = await pub('POST', `/public/complaints/${secret.trackingCode}/confirm`, { rating: 4 }, keyed(secret.reporterKey));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('closed');
  });

  it('finds their key in the link of every message sent to them, after the #', async () => {
    const { trackingCode, reporterKey } = await file({ reporter: { email: 'pelapor@example.id' } });
    const id = await toResolved(trackingCode);
    const rows = await handle.db.selectFrom('notification').select(['template', 'params', 'locale']).where('tenant_id', '=', t1.id).where('related_id', '=', id).execute();
    const citizen = rows.filter((r) => r.template.startsWith('complaint.'));
    expect(citizen.map((r) => r.template).sort()).toEqual(['complaint.received', 'complaint.resolved', 'complaint.status_changed', 'complaint.status_changed', 'complaint.status_changed'].sort());
    for (const r of citizen) {
      const params = (typeof r.params === 'string' ? JSON.parse(r.params) : r.params) as Record<string, unknown>;
      const msg = renderNotification(r.template, params, { locale: 'id', tenant: { slug: t1.slug, name: t1.name, timezone: 'Asia/Makassar' }, publicUrl: 'https://prima.example.id' });
      expect(msg.text, r.template).toContain(`/r/${t1.slug}/lacak/${trackingCode}#kunci=${reporterKey}`);
    }
  });

  it('keeps their key after a merge: it works on the report they were merged into', async () => {
    const dup = await file({ reporter: { email: 'kembar@example.id' } });
    const main = await file();
    const desk = await sessionHeaders(handle.db, await buildUser(handle.db, t1, [{ role: 'verifikator' }]));
    const [dupRow, mainRow] = await Promise.all([complaintOf(dup.trackingCode), complaintOf(main.trackingCode)]);
    const merged = await app.inject({ method: 'POST', url: `/r/${t1.slug}/api/v1/complaints/${dupRow.id}/merge`, headers: desk, payload: { intoId: mainRow.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    await toResolved(main.trackingCode);
    const res = await pub('POST', `/public/complaints/${main.trackingCode}/confirm`, { rating: 3 }, keyed(dup.reporterKey));
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('the desk', () => {
  it('gets the reporter key with the code, to hand to a walk-in reporter', async () => {
    const desk = await sessionHeaders(handle.db, await buildUser(handle.db, t1, [{ role: 'verifikator' }]));
    const res = await app.inject({
      method: 'POST',
      url: `/r/${t1.slug}/api/v1/complaints`,
      headers: desk,
      payload: { channel: 'walk_in', kind: 'pengaduan', title: 'Datang langsung', description: 'Lapor di loket.', isAnonymous: false, isConfidential: false, reporter: { name: 'Ibu Sari' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode, reporterKey } = res.json();
    await toResolved(trackingCode);
    expect((await pub('POST', `/public/complaints/${trackingCode}/confirm`, { rating: 4 }, keyed(reporterKey))).statusCode).toBe(200);
  });
});

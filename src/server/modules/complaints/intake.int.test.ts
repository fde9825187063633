/**
 * The complaints core over HTTP, on PGlite and PostgreSQL: public intake (idempotency,
 * bad input), tracking, privacy (anonim, rahasia), the citizen's actions, deadlines over
 * the 2026 holidays, staff intake, categories, routing rules and deadline rules.
 */
import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { systemContext } from '../../platform/context.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildRegion, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { caller, type Caller } from '../../../../test/helpers/organisation.js';
import { buildPng, multipartBody } from '../../../../test/helpers/attachments.js';
import { computeDue, seedDefaultDeadlineRules } from './deadlines.js';
import { applyTransition, type TransitionInput } from './transitions.js';
import type { ComplaintAction } from './state-machine.js';

let handle: DbHandle;
let app: FastifyInstance;
let t1: TestTenant;
let t2: TestTenant;
let kec: string;
let desa: string;
let opdA: { id: string; name: string };
let opdB: { id: string; name: string };
let catRoad: string;
let catOther: string;
const as: Record<string, Caller> = {};

let ipSeq = 0;
/** A fresh client address per call, so the per-address rate limits stay out of the way. */
const freshIp = () => `10.${(++ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;

async function pub(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}, ip = freshIp(), tenant = t1) {
  return app.inject({ method, url: `/r/${tenant.slug}/api/v1${url}`, payload: body as object, headers, remoteAddress: ip });
}

const key = () => `k-${crypto.randomUUID()}`;
const report = (over: Record<string, unknown> = {}) => ({
  kind: 'pengaduan',
  title: 'Jalan berlubang di depan SDN 1',
  description: 'Lubang besar sudah dua minggu, berbahaya bagi pengendara motor.',
  categoryId: catRoad,
  regionCode: desa,
  isAnonymous: false,
  isConfidential: false,
  ...over,
});

async function file(over: Record<string, unknown> = {}, headers: Record<string, string> = { 'idempotency-key': key() }) {
  const res = await pub('POST', '/public/complaints', report(over), headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { trackingCode: string; reporterKey: string; [k: string]: unknown };
}

/** The reporter's proof on the public routes (ADR 0027). */
const keyed = (reporterKey: unknown) => ({ 'x-reporter-key': String(reporterKey) });

async function complaintOf(code: string) {
  return handle.db.selectFrom('complaint').selectAll().where('tenant_id', '=', t1.id).where('tracking_code', '=', code).executeTakeFirstOrThrow();
}

const sys = () => systemContext({ id: t1.id, code: t1.code, name: t1.name, slug: t1.slug, timezone: 'Asia/Makassar', isDemo: false }, 'test');
async function step(complaintId: string, action: ComplaintAction, by: TransitionInput['by'], more: Partial<TransitionInput> = {}) {
  return handle.db.transaction().execute((tx) => applyTransition(tx, sys(), { tenantId: t1.id, complaintId, action, by, ...more }));
}
/** received → verified → routed (OPD A) → in_progress → resolved. */
async function toResolved(id: string) {
  await step(id, 'verify', 'desk');
  await step(id, 'route', 'desk', { opdId: opdA.id });
  await step(id, 'respond', 'opd', { note: 'Tim sudah meninjau lokasi.' });
  await step(id, 'resolve', 'opd', { note: 'Lubang sudah ditambal.' });
}

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  t1 = await buildTenant(db);
  t2 = await buildTenant(db);
  kec = await buildRegion(db, t1);
  desa = `${kec}.2001`;
  await buildRegion(db, t2);
  opdA = await buildOpd(db, t1);
  opdB = await buildOpd(db, t1);
  await seedDefaultDeadlineRules(db, t1.id);
  const users = {
    admin: await buildUser(db, t1, [{ role: 'admin' }]),
    verifikator: await buildUser(db, t1, [{ role: 'verifikator' }]),
    operatorA: await buildUser(db, t1, [{ role: 'operator_opd', opdId: opdA.id }]),
    kepalaA: await buildUser(db, t1, [{ role: 'kepala_opd', opdId: opdA.id }]),
    pimpinan: await buildUser(db, t1, [{ role: 'pimpinan' }]),
    inspektorat: await buildUser(db, t1, [{ role: 'inspektorat' }]),
  };
  for (const [k, u] of Object.entries(users)) as[k] = caller(app, await sessionHeaders(db, u));
  catRoad = (await as.admin.post('/complaint-categories', { code: 'jalan-rusak', name: 'Jalan rusak' })).json().id;
  catOther = (await as.admin.post('/complaint-categories', { code: 'lainnya', name: 'Lainnya' })).json().id;
  expect(catRoad).toBeTruthy();
  expect((await as.admin.post('/routing-rules', { categoryId: catRoad, opdId: opdA.id })).statusCode).toBe(201);
});

afterAll(async () => {
  await app.close();
  await handle.close();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('public intake', () => {
  it('gives a tracking code at once, with the verification deadline and a public "received" step', async () => {
    const res = await file();
    expect(res.trackingCode).toMatch(/^PRM-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(res).toMatchObject({ status: 'received', dueStage: 'verification', kind: 'pengaduan', categoryId: catRoad, regionCode: desa });
    expect(res.timeline).toEqual([expect.objectContaining({ type: 'received', toStatus: 'received', by: 'citizen', note: null })]);
    const row = await complaintOf(res.trackingCode);
    expect(row.channel).toBe('web');
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'after']).where('tenant_id', '=', t1.id).where('entity_id', '=', row.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['complaint.create']);
  });

  it('is idempotent: the same key and content return the same report; other content with the key is 422', async () => {
    const k = key();
    const first = await pub('POST', '/public/complaints', report({ title: 'Idempoten satu' }), { 'idempotency-key': k });
    const again = await pub('POST', '/public/complaints', report({ title: 'Idempoten satu' }), { 'idempotency-key': k });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    const other = await pub('POST', '/public/complaints', report({ title: 'Isi lain' }), { 'idempotency-key': k });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_CONFLICT');
    const rows = await handle.db.selectFrom('complaint').select('id').where('tenant_id', '=', t1.id).where('idempotency_key', '=', k).execute();
    expect(rows).toHaveLength(1);
    const reporters = await handle.db.selectFrom('complaint_reporter').select('id').where('tenant_id', '=', t1.id).where('complaint_id', '=', rows[0].id).execute();
    expect(reporters).toHaveLength(1);
  });

  it('makes one report of simultaneous retries with one key', async () => {
    const k = key();
    const results = await Promise.all(Array.from({ length: 6 }, () => pub('POST', '/public/complaints', report({ title: 'Serentak' }), { 'idempotency-key': k })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().trackingCode)).size).toBe(1);
    const n = await handle.db.selectFrom('complaint').select('id').where('tenant_id', '=', t1.id).where('idempotency_key', '=', k).execute();
    expect(n).toHaveLength(1);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await pub('POST', '/public/complaints', report(), { 'idempotency-key': 'bad key!' });
    expect(res.statusCode).toBe(400);
  });

  it('queues the "received" message when the reporter left a contact, and none without', async () => {
    const withMail = await file({ reporter: { name: 'Siti', email: 'siti@example.id' } });
    const without = await file({ reporter: { name: 'Tanpa kontak' } });
    const outbox = async (code: string) => {
      const row = await complaintOf(code);
      return handle.db.selectFrom('notification').select(['template', 'recipient', 'channel']).where('tenant_id', '=', t1.id).where('related_id', '=', row.id).execute();
    };
    expect(await outbox(withMail.trackingCode)).toEqual([{ template: 'complaint.received', recipient: 'siti@example.id', channel: 'email' }]);
    expect(await outbox(without.trackingCode)).toEqual([]);
  });

  it('lists the public categories', async () => {
    const res = await pub('GET', '/public/categories');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { code: string }) => c.code).sort()).toEqual(['jalan-rusak', 'lainnya']);
  });
});

describe('bad input: a clear 4xx and nothing stored', () => {
  const count = async () => Number((await handle.db.selectFrom('complaint').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t1.id).executeTakeFirstOrThrow()).n);

  it('refuses a 100 KB description with a message naming the limit', async () => {
    const before = await count();
    const res = await pub('POST', '/public/complaints', report({ description: 'x'.repeat(100_000) }), { 'idempotency-key': key(), 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
    expect(res.json().message).toMatch(/description.*10000/);
    expect(await count()).toBe(before);
  });

  it('refuses unknown categories, regions, dates out of range, bad contacts', async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ categoryId: crypto.randomUUID() }, 400, 'VALIDATION'],
      [{ categoryId: undefined, categoryCode: 'tidak-ada' }, 400, 'VALIDATION'],
      [{ regionCode: '99.99.99.9999' }, 400, 'INVALID_REGION'],
      [{ regionCode: 'bukan kode' }, 400, 'VALIDATION'],
      [{ eventDate: '2999-01-01' }, 400, 'VALIDATION'],
      [{ eventDate: '2020-01-01' }, 400, 'VALIDATION'],
      [{ eventDate: '2026-02-30' }, 400, 'VALIDATION'],
      [{ reporter: { email: 'bukan-email' } }, 400, 'VALIDATION'],
      [{ title: '   ' }, 400, 'VALIDATION'],
      [{ title: 'x'.repeat(201) }, 400, 'VALIDATION'],
      [{ kind: 'kritik' }, 400, 'VALIDATION'],
      [{ latitude: 91, longitude: 0 }, 400, 'VALIDATION'],
      [{ latitude: -3.4 }, 400, 'VALIDATION'],
      [{ extra: 1 }, 400, 'VALIDATION'],
    ];
    for (const [over, status, code] of cases) {
      const res = await pub('POST', '/public/complaints', report(over), { 'idempotency-key': key() });
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.json().code, JSON.stringify(over)).toBe(code);
      expect(res.json().message).toBeTruthy();
    }
    const cat = await pub('POST', '/public/complaints', report({ categoryId: crypto.randomUUID() }), { 'idempotency-key': key(), 'accept-language': 'en' });
    expect(cat.json().message).toMatch(/Unknown category/);
    const old = await pub('POST', '/public/complaints', report({ eventDate: '2020-01-01' }), { 'idempotency-key': key(), 'accept-language': 'en' });
    expect(old.json().message).toMatch(/30 days/);
    // The top-level message says what is wrong, not just a field name.
    const half = await pub('POST', '/public/complaints', report({ latitude: -3.4 }), { 'idempotency-key': key(), 'accept-language': 'en' });
    expect(half.json().message).toContain('latitude/longitude is out of the allowed range');
    expect(await count()).toBe(before);
  });

  it("refuses another tenant's category", async () => {
    const res = await pub('POST', '/public/complaints', report({ regionCode: undefined }), { 'idempotency-key': key() }, freshIp(), t2);
    expect(res.statusCode).toBe(400);
  });

  it('stores HTML and scripts as plain text, returned as the same text', async () => {
    const title = '<script>alert("x")</script> <b>jalan</b>';
    const description = '<img src=x onerror=alert(1)> Robert\'); DROP TABLE complaint;-- 🙂 \u202Eterbalik';
    const res = await file({ title, description });
    const row = await complaintOf(res.trackingCode);
    expect(row.title).toBe(title);
    expect(row.description).toBe(description);
    const tracked = await pub('GET', `/public/complaints/${res.trackingCode}`);
    expect(tracked.headers['content-type']).toMatch(/application\/json/);
    expect(tracked.json()).toMatchObject({ title, description });
  });
});

describe('attachments', () => {
  async function uploadPhoto(tenant = t1): Promise<string> {
    const { payload, headers } = multipartBody([{ name: 'file', filename: 'lubang.png', contentType: 'image/png', data: buildPng() }]);
    const res = await app.inject({ method: 'POST', url: `/r/${tenant.slug}/api/v1/public/attachments`, payload, headers, remoteAddress: freshIp() });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  it('links uploaded photos; public for a named public report, staff-only for an anonim one', async () => {
    const open = await file({ attachmentIds: [await uploadPhoto()] });
    expect(open.attachments).toEqual([expect.objectContaining({ filename: 'lubang.png', contentType: 'image/png' })]);
    const anon = await file({ isAnonymous: true, attachmentIds: [await uploadPhoto()] });
    expect(anon.attachments).toEqual([]);
    const row = await complaintOf(anon.trackingCode);
    const linked = await handle.db.selectFrom('attachment').select(['complaint_id', 'is_public']).where('complaint_id', '=', row.id).execute();
    expect(linked).toEqual([{ complaint_id: row.id, is_public: false }]);
  });

  it('refuses unknown, foreign or already linked uploads, and stores nothing', async () => {
    const used = await uploadPhoto();
    await file({ attachmentIds: [used] });
    const foreign = await uploadPhoto(t2);
    for (const ids of [[crypto.randomUUID()], [used], [foreign]]) {
      const title = `Lampiran salah ${crypto.randomUUID()}`;
      const res = await pub('POST', '/public/complaints', report({ title, attachmentIds: ids }), { 'idempotency-key': key() });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('INVALID_REFERENCE');
      expect(await handle.db.selectFrom('complaint').select('id').where('title', '=', title).execute()).toEqual([]);
    }
  });
});

describe('naughty strings', () => {
  it('never answers 500: NUL and control characters are dropped, odd Unicode is kept', async () => {
    const naughty = ['nul\u0000byte', 'bell\u0007', '\ud800 lone surrogate', 'Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤', '${7*7} {{7*7}} %s %n', '../../etc/passwd', '1;DROP TABLE complaint', '🙂‍↔️ العربية 中文'];
    for (const text of naughty) {
      const res = await pub('POST', '/public/complaints', report({ title: text, description: text, addressText: text, reporter: { name: text } }), { 'idempotency-key': key() });
      expect(res.statusCode, text).toBe(201);
      expect(res.json().title).not.toMatch(/[\u0000\u0007]/);
    }
    const { trackingCode, reporterKey } = await file();
    await toResolved((await complaintOf(trackingCode)).id);
    const res = await pub('POST', `/public/complaints/${trackingCode}/confirm`, { rating: 3, comment: 'ok\u0000 \u0007' }, keyed(reporterKey));
    expect(res.statusCode, res.body).toBe(200);
    expect((await complaintOf(trackingCode)).rating_comment).toBe('ok');
  });
});

describe('tracking', () => {
  it('finds a report by its code in any case and spacing; unknown and forged codes are 404', async () => {
    const { trackingCode } = await file();
    expect((await pub('GET', `/public/complaints/${trackingCode.toLowerCase()}`)).json().trackingCode).toBe(trackingCode);
    expect((await pub('GET', `/public/complaints/${trackingCode.replace(/-/g, '').slice(3)}`)).statusCode).toBe(200);
    for (const bad of ['PRM-AAAA-AAAA', 'PRM-0000-0000', encodeURIComponent("' or 1=1 --"), 'x'.repeat(40)]) {
      const res = await pub('GET', `/public/complaints/${bad}`);
      expect(res.statusCode, bad).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    // A code of one tenant means nothing in another.
    expect((await pub('GET', `/public/complaints/${trackingCode}`, undefined, {}, freshIp(), t2)).statusCode).toBe(404);
  });

  it('limits lookups per client address so codes cannot be enumerated', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await pub('GET', `/public/complaints/PRM-AAAA-AA${'AB'[i % 2]}${i % 10 === 0 ? 'C' : 'D'}`, undefined, {}, ip)).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another address is not affected.
    expect((await pub('GET', '/public/complaints/PRM-AAAA-AAAA')).statusCode).toBe(404);
  });
});

describe('privacy', () => {
  const PERSON = { name: 'Budi Rahasia Santoso', phone: '+62 812 3456 7890', email: 'budi.rahasia@example.id' };
  const leaks = (text: string) => ['Budi Rahasia', '3456', 'budi.rahasia@'].filter((s) => text.includes(s));

  it('never shows an anonim reporter to the OPD, the leaders or the public; the desk and the inspectorate see them', async () => {
    const { trackingCode } = await file({ isAnonymous: true, reporter: PERSON, title: 'Pungli di kantor' });
    const row = await complaintOf(trackingCode);
    await step(row.id, 'verify', 'desk');
    await step(row.id, 'route', 'desk', { opdId: opdA.id });

    for (const who of ['operatorA', 'kepalaA', 'pimpinan']) {
      const res = await as[who].get(`/complaints/${row.id}`);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      expect(leaks(res.body), who).toEqual([]);
    }
    for (const who of ['verifikator', 'inspektorat']) {
      const res = await as[who].get(`/complaints/${row.id}`);
      expect(res.statusCode, who).toBe(200);
      expect(res.body, who).toContain('Budi Rahasia Santoso');
    }
    const tracked = await pub('GET', `/public/complaints/${trackingCode}`);
    expect(tracked.statusCode).toBe(200);
    expect(leaks(tracked.body)).toEqual([]);
    const list = await pub('GET', '/public/complaints?limit=50');
    expect(list.json().items.some((i: { trackingCode: string }) => i.trackingCode === trackingCode)).toBe(true);
    expect(leaks(list.body)).toEqual([]);
  });

  it('never shows personal data of a named reporter in public views, nor staff names or e-mails', async () => {
    const { trackingCode } = await file({ reporter: PERSON });
    const row = await complaintOf(trackingCode);
    await step(row.id, 'verify', 'desk');
    await as.verifikator.post(`/complaints/${row.id}/actions/route`, { opdId: opdA.id, note: 'Mohon ditindaklanjuti' });
    const tracked = await pub('GET', `/public/complaints/${trackingCode}`);
    expect(leaks(tracked.body)).toEqual([]);
    expect(tracked.body).not.toMatch(/@/);
    // An OPD sees a named (not anonim) reporter.
    expect((await as.operatorA.get(`/complaints/${row.id}`)).body).toContain('Budi Rahasia Santoso');
  });

  it('keeps a rahasia report out of every public endpoint', async () => {
    const receipt = await file({ isConfidential: true, title: 'Laporan rahasia', reporter: PERSON });
    expect(receipt).toMatchObject({ isConfidential: true, status: 'received' });
    expect(receipt.title).toBeUndefined();
    expect(receipt.description).toBeUndefined();
    expect((await pub('GET', `/public/complaints/${receipt.trackingCode}`)).statusCode).toBe(404);
    const list = await pub('GET', '/public/complaints?limit=50');
    expect(list.body).not.toContain(receipt.trackingCode);
    expect(list.body).not.toContain('Laporan rahasia');
    expect((await pub('POST', `/public/complaints/${receipt.trackingCode}/dispute`, { reason: 'x' })).statusCode).toBe(404);
    // Staff still handle it.
    const row = await complaintOf(receipt.trackingCode);
    expect((await as.verifikator.get(`/complaints/${row.id}`)).statusCode).toBe(200);
  });
});

describe("the citizen's actions", () => {
  it('confirms a resolved report with a rating: closed, rated, on the public timeline', async () => {
    const { trackingCode, reporterKey } = await file({ reporter: { email: 'warga1@example.id' } });
    const row = await complaintOf(trackingCode);
    await toResolved(row.id);
    const res = await pub('POST', `/public/complaints/${trackingCode}/confirm`, { rating: 5, comment: 'Terima kasih, cepat sekali.' }, keyed(reporterKey));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', rating: 5, dueAt: null });
    expect(res.json().timeline.map((e: { type: string }) => e.type)).toEqual(['received', 'verify', 'route', 'respond', 'resolve', 'confirm']);
    const after = await complaintOf(trackingCode);
    expect(after).toMatchObject({ status: 'closed', rating: 5, rating_comment: 'Terima kasih, cepat sekali.' });
    expect(after.closed_at).not.toBeNull();
    const mails = await handle.db.selectFrom('notification').select('template').where('related_id', '=', row.id).orderBy('created_at').execute();
    expect(mails.map((m) => m.template)).toContain('complaint.resolved');
    // Closed is final: neither a second confirm nor a dispute.
    const again = await pub('POST', `/public/complaints/${trackingCode}/dispute`, { reason: 'Masih rusak' }, keyed(reporterKey));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await pub('POST', `/public/complaints/${trackingCode}/confirm`, { rating: 4 }, keyed(reporterKey))).statusCode).toBe(409);
  });

  it('refuses a confirm without a valid rating', async () => {
    const { trackingCode, reporterKey } = await file();
    await toResolved((await complaintOf(trackingCode)).id);
    expect((await pub('POST', `/public/complaints/${trackingCode}/confirm`, { rating: 6 }, keyed(reporterKey))).statusCode).toBe(400);
    expect((await pub('POST', `/public/complaints/${trackingCode}/confirm`, {}, keyed(reporterKey))).statusCode).toBe(400);
    expect((await complaintOf(trackingCode)).status).toBe('resolved');
  });

  it('disputes a resolved report: back in progress at the OPD with a new resolution deadline; the reason stays internal', async () => {
    const { trackingCode, reporterKey } = await file();
    const row = await complaintOf(trackingCode);
    await toResolved(row.id);
    const res = await pub('POST', `/public/complaints/${trackingCode}/dispute`, { reason: 'Lubang masih ada, alamat saya Jl. Mawar 5' }, keyed(reporterKey));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_progress', dueStage: 'resolution' });
    expect(res.body).not.toContain('Jl. Mawar');
    const after = await complaintOf(trackingCode);
    expect(after).toMatchObject({ status: 'in_progress', opd_id: opdA.id, due_stage: 'resolution', resolved_at: null });
    const ev = await handle.db.selectFrom('complaint_event').selectAll().where('complaint_id', '=', row.id).where('type', '=', 'dispute').executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ from_status: 'resolved', to_status: 'in_progress', charged_to: opdA.id, note: 'Lubang masih ada, alamat saya Jl. Mawar 5' });
    // A dispute of a report that is not resolved is refused.
    expect((await pub('POST', `/public/complaints/${trackingCode}/dispute`, { reason: 'lagi' }, keyed(reporterKey))).statusCode).toBe(409);
  });

  it('adds information to a held report, which goes back to verification', async () => {
    const { trackingCode, reporterKey } = await file();
    const row = await complaintOf(trackingCode);
    await step(row.id, 'hold', 'desk', { note: 'Mohon lampirkan foto dan alamat lengkap.' });
    expect((await complaintOf(trackingCode))).toMatchObject({ status: 'held', due_at: null });
    const res = await pub('POST', `/public/complaints/${trackingCode}/info`, { info: 'Lokasi di RT 03, depan masjid.' }, keyed(reporterKey));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'received', dueStage: 'verification' });
    expect((await pub('POST', `/public/complaints/${trackingCode}/info`, { info: 'lagi' }, keyed(reporterKey))).statusCode).toBe(409);
  });
});

describe('transitions', () => {
  it('records lateness and who held the case, and refuses a stale status', async () => {
    const { trackingCode } = await file();
    const row = await complaintOf(trackingCode);
    await step(row.id, 'verify', 'desk');
    await step(row.id, 'route', 'desk', { opdId: opdA.id });
    // Pretend the first-response deadline passed.
    await handle.db.updateTable('complaint').set({ due_at: new Date(Date.now() - 60_000) }).where('id', '=', row.id).execute();
    const { complaint, eventId } = await step(row.id, 'return', 'opd', { note: 'Bukan kewenangan kami' });
    expect(complaint).toMatchObject({ status: 'verified', opd_id: null, due_stage: 'verification' });
    const ev = await handle.db.selectFrom('complaint_event').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ type: 'return', is_late: true, charged_to: opdA.id, visibility: 'internal', from_status: 'routed', to_status: 'verified' });
    // Re-routed to OPD B.
    await step(row.id, 'route', 'desk', { opdId: opdB.id });
    await expect(step(row.id, 'resolve', 'opd')).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    await expect(step(row.id, 'accept', 'desk')).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    await expect(step(row.id, 'route', 'desk', {})).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(step(row.id, 'route', 'desk', { opdId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
  });

  it('refuses an over-long note with its limit, and stores data without NUL', async () => {
    const { trackingCode } = await file();
    const row = await complaintOf(trackingCode);
    await expect(step(row.id, 'verify', 'desk', { note: 'x'.repeat(10_001) })).rejects.toMatchObject({ code: 'VALIDATION', params: { limit: 10_000, length: 10_001 } });
    const { eventId } = await step(row.id, 'verify', 'desk', { note: 'a\u0000b', data: { 'k\u0000': ['v\u0000'] } });
    const ev = await handle.db.selectFrom('complaint_event').select(['note', 'data']).where('id', '=', eventId).executeTakeFirstOrThrow();
    expect(ev.note).toBe('ab');
    expect(ev.data).toMatchObject({ k: ['v'], by: 'desk' });
    await expect(step(row.id, 'merge', 'desk', { data: { intoId: 'not-a-uuid' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(step(row.id, 'route', 'desk', { opdId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('lets only one of two simultaneous steps from the same status win', async () => {
    const { trackingCode } = await file();
    const row = await complaintOf(trackingCode);
    const results = await Promise.allSettled([step(row.id, 'verify', 'desk'), step(row.id, 'verify', 'desk'), step(row.id, 'verify', 'desk')]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    const events = await handle.db.selectFrom('complaint_event').select('type').where('complaint_id', '=', row.id).execute();
    expect(events).toHaveLength(2);
  });

  it('queues a new-case message to the OPD staff when a case is routed', async () => {
    const { trackingCode } = await file();
    const row = await complaintOf(trackingCode);
    await step(row.id, 'verify', 'desk');
    await step(row.id, 'route', 'desk', { opdId: opdA.id });
    const mails = await handle.db.selectFrom('notification').select(['template', 'recipient']).where('related_id', '=', row.id).where('template', '=', 'opd.new_case').execute();
    expect(mails).toHaveLength(2); // operator and head of OPD A
  });
});

describe('deadlines on the tenant calendar (2026 holidays)', () => {
  it('a report received on 17 March 2026 is due for verification after Idulfitri and cuti bersama', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-17T10:00:00+08:00'));
    const res = await file({ eventDate: '2026-03-10' });
    expect(res.dueAt).toBe('2026-03-27T15:59:59.999Z'); // 27 March, end of day WITA
    // 60 calendar days for resolution, from a response on 27 March.
    const due = await computeDue(handle.db, { id: t1.id, timezone: 'Asia/Makassar' }, { stage: 'resolution', kind: 'pengaduan', categoryId: catRoad, from: new Date('2026-03-27T09:00:00+08:00') });
    expect(due.dueDate).toBe('2026-05-26');
    expect(due.rule.day_type).toBe('calendar');
  });

  it('a deadline rule version for a category applies from its valid_from date on', async () => {
    const add = await as.admin.post('/deadline-rules', { stage: 'verification', categoryId: catOther, days: 1, dayType: 'working', legalSource: 'SOP lokal: ringan', validFrom: '2026-03-01' });
    expect(add.statusCode, add.body).toBe(201);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-17T10:00:00+08:00'));
    expect((await file({ categoryId: catOther })).dueAt).toBe('2026-03-25T15:59:59.999Z'); // next working day after the holidays
    vi.setSystemTime(new Date('2026-02-24T10:00:00+08:00'));
    expect((await file({ categoryId: catOther })).dueAt).toBe('2026-02-27T15:59:59.999Z'); // before valid_from: the 3-day default
    const list = (await as.verifikator.get('/deadline-rules')).json().items;
    expect(list.filter((r: { stage: string; categoryId: string | null }) => r.stage === 'verification')).toHaveLength(2);
    expect(list.find((r: { stage: string }) => r.stage === 'resolution')).toMatchObject({ days: 60, dayType: 'calendar' });
    expect((await as.operatorA.post('/deadline-rules', { stage: 'verification', days: 2, dayType: 'working', legalSource: 'x', validFrom: '2026-01-01' })).statusCode).toBe(403);
    expect((await as.admin.post('/deadline-rules', { stage: 'verification', days: 0, dayType: 'working', legalSource: 'x', validFrom: '2026-01-01' })).statusCode).toBe(400);
  });
});

describe('staff: intake, categories, routing', () => {
  it('files on behalf of a phone caller (desk only), the channel recorded', async () => {
    const res = await as.verifikator.post('/complaints', { ...report(), channel: 'phone', reporter: { name: 'Penelepon', phone: '0812 1111 2222' } });
    expect(res.statusCode, res.body).toBe(201);
    const row = await complaintOf(res.json().trackingCode);
    expect(row).toMatchObject({ channel: 'phone', status: 'received' });
    expect(row.created_by).toBeTruthy();
    expect((await as.operatorA.post('/complaints', { ...report(), channel: 'phone' })).statusCode).toBe(403);
    expect((await as.verifikator.post('/complaints', { ...report(), channel: 'web' })).statusCode).toBe(400);
  });

  it('manages categories (admin writes, staff reads, codes unique)', async () => {
    const created = await as.admin.post('/complaint-categories', { code: 'sampah', name: 'Sampah', sortOrder: 5 });
    expect(created.statusCode).toBe(201);
    expect((await as.admin.post('/complaint-categories', { code: 'sampah', name: 'Lagi' })).statusCode).toBe(409);
    expect((await as.admin.post('/complaint-categories', { code: 'Bad Code', name: 'x' })).statusCode).toBe(400);
    expect((await as.verifikator.post('/complaint-categories', { code: 'x-y', name: 'x' })).statusCode).toBe(403);
    const patched = await as.admin.patch(`/complaint-categories/${created.json().id}`, { isActive: false });
    expect(patched.json()).toMatchObject({ code: 'sampah', isActive: false });
    expect((await pub('GET', '/public/categories')).body).not.toContain('sampah');
    expect((await as.operatorA.get('/complaint-categories?includeInactive=true')).json().items.map((c: { code: string }) => c.code)).toContain('sampah');
    // An inactive category cannot be chosen.
    expect((await pub('POST', '/public/complaints', report({ categoryId: created.json().id }), { 'idempotency-key': key() })).statusCode).toBe(400);
  });

  it('resolves routing: desa rule beats kecamatan rule beats the category-wide rule', async () => {
    const cat = (await as.admin.post('/complaint-categories', { code: 'adminduk', name: 'Adminduk' })).json().id;
    const opdC = await buildOpd(handle.db, t1);
    expect((await as.admin.post('/routing-rules', { categoryId: cat, opdId: opdA.id })).statusCode).toBe(201);
    expect((await as.admin.post('/routing-rules', { categoryId: cat, regionCode: kec, opdId: opdB.id })).statusCode).toBe(201);
    const desaRule = await as.admin.post('/routing-rules', { categoryId: cat, regionCode: desa, opdId: opdC.id });
    expect(desaRule.statusCode).toBe(201);
    expect((await as.admin.post('/routing-rules', { categoryId: cat, regionCode: desa, opdId: opdA.id })).statusCode).toBe(409);
    expect((await as.admin.post('/routing-rules', { categoryId: cat, regionCode: '99.99.99', opdId: opdA.id })).statusCode).toBe(400);
    const resolve = async (q: string) => (await as.verifikator.get(`/routing/resolve?categoryId=${cat}${q}`)).json().suggestion;
    expect(await resolve(`&regionCode=${desa}`)).toMatchObject({ opdId: opdC.id, matchedRegionCode: desa, source: 'routing_table' });
    expect(await resolve(`&regionCode=${kec}.1001`)).toMatchObject({ opdId: opdB.id, matchedRegionCode: kec });
    expect(await resolve('')).toMatchObject({ opdId: opdA.id, matchedRegionCode: null });
    expect(await resolve(`&regionCode=${desa}`)).toBeTruthy();
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/routing-rules/${desaRule.json().id}`, headers: await sessionHeaders(handle.db, await buildUser(handle.db, t1, [{ role: 'admin' }])) });
    expect(del.statusCode).toBe(204);
    expect(await resolve(`&regionCode=${desa}`)).toMatchObject({ opdId: opdB.id });
    const list = (await as.operatorA.get(`/routing-rules?categoryId=${cat}`)).json().items;
    expect(list).toHaveLength(2);
    expect((await as.operatorA.post('/routing-rules', { categoryId: cat, opdId: opdA.id })).statusCode).toBe(403);
    const none = (await as.verifikator.get(`/routing/resolve?categoryId=${crypto.randomUUID()}`)).json();
    expect(none).toEqual({ suggestion: null });
  });
});

describe('seeding', () => {
  it('seeds the demo categories, their routing and the default deadline rules, idempotently', async () => {
    const { seedDemoComplaintSetup, DEMO_CATEGORIES } = await import('./categories-service.js');
    const t = await buildTenant(handle.db);
    const pupr = await buildOpd(handle.db, t, { short_name: 'PUPR' });
    const org = await buildOpd(handle.db, t, { short_name: 'Bag. Organisasi' });
    await handle.db.transaction().execute((tx) => seedDemoComplaintSetup(tx, t.id));
    await handle.db.transaction().execute((tx) => seedDemoComplaintSetup(tx, t.id));
    const cats = await handle.db.selectFrom('complaint_category').select(['id', 'code']).where('tenant_id', '=', t.id).execute();
    expect(cats.map((c) => c.code).sort()).toEqual(DEMO_CATEGORIES.map((c) => c.code).sort());
    const rules = await handle.db.selectFrom('routing_rule').select(['category_id', 'opd_id', 'region_code']).where('tenant_id', '=', t.id).execute();
    const byCode = new Map(cats.map((c) => [c.id, c.code]));
    expect(rules.map((r) => [byCode.get(r.category_id), r.opd_id, r.region_code]).sort()).toEqual([['jalan-rusak', pupr.id, null], ['lainnya', org.id, null]]);
    const deadlines = await handle.db.selectFrom('deadline_rule').select(['stage', 'days', 'day_type']).where('tenant_id', '=', t.id).orderBy('stage').execute();
    expect(deadlines).toEqual([
      { stage: 'auto_close', days: 10, day_type: 'working' },
      { stage: 'escalation_bupati', days: 5, day_type: 'working' },
      { stage: 'escalation_sekda', days: 5, day_type: 'working' },
      { stage: 'first_response', days: 5, day_type: 'working' },
      { stage: 'resolution', days: 60, day_type: 'calendar' },
      { stage: 'verification', days: 3, day_type: 'working' },
    ]);
  });
});

describe('cli', () => {
  it('complaints-seed-deadlines adds the defaults to a tenant once', async () => {
    const { seedDeadlinesCommand } = await import('./cli.js');
    const t = await buildTenant(handle.db);
    const lines: string[] = [];
    const run = () => seedDeadlinesCommand.run({ config: app.deps.config, openDb: async () => handle, args: { tenant: t.slug }, positional: [], out: (l) => lines.push(l) });
    expect(await run()).toBe(0);
    expect(await run()).toBe(0);
    expect(lines[0]).toMatch(/6 default rule\(s\) added/);
    expect(lines[1]).toMatch(/already has the default rules/);
    const n = await handle.db.selectFrom('deadline_rule').select('id').where('tenant_id', '=', t.id).execute();
    expect(n).toHaveLength(6);
    expect(await seedDeadlinesCommand.run({ config: app.deps.config, openDb: async () => handle, args: { tenant: 'tidak-ada-xyz' }, positional: [], out: () => {} })).toBe(1);
  });
});

describe('OpenAPI', () => {
  it('documents the public and staff routes of the complaints core', () => {
    const doc = (app as unknown as { swagger(): { paths: Record<string, Record<string, { tags?: string[] }>> } }).swagger();
    for (const [path, method] of [
      ['/api/v1/public/complaints', 'post'], ['/api/v1/public/complaints/{code}', 'get'], ['/api/v1/public/complaints/{code}/confirm', 'post'],
      ['/api/v1/public/complaints/{code}/dispute', 'post'], ['/api/v1/public/complaints/{code}/info', 'post'], ['/api/v1/public/categories', 'get'],
      ['/api/v1/complaints', 'post'], ['/api/v1/complaint-categories', 'post'], ['/api/v1/routing-rules', 'get'], ['/api/v1/routing/resolve', 'get'], ['/api/v1/deadline-rules', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['complaints']);
    }
  });
});

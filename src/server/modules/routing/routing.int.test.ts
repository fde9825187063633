/**
 * Routing suggestions end to end (issue #6 [G]): policy, bad input, cold-start keyword
 * rules and their admin edits, the override feedback loop and the accuracy figure,
 * retraining on confirmed routings, auto-route with its audit trail, and the CLI's
 * train/predict on a synthetic fixture (mechanics only).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildCategory, buildComplaint } from '../../../../test/helpers/complaints.js';
import { testConfig } from '../../../../test/helpers/app.js';
import type { CliContext } from '../../../cli/command.js';
import { predictCommand, trainCommand } from './cli.js';
import { trainAndStore } from './model-store.js';
import { invalidateRoutingRefs } from './suggest-service.js';
import { autoRouteSweep, retrainTenant } from './training.js';
import { routingRetrainJob } from './jobs.js';

let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;
let other: TestTenant;
let pupr: { id: string };
let dukcapil: { id: string };
let dlh: { id: string };
const h: Record<string, Record<string, string>> = {};

const ROAD = 'Jalan di depan sekolah rusak parah, banyak lubang dan jembatan hampir ambruk';
const KTP = 'KTP elektronik saya belum jadi, blanko habis, kartu keluarga juga belum dicetak';
const TRASH = 'Sampah menumpuk di TPS tidak diangkut, bau busuk dan limbah mencemari sungai';

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  tenant = await buildTenant(db);
  other = await buildTenant(db);
  pupr = await buildOpd(db, tenant, { name: 'Dinas Pekerjaan Umum dan Penataan Ruang', short_name: 'PUPR' });
  dukcapil = await buildOpd(db, tenant, { name: 'Dinas Kependudukan dan Pencatatan Sipil', short_name: 'Disdukcapil' });
  dlh = await buildOpd(db, tenant, { name: 'Dinas Lingkungan Hidup', short_name: 'DLH' });
  await buildOpd(db, other, { name: 'Dinas Pekerjaan Umum', short_name: 'PU' });
  const users = {
    desk: await buildUser(db, tenant, [{ role: 'verifikator' }]),
    admin: await buildUser(db, tenant, [{ role: 'admin' }]),
    opd: await buildUser(db, tenant, [{ role: 'operator_opd', opdId: pupr.id }]),
    leader: await buildUser(db, tenant, [{ role: 'pimpinan' }]),
    warga: await buildUser(db, tenant, [{ role: 'warga' }]),
    otherDesk: await buildUser(db, other, [{ role: 'verifikator' }]),
  };
  for (const [k, u] of Object.entries(users)) h[k] = await sessionHeaders(db, u);
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const api = (t: TestTenant) => `/r/${t.slug}/api/v1`;
const suggest = (headers: Record<string, string>, payload: unknown, t = tenant) =>
  app.inject({ method: 'POST', url: `${api(t)}/routing/suggest`, headers, payload: payload as object });

describe('policy', () => {
  it('refuses no login (401), other roles and other tenants (403)', async () => {
    expect((await suggest({}, { text: ROAD })).statusCode).toBe(401);
    expect((await suggest(h.warga, { text: ROAD })).statusCode).toBe(403);
    expect((await suggest(h.opd, { text: ROAD })).statusCode).toBe(403);
    expect((await suggest(h.leader, { text: ROAD })).statusCode).toBe(403);
    expect((await suggest(h.otherDesk, { text: ROAD })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `${api(tenant)}/routing/stats`, headers: h.otherDesk })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `${api(tenant)}/routing/stats`, headers: h.leader })).statusCode).toBe(200);
    const put = await app.inject({ method: 'PUT', url: `${api(tenant)}/routing/keyword-rules/${pupr.id}`, headers: h.desk, payload: { keywords: ['jalan'] } });
    expect(put.statusCode).toBe(403);
    const patch = await app.inject({ method: 'PATCH', url: `${api(tenant)}/routing/settings`, headers: h.desk, payload: { autoRoute: true } });
    expect(patch.statusCode).toBe(403);
  });
});

describe('bad input', () => {
  it('empty text: 400 naming the field', async () => {
    for (const text of ['', '   ']) {
      const res = await suggest(h.desk, { text });
      expect(res.statusCode).toBe(400);
      expect(res.json().details[0].field).toBe('text');
    }
  });

  it('100 KB of text: 400 with the limit', async () => {
    const res = await suggest(h.desk, { text: 'jalan rusak '.repeat(9_000) });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('20000');
  });

  it('emoji only or another language: a low-confidence answer, not a guess', async () => {
    const emoji = await suggest(h.desk, { text: '😡😡😡 !!! 🙏' });
    expect(emoji.statusCode).toBe(200);
    expect(emoji.json()).toMatchObject({ confident: false, opds: [] });
    expect(emoji.json().message).toMatch(/kata/);
    const en = await suggest({ ...h.desk, 'accept-language': 'en' }, { text: 'The weather is lovely and my cat sleeps all day' });
    expect(en.statusCode).toBe(200);
    expect(en.json().confident).toBe(false);
    expect(en.json().message).toMatch(/Not sure/);
  });

  it('unknown fields and unknown cases are refused', async () => {
    expect((await suggest(h.desk, { text: ROAD, extra: 1 })).statusCode).toBe(400);
    expect((await suggest(h.desk, { text: ROAD, complaintId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });
});

describe('cold start: keyword rules per OPD kind', () => {
  it('suggests from the rules generated from the OPD names, then from the admin edits', async () => {
    const road = (await suggest(h.desk, { text: ROAD })).json();
    expect(road).toMatchObject({ source: 'keywords', modelVersion: null, confident: true });
    expect(road.opds[0]).toMatchObject({ opdId: pupr.id, shortName: 'PUPR' });
    expect(road.opds.length).toBeLessThanOrEqual(3);
    expect((await suggest(h.desk, { text: KTP })).json().opds[0].opdId).toBe(dukcapil.id);

    const rules = (await app.inject({ method: 'GET', url: `${api(tenant)}/routing/keyword-rules`, headers: h.desk })).json().items;
    expect(rules.find((r: { opdId: string }) => r.opdId === pupr.id).keywords).toContain('jembatan');

    // The admin teaches DLH about "eceng gondok"; nobody else knows the word.
    const before = (await suggest(h.desk, { text: 'eceng gondok memenuhi danau' })).json();
    expect(before.opds).toEqual([]);
    const put = await app.inject({ method: 'PUT', url: `${api(tenant)}/routing/keyword-rules/${dlh.id}`, headers: h.admin, payload: { keywords: ['sampah', 'eceng gondok', 'danau'] } });
    expect(put.statusCode).toBe(200);
    expect(put.json().keywords).toEqual(['sampah', 'eceng gondok', 'danau']);
    const after = (await suggest(h.desk, { text: 'eceng gondok memenuhi danau' })).json();
    expect(after.opds[0].opdId).toBe(dlh.id);
    const bad = await app.inject({ method: 'PUT', url: `${api(tenant)}/routing/keyword-rules/00000000-0000-4000-8000-000000000000`, headers: h.admin, payload: { keywords: ['x'] } });
    expect(bad.statusCode).toBe(400);
    const audit = await handle.db.selectFrom('audit_log').select('action').where('tenant_id', '=', tenant.id).where('action', 'like', 'routing.keyword%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['routing.keyword_rule.update', 'routing.keyword_rules.seed']);
  });
});

describe('feedback loop', () => {
  it('records accepted and overridden routings, shows the accuracy, and learns from confirmed ones', async () => {
    const db = handle.db;
    const a = (await buildComplaint(db, tenant, { status: 'verified', title: 'Jalan rusak', description: ROAD })).complaint;
    const b = (await buildComplaint(db, tenant, { status: 'verified', title: 'Sampah', description: TRASH })).complaint;
    // c: never shown to the desk; the suggestion is computed when it is routed.
    const c = (await buildComplaint(db, tenant, { status: 'verified', title: 'KTP', description: KTP })).complaint;
    const sa = (await suggest(h.desk, { text: ROAD, complaintId: a.id })).json();
    expect(sa.suggestionId).toBeTruthy();
    const sb = (await suggest(h.desk, { text: TRASH, complaintId: b.id })).json();
    expect(sb.opds[0].opdId).toBe(dlh.id);

    const route = (id: string, opdId: string) => app.inject({ method: 'POST', url: `${api(tenant)}/complaints/${id}/actions/route`, headers: h.desk, payload: { opdId } });
    expect((await route(a.id, pupr.id)).statusCode).toBe(200); // accepted
    expect((await route(b.id, pupr.id)).statusCode).toBe(200); // overridden: the desk knows better
    expect((await route(c.id, dukcapil.id)).statusCode).toBe(200);

    const fb = await db.selectFrom('routing_feedback').selectAll().where('tenant_id', '=', tenant.id).execute();
    const of = (id: string) => fb.find((f) => f.complaint_id === id)!;
    expect(of(a.id)).toMatchObject({ outcome: 'accepted', chosen_rank: 1, suggested_opd_id: pupr.id, source: 'keywords', suggestion_id: sa.suggestionId });
    expect(of(b.id)).toMatchObject({ outcome: 'overridden', suggested_opd_id: dlh.id, chosen_opd_id: pupr.id });
    expect(of(c.id)).toMatchObject({ outcome: 'accepted', source: 'keywords' });
    const routeSuggestion = await db.selectFrom('routing_suggestion').select('purpose').where('tenant_id', '=', tenant.id).where('complaint_id', '=', c.id).executeTakeFirstOrThrow();
    expect(routeSuggestion.purpose).toBe('route');

    const stats = (await app.inject({ method: 'GET', url: `${api(tenant)}/routing/stats`, headers: h.desk })).json();
    expect(stats.windows[0]).toMatchObject({ days: 30, total: 3, accepted: 2 });
    expect(stats.windows[0].acceptedRate).toBeCloseTo(0.667, 2);
    expect(stats.source).toBe('keywords');

    // Not enough confirmed cases: no model yet.
    expect(await retrainTenant(db, tenant.id)).toEqual({ trained: false, reason: 'not_enough_history' });
    // The OPDs accept their cases (confirmed routings; b is an override the model must learn).
    const more = [
      ...Array.from({ length: 6 }, (_, i) => ({ opd: pupr.id, text: `jalan berlubang aspal rusak nomor ${i} jembatan` })),
      ...Array.from({ length: 6 }, (_, i) => ({ opd: dukcapil.id, text: `ktp kk akta kelahiran belum jadi ${i}` })),
      ...Array.from({ length: 6 }, (_, i) => ({ opd: pupr.id, text: `sampah bau menumpuk di selokan jalan ${i}` })),
    ];
    for (const m of more) await buildComplaint(db, tenant, { status: 'accepted', opd_id: m.opd, title: 'Laporan', description: m.text });
    await db.updateTable('complaint').set({ status: 'accepted' }).where('tenant_id', '=', tenant.id).where('id', 'in', [a.id, b.id, c.id]).execute();
    const patch = await app.inject({ method: 'PATCH', url: `${api(tenant)}/routing/settings`, headers: h.admin, payload: { minConfirmed: 10, retrainEvery: 5 } });
    expect(patch.json()).toMatchObject({ minConfirmed: 10, retrainEvery: 5, autoRoute: false });
    invalidateRoutingRefs(tenant.id);
    const trained = await retrainTenant(db, tenant.id);
    expect(trained).toMatchObject({ trained: true, version: 1, examples: 21 });
    expect(await retrainTenant(db, tenant.id)).toEqual({ trained: false, reason: 'up_to_date' });

    const now = (await suggest(h.desk, { text: 'sampah menumpuk bau di selokan' })).json();
    expect(now).toMatchObject({ source: 'model', modelVersion: 1 });
    expect(now.opds[0].opdId).toBe(pupr.id); // learned from the overrides, not the keyword rule
    const models = (await app.inject({ method: 'GET', url: `${api(tenant)}/routing/models`, headers: h.desk })).json().items;
    expect(models.find((m: { labelType: string; isActive: boolean }) => m.labelType === 'opd' && m.isActive)).toMatchObject({ version: 1, nExamples: 21, source: 'job' });
  });
});

describe('auto-route', () => {
  it('routes a confident case once, as routing.auto, with the model version and score audited', async () => {
    const db = handle.db;
    const t = await buildTenant(db);
    const road = await buildOpd(db, t, { name: 'Dinas PUPR', short_name: 'PUPR' });
    const id = await buildOpd(db, t, { name: 'Disdukcapil', short_name: 'Capil' });
    const examples = [
      ...['jalan rusak berlubang', 'jembatan ambruk', 'aspal jalan mengelupas', 'jalan berlubang parah', 'drainase jalan mampet'].map((text) => ({ text, label: road.id })),
      ...['ktp belum jadi', 'kartu keluarga hilang', 'akta kelahiran anak', 'blanko ktp habis', 'kk belum dicetak'].map((text) => ({ text, label: id.id })),
    ];
    await db.transaction().execute((tx) => trainAndStore(tx, { tenantId: t.id, labelType: 'opd', examples, source: 'cli', options: { minDf: 1 } }));
    const sure = (await buildComplaint(db, t, { status: 'received', title: 'Jalan rusak berlubang', description: 'jalan rusak berlubang parah, aspal mengelupas' })).complaint;
    const unsure = (await buildComplaint(db, t, { status: 'received', title: 'Hal lain', description: 'the weather today' })).complaint;

    // Off by default: nothing happens.
    expect((await autoRouteSweep(db)).routed).toBe(0);
    await db.insertInto('routing_settings').values({ tenant_id: t.id, auto_route: true, auto_route_threshold: 0.6 }).execute();
    invalidateRoutingRefs(t.id);
    const r1 = await autoRouteSweep(db);
    expect(r1.routed).toBe(1);
    expect((await autoRouteSweep(db)).routed).toBe(0); // each case is looked at once

    const routed = await db.selectFrom('complaint').select(['status', 'opd_id']).where('tenant_id', '=', t.id).where('id', '=', sure.id).executeTakeFirstOrThrow();
    expect(routed).toEqual({ status: 'routed', opd_id: road.id });
    const left = await db.selectFrom('complaint').select(['status', 'opd_id']).where('tenant_id', '=', t.id).where('id', '=', unsure.id).executeTakeFirstOrThrow();
    expect(left).toEqual({ status: 'received', opd_id: null });

    const audit = await db.selectFrom('audit_log').select(['action', 'actor_label', 'after']).where('tenant_id', '=', t.id).where('entity_id', '=', sure.id).execute();
    const auto = audit.find((a) => a.action === 'routing.auto_route')!;
    expect(auto.actor_label).toBe('routing.auto');
    const after = (typeof auto.after === 'string' ? JSON.parse(auto.after) : auto.after) as Record<string, unknown>;
    expect(after).toMatchObject({ opd_id: road.id, model_version: 1, threshold: 0.6 });
    expect(after.score as number).toBeGreaterThanOrEqual(0.6);
    expect(audit.find((a) => a.action === 'complaint.route')!.actor_label).toBe('routing.auto');
    const fb = await db.selectFrom('routing_feedback').selectAll().where('tenant_id', '=', t.id).execute();
    expect(fb).toHaveLength(1);
    expect(fb[0]).toMatchObject({ outcome: 'auto', chosen_opd_id: road.id, model_version: 1 });
  });
});

describe('the retrain job', () => {
  it('retrains the named tenant when forced and drops old suggestions never tied to a case', async () => {
    const db = handle.db;
    const t = await buildTenant(db);
    const a = await buildOpd(db, t, { name: 'Dinas PUPR', short_name: 'PUPR' });
    const b = await buildOpd(db, t, { name: 'Disdukcapil', short_name: 'Capil' });
    for (const [opd, text] of [[a.id, 'jalan rusak'], [a.id, 'jembatan ambruk'], [b.id, 'ktp belum jadi'], [b.id, 'akta kelahiran']]) {
      await buildComplaint(db, t, { status: 'closed', opd_id: opd, title: 'Laporan', description: text });
    }
    const old = await db.insertInto('routing_suggestion').values({ tenant_id: t.id, complaint_id: null, source: 'none', model_id: null, model_version: null, top_opds: '[]', top_categories: '[]', confident: false, created_by: null, created_at: new Date(Date.now() - 40 * 86_400_000) }).returning('id').executeTakeFirstOrThrow();
    const fresh = await db.insertInto('routing_suggestion').values({ tenant_id: t.id, complaint_id: null, source: 'none', model_id: null, model_version: null, top_opds: '[]', top_categories: '[]', confident: false, created_by: null }).returning('id').executeTakeFirstOrThrow();
    const logged: unknown[] = [];
    const log = { info: (o: object) => logged.push(o), warn: () => {}, error: () => {} };
    await routingRetrainJob.run({ config: testConfig(), db, handle }, { tenantId: t.id, force: true }, { jobId: 1, attempt: 1, tenantId: null, log });
    const model = await db.selectFrom('routing_model').select(['version', 'n_examples', 'source', 'is_active']).where('tenant_id', '=', t.id).executeTakeFirstOrThrow();
    expect(model).toEqual({ version: 1, n_examples: 4, source: 'job', is_active: true });
    const left = await db.selectFrom('routing_suggestion').select('id').where('tenant_id', '=', t.id).execute();
    expect(left.map((r) => r.id)).toEqual([fresh.id]);
    expect(left.map((r) => r.id)).not.toContain(old.id);
  });
});

describe('category suggestions', () => {
  it('come from the category model when there is one, else from the routing table of the suggested OPDs', async () => {
    const db = handle.db;
    const t = await buildTenant(db);
    const road = await buildOpd(db, t, { name: 'Dinas Pekerjaan Umum dan Penataan Ruang', short_name: 'PUPR' });
    const jalan = await buildCategory(db, t, 'jalan', 'Jalan rusak');
    const adminduk = await buildCategory(db, t, 'adminduk', 'Administrasi kependudukan');
    await db.insertInto('routing_rule').values({ tenant_id: t.id, category_id: jalan.id, region_code: null, opd_id: road.id }).execute();
    const desk = await sessionHeaders(db, await buildUser(db, t, [{ role: 'verifikator' }]));
    const viaTable = (await suggest(desk, { text: ROAD }, t)).json();
    expect(viaTable.source).toBe('keywords');
    expect(viaTable.categories[0]).toMatchObject({ categoryId: jalan.id, code: 'jalan' });

    const examples = [
      ...['jalan rusak', 'jembatan ambruk', 'aspal berlubang'].map((text) => ({ text, label: jalan.id })),
      ...['ktp belum jadi', 'akta kelahiran', 'kartu keluarga'].map((text) => ({ text, label: adminduk.id })),
    ];
    await db.transaction().execute((tx) => trainAndStore(tx, { tenantId: t.id, labelType: 'category', examples, source: 'cli', options: { minDf: 1 } }));
    invalidateRoutingRefs(t.id);
    const viaModel = (await suggest(desk, { text: 'ktp saya belum jadi' }, t)).json();
    expect(viaModel.categories[0]).toMatchObject({ categoryId: adminduk.id, code: 'adminduk' });
  });
});

describe('CLI train and predict (synthetic fixture)', () => {
  function cli(args: Record<string, string>) {
    const lines: string[] = [];
    const ctx: CliContext = { config: testConfig(), args, positional: [], out: (l) => lines.push(l), openDb: async () => handle };
    return { ctx, lines };
  }

  it('trains from text,label with OPD short names, predicts in order, names bad rows', async () => {
    const db = handle.db;
    const t = await buildTenant(db);
    await buildOpd(db, t, { name: 'Dinas PUPR', short_name: 'PUPR' });
    await buildOpd(db, t, { name: 'Dinas Kependudukan', short_name: 'Disdukcapil' });
    await buildCategory(db, t as TestTenant, 'jalan', 'Jalan');
    const dir = mkdtempSync(path.join(tmpdir(), 'routing-'));
    const good = path.join(dir, 'train.csv');
    writeFileSync(good, ['id,text,label', ...['jalan rusak', 'jembatan ambruk', 'aspal berlubang', 'jalan berlubang'].map((x, i) => `${i},${x},PUPR`), ...['ktp belum jadi', 'kartu keluarga', 'akta kelahiran', 'blanko ktp'].map((x, i) => `${i + 10},"${x}",disdukcapil`)].join('\n'));
    const train = cli({ csv: good, tenant: t.code });
    expect(await trainCommand.run(train.ctx)).toBe(0);
    expect(train.lines[0]).toMatch(/opd model version 1 trained on 8 rows/);

    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'text,label\njalan rusak,PUPR\nktp,Dinas Entah\nsampah,XYZ\n');
    const b = cli({ csv: bad, tenant: t.code });
    expect(await trainCommand.run(b.ctx)).toBe(1);
    expect(b.lines[0]).toMatch(/line 3 "Dinas Entah".*line 4 "XYZ"/);
    const noHeader = path.join(dir, 'nohead.csv');
    writeFileSync(noHeader, 'kalimat,kelas\na,b\n');
    const nh = cli({ csv: noHeader, tenant: t.code });
    expect(await trainCommand.run(nh.ctx)).toBe(1);
    expect(nh.lines[0]).toMatch(/"text" and "label"/);

    const input = path.join(dir, 'predict.csv');
    writeFileSync(input, 'text\njalan berlubang dan rusak\nktp saya belum jadi\n');
    const p = cli({ csv: input, tenant: t.code });
    expect(await predictCommand.run(p.ctx)).toBe(0);
    const out = p.lines.map((l) => JSON.parse(l));
    expect(out).toHaveLength(2);
    expect(out[0].label).toBe('PUPR');
    expect(out[1].label).toBe('Disdukcapil');
    expect(out[0].top[0]).toEqual({ label: 'PUPR', score: expect.any(Number) });
  });
});

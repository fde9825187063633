/**
 * SKM over HTTP on PGlite and PostgreSQL: policy, the public form and idempotent submit,
 * bad input in id/en, questionnaire weights, flag + exclude (audited, counted), results
 * equal to the engine on the raw answers, QR/poster/report files, public results.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUnit, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { computeIkm, frac } from './ikm.js';
import { localParts } from './period.js';
import * as repo from './repo.js';

let handle: DbHandle;
let app: FastifyInstance;
let t1: TestTenant;
let t2: TestTenant;
let opdA: { id: string };
let opdB: { id: string };
let unitA: { id: string; name: string };
let unitB: { id: string };
const H: Record<string, Record<string, string>> = {};

let ipSeq = 0;
const freshIp = () => `10.9.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;
const today = () => localParts(new Date(), 'Asia/Makassar').date;
const semester = () => ({ year: Number(today().slice(0, 4)), part: Number(today().slice(5, 7)) <= 6 ? 1 : 2 });

function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, opts: { body?: unknown; as?: string; headers?: Record<string, string>; ip?: string; tenant?: TestTenant } = {}) {
  return app.inject({
    method,
    url: `/r/${(opts.tenant ?? t1).slug}/api/v1${url}`,
    payload: opts.body as object,
    headers: { ...(opts.as ? H[opts.as] : {}), ...(opts.headers ?? {}) },
    remoteAddress: opts.ip ?? freshIp(),
  });
}

let formCache: { questionnaire: { id: string; unsur: Array<{ key: string }> } } | null = null;
async function form() {
  if (!formCache) {
    const res = await api('GET', `/public/skm/form?unit=${unitA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    formCache = res.json();
  }
  return formCache!;
}

async function submit(answers: Record<string, number>, over: Record<string, unknown> = {}, ip?: string, headers: Record<string, string> = {}) {
  const f = await form();
  const body = { clientId: crypto.randomUUID(), unitId: unitA.id, questionnaireId: f.questionnaire.id, answers, profile: { sex: 'P', age: 34, education: 'D4/S1', occupation: 'Swasta' }, answeredAt: new Date().toISOString(), ...over };
  return { body, res: await api('POST', '/public/skm/responses', { body, ip, headers }) };
}

const all = (v: number) => Object.fromEntries((formCache?.questionnaire.unsur ?? []).map((u) => [u.key, v]));

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  t1 = await buildTenant(db);
  t2 = await buildTenant(db);
  opdA = await buildOpd(db, t1);
  opdB = await buildOpd(db, t1);
  unitA = await buildUnit(db, t1, opdA.id, 'Loket Perizinan Terpadu');
  unitB = await buildUnit(db, t1, opdB.id);
  const users = {
    admin: await buildUser(db, t1, [{ role: 'admin' }]),
    opA: await buildUser(db, t1, [{ role: 'operator_opd', opdId: opdA.id }]),
    opB: await buildUser(db, t1, [{ role: 'operator_opd', opdId: opdB.id }]),
    pimpinan: await buildUser(db, t1, [{ role: 'pimpinan' }]),
    other: await buildUser(db, t2, [{ role: 'admin' }]),
  };
  for (const [k, u] of Object.entries(users)) H[k] = await sessionHeaders(db, u);
  await form();
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('policy', () => {
  it('no login → 401, another tenant → 403, another OPD → 403, own OPD → 201', async () => {
    const body = { unitId: unitA.id, kind: 'semester', year: 2025, part: 1, population: 220 };
    expect((await api('GET', '/skm/periods')).statusCode).toBe(401);
    expect((await api('POST', '/skm/periods', { body })).statusCode).toBe(401);
    expect((await api('POST', '/skm/periods', { body, as: 'other' })).statusCode).toBe(403);
    expect((await api('GET', `/skm/results?unitId=${unitA.id}&year=2025`, { as: 'other' })).statusCode).toBe(403);
    expect((await api('POST', '/skm/periods', { body, as: 'opB' })).statusCode).toBe(403);
    expect((await api('GET', `/skm/results?unitId=${unitA.id}&year=2025`, { as: 'opB' })).statusCode).toBe(403);
    expect((await api('GET', `/skm/results?year=2025`, { as: 'opA' })).statusCode).toBe(403);
    const ok = await api('POST', '/skm/periods', { body, as: 'opA' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ startsOn: '2025-01-01', endsOn: '2025-06-30', label: 'Semester 1 Tahun 2025', population: 220 });
    expect((await api('POST', '/skm/periods', { body, as: 'opA' })).statusCode).toBe(409);
    expect((await api('GET', `/skm/results?unitId=${unitA.id}&year=2025`, { as: 'pimpinan' })).statusCode).toBe(200);
    expect((await api('POST', `/skm/units/${unitA.id}/counters`, { body: { code: 'L9', name: 'Loket 9' }, as: 'pimpinan' })).statusCode).toBe(403);
    expect((await api('POST', `/skm/questionnaires`, { body: { unsur: [{ key: 'a', name: 'A', options: ['1', '2', '3', '4'], weight: '1' }] }, as: 'opA' })).statusCode).toBe(403);
  });
});

describe('public form and submission', () => {
  it('the form has the 9 unsur of PermenPANRB 14/2017 with exact 1/9 weights; unknown unit → 404', async () => {
    const f = (await api('GET', `/public/skm/form?unit=${unitA.id}`)).json();
    expect(f.unit).toMatchObject({ id: unitA.id, name: unitA.name });
    expect(f.questionnaire.unsur.map((u: { name: string }) => u.name)).toContain('Penanganan Pengaduan, Saran dan Masukan');
    expect(f.questionnaire.unsur).toHaveLength(9);
    expect(f.sexOptions).toEqual(['L', 'P']);
    const q = (await api('GET', '/skm/questionnaires/current', { as: 'admin' })).json();
    expect(q.unsur.every((u: { weight: string }) => u.weight === '1/9')).toBe(true);
    expect((await api('GET', `/public/skm/form?unit=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await api('GET', `/public/skm/form?unit=${unitA.id}`, { tenant: t2 })).statusCode).toBe(404);
  });

  it('the same clientId twice → one row and the same id (even with another body)', async () => {
    const { body, res } = await submit(all(3));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const again = await api('POST', '/public/skm/responses', { body });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id, clientId: body.clientId, status: 'received' });
    const other = await api('POST', '/public/skm/responses', { body: { ...body, answers: all(1) } });
    expect(other.statusCode).toBe(200);
    expect(other.json().id).toBe(id);
    const rows = await handle.db.selectFrom('skm_response').select(['id', 'answers']).where('tenant_id', '=', t1.id).where('client_id', '=', body.clientId).execute();
    expect(rows).toHaveLength(1);
    expect(Object.values(rows[0].answers)).toEqual(Array(9).fill(3));
  });

  it('bad input → 400 in Indonesian or English naming the field', async () => {
    const bad = await submit({ persyaratan: 5 });
    expect(bad.res.statusCode).toBe(400);
    expect(bad.res.json().message).toMatch(/persyaratan/);
    const unknown = await submit({ tidak_ada: 3 });
    expect(unknown.res.statusCode).toBe(400);
    expect(unknown.res.json().message).toBe('Unsur tidak_ada (answers.tidak_ada) tidak ada dalam kuesioner versi ini.');
    const en = await submit({ tidak_ada: 3 }, {}, undefined, { 'accept-language': 'en' });
    expect(en.res.json().message).toBe('Unsur tidak_ada (answers.tidak_ada) is not in this questionnaire version.');
    const future = await submit(all(4), { answeredAt: new Date(Date.now() + 3600_000).toISOString() }, undefined, { 'accept-language': 'en' });
    expect(future.res.statusCode).toBe(400);
    expect(future.res.json().message).toMatch(/answeredAt/);
    const empty = await submit({});
    expect(empty.res.statusCode).toBe(400);
    const unit = await submit(all(4), { unitId: crypto.randomUUID() });
    expect(unit.res.statusCode).toBe(400);
    expect(unit.res.json().message).toMatch(/unitId/);
  });
});

describe('questionnaire versions', () => {
  it('weights must sum to exactly 1 (400 naming weight); a valid re-weighting becomes the next version', async () => {
    const opts = ['1', '2', '3', '4'];
    const bad = await api('POST', '/skm/questionnaires', { as: 'admin', body: { unsur: ['a', 'b', 'c'].map((key) => ({ key, name: key, options: opts, weight: '0.333' })) } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/weight/);
    expect(bad.json().message).toMatch(/999\/1000/);
    const badEn = await api('POST', '/skm/questionnaires', { as: 'admin', headers: { 'accept-language': 'en' }, body: { unsur: [{ key: 'a', name: 'A', options: opts, weight: 'x' }] } });
    expect(badEn.statusCode).toBe(400);
    expect(badEn.json().message).toMatch(/Weight of unsur a \(weight\)/);
    // a throw-away tenant, so the main tenant keeps the default questionnaire
    const t3 = await buildTenant(handle.db);
    const admin3 = await sessionHeaders(handle.db, await buildUser(handle.db, t3, [{ role: 'admin' }]));
    const ok = await app.inject({ method: 'POST', url: `/r/${t3.slug}/api/v1/skm/questionnaires`, headers: admin3, payload: { unsur: [{ key: 'a', name: 'A', options: opts, weight: '1/3' }, { key: 'b', name: 'B', options: opts, weight: '2/3' }] } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ version: 2, unsur: [{ key: 'a', weight: '1/3' }, { key: 'b', weight: '2/3' }] });
  });
});

describe('flagging, exclusion and results', () => {
  it('an identical repeat from the same device is flagged; excluding it is audited and counted; results equal the engine on raw answers', async () => {
    const ip = freshIp();
    const sem = semester();
    const period = (await api('POST', '/skm/periods', { as: 'admin', body: { unitId: unitA.id, kind: 'semester', year: sem.year, part: sem.part, population: 100 } })).json();
    const first = await submit({ ...all(4), biaya: 2 }, {}, ip, { 'user-agent': 'HP murah' });
    const repeat = await submit({ ...all(4), biaya: 2 }, {}, ip, { 'user-agent': 'HP murah' });
    expect(first.res.statusCode).toBe(201);
    expect(repeat.res.statusCode).toBe(201);
    await submit({ ...all(2), waktu: 1, sarana: 3 });
    await submit({ persyaratan: 3, prosedur: 4 });
    const flagged = (await api('GET', `/skm/responses?periodId=${period.id}`, { as: 'opA' })).json().items;
    expect(flagged.map((x: { id: string }) => x.id)).toEqual([repeat.res.json().id]);
    expect(flagged[0]).toMatchObject({ flagged: true, flagReason: 'repeat', excluded: false });

    const before = (await api('GET', `/skm/results?periodId=${period.id}`, { as: 'opA' })).json();
    expect(before.flagged).toBe(1);
    const ex = await api('POST', `/skm/responses/${repeat.res.json().id}/exclude`, { as: 'opA', body: { reason: 'Jawaban ganda dari perangkat yang sama' } });
    expect(ex.statusCode, ex.body).toBe(200);
    expect((await api('POST', `/skm/responses/${repeat.res.json().id}/exclude`, { as: 'opA', body: { reason: 'lagi lagi' } })).statusCode).toBe(409);
    expect((await api('POST', `/skm/responses/${first.res.json().id}/exclude`, { as: 'opB', body: { reason: 'bukan OPD saya' } })).statusCode).toBe(403);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'entity_id']).where('tenant_id', '=', t1.id).where('action', '=', 'skm.response.exclude').execute();
    expect(audit).toEqual([{ action: 'skm.response.exclude', entity_id: repeat.res.json().id }]);

    const after = (await api('GET', `/skm/results?periodId=${period.id}`, { as: 'opA' })).json();
    expect(after.excluded).toBe(1);
    expect(after.respondents).toBe(before.respondents - 1);
    expect(after.sample).toMatchObject({ population: 100, required: 80, adequate: false, message: 'Sampel belum memenuhi' });

    // the aggregates equal the naive aggregate, and the API equals the engine on the raw answers
    const raw = await repo.rawTallies(handle.db, t1.id, [unitA.id], period.startsOn, period.endsOn);
    const agg = await repo.aggregateTallies(handle.db, t1.id, [unitA.id], period.startsOn, `${period.endsOn.slice(0, 7)}-01`);
    const key = (r: repo.AggRow) => `${r.questionnaire_id}|${r.unsur_key}|${r.sum}|${r.count}`;
    expect(agg.map(key).sort()).toEqual(raw.map(key).sort());
    const rows = await handle.db.selectFrom('skm_response').select('answers').where('tenant_id', '=', t1.id).where('unit_id', '=', unitA.id).where('excluded', '=', false).execute();
    const tallies: Record<string, { sum: number; count: number }> = {};
    for (const r of rows) for (const [k, v] of Object.entries(r.answers)) ((tallies[k] ??= { sum: 0, count: 0 }).sum += v), tallies[k].count++;
    const engine = computeIkm(formCache!.questionnaire.unsur.map((u) => ({ key: u.key, weight: frac(1, 9) })), tallies);
    expect(after.respondents).toBe(rows.length);
    expect(after.converted).toBe(engine.converted);
    expect(after.mutu).toBe(engine.mutu);
    expect(after.ikm).toBeCloseTo(engine.ikm!, 12);
    expect(after.weakest.map((w: { key: string }) => w.key)).toEqual(engine.weakest);
    expect(after.breakdowns.sex.find((b: { value: string }) => b.value === 'P').respondents).toBeGreaterThan(0);

    // OPD and tenant pool the same respondents here (one unit with answers)
    const opd = (await api('GET', `/skm/results?opdId=${opdA.id}&kind=semester&year=${sem.year}&part=${sem.part}`, { as: 'pimpinan' })).json();
    expect(opd).toMatchObject({ scope: 'opd', respondents: after.respondents, converted: after.converted, excluded: 1 });
    expect(opd.units).toHaveLength(1);

    const restore = await api('POST', `/skm/responses/${repeat.res.json().id}/restore`, { as: 'admin', body: {} });
    expect(restore.statusCode).toBe(200);
    expect((await api('GET', `/skm/results?periodId=${period.id}`, { as: 'opA' })).json()).toMatchObject({ excluded: 0, respondents: before.respondents });

    // the report PDF, publication and public results
    const pdf = await api('GET', `/skm/periods/${period.id}/report.pdf`, { as: 'opA' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await api('GET', `/public/skm/results?unit=${unitA.id}`)).json().items).toEqual([]);
    const pub = await api('POST', `/skm/periods/${period.id}/publications`, { as: 'opA', body: { channel: 'website', publishedOn: today(), url: 'https://contoh.go.id/ikm' } });
    expect(pub.statusCode, pub.body).toBe(201);
    const publicRes = (await api('GET', `/public/skm/results?unit=${unitA.id}`)).json().items;
    expect(publicRes).toHaveLength(1);
    expect(publicRes[0]).toMatchObject({ unitId: unitA.id, respondents: before.respondents, converted: before.converted });
  });
});

describe('anti-stuffing', () => {
  it('a burst from one device is flagged (stored, counted), kiosks get a higher limit', async () => {
    const ip = freshIp();
    const f = await form();
    const send = (i: number, mode: 'online' | 'kiosk') =>
      api('POST', '/public/skm/responses', { ip, headers: { 'user-agent': `tablet-${mode}` }, body: { clientId: crypto.randomUUID(), unitId: unitB.id, questionnaireId: f.questionnaire.id, answers: { persyaratan: 1 + (i % 4), waktu: 1 + ((i >> 2) % 4) }, profile: {}, answeredAt: new Date().toISOString(), mode } });
    const online: string[] = [];
    for (let i = 0; i < 12; i++) online.push((await send(i, 'online')).json().id);
    const kiosk: string[] = [];
    for (let i = 0; i < 12; i++) kiosk.push((await send(i, 'kiosk')).json().id);
    const rows = await handle.db.selectFrom('skm_response').select(['id', 'flag_reason']).where('tenant_id', '=', t1.id).where('unit_id', '=', unitB.id).where('id', 'in', [...online, ...kiosk]).execute();
    const reason = new Map(rows.map((r) => [r.id, r.flag_reason]));
    expect(online.map((id) => reason.get(id))).toEqual([...Array(10).fill(null), 'burst', 'burst']);
    expect(kiosk.every((id) => reason.get(id) === null)).toBe(true);
  });
});

describe('paper import', () => {
  it('a file with one bad row imports nothing and names the row; a good file imports', async () => {
    const p = (await api('POST', '/skm/periods', { as: 'admin', body: { unitId: unitB.id, kind: 'quarter', year: 2026, part: 1 } })).json();
    const tpl = await api('GET', `/skm/periods/${p.id}/import-template`, { as: 'admin' });
    expect(tpl.statusCode).toBe(200);
    const header = tpl.body.trim();
    expect(header.split(',')).toEqual(expect.arrayContaining(['tanggal', 'persyaratan', 'pengaduan', 'saran']));
    const xlsx = await api('GET', `/skm/periods/${p.id}/import-template?format=xlsx`, { as: 'admin' });
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const cols = header.split(',');
    const line = (v: Record<string, string>) => cols.map((c) => v[c] ?? '').join(',');
    const good = { tanggal: '2026-02-03', jam: '09:30', jenis_kelamin: 'L', usia: '41', pendidikan: 'SMA', pekerjaan: 'Wirausaha', persyaratan: '3', prosedur: '3', waktu: '2', biaya: '4', produk: '3', kompetensi: '3', perilaku: '4', sarana: '3', pengaduan: '2' };
    const badFile = [header, line(good), line({ ...good, waktu: '7' }), line(good)].join('\n');
    const upload = (csv: string) => {
      const boundary = 'b0undary';
      const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kertas.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
      return app.inject({ method: 'POST', url: `/r/${t1.slug}/api/v1/skm/periods/${p.id}/import`, headers: { ...H.opB, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload, remoteAddress: freshIp() });
    };
    const bad = await upload(badFile);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'IMPORT_INVALID', details: [{ row: 3, column: 'waktu' }] });
    expect(bad.json().details[0].message).toMatch(/"7"/);
    const count = async () => Number((await handle.db.selectFrom('skm_response').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t1.id).where('unit_id', '=', unitB.id).where('source', '=', 'paper').executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(0);
    const outside = await upload([header, line({ ...good, tanggal: '2026-05-01' })].join('\n'));
    expect(outside.json().details[0]).toMatchObject({ row: 2, column: 'tanggal' });
    const ok = await upload([header, line(good), line({ ...good, waktu: '' }), line(good)].join('\n'));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().imported).toBe(3);
    expect(await count()).toBe(3);
    const res = (await api('GET', `/skm/results?periodId=${p.id}`, { as: 'opB' })).json();
    expect(res.respondents).toBe(3);
    expect(res.nrr.find((n: { key: string }) => n.key === 'waktu').value).toBe(2);
    // the imported rows are in the profile breakdowns at once (the import adds them to the aggregates)
    const bd = (rows: repo.BreakdownRow[]) => rows.map((r) => `${r.dimension}|${r.value}|${r.unsur_key}|${r.sum}|${r.count}|${r.respondents}`).sort();
    const fromAgg = await repo.profileBreakdown(handle.db, t1.id, [unitB.id], '2026-01-01', '2026-03-01');
    expect(bd(fromAgg)).toEqual(bd(await repo.rawProfileBreakdown(handle.db, t1.id, [unitB.id], '2026-01-01', '2026-03-31')));
    expect(fromAgg.find((r) => r.dimension === 'occupation' && r.unsur_key === 'waktu')).toMatchObject({ value: 'Wirausaha', sum: 4, count: 2, respondents: 3 });
    const unfolded = await handle.db.selectFrom('skm_response').select('id').where('tenant_id', '=', t1.id).where('unit_id', '=', unitB.id).where('source', '=', 'paper').where('folded', '=', false).execute();
    expect(unfolded).toEqual([]); // the paper rows are read from the aggregates, not the tail
  });
});

describe('QR codes and posters', () => {
  it('PNG, SVG and PDF with the right content types and magic bytes; the link opens the unit', async () => {
    const c = await api('POST', `/skm/units/${unitA.id}/counters`, { as: 'opA', body: { code: 'L1', name: 'Loket 1' } });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().surveyUrl).toMatch(new RegExp(`/r/${t1.slug}/survei/${unitA.id}\\?loket=L1$`));
    const png = await api('GET', `/skm/qr?unitId=${unitA.id}&loket=L1`, { as: 'opA' });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const svg = await api('GET', `/skm/qr?unitId=${unitA.id}&loket=L1&format=svg`, { as: 'opA' });
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toMatch(/<svg/);
    for (const size of ['A4', 'A5']) {
      const pdf = await api('GET', `/skm/poster?unitId=${unitA.id}&loket=L1&size=${size}`, { as: 'opA' });
      expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    expect((await api('GET', `/skm/qr?unitId=${unitA.id}`, { as: 'opB' })).statusCode).toBe(403);
    const f = (await api('GET', `/public/skm/form?unit=${unitA.id}&loket=L1&petugas=P07`)).json();
    expect(f).toMatchObject({ counter: { code: 'L1', name: 'Loket 1' }, officerCode: 'P07' });
  });
});

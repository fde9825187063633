/**
 * Service standards on a real database (PGlite and PostgreSQL): policy first, then every
 * life-cycle step through the API (allowed and refused), establishment checks, uploads
 * checked by content, the availability level at each of its six cases, consultation
 * comments inside and outside the window, the public page, the poster and the review job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUnit, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildPdf, buildPng, multipartBody } from '../../../../test/helpers/attachments.js';
import type { TComponents } from '../../../shared/schemas/standards.js';
import { getServiceTimeLimit, runReviewSweep } from './service.js';
import { renderNotification } from '../notifications/templates.js';

let handle: DbHandle;
let app: FastifyInstance;
beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
}, 60_000);

const api = (t: TestTenant, path: string) => `/r/${t.slug}/api/v1${path}`;

const FULL: TComponents = {
  dasar_hukum: 'UU 25/2009 tentang Pelayanan Publik\n\n- Perda 3/2020',
  persyaratan: ['Fotokopi KK', 'Surat pengantar RT/RW'],
  prosedur: ['Pemohon mengambil nomor antrean', 'Petugas memeriksa berkas', 'Dokumen diserahkan'],
  jangka_waktu: { value: 3, unit: 'hari_kerja' },
  biaya: { kind: 'gratis', legalBasis: 'UU 24/2013 Pasal 79A' },
  produk: ['KTP-el'],
  sarana_prasarana: 'Ruang tunggu ber-AC, **kursi roda**',
  kompetensi_pelaksana: 'Minimal SMA, pelatihan SIAK',
  pengawasan_internal: 'Kepala bidang dan Inspektorat',
  penanganan_pengaduan: [{ type: 'web', value: 'https://prima.example/lapor' }, { type: 'wa', value: '0812-0000-0000' }],
  jumlah_pelaksana: '6 orang',
  jaminan_pelayanan: 'Dijamin sesuai standar',
  jaminan_keamanan: 'Data pribadi dilindungi',
  evaluasi_kinerja: 'Evaluasi setiap triwulan',
};

interface World {
  t: TestTenant;
  opdId: string;
  unitId: string;
  serviceId: string;
  admin: Record<string, string>;
  kepala: Record<string, string>;
  operator: Record<string, string>;
  otherOperator: Record<string, string>;
  verifikator: Record<string, string>;
}

async function world(): Promise<World> {
  const db = handle.db;
  const t = await buildTenant(db);
  const opd = await buildOpd(db, t);
  const other = await buildOpd(db, t);
  const unit = await buildUnit(db, t, opd.id);
  const service = await db.insertInto('service').values({ tenant_id: t.id, unit_id: unit.id, name: 'Penerbitan KTP-el', description: 'Kartu tanda penduduk elektronik' }).returning('id').executeTakeFirstOrThrow();
  const h = async (roles: Parameters<typeof buildUser>[2]) => sessionHeaders(db, await buildUser(db, t, roles));
  return {
    t, opdId: opd.id, unitId: unit.id, serviceId: service.id,
    admin: await h([{ role: 'admin' }]),
    kepala: await h([{ role: 'kepala_opd', opdId: opd.id }]),
    operator: await h([{ role: 'operator_opd', opdId: opd.id }]),
    otherOperator: await h([{ role: 'operator_opd', opdId: other.id }]),
    verifikator: await h([{ role: 'verifikator' }]),
  };
}

async function newService(w: World, name = 'Akta Kelahiran') {
  return (await handle.db.insertInto('service').values({ tenant_id: w.t.id, unit_id: w.unitId, name, description: null }).returning('id').executeTakeFirstOrThrow()).id;
}

async function create(w: World, serviceId = w.serviceId, headers = w.operator) {
  const res = await app.inject({ method: 'POST', url: api(w.t, '/standards'), headers, payload: { serviceId } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; level: number; missing: string[]; allowedActions: string[] };
}

const act = (w: World, id: string, headers: Record<string, string>, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: api(w.t, `/standards/${id}/actions`), headers, payload });

const fill = (w: World, id: string, components: TComponents = FULL, headers = w.operator) =>
  app.inject({ method: 'PATCH', url: api(w.t, `/standards/${id}`), headers, payload: { components } });

function upload(w: World, id: string, path: 'signed-pdf' | 'flow-diagram', file: { filename: string; contentType: string; data: Buffer }, headers = w.operator) {
  const body = multipartBody([{ name: 'file', ...file }]);
  return app.inject({ method: 'POST', url: api(w.t, `/standards/${id}/${path}`), headers: { ...headers, ...body.headers }, payload: body.payload });
}

const ESTABLISH = { action: 'establish', decreeNumber: 'SK Kepala Dinas No. 100/12/2026', decreeDate: '2026-01-15', decreeSigner: 'Kepala Dinas' };

/** Draft → filled → signed PDF → established → published, by the OPD's head. */
async function publishedStandard(w: World, serviceId = w.serviceId) {
  const s = await create(w, serviceId);
  expect((await fill(w, s.id)).statusCode).toBe(200);
  expect((await upload(w, s.id, 'signed-pdf', { filename: 'sk.pdf', contentType: 'application/pdf', data: buildPdf() })).statusCode).toBe(200);
  expect((await act(w, s.id, w.kepala, ESTABLISH)).statusCode).toBe(200);
  const res = await act(w, s.id, w.kepala, { action: 'publish' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; status: string; level: number };
}

describe('standards policy', () => {
  let w: World;
  let other: World;
  beforeAll(async () => {
    w = await world();
    other = await world();
  });

  it('answers 401 without login, for reads and writes', async () => {
    for (const [method, path, payload] of [['GET', '/standards', undefined], ['POST', '/standards', { serviceId: w.serviceId }], ['GET', '/maklumat', undefined], ['PUT', '/standards/settings', { reviewIntervalMonths: 6 }], ['POST', '/maklumat', { unitId: w.unitId }]] as const) {
      const res = await app.inject({ method, url: api(w.t, path), payload });
      expect(res.statusCode, `${method} ${path}`).toBe(401);
    }
  });

  it('answers 403 to a user of another tenant', async () => {
    const res = await app.inject({ url: api(w.t, '/standards'), headers: other.admin });
    expect(res.statusCode).toBe(403);
    const s = await create(w);
    expect((await app.inject({ url: api(w.t, `/standards/${s.id}`), headers: other.admin })).statusCode).toBe(403);
    // …and through its own tenant's path, the other tenant's standard does not exist
    expect((await app.inject({ url: api(other.t, `/standards/${s.id}`), headers: other.admin })).statusCode).toBe(404);
  });

  it('answers 403 to the operator of another OPD, for create, edit and steps', async () => {
    const sid = await newService(w);
    expect((await app.inject({ method: 'POST', url: api(w.t, '/standards'), headers: w.otherOperator, payload: { serviceId: sid } })).statusCode).toBe(403);
    const s = await create(w, sid);
    expect((await fill(w, s.id, FULL, w.otherOperator)).statusCode).toBe(403);
    expect((await act(w, s.id, w.otherOperator, { action: 'open_consultation', consultationStart: '2026-01-01T00:00:00Z', consultationEnd: '2026-02-01T00:00:00Z' })).statusCode).toBe(403);
    expect((await upload(w, s.id, 'signed-pdf', { filename: 'sk.pdf', contentType: 'application/pdf', data: buildPdf() }, w.otherOperator)).statusCode).toBe(403);
    // reading is for every staff member
    expect((await app.inject({ url: api(w.t, `/standards/${s.id}`), headers: w.otherOperator })).statusCode).toBe(200);
    expect((await app.inject({ url: api(w.t, `/standards/${s.id}`), headers: w.verifikator })).statusCode).toBe(200);
  });

  it('lets only an admin change the review interval', async () => {
    expect((await app.inject({ method: 'PUT', url: api(w.t, '/standards/settings'), headers: w.kepala, payload: { reviewIntervalMonths: 6 } })).statusCode).toBe(403);
    const res = await app.inject({ method: 'PUT', url: api(w.t, '/standards/settings'), headers: w.admin, payload: { reviewIntervalMonths: 6 } });
    expect(res.json()).toEqual({ reviewIntervalMonths: 6 });
  });
});

describe('standard life cycle through the API', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it('walks draft → consultation → draft → established → published → under_review → published → revised, audited', async () => {
    const s = await create(w);
    expect(s.status).toBe('draft');
    expect(s.level).toBe(1);
    expect(s.allowedActions).toEqual(['open_consultation']);
    expect((await fill(w, s.id)).json().missing).toEqual([]);

    let res = await act(w, s.id, w.operator, { action: 'open_consultation', consultationStart: '2026-01-01T00:00:00Z', consultationEnd: '2026-01-10T00:00:00Z' });
    expect(res.json().status).toBe('consultation');
    // components are frozen during consultation
    expect((await fill(w, s.id)).statusCode).toBe(409);
    res = await act(w, s.id, w.operator, { action: 'reopen_draft' });
    expect(res.json().status).toBe('draft');

    // an operator may not establish; the head may (after the PDF)
    expect((await upload(w, s.id, 'signed-pdf', { filename: 'sk.pdf', contentType: 'application/pdf', data: buildPdf() })).statusCode).toBe(200);
    res = await act(w, s.id, w.operator, ESTABLISH);
    expect(res.statusCode).toBe(403);
    res = await act(w, s.id, w.kepala, ESTABLISH);
    expect(res.json()).toMatchObject({ status: 'established', decreeNumber: ESTABLISH.decreeNumber, decreeDate: '2026-01-15', level: 3 });
    expect((await act(w, s.id, w.operator, { action: 'publish' })).statusCode).toBe(403);
    res = await act(w, s.id, w.kepala, { action: 'publish' });
    expect(res.json().status).toBe('published');
    expect(res.json().reviewDueAt).not.toBeNull();

    res = await act(w, s.id, w.operator, { action: 'start_review' });
    expect(res.json().status).toBe('under_review');
    res = await act(w, s.id, w.operator, { action: 'complete_review' });
    expect(res.json()).toMatchObject({ status: 'published' });
    expect(res.json().reviewCompletedAt).not.toBeNull();

    res = await act(w, s.id, w.operator, { action: 'revise' });
    const v2 = res.json();
    expect(v2).toMatchObject({ version: 2, status: 'draft', components: FULL });
    expect(v2.id).not.toBe(s.id);
    expect(v2.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'draft'], [1, 'revised']]);

    const actions = await handle.db.selectFrom('audit_log').select('action').where('tenant_id', '=', w.t.id).where('entity_id', '=', s.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual([
      'standards.standard.create', 'standards.standard.update', 'standards.standard.open_consultation', 'standards.standard.reopen_draft',
      'standards.standard.upload_signed_pdf', 'standards.standard.establish', 'standards.standard.publish', 'standards.standard.start_review',
      'standards.standard.complete_review', 'standards.standard.revise',
    ]);

    // publishing v2 supersedes v1; v1 stays readable
    expect((await upload(w, v2.id, 'signed-pdf', { filename: 'sk2.pdf', contentType: 'application/pdf', data: buildPdf() })).statusCode).toBe(200);
    expect((await act(w, v2.id, w.kepala, { ...ESTABLISH, decreeNumber: 'SK No. 2' })).statusCode).toBe(200);
    expect((await act(w, v2.id, w.kepala, { action: 'publish' })).statusCode).toBe(200);
    const v1 = (await app.inject({ url: api(w.t, `/standards/${s.id}`), headers: w.verifikator })).json();
    expect(v1.status).toBe('superseded');
  });

  it('refuses each step from a status it does not start from, with 409 naming the status', async () => {
    const sid = await newService(w, 'Kartu Keluarga');
    const s = await create(w, sid);
    const refused: Array<[string, Record<string, unknown>]> = [
      ['reopen_draft', {}], ['publish', {}], ['start_review', {}], ['complete_review', {}], ['revise', {}],
    ];
    for (const [action, extra] of refused) {
      const res = await act(w, s.id, w.kepala, { action, ...extra });
      expect(res.statusCode, action).toBe(409);
      expect(res.json().code).toBe('TRANSITION_NOT_ALLOWED');
      expect(res.json().message).toContain('Draf');
    }
    // a second standard for the same service is refused
    const again = await app.inject({ method: 'POST', url: api(w.t, '/standards'), headers: w.operator, payload: { serviceId: sid } });
    expect(again.statusCode).toBe(409);
    // an established one cannot go back to consultation or be edited
    await fill(w, s.id);
    await upload(w, s.id, 'signed-pdf', { filename: 'sk.pdf', contentType: 'application/pdf', data: buildPdf() });
    expect((await act(w, s.id, w.kepala, ESTABLISH)).statusCode).toBe(200);
    expect((await act(w, s.id, w.kepala, { action: 'open_consultation', consultationStart: '2026-01-01T00:00:00Z', consultationEnd: '2026-01-02T00:00:00Z' })).statusCode).toBe(409);
    expect((await act(w, s.id, w.kepala, ESTABLISH)).statusCode).toBe(409);
    expect((await fill(w, s.id)).statusCode).toBe(409);
  });

  it('refuses establishment naming each missing component and decree field (400)', async () => {
    const s = await create(w, await newService(w, 'Surat Pindah'));
    await fill(w, s.id, { persyaratan: ['KTP'], jangka_waktu: { value: 1, unit: 'jam' } });
    const res = await app.inject({ method: 'POST', url: api(w.t, `/standards/${s.id}/actions`), headers: { ...w.kepala, 'accept-language': 'id' }, payload: { action: 'establish', decreeNumber: 'SK 1' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION');
    const fields = body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(['decreeDate', 'decreeSigner', 'signedPdf', 'components.dasar_hukum', 'components.prosedur', 'components.biaya', 'components.produk',
      'components.sarana_prasarana', 'components.kompetensi_pelaksana', 'components.pengawasan_internal', 'components.penanganan_pengaduan',
      'components.jumlah_pelaksana', 'components.jaminan_pelayanan', 'components.jaminan_keamanan', 'components.evaluasi_kinerja']);
    expect(body.message).toContain('Dasar hukum');
    expect(body.message).toContain('Biaya/tarif');
    expect(body.message).toContain('Tanggal SK');
    expect(body.message).not.toContain('Persyaratan');
  });

  it('refuses a decree date in the future (400 naming decreeDate)', async () => {
    const s = await create(w, await newService(w, 'Akta Kematian'));
    await fill(w, s.id);
    await upload(w, s.id, 'signed-pdf', { filename: 'sk.pdf', contentType: 'application/pdf', data: buildPdf() });
    const future = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
    const res = await act(w, s.id, w.kepala, { ...ESTABLISH, decreeDate: future });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('decreeDate');
    expect(res.json().message).toContain(future);
  });

  it('refuses a "signed PDF" that is really a PNG, and a PDF as flow diagram (400 FILE_INVALID)', async () => {
    const s = await create(w, await newService(w, 'KIA'));
    let res = await upload(w, s.id, 'signed-pdf', { filename: 'sk.pdf', contentType: 'application/pdf', data: buildPng() });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_INVALID');
    res = await upload(w, s.id, 'signed-pdf', { filename: 'sk.png', contentType: 'image/png', data: buildPng() });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('PDF');
    res = await upload(w, s.id, 'flow-diagram', { filename: 'alur.pdf', contentType: 'application/pdf', data: buildPdf() });
    expect(res.statusCode).toBe(400);
    res = await upload(w, s.id, 'flow-diagram', { filename: 'alur.png', contentType: 'image/png', data: buildPng({ text: true }) });
    expect(res.statusCode).toBe(200);
    expect(res.json().hasFlowDiagram).toBe(true);
    expect(res.json().hasSignedPdf).toBe(false);
  });

  it('validates components (unknown fields, bad time unit) with 400', async () => {
    const s = await create(w, await newService(w, 'Legalisir'));
    expect((await fill(w, s.id, { jangka_waktu: { value: 2, unit: 'minggu' } } as never)).statusCode).toBe(400);
    expect((await fill(w, s.id, { foo: 'x' } as never)).statusCode).toBe(400);
    expect((await fill(w, s.id, { biaya: { kind: 'tarif', amount: -5, legalBasis: 'Perda' } } as never)).statusCode).toBe(400);
  });
});

describe('availability level, consultation comments and the public side', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  const level = async (serviceId: string) => {
    const list = (await app.inject({ url: api(w.t, '/standards'), headers: w.verifikator })).json().items as Array<{ serviceId: string; level: number }>;
    return list.find((i) => i.serviceId === serviceId)!.level;
  };

  it('computes each of the six levels from the record', async () => {
    const sid = await newService(w, 'Layanan Level');
    expect(await level(sid)).toBe(0);
    const s = await create(w, sid);
    expect(await level(sid)).toBe(1);
    await fill(w, s.id);
    expect(await level(sid)).toBe(2);

    // consultation open now, a citizen comments, staff answer
    const start = new Date(Date.now() - 3600_000).toISOString();
    const end = new Date(Date.now() + 86400_000).toISOString();
    expect((await act(w, s.id, w.operator, { action: 'open_consultation', consultationStart: start, consultationEnd: end })).statusCode).toBe(200);
    const c = await app.inject({ method: 'POST', url: api(w.t, `/public/standards/${s.id}/comments`), payload: { body: 'Mohon persyaratan surat pengantar RT dihapus.', name: 'Budi' } });
    expect(c.statusCode, c.body).toBe(201);
    const listed = (await app.inject({ url: api(w.t, '/standards'), headers: w.verifikator })).json().items.find((i: { serviceId: string }) => i.serviceId === sid);
    expect(listed.openComments).toBe(1);
    await upload(w, s.id, 'signed-pdf', { filename: 'sk.pdf', contentType: 'application/pdf', data: buildPdf() });
    expect((await act(w, s.id, w.kepala, ESTABLISH)).statusCode).toBe(200);
    expect(await level(sid)).toBe(3); // established, but the comment is not answered yet
    const ans = await app.inject({ method: 'POST', url: api(w.t, `/standards/comments/${c.json().id}/answer`), headers: w.operator, payload: { answer: 'Terima kasih, sudah disederhanakan.' } });
    expect(ans.statusCode).toBe(200);
    expect(await level(sid)).toBe(4);
    await act(w, s.id, w.kepala, { action: 'publish' });
    await act(w, s.id, w.operator, { action: 'start_review' });
    expect(await level(sid)).toBe(4);
    await act(w, s.id, w.operator, { action: 'complete_review' });
    expect(await level(sid)).toBe(5);
  });

  it('refuses comments outside the window or when no consultation is open (4xx), and answers by another OPD', async () => {
    const s = await create(w, await newService(w, 'Layanan Konsultasi'));
    let res = await app.inject({ method: 'POST', url: api(w.t, `/public/standards/${s.id}/comments`), payload: { body: 'Draf belum dibuka' } });
    expect(res.statusCode).toBe(409);
    const past = { consultationStart: '2025-01-01T00:00:00Z', consultationEnd: '2025-01-15T00:00:00Z' };
    await act(w, s.id, w.operator, { action: 'open_consultation', ...past });
    res = await app.inject({ method: 'POST', url: api(w.t, `/public/standards/${s.id}/comments`), payload: { body: 'Terlambat' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/tidak sedang dibuka/);
    await act(w, s.id, w.operator, { action: 'reopen_draft' });
    const future = { consultationStart: new Date(Date.now() + 86400_000).toISOString(), consultationEnd: new Date(Date.now() + 2 * 86400_000).toISOString() };
    await act(w, s.id, w.operator, { action: 'open_consultation', ...future });
    res = await app.inject({ method: 'POST', url: api(w.t, `/public/standards/${s.id}/comments`), payload: { body: 'Terlalu awal' } });
    expect(res.statusCode).toBe(409);
    // a window whose end is before its start
    await act(w, s.id, w.operator, { action: 'reopen_draft' });
    res = await act(w, s.id, w.operator, { action: 'open_consultation', consultationStart: '2026-02-01T00:00:00Z', consultationEnd: '2026-01-01T00:00:00Z' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('consultationEnd');
  });

  it('the public page never shows drafts or management components; the catalogue searches in Indonesian', async () => {
    const draftSid = await newService(w, 'Rekomendasi Izin Keramaian');
    const d = await create(w, draftSid);
    await fill(w, d.id);
    let res = await app.inject({ url: api(w.t, `/public/services/${draftSid}`) });
    expect(res.statusCode).toBe(200);
    expect(res.json().standard).toBeNull();
    expect(res.body).not.toContain('Fotokopi KK');

    const pubSid = await newService(w, 'Penerbitan Akta Kelahiran');
    const p = await publishedStandard(w, pubSid);
    res = await app.inject({ url: api(w.t, `/public/services/${pubSid}`) });
    const page = res.json();
    expect(page.standard.id).toBe(p.id);
    expect(Object.keys(page.standard.components).sort()).toEqual(['biaya', 'jangka_waktu', 'penanganan_pengaduan', 'persyaratan', 'produk', 'prosedur']);
    for (const m of ['Ruang tunggu', 'Minimal SMA', 'Inspektorat', '6 orang', 'Data pribadi dilindungi', 'triwulan', 'UU 25/2009 tentang']) expect(res.body).not.toContain(m);
    expect(page.links.survey).toMatch(new RegExp(`/r/${w.t.slug}/survei/${w.unitId}$`));
    expect(page.links.complaint).toMatch(new RegExp(`/r/${w.t.slug}/lapor$`));
    expect(page.versions).toHaveLength(1);
    expect(page.level).toBe(3);

    // search: stemmed Indonesian ("kelahiran" → "lahir") and by part of a name, filter by OPD
    let cat = (await app.inject({ url: api(w.t, '/public/catalogue?q=lahir') })).json();
    expect(cat.items.map((i: { serviceId: string }) => i.serviceId)).toContain(pubSid);
    expect(cat.items.find((i: { serviceId: string }) => i.serviceId === pubSid)).toMatchObject({ published: true, level: 3, free: true, timeLimit: { value: 3, unit: 'hari_kerja' } });
    cat = (await app.inject({ url: api(w.t, '/public/catalogue?q=keram') })).json();
    expect(cat.items.map((i: { name: string }) => i.name)).toEqual(['Rekomendasi Izin Keramaian']);
    expect(cat.items[0].published).toBe(false);
    cat = (await app.inject({ url: api(w.t, `/public/catalogue?opdId=${w.opdId}`) })).json();
    expect(cat.total).toBeGreaterThanOrEqual(2);
    const otherOpd = await buildOpd(handle.db, w.t);
    cat = (await app.inject({ url: api(w.t, `/public/catalogue?opdId=${otherOpd.id}`) })).json();
    expect(cat.total).toBe(0);
    // another tenant sees none of these
    const t2 = await buildTenant(handle.db);
    expect((await app.inject({ url: api(t2, '/public/catalogue') })).json().total).toBe(0);
    expect((await app.inject({ url: api(t2, `/public/services/${pubSid}`) })).statusCode).toBe(404);

    // the complaint module's time limit
    expect(await getServiceTimeLimit(handle.db, w.t.id, pubSid)).toEqual({ value: 3, unit: 'hari_kerja' });
    expect(await getServiceTimeLimit(handle.db, w.t.id, draftSid)).toBeNull();
  });

  it('serves the poster as an A4 PDF', async () => {
    const sid = await newService(w, 'Poster Layanan');
    await publishedStandard(w, sid);
    const res = await app.inject({ url: api(w.t, `/public/services/${sid}/poster.pdf`) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    // A short standard is one sheet: the QR codes and their links fit above the bottom margin.
    expect(res.rawPayload.toString('latin1').match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
  });

  it('moves published standards due for review with the job, once', async () => {
    const sid = await newService(w, 'Layanan Tinjau');
    const p = await publishedStandard(w, sid);
    const later = new Date(Date.now() + 400 * 86400_000);
    const [a, b] = await Promise.all([runReviewSweep(handle.db, later), runReviewSweep(handle.db, later)]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    const row = (await app.inject({ url: api(w.t, `/standards/${p.id}`), headers: w.verifikator })).json();
    expect(row.status).toBe('under_review');
    const audits = await handle.db.selectFrom('audit_log').select('action').where('entity_id', '=', p.id).where('action', '=', 'standards.standard.start_review').execute();
    expect(audits).toHaveLength(1);
    // one e-mail to each operator and head of the service's OPD (not another OPD's), once
    const staff = await handle.db.selectFrom('app_user as a').innerJoin('user_role as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.user_id', '=', 'a.id'))
      .select('a.email').where('a.tenant_id', '=', w.t.id).where('r.opd_id', '=', w.opdId).where('r.role', 'in', ['operator_opd', 'kepala_opd']).execute();
    expect(staff).toHaveLength(2);
    const outbox = () => handle.db.selectFrom('notification').select(['recipient', 'template', 'locale', 'params']).where('tenant_id', '=', w.t.id).where('related_id', '=', p.id).orderBy('recipient').execute();
    const sent = await outbox();
    expect(sent.map((n) => n.recipient)).toEqual(staff.map((x) => x.email).sort());
    expect(sent[0]).toMatchObject({ template: 'standards.review_due', locale: 'id', params: { serviceName: 'Layanan Tinjau', version: 1 } });
    expect((sent[0].params as { publishedOn: string }).publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const rendered = renderNotification('standards.review_due', sent[0].params as Record<string, unknown>, { locale: 'id', tenant: { name: w.t.name, slug: w.t.slug, timezone: 'Asia/Makassar' }, publicUrl: 'https://prima.example.go.id' });
    expect(rendered.subject).toBe('Standar pelayanan perlu ditinjau: Layanan Tinjau');
    expect(rendered.text).toContain(`https://prima.example.go.id/r/${w.t.slug}/standar`);
    await runReviewSweep(handle.db, later);
    expect(await outbox()).toHaveLength(2);
  });
});

describe('maklumat', () => {
  it('goes draft → established → published with signer, head only, shown on the public page', async () => {
    const w = await world();
    let res = await app.inject({ method: 'POST', url: api(w.t, '/maklumat'), headers: w.operator, payload: { unitId: w.unitId, body: 'Kami sanggup menyelenggarakan pelayanan sesuai standar.' } });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    res = await app.inject({ method: 'POST', url: api(w.t, `/maklumat/${m.id}/actions`), headers: w.kepala, payload: { action: 'establish' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('Nama penanda tangan');
    await app.inject({ method: 'PATCH', url: api(w.t, `/maklumat/${m.id}`), headers: w.operator, payload: { signerName: 'Drs. H. Ahmad', signerTitle: 'Kepala Dinas' } });
    expect((await app.inject({ method: 'POST', url: api(w.t, `/maklumat/${m.id}/actions`), headers: w.operator, payload: { action: 'establish' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: api(w.t, `/maklumat/${m.id}/actions`), headers: w.otherOperator, payload: { action: 'establish' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: api(w.t, `/maklumat/${m.id}/actions`), headers: w.kepala, payload: { action: 'publish' } })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: api(w.t, `/maklumat/${m.id}/actions`), headers: w.kepala, payload: { action: 'establish' } })).json().status).toBe('established');
    let pub = (await app.inject({ url: api(w.t, `/public/services/${w.serviceId}`) })).json();
    expect(pub.maklumat).toBeNull();
    expect((await app.inject({ method: 'POST', url: api(w.t, `/maklumat/${m.id}/actions`), headers: w.kepala, payload: { action: 'publish' } })).json().status).toBe('published');
    pub = (await app.inject({ url: api(w.t, `/public/services/${w.serviceId}`) })).json();
    expect(pub.maklumat).toMatchObject({ signerName: 'Drs. H. Ahmad', body: expect.stringContaining('sanggup') });
    res = await app.inject({ method: 'POST', url: api(w.t, `/maklumat/${m.id}/actions`), headers: w.operator, payload: { action: 'revise' } });
    expect(res.json()).toMatchObject({ version: 2, status: 'draft' });
    const audits = await handle.db.selectFrom('audit_log').select('action').where('entity_id', '=', m.id).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['standards.maklumat.create', 'standards.maklumat.update', 'standards.maklumat.establish', 'standards.maklumat.publish', 'standards.maklumat.revise']);
  });
});

/**
 * The compliance API on a real database (PGlite and PostgreSQL): policy first (no login,
 * another tenant, another OPD), the reference methods of DOMAIN.md §4–§5, scoring with the
 * arithmetic written out, a new method version added as data and used without code, refused
 * weights and bands, evidence checked by content, the Inspektorat's audited override and
 * the unit → OPD → tenant roll-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUnit, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildPdf, buildPng, multipartBody } from '../../../../test/helpers/attachments.js';
import { methodProblems } from './method-rules.js';
import type { TAssessmentDetail, TCreateMethodBody } from '../../../shared/schemas/compliance.js';

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
const FOUR_D = '00000000-0000-4000-8000-000000c02022';
const PEKPPP_2023 = '00000000-0000-4000-8000-000000e02023';

async function world() {
  const tenant = await buildTenant(handle.db);
  const opdA = await buildOpd(handle.db, tenant);
  const opdB = await buildOpd(handle.db, tenant);
  const unitA1 = await buildUnit(handle.db, tenant, opdA.id);
  const unitA2 = await buildUnit(handle.db, tenant, opdA.id);
  const unitB = await buildUnit(handle.db, tenant, opdB.id);
  const as = async (role: Parameters<typeof buildUser>[2][number]) => sessionHeaders(handle.db, await buildUser(handle.db, tenant, [role]));
  return {
    tenant, opdA, opdB, unitA1, unitA2, unitB,
    operatorA: await as({ role: 'operator_opd', opdId: opdA.id }),
    operatorB: await as({ role: 'operator_opd', opdId: opdB.id }),
    inspektorat: await as({ role: 'inspektorat' }),
    admin: await as({ role: 'admin' }),
    pimpinan: await as({ role: 'pimpinan' }),
  };
}
type World = Awaited<ReturnType<typeof world>>;

async function create(w: World, headers: Record<string, string>, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: api(w.tenant, '/compliance/assessments'), headers, payload: body });
}
async function score(w: World, headers: Record<string, string>, id: string, code: string, body: Record<string, unknown>) {
  return app.inject({ method: 'PATCH', url: api(w.tenant, `/compliance/assessments/${id}/indicators/${code}`), headers, payload: body });
}

describe('compliance policy', () => {
  let w: World;
  let other: World;
  let id: string;
  beforeAll(async () => {
    w = await world();
    other = await world();
    const res = await create(w, w.operatorA, { methodId: FOUR_D, year: 2026, unitId: w.unitA1.id });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
  });

  it('answers 401 without a login', async () => {
    for (const url of ['/compliance/methods', '/compliance/assessments', `/compliance/assessments/${id}`, `/compliance/results?year=2026&methodId=${FOUR_D}`]) {
      const res = await app.inject({ url: api(w.tenant, url) });
      expect(res.statusCode, url).toBe(401);
    }
    expect((await score(w, {}, id, 'IN-1', { value: 3 })).statusCode).toBe(401);
  });

  it("answers 403 to another tenant's admin and inspektorat", async () => {
    for (const h of [other.admin, other.inspektorat]) {
      expect((await app.inject({ url: api(w.tenant, `/compliance/assessments/${id}`), headers: h })).statusCode).toBe(403);
      expect((await score(w, h, id, 'IN-1', { value: 3 })).statusCode).toBe(403);
    }
  });

  it("answers 403 to another OPD's operator, for reading, scoring and creating; lists only their own OPD", async () => {
    expect((await app.inject({ url: api(w.tenant, `/compliance/assessments/${id}`), headers: w.operatorB })).statusCode).toBe(403);
    expect((await score(w, w.operatorB, id, 'IN-1', { value: 3 })).statusCode).toBe(403);
    expect((await create(w, w.operatorB, { methodId: FOUR_D, year: 2026, unitId: w.unitA2.id })).statusCode).toBe(403);
    const list = await app.inject({ url: api(w.tenant, '/compliance/assessments?year=2026'), headers: w.operatorB });
    expect(list.json().items).toEqual([]);
    const own = await app.inject({ url: api(w.tenant, '/compliance/assessments?year=2026'), headers: w.operatorA });
    expect(own.json().items.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it('lets pimpinan read but not score, and the inspektorat not score the unit’s values', async () => {
    expect((await app.inject({ url: api(w.tenant, `/compliance/assessments/${id}`), headers: w.pimpinan })).statusCode).toBe(200);
    expect((await score(w, w.pimpinan, id, 'IN-1', { value: 3 })).statusCode).toBe(403);
    expect((await score(w, w.inspektorat, id, 'IN-1', { value: 3 })).statusCode).toBe(403);
  });
});

describe('reference methods', () => {
  it('ships the Ombudsman and PEKPPP versions of DOMAIN.md §4–§5, all valid', async () => {
    const w = await world();
    const list = (await app.inject({ url: api(w.tenant, '/compliance/methods'), headers: w.operatorA })).json().items as Array<{ id: string; code: string; version: string }>;
    expect(list.map((m) => `${m.code}@${m.version}`).sort()).toEqual(['ombudsman-4d@2022', 'ombudsman-zona@2021', 'pekppp@2017', 'pekppp@2023']);
    for (const m of list) {
      const full = (await app.inject({ url: api(w.tenant, `/compliance/methods/${m.id}`), headers: w.operatorA })).json();
      expect(methodProblems(full), m.code).toEqual([]);
      expect(full.isGlobal).toBe(true);
    }
    const fourD = (await app.inject({ url: api(w.tenant, `/compliance/methods/${FOUR_D}`), headers: w.admin })).json();
    expect(fourD.dimensions.map((d: { weight: number }) => d.weight)).toEqual([21.85, 32.37, 24.24, 21.54]);
    expect(fourD.bands.map((b: { grade: string; min: number; max: number }) => `${b.grade} ${b.min}–${b.max}`)).toEqual(['A 88–100', 'B 78–87.99', 'C 54–77.99', 'D 32–53.99', 'E 0–31.99']);
    const pek = (await app.inject({ url: api(w.tenant, `/compliance/methods/${PEKPPP_2023}`), headers: w.admin })).json();
    expect(pek.dimensions.map((d: { weight: number }) => d.weight)).toEqual([24, 25, 18, 11, 10, 12]);
    expect(pek.legalSource).toBe('PermenPANRB 29/2022 jo. 4/2023');
    const old = list.find((m) => m.version === '2017')!;
    const pek17 = (await app.inject({ url: api(w.tenant, `/compliance/methods/${old.id}`), headers: w.admin })).json();
    expect(pek17.dimensions.map((d: { weight: number }) => d.weight)).toEqual([30, 18, 15, 15, 15, 7]);
  });
});

describe('scoring an assessment', () => {
  it('scores indicators with the method weights and refuses values off the scale', async () => {
    const w = await world();
    const res = await create(w, w.operatorA, { methodId: FOUR_D, year: 2026, unitId: w.unitA1.id });
    const a = res.json() as TAssessmentDetail;
    expect(a.score).toBe(0);
    expect(a.grade).toBe('E');
    expect(a.status).toBe('draft');
    // OUTPUT fully: 100 × 0.2424 × (0.35 + 0.35 + 0.30) = 24.24
    for (const code of ['OUT-1', 'OUT-2', 'OUT-3']) expect((await score(w, w.operatorA, a.id, code, { value: 3 })).statusCode).toBe(200);
    // + PG-3 at 3: 100 × 0.2154 × 0.30 = 6.462 → 30.702 → 30.70 (E)
    let d = (await score(w, w.operatorA, a.id, 'PG-3', { value: 3 })).json() as TAssessmentDetail;
    expect([d.score, d.grade, d.zone]).toEqual([30.7, 'E', 'merah']);
    // + PR-1 at 2: 100 × 0.3237 × 0.30 × 2/3 = 6.474 → 37.176 → 37.18 (D)
    d = (await score(w, w.operatorA, a.id, 'PR-1', { value: 2, note: 'SK standar pelayanan ada, papan belum lengkap' })).json();
    expect([d.score, d.grade, d.label]).toEqual([37.18, 'D', 'Rendah']);
    expect(d.indicators.find((i) => i.code === 'PR-1')).toMatchObject({ value: 2, selfValue: 2, note: 'SK standar pelayanan ada, papan belum lengkap' });
    expect(d.dimensions.find((x) => x.code === 'OUTPUT')?.score).toBe(100);
    // hijau starts at B 78.00: 78 − 37.18 = 40.82 points needed; the largest gain first
    expect(d.target).toMatchObject({ score: 78, pointsNeeded: 40.82, zone: 'hijau' });
    // largest gain: IN-1 unscored, 100 × 0.2185 × 0.30 × 3/3 = 6.555 → 6.56; then PR-4 / PR-5 at 100 × 0.3237 × 0.20 = 6.47
    expect(d.gaps.slice(0, 3).map((g) => [g.indicatorCode, g.gain])).toEqual([['IN-1', 6.56], ['PR-4', 6.47], ['PR-5', 6.47]]);
    expect(d.gaps.find((g) => g.indicatorCode === 'PR-1')?.gain).toBe(3.24); // 100 × 0.3237 × 0.30 × 1/3 = 3.237
    expect(d.gaps.map((g) => g.gain)).toEqual([...d.gaps.map((g) => g.gain)].sort((x, y) => y - x));
    // stored result equals the computed one
    const listed = (await app.inject({ url: api(w.tenant, '/compliance/assessments?year=2026'), headers: w.admin })).json().items[0];
    expect([listed.score, listed.grade, listed.scoredCount]).toEqual([37.18, 'D', 5]);

    const bad = await score(w, w.operatorA, a.id, 'PR-1', { value: 4 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('value');
    expect(bad.json().message).toContain('0–3');
    expect((await score(w, w.operatorA, a.id, 'NOPE-1', { value: 1 })).statusCode).toBe(404);
    // a gap's owner and due date
    d = (await score(w, w.operatorA, a.id, 'PG-1', { gapOwner: 'Sekretariat', gapDueDate: '2026-06-30' })).json();
    expect(d.gaps.find((g) => g.indicatorCode === 'PG-1')).toMatchObject({ owner: 'Sekretariat', dueDate: '2026-06-30' });
  });

  it('refuses a second assessment of the same unit, year and method, a unit of another tenant, and the wrong subject', async () => {
    const w = await world();
    const other = await world();
    expect((await create(w, w.admin, { methodId: FOUR_D, year: 2025, unitId: w.unitB.id })).statusCode).toBe(201);
    expect((await create(w, w.admin, { methodId: FOUR_D, year: 2025, unitId: w.unitB.id })).statusCode).toBe(409);
    const foreign = await create(w, w.admin, { methodId: FOUR_D, year: 2025, unitId: other.unitB.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details[0].field).toBe('unitId');
    const pekNoOpd = await create(w, w.admin, { methodId: PEKPPP_2023, year: 2025, unitId: w.unitB.id });
    expect(pekNoOpd.statusCode).toBe(400);
    expect(pekNoOpd.json().details[0].field).toBe('opdId');
    const early = await create(w, w.admin, { methodId: FOUR_D, year: 2020, unitId: w.unitB.id });
    expect(early.statusCode).toBe(400);
    expect(early.json().details[0].field).toBe('year');
  });

  it('runs PEKPPP for an OPD on the same machinery: index 1–5 and category', async () => {
    const w = await world();
    const a = (await create(w, w.operatorA, { methodId: PEKPPP_2023, year: 2026, opdId: w.opdA.id })).json() as TAssessmentDetail;
    expect(a.unitId).toBeNull();
    // unscored: every indicator at 1 → index 1.00 → F Gagal
    expect([a.score, a.grade]).toEqual([1, 'F']);
    const values: Record<string, number> = { 'KEB-1': 5, 'KEB-2': 5, 'SDM-1': 4, 'SDM-2': 4, 'SAR-1': 3, 'SAR-2': 3, 'SIPP-1': 4, 'KP-1': 2, 'KP-2': 2, 'INOV-1': 1 };
    let d = a;
    for (const [code, value] of Object.entries(values)) d = (await score(w, w.operatorA, a.id, code, { value })).json();
    // 0.24×5 + 0.25×4 + 0.18×3 + 0.11×4 + 0.10×2 + 0.12×1 = 3.50 → B− Baik (Dengan Catatan)
    expect([d.score, d.grade, d.label]).toEqual([3.5, 'B−', 'Baik (Dengan Catatan)']);
    expect(d.target).toMatchObject({ score: 3.51, pointsNeeded: 0.01 });
  });
});

const newMethod = (over: Partial<TCreateMethodBody> = {}): TCreateMethodBody => ({
  code: 'kepatuhan-uji', version: '2026', kind: 'ombudsman', subject: 'unit', name: 'Metode uji daerah', legalSource: 'Peraturan Bupati (uji)', validFromYear: 2026,
  range: { min: 0, max: 100 },
  dimensions: [{ code: 'A', name: 'Layanan', weight: 60 }, { code: 'B', name: 'Pengaduan', weight: 40 }],
  indicators: [
    { code: 'A1', dimension: 'A', text: 'Papan informasi', weight: 75, scale: { kind: 'yesno' } },
    { code: 'A2', dimension: 'A', text: 'Ruang tunggu', weight: 25, scale: { kind: 'yesno' } },
    { code: 'B1', dimension: 'B', text: 'Kanal pengaduan', weight: 100, scale: { kind: 'points', min: 0, max: 4 } },
  ],
  bands: [
    { min: 80, max: 100, grade: 'Baik', zone: 'hijau', label: 'Patuh' },
    { min: 0, max: 79.99, grade: 'Kurang', zone: 'merah', label: 'Belum patuh' },
  ],
  ...over,
});

describe('a new method version added as data', () => {
  it('is stored by an admin and scores an assessment without any code change', async () => {
    const w = await world();
    const res = await app.inject({ method: 'POST', url: api(w.tenant, '/compliance/methods'), headers: w.admin, payload: newMethod() });
    expect(res.statusCode, res.body).toBe(201);
    const method = res.json();
    expect(method.isGlobal).toBe(false);
    const a = (await create(w, w.operatorA, { methodId: method.id, year: 2026, unitId: w.unitA1.id })).json() as TAssessmentDetail;
    await score(w, w.operatorA, a.id, 'A1', { value: 1 });
    const d = (await score(w, w.operatorA, a.id, 'B1', { value: 3 })).json() as TAssessmentDetail;
    // 100 × (0.60 × 0.75 × 1 + 0.40 × 1.00 × 3/4) = 100 × (0.45 + 0.30) = 75.00 → Kurang (merah)
    expect([d.score, d.grade, d.zone]).toEqual([75, 'Kurang', 'merah']);
    // A2 yes: + 100 × 0.60 × 0.25 = 15 → 90.00 → Baik (hijau)
    const d2 = (await score(w, w.operatorA, a.id, 'A2', { value: 1 })).json() as TAssessmentDetail;
    expect([d2.score, d2.grade, d2.zone]).toEqual([90, 'Baik', 'hijau']);
    // invisible to another tenant
    const other = await world();
    expect((await app.inject({ url: api(other.tenant, `/compliance/methods/${method.id}`), headers: other.admin })).statusCode).toBe(404);
    expect((await create(other, other.admin, { methodId: method.id, year: 2026, unitId: other.unitA1.id })).statusCode).toBe(400);
    // the same version twice: 409 naming the version
    const again = await app.inject({ method: 'POST', url: api(w.tenant, '/compliance/methods'), headers: w.admin, payload: newMethod() });
    expect(again.statusCode).toBe(409);
    expect(again.json().details[0].field).toBe('version');
    // audited
    const audit = await handle.db.selectFrom('audit_log').select(['action']).where('tenant_id', '=', w.tenant.id).where('entity_id', '=', method.id).execute();
    expect(audit.map((r) => r.action)).toEqual(['compliance.method.create']);
  });

  it('refuses weights that do not sum to 100 % and bands that overlap or leave a gap, naming the field; only an admin adds', async () => {
    const w = await world();
    const post = (body: object, headers = w.admin, lang = 'id') => app.inject({ method: 'POST', url: api(w.tenant, '/compliance/methods'), headers: { ...headers, 'accept-language': lang }, payload: body });
    const weights = await post(newMethod({ dimensions: [{ code: 'A', name: 'Layanan', weight: 60 }, { code: 'B', name: 'Pengaduan', weight: 39.5 }] }));
    expect(weights.statusCode).toBe(400);
    expect(weights.json().code).toBe('VALIDATION');
    expect(weights.json().details[0]).toMatchObject({ field: 'dimensions' });
    expect(weights.json().message).toBe('dimensions: jumlah bobot dimensi harus 100 %, sekarang 99.50 %.');
    const indWeights = await post(newMethod({ version: '2026b', indicators: newMethod().indicators.map((i) => (i.code === 'A2' ? { ...i, weight: 20 } : i)) }), w.admin, 'en');
    expect(indWeights.statusCode).toBe(400);
    expect(indWeights.json().message).toBe('indicators: the indicator weights of dimension A must sum to 100 %, now 95.00 %.');
    const overlap = await post(newMethod({ bands: [{ min: 80, max: 100, grade: 'Baik', zone: 'hijau', label: 'Patuh' }, { min: 0, max: 80, grade: 'Kurang', zone: 'merah', label: 'Belum' }] }));
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().details[0].field).toMatch(/^bands\[\d\]$/);
    const gap = await post(newMethod({ bands: [{ min: 80, max: 100, grade: 'Baik', zone: 'hijau', label: 'Patuh' }, { min: 0, max: 79.9, grade: 'Kurang', zone: 'merah', label: 'Belum' }] }), w.admin, 'en');
    expect(gap.statusCode).toBe(400);
    expect(gap.json().message).toContain('79.91–79.99');
    expect((await post(newMethod(), w.operatorA)).statusCode).toBe(403);
    expect((await post(newMethod(), w.inspektorat)).statusCode).toBe(403);
    const count = await handle.db.selectFrom('compliance_method').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', w.tenant.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});

describe('evidence', () => {
  it('stores a photo checked by its content, a link, and refuses a file lying about its type', async () => {
    const w = await world();
    const a = (await create(w, w.operatorA, { methodId: FOUR_D, year: 2026, unitId: w.unitA1.id })).json() as TAssessmentDetail;
    const upload = (data: Buffer, filename: string, contentType: string) => {
      const { payload, headers } = multipartBody([{ name: 'file', filename, contentType, data }]);
      return app.inject({ method: 'POST', url: api(w.tenant, `/compliance/assessments/${a.id}/indicators/IN-2/files`), headers: { ...w.operatorA, ...headers }, payload });
    };
    const png = buildPng();
    const ok = await upload(png, 'ruang-tunggu.png', 'image/png');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'file', filename: 'ruang-tunggu.png', contentType: 'image/png' });
    const file = await app.inject({ url: api(w.tenant, `/compliance/evidence/${ok.json().id}`), headers: w.inspektorat });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.subarray(0, 8)).toEqual(png.subarray(0, 8));
    expect((await app.inject({ url: api(w.tenant, `/compliance/evidence/${ok.json().id}`), headers: w.operatorB })).statusCode).toBe(403);

    const lie = await upload(buildPdf(), 'foto.jpg', 'image/jpeg');
    expect(lie.statusCode).toBe(400);
    expect(lie.json().code).toBe('FILE_INVALID');
    expect(lie.json().message).toContain('foto.jpg');

    const link = await app.inject({ method: 'POST', url: api(w.tenant, `/compliance/assessments/${a.id}/indicators/PR-5/links`), headers: w.operatorA, payload: { url: 'https://layanan.example.go.id/standar', label: 'Situs layanan' } });
    expect(link.statusCode).toBe(201);
    const bad = await app.inject({ method: 'POST', url: api(w.tenant, `/compliance/assessments/${a.id}/indicators/PR-5/links`), headers: w.operatorA, payload: { url: 'javascript:alert(1)' } });
    expect(bad.statusCode).toBe(400);

    const d = (await app.inject({ url: api(w.tenant, `/compliance/assessments/${a.id}`), headers: w.operatorA })).json() as TAssessmentDetail;
    expect(d.indicators.find((i) => i.code === 'IN-2')!.evidence).toHaveLength(1);
    expect(d.indicators.find((i) => i.code === 'PR-5')!.evidence[0]).toMatchObject({ kind: 'link', url: 'https://layanan.example.go.id/standar' });
    expect((await app.inject({ method: 'DELETE', url: api(w.tenant, `/compliance/evidence/${link.json().id}`), headers: w.operatorA })).statusCode).toBe(204);
  });
});

describe('submission, the Inspektorat’s override and verification', () => {
  it('locks the unit’s scores once submitted; the override needs a reason, keeps both values and is audited', async () => {
    const w = await world();
    const a = (await create(w, w.operatorA, { methodId: FOUR_D, year: 2026, unitId: w.unitA1.id })).json() as TAssessmentDetail;
    for (const code of ['OUT-1', 'OUT-2', 'OUT-3']) await score(w, w.operatorA, a.id, code, { value: 3 });
    const act = (headers: Record<string, string>, action: string) => app.inject({ method: 'POST', url: api(w.tenant, `/compliance/assessments/${a.id}/actions/${action}`), headers, payload: {} });
    const override = (headers: Record<string, string>, body: object) => app.inject({ method: 'POST', url: api(w.tenant, `/compliance/assessments/${a.id}/indicators/OUT-1/override`), headers, payload: body });

    expect((await override(w.inspektorat, { value: 1, reason: 'Wawancara pengguna: ada pungutan' })).statusCode).toBe(409); // still a draft
    const early = await act(w.inspektorat, 'verify');
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('Penilaian berstatus draf tidak dapat diverifikasi.');
    expect((await act(w.operatorA, 'submit')).statusCode).toBe(200);
    expect((await act(w.operatorA, 'submit')).statusCode).toBe(409);
    expect((await score(w, w.operatorA, a.id, 'OUT-1', { value: 2 })).statusCode).toBe(409);

    expect((await override(w.operatorA, { value: 1, reason: 'Saya ingin mengubah' })).statusCode).toBe(403);
    const noReason = await override(w.inspektorat, { value: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details[0].field).toBe('reason');
    const res = await override(w.inspektorat, { value: 1, reason: 'Wawancara 12 pengguna: 4 menyebut pungutan di luar ketentuan' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as TAssessmentDetail;
    // 24.24 − 100 × 0.2424 × 0.35 × 2/3 = 24.24 − 5.656 = 18.584 → 18.58
    expect(d.score).toBe(18.58);
    expect(d.overrideCount).toBe(1);
    expect(d.indicators.find((i) => i.code === 'OUT-1')).toMatchObject({ value: 1, selfValue: 3, override: { value: 1, selfValue: 3, reason: 'Wawancara 12 pengguna: 4 menyebut pungutan di luar ketentuan' } });
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'before', 'after', 'actor_id']).where('tenant_id', '=', w.tenant.id).where('action', '=', 'compliance.score.override').execute();
    expect(audit).toHaveLength(1);
    const after = typeof audit[0]!.after === 'string' ? JSON.parse(audit[0]!.after) : audit[0]!.after;
    expect(after).toMatchObject({ indicator: 'OUT-1', self_value: 3, override_value: 1, reason: 'Wawancara 12 pengguna: 4 menyebut pungutan di luar ketentuan', score: 18.58 });

    const verified = await act(w.inspektorat, 'verify');
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified' });
    expect(verified.json().verifiedBy).toBeTruthy();
    expect((await override(w.inspektorat, { value: 2, reason: 'Setelah verifikasi' })).statusCode).toBe(409);
  });
});

describe('roll-up', () => {
  it('averages units into their OPD and all units into the tenant', async () => {
    const w = await world();
    const make = async (unitId: string, values: Record<string, number>) => {
      const a = (await create(w, w.admin, { methodId: FOUR_D, year: 2026, unitId })).json() as TAssessmentDetail;
      for (const [code, value] of Object.entries(values)) await score(w, w.admin, a.id, code, { value });
    };
    await make(w.unitA1.id, { 'OUT-1': 3, 'OUT-2': 3, 'OUT-3': 3 }); // 24.24
    await make(w.unitA2.id, { 'PG-1': 3, 'PG-2': 3, 'PG-3': 3, 'PG-4': 3 }); // 21.54
    await make(w.unitB.id, { 'PR-1': 3, 'PR-2': 3, 'PR-3': 3, 'PR-4': 3, 'PR-5': 3 }); // 32.37
    const res = await app.inject({ url: api(w.tenant, `/compliance/results?year=2026&methodId=${FOUR_D}`), headers: w.pimpinan });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    // OPD A: (24.24 + 21.54) / 2 = 22.89; OPD B: 32.37; tenant: (24.24 + 21.54 + 32.37) / 3 = 26.05
    expect(r.opds.map((o: { opdId: string; score: number; count: number }) => [o.opdId, o.score, o.count])).toEqual([[w.opdB.id, 32.37, 1], [w.opdA.id, 22.89, 2]]);
    expect(r.tenant).toMatchObject({ score: 26.05, count: 3, grade: 'E' });
    // an OPD operator's roll-up covers their own OPD only
    const own = (await app.inject({ url: api(w.tenant, `/compliance/results?year=2026&methodId=${FOUR_D}`), headers: w.operatorB })).json();
    expect(own.items).toHaveLength(1);
  });
});

describe('demo data', () => {
  it('seeds 2025 and 2026 assessments with a spread of zones, one override and a PEKPPP, consistent with the engine', async () => {
    const { seedDemoCompliance } = await import('./demo.js');
    const w = await world();
    const dukcapil = await buildOpd(handle.db, w.tenant, { name: 'Dinas Kependudukan dan Pencatatan Sipil' });
    const dpmptsp = await buildOpd(handle.db, w.tenant);
    const pupr = await buildOpd(handle.db, w.tenant);
    await buildUnit(handle.db, w.tenant, dukcapil.id, 'Pelayanan Dukcapil Kantor Dinas');
    await buildUnit(handle.db, w.tenant, dukcapil.id, 'Loket Dukcapil Mal Pelayanan Publik');
    await buildUnit(handle.db, w.tenant, dpmptsp.id, 'Mal Pelayanan Publik Tanah Bumbu');
    await buildUnit(handle.db, w.tenant, pupr.id, 'Bidang Bina Marga');
    const t0 = Date.now();
    await handle.db.transaction().execute((tx) => seedDemoCompliance(tx, w.tenant.id));
    expect(Date.now() - t0).toBeLessThan(2000);
    const all = (await app.inject({ url: api(w.tenant, '/compliance/assessments'), headers: w.admin })).json().items as Array<{ id: string; year: number; kind: string; zone: string | null; status: string; overrideCount: number; score: number; grade: string }>;
    expect(all.filter((a) => a.kind === 'ombudsman').map((a) => a.year).sort()).toEqual([2025, 2025, 2025, 2025, 2026, 2026, 2026, 2026]);
    expect(new Set(all.filter((a) => a.year === 2026 && a.kind === 'ombudsman').map((a) => a.zone))).toEqual(new Set(['hijau', 'kuning', 'merah']));
    expect(all.filter((a) => a.year === 2025).every((a) => a.status === 'verified')).toBe(true);
    const overridden = all.filter((a) => a.overrideCount > 0);
    expect(overridden).toHaveLength(1);
    expect(overridden[0]!.status).toBe('submitted');
    expect(all.filter((a) => a.kind === 'pekppp')).toHaveLength(1);
    // The stored result is the engine's result of the stored scores.
    for (const a of all) {
      const d = (await app.inject({ url: api(w.tenant, `/compliance/assessments/${a.id}`), headers: w.admin })).json() as TAssessmentDetail;
      expect([d.score, d.grade]).toEqual([a.score, a.grade]);
    }
  });
});

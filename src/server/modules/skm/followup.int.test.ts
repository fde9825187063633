/** Follow-up plan over HTTP (CRUD, evidence checked by content) and the overdue reminder claimed once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUnit, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildPng, multipartBody } from '../../../../test/helpers/attachments.js';
import { remindOverdueFollowups } from './reminders.js';
import { pdfText } from './pdf-text.test-helper.js';

let handle: DbHandle;
let app: FastifyInstance;
let t: TestTenant;
let opHeaders: Record<string, string>;
let otherHeaders: Record<string, string>;
let periodId: string;
let opEmail: string;

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers = opHeaders) =>
  app.inject({ method, url: `/r/${t.slug}/api/v1${url}`, payload: body as object, headers });

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  t = await buildTenant(handle.db);
  const opd = await buildOpd(handle.db, t);
  const other = await buildOpd(handle.db, t);
  const unit = await buildUnit(handle.db, t, opd.id);
  const op = await buildUser(handle.db, t, [{ role: 'kepala_opd', opdId: opd.id }]);
  opEmail = op.email;
  opHeaders = await sessionHeaders(handle.db, op);
  otherHeaders = await sessionHeaders(handle.db, await buildUser(handle.db, t, [{ role: 'operator_opd', opdId: other.id }]));
  const p = await api('POST', '/skm/periods', { unitId: unit.id, kind: 'year', year: 2025, population: 1000 });
  expect(p.statusCode, p.body).toBe(201);
  periodId = p.json().id;
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('follow-up plan', () => {
  it('plans, updates, uploads evidence (checked by content) and reports the share done', async () => {
    const a = await api('POST', `/skm/periods/${periodId}/followups`, { unsurKey: 'waktu', action: 'Tambah petugas loket pada jam sibuk', owner: 'Kepala Seksi Pelayanan', dueOn: '2025-03-31' });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ unsurName: 'Waktu Penyelesaian', status: 'planned', overdue: true });
    const b = await api('POST', `/skm/periods/${periodId}/followups`, { unsurKey: 'sarana', action: 'Perbaiki ruang tunggu', owner: 'Sekretaris', dueOn: '2099-01-01' });
    expect((await api('POST', `/skm/periods/${periodId}/followups`, { unsurKey: 'sarana', action: 'x', owner: 'y', dueOn: '2099-01-01' }, otherHeaders)).statusCode).toBe(403);
    const done = await api('PATCH', `/skm/followups/${b.json().id}`, { status: 'done', evidenceNote: 'Foto ruang tunggu baru' });
    expect(done.json()).toMatchObject({ status: 'done', overdue: false });
    expect(done.json().doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const png = multipartBody([{ name: 'file', filename: 'bukti.png', contentType: 'image/png', data: buildPng({ text: true }) }]);
    const up = await app.inject({ method: 'POST', url: `/r/${t.slug}/api/v1/skm/followups/${b.json().id}/evidence`, headers: { ...opHeaders, ...png.headers }, payload: png.payload });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ contentType: 'image/png' });
    const lie = multipartBody([{ name: 'file', filename: 'bukti.png', contentType: 'image/png', data: Buffer.from('bukan gambar sama sekali') }]);
    const bad = await app.inject({ method: 'POST', url: `/r/${t.slug}/api/v1/skm/followups/${b.json().id}/evidence`, headers: { ...opHeaders, ...lie.headers }, payload: lie.payload });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('FILE_INVALID');
    const file = await app.inject({ method: 'GET', url: up.json().url, headers: opHeaders });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG');

    const list = (await api('GET', `/skm/periods/${periodId}/followups`)).json();
    expect(list.items).toHaveLength(2);
    expect(list.donePercent).toBe(50);
    expect(list.items.find((f: { id: string }) => f.id === b.json().id).evidence).toHaveLength(1);

    // the Laporan SKM carries every section of DOMAIN.md §1, the follow-up plan included
    const pdf = await api('GET', `/skm/periods/${periodId}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf.rawPayload);
    for (const heading of ['Pendahuluan dan Dasar Hukum', 'Metode', 'Profil Responden', 'Nilai Rata-rata per Unsur', 'Indeks Kepuasan Masyarakat', 'Analisis Unsur Terendah', 'Rencana Tindak Lanjut', 'Kuesioner']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Tambah petugas loket pada jam sibuk');
    expect(text).toContain('Penanganan Pengaduan, Saran dan Masukan');
  });

  it('an overdue follow-up is reminded exactly once, even when the sweep runs twice; a new due date re-arms it', async () => {
    const first = await remindOverdueFollowups(handle.db);
    const second = await remindOverdueFollowups(handle.db);
    expect(first.claimed).toBeGreaterThanOrEqual(1);
    expect(second.claimed).toBe(0);
    const msgs = await handle.db.selectFrom('notification').select(['recipient', 'template', 'related_type']).where('tenant_id', '=', t.id).where('related_type', '=', 'skm_followup').execute();
    expect(msgs).toEqual([{ recipient: opEmail, template: 'skm.followup_overdue', related_type: 'skm_followup' }]);
  });
});

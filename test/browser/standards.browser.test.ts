/**
 * Service standards in the browser (issue #5 [D]): the head of Dinas PUPR establishes and
 * publishes a standard through the editor (the draft is prepared through the API), then
 * a citizen opens the public page and the poster; the public catalogue searches at 360
 * and 1280 px (screenshots in /tmp/prima-shots/); a citizen comments on the demo's open
 * consultation. axe-core finds no serious or critical violation on these pages.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, loginViaApi, screenshot, seriousA11yViolations, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => {
  await env?.close();
});
afterEach(async () => {
  expect(await env.closePages()).toEqual([]);
});

/** All 14 components of a draft (the editor's own form is covered by the API tests). */
const FULL = {
  dasar_hukum: 'PP 16/2021 tentang Bangunan Gedung',
  persyaratan: ['Fotokopi KK', 'Fotokopi bukti kepemilikan tanah'],
  prosedur: ['Pemohon mengajukan permohonan', 'Petugas memeriksa lokasi', 'KRK diterbitkan'],
  jangka_waktu: { value: 3, unit: 'hari_kerja' },
  biaya: { kind: 'gratis', legalBasis: 'Tidak dipungut biaya (data uji)' },
  produk: ['Keterangan Rencana Kota'],
  sarana_prasarana: 'Ruang tunggu',
  kompetensi_pelaksana: 'Minimal S1',
  pengawasan_internal: 'Kepala bidang',
  penanganan_pengaduan: [{ type: 'web', value: '/lapor' }],
  jumlah_pelaksana: '4 orang',
  jaminan_pelayanan: 'Sesuai standar',
  jaminan_keamanan: 'Data dilindungi',
  evaluasi_kinerja: 'Triwulan',
};

const KEPALA_PUPR = 'kepala.pupr@demo.prima.id';
const SERVICE = 'Keterangan Rencana Kota (KRK)';

async function serviceId(name: string): Promise<string> {
  const row = await env.handle.db.selectFrom('service').select('id').where('tenant_id', '=', env.demo.tenantId!).where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

describe('staff publishes a standard; the public page and poster open', () => {
  it('establishes and publishes through the editor, then shows only the published service-delivery components', async () => {
    const sid = await serviceId(SERVICE);
    const page = await env.newPage(DESKTOP);
    await loginViaApi(page, KEPALA_PUPR);
    const req = page.context().request;
    const csrf = ((await (await req.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
    const headers = { 'x-csrf-token': csrf };
    // The draft, through the API: created, all 14 components, the signed decree PDF.
    const created = await req.post('/api/v1/standards', { data: { serviceId: sid }, headers });
    expect(created.status(), await created.text()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    expect((await req.patch(`/api/v1/standards/${id}`, { data: { components: { ...FULL, kompetensi_pelaksana: 'Rahasia internal: minimal S1 teknik sipil' } }, headers })).status()).toBe(200);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
    const up = await req.post(`/api/v1/standards/${id}/signed-pdf`, { multipart: { file: { name: 'sk-krk.pdf', mimeType: 'application/pdf', buffer: pdf } }, headers });
    expect(up.status(), await up.text()).toBe(200);

    // Establish and publish in the editor, like the head of the OPD does.
    await page.goto(`/standar/${id}`);
    await page.getByRole('heading', { level: 1, name: SERVICE }).waitFor();
    await expect.poll(() => page.getByTestId('standard-status').textContent()).toBe('Draf');
    await page.getByLabel('Nomor SK').fill('Keputusan Kepala Dinas PUPR Nomor 600/045/PUPR/2026');
    await page.getByLabel('Tanggal SK').fill('2026-01-20');
    await page.getByLabel('Penanda tangan SK').fill('Kepala Dinas PUPR');
    await page.getByRole('button', { name: 'Tetapkan (SK)' }).click();
    await expect.poll(() => page.getByTestId('standard-status').textContent()).toBe('Ditetapkan');
    await page.getByRole('button', { name: 'Publikasikan' }).click();
    await expect.poll(() => page.getByTestId('standard-status').textContent()).toBe('Dipublikasikan');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'standards-editor-1280', { fullPage: true });

    // The citizen's view: no login, a phone.
    const pub = await env.newPage(PHONE);
    await pub.goto(`/layanan/${sid}`);
    await pub.getByRole('heading', { level: 1, name: SERVICE }).waitFor();
    await pub.getByRole('heading', { name: 'Persyaratan' }).waitFor();
    const text = await pub.locator('main').textContent();
    expect(text).toContain('Fotokopi KK');
    expect(text).toContain('3 hari kerja');
    expect(text).toContain('Gratis');
    expect(text).toContain('Nomor 600/045/PUPR/2026');
    expect(text).not.toContain('Rahasia internal');
    expect(text).not.toContain('Kompetensi pelaksana');
    expect(await pub.getByRole('link', { name: 'Sampaikan pengaduan' }).getAttribute('href')).toBe('/lapor');
    expect(await pub.getByRole('link', { name: 'Isi survei kepuasan' }).getAttribute('href')).toMatch(/^\/survei\/[0-9a-f-]{36}$/);
    expect(await seriousA11yViolations(pub)).toEqual([]);

    await screenshot(pub, 'standards-public-service-360', { fullPage: true });

    // The staff list at 360 px: status and computed level of the service.
    const list = await env.newPage(PHONE);
    await loginViaApi(list, KEPALA_PUPR);
    await list.goto('/standar?q=Rencana');
    await list.getByRole('heading', { level: 1, name: 'Standar pelayanan' }).waitFor();
    const row = list.getByRole('row').filter({ hasText: SERVICE });
    await row.getByText('Dipublikasikan (v1)').waitFor();
    await row.getByText('Tingkat 3/5').waitFor();
    expect(await seriousA11yViolations(list)).toEqual([]);
    await screenshot(list, 'standards-list-360', { fullPage: true });

    // The poster: a PDF.
    const posterHref = (await pub.getByRole('link', { name: 'Poster (PDF)' }).getAttribute('href'))!;
    const poster = await pub.context().request.get(posterHref);
    expect(poster.status()).toBe(200);
    expect(poster.headers()['content-type']).toBe('application/pdf');
    expect((await poster.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('public catalogue', () => {
  for (const [label, viewport] of [['360', PHONE], ['1280', DESKTOP]] as const) {
    it(`lists and searches services at ${label} px, axe clean`, async () => {
      const page = await env.newPage(viewport);
      await page.goto('/layanan');
      await page.getByRole('heading', { level: 1, name: 'Katalog layanan publik' }).waitFor();
      await page.getByRole('link', { name: 'KTP-el' }).first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `catalogue-${label}`);
      await page.getByLabel('Cari layanan').fill('kelahiran');
      await page.getByRole('button', { name: 'Cari' }).click();
      await page.getByRole('link', { name: 'Akta Kelahiran' }).first().waitFor();
      await expect.poll(() => page.getByRole('link', { name: 'KTP-el' }).count()).toBe(0);
      await page.getByLabel('Perangkat daerah').selectOption({ label: 'Dinas Pekerjaan Umum dan Penataan Ruang' });
      await page.getByText('Tidak ada layanan yang cocok').waitFor();
      if (label === '360') {
        // Nothing wider than the phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      }
    });
  }
});

describe('public consultation', () => {
  it('an admin sets the periodic review interval on /standar; other staff do not see it', async () => {
    const page = await env.newPage(DESKTOP);
    await loginViaApi(page, 'admin@demo.prima.id');
    await page.goto('/standar');
    const panel = page.getByRole('region', { name: 'Peninjauan berkala' });
    const field = panel.getByLabel('Jangka peninjauan (bulan, 1–60)');
    await expect.poll(() => field.inputValue()).toMatch(/^\d+$/);
    const before = Number(await field.inputValue());
    const next = before === 18 ? 24 : 18;
    await field.fill(String(next));
    await panel.getByRole('button', { name: 'Simpan' }).click();
    await panel.getByRole('status').getByText(`Tersimpan: standar ditinjau setiap ${next} bulan.`).waitFor();
    const stored = await env.handle.db.selectFrom('standard_setting').selectAll().where('tenant_id', '=', env.demo.tenantId!).executeTakeFirst();
    expect(stored).toMatchObject({ review_interval_months: next });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'standards-review-interval-1280');
    await field.fill(String(before));
    await panel.getByRole('button', { name: 'Simpan' }).click();
    await panel.getByRole('status').getByText(`Tersimpan: standar ditinjau setiap ${before} bulan.`).waitFor();

    const kepala = await env.newPage(DESKTOP);
    await loginViaApi(kepala, KEPALA_PUPR);
    await kepala.goto('/standar');
    await kepala.getByRole('table').waitFor();
    expect(await kepala.getByRole('region', { name: 'Peninjauan berkala' }).count()).toBe(0);
  });

  it('a citizen comments on the demo standard in consultation at 360 px', async () => {
    const sid = await serviceId('Surat Keterangan Pindah');
    const page = await env.newPage(PHONE);
    await page.goto(`/layanan/${sid}`);
    await page.getByRole('link', { name: 'Beri tanggapan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Konsultasi publik standar pelayanan' }).waitFor();
    await page.getByLabel('Tanggapan Anda').fill('Mohon formulir F-1.03 bisa diisi di loket.');
    await page.getByRole('button', { name: 'Kirim tanggapan' }).click();
    await page.getByText('tanggapan Anda sudah diterima').waitFor();
    await page.getByText('Mohon formulir F-1.03 bisa diisi di loket.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const rows = await env.handle.db.selectFrom('standard_comment').select('body').where('body', '=', 'Mohon formulir F-1.03 bisa diisi di loket.').execute();
    expect(rows).toHaveLength(1);
  });
});

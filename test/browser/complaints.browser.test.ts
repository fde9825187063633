/**
 * Complaints in the browser (issue #3), at 360 px like a cheap phone: a citizen files a
 * report with a photo and no account, gets a tracking code and follows it; the desk
 * routes it; the OPD responds and resolves it; the citizen confirms and rates it. The
 * citizen's flow works with the keyboard alone and with no map; a dropped connection
 * during submit keeps what was typed and the retry files exactly one report. axe-core
 * finds no serious or critical violation on the form, the tracking page and the desk's
 * inbox at 360 and 1280 px.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, jpegFromCanvas, loginViaApi, screenshot, seriousA11yViolations, startBrowserEnv, tabTo, type BrowserEnv } from '../helpers/browser.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
  await ensureCategory();
});
afterAll(async () => {
  await env?.close();
});
afterEach(async () => {
  expect(await env.closePages()).toEqual([]);
});

const ADMIN = 'admin@demo.prima.id';
const DESK = 'verifikator@demo.prima.id';
const OPD = 'operator.pupr@demo.prima.id';
const CATEGORY = 'Jalan dan jembatan';

/**
 * A category routed to Dinas PUPR, made through the API as the admin when the demo has
 * none yet, so the routing suggestion has something to suggest.
 */
async function ensureCategory(): Promise<void> {
  const page = await env.newPage(DESKTOP);
  await loginViaApi(page, ADMIN);
  const req = page.context().request;
  const cats = (await (await req.get('/api/v1/public/categories')).json()) as { items: Array<{ id: string; name: string }> };
  let category = cats.items.find((c) => c.name === CATEGORY);
  const csrf = ((await (await req.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
  if (!category) {
    const res = await req.post('/api/v1/complaint-categories', { data: { code: 'jalan-e2e', name: CATEGORY }, headers: { 'x-csrf-token': csrf } });
    expect(res.status(), await res.text()).toBe(201);
    category = (await res.json()) as { id: string; name: string };
  }
  const opds = (await (await req.get('/api/v1/opds')).json()) as { items: Array<{ id: string; shortName: string }> };
  const pupr = opds.items.find((o) => o.shortName === 'PUPR')!;
  const rule = await req.post('/api/v1/routing-rules', { data: { categoryId: category.id, opdId: pupr.id }, headers: { 'x-csrf-token': csrf } });
  expect([201, 409]).toContain(rule.status());
  await env.closePages();
}

async function reportsTitled(title: string): Promise<Array<{ tracking_code: string; status: string }>> {
  return env.handle.db.selectFrom('complaint').select(['tracking_code', 'status']).where('title', '=', title).execute();
}

/** Fills the required fields and a few optional ones through the labelled controls. */
async function fillReport(page: Page, title: string): Promise<void> {
  await page.getByRole('radio', { name: 'Pengaduan' }).check();
  await page.getByLabel('Judul laporan').fill(title);
  await page.getByLabel('Uraian').fill('Lubang besar di badan jalan, sudah dua minggu. Motor sering jatuh saat hujan.');
  await page.getByLabel('Kategori').selectOption({ label: CATEGORY });
  await page.getByLabel('Kecamatan', { exact: true }).selectOption({ label: 'Simpang Empat' });
  const village = page.getByLabel('Desa/kelurahan');
  await expect.poll(() => village.locator('option').count()).toBeGreaterThan(1);
  await village.selectOption({ index: 1 });
}

describe('citizen: filing and tracking', () => {
  it('at 360 px files a report with a photo, gets a tracking code and opens the tracking page', async () => {
    const page = await env.newPage(PHONE);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sampaikan laporan' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Sampaikan laporan' }).waitFor();
    const title = 'Jalan berlubang di Simpang Empat (foto)';
    await fillReport(page, title);
    await page.getByLabel('Tambah berkas').setInputFiles({ name: 'lubang.jpg', mimeType: 'image/jpeg', buffer: await jpegFromCanvas(page) });
    // Uploaded at once; the list names the file and offers to remove it.
    await page.getByRole('list', { name: 'Berkas terlampir' }).getByRole('button', { name: 'Hapus lubang.jpg' }).waitFor();
    await screenshot(page, 'lapor-360-filled', { fullPage: true });
    await page.getByRole('button', { name: 'Kirim laporan' }).click();

    await page.getByRole('heading', { name: 'Laporan Anda telah diterima' }).waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(/^PRM-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect((await reportsTitled(title)).map((r) => r.tracking_code)).toEqual([code]);
    // The photo is linked to the report.
    const files = await env.handle.db.selectFrom('attachment as a').innerJoin('complaint as c', 'c.id', 'a.complaint_id').select(['a.filename', 'a.content_type']).where('c.tracking_code', '=', code).execute();
    expect(files).toEqual([{ filename: 'lubang.jpg', content_type: 'image/jpeg' }]);
    await screenshot(page, 'lapor-360-done');
    // The draft is gone: a new form starts empty.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('prima.reportDraft')))).toEqual([]);

    await page.getByRole('link', { name: 'Lihat perkembangan laporan' }).click();
    await page.getByRole('heading', { level: 1, name: `Laporan ${code}` }).waitFor();
    await page.getByText('Diterima', { exact: true }).first().waitFor();
    expect(await page.getByRole('main').textContent()).toContain(title);
    expect(await page.getByRole('main').textContent()).toContain('1 warga');
    await screenshot(page, 'lacak-360', { fullPage: true });
  });

  it('the whole citizen flow works with the keyboard alone', async () => {
    const page = await env.newPage(PHONE);
    await page.goto('/lapor');
    await page.getByRole('heading', { level: 1, name: 'Sampaikan laporan' }).waitFor();
    const title = 'Lampu jalan mati (papan ketik)';
    await tabTo(page, 'Pengaduan');
    await page.keyboard.press('ArrowDown'); // radio group: the arrow moves and selects
    expect(await page.getByRole('radio', { name: 'Aspirasi' }).isChecked()).toBe(true);
    await tabTo(page, 'Judul laporan');
    await page.keyboard.type(title);
    await tabTo(page, 'Uraian');
    await page.keyboard.type('Tiga lampu jalan di depan pasar mati sejak minggu lalu.');
    await expect.poll(() => page.getByLabel('Kecamatan', { exact: true }).locator('option').count()).toBeGreaterThan(1);
    await tabTo(page, 'Kecamatan');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Kecamatan', { exact: true }).inputValue()).not.toBe('');
    await tabTo(page, 'Kirim laporan');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Laporan Anda telah diterima' }).waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect((await reportsTitled(title)).map((r) => r.tracking_code)).toEqual([code]);
    await tabTo(page, 'Lihat perkembangan laporan');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Laporan ${code}` }).waitFor();

    // The lookup page lists recent public reports, this one among them; its form works by keyboard too.
    await page.goto('/lacak');
    await page.getByRole('region', { name: 'Laporan terbaru warga' }).getByRole('link', { name: title }).waitFor();
    await tabTo(page, 'Kode lacak');
    await page.keyboard.type(code.toLowerCase());
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Laporan ${code}` }).waitFor();
  });

  it('a dropped connection keeps the typed text, and the retry files exactly one report', async () => {
    const page = await env.newPage(PHONE);
    await page.goto('/lapor');
    const title = 'Saluran air tersumbat (koneksi putus)';
    await fillReport(page, title);

    const keys: string[] = [];
    let calls = 0;
    await page.route('**/api/v1/public/complaints', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      calls++;
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      // 1 and 2 (the automatic retry): the network is down, nothing reaches the server.
      if (calls <= 2) return route.abort('internetdisconnected');
      // 3: the server files the report but its answer is lost on the way back.
      if (calls === 3) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.fallback();
    });

    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByRole('alert').filter({ hasText: 'Laporan belum terkirim' }).waitFor();
    expect(calls).toBe(2);
    expect(await page.getByLabel('Judul laporan').inputValue()).toBe(title);
    expect(await reportsTitled(title)).toEqual([]);

    // A reload (or a closed tab) loses nothing either.
    await page.reload();
    await page.getByText('Isian Anda sebelumnya dipulihkan dari perangkat ini.').waitFor();
    expect(await page.getByLabel('Judul laporan').inputValue()).toBe(title);
    // The categories load after the draft is restored; the restored choice applies once they are there.
    await expect.poll(() => page.getByLabel('Kategori').locator('option:checked').textContent()).toBe(CATEGORY);

    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByRole('heading', { name: 'Laporan Anda telah diterima' }).waitFor();
    expect(calls).toBe(4);
    // One key for the whole draft, so the server answered the retry with the same report.
    expect(new Set(keys).size).toBe(1);
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect((await reportsTitled(title)).map((r) => r.tracking_code)).toEqual([code]);
  });
});

describe('desk and OPD: routing, response, resolution; the citizen rates', () => {
  it('the desk routes it, the OPD responds and resolves, the citizen confirms and rates', async () => {
    // The citizen files (360 px).
    const citizen = await env.newPage(PHONE);
    await citizen.goto('/lapor');
    const title = 'Jembatan kayu retak di Batulicin (alur lengkap)';
    await fillReport(citizen, title);
    await citizen.getByRole('button', { name: 'Kirim laporan' }).click();
    const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();

    // The desk finds it in the verification queue and routes it, the OPD pre-filled.
    const desk = await env.newPage(PHONE);
    await loginViaApi(desk, DESK);
    await desk.goto('/meja');
    await desk.getByRole('heading', { level: 1, name: 'Meja pengaduan' }).waitFor();
    await desk.getByRole('link', { name: code }).click();
    await desk.getByRole('heading', { level: 1, name: title }).waitFor();
    await desk.getByRole('button', { name: 'Teruskan ke OPD' }).click();
    const opdSelect = desk.getByLabel('OPD tujuan');
    await expect.poll(() => opdSelect.locator('option:checked').textContent()).toBe('Dinas Pekerjaan Umum dan Penataan Ruang');
    await desk.getByRole('textbox', { name: 'Catatan' }).fill('Diteruskan ke Bidang Bina Marga.');
    await screenshot(desk, 'case-360-route', { fullPage: true });
    await desk.getByRole('form', { name: 'Teruskan ke OPD' }).getByRole('button', { name: 'Teruskan ke OPD' }).click();
    await desk.getByRole('status').filter({ hasText: 'tercatat' }).waitFor();
    await desk.getByText('Diteruskan ke OPD', { exact: true }).first().waitFor();

    // The OPD operator responds, then resolves.
    const opd = await env.newPage(DESKTOP);
    await loginViaApi(opd, OPD);
    await opd.goto('/kotak-masuk');
    await opd.getByRole('heading', { level: 1, name: 'Kotak masuk OPD' }).waitFor();
    await opd.getByRole('link', { name: code }).click();
    await opd.getByRole('heading', { level: 1, name: title }).waitFor();
    await opd.getByRole('button', { name: 'Beri tanggapan' }).click();
    await opd.getByRole('textbox', { name: 'Catatan' }).fill('Tim Bina Marga akan memeriksa jembatan besok pagi.');
    await opd.getByRole('form', { name: 'Beri tanggapan' }).getByRole('button', { name: 'Beri tanggapan' }).click();
    await opd.getByRole('status').filter({ hasText: 'tercatat' }).waitFor();
    await opd.getByRole('button', { name: 'Nyatakan selesai' }).click();
    await opd.getByRole('textbox', { name: 'Catatan' }).fill('Papan jembatan sudah diganti dan diperkuat.');
    await opd.getByRole('form', { name: 'Nyatakan selesai' }).getByRole('button', { name: 'Nyatakan selesai' }).click();
    await opd.getByText('Selesai ditindaklanjuti', { exact: true }).first().waitFor();
    await screenshot(opd, 'case-1280-resolved', { fullPage: true });

    // The citizen confirms and rates it on the tracking page.
    await citizen.goto(`/lacak/${code}`);
    await citizen.getByRole('heading', { name: 'Apakah masalah Anda sudah selesai?' }).waitFor();
    expect(await citizen.getByRole('main').textContent()).toContain('Papan jembatan sudah diganti dan diperkuat.');
    // With the keyboard alone: into the rating group, arrows to 5, the comment, Enter.
    await tabTo(citizen, '1 — Sangat tidak puas');
    for (let i = 0; i < 4; i++) await citizen.keyboard.press('ArrowDown');
    expect(await citizen.getByRole('radio', { name: '5 — Sangat puas' }).isChecked()).toBe(true);
    await tabTo(citizen, 'Komentar');
    await citizen.keyboard.type('Cepat dan rapi, terima kasih.');
    await tabTo(citizen, 'Konfirmasi selesai');
    await citizen.keyboard.press('Enter');
    await citizen.getByRole('status').filter({ hasText: 'Laporan ditutup dengan penilaian Anda' }).waitFor();
    await citizen.getByText('Ditutup', { exact: true }).first().waitFor();
    expect(await reportsTitled(title)).toEqual([{ tracking_code: code, status: 'closed' }]);
    await screenshot(citizen, 'lacak-360-closed', { fullPage: true });
  });
});

describe('anonim reporter, escalation to the leaders', () => {
  it('the OPD and the leaders never see an anonim reporter; an OPD escalation reaches the leaders list', async () => {
    const citizen = await env.newPage(PHONE);
    await citizen.goto('/lapor');
    const title = 'Pungutan liar di loket (anonim, eskalasi)';
    await fillReport(citizen, title);
    await citizen.getByLabel('Nama').fill('Budi Santoso');
    await citizen.getByLabel('Nomor HP').fill('081234567890');
    await citizen.getByLabel(/^Anonim/).check();
    await citizen.getByText('OPD yang menangani melihat laporan, tetapi tidak melihat identitas Anda.').waitFor();
    await citizen.getByRole('button', { name: 'Kirim laporan' }).click();
    const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();
    const { id } = await env.handle.db.selectFrom('complaint').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();

    // The desk sees who reported it, and routes it.
    const desk = await env.newPage(DESKTOP);
    await loginViaApi(desk, DESK);
    await desk.goto(`/pengaduan/${id}`);
    await desk.getByRole('region', { name: 'Pelapor' }).getByText('Budi Santoso').waitFor();
    await desk.getByRole('button', { name: 'Teruskan ke OPD' }).click();
    await expect.poll(() => desk.getByLabel('OPD tujuan').locator('option:checked').textContent()).toBe('Dinas Pekerjaan Umum dan Penataan Ruang');
    await desk.getByRole('form', { name: 'Teruskan ke OPD' }).getByRole('button', { name: 'Teruskan ke OPD' }).click();
    await desk.getByRole('status').filter({ hasText: 'tercatat' }).waitFor();

    // The OPD does not, and asks to escalate.
    const opd = await env.newPage(PHONE);
    await loginViaApi(opd, OPD);
    await opd.goto(`/pengaduan/${id}`);
    await opd.getByText('Pelapor memilih anonim: identitasnya hanya dapat dilihat meja pengaduan.').waitFor();
    expect(await opd.locator('body').textContent()).not.toMatch(/Budi Santoso|081234567890/);
    await opd.getByRole('button', { name: 'Minta eskalasi' }).click();
    await opd.getByRole('textbox', { name: 'Alasan' }).fill('Melibatkan petugas OPD lain; perlu penanganan Inspektorat.');
    await opd.getByRole('form', { name: 'Minta eskalasi' }).getByRole('button', { name: 'Minta eskalasi' }).click();
    await opd.getByRole('status').filter({ hasText: 'Permintaan eskalasi terkirim.' }).waitFor();

    // The leaders see it on their list, still without the reporter.
    const sekda = await env.newPage(PHONE);
    await loginViaApi(sekda, 'sekda@demo.prima.id');
    await sekda.goto('/eskalasi');
    await sekda.getByRole('heading', { level: 1, name: 'Eskalasi' }).waitFor();
    const row = sekda.getByRole('row').filter({ has: sekda.getByRole('link', { name: code }) });
    expect(await row.textContent()).toContain('1 — Kepala OPD');
    expect(await seriousA11yViolations(sekda)).toEqual([]);
    await screenshot(sekda, 'eskalasi-360', { fullPage: true });
    await row.getByRole('link', { name: code }).click();
    await sekda.getByRole('heading', { level: 1, name: title }).waitFor();
    await sekda.getByText('Dieskalasi', { exact: true }).first().waitFor();
    expect(await sekda.locator('body').textContent()).not.toMatch(/Budi Santoso|081234567890/);
  });
});

/** A staff step through the API (the UI for it is tested above), signed in as `email`. */
async function staffAct(page: Page, email: string, id: string, action: string, data: Record<string, unknown>): Promise<void> {
  await loginViaApi(page, email);
  const req = page.context().request;
  const csrf = ((await (await req.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
  const res = await req.post(`/api/v1/complaints/${id}/actions/${action}`, { data, headers: { 'x-csrf-token': csrf } });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

describe('desk intake', () => {
  it('the desk records a phone report on a citizen\'s behalf, the channel kept with it', async () => {
    const desk = await env.newPage(PHONE);
    await loginViaApi(desk, DESK);
    await desk.goto('/meja');
    await desk.getByRole('link', { name: 'Catat laporan' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Catat laporan' }).waitFor();
    await desk.getByRole('button', { name: 'Catat laporan' }).click();
    await desk.getByText('Diterima melalui wajib diisi').first().waitFor();
    expect(await seriousA11yViolations(desk)).toEqual([]);
    await desk.getByLabel('Diterima melalui').selectOption({ label: 'Telepon' });
    const title = 'Air PDAM keruh (lewat telepon)';
    await desk.getByLabel('Judul laporan').fill(title);
    await desk.getByLabel('Uraian').fill('Penelepon mengabarkan air keruh sejak tiga hari.');
    await desk.getByLabel('Nama').fill('Ibu Rahmah');
    await desk.getByRole('button', { name: 'Catat laporan' }).click();
    await desk.getByRole('status').filter({ hasText: /Laporan PRM-\S+ tercatat/ }).waitFor();
    await desk.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await desk.getByRole('main').textContent()).toContain('Telepon');
    await desk.getByRole('region', { name: 'Pelapor' }).getByText('Ibu Rahmah').waitFor();
    const rows = await env.handle.db.selectFrom('complaint').select(['channel']).where('title', '=', title).execute();
    expect(rows).toEqual([{ channel: 'phone' }]);
  });
});

describe('dispute', () => {
  it('a citizen who is not satisfied disputes the resolution, and the report goes back to the OPD', async () => {
    const citizen = await env.newPage(PHONE);
    await citizen.goto('/lapor');
    const title = 'Sampah menumpuk di pasar (sanggahan)';
    await fillReport(citizen, title);
    await citizen.getByRole('button', { name: 'Kirim laporan' }).click();
    const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();
    const { id } = await env.handle.db.selectFrom('complaint').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    const pupr = await env.handle.db.selectFrom('opd').select('id').where('short_name', '=', 'PUPR').where('tenant_id', '=', env.demo.tenantId!).executeTakeFirstOrThrow();
    const desk = await env.newPage(DESKTOP);
    await staffAct(desk, DESK, id, 'route', { opdId: pupr.id, visibility: 'public' });
    const opd = await env.newPage(DESKTOP);
    await staffAct(opd, OPD, id, 'respond', { note: 'Akan diangkut hari ini.', visibility: 'public' });
    await staffAct(opd, OPD, id, 'resolve', { note: 'Sampah sudah diangkut.', visibility: 'public' });

    await citizen.goto(`/lacak/${code}`);
    await citizen.getByRole('heading', { name: 'Belum selesai? Sanggah' }).waitFor();
    // With the keyboard alone; an empty reason is refused first.
    await tabTo(citizen, 'Kirim sanggahan');
    await citizen.keyboard.press('Enter');
    await citizen.getByText('Alasan sanggahan wajib diisi').first().waitFor();
    await tabTo(citizen, 'Alasan sanggahan');
    await citizen.keyboard.type('Masih ada tumpukan di sisi timur pasar.');
    await tabTo(citizen, 'Kirim sanggahan');
    await citizen.keyboard.press('Enter');
    await citizen.getByRole('status').filter({ hasText: 'Sanggahan terkirim' }).waitFor();
    await citizen.getByText('Sedang ditindaklanjuti', { exact: true }).first().waitFor();
    await citizen.getByText('Disanggah pelapor').waitFor();
    expect(await citizen.getByRole('heading', { name: 'Apakah masalah Anda sudah selesai?' }).count()).toBe(0);
    expect(await reportsTitled(title)).toEqual([{ tracking_code: code, status: 'in_progress' }]);
  });
});

describe('duplicates', () => {
  it('the desk merges a duplicate, and the tracking page counts both citizens', async () => {
    const page = await env.newPage(PHONE);
    const req = page.context().request;
    const category = ((await (await req.get('/api/v1/public/categories')).json()) as { items: Array<{ id: string; name: string }> }).items.find((c) => c.name === CATEGORY)!;
    const kec = ((await (await req.get('/api/v1/regions?level=kecamatan')).json()) as { items: Array<{ code: string; name: string }> }).items.find((r) => r.name === 'Kusan Hilir')!;
    const file = async (title: string, key: string) => {
      const res = await req.post('/api/v1/public/complaints', {
        headers: { 'idempotency-key': key },
        data: { kind: 'pengaduan', title, description: 'Jembatan gantung di Pagatan miring dan tali bajanya putus.', categoryId: category.id, regionCode: kec.code, isAnonymous: false, isConfidential: false },
      });
      expect(res.status(), await res.text()).toBe(201);
      return ((await res.json()) as { trackingCode: string }).trackingCode;
    };
    const first = await file('Jembatan gantung Pagatan miring', 'dup-test-first-0001');
    const second = await file('Jembatan gantung di Pagatan miring, tali putus', 'dup-test-second-0001');
    const row = await env.handle.db.selectFrom('complaint').select('id').where('tracking_code', '=', second).executeTakeFirstOrThrow();

    await loginViaApi(page, DESK);
    await page.goto(`/pengaduan/${row.id}`);
    const similar = page.getByRole('region', { name: 'Laporan serupa' });
    await similar.getByRole('link', { name: first }).waitFor();
    await screenshot(page, 'case-360-similar', { fullPage: true });
    await similar.getByRole('button', { name: `Gabungkan ke ${first}` }).click();
    await similar.getByRole('button', { name: 'Ya, gabungkan' }).click();
    await page.getByRole('status').filter({ hasText: `digabung ke ${first}` }).waitFor();
    await page.getByText('Digabung', { exact: true }).first().waitFor();

    const citizen = await env.newPage(PHONE);
    await citizen.goto(`/lacak/${first}`);
    await citizen.getByRole('heading', { level: 1, name: `Laporan ${first}` }).waitFor();
    expect(await citizen.getByRole('main').textContent()).toContain('2 warga');
  });
});

describe('accessibility (axe-core)', () => {
  for (const [label, viewport] of [['360 px', PHONE], ['1280 px', DESKTOP]] as const) {
    it(`the form, the tracking page and the desk inbox have no serious or critical violations at ${label}`, async () => {
      const page = await env.newPage(viewport);
      await page.goto('/lapor');
      await page.getByRole('heading', { level: 1, name: 'Sampaikan laporan' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `lapor-${viewport.width}`, { fullPage: true });
      await page.getByRole('button', { name: 'Kirim laporan' }).click(); // empty: field errors shown
      await page.getByRole('alert').first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `lapor-${viewport.width}-errors`);

      await fillReport(page, `Pemeriksaan aksesibilitas ${viewport.width}`);
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      await page.getByRole('link', { name: 'Lihat perkembangan laporan' }).click();
      await page.getByRole('heading', { level: 1, name: /^Laporan PRM-/ }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      const desk = await env.newPage(viewport);
      await loginViaApi(desk, DESK);
      await desk.goto('/meja');
      await desk.getByRole('table').waitFor();
      expect(await seriousA11yViolations(desk)).toEqual([]);
      await screenshot(desk, `meja-${viewport.width}`, { fullPage: true });
    });
  }
});

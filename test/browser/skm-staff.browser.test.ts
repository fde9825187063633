/**
 * SKM/IKM staff pages and the public results page in the browser (issue #4): a staff user
 * opens the results of a demo unit's survey period (IKM, mutu, NRR bars with the weakest
 * unsur marked, the sample check) and downloads the Laporan SKM PDF; the questionnaire
 * page refuses weights that do not sum to 1 before sending; citizens see the published
 * results at /ikm. axe-core finds no serious or critical violation.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DESKTOP, PHONE, jpegFromCanvas, loginViaApi, screenshot, seriousA11yViolations, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';

let env: BrowserEnv;
/** The newest demo period that has answers. */
let period: { id: string; unitId: string; unitName: string };

beforeAll(async () => {
  env = await startBrowserEnv();
  const res = await sql<{ id: string; unit_id: string; unit_name: string }>`
    SELECT p.id, p.unit_id, u.name AS unit_name FROM skm_period p
    JOIN service_unit u ON u.tenant_id = p.tenant_id AND u.id = p.unit_id
    WHERE p.tenant_id = ${env.demo.tenantId!}
      AND EXISTS (SELECT 1 FROM skm_response r WHERE r.tenant_id = p.tenant_id AND r.unit_id = p.unit_id
                  AND r.answered_on BETWEEN p.starts_on AND p.ends_on AND NOT r.excluded)
    ORDER BY p.starts_on DESC, u.name LIMIT 1`.execute(env.handle.db);
  const row = res.rows[0];
  if (!row) throw new Error('the demo has no SKM period with answers');
  period = { id: row.id, unitId: row.unit_id, unitName: row.unit_name };
});
afterAll(async () => {
  await env?.close();
});
afterEach(async () => {
  expect(await env.closePages()).toEqual([]);
});

const ADMIN = 'admin@demo.prima.id';

describe('SKM staff pages', () => {
  it('a staff user opens a demo unit period from the list, sees the results and downloads the report PDF', async () => {
    const page = await env.newPage(DESKTOP);
    await loginViaApi(page, ADMIN);
    await page.goto('/skm');
    await page.getByRole('heading', { level: 1, name: 'Survei Kepuasan Masyarakat' }).waitFor();
    await page.locator(`a[href$="/skm/periode/${period.id}"]`).first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(period.unitName) }).waitFor();

    // The converted IKM, mutu, and the NRR bars with the weakest unsur named.
    const converted = page.getByTestId('ikm-converted');
    await expect.poll(() => converted.textContent()).toMatch(/^\d{2,3},\d{2}$/);
    await page.getByText(/^Mutu [ABCD]$/).first().waitFor();
    const bars = page.getByRole('list', { name: /^Nilai rata-rata per unsur/ });
    expect(await bars.getByRole('listitem').count()).toBeGreaterThanOrEqual(9);
    expect(await bars.getByText('terlemah').count()).toBeGreaterThanOrEqual(1);
    await page.getByText(/^Unsur terlemah: /).waitFor();
    await page.getByText(/Sampel (belum )?memenuhi|Populasi \(N\) belum diisi/).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The report link answers with a PDF.
    const href = await page.getByRole('link', { name: 'Unduh Laporan SKM (PDF)' }).first().getAttribute('href');
    expect(href).toBeTruthy();
    const res = await page.context().request.get(href!);
    expect(res.status(), await res.text()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const pdf = await res.body();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A report with its sections and chart, not an empty page (which is about 1 KB).
    expect(pdf.length).toBeGreaterThan(4_000);
  });

  it('shows the dashboard for the unit, its OPD pooled and the whole region at 360 px', async () => {
    const page = await env.newPage(PHONE);
    await loginViaApi(page, ADMIN);
    const p = await env.handle.db.selectFrom('skm_period' as never).selectAll().where('id' as never, '=', period.id as never).executeTakeFirstOrThrow() as unknown as { kind: string; year: number; part: number | null };
    const q = `kind=${p.kind}&year=${p.year}${p.part ? `&part=${p.part}` : ''}`;
    await page.goto(`/skm/hasil?unit=${period.unitId}&${q}`);
    await page.getByRole('heading', { level: 2, name: new RegExp(period.unitName) }).waitFor();
    await expect.poll(() => page.getByTestId('ikm-converted').textContent()).toMatch(/^\d{2,3},\d{2}$/);
    await screenshot(page, 'skm-dashboard-unit-360', { fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The period page (results, follow-up, publication, import) fits a phone as well.
    await page.goto(`/skm/periode/${period.id}`);
    await page.getByRole('heading', { level: 2, name: 'Impor formulir kertas' }).waitFor();
    await screenshot(page, 'skm-period-360', { fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.goto(`/skm/hasil?unit=${period.unitId}&${q}`);
    await page.getByRole('heading', { level: 2, name: new RegExp(period.unitName) }).waitFor();
    // The whole region pools every unit's respondents, and says how.
    await page.getByLabel('Tingkat').selectOption('tenant');
    await page.getByRole('heading', { level: 2, name: /^Seluruh daerah/ }).waitFor();
    await page.getByText(/^Cara menggabungkan:/).waitFor();
    await page.getByRole('heading', { name: 'Unit layanan' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows the QR codes of a unit and its counters, with PNG, SVG and poster downloads', async () => {
    const page = await env.newPage(PHONE);
    await loginViaApi(page, ADMIN);
    await page.goto(`/skm/qr?unit=${period.unitId}`);
    await page.getByRole('heading', { level: 1, name: 'Kode QR survei' }).waitFor();
    const img = page.getByRole('img', { name: /^Kode QR / }).first();
    await img.waitFor();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await page.getByRole('link', { name: /\/survei\// }).first().getAttribute('href')).toContain(`/survei/${period.unitId}`);
    const req = page.context().request;
    const png = await req.get((await page.getByRole('link', { name: 'PNG' }).first().getAttribute('href'))!);
    expect(png.status()).toBe(200);
    expect(png.headers()['content-type']).toContain('image/png');
    const poster = await req.get((await page.getByRole('link', { name: 'Poster A5 (PDF)' }).first().getAttribute('href'))!);
    expect(poster.status()).toBe(200);
    expect(poster.headers()['content-type']).toContain('application/pdf');
    // The poster carries the QR image and the unit's name: more than an empty page (about 1 KB).
    expect((await poster.body()).length).toBeGreaterThan(3_000);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the questionnaire editor shows when the weights do not sum to 1', async () => {
    const page = await env.newPage(DESKTOP);
    await loginViaApi(page, ADMIN);
    await page.goto('/skm/kuesioner');
    await page.getByRole('button', { name: 'Buat versi baru' }).click();
    await page.getByText('Jumlah bobot: 1').waitFor();
    const firstWeight = page.getByRole('group', { name: /^Unsur 1/ }).getByLabel('Bobot');
    await firstWeight.fill('0.2');
    await page.getByText(/^Jumlah bobot .*, harus tepat 1\.$/).waitFor();
    // Sent anyway, the server refuses it with a message naming the weights.
    await page.getByRole('button', { name: 'Simpan sebagai versi baru' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('alert').first().textContent()).toMatch(/bobot/i);
  });
  it('excludes a flagged answer with a reason and restores it (counted in the database)', async () => {
    const flagged = await sql<{ unit_id: string }>`
      SELECT unit_id FROM skm_response WHERE tenant_id = ${env.demo.tenantId!} AND flagged AND NOT excluded LIMIT 1`.execute(env.handle.db);
    expect(flagged.rows.length, 'the demo has a flagged answer').toBe(1);
    const unitId = flagged.rows[0].unit_id;
    const excluded = async () => (await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM skm_response WHERE tenant_id = ${env.demo.tenantId!} AND unit_id = ${unitId} AND excluded`.execute(env.handle.db)).rows[0].n;
    const before = await excluded();
    const page = await env.newPage(PHONE);
    await loginViaApi(page, ADMIN);
    await page.goto(`/skm/ditandai?unit=${unitId}`);
    await page.getByRole('heading', { level: 1, name: 'Jawaban yang ditandai' }).waitFor();
    await page.getByRole('button', { name: /^Kecualikan jawaban / }).first().click();
    await page.getByLabel('Alasan pengecualian').fill('Diisi berulang dari satu ponsel saat uji coba');
    await page.getByRole('button', { name: 'Kecualikan', exact: true }).click();
    await expect.poll(excluded).toBe(before + 1);
    await page.getByLabel('Tampilkan juga yang sudah dikecualikan').check();
    await page.getByText('Dikecualikan: Diisi berulang dari satu ponsel saat uji coba').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Pulihkan jawaban / }).first().click();
    await expect.poll(excluded).toBe(before);
  });

  it('opens a period, plans a follow-up, marks it done with evidence and records a publication', async () => {
    const page = await env.newPage(DESKTOP);
    await loginViaApi(page, ADMIN);
    // A new monthly period for the unit, with its population N.
    await page.goto('/skm');
    const form = page.getByRole('form', { name: 'Periode baru' });
    await form.getByLabel('Unit layanan').selectOption(period.unitId);
    await form.getByLabel('Jenis periode').selectOption('month');
    await form.getByLabel('Tahun').fill('2026');
    await form.getByLabel('Semester/triwulan/bulan ke-').selectOption('3');
    await form.getByLabel('Populasi (N) pengguna layanan').fill('500');
    await form.getByRole('button', { name: 'Buat periode' }).click();
    await page.getByText(/^Periode .* dibuat\.$/).waitFor();
    const created = await sql<{ population: number }>`
      SELECT population FROM skm_period WHERE unit_id = ${period.unitId} AND kind = 'month' AND year = 2026 AND part = 3`.execute(env.handle.db);
    expect(created.rows).toEqual([{ population: 500 }]);

    await page.goto(`/skm/periode/${period.id}`);
    await page.getByRole('heading', { level: 2, name: 'Rencana tindak lanjut' }).waitFor();
    const action = `Tambah kursi ruang tunggu ${Date.now()}`;
    await page.getByLabel('Tindakan perbaikan').fill(action);
    await page.getByLabel('Penanggung jawab').fill('Kepala Instalasi');
    await page.getByLabel('Tenggat').fill('2026-12-31');
    await page.getByRole('button', { name: 'Tambah rencana' }).click();
    await page.getByText(action).first().waitFor();
    const status = async () => (await sql<{ status: string }>`SELECT status FROM skm_followup WHERE action = ${action}`.execute(env.handle.db)).rows.map((r) => r.status);
    expect(await status()).toEqual(['planned']);
    await page.getByLabel(`Status ${action}`).selectOption('done');
    await expect.poll(status).toEqual(['done']);
    await page.getByLabel(`Unggah bukti: Bukti untuk ${action}`).setInputFiles({ name: 'kursi.jpg', mimeType: 'image/jpeg', buffer: await jpegFromCanvas(page) });
    await page.getByRole('link', { name: 'kursi.jpg' }).waitFor();

    await page.getByLabel('Saluran').selectOption('media_sosial');
    await page.getByLabel('Tautan (URL)').fill('https://example.org/ikm-2026');
    await page.getByRole('button', { name: 'Catat publikasi' }).click();
    await page.getByText('Publikasi dicatat.').waitFor();
    const pubs = await sql<{ channel: string }>`SELECT channel FROM skm_publication WHERE period_id = ${period.id} AND url = 'https://example.org/ikm-2026'`.execute(env.handle.db);
    expect(pubs.rows).toEqual([{ channel: 'media_sosial' }]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('imports paper forms: a file with one bad row imports nothing and names the row', async () => {
    const page = await env.newPage(DESKTOP);
    await loginViaApi(page, ADMIN);
    await page.goto(`/skm/periode/${period.id}`);
    await page.getByRole('heading', { level: 2, name: 'Impor formulir kertas' }).waitFor();
    const href = await page.getByRole('link', { name: 'Unduh templat CSV' }).getAttribute('href');
    const template = await page.context().request.get(href!);
    expect(template.status()).toBe(200);
    const header = (await template.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
    expect(header).toContain('tanggal');
    const startsOn = (await sql<{ d: string }>`SELECT starts_on::text AS d FROM skm_period WHERE id = ${period.id}`.execute(env.handle.db)).rows[0].d;
    // Unsur columns are keyed by the questionnaire (e.g. 'persyaratan'), after the profile columns.
    const profile = ['tanggal', 'jam', 'loket', 'jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan', 'saran'];
    const unsur = header.filter((c) => !profile.includes(c));
    expect(unsur.length).toBeGreaterThanOrEqual(9);
    const row = (first: string) => header.map((c) => (c === 'tanggal' ? startsOn : c === unsur[0] ? first : unsur.includes(c) ? '3' : '')).join(',');
    const paper = async () => (await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM skm_response WHERE unit_id = ${period.unitId} AND source = 'paper'`.execute(env.handle.db)).rows[0].n;
    const before = await paper();
    const file = page.getByLabel('Berkas CSV atau XLSX');
    await file.setInputFiles({ name: 'kertas.csv', mimeType: 'text/csv', buffer: Buffer.from([header.join(','), row('4'), row('7')].join('\n')) });
    await page.getByRole('button', { name: 'Impor' }).click();
    const problems = page.getByRole('table', { name: 'Baris bermasalah (tidak ada yang diimpor)' });
    await problems.waitFor();
    expect(await problems.getByRole('row').nth(1).textContent()).toMatch(new RegExp(`^3${unsur[0]}`));
    expect(await problems.getByRole('row').count()).toBe(2);
    expect(await paper()).toBe(before);
    await file.setInputFiles({ name: 'kertas.csv', mimeType: 'text/csv', buffer: Buffer.from([header.join(','), row('4'), row('2')].join('\n')) });
    await page.getByRole('button', { name: 'Impor' }).click();
    await page.getByText(/^2 jawaban diimpor ke periode /).waitFor();
    expect(await paper()).toBe(before + 2);
  });
});

describe('public results page', () => {
  it('lists the published results without sign-in, at 360 px', async () => {
    const page = await env.newPage(PHONE);
    await page.goto('/ikm');
    await page.getByRole('heading', { level: 1, name: 'Hasil Survei Kepuasan Masyarakat' }).waitFor();
    const published = await env.handle.db.selectFrom('skm_publication' as never).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow() as unknown as { n: number };
    // The demo publishes at least one period (seedDemoSkm), so a card with its grade shows.
    expect(published.n).toBeGreaterThan(0);
    await page.locator('.result-cards > li').first().waitFor();
    await page.getByText(/^Mutu [ABCD]$/).first().waitFor();
    await screenshot(page, 'skm-public-results-360', { fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

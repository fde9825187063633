/**
 * The organisation admin pages: an admin creates an OPD through the form and finds it in
 * the list; a CSV import with a bad row shows the row's problem and imports nothing, and
 * the corrected file imports every row; axe finds no serious or critical violation on the
 * OPD list, the OPD form and the import page at 360 px and at desktop width.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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

const ADMIN = 'admin@demo.prima.id';

async function adminPage(viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
  const page = await env.newPage(viewport);
  await loginViaApi(page, ADMIN);
  return page;
}

/** OPD names as the API lists them (what is really stored). */
async function storedOpdNames(page: Page): Promise<string[]> {
  const res = await page.context().request.get('/api/v1/opds?includeInactive=true');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Array<{ name: string }> }).items.map((o) => o.name);
}

describe('OPD pages', () => {
  it('an admin creates an OPD through the form and sees it in the list', async () => {
    const page = await adminPage();
    await page.goto('/organisation');
    await page.getByRole('heading', { level: 1, name: 'Organisasi Perangkat Daerah (OPD)' }).waitFor();
    await page.getByRole('link', { name: 'Tambah OPD' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tambah OPD' }).waitFor();

    await page.getByLabel('Nama OPD').fill('Badan Riset dan Inovasi Daerah');
    await page.getByLabel('Singkatan').fill('BRIDA');
    await page.getByLabel('Jenis').selectOption('badan');
    await page.getByLabel('Jabatan kepala OPD').fill('Kepala Badan');
    await page.getByRole('button', { name: 'Tambah OPD' }).click();

    await page.getByRole('status').filter({ hasText: 'OPD Badan Riset dan Inovasi Daerah telah ditambahkan.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/organisation');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Badan Riset dan Inovasi Daerah' }) });
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['BRIDA', 'Badan', 'Aktif']));
    expect(await storedOpdNames(page)).toContain('Badan Riset dan Inovasi Daerah');
    await screenshot(page, 'opd-list-1280');
  });

  it('a duplicate short name is refused with the server message, and the form keeps its input', async () => {
    const page = await adminPage(PHONE);
    await page.goto('/organisation/opds/new');
    await page.getByLabel('Nama OPD').fill('Dinas Kesehatan Kedua');
    await page.getByLabel('Singkatan').fill('Dinkes');
    await page.getByRole('button', { name: 'Tambah OPD' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/sudah ada/);
    expect(await page.getByLabel('Nama OPD').inputValue()).toBe('Dinas Kesehatan Kedua');
    expect(await storedOpdNames(page)).not.toContain('Dinas Kesehatan Kedua');
    await screenshot(page, 'opd-form-360-error');
  });

  it('deactivates and reactivates an OPD from the list', async () => {
    const page = await adminPage();
    await page.goto('/organisation');
    const row = () => page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Dinas Sosial', exact: true }) });
    await row().getByRole('button', { name: 'Nonaktifkan Dinsos' }).click();
    // Inactive OPDs leave the default list and come back with the filter.
    await expect.poll(() => row().count()).toBe(0);
    await page.getByLabel('Tampilkan juga yang nonaktif').check();
    await row().getByText('Nonaktif', { exact: true }).waitFor();
    await row().getByRole('button', { name: 'Aktifkan Dinsos' }).click();
    await row().getByText('Aktif', { exact: true }).waitFor();
  });
});

describe('CSV import', () => {
  const GOOD = 'Badan Kepegawaian dan Pengembangan SDM,BKPSDM,badan,,Kepala Badan,';
  const BAD = 'Kantor Tanpa Jenis,KTJ,bukan-jenis,,,';

  it('shows the bad row, imports nothing, then imports the corrected file', async () => {
    const page = await adminPage(PHONE);
    await page.goto('/organisation/import');
    await page.getByRole('heading', { level: 1, name: 'Impor CSV' }).waitFor();

    // The template link serves the header row of the chosen kind.
    const href = await page.getByRole('link', { name: /Unduh templat CSV/ }).getAttribute('href');
    expect(href).toBe('/api/v1/org/import/opds/template');
    const template = await page.context().request.get(href!);
    expect((await template.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('name,short_name,type,head_name,head_title,region_code');

    await page.getByLabel('Atau tempel isi CSV').fill(`name,short_name,type,head_name,head_title,region_code\n${GOOD}\n${BAD}\n`);
    await page.getByRole('button', { name: 'Impor', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '1 baris bermasalah' }).waitFor();
    const problems = page.getByRole('table', { name: 'Baris bermasalah' });
    const cells = await problems.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('type');
    expect(cells[2]).toContain('bukan-jenis');
    expect(await storedOpdNames(page)).not.toContain('Badan Kepegawaian dan Pengembangan SDM');
    await screenshot(page, 'import-360-problems');

    // The corrected file, uploaded as a file this time.
    await page.getByLabel('Berkas CSV').setInputFiles({
      name: 'opd.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`name,short_name,type,head_name,head_title,region_code\n${GOOD}\n${BAD.replace('bukan-jenis', 'kantor')}\n`),
    });
    await expect.poll(() => page.getByLabel('Atau tempel isi CSV').inputValue()).toContain('KTJ,kantor');
    await page.getByRole('button', { name: 'Impor', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '2 baris OPD berhasil diimpor.' }).waitFor();
    expect(await page.getByRole('table', { name: 'Baris bermasalah' }).count()).toBe(0);
    expect(await storedOpdNames(page)).toEqual(expect.arrayContaining(['Badan Kepegawaian dan Pengembangan SDM', 'Kantor Tanpa Jenis']));
  });
});

describe('accessibility (axe-core)', () => {
  for (const [label, viewport] of [['360 px', PHONE], ['1280 px', DESKTOP]] as const) {
    it(`OPD list, OPD form and import page have no serious or critical violations at ${label}`, async () => {
      const page = await adminPage(viewport);
      await page.goto('/organisation');
      await page.getByRole('table').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `opd-list-${viewport.width}`);

      await page.goto('/organisation/opds/new');
      await page.getByRole('heading', { level: 1, name: 'Tambah OPD' }).waitFor();
      await page.getByRole('button', { name: 'Tambah OPD' }).click(); // empty form: field errors shown
      await page.getByRole('alert').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `opd-form-${viewport.width}`);

      await page.goto('/organisation/import');
      await page.getByLabel('Atau tempel isi CSV').fill('name,short_name,type\n,,dinas\n');
      await page.getByRole('button', { name: 'Impor', exact: true }).click();
      await page.getByRole('table', { name: 'Baris bermasalah' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `import-${viewport.width}`);
    });
  }
});

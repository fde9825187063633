/**
 * Routing suggestions in the browser (issue #6 [G]), at 360 px: the desk opens a case,
 * starts the disposisi and sees the top-3 OPD suggestion from the demo's keyword rules,
 * the confident one already chosen; one click on a suggestion picks it, the route is
 * recorded as accepted or overridden, and the inbox shows the accuracy figure; at intake,
 * likely categories appear as the desk types and one click picks one. axe-core
 * finds no serious or critical violation on the case page with the suggestion open.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, loginViaApi, screenshot, seriousA11yViolations, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';
import { buildComplaint } from '../helpers/complaints.js';

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

const DESK = 'verifikator@demo.prima.id';

async function demoCase(title: string, description: string) {
  const db = env.handle.db;
  const tenant = await db.selectFrom('tenant').select(['id', 'code', 'slug', 'name']).where('is_demo', '=', true).executeTakeFirstOrThrow();
  return (await buildComplaint(db, tenant, { status: 'verified', title, description })).complaint;
}

async function opdId(shortName: string): Promise<string> {
  const r = await env.handle.db.selectFrom('opd').select('id').where('short_name', '=', shortName).executeTakeFirstOrThrow();
  return r.id;
}

describe('desk: routing suggestion on the case page', () => {
  it('shows the top 3, pre-selects the confident one, and records accept and override', async () => {
    const ktp = await demoCase('KTP elektronik belum jadi', 'Sudah tiga bulan KTP saya belum jadi, blanko habis katanya. Kartu keluarga juga belum dicetak.');
    const page = await env.newPage(PHONE);
    await loginViaApi(page, DESK);
    await page.goto(`/pengaduan/${ktp.id}`);
    await page.getByRole('heading', { level: 1, name: ktp.title }).waitFor();
    await page.getByRole('button', { name: 'Teruskan ke OPD' }).click();
    const group = page.getByRole('group', { name: /Saran disposisi/ });
    const top = group.getByRole('button', { name: /^Disdukcapil · skor \d+%$/ });
    await top.waitFor();
    expect(await group.getByRole('button').count()).toBeLessThanOrEqual(3);
    const select = page.getByLabel('OPD tujuan');
    const dukcapil = await opdId('Disdukcapil');
    await expect.poll(() => select.inputValue()).toBe(dukcapil);
    await expect.poll(() => top.getAttribute('aria-pressed')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'routing-360-suggestion', { fullPage: true });
    await page.getByRole('form', { name: 'Teruskan ke OPD' }).getByRole('button', { name: 'Teruskan ke OPD' }).click();
    await page.getByRole('status').filter({ hasText: 'tercatat' }).waitFor();

    // A second case: the desk overrides the suggestion with the select.
    const road = await demoCase('Jalan berlubang di Satui', 'Jalan utama desa rusak parah dan berlubang, jembatan kecil juga retak.');
    await page.goto(`/pengaduan/${road.id}`);
    await page.getByRole('heading', { level: 1, name: road.title }).waitFor();
    await page.getByRole('button', { name: 'Teruskan ke OPD' }).click();
    await page.getByRole('group', { name: /Saran disposisi/ }).getByRole('button', { name: /^PUPR · / }).waitFor();
    const dishub = await opdId('Dishub');
    await page.getByLabel('OPD tujuan').selectOption(dishub);
    await page.getByRole('form', { name: 'Teruskan ke OPD' }).getByRole('button', { name: 'Teruskan ke OPD' }).click();
    await page.getByRole('status').filter({ hasText: 'tercatat' }).waitFor();

    const fb = await env.handle.db.selectFrom('routing_feedback').select(['complaint_id', 'outcome', 'chosen_opd_id']).where('complaint_id', 'in', [ktp.id, road.id]).execute();
    expect(fb.find((f) => f.complaint_id === ktp.id)).toMatchObject({ outcome: 'accepted', chosen_opd_id: dukcapil });
    expect(fb.find((f) => f.complaint_id === road.id)).toMatchObject({ outcome: 'overridden', chosen_opd_id: dishub });
  });

  it('at intake, likely categories appear as the desk types and one click picks one', async () => {
    const page = await env.newPage(PHONE);
    await loginViaApi(page, DESK);
    await page.goto('/meja/baru');
    await page.getByLabel('Judul laporan').fill('Akta kelahiran anak belum jadi');
    await page.getByLabel('Uraian').fill('Sudah dua bulan menunggu akta kelahiran dan kartu keluarga baru di Disdukcapil.');
    const chip = page.getByTestId('category-suggestions').getByRole('button', { name: /^Administrasi kependudukan · \d+%$/ });
    await chip.click();
    await expect.poll(() => page.getByLabel('Kategori', { exact: true }).locator('option:checked').textContent()).toBe('Administrasi kependudukan');
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("the desk's inbox shows how often the suggestion was accepted", async () => {
    const page = await env.newPage(DESKTOP);
    await loginViaApi(page, DESK);
    await page.goto('/meja');
    const figure = page.getByRole('region', { name: 'Ketepatan saran disposisi' });
    await figure.getByText(/30 hari terakhir: \d+% diterima \(\d+ dari \d+\)/).waitFor();
    await screenshot(page, 'routing-inbox-accuracy');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

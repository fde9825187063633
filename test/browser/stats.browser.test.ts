/**
 * Public statistics in the browser (issue #3): a citizen files a report through the API
 * (with a name and an e-mail), the desk routes it to an OPD, and /statistik, with no
 * sign-in, shows the OPD's and the kecamatan's rows with the same counts as
 * GET /public/stats, as accessible tables that become cards at 360 px. The page never
 * shows the reporter's name, e-mail or the report's contents. axe-core finds no serious or
 * critical violation at 360 and 1280 px. Signed-out visitors reach it from the citizen menu
 * and from the login page's citizen box.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, loginViaApi, screenshot, seriousA11yViolations, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
  await fileAndRoute();
});
afterAll(async () => {
  await env?.close();
});
afterEach(async () => {
  expect(await env.closePages()).toEqual([]);
});

const DESK = 'verifikator@demo.prima.id';
const KECAMATAN = 'Kusan Hilir';
const REPORTER = { name: 'Siti Rahmawati Statistik', email: 'siti.statistik@example.org' };
const TITLE = 'Saluran air tersumbat di pasar (statistik)';
const DESCRIPTION = 'Saluran air di belakang pasar tersumbat sampah sejak tiga hari; air meluap ke jalan.';

interface Row { id: string | null; name: string; total: number; byStatus: Record<string, number>; onTimeRate: number | null }
interface Stats { total: number; byStatus: Record<string, number>; perOpd: Row[]; perKecamatan: Row[] }

let opdName = '';

/** Files a public report in Kusan Hilir with the reporter's name and e-mail, then the desk verifies it and routes it to Dinas PUPR. */
async function fileAndRoute(): Promise<void> {
  const page = await env.newPage(DESKTOP);
  const req = page.context().request;
  const kec = ((await (await req.get('/api/v1/regions?level=kecamatan')).json()) as { items: Array<{ code: string; name: string }> }).items.find((r) => r.name === KECAMATAN)!;
  const res = await req.post('/api/v1/public/complaints', {
    headers: { 'idempotency-key': 'stats-test-report-0001' },
    data: { kind: 'pengaduan', title: TITLE, description: DESCRIPTION, regionCode: kec.code, isAnonymous: false, isConfidential: false, reporter: REPORTER },
  });
  expect(res.status(), await res.text()).toBe(201);
  const code = ((await res.json()) as { trackingCode: string }).trackingCode;
  const { id } = await env.handle.db.selectFrom('complaint').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();

  await loginViaApi(page, DESK);
  const csrf = ((await (await req.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
  const opds = (await (await req.get('/api/v1/opds')).json()) as { items: Array<{ id: string; name: string; shortName: string }> };
  const pupr = opds.items.find((o) => o.shortName === 'PUPR')!;
  opdName = pupr.name;
  for (const [action, data] of [['verify', {}], ['route', { opdId: pupr.id }]] as const) {
    const r = await req.post(`/api/v1/complaints/${id}/actions/${action}`, { data, headers: { 'x-csrf-token': csrf } });
    expect(r.status(), await r.text()).toBe(200);
  }
  await env.closePages();
}

async function apiStats(page: Page): Promise<Stats> {
  return (await (await page.context().request.get('/api/v1/public/stats')).json()) as Stats;
}

/** The cells of the table row headed by `name`, as text. */
async function rowCells(page: Page, tableName: RegExp, name: string): Promise<string[]> {
  const row = page.getByRole('table', { name: tableName }).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await row.waitFor();
  return (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
}

describe('public statistics', () => {
  it('at 360 px shows the OPD and kecamatan rows with their counts, and no personal data', async () => {
    const page = await env.newPage(PHONE);
    // Signed out: the citizen menu links to it.
    await page.goto('/lacak');
    await page.getByRole('navigation', { name: 'Menu warga' }).getByRole('link', { name: 'Statistik' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistik laporan warga' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/statistik');

    const stats = await apiStats(page);
    const opd = stats.perOpd.find((r) => r.name === opdName)!;
    const kec = stats.perKecamatan.find((r) => r.name === KECAMATAN)!;
    expect(opd.byStatus.routed).toBeGreaterThanOrEqual(1);
    expect(kec.total).toBeGreaterThanOrEqual(1);

    // Columns: total, at the desk, with the OPD, resolved, rejected/archived, on time.
    const opdCells = await rowCells(page, /per OPD/, opdName);
    expect(opdCells[0]).toBe(String(opd.total));
    expect(Number(opdCells[2])).toBe((opd.byStatus.routed ?? 0) + (opd.byStatus.accepted ?? 0) + (opd.byStatus.in_progress ?? 0));
    const kecCells = await rowCells(page, /per kecamatan/, KECAMATAN);
    expect(kecCells[0]).toBe(String(kec.total));
    expect(await page.getByTestId('stats-total').textContent()).toBe(new Intl.NumberFormat('id-ID').format(stats.total));

    // Accessible tables: a caption, column headers and row headers.
    const tables = page.getByRole('table');
    expect(await tables.count()).toBe(3);
    for (const table of await tables.all()) {
      expect(await table.locator('caption').textContent()).not.toBe('');
      expect(await table.locator('thead th[scope="col"]').count()).toBeGreaterThan(1);
      expect(await table.locator('tbody th[scope="row"]').count()).toBeGreaterThan(0);
    }
    // At 360 px each row is a card: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const body = (await page.locator('body').textContent())!;
    for (const secret of [REPORTER.name, REPORTER.email, TITLE, DESCRIPTION]) expect(body).not.toContain(secret);
    expect(JSON.stringify(stats)).not.toContain(REPORTER.email);
    await screenshot(page, 'stats-360', { fullPage: true });
  });

  it('switches to English and filters by year', async () => {
    const page = await env.newPage(DESKTOP);
    await page.goto('/statistik');
    await page.getByRole('heading', { level: 1, name: 'Statistik laporan warga' }).waitFor();
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: "Citizens' report statistics" }).waitFor();
    await page.getByRole('table', { name: /per kecamatan/ }).getByRole('columnheader', { name: 'On time' }).waitFor();

    // A year with no reports: the tables say so; this year's still has the report.
    await page.getByLabel('Year the report came in').selectOption('2022');
    await page.getByText('No reports for this period yet.').first().waitFor();
    expect(await page.getByRole('table', { name: /per OPD/ }).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('tahun')).toBe('2022');
    const year = String(new Date().getFullYear());
    await page.getByLabel('Year the report came in').selectOption(year);
    await page.getByRole('table', { name: /per kecamatan/ }).getByRole('rowheader', { name: KECAMATAN, exact: true }).waitFor();
  });

  it('the login page offers it to citizens; staff navigation is unchanged', async () => {
    const page = await env.newPage(PHONE);
    await page.goto('/login');
    await page.getByRole('region', { name: 'Warga? Tidak perlu masuk' }).getByRole('link', { name: 'Lihat statistik laporan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistik laporan warga' }).waitFor();

    const staff = await env.newPage(DESKTOP);
    await loginViaApi(staff, DESK);
    await staff.goto('/');
    const nav = staff.getByRole('navigation', { name: 'Menu utama' });
    await nav.waitFor();
    expect(await nav.getByRole('link', { name: 'Statistik' }).count()).toBe(0);
  });
});

describe('accessibility (axe-core)', () => {
  for (const [label, viewport] of [['360 px', PHONE], ['1280 px', DESKTOP]] as const) {
    it(`/statistik has no serious or critical violations at ${label}`, async () => {
      const page = await env.newPage(viewport);
      await page.goto('/statistik');
      await page.getByRole('table', { name: /per kecamatan/ }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      if (viewport.width !== PHONE.width) await screenshot(page, `stats-${viewport.width}`, { fullPage: true });
    });
  }
});

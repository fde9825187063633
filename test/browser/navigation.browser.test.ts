/**
 * Each demo account signs in through the form and sees its own navigation: admins manage
 * the organisation, users and the audit trail; OPD staff see the organisation only. The
 * demo tenant is labelled DATA DEMO on every page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/server/modules/auth/tables.js';
import { DEMO_OPDS } from '../../src/server/modules/demo/data.js';
import { DEMO_ACCOUNTS, DESKTOP, PHONE, loginViaForm, screenshot, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';

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

// Menu order is roles.ts's: inboxes, organisation, the performance modules, administration.
const PERFORMANCE = ['Standar pelayanan', 'Survei kepuasan', 'Kepatuhan', 'PEKPPP'];
const STAFF = ['Beranda', 'Organisasi', ...PERFORMANCE];
const ADMIN = [...STAFF, 'Pengguna', 'Token API', 'Kalender', 'Tenggat', 'Audit'];
const EXPECTED_NAV: Record<Role, string[]> = {
  superadmin: [...ADMIN, 'Pemerintah daerah'],
  admin: ADMIN,
  inspektorat: [...STAFF, 'Audit'],
  verifikator: ['Beranda', 'Meja pengaduan', 'Organisasi', 'Standar pelayanan'],
  pimpinan: ['Beranda', 'Eskalasi', 'Organisasi', ...PERFORMANCE],
  kepala_opd: ['Beranda', 'Kotak masuk OPD', 'Organisasi', ...PERFORMANCE],
  operator_opd: ['Beranda', 'Kotak masuk OPD', 'Organisasi', ...PERFORMANCE],
  warga: ['Beranda'],
};

describe('role-based navigation', () => {
  it('covers every role', () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(Object.keys(EXPECTED_NAV)));
  });

  for (const account of DEMO_ACCOUNTS) {
    it(`${account.email} (${account.role}) sees its own navigation`, async () => {
      const page = await env.newPage(account.role === 'operator_opd' ? PHONE : DESKTOP);
      await loginViaForm(page, account.email);
      await page.getByRole('heading', { level: 1, name: `Selamat datang, ${account.name}` }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Menu utama' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(EXPECTED_NAV[account.role]);
      expect(await page.getByRole('banner').getByText('DATA DEMO', { exact: true }).isVisible()).toBe(true);
      if (account.opd) {
        // OPD staff are shown their own OPD on the home page.
        const opdName = DEMO_OPDS.find((o) => o.shortName === account.opd)!.name;
        expect(await page.getByRole('main').getByRole('link', { name: opdName, exact: true }).count()).toBeGreaterThan(0);
      }
      await screenshot(page, `home-${account.email.split('@')[0]}`);
    });
  }

  it('an operator who opens an admin page is told it is not allowed', async () => {
    const page = await env.newPage(DESKTOP);
    await loginViaForm(page, 'operator.pupr@demo.prima.id');
    await page.goto('/users');
    await page.getByRole('heading', { level: 1, name: 'Tidak berwenang' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
  });

  it('signing out returns to the login page', async () => {
    const page = await env.newPage(DESKTOP);
    await loginViaForm(page, 'admin@demo.prima.id');
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
    await page.goto('/organisation');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
  });

  it('works under the tenant path prefix /r/{slug}/', async () => {
    const page = await env.newPage(DESKTOP);
    await page.goto('/r/tanah-bumbu/');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/r/tanah-bumbu/login');
    await page.getByLabel('Email').fill('admin@demo.prima.id');
    await page.getByLabel('Kata sandi').fill(env.demo.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    const nav = page.getByRole('navigation', { name: 'Menu utama' });
    await nav.waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/r\/tanah-bumbu\/?$/);
    await nav.getByRole('link', { name: 'Organisasi' }).click();
    await page.getByRole('table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/r/tanah-bumbu/organisation');
    // A reload is served by the server's SPA fallback under the prefix, still signed in.
    await page.reload();
    await page.getByRole('table').waitFor();
    // An unknown tenant in the prefix is not served as another tenant's data.
    const other = await env.newPage(DESKTOP);
    await other.goto('/r/tidak-ada/login');
    await other.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
    expect(await other.getByRole('banner').getByText('DATA DEMO').count()).toBe(0);
  });
});


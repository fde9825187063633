/**
 * The other admin pages against the real API: users (create with an OPD role; the new
 * user signs in and sees their OPD), API tokens (shown once, revoked), the calendar (add
 * and delete a regional day off; from 1 October the notice that next year is missing and
 * its import form), the audit trail (filter, verify the chain), units and services, and the
 * superadmin's tenant list.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, loginViaApi, loginViaForm, screenshot, seriousA11yViolations, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';
import { buildComplaint } from '../helpers/complaints.js';
import { calendarStatus } from '../../src/server/modules/calendar/year-notice.js';

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

async function adminPage(viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
  const page = await env.newPage(viewport);
  await loginViaApi(page, 'admin@demo.prima.id');
  return page;
}

describe('users', () => {
  it('an admin creates an OPD operator, who then signs in and sees their OPD', async () => {
    const page = await adminPage(PHONE);
    await page.goto('/users');
    await page.getByRole('link', { name: 'Tambah pengguna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tambah pengguna' }).waitFor();
    await page.getByLabel('Nama', { exact: true }).fill('Siti Operator Dinkes');
    await page.getByLabel('Email').fill('siti.dinkes@demo.prima.id');
    await page.getByLabel('Kata sandi awal').fill('kata-sandi-siti-1');
    await page.getByLabel('Operator OPD', { exact: true }).check();
    // The OPD-scoped role asks for its OPD before anything is sent.
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    await page.getByRole('alert').filter({ hasText: 'Pilih OPD untuk peran Operator OPD.' }).waitFor();
    await page.getByLabel('OPD untuk Operator OPD').selectOption({ label: 'Dinas Kesehatan' });
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    await page.getByRole('status').filter({ hasText: 'Pengguna Siti Operator Dinkes telah ditambahkan.' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'siti.dinkes@demo.prima.id' });
    expect(await row.textContent()).toContain('Operator OPD (Dinas Kesehatan)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'users-360');

    const siti = await env.newPage(DESKTOP);
    await loginViaForm(siti, 'siti.dinkes@demo.prima.id', 'kata-sandi-siti-1');
    expect(await siti.getByRole('navigation', { name: 'Menu utama' }).getByRole('link').allTextContents()).toEqual(['Beranda', 'Kotak masuk OPD', 'Organisasi', 'Standar pelayanan', 'Survei kepuasan', 'Kepatuhan', 'PEKPPP']);
    await siti.getByRole('main').getByRole('link', { name: 'Dinas Kesehatan', exact: true }).first().click();
    await siti.getByRole('heading', { level: 1, name: 'Dinas Kesehatan' }).waitFor();
    // Her own OPD: she may add units (organisation policy), but not edit the OPD itself.
    expect(await siti.getByRole('link', { name: 'Tambah unit layanan' }).count()).toBe(1);
    expect(await siti.getByRole('link', { name: 'Ubah OPD' }).count()).toBe(0);
  });

  it('an admin deactivates a user, who can then no longer sign in', async () => {
    const page = await adminPage();
    await page.goto('/users');
    await page.getByRole('button', { name: 'Nonaktifkan Warga Demo' }).click();
    await page.getByRole('row').filter({ hasText: 'warga@demo.prima.id' }).getByText('Nonaktif', { exact: true }).waitFor();
    const res = await (await env.newPage()).context().request.post('/api/v1/auth/login', { data: { email: 'warga@demo.prima.id', password: env.demo.password } });
    expect(res.status()).toBe(401);
  });
});

describe('API tokens', () => {
  it('shows a new token once; it works until revoked', async () => {
    const page = await adminPage();
    await page.goto('/tokens');
    await page.getByLabel('Nama token').fill('Integrasi SP4N-LAPOR');
    await page.getByLabel('Berlaku (hari)').fill('30');
    await page.getByRole('button', { name: 'Buat token' }).click();
    const once = page.getByRole('status').filter({ hasText: 'Token "Integrasi SP4N-LAPOR" telah dibuat' });
    await once.waitFor();
    const token = (await once.locator('code').textContent())!.trim();
    expect(token).toMatch(/^prm_/);
    await screenshot(page, 'tokens-1280');

    const api = (await env.newPage()).context().request;
    expect((await api.get('/api/v1/opds', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);

    // After a reload the secret is gone for good; the list shows only its prefix.
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'Integrasi SP4N-LAPOR' });
    await row.waitFor();
    expect(await page.getByText(token).count()).toBe(0);
    await row.getByRole('button', { name: 'Cabut' }).click();
    await row.getByRole('button', { name: 'Ya, cabut Integrasi SP4N-LAPOR' }).click();
    await row.getByText('Dicabut', { exact: true }).waitFor();
    expect((await api.get('/api/v1/opds', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
  });
});

describe('calendar', () => {
  it('lists the national days of a year and adds and deletes a regional day off', async () => {
    const page = await adminPage(PHONE);
    await page.goto('/calendar');
    await page.getByLabel('Tahun', { exact: true }).selectOption('2026');
    const national = page.getByRole('table', { name: 'Libur nasional dan cuti bersama 2026' });
    await national.getByText('Cuti Bersama Hari Raya Idulfitri', { exact: false }).first().waitFor();

    await page.getByLabel('Tanggal').fill('2026-12-21');
    await page.getByLabel('Keterangan').fill('Hari Jadi Kabupaten (uji)');
    await page.getByLabel('Dasar hukum').fill('Keputusan Bupati No. 1/2026');
    await page.getByRole('button', { name: 'Tambah', exact: true }).click();
    const table = page.getByRole('table', { name: 'Hari libur daerah 2026' });
    const row = table.getByRole('row').filter({ hasText: 'Hari Jadi Kabupaten (uji)' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Semua unit');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'calendar-360');

    await row.getByRole('button', { name: 'Hapus' }).click();
    await row.getByRole('button', { name: 'Ya, hapus Hari Jadi Kabupaten (uji)' }).click();
    await expect.poll(() => row.count()).toBe(0);
  });

  it('marks a deadline counted into a year that is not loaded as provisional, on the case page and the tracking page', async () => {
    const tenant = await env.handle.db.selectFrom('tenant').select(['id', 'code', 'slug', 'name']).where('id', '=', env.demo.tenantId!).executeTakeFirstOrThrow();
    const { complaint } = await buildComplaint(env.handle.db, tenant, {
      status: 'routed',
      due_at: new Date('2027-01-04T15:59:59.999Z'),
      due_stage: 'first_response',
      due_from: new Date('2026-12-23T02:00:00Z'),
      due_provisional_year: 2027,
    });
    const page = await adminPage(PHONE);
    await page.goto(`/pengaduan/${complaint.id}`);
    await page.getByText('sementara — kalender libur tahun 2027 belum dimuat').waitFor();
    const track = await env.newPage(PHONE);
    await track.goto(`/lacak/${complaint.tracking_code}`);
    await track.getByText('sementara — kalender libur tahun 2027 belum dimuat').waitFor();
    expect(await seriousA11yViolations(track)).toEqual([]);
  });

  it('from 1 October shows that next year is missing, one click from the import form, which loads it', async () => {
    // The page asks GET /calendar/status what day it is on the region's clock. That one answer
    // is computed here by the endpoint's own function for 2 November 2026 (on the real
    // database, so it sees the import below); faking the process clock would also move
    // PGlite's, whose timers then spin. The 2027 rows are test data.
    const tenant = await env.handle.db.selectFrom('tenant').select(['id', 'timezone']).where('id', '=', env.demo.tenantId!).executeTakeFirstOrThrow();
    const page = await adminPage(PHONE);
    await page.route('**/api/v1/calendar/status', async (route) =>
      route.fulfill({ json: await calendarStatus(env.handle.db, tenant, new Date('2026-11-02T09:00:00+08:00')) }),
    );
    await page.goto('/calendar');
    const notice = page.getByRole('region', { name: 'Libur nasional dan cuti bersama 2027 belum dimuat' });
    await notice.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'calendar-notice-360');

    await notice.getByRole('link', { name: 'Muat kalender 2027' }).click();
    const heading = page.getByRole('heading', { level: 2, name: 'Muat libur nasional dan cuti bersama' });
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Tahun yang dimuat').inputValue()).toBe('2027');

    const rows = page.getByLabel('Baris CSV');
    await rows.fill('2027-01-01,libur_nasional,Tahun Baru 2027 Masehi,SKB uji\n2027-13-01,cuti_bersama,Tanggal salah,SKB uji');
    await page.getByRole('button', { name: 'Muat hari libur' }).click();
    const problems = page.getByRole('table', { name: 'Baris bermasalah' });
    await problems.getByRole('row').filter({ hasText: '"2027-13-01" bukan tanggal yang valid' }).waitFor();
    expect(await problems.getByRole('row').filter({ hasText: '"2027-13-01"' }).textContent()).toContain('date');

    await rows.fill('date,kind,name,legal_source\n2027-01-01,libur_nasional,Tahun Baru 2027 Masehi,SKB uji\n2027-01-04,cuti_bersama,Cuti bersama uji,SKB uji');
    await page.getByRole('button', { name: 'Muat hari libur' }).click();
    await page.getByRole('status').filter({ hasText: '2 hari dimuat untuk tahun 2027' }).waitFor();
    await expect.poll(() => notice.count()).toBe(0);
    const national = page.getByRole('table', { name: 'Libur nasional dan cuti bersama 2027' });
    expect(await national.getByRole('row').filter({ hasText: 'Cuti bersama uji' }).textContent()).toContain('Dimuat daerah ini');
    expect(await national.getByRole('row').filter({ hasText: 'Hari Lahir Pancasila' }).textContent()).toContain('Tetap setiap tahun');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'calendar-import-360', { fullPage: true });
  });
});

describe('audit trail', () => {
  it('lists changes, filters by action, and verifies the chain', async () => {
    const page = await adminPage();
    // A change to find: rename an OPD's head title through the API.
    const opds = (await (await page.context().request.get('/api/v1/opds')).json()) as { items: Array<{ id: string; shortName: string }> };
    const dishub = opds.items.find((o) => o.shortName === 'Dishub')!;
    const session = (await (await page.context().request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const patched = await page.context().request.patch(`/api/v1/opds/${dishub.id}`, { data: { headTitle: 'Kepala Dinas Perhubungan' }, headers: { 'x-csrf-token': session.csrfToken } });
    expect(patched.status()).toBe(200);

    await page.goto('/audit');
    await page.getByRole('heading', { level: 1, name: 'Jejak audit' }).waitFor();
    await page.getByLabel('Tindakan').fill('opd.update');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    const rows = page.getByRole('table', { name: 'Jejak audit' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(2); // header + the one update
    expect(await rows.nth(1).textContent()).toContain('Admin Demo');

    await page.getByRole('button', { name: 'Periksa rantai' }).click();
    await page.getByText(/Rantai utuh: \d+ catatan diperiksa, \d+ catatan belum disegel\./).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'audit-1280');
  });

  it('is open to the inspektorat but not to an operator', async () => {
    const inspektorat = await env.newPage();
    await loginViaApi(inspektorat, 'inspektorat@demo.prima.id');
    await inspektorat.goto('/audit');
    await inspektorat.getByRole('table', { name: 'Jejak audit' }).waitFor();

    const operator = await env.newPage();
    await loginViaApi(operator, 'operator.pupr@demo.prima.id');
    await operator.goto('/audit');
    await operator.getByRole('heading', { level: 1, name: 'Tidak berwenang' }).waitFor();
  });
});

describe('units and services', () => {
  it('an admin adds a service unit to an OPD and a service to the unit', async () => {
    const page = await adminPage(PHONE);
    await page.goto('/organisation');
    await page.getByRole('link', { name: 'Dinas Perhubungan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dinas Perhubungan' }).waitFor();
    await page.getByRole('link', { name: 'Tambah unit layanan' }).click();
    await page.getByLabel('Nama unit').fill('Terminal Batulicin');
    await page.getByLabel('Alamat').fill('Jl. Terminal, Batulicin');
    await page.getByRole('button', { name: 'Tambah unit layanan' }).click();
    await page.getByRole('status').filter({ hasText: 'Unit Terminal Batulicin telah ditambahkan.' }).waitFor();

    await page.getByRole('link', { name: 'Terminal Batulicin', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Terminal Batulicin' }).waitFor();
    await page.getByRole('link', { name: 'Tambah layanan' }).click();
    await page.getByLabel('Nama layanan').fill('Izin trayek angkutan pedesaan');
    await page.getByRole('button', { name: 'Tambah layanan' }).click();
    await page.getByRole('status').filter({ hasText: 'Layanan Izin trayek angkutan pedesaan telah ditambahkan.' }).waitFor();
    expect(await page.getByRole('table', { name: 'Jenis layanan Terminal Batulicin' }).textContent()).toContain('Izin trayek angkutan pedesaan');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'services-360');
  });
});

describe('tenants (superadmin)', () => {
  it('lists the demo tenant with its DATA DEMO label', async () => {
    const page = await env.newPage();
    await loginViaApi(page, 'superadmin@demo.prima.id');
    await page.goto('/tenants');
    const row = page.getByRole('row').filter({ hasText: 'Kabupaten Tanah Bumbu' });
    await row.waitFor();
    expect(await row.textContent()).toContain('DATA DEMO');
    expect(await row.textContent()).toContain('63.10');
  });

  it('sets the host names of a tenant (its front door), at 360 px, axe clean', async () => {
    const page = await env.newPage(PHONE);
    await loginViaApi(page, 'superadmin@demo.prima.id');
    await page.goto('/tenants');
    const host = `prima-uji-${Date.now().toString(36)}.example.go.id`;
    await page.getByRole('heading', { level: 2, name: 'Atur nama host' }).waitFor();
    await page.getByLabel('Pemerintah daerah', { exact: true }).selectOption({ label: 'Kabupaten Tanah Bumbu (63.10)' });
    await page.getByLabel('Nama host', { exact: true }).fill(`${host}, Bukan Host!`);
    await page.getByRole('button', { name: 'Simpan nama host' }).click();
    // The server names the bad entry; nothing is stored.
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Nama host', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Nama host', { exact: true }).fill(host);
    await page.getByRole('button', { name: 'Simpan nama host' }).click();
    await page.getByRole('status').filter({ hasText: 'Nama host Kabupaten Tanah Bumbu telah disimpan.' }).waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Kabupaten Tanah Bumbu' }).textContent()).toContain(host);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'tenants-hostnames-360');
    // An un-prefixed request to that host now opens the demo tenant.
    const routed = await env.app.inject({ url: '/api/v1/tenant', headers: { host } });
    expect(routed.json().code).toBe('63.10');

    // Cleared again, so other tests see the demo tenant as before.
    await page.getByLabel('Nama host', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Simpan nama host' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Kabupaten Tanah Bumbu' }).textContent()).not.toContain(host);
  });
});

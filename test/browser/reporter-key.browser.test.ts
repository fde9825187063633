/**
 * Only the reporter acts on a report, in the browser (issue #11, ADR 0027), at 360 px:
 * the citizen gets a reporter key with the tracking code; a stranger who opens the
 * tracking page sees a field for the key instead of the rating form, and a wrong key is
 * refused; the reporter opens the link of a message (key after '#') on another phone, the
 * key leaves the address bar and they rate; a rahasia report is found by its reporter only.
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

const DESK = 'verifikator@demo.prima.id';
const OPD = 'operator.pupr@demo.prima.id';

/** Files a report through the public API inside the page's context; returns code and key. */
async function fileViaApi(page: Page, title: string, over: Record<string, unknown> = {}) {
  const req = page.context().request;
  const res = await req.post('/api/v1/public/complaints', {
    headers: { 'idempotency-key': `key-e2e-${Date.now()}-${Math.random().toString(36).slice(2)}` },
    data: { kind: 'pengaduan', title, description: 'Lampu penerangan jalan mati sejak minggu lalu.', isAnonymous: false, isConfidential: false, ...over },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { trackingCode: string; reporterKey: string };
}

/** The desk routes the report to Dinas PUPR, which responds and resolves it (through the API). */
async function resolveAsStaff(code: string): Promise<void> {
  const { id } = await env.handle.db.selectFrom('complaint').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
  const pupr = await env.handle.db.selectFrom('opd').select('id').where('short_name', '=', 'PUPR').where('tenant_id', '=', env.demo.tenantId!).executeTakeFirstOrThrow();
  for (const [email, action, data] of [
    [DESK, 'route', { opdId: pupr.id }],
    [OPD, 'respond', { note: 'Petugas menuju lokasi.', visibility: 'public' }],
    [OPD, 'resolve', { note: 'Lampu sudah diganti.', visibility: 'public' }],
  ] as const) {
    const page = await env.newPage(DESKTOP);
    await loginViaApi(page, email);
    const req = page.context().request;
    const csrf = ((await (await req.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
    const res = await req.post(`/api/v1/complaints/${id}/actions/${action}`, { data, headers: { 'x-csrf-token': csrf } });
    expect(res.status(), await res.text()).toBeLessThan(300);
  }
}

describe('the reporter key', () => {
  it('is shown with the code after filing a rahasia report, which only its reporter then finds', async () => {
    const citizen = await env.newPage(PHONE);
    await citizen.goto('/lapor');
    await citizen.getByRole('radio', { name: 'Pengaduan' }).check();
    await citizen.getByLabel('Judul laporan').fill('Dugaan pungutan liar di loket (rahasia)');
    await citizen.getByLabel('Uraian').fill('Petugas meminta uang tambahan untuk mempercepat pengurusan.');
    await citizen.getByLabel('Rahasia — sembunyikan seluruh laporan dari publik').check();
    await citizen.getByRole('button', { name: 'Kirim laporan' }).click();
    await citizen.getByRole('heading', { name: 'Laporan Anda telah diterima' }).waitFor();
    const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();
    const key = (await citizen.getByTestId('reporter-key').textContent())!.trim();
    expect(key).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){4}$/);
    await screenshot(citizen, 'lapor-360-kunci', { fullPage: true });
    // The reporter follows it from this phone (the key is kept here).
    await citizen.getByRole('link', { name: 'Lihat perkembangan laporan' }).click();
    await citizen.getByText('Laporan ini rahasia: hanya Anda sebagai pelapor').waitFor();

    // A stranger with the code only: not found, with a word on the key.
    const stranger = await env.newPage(PHONE);
    await stranger.goto(`/lacak/${code}`);
    await stranger.getByText(`Laporan dengan kode ${code} tidak ditemukan`).waitFor();
    await stranger.getByText('Laporan rahasia hanya dapat dilihat pelapornya').waitFor();
    // The reporter on another phone types both in.
    const other = await env.newPage(PHONE);
    await other.goto('/lacak');
    await other.getByLabel('Kode lacak').fill(code);
    await other.getByLabel('Kunci pelapor').fill(key.toLowerCase());
    await other.getByRole('button', { name: 'Cari' }).click();
    await other.getByText('Dugaan pungutan liar di loket (rahasia)').waitFor();
  });

  it('keeps a stranger from rating; the reporter rates from the link in their message, on another phone', async () => {
    const filer = await env.newPage(PHONE);
    const { trackingCode: code, reporterKey: key } = await fileViaApi(filer, 'Lampu jalan mati di Jl. Raya Batulicin');
    await resolveAsStaff(code);

    const stranger = await env.newPage(PHONE);
    await stranger.goto(`/lacak/${code}`);
    await stranger.getByRole('heading', { name: 'Anda pelapor laporan ini?' }).waitFor();
    expect(await stranger.getByRole('heading', { name: 'Konfirmasi dan beri penilaian' }).count()).toBe(0);
    await stranger.getByLabel('Kunci pelapor').fill('AAAA-BBBB-CCCC-DDDD-EEEE');
    await stranger.getByRole('button', { name: 'Gunakan kunci' }).click();
    await stranger.getByText('Kunci ini tidak cocok dengan laporan ini').waitFor();
    expect(await seriousA11yViolations(stranger)).toEqual([]);
    await screenshot(stranger, 'lacak-360-kunci', { fullPage: true });
    expect((await env.handle.db.selectFrom('complaint').select('status').where('tracking_code', '=', code).executeTakeFirstOrThrow()).status).toBe('resolved');

    // The link of the "resolved" message, opened on a phone that never saw the key.
    const reporter = await env.newPage(PHONE);
    await reporter.goto(`/lacak/${code}#kunci=${key}`);
    await reporter.getByRole('heading', { name: 'Konfirmasi dan beri penilaian' }).waitFor();
    await expect.poll(() => new URL(reporter.url()).hash).toBe('');
    await reporter.getByLabel('4 — Puas').check();
    await reporter.getByRole('button', { name: 'Konfirmasi selesai' }).click();
    await reporter.getByRole('status').filter({ hasText: 'Terima kasih. Laporan ditutup' }).waitFor();
    expect((await env.handle.db.selectFrom('complaint').select(['status', 'rating']).where('tracking_code', '=', code).executeTakeFirstOrThrow())).toEqual({ status: 'closed', rating: 4 });
  });
});

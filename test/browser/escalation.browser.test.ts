/**
 * The escalation ladder and the completion clock in the browser (issue #11 §3), at 360 px:
 * an admin reads the deadline rules — the escalation steps with their default and the
 * note that no regulation sets it — and adds a version, offered working days only for an
 * escalation step; the desk's case page shows the completion deadline (60 days after the
 * file was complete) and when the next escalation level is alerted; the citizen's tracking
 * page shows the completion deadline and the verify step that started it. axe-core finds
 * no serious or critical violation on either page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PHONE, loginViaApi, screenshot, seriousA11yViolations, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';

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
const DESK = 'verifikator@demo.prima.id';
const OPD = 'operator.pupr@demo.prima.id';

async function csrfOf(page: Page): Promise<string> {
  return ((await (await page.context().request.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
}

/** A staff step through the API, signed in as `email` on a fresh page. */
async function staffPost(email: string, url: string, data: Record<string, unknown>): Promise<void> {
  const page = await env.newPage(PHONE);
  await loginViaApi(page, email);
  const res = await page.context().request.post(url, { data, headers: { 'x-csrf-token': await csrfOf(page) } });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

describe('deadline rules (admin)', () => {
  it('lists the escalation steps with their default and adds a version, working days only', async () => {
    const page = await env.newPage(PHONE);
    await loginViaApi(page, ADMIN);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Tenggat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aturan tenggat' }).waitFor();
    const table = page.getByRole('table', { name: 'Aturan yang tercatat' });
    const sekda = table.getByRole('row').filter({ hasText: 'Eskalasi: Kepala OPD → Sekda' });
    await sekda.waitFor();
    expect(await sekda.textContent()).toContain('5 hari kerja');
    expect(await sekda.textContent()).toContain('Tidak diatur peraturan');
    expect(await table.getByRole('row').filter({ hasText: 'Eskalasi: Sekda → Bupati/Wali Kota' }).count()).toBe(1);

    // An escalation step counts working days only; a report stage may count either.
    const stage = page.getByLabel('Tahap', { exact: true });
    const dayType = page.getByLabel('Jenis hari');
    expect(await dayType.locator('option').allTextContents()).toEqual(['Hari kerja']);
    await stage.selectOption({ label: 'Penyelesaian (sejak berkas lengkap)' });
    expect(await dayType.locator('option').allTextContents()).toEqual(['Hari kerja', 'Hari kalender']);
    await dayType.selectOption({ label: 'Hari kalender' });
    await stage.selectOption({ label: 'Eskalasi: Sekda → Bupati/Wali Kota' });
    expect(await dayType.inputValue()).toBe('working');

    // Required fields first, then the version is saved and listed.
    await page.getByRole('button', { name: 'Simpan versi' }).click();
    await page.getByText('Dasar hukum wajib diisi').first().waitFor();
    await page.getByLabel('Lama (hari)').fill('3');
    await page.getByLabel('Dasar hukum').fill('Perbup Uji 7/2026 Pasal 12');
    await page.getByLabel('Berlaku sejak').fill('2026-12-01');
    await page.getByRole('button', { name: 'Simpan versi' }).click();
    await page.getByRole('status').filter({ hasText: 'Versi aturan “Eskalasi: Sekda → Bupati/Wali Kota” tersimpan.' }).waitFor();
    const added = table.getByRole('row').filter({ hasText: 'Perbup Uji 7/2026 Pasal 12' });
    await added.waitFor();
    expect(await added.textContent()).toContain('3 hari kerja');
    expect(await added.textContent()).toContain('Eskalasi: Sekda → Bupati/Wali Kota');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'tenggat-360', { fullPage: true });
  });
});

describe('completion clock and the next escalation on the pages', () => {
  it('the case page and the tracking page show "60 days after the file was complete"; the case page the next level', async () => {
    const citizen = await env.newPage(PHONE);
    const filed = await citizen.context().request.post('/api/v1/public/complaints', {
      headers: { 'idempotency-key': `esc-browser-${Date.now()}` },
      data: { kind: 'pengaduan', title: 'Drainase tersumbat di Batulicin (tenggat)', description: 'Air meluap ke jalan setiap hujan.', isAnonymous: false, isConfidential: false },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const code = ((await filed.json()) as { trackingCode: string }).trackingCode;
    const db = env.handle.db;
    const { id, tenant_id: tenantId } = await db.selectFrom('complaint').select(['id', 'tenant_id']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
    const pupr = await db.selectFrom('opd').select('id').where('tenant_id', '=', tenantId).where('short_name', '=', 'PUPR').executeTakeFirstOrThrow();

    await staffPost(DESK, `/api/v1/complaints/${id}/actions/verify`, { note: 'Berkas lengkap.' });
    await staffPost(DESK, `/api/v1/complaints/${id}/actions/route`, { opdId: pupr.id });
    await staffPost(OPD, `/api/v1/complaints/${id}/escalation-request`, { reason: 'Saluran milik provinsi.' });

    const row = await db.selectFrom('complaint').select(['completion_due_at', 'escalation_due_at']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();
    const { timezone } = await db.selectFrom('tenant').select('timezone').where('id', '=', tenantId).executeTakeFirstOrThrow();
    const day = (d: Date) => new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', year: 'numeric', timeZone: timezone }).format(d);

    // The desk's case page.
    const desk = await env.newPage(PHONE);
    await loginViaApi(desk, DESK);
    await desk.goto(`/pengaduan/${id}`);
    await desk.getByRole('heading', { level: 1, name: 'Drainase tersumbat di Batulicin (tenggat)' }).waitFor();
    const completion = desk.getByTestId('completion-due');
    expect(await completion.locator('dt').textContent()).toBe('Batas penyelesaian (60 hari sejak berkas lengkap)');
    expect(await completion.locator('dd').textContent()).toContain(day(row.completion_due_at!));
    const next = desk.getByRole('term').filter({ hasText: 'Eskalasi berikutnya' });
    await next.waitFor();
    const nextValue = await next.locator('xpath=following-sibling::dd').textContent();
    expect(nextValue).toContain('2 — Sekretaris Daerah');
    expect(nextValue).toContain(day(row.escalation_due_at!));
    expect(await seriousA11yViolations(desk)).toEqual([]);
    await screenshot(desk, 'case-360-completion', { fullPage: true });

    // The citizen's tracking page: the same deadline, and the verify step that started it.
    await citizen.goto(`/lacak/${code}`);
    await citizen.getByRole('heading', { level: 1, name: `Laporan ${code}` }).waitFor();
    const pub = citizen.getByTestId('completion-due');
    expect(await pub.locator('dt').textContent()).toBe('Batas penyelesaian (60 hari sejak berkas lengkap)');
    expect(await pub.locator('dd').textContent()).toContain(day(row.completion_due_at!));
    const verified = citizen.getByRole('listitem').filter({ hasText: 'Diverifikasi' });
    expect(await verified.textContent()).toContain(`Batas penyelesaian: ${day(row.completion_due_at!)}`);
    expect(await citizen.getByRole('main').textContent()).not.toContain('Eskalasi berikutnya');
    expect(await seriousA11yViolations(citizen)).toEqual([]);
    await screenshot(citizen, 'lacak-360-completion', { fullPage: true });
  });
});

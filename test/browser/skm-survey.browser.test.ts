/**
 * The citizen's satisfaction survey (issue #4) in the browser, at 360 px like a cheap
 * phone: the QR link opens the form for its unit and counter; an answer given while the
 * phone is offline waits on the device ("1 jawaban menunggu dikirim") and arrives when the
 * network returns; a response lost on the way back is resent and still counted once;
 * kiosk mode clears the form for the next person; after a first visit the page opens
 * with no network at all (service worker + cached form); axe-core finds no serious or critical
 * violation. Counts are read from the database (skm_response), not from the page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { PHONE, screenshot, seriousA11yViolations, startBrowserEnv, tabTo, type BrowserEnv } from '../helpers/browser.js';

let env: BrowserEnv;
/** The demo unit the QR link points at, and a counter of it when the demo has one. */
let target: { unitId: string; unitName: string; loket: string | null };

beforeAll(async () => {
  env = await startBrowserEnv();
  const tenantId = env.demo.tenantId!;
  const withCounter = await sql<{ unit_id: string; name: string; code: string }>`
    SELECT c.unit_id, u.name, c.code FROM skm_counter c
    JOIN service_unit u ON u.tenant_id = c.tenant_id AND u.id = c.unit_id
    WHERE c.tenant_id = ${tenantId} AND c.is_active AND u.is_active ORDER BY u.name, c.code LIMIT 1`.execute(env.handle.db);
  if (withCounter.rows[0]) {
    const r = withCounter.rows[0];
    target = { unitId: r.unit_id, unitName: r.name, loket: r.code };
  } else {
    const u = await env.handle.db.selectFrom('service_unit').select(['id', 'name'])
      .where('tenant_id', '=', tenantId).where('is_active', '=', true).orderBy('name').executeTakeFirstOrThrow();
    target = { unitId: u.id, unitName: u.name, loket: null };
  }
});
afterAll(async () => {
  await env?.close();
});
afterEach(async () => {
  expect(await env.closePages()).toEqual([]);
});

const link = (extra = '') => `/survei/${target.unitId}?${target.loket ? `loket=${encodeURIComponent(target.loket)}&` : ''}${extra}`;

/** Answers stored for the unit with one of these suggestions (each test writes its own marker). */
async function stored(marker: string): Promise<Array<{ client_id: string; suggestion: string; source: string }>> {
  const res = await sql<{ client_id: string; suggestion: string; source: string }>`
    SELECT client_id, suggestion, source FROM skm_response
    WHERE unit_id = ${target.unitId} AND suggestion LIKE ${`${marker}%`} ORDER BY suggestion`.execute(env.handle.db);
  return res.rows;
}

/** Picks answer `value` (1–4) for every unsur through its labelled radio button. */
async function answerAll(page: Page, value: number): Promise<number> {
  const groups = page.locator('fieldset.unsur');
  const n = await groups.count();
  for (let i = 0; i < n; i++) await groups.nth(i).getByRole('radio').nth(value - 1).check();
  return n;
}

async function openForm(page: Page, extra = ''): Promise<void> {
  await page.goto(link(extra));
  await page.getByRole('heading', { level: 1, name: 'Survei Kepuasan Masyarakat' }).waitFor();
  await page.locator('fieldset.unsur').first().waitFor();
}

describe('survey page', () => {
  it('opens from the QR link at 360 px; an answer given offline arrives once the network is back, each exactly once', async () => {
    const page = await env.newPage(PHONE);
    await openForm(page);
    await expect.poll(() => page.getByText(target.unitName).count()).toBeGreaterThan(0);
    // Nine unsur of the regulation by default, each a group of four labelled choices.
    const first = page.getByRole('group', { name: /^1\. / });
    expect(await first.getByRole('radio').count()).toBe(4);
    await screenshot(page, 'skm-survey-form-360', { fullPage: true });
    // Nothing scrolls sideways at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // Online: answered and sent at once.
    const marker = `e2e-online-offline-${Date.now()}`;
    expect(await answerAll(page, 4)).toBeGreaterThanOrEqual(9);
    await page.getByRole('group', { name: 'Jenis kelamin' }).getByRole('radio', { name: 'Perempuan' }).check();
    await page.getByLabel('Usia (tahun)').fill('34');
    await page.getByLabel('Saran dan masukan (tidak wajib)').fill(`${marker}-1 antrean cepat`);
    await page.getByRole('button', { name: 'Kirim' }).click();
    await page.getByRole('heading', { name: 'Terima kasih!' }).waitFor();
    await expect.poll(async () => (await stored(marker)).length).toBe(1);

    // Offline: the second answer waits on the device.
    await page.getByRole('button', { name: 'Isi survei lagi' }).click();
    await page.context().setOffline(true);
    await page.getByText(/Anda sedang luring/).waitFor();
    await answerAll(page, 2);
    await page.getByLabel('Saran dan masukan (tidak wajib)').fill(`${marker}-2 ruang tunggu panas`);
    await page.getByRole('button', { name: 'Kirim' }).click();
    await page.getByText(/^Jawaban Anda tersimpan di perangkat/).waitFor();
    await page.getByText('1 jawaban menunggu dikirim').waitFor();
    await screenshot(page, 'skm-survey-offline-queued-360');
    expect((await stored(marker)).length).toBe(1);

    // Back online: the queued answer goes by itself, and the counter disappears.
    await page.context().setOffline(false);
    await expect.poll(async () => (await stored(marker)).length).toBe(2);
    await page.getByText('1 jawaban menunggu dikirim').waitFor({ state: 'detached' });
    const rows = await stored(marker);
    expect(new Set(rows.map((r) => r.client_id)).size).toBe(2);
    expect(rows.map((r) => r.source)).toEqual(['online', 'online']);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('prima.skm.outbox.v1') ?? '[]').length)).toBe(0);
  });

  it('resends an answer whose response was lost, and the server still counts it once', async () => {
    const page = await env.newPage(PHONE);
    await openForm(page);
    const marker = `e2e-lost-response-${Date.now()}`;
    let posts = 0;
    const clientIds: string[] = [];
    await page.route('**/api/v1/public/skm/responses', async (route) => {
      posts++;
      clientIds.push((route.request().postDataJSON() as { clientId: string }).clientId);
      if (posts === 1) {
        // The server stores the answer, but the phone never hears back.
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.fallback();
    });
    await answerAll(page, 3);
    await page.getByLabel('Saran dan masukan (tidak wajib)').fill(`${marker} petugas ramah`);
    await page.getByRole('button', { name: 'Kirim' }).click();
    await expect.poll(async () => (await stored(marker)).length).toBe(1);
    await page.getByText('1 jawaban menunggu dikirim').waitFor();
    // The respondent taps "Kirim sekarang" (unless the retry timer was quicker): the same
    // clientId again, and still one row.
    await page.getByRole('button', { name: 'Kirim sekarang' }).click({ timeout: 2_000 }).catch(() => {});
    await page.getByText('1 jawaban menunggu dikirim').waitFor({ state: 'detached' });
    expect(posts).toBe(2);
    expect(clientIds[1]).toBe(clientIds[0]);
    expect(await stored(marker)).toHaveLength(1);
  });

  it('shows a refusal the server will never accept and keeps the form filled (nothing left queued)', async () => {
    const page = await env.newPage(PHONE);
    await openForm(page);
    await page.route('**/api/v1/public/skm/responses', (route) =>
      route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ code: 'VALIDATION', message: 'Tanggal jawaban tidak masuk akal.', requestId: 'x' }) }));
    await answerAll(page, 4);
    await page.getByRole('button', { name: 'Kirim' }).click();
    await page.getByRole('alert').getByText('Tanggal jawaban tidak masuk akal.').waitFor();
    expect(await page.locator('input[type=radio]:checked').count()).toBeGreaterThanOrEqual(9);
    expect(await page.getByRole('button', { name: 'Kirim' }).isEnabled()).toBe(true);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('prima.skm.outbox.v1') ?? '[]').length)).toBe(0);
  });

  it('kiosk mode thanks the respondent, then clears the form for the next person by itself', async () => {
    const page = await env.newPage(PHONE);
    await openForm(page, 'kiosk=1');
    const marker = `e2e-kiosk-${Date.now()}`;
    await answerAll(page, 3);
    await page.getByLabel('Usia (tahun)').fill('61');
    await page.getByLabel('Pendidikan terakhir').selectOption({ index: 1 });
    await page.getByLabel('Saran dan masukan (tidak wajib)').fill(`${marker} loket nyaman`);
    await page.getByRole('button', { name: 'Kirim' }).click();
    await page.getByRole('heading', { name: 'Terima kasih!' }).waitFor();
    await page.getByText(/dikosongkan untuk responden berikutnya/).waitFor();
    await expect.poll(async () => (await stored(marker)).map((r) => r.source)).toEqual(['kiosk']);
    // No click: the form comes back on its own, empty.
    await page.locator('fieldset.unsur').first().waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { name: 'Terima kasih!' }).count()).toBe(0);
    expect(await page.locator('input[type=radio]:checked').count()).toBe(0);
    expect(await page.getByLabel('Usia (tahun)').inputValue()).toBe('');
    expect(await page.getByLabel('Pendidikan terakhir').inputValue()).toBe('');
    expect(await page.getByLabel('Saran dan masukan (tidak wajib)').inputValue()).toBe('');
  });

  it('works with the keyboard, switches to English, and has no serious or critical axe violation', async () => {
    const page = await env.newPage(PHONE);
    await openForm(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Keyboard only: Tab into the first unsur, arrow to the fourth answer, send.
    await tabTo(page, /Tidak sesuai$/);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('group', { name: /^1\. / }).getByRole('radio').nth(3).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Public Satisfaction Survey' }).waitFor();
    // The answer survives the language switch.
    expect(await page.getByRole('group', { name: /^1\. / }).getByRole('radio').nth(3).isChecked()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Sending with nothing answered is refused with a message naming what to do.
    await page.getByRole('group', { name: /^1\. / }).getByRole('radio').nth(3).evaluate((el: HTMLInputElement) => { el.checked = false; });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alert').getByText('Rate at least one element before sending.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Survei Kepuasan Masyarakat' }).waitFor();
  });

  it('opens offline after the first visit: the service worker keeps the page, localStorage the form', async () => {
    const page = await env.newPage(PHONE);
    await openForm(page);
    // The service worker has installed (page and assets cached) and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Survei Kepuasan Masyarakat' }).waitFor();
    await page.locator('fieldset.unsur').first().waitFor();
    await page.getByText(/Anda sedang luring/).waitFor();
    await expect.poll(() => page.getByText(target.unitName).count()).toBeGreaterThan(0);
    // An answer given now waits on the device and goes when the network is back.
    const marker = `e2e-offline-reload-${Date.now()}`;
    await answerAll(page, 3);
    await page.getByLabel('Saran dan masukan (tidak wajib)').fill(`${marker} ok`);
    await page.getByRole('button', { name: 'Kirim' }).click();
    await page.getByText('1 jawaban menunggu dikirim').waitFor();
    await page.context().setOffline(false);
    await expect.poll(async () => (await stored(marker)).length).toBe(1);
  });

  it('drops cached assets of an old build once a fresh page no longer names them', async () => {
    const page = await env.newPage(PHONE);
    await openForm(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    const cachedAssets = () => page.evaluate(async () => (await (await caches.open('prima-survei-v1')).keys()).map((k) => new URL(k.url).pathname).filter((p) => p.startsWith('/assets/')).sort());
    const named = await page.evaluate(() => [...document.querySelectorAll('script[src^="/assets/"], link[href^="/assets/"]')].map((e) => e.getAttribute('src') ?? e.getAttribute('href')).sort());
    expect(named.length).toBeGreaterThan(0);
    await expect.poll(cachedAssets).toEqual(named);
    // what a previous build left behind
    await page.evaluate(() => caches.open('prima-survei-v1').then((c) => c.put('/assets/survey-0ldBu1ld.js', new Response('/* old build */', { headers: { 'content-type': 'text/javascript' } }))));
    expect(await cachedAssets()).toContain('/assets/survey-0ldBu1ld.js');
    await page.reload(); // online: the fresh page is cached, and what it does not name goes
    await page.locator('fieldset.unsur').first().waitFor();
    await expect.poll(cachedAssets).toEqual(named);
  });

  it('serves the survey under the tenant prefix and says so when the unit is unknown', async () => {
    const page = await env.newPage(PHONE);
    const tenant = await env.handle.db.selectFrom('tenant').select('slug').where('id', '=', env.demo.tenantId!).executeTakeFirstOrThrow();
    await page.goto(`/r/${tenant.slug}${link()}`);
    await page.locator('fieldset.unsur').first().waitFor();
    await page.goto('/survei/00000000-0000-4000-8000-000000000000');
    await page.getByRole('alert').getByText(/Unit layanan tidak ditemukan/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

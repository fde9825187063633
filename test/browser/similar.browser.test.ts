import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, loginViaApi, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';

let env: BrowserEnv;
beforeAll(async () => { env = await startBrowserEnv(); });
afterAll(async () => { await env?.close(); });

describe('duplicate suggestion at intake', () => {
  it('citizen and desk see "Mungkin sudah dilaporkan" with links', async () => {
    const citizen = await env.newPage(PHONE);
    await citizen.goto('/lapor');
    const title = 'Saluran air tersumbat di depan masjid raya';
    await citizen.getByLabel('Judul laporan').fill(title);
    await citizen.getByLabel('Uraian').fill('Air meluap ke jalan setiap hujan.');
    await citizen.getByRole('button', { name: 'Kirim laporan' }).click();
    const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();

    const again = await env.newPage(PHONE);
    await again.goto('/lapor');
    await again.getByLabel('Judul laporan').fill('Saluran air tersumbat depan masjid raya');
    await again.getByLabel('Uraian').fill('Meluap lagi.');
    const box = again.getByRole('region', { name: 'Mungkin sudah dilaporkan' });
    await box.waitFor();
    const link = box.getByRole('link', { name: title });
    expect(await link.getAttribute('href')).toContain(`/lacak/${code}`);
    await again.getByRole('button', { name: 'Kirim laporan' }).click();
    await again.getByTestId('tracking-code').waitFor();

    const desk = await env.newPage(DESKTOP);
    await loginViaApi(desk, 'verifikator@demo.prima.id');
    await desk.goto('/meja/baru');
    await desk.getByLabel('Judul laporan').fill('Saluran air tersumbat di depan masjid');
    await desk.getByLabel('Uraian').fill('Lewat telepon.');
    const dbox = desk.getByRole('region', { name: 'Mungkin sudah dilaporkan' });
    await dbox.waitFor();
    expect(await dbox.getByRole('link').first().getAttribute('href')).toMatch(/\/pengaduan\/[0-9a-f-]{36}$/);
    await env.closePages();
  });
});

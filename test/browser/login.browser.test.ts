/**
 * The login page: Bahasa Indonesia by default, English one click away (remembered in the
 * prima_lang cookie), accessible errors, keyboard-only sign-in, and no serious axe
 * violations at phone and desktop width.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, seriousA11yViolations, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';

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

describe('login page', () => {
  it('renders in Bahasa Indonesia and switches to English, remembered across reloads', async () => {
    const page = await env.newPage(PHONE);
    await page.goto('/');
    // Not signed in: the shell sends the visitor to the login page.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('id');
    await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
    expect(await page.getByLabel('Kata sandi').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Langsung ke isi utama' }).count()).toBe(1);
    await screenshot(page, 'login-360-id');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByLabel('Password').count()).toBe(1);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'prima_lang')?.value).toBe('en');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
  });

  it('shows a wrong password as an announced error in the chosen language', async () => {
    const page = await env.newPage(DESKTOP);
    await page.goto('/login');
    await page.getByLabel('Email').fill(ADMIN);
    await page.getByLabel('Kata sandi').fill('salah-sekali-123');
    await page.getByRole('button', { name: 'Masuk' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    // The server's message (LOGIN_FAILED) in Indonesian; focus moves to it.
    expect(await alert.textContent()).toContain('Email atau kata sandi salah.');
    expect(await alert.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => alert.textContent()).toContain('Wrong e-mail or password.');
    await screenshot(page, 'login-1280-error-en');
  });

  it('signs in with the keyboard only (Tab and Enter)', async () => {
    const page = await env.newPage(DESKTOP);
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
    // First Tab stop: the skip link; then the language switch; then the form.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.outerHTML)).toContain('Langsung ke isi utama');
    const focusedLabel = () => page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el?.labels?.[0]?.textContent?.replace('*', '').trim() ?? el?.textContent ?? null;
    });
    for (let i = 0; i < 5 && (await focusedLabel()) !== 'Email'; i++) await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Email');
    await page.keyboard.type(ADMIN);
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Kata sandi');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
    await page.getByRole('heading', { level: 1, name: /Selamat datang/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  for (const [label, viewport] of [['360 px', PHONE], ['1280 px', DESKTOP]] as const) {
    it(`has no serious or critical axe violations at ${label}`, async () => {
      const page = await env.newPage(viewport);
      await page.goto('/login');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      // The error state too: alert, invalid inputs.
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByRole('alert').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `login-${viewport.width}-empty-error`);
    });
  }
});

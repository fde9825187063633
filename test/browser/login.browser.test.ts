/**
 * The login page: Bahasa Indonesia by default, English one click away (remembered in the
 * prima_lang cookie), accessible errors, a throttled sign-in that says when to retry,
 * keyboard-only sign-in, and no serious axe violations at phone and desktop width.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, seriousA11yViolations, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';
import { CLIENT_FAILURE_LIMIT, CLIENT_LOCK_MINUTES } from '../../src/server/modules/auth/throttle.js';

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

  it('tells a throttled sign-in when to try again, in the chosen language, at 360 px', async () => {
    const page = await env.newPage(PHONE);
    await page.goto('/login');
    // No such account: it is throttled like one, so the page cannot tell the difference.
    await page.getByLabel('Email').fill('belum-terdaftar@demo.prima.id');
    await page.getByLabel('Kata sandi').fill('tebakan-salah-123');
    const submit = async (name: string) => {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByRole('button', { name }).click();
      return (await answered).status();
    };
    const statuses = [];
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) statuses.push(await submit('Masuk'));
    expect(statuses).toEqual([...Array(CLIENT_FAILURE_LIMIT - 1).fill(401), 423]);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(`Coba lagi setelah ${CLIENT_LOCK_MINUTES} menit.`);
    expect(await alert.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'login-360-throttled');

    await page.getByRole('button', { name: 'English' }).click();
    expect(await submit('Sign in')).toBe(423);
    await expect.poll(() => alert.textContent()).toContain(`Try again in ${CLIENT_LOCK_MINUTES} minutes.`);
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

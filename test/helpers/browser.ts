/**
 * Browser tests: the real Prima server in-process (embedded PGlite in memory, migrations,
 * the demo region) listening on 127.0.0.1, driven by Debian's chromium through
 * playwright-core. No browser is ever downloaded: the tests use /usr/bin/chromium (CI
 * installs it with apt-get). axe-core runs inside the page for accessibility checks.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/server/db/index.js';
import { seedDemo, type DemoSeedOutcome } from '../../src/server/modules/demo/seed.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/server/modules/demo/data.js';
import { openTestDatabase } from './db.js';
import { buildTestApp } from './app.js';

export const CHROMIUM_PATH = process.env.PRIMA_CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS_DIR = '/tmp/prima-shots';
export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
export { DEMO_ACCOUNTS, DEMO_PASSWORD };

const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB_DIR = path.join(ROOT, 'dist/web');
const AXE_PATH = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

export interface BrowserEnv {
  baseUrl: string;
  app: FastifyInstance;
  handle: DbHandle;
  browser: Browser;
  demo: DemoSeedOutcome;
  /** A fresh browser context (own cookies) and page at the given viewport. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /**
   * Closes the pages opened since the last call and returns the script errors they raised
   * (tests expect none). Call after each test: a page left open in the background can
   * keep keyboard focus from the next one.
   */
  closePages(): Promise<string[]>;
  close(): Promise<void>;
}

/** Newest modification time under a directory (files only). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The tests exercise the built client in dist/web (what the server serves). `npm test`
 * builds it first; a browser test run on its own rebuilds it when the sources are newer.
 */
async function ensureWebBuild(): Promise<void> {
  const index = path.join(WEB_DIR, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(ROOT, 'src/web')), newestMtime(path.join(ROOT, 'src/shared')));
  if (built >= sources) return;
  // A child process: vitest sets NODE_ENV=test, which would give React's development build.
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}

export async function startBrowserEnv(): Promise<BrowserEnv> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium); browsers are never downloaded`);
  }
  await ensureWebBuild();
  const handle = await openTestDatabase();
  const demo = await seedDemo(handle.db);
  const app = await buildTestApp(handle, { webDir: WEB_DIR });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const contexts: BrowserContext[] = [];
  let pageErrors: string[] = [];

  return {
    baseUrl,
    app,
    handle,
    browser,
    demo,
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (err) => pageErrors.push(err.message));
      await page.bringToFront();
      return page;
    },
    async closePages() {
      for (const c of contexts.splice(0)) await c.close().catch(() => {});
      const errors = pageErrors;
      pageErrors = [];
      return errors;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await app.close();
      await handle.close();
    },
  };
}

/** Session cookies of earlier API sign-ins, by e-mail: reused so tests stay clear of the login rate limit. */
const sessionCookies = new Map<string, Awaited<ReturnType<BrowserContext['cookies']>>>();

/**
 * Signs in through the API inside the page's context (shares its cookie jar). A second
 * sign-in of the same account reuses the first session, which tests never end.
 */
export async function loginViaApi(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const context = page.context();
  const saved = sessionCookies.get(email);
  if (saved) {
    await context.addCookies(saved);
    if ((await context.request.get('/api/v1/auth/session')).status() === 200) return;
    await context.clearCookies();
  }
  const res = await context.request.post('/api/v1/auth/login', { data: { email, password } });
  if (res.status() !== 200) throw new Error(`login of ${email} failed: ${res.status()} ${await res.text()}`);
  sessionCookies.set(email, await context.cookies());
}

/** Signs in through the login form, the way a person does. */
export async function loginViaForm(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/^(Email|E-mail)/).fill(email);
  await page.getByLabel(/^(Kata sandi|Password)/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
  await page.getByRole('navigation', { name: /Menu utama|Main menu/ }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page (WCAG 2.x A/AA rules and best practices) and returns the
 * serious and critical violations, each with the selectors of the offending nodes.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated rather than added as a <script>: the page's CSP (script-src 'self') rightly
  // refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** A screenshot for people to look at: the viewport, or the whole page with `fullPage`. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: opts.fullPage ?? false });
}

/** A small real JPEG (96×64), drawn by the page's own canvas: test photos without fixture files. */
export async function jpegFromCanvas(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 96;
    c.height = 64;
    const g = c.getContext('2d')!;
    g.fillStyle = '#6b4f2a';
    g.fillRect(0, 0, 96, 64);
    g.fillStyle = '#222';
    g.beginPath();
    g.ellipse(48, 34, 26, 12, 0, 0, Math.PI * 2);
    g.fill();
    return c.toDataURL('image/jpeg', 0.8);
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/**
 * Presses Tab until the focused control is the one named `name` (its label, or its text
 * for a button or link); fails after `max` presses. Keyboard-only flows use it to move
 * around the way a person does.
 */
export async function tabTo(page: Page, name: string | RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const current = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
      return (labelled ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
    if (typeof name === 'string' ? current === name : name.test(current)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

/**
 * Compliance self-assessment in the browser (issue #5): a Disdukcapil operator opens the
 * demo's 2026 assessment of their service unit at 360 px, scores an indicator with the
 * selector, and sees the score, grade and zone update to what the API computes; the
 * Inspektorat sees an override with both values and its reason. axe-core finds no serious
 * or critical violation; nothing scrolls sideways at 360 px. Screenshots in /tmp/prima-shots/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, loginViaApi, screenshot, seriousA11yViolations, startBrowserEnv, type BrowserEnv } from '../helpers/browser.js';
import type { TAssessmentDetail, TAssessmentSummary } from '../../src/shared/schemas/compliance.js';

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

const OPERATOR = 'operator.disdukcapil@demo.prima.id';
const INSPEKTORAT = 'inspektorat@demo.prima.id';
const ADMIN = 'admin@demo.prima.id';
const UNIT = 'Pelayanan Dukcapil Kantor Dinas';
const fmt = (n: number) => n.toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function apiJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.context().request.get(`/api/v1${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

async function openList(page: Page) {
  await page.goto('/kepatuhan');
  await page.getByRole('heading', { level: 1, name: 'Kepatuhan pelayanan publik' }).waitFor();
  await page.getByLabel('Tahun').selectOption('2026');
}

describe('compliance self-assessment', () => {
  it('at 360 px an operator scores an indicator and sees the score, grade and zone update', async () => {
    const page = await env.newPage(PHONE);
    await loginViaApi(page, OPERATOR);
    await openList(page);
    // The operator sees their own OPD's units only.
    const link = page.getByRole('link', { name: `Buka penilaian ${UNIT}` });
    await link.waitFor();
    const items = (await apiJson<{ items: TAssessmentSummary[] }>(page, '/compliance/assessments?year=2026&kind=ombudsman')).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((a) => a.opdName === items[0]!.opdName)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'compliance-list-360', { fullPage: true });

    await link.click();
    await page.getByRole('heading', { level: 1, name: `Penilaian ${UNIT} 2026` }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const before = await apiJson<TAssessmentDetail>(page, `/compliance/assessments/${id}`);
    expect(await page.getByTestId('score').textContent()).toBe(fmt(before.score));

    // The largest gap: bring it to its maximum with the selector.
    const gap = before.gaps[0]!;
    await page.getByLabel(`Nilai ${gap.indicatorCode}`, { exact: true }).selectOption(String(gap.max));
    const expected = Math.round((before.score + gap.gain) * 100) / 100;
    await page.waitForFunction(
      ([old]) => document.querySelector('[data-testid="score"]')?.textContent !== old,
      [fmt(before.score)],
    );
    const after = await apiJson<TAssessmentDetail>(page, `/compliance/assessments/${id}`);
    expect(Math.abs(after.score - expected)).toBeLessThanOrEqual(0.011);
    expect(await page.getByTestId('score').textContent()).toBe(fmt(after.score));
    const result = page.getByTestId('result');
    expect(await result.textContent()).toContain([after.grade, after.label].join(' · '));
    expect(await result.textContent()).toContain({ hijau: 'Hijau', kuning: 'Kuning', merah: 'Merah', hitam: 'Hitam' }[after.zone!]);
    // The gap list no longer holds the indicator.
    expect(after.gaps.some((g) => g.indicatorCode === gap.indicatorCode)).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'compliance-assessment-360', { fullPage: true });
  });

  it('shows the Inspektorat’s override beside the unit’s own score, with its reason', async () => {
    const page = await env.newPage(DESKTOP);
    await loginViaApi(page, INSPEKTORAT);
    await openList(page);
    const items = (await apiJson<{ items: TAssessmentSummary[] }>(page, '/compliance/assessments?year=2026&kind=ombudsman')).items;
    const overridden = items.find((a) => a.overrideCount > 0)!;
    expect(overridden.status).toBe('submitted');
    await page.getByRole('link', { name: `Buka penilaian ${overridden.unitName}` }).click();
    const note = page.getByText(/Dikoreksi Inspektorat: 1 \(nilai unit \d\)/);
    await note.waitFor();
    expect(await note.textContent()).toContain('diminta biaya cetak');
    // The Inspektorat may verify a submitted assessment and override its indicators.
    await page.getByRole('button', { name: 'Verifikasi' }).waitFor();
    expect(await page.getByLabel('Alasan koreksi OUT-2').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'compliance-override-1280');
  });

  it('an admin adds a method version from the form: weights not summing to 100 % are refused, naming the field', async () => {
    const page = await env.newPage(PHONE);
    await loginViaApi(page, ADMIN);
    await page.goto('/kepatuhan/metode');
    await page.getByRole('heading', { level: 1, name: 'Metode penilaian' }).waitFor();
    await page.getByLabel('Mulai dari versi').selectOption({ label: 'Ombudsman RI — penilaian kepatuhan empat dimensi (2022–2024) (2022)' });
    const version = page.getByLabel('Versi', { exact: true });
    await page.waitForFunction(() => (document.querySelector('input[value="2022-baru"]') as HTMLInputElement | null) !== null);
    const input = page.getByLabel('Bobot Input (kompetensi pelaksana, sarana prasarana) (%)');
    await input.fill('20');
    await page.getByRole('button', { name: 'Simpan versi' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'jumlah bobot dimensi harus 100 %, sekarang 98.15 %' });
    await alert.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'compliance-method-refused-360');

    await input.fill('21.85');
    await version.fill('2026-daerah');
    await page.getByRole('button', { name: 'Simpan versi' }).click();
    await page.getByRole('status').filter({ hasText: 'Versi 2026-daerah dari ombudsman-4d disimpan.' }).waitFor();
    await page.getByText('ombudsman-4d@2026-daerah').waitFor();
    const widest = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 360).map((e) => `${e.tagName}.${e.className}`).slice(0, 5));
    expect(widest).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('/pekppp shows the OPD’s PEKPPP self-evaluation with its index and category', async () => {
    const page = await env.newPage(PHONE);
    await loginViaApi(page, OPERATOR);
    await page.goto('/pekppp');
    await page.getByRole('heading', { level: 1, name: 'Evaluasi pelayanan publik (PEKPPP)' }).waitFor();
    await page.getByLabel('Tahun').selectOption('2026');
    const items = (await apiJson<{ items: TAssessmentSummary[] }>(page, '/compliance/assessments?year=2026&kind=pekppp')).items;
    expect(items).toHaveLength(1);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Buka penilaian ${items[0]!.opdName}` }) });
    await row.waitFor();
    expect(await row.textContent()).toContain(fmt(items[0]!.score));
    expect(await row.textContent()).toContain(`${items[0]!.grade} · ${items[0]!.label}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});

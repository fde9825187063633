/** The demo surveys: seeded with the demo region, fast, and showing what the feature does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { sessionHeaders } from '../../../../test/helpers/factories.js';
import { openEmptyDatabase } from '../../../../test/helpers/organisation.js';
import { seedDemo } from '../demo/seed.js';
import { seedDemoSkm } from './demo.js';
import { pdfText } from './pdf-text.test-helper.js';

let handle: DbHandle;
let app: FastifyInstance;

beforeAll(async () => {
  handle = await openEmptyDatabase();
  await seedDemo(handle.db);
  app = await buildTestApp(handle);
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('demo surveys', () => {
  it('units with three semesters of answers, one unit below B, flagged/excluded answers, follow-ups and publications', async () => {
    const tenant = await handle.db.selectFrom('tenant').select(['id', 'slug']).where('is_demo', '=', true).executeTakeFirstOrThrow();
    const admin = await handle.db.selectFrom('app_user').select(['id', 'tenant_id as tenantId', 'email']).where('email', '=', 'admin@demo.prima.id').executeTakeFirstOrThrow();
    const headers = await sessionHeaders(handle.db, { ...admin, password: '' });
    const get = (u: string) => app.inject({ method: 'GET', url: `/r/${tenant.slug}/api/v1${u}`, headers });
    const periods = (await get('/skm/periods')).json().items as Array<{ id: string; unitName: string; label: string; year: number; part: number; published: boolean }>;
    expect(periods.length).toBeGreaterThanOrEqual(12);
    const grades: Record<string, string> = {};
    for (const p of periods.filter((x) => x.year === 2026)) {
      const r = (await get(`/skm/results?periodId=${p.id}`)).json();
      expect(r.respondents).toBeGreaterThan(100);
      grades[p.unitName] = r.mutu;
      if (p.unitName === 'Instalasi Rawat Jalan') {
        expect(r.excluded).toBe(1);
        expect(r.flagged).toBe(2);
        expect(r.sample.message).toBe('Sampel belum memenuhi');
        expect(r.trend).toHaveLength(3);
        const f = (await get(`/skm/periods/${p.id}/followups`)).json();
        expect(f.items).toHaveLength(3);
        const pdf = await get(`/skm/periods/${p.id}/report.pdf`);
        const text = pdfText(pdf.rawPayload);
        expect(text).toContain(r.converted.toFixed(2).replace('.', ','));
        expect(text).toContain('Sampel belum memenuhi');
        expect(text).toContain(`Unsur dengan nilai terendah: ${r.weakest[0].name}`);
        expect(text).toContain('Sistem antrean daring untuk pendaftaran poliklinik');
      }
    }
    expect(['C', 'D']).toContain(grades['Instalasi Rawat Jalan']);
    expect(Object.entries(grades).filter(([u]) => u !== 'Instalasi Rawat Jalan').every(([, g]) => g === 'A' || g === 'B')).toBe(true);
    expect(periods.filter((p) => p.published)).toHaveLength(2);
    expect((await app.inject({ method: 'GET', url: `/r/${tenant.slug}/api/v1/public/skm/results` })).json().items).toHaveLength(2);
    const tenantWide = (await get('/skm/results?kind=semester&year=2026&part=1')).json();
    expect(tenantWide.scope).toBe('tenant');
    expect(tenantWide.units.length).toBe(4);
    expect(tenantWide.units[0].unitName).toBe('Instalasi Rawat Jalan');
  });

  it('seeding the surveys takes well under 3 seconds', async () => {
    const t = await handle.db.insertInto('tenant').values({ code: '09.98', slug: 'demo-skm-timing', name: 'Timing', level: 'kabupaten', timezone: 'Asia/Makassar', hostnames: [] }).returning('id').executeTakeFirstOrThrow();
    const opd = await handle.db.insertInto('opd').values({ tenant_id: t.id, name: 'RSUD', short_name: 'RSUD', type: 'rsud', head_name: null, head_title: null, region_code: null }).returning('id').executeTakeFirstOrThrow();
    await handle.db.insertInto('service_unit').values(['Pelayanan Dukcapil Kantor Dinas', 'Loket Dukcapil Mal Pelayanan Publik', 'Mal Pelayanan Publik Tanah Bumbu', 'Instalasi Rawat Jalan'].map((name) => ({ tenant_id: t.id, opd_id: opd.id, name, address: null, region_code: null }))).execute();
    const started = performance.now();
    await handle.db.transaction().execute((tx) => seedDemoSkm(tx, t.id));
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

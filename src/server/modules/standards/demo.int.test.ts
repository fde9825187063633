/** The demo region shows the standards feature: published standards at levels 3–5, one consultation, one draft, maklumat. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { seedDemo } from '../demo/seed.js';
import { seedDemoStandards } from './demo.js';
import { catalogue } from './public-service.js';
import { buildOpd, buildTenant, buildUnit } from '../../../../test/helpers/factories.js';

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await handle?.close();
}, 60_000);

describe('seedDemoStandards', () => {
  it('seeds the demo region with standards of every kind', async () => {
    const outcome = await seedDemo(handle.db);
    const tenantId = outcome.tenantId!;
    const rows = await handle.db.selectFrom('service_standard').select(['status']).where('tenant_id', '=', tenantId).execute();
    const count = (s: string) => rows.filter((r) => r.status === s).length;
    expect(count('published')).toBe(10);
    expect(count('consultation')).toBe(1);
    expect(count('draft')).toBe(1);
    const cat = await catalogue(handle.db, tenantId, { q: 'KTP', limit: 100 });
    const levels = cat.items.map((i) => i.level);
    expect(levels).toContain(5);
    expect((await catalogue(handle.db, tenantId, { q: 'Akta Kelahiran', limit: 10 })).items.filter((i) => i.name === 'Akta Kelahiran').map((i) => i.level)).toContain(4);
    const maklumat = await handle.db.selectFrom('unit_maklumat').select('id').where('tenant_id', '=', tenantId).where('status', '=', 'published').execute();
    expect(maklumat.length).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('is fast (< 2 s) and skips services a tenant does not have', async () => {
    const t = await buildTenant(handle.db);
    const opd = await buildOpd(handle.db, t, { short_name: 'Disdukcapil' });
    const unit = await buildUnit(handle.db, t, opd.id, 'Pelayanan Dukcapil Uji');
    await handle.db.insertInto('service').values({ tenant_id: t.id, unit_id: unit.id, name: 'KTP-el', description: null }).execute();
    const started = Date.now();
    await seedDemoStandards(handle.db, t.id);
    expect(Date.now() - started).toBeLessThan(2000);
    const rows = await handle.db.selectFrom('service_standard').select('id').where('tenant_id', '=', t.id).execute();
    expect(rows).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DbHandle } from './index.js';
import { openTestDatabase } from '../../../test/helpers/db.js';
import { buildTenant } from '../../../test/helpers/factories.js';

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('data layer', () => {
  it('keeps concurrent transactions apart: a rolled-back one leaves nothing, a committed one everything', async () => {
    const tenant = await buildTenant(handle.db);
    const failing = handle.db.transaction().execute(async (tx) => {
      await tx.insertInto('opd').values({ tenant_id: tenant.id, name: 'Gagal', short_name: 'GGL', type: 'dinas', head_name: null, head_title: null, region_code: null }).execute();
      await sql`select pg_sleep(0.01)`.execute(tx);
      throw new Error('rollback please');
    });
    const passing = handle.db.transaction().execute(async (tx) => {
      await tx.insertInto('opd').values({ tenant_id: tenant.id, name: 'Jadi', short_name: 'JD', type: 'dinas', head_name: null, head_title: null, region_code: null }).execute();
    });
    const [f, p] = await Promise.allSettled([failing, passing]);
    expect(f.status).toBe('rejected');
    expect(p.status).toBe('fulfilled');
    const names = await handle.db.selectFrom('opd').select('name').where('tenant_id', '=', tenant.id).execute();
    expect(names.map((n) => n.name)).toEqual(['Jadi']);
  });

  it('reports affected rows and returns int8 as numbers and dates as strings', async () => {
    const tenant = await buildTenant(handle.db);
    const res = await handle.db.updateTable('tenant').set({ name: 'Baru' }).where('id', '=', tenant.id).executeTakeFirst();
    expect(Number(res.numUpdatedRows)).toBe(1);
    const row = await sql<{ n: number; d: string }>`select count(*) as n, date '2026-03-20' as d from tenant where id = ${tenant.id}`.execute(handle.db);
    expect(row.rows[0]).toEqual({ n: 1, d: '2026-03-20' });
  });

  it('refuses to re-apply a migration whose file changed', async () => {
    const { migrate } = await import('./migrate.js');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
    const name = `29990101_0000_test_${Date.now()}_${Math.random().toString(36).slice(2)}.sql`;
    const table = `mig_probe_${Math.random().toString(36).slice(2, 10)}`;
    fs.writeFileSync(path.join(dir, name), `CREATE TABLE ${table} (x int);`);
    // Only this temporary directory is migrated, so the real migrations are untouched.
    expect((await migrate(handle, dir)).applied).toEqual([name]);
    expect((await migrate(handle, dir)).applied).toEqual([]);
    fs.writeFileSync(path.join(dir, name), `CREATE TABLE ${table} (y int);`);
    await expect(migrate(handle, dir)).rejects.toThrow(/was changed after it was applied/);
  });
});

/**
 * Test helpers of the organisation module: a real Kemendagri code no tenant uses yet, an
 * empty database (the demo seed only runs on one), and a JSON/CSV caller for app.inject.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDatabase, type Db, type DbHandle } from '../../src/server/db/index.js';
import { migrate } from '../../src/server/db/migrate.js';
import { allRegencyCodes } from '../../src/server/modules/organisation/region-data.js';
import { TEST_DB_KIND } from './db.js';

/** A real regency code (from the region data) that no tenant in this database holds. */
export async function freeRegencyCode(db: Db, exclude: string[] = []): Promise<string> {
  const used = new Set((await db.selectFrom('tenant').select('code').execute()).map((r) => r.code));
  const codes = allRegencyCodes().filter((c) => !used.has(c) && !exclude.includes(c) && c !== '63.10');
  return codes[crypto.randomInt(codes.length)];
}

export const randomSlug = (prefix = 't') => `${prefix}-${crypto.randomBytes(5).toString('hex')}`;

/**
 * A migrated database with no tenant at all. PGlite: a fresh in-memory instance.
 * PostgreSQL: a fresh database next to the run's one, dropped again by `close()` — the
 * run's shared database holds other files' tenants, so it is never empty.
 */
export async function openEmptyDatabase(): Promise<DbHandle> {
  if (TEST_DB_KIND === 'pglite') {
    const handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
    await migrate(handle);
    return handle;
  }
  const runUrl = new URL(inject('postgresUrl'));
  const name = `${runUrl.pathname.slice(1)}_empty_${crypto.randomBytes(3).toString('hex')}`;
  const adminUrl = new URL(runUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 4 });
  await migrate(handle);
  return {
    ...handle,
    async close() {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Caller {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  csv(url: string, body: string, contentType?: string): Promise<LightMyRequestResponse>;
}

/** Calls /api/v1 as the holder of `headers` (session cookie + CSRF, or none). */
export function caller(app: FastifyInstance, headers: Record<string, string> = {}, prefix = ''): Caller {
  const url = (u: string) => `${prefix}/api/v1${u}`;
  return {
    get: (u) => app.inject({ method: 'GET', url: url(u), headers }),
    post: (u, body) => app.inject({ method: 'POST', url: url(u), headers, payload: body as object }),
    patch: (u, body) => app.inject({ method: 'PATCH', url: url(u), headers, payload: body as object }),
    csv: (u, body, contentType = 'text/csv') => app.inject({ method: 'POST', url: url(u), headers: { ...headers, 'content-type': contentType }, payload: body }),
  };
}

/** Number of audit rows of a tenant (to prove a refused write recorded nothing). */
export async function auditCount(db: Db, tenantId: string): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return Number(row.n);
}

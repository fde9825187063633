/**
 * Suite 'org': the organisation API under load, through the real app (session cookie +
 * CSRF made in the database, like test/helpers/factories.ts).
 *  - POST /api/v1/opds, 50 connections, a unique name per request (one transaction with
 *    its audit row) — against the raw INSERT limit;
 *  - GET /api/v1/opds of a generated tenant with a real regency's 25 OPDs;
 *  - single-user p99 of POST /api/v1/opds on embedded PGlite.
 */
import type { Db } from '../../src/server/db/index.js';
import { buildTenant, buildUser, sessionHeaders } from '../../test/helpers/factories.js';
import { generateData } from '../generate.js';
import { LOAD_SECONDS, SINGLE_USER_SECONDS, measure, type BenchSuite, type Figure, type Target } from '../harness.js';

const CREATE_BODY = JSON.stringify({ name: 'Dinas Beban [<id>]', shortName: 'B[<id>]', type: 'dinas' });

async function adminSession(db: Db, tenant: { id: string; code: string; slug: string; name: string }) {
  const admin = await buildUser(db, tenant, [{ role: 'admin' }]);
  return sessionHeaders(db, admin);
}

async function createOpdFigures(target: Target, connections: number): Promise<{ value: Awaited<ReturnType<typeof measure>>; raw: Awaited<ReturnType<typeof measure>> }> {
  const tenant = await buildTenant(target.handle.db);
  const headers = await adminSession(target.handle.db, tenant);
  // The raw limit first, then the app, on the same database.
  const raw = await target.rawLimit(connections);
  const seconds = connections === 1 ? SINGLE_USER_SECONDS : LOAD_SECONDS;
  const value = await measure({ url: `${target.appUrl}/api/v1/opds`, method: 'POST', headers, body: CREATE_BODY, connections, seconds });
  return { value, raw };
}

export const orgSuite: BenchSuite = {
  name: 'org',
  description: 'organisation API: create OPD and list OPDs (PostgreSQL, 50 connections); single-user create on PGlite',
  async run(ctx) {
    const figures: Figure[] = [];
    const pgT = await ctx.postgres();

    const create = await createOpdFigures(pgT, 50);
    figures.push(
      { figure: 'POST /opds throughput (PostgreSQL, 50 conn)', value: create.value.rps, unit: 'req/s', raw: create.raw.rps, bad: create.value.bad },
      { figure: 'POST /opds p99 (PostgreSQL, 50 conn)', value: create.value.p99, unit: 'ms', raw: create.raw.p99, bad: create.value.bad },
    );

    // A realistic tenant for reads: a real regency with 25 OPDs, loaded by the generator.
    const gen = await generateData(pgT.handle.pool!, { tenants: 1, opdsPerTenant: 25, unitsPerOpd: 4, servicesPerUnit: 5 });
    const t = gen.tenants[0];
    ctx.log(`generator: ${Object.values(gen.rows).reduce((a, b) => a + b, 0)} rows for ${t.code} ${t.name} by COPY in ${gen.ms} ms`);
    const readHeaders = await adminSession(pgT.handle.db, t);
    const list = await measure({ url: `${pgT.appUrl}/api/v1/opds`, headers: readHeaders });
    const rawLoad = await pgT.rawLimit(50);
    figures.push(
      { figure: 'GET /opds throughput (25 OPDs, 50 conn)', value: list.rps, unit: 'req/s', raw: rawLoad.rps, bad: list.bad },
      { figure: 'GET /opds p99 (25 OPDs, 50 conn)', value: list.p99, unit: 'ms', raw: rawLoad.p99, bad: list.bad },
    );

    const lite = await ctx.pglite();
    const single = await createOpdFigures(lite, 1);
    figures.push({ figure: 'POST /opds p99 (PGlite, 1 user)', value: single.value.p99, unit: 'ms', raw: single.raw.p99, bad: single.value.bad });
    return figures;
  },
};

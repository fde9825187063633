/**
 * Suite 'compliance': a regency-sized picture (25 OPDs × 4 units, one Ombudsman 2022–2024
 * assessment each with all 16 indicators scored).
 *  - scoring: the pure engine over the tenant's 100 assessments (logged: ms and
 *    assessments per second);
 *  - GET /api/v1/compliance/results (policy, the stored scores of the year, OPD and tenant
 *    roll-up) at 50 connections on PostgreSQL, against a bare node:http route running the
 *    raw SELECT of the same rows through the same pool, measured in the same run.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { buildOpd, buildTenant, buildUnit, buildUser, sessionHeaders } from '../../test/helpers/factories.js';
import { methodDef } from '../../src/server/modules/compliance/assessment-service.js';
import * as repo from '../../src/server/modules/compliance/repo.js';
import { scoreAssessment } from '../../src/server/modules/compliance/scoring.js';
import { measure, type BenchSuite, type Figure } from '../harness.js';

const FOUR_D = '00000000-0000-4000-8000-000000c02022';
const YEAR = 2026;

export const complianceSuite: BenchSuite = {
  name: 'compliance',
  description: 'compliance: scoring a tenant’s 100 assessments; GET /compliance/results vs a raw SELECT route (PostgreSQL, 50 connections)',
  async run(ctx) {
    const target = await ctx.postgres();
    const db = target.handle.db;
    const tenant = await buildTenant(db);
    const method = (await repo.findMethod(db, tenant.id, FOUR_D))!;
    const def = methodDef(method);

    // 100 assessments with random whole-point scores.
    const sheets: Array<{ unitId: string; opdId: string; values: Map<string, number> }> = [];
    for (let o = 0; o < 25; o++) {
      const opd = await buildOpd(db, tenant);
      for (let u = 0; u < 4; u++) {
        const unit = await buildUnit(db, tenant, opd.id);
        sheets.push({ unitId: unit.id, opdId: opd.id, values: new Map(def.indicators.map((i) => [i.code, crypto.randomInt(4)])) });
      }
    }
    const t0 = performance.now();
    const rounds = 100;
    let last = 0;
    for (let r = 0; r < rounds; r++) for (const s of sheets) last = scoreAssessment(def, s.values).score;
    const ms = (performance.now() - t0) / rounds;
    ctx.log(`compliance: scoring ${sheets.length} assessments × ${def.indicators.length} indicators takes ${ms.toFixed(3)} ms (${Math.round((sheets.length / ms) * 1000)} assessments/s; last score ${last})`);

    for (const s of sheets) {
      const result = scoreAssessment(def, s.values);
      const { id } = await repo.insertAssessment(db, { tenant_id: tenant.id, method_id: FOUR_D, year: YEAR, opd_id: s.opdId, unit_id: s.unitId, created_by: null, score: result.score, grade: result.band?.grade ?? null, zone: result.band?.zone ?? null, label: result.band?.label ?? null });
      await db.insertInto('compliance_score').values([...s.values].map(([code, value]) => ({ tenant_id: tenant.id, assessment_id: id, indicator_code: code, value, note: null, gap_owner: null, gap_due_date: null, override_value: null, override_reason: null, override_by: null, override_by_label: null, override_at: null, updated_by: null }))).execute();
    }

    // Statistics as autovacuum would have them a minute after such a load (without them the
    // planner guesses one row per table and loops over every unit for each assessment).
    await target.handle.pool!.query('ANALYZE');
    const headers = await sessionHeaders(db, await buildUser(db, tenant, [{ role: 'pimpinan' }]));
    const url = `${target.appUrl}/r/${tenant.slug}/api/v1/compliance/results?year=${YEAR}&methodId=${FOUR_D}`;
    const value = await measure({ url, headers });

    // The raw limit for this read: a bare node:http route running one SELECT of the same
    // rows through the same pool and answering JSON — no framework, no policy, no roll-up.
    const pool = target.handle.pool!;
    const raw = http.createServer((_req, res) => {
      pool.query('SELECT id, opd_id, unit_id, score, grade, zone FROM compliance_assessment WHERE tenant_id = $1 AND year = $2 AND method_id = $3', [tenant.id, YEAR, FOUR_D]).then(
        ({ rows }) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ items: rows })); },
        () => { res.writeHead(500); res.end(); },
      );
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    try {
      const addr = raw.address();
      if (!addr || typeof addr === 'string') throw new Error('no TCP address');
      const rawM = await measure({ url: `http://127.0.0.1:${addr.port}/raw` });
      const figures: Figure[] = [
        { figure: 'GET /compliance/results throughput (100 units, 50 conn)', value: value.rps, unit: 'req/s', raw: rawM.rps, bad: value.bad },
        { figure: 'GET /compliance/results p99 (100 units, 50 conn)', value: value.p99, unit: 'ms', raw: rawM.p99, bad: value.bad },
      ];
      return figures;
    } finally {
      raw.closeAllConnections();
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  },
};

/**
 * The roll-up of one method version and year (docs/adr/0020-compliance-methods.md): each
 * assessment's stored score; an OPD's score is the plain mean of its units' scores (for an
 * OPD method such as PEKPPP, its own assessment); the tenant's is the plain mean of all
 * assessed units (or OPDs). Only one method version is averaged at a time — scores of
 * different versions are on different scales and weights.
 */
import type { Db } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { loadMethod } from './methods-service.js';
import { can, listScope } from './policy.js';
import * as repo from './repo.js';
import { rollup } from './scoring.js';

export async function results(db: Db, ctx: RequestContext, tenantId: string, year: number, methodId: string) {
  const actor = ctx.actor!;
  authorize(can(actor, 'compliance.assessment.list', { tenantId }));
  const method = await loadMethod(db, tenantId, methodId);
  if (!method) throw new AppError('NOT_FOUND');
  const rows = await repo.resultRows(db, tenantId, { year, methodId, opdIds: listScope(actor, tenantId) });
  const byOpd = new Map<string, { name: string; scores: number[] }>();
  for (const r of rows) {
    const e = byOpd.get(r.opd_id) ?? { name: r.opd_name, scores: [] };
    e.scores.push(Number(r.score));
    byOpd.set(r.opd_id, e);
  }
  const opds = [...byOpd].map(([opdId, e]) => ({ opdId, opdName: e.name, result: rollup(method.bands, e.scores)! }));
  opds.sort((a, b) => b.result.score - a.result.score || a.opdName.localeCompare(b.opdName));
  return { method, year, rows, opds, tenant: rollup(method.bands, rows.map((r) => Number(r.score))) };
}

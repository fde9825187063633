/**
 * The routing table: category × region → OPD (a desa rule beats its kecamatan's, which
 * beats the category-wide rule), and `resolveRouting`, the suggestion the desk confirms or
 * overrides — the seam where issue [G] adds a text-based suggestion.
 */
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import { AppError, PG, pgCode } from '../../platform/errors.js';
import { t } from '../../../shared/i18n/index.js';
import { recordAudit } from '../audit/record.js';
import { can } from './policy.js';
import * as repo from './repo.js';

export interface RoutingRuleInput {
  categoryId: string;
  regionCode?: string | null;
  opdId: string;
}

function ref(ctx: RequestContext, field: string, key: 'error.INVALID_REFERENCE' | 'complaints.unknownCategory' | 'complaints.invalidOpd' = 'error.INVALID_REFERENCE') {
  return new AppError('INVALID_REFERENCE', { field }, [{ field, message: t(ctx.locale, key, { field }) }]);
}

async function check(tx: Executor, ctx: RequestContext, tenantId: string, body: Partial<RoutingRuleInput>) {
  if (body.categoryId !== undefined && !(await repo.getCategory(tx, tenantId, body.categoryId))) throw ref(ctx, 'categoryId', 'complaints.unknownCategory');
  if (body.opdId !== undefined && !(await repo.activeOpd(tx, tenantId, body.opdId))) throw ref(ctx, 'opdId', 'complaints.invalidOpd');
  if (body.regionCode && !(await repo.regionExists(tx, tenantId, body.regionCode))) {
    throw new AppError('INVALID_REGION', { code: body.regionCode }, [{ field: 'regionCode', message: t(ctx.locale, 'error.INVALID_REGION', { code: body.regionCode }) }]);
  }
}

function duplicateRule(ctx: RequestContext) {
  return (err: unknown) => {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw new AppError('DUPLICATE', { field: 'regionCode' }, [{ field: 'regionCode', message: t(ctx.locale, 'error.DUPLICATE', { field: 'regionCode' }) }]);
    throw err;
  };
}

export async function listRoutingRules(db: Db, ctx: RequestContext, tenantId: string, q: { categoryId?: string }) {
  authorize(can(ctx.actor, 'routing.read', { tenantId }));
  return repo.listRoutingRules(db, tenantId, q);
}

export async function createRoutingRule(db: Db, ctx: RequestContext, tenantId: string, body: RoutingRuleInput) {
  authorize(can(ctx.actor, 'routing.write', { tenantId }));
  return db
    .transaction()
    .execute(async (tx) => {
      await check(tx, ctx, tenantId, body);
      const { id } = await repo.insertRoutingRule(tx, { tenant_id: tenantId, category_id: body.categoryId, region_code: body.regionCode ?? null, opd_id: body.opdId });
      const row = (await repo.getRoutingRule(tx, tenantId, id))!;
      await recordAudit(tx, ctx, tenantId, { action: 'routing_rule.create', entityType: 'routing_rule', entityId: id, before: null, after: { ...row } });
      return row;
    })
    .catch(duplicateRule(ctx));
}

export async function updateRoutingRule(db: Db, ctx: RequestContext, tenantId: string, id: string, body: Partial<RoutingRuleInput>) {
  authorize(can(ctx.actor, 'routing.write', { tenantId }));
  return db
    .transaction()
    .execute(async (tx) => {
      const before = await repo.getRoutingRule(tx, tenantId, id);
      if (!before) throw new AppError('NOT_FOUND');
      await check(tx, ctx, tenantId, body);
      await repo.updateRoutingRule(tx, tenantId, id, {
        ...(body.categoryId !== undefined ? { category_id: body.categoryId } : {}),
        ...(body.regionCode !== undefined ? { region_code: body.regionCode } : {}),
        ...(body.opdId !== undefined ? { opd_id: body.opdId } : {}),
      });
      const row = (await repo.getRoutingRule(tx, tenantId, id))!;
      await recordAudit(tx, ctx, tenantId, { action: 'routing_rule.update', entityType: 'routing_rule', entityId: id, before: { ...before }, after: { ...row } });
      return row;
    })
    .catch(duplicateRule(ctx));
}

export async function deleteRoutingRule(db: Db, ctx: RequestContext, tenantId: string, id: string) {
  authorize(can(ctx.actor, 'routing.write', { tenantId }));
  await db.transaction().execute(async (tx) => {
    const before = await repo.deleteRoutingRule(tx, tenantId, id);
    if (!before) throw new AppError('NOT_FOUND');
    await recordAudit(tx, ctx, tenantId, { action: 'routing_rule.delete', entityType: 'routing_rule', entityId: id, before: { ...before }, after: null });
  });
}

export interface RoutingSuggestion {
  opdId: string;
  opdName: string;
  ruleId: string;
  /** Which rule matched: the region itself, an ancestor, or the category-wide rule. */
  matchedRegionCode: string | null;
  source: 'routing_table';
}

/** The OPD the routing table suggests for a category and region (no policy: also used by intake). */
export async function resolveRouting(db: Executor, tenantId: string, q: { categoryId: string; regionCode?: string | null }): Promise<RoutingSuggestion | null> {
  const chain = q.regionCode ? await repo.regionChain(db, tenantId, q.regionCode) : [];
  const rules = (await repo.routingCandidates(db, tenantId, q.categoryId, chain)).filter((r) => r.is_active);
  const rank = (code: string | null) => (code === null ? chain.length : chain.indexOf(code));
  rules.sort((a, b) => rank(a.region_code) - rank(b.region_code));
  const best = rules[0];
  return best ? { opdId: best.opd_id, opdName: best.opd_name, ruleId: best.id, matchedRegionCode: best.region_code, source: 'routing_table' } : null;
}

export async function resolveRoutingFor(db: Db, ctx: RequestContext, tenantId: string, q: { categoryId: string; regionCode?: string | null }) {
  authorize(can(ctx.actor, 'routing.read', { tenantId }));
  return resolveRouting(db, tenantId, q);
}

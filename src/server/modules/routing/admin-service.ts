/** Keyword rules, settings and model versions of the routing module (admin). */
import type { Db } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { t } from '../../../shared/i18n/index.js';
import type { TPatchRoutingSettingsBody, TPutKeywordRuleBody } from '../../../shared/schemas/routing.js';
import { recordAudit } from '../audit/record.js';
import { can } from './policy.js';
import * as repo from './repo.js';
import { ensureKeywordRules, invalidateRoutingRefs, loadSettings } from './suggest-service.js';

export const KEYWORDS_MAX = 100;
export const KEYWORD_LEN = 60;

export async function listKeywordRules(db: Db, ctx: RequestContext, tenantId: string) {
  authorize(can(ctx.actor, 'routing.config.read', { tenantId }));
  if ((await repo.countKeywordRules(db, tenantId)) === 0) await db.transaction().execute((tx) => ensureKeywordRules(tx, ctx, tenantId));
  const [rules, opds] = await Promise.all([repo.listKeywordRules(db, tenantId), repo.listOpds(db, tenantId)]);
  const byId = new Map(opds.map((o) => [o.id, o]));
  return rules.map((r) => ({ rule: r, opd: byId.get(r.opd_id)! })).filter((x) => x.opd);
}

export async function putKeywordRule(db: Db, ctx: RequestContext, tenantId: string, opdId: string, body: TPutKeywordRuleBody) {
  authorize(can(ctx.actor, 'routing.config.write', { tenantId }));
  const keywords = [...new Set(body.keywords.map((k) => k.replace(/[\u0000-\u001F\u007F]/g, '').trim().toLowerCase()).filter(Boolean))];
  if (keywords.length > KEYWORDS_MAX || keywords.some((k) => k.length > KEYWORD_LEN)) {
    const params = { max: KEYWORDS_MAX, len: KEYWORD_LEN };
    throw new AppError('VALIDATION', params, [{ field: 'keywords', message: t(ctx.locale, 'routing.keywordsInvalid', params) }], 'routing.keywordsInvalid');
  }
  const opd = (await repo.listOpds(db, tenantId)).find((o) => o.id === opdId);
  if (!opd) throw new AppError('INVALID_REFERENCE', { field: 'opdId' }, [{ field: 'opdId', message: t(ctx.locale, 'routing.unknownOpd') }], 'routing.unknownOpd');
  const row = await db.transaction().execute(async (tx) => {
    await ensureKeywordRules(tx, ctx, tenantId);
    const before = await repo.getKeywordRuleByOpd(tx, tenantId, opdId);
    const after = await repo.upsertKeywordRule(tx, tenantId, opdId, { keywords, is_active: body.isActive ?? before?.is_active ?? true });
    await recordAudit(tx, ctx, tenantId, {
      action: 'routing.keyword_rule.update', entityType: 'routing_keyword_rule', entityId: after.id,
      before: before ? { opd_id: before.opd_id, keywords: before.keywords, is_active: before.is_active } : null,
      after: { opd_id: after.opd_id, keywords: after.keywords, is_active: after.is_active },
    });
    return after;
  });
  invalidateRoutingRefs(tenantId);
  return { rule: row, opd };
}

export async function getSettings(db: Db, ctx: RequestContext, tenantId: string) {
  authorize(can(ctx.actor, 'routing.config.read', { tenantId }));
  return loadSettings(db, tenantId);
}

export async function patchSettings(db: Db, ctx: RequestContext, tenantId: string, body: TPatchRoutingSettingsBody) {
  authorize(can(ctx.actor, 'routing.config.write', { tenantId }));
  const out = await db.transaction().execute(async (tx) => {
    const before = await loadSettings(tx, tenantId);
    const set = {
      ...(body.autoRoute !== undefined ? { auto_route: body.autoRoute } : {}),
      ...(body.autoRouteThreshold !== undefined ? { auto_route_threshold: body.autoRouteThreshold } : {}),
      ...(body.confidentThreshold !== undefined ? { confident_threshold: body.confidentThreshold } : {}),
      ...(body.minConfirmed !== undefined ? { min_confirmed: body.minConfirmed } : {}),
      ...(body.retrainEvery !== undefined ? { retrain_every: body.retrainEvery } : {}),
    };
    await repo.upsertSettings(tx, tenantId, { ...before, ...set });
    const after = await loadSettings(tx, tenantId);
    await recordAudit(tx, ctx, tenantId, { action: 'routing.settings.update', entityType: 'routing_settings', entityId: tenantId, before: { ...before }, after: { ...after } });
    return after;
  });
  invalidateRoutingRefs(tenantId);
  return out;
}

export async function listModels(db: Db, ctx: RequestContext, tenantId: string) {
  authorize(can(ctx.actor, 'routing.models.read', { tenantId }));
  return repo.listModels(db, tenantId);
}

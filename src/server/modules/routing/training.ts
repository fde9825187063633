/**
 * Learning from history and acting on it (jobs.ts runs these):
 *  - `retrainTenant`: once a tenant has `min_confirmed` confirmed routings (cases its OPD
 *    accepted), train the OPD model (and the category model) on them, and again every
 *    `retrain_every` new confirmations; each training is a new active version.
 *  - `autoRouteSweep`: for tenants that turned auto-route on, route a new case when the
 *    learned model's top score reaches the threshold — through the complaints state machine,
 *    as the system actor 'routing.auto', with the model version and score in the audit trail.
 */
import type { Db } from '../../db/index.js';
import { systemContext, type TenantRef } from '../../platform/context.js';
import { t } from '../../../shared/i18n/index.js';
import { recordAudit } from '../audit/record.js';
import { applyTransition } from '../complaints/transitions.js';
import { crossValidate } from './evaluate.js';
import type { Example } from './model.js';
import { trainAndStore } from './model-store.js';
import * as repo from './repo.js';
import { computeSuggestion, loadSettings } from './suggest-service.js';

export const TRAIN_LIMIT = 20_000;
/** Cases older than this are left to the desk. */
export const AUTO_ROUTE_WINDOW_DAYS = 7;

export type RetrainOutcome = { trained: false; reason: 'not_enough_history' | 'up_to_date' | 'one_label' } | { trained: true; version: number; examples: number; categoryVersion: number | null };

const textOf = (r: { title: string; description: string }) => `${r.title}\n${r.description}`;

function cvMetrics(examples: Example[]): Record<string, unknown> | undefined {
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  if (examples.length < 50 || examples.length > 20_000 || [...counts.values()].filter((n) => n >= 5).length < 2) return undefined;
  const r = crossValidate(examples, { folds: 5 });
  return { cv: { folds: 5, accuracy: r.accuracy, macroF1: r.macroF1, top3Recall: r.top3Recall } };
}

export async function retrainTenant(db: Db, tenantId: string, opts: { force?: boolean } = {}): Promise<RetrainOutcome> {
  const settings = await loadSettings(db, tenantId);
  const confirmed = await repo.countConfirmed(db, tenantId);
  if (!opts.force && confirmed < settings.min_confirmed) return { trained: false, reason: 'not_enough_history' };
  const last = await repo.modelCountAtLastTrain(db, tenantId, 'opd');
  if (!opts.force && last !== null && Math.min(confirmed, TRAIN_LIMIT) - last < settings.retrain_every) return { trained: false, reason: 'up_to_date' };
  const rows = await repo.confirmedExamples(db, tenantId, TRAIN_LIMIT);
  const opdExamples = rows.map((r) => ({ text: textOf(r), label: r.opd_id! }));
  if (new Set(opdExamples.map((e) => e.label)).size < 2) return { trained: false, reason: 'one_label' };
  const catExamples = rows.filter((r) => r.category_id).map((r) => ({ text: textOf(r), label: r.category_id! }));
  const opdMetrics = cvMetrics(opdExamples);
  const catMetrics = new Set(catExamples.map((e) => e.label)).size >= 2 ? cvMetrics(catExamples) : undefined;
  const ctx = systemContext(null, 'routing.retrain');
  return db.transaction().execute(async (tx) => {
    const opd = await trainAndStore(tx, { tenantId, labelType: 'opd', examples: opdExamples, source: 'job', metrics: opdMetrics });
    let categoryVersion: number | null = null;
    if (new Set(catExamples.map((e) => e.label)).size >= 2) {
      categoryVersion = (await trainAndStore(tx, { tenantId, labelType: 'category', examples: catExamples, source: 'job', metrics: catMetrics })).version;
    }
    await recordAudit(tx, ctx, tenantId, {
      action: 'routing.model.train', entityType: 'routing_model', entityId: opd.id, before: null,
      after: { version: opd.version, examples: opdExamples.length, category_version: categoryVersion, metrics: opdMetrics ?? null },
    });
    return { trained: true as const, version: opd.version, examples: opdExamples.length, categoryVersion };
  });
}

/** Every tenant whose history has grown enough (the scheduled job). */
export async function retrainAll(db: Db): Promise<{ tenantId: string; outcome: RetrainOutcome }[]> {
  const tenants = await db.selectFrom('tenant').select('id').execute();
  const out = [];
  for (const tn of tenants) out.push({ tenantId: tn.id, outcome: await retrainTenant(db, tn.id) });
  return out;
}

export async function autoRouteSweep(db: Db, now = new Date(), batch = 100): Promise<{ checked: number; routed: number }> {
  let checked = 0;
  let routed = 0;
  for (const tn of await repo.tenantsWithAutoRoute(db)) {
    const row = await db.selectFrom('tenant').select(['id', 'code', 'slug', 'name', 'timezone', 'is_demo']).where('id', '=', tn.tenant_id).executeTakeFirst();
    if (!row) continue;
    const tenant: TenantRef = { id: row.id, code: row.code, slug: row.slug, name: row.name, timezone: row.timezone, isDemo: row.is_demo };
    const since = new Date(now.getTime() - AUTO_ROUTE_WINDOW_DAYS * 86_400_000);
    for (const c of await repo.autoRouteCandidates(db, tenant.id, since, batch)) {
      checked++;
      // A case the desk moved meanwhile fails the state machine's check: left to the desk.
      const done = await db.transaction().execute(async (tx) => {
        const settings = await loadSettings(tx, tenant.id);
        const s = await computeSuggestion(tx, tenant.id, { text: textOf(c), categoryId: c.category_id, regionCode: c.region_code });
        const claim = await repo.claimAuto(tx, {
          tenant_id: tenant.id, complaint_id: c.id, source: s.source, model_id: s.modelId, model_version: s.modelVersion,
          top_opds: JSON.stringify(s.opds), top_categories: JSON.stringify(s.categories), confident: s.confident, created_by: null,
        });
        const top = s.opds[0];
        if (!claim || !settings.auto_route || s.source !== 'model' || !s.confident || !top || top.score < settings.auto_route_threshold) return false;
        const ctx = systemContext(tenant, 'routing.auto');
        const auto = { suggestionId: claim, modelVersion: s.modelVersion, score: top.score };
        await applyTransition(tx, ctx, {
          tenantId: tenant.id, complaintId: c.id, action: 'route', by: 'desk', opdId: top.id, visibility: 'internal',
          note: t('id', 'routing.auto.note', { version: s.modelVersion ?? 0, score: top.score.toFixed(2) }),
          data: { auto },
        });
        await recordAudit(tx, ctx, tenant.id, {
          action: 'routing.auto_route', entityType: 'complaint', entityId: c.id, before: null,
          after: { opd_id: top.id, model_id: s.modelId, model_version: s.modelVersion, score: top.score, threshold: settings.auto_route_threshold, suggestion_id: claim },
        });
        return true;
      }).catch(() => false);
      if (done) routed++;
    }
  }
  return { checked, routed };
}

/**
 * The routing suggestion (issue #6 [G]): top 3 OPDs and categories for a report's text,
 * from the tenant's learned model once it has one, else from the keyword rules of its
 * OPDs (cold start). A low score says "tidak yakin" instead of guessing. Every suggestion
 * is stored with the model version it came from; when the desk routes the case,
 * `recordRoutingOutcome` (called from the complaints routing step) records whether the
 * desk took the suggestion or overrode it.
 */
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { t } from '../../../shared/i18n/index.js';
import { SUGGEST_TEXT_MAX, type TSuggestBody, type TSuggestResponse } from '../../../shared/schemas/routing.js';
import { recordAudit } from '../audit/record.js';
import { resolveRouting } from '../complaints/routing-service.js';
import { defaultKeywords, matchKeywords } from './keywords.js';
import { activeModel } from './model-store.js';
import { can } from './policy.js';
import * as repo from './repo.js';
import type { StoredScore, SuggestionSource } from './tables.js';
import { tokenize } from './text.js';

export const DEFAULT_SETTINGS = { auto_route: false, auto_route_threshold: 0.9, confident_threshold: 0.5, min_confirmed: 200, retrain_every: 50 };
export type Settings = typeof DEFAULT_SETTINGS;

export interface Suggestion {
  source: SuggestionSource;
  modelId: string | null;
  modelVersion: number | null;
  confident: boolean;
  reason: 'ok' | 'not_sure' | 'no_words';
  opds: StoredScore[];
  categories: StoredScore[];
}

// --- short per-process caches of the tenant's reference data (suggest is on the desk's hot path) ---

const REF_TTL_MS = 5_000;
interface Ref {
  at: number;
  settings: Settings;
  opds: Awaited<ReturnType<typeof repo.listOpds>>;
  categories: Awaited<ReturnType<typeof repo.listCategories>>;
  catRules: Awaited<ReturnType<typeof repo.categoryWideRules>>;
  keywordRules: { opdId: string; keywords: string[] }[];
}
const refs = new Map<string, Ref>();
/** Tenants whose keyword rules were generated (or found) by this process. */
const ensured = new Set<string>();

export function invalidateRoutingRefs(tenantId: string): void {
  refs.delete(tenantId);
}

/** Cold start: keyword rules generated from each OPD's kind, once per tenant (the admin edits them after). */
export async function ensureKeywordRules(tx: Executor, ctx: RequestContext & { systemLabel?: string }, tenantId: string): Promise<number> {
  if ((await repo.countKeywordRules(tx, tenantId)) > 0) return 0;
  const opds = await repo.listOpds(tx, tenantId);
  const rows = opds.map((o) => ({ tenant_id: tenantId, opd_id: o.id, keywords: defaultKeywords(o) })).filter((r) => r.keywords.length > 0);
  const added = await repo.insertKeywordRules(tx, rows);
  if (added.length) await recordAudit(tx, ctx, tenantId, { action: 'routing.keyword_rules.seed', entityType: 'routing_keyword_rule', before: null, after: { added: added.length } });
  invalidateRoutingRefs(tenantId);
  return added.length;
}

export async function loadSettings(db: Executor, tenantId: string): Promise<Settings> {
  const s = await repo.getSettings(db, tenantId);
  return s ? { auto_route: s.auto_route, auto_route_threshold: s.auto_route_threshold, confident_threshold: s.confident_threshold, min_confirmed: s.min_confirmed, retrain_every: s.retrain_every } : { ...DEFAULT_SETTINGS };
}

async function loadRef(db: Executor, tenantId: string): Promise<Ref> {
  const hit = refs.get(tenantId);
  if (hit && Date.now() - hit.at < REF_TTL_MS) return hit;
  const [settings, opds, categories, catRules, rules] = await Promise.all([
    loadSettings(db, tenantId), repo.listOpds(db, tenantId), repo.listCategories(db, tenantId), repo.categoryWideRules(db, tenantId), repo.listKeywordRules(db, tenantId),
  ]);
  const ref: Ref = { at: Date.now(), settings, opds, categories, catRules, keywordRules: rules.filter((r) => r.is_active).map((r) => ({ opdId: r.opd_id, keywords: r.keywords })) };
  if (refs.size > 10_000) refs.clear();
  refs.set(tenantId, ref);
  return ref;
}

/** Adds weight to the OPD the routing table names for the category and region, then renormalises. */
function withPrior(scores: StoredScore[], opdId: string | null): StoredScore[] {
  if (!opdId) return scores;
  const out = scores.map((s) => ({ ...s }));
  const at = out.find((s) => s.id === opdId);
  if (at) at.score += 0.2;
  else out.push({ id: opdId, score: 0.2 });
  const sum = out.reduce((a, s) => a + s.score, 0);
  if (sum > 1) for (const s of out) s.score /= sum;
  return out.sort((a, b) => b.score - a.score);
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** The suggestion for a text (no policy, nothing stored): used by the route, the auto-router and the CLI. */
export async function computeSuggestion(db: Executor, tenantId: string, input: { text: string; categoryId?: string | null; regionCode?: string | null }): Promise<Suggestion> {
  const ref = await loadRef(db, tenantId);
  const activeOpds = new Set(ref.opds.filter((o) => o.is_active).map((o) => o.id));
  const activeCats = new Set(ref.categories.filter((c) => c.is_active).map((c) => c.id));
  const model = await activeModel(db, tenantId, 'opd');
  const source: SuggestionSource = model ? 'model' : ref.keywordRules.length ? 'keywords' : 'none';
  const base = { source, modelId: model?.id ?? null, modelVersion: model?.version ?? null };
  if (tokenize(input.text).length === 0) return { ...base, confident: false, reason: 'no_words', opds: [], categories: [] };

  let opds: StoredScore[] = [];
  let known = true;
  if (model) {
    known = model.classifier.known(input.text) > 0;
    opds = model.classifier.predict(input.text).filter((s) => activeOpds.has(s.label)).map((s) => ({ id: s.label, score: s.score }));
  } else if (source === 'keywords') {
    const m = matchKeywords(input.text, ref.keywordRules.filter((r) => activeOpds.has(r.opdId)));
    opds = m.map((h) => ({ id: h.opdId, score: h.score }));
    known = m.length > 0 && m[0].hits >= 2;
  }
  const prior = input.categoryId ? await resolveRouting(db, tenantId, { categoryId: input.categoryId, regionCode: input.regionCode ?? null }) : null;
  opds = withPrior(opds, prior?.opdId ?? null).slice(0, 3);

  let categories: StoredScore[] = [];
  const catModel = await activeModel(db, tenantId, 'category');
  if (catModel) {
    categories = catModel.classifier.predict(input.text).filter((s) => activeCats.has(s.label)).map((s) => ({ id: s.label, score: s.score }));
  } else {
    // From the suggested OPDs through the category-wide routing table.
    const acc = new Map<string, number>();
    for (const o of opds) {
      const cats = ref.catRules.filter((r) => r.opd_id === o.id && activeCats.has(r.category_id));
      for (const c of cats) acc.set(c.category_id, (acc.get(c.category_id) ?? 0) + o.score / cats.length);
    }
    categories = [...acc.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
  }
  categories = categories.slice(0, 3);
  const top = opds[0];
  const confident = known && !!top && top.score >= ref.settings.confident_threshold;
  return {
    ...base,
    confident,
    reason: confident ? 'ok' : 'not_sure',
    opds: opds.map((s) => ({ id: s.id, score: round(s.score) })),
    categories: categories.map((s) => ({ id: s.id, score: round(s.score) })),
  };
}

export function presentSuggestion(ctx: RequestContext, s: Suggestion, id: string | null, ref: Pick<Ref, 'opds' | 'categories'>): TSuggestResponse {
  const opd = new Map(ref.opds.map((o) => [o.id, o]));
  const cat = new Map(ref.categories.map((c) => [c.id, c]));
  return {
    suggestionId: id,
    source: s.source,
    modelVersion: s.modelVersion,
    confident: s.confident,
    message: s.reason === 'ok' ? null : t(ctx.locale, s.reason === 'no_words' ? 'routing.noWords' : 'routing.notSure'),
    opds: s.opds.filter((o) => opd.has(o.id)).map((o) => ({ opdId: o.id, name: opd.get(o.id)!.name, shortName: opd.get(o.id)!.short_name, score: o.score })),
    categories: s.categories.filter((c) => cat.has(c.id)).map((c) => ({ categoryId: c.id, code: cat.get(c.id)!.code, name: cat.get(c.id)!.name, score: c.score })),
  };
}

export function checkText(ctx: RequestContext, text: string): string {
  const s = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  if (!s.trim()) throw new AppError('VALIDATION', { field: 'text' }, [{ field: 'text', message: t(ctx.locale, 'routing.textRequired') }], 'routing.textRequired');
  if (s.length > SUGGEST_TEXT_MAX) {
    const params = { limit: SUGGEST_TEXT_MAX, length: s.length };
    throw new AppError('VALIDATION', params, [{ field: 'text', message: t(ctx.locale, 'routing.textTooLong', params) }], 'routing.textTooLong');
  }
  return s;
}

/** POST /routing/suggest: the desk asks; the suggestion is stored (with its case, when given). */
export async function suggest(db: Db, ctx: RequestContext, tenantId: string, body: TSuggestBody): Promise<TSuggestResponse> {
  authorize(can(ctx.actor, 'routing.suggest', { tenantId }));
  const text = checkText(ctx, body.text);
  if (body.complaintId && !(await repo.complaintText(db, tenantId, body.complaintId))) {
    throw new AppError('NOT_FOUND', {}, [{ field: 'complaintId', message: t(ctx.locale, 'routing.unknownComplaint') }], 'routing.unknownComplaint');
  }
  // Cold start: the keyword rules are generated on first use (the cached reference data says when).
  if (!(await loadRef(db, tenantId)).keywordRules.length && !ensured.has(tenantId)) {
    await db.transaction().execute((tx) => ensureKeywordRules(tx, ctx, tenantId));
    if (ensured.size > 10_000) ensured.clear();
    ensured.add(tenantId);
  }
  const s = await computeSuggestion(db, tenantId, { text, categoryId: body.categoryId, regionCode: body.regionCode });
  const row = await repo.insertSuggestion(db, {
    tenant_id: tenantId, complaint_id: body.complaintId ?? null, purpose: 'desk', source: s.source, model_id: s.modelId, model_version: s.modelVersion,
    top_opds: JSON.stringify(s.opds), top_categories: JSON.stringify(s.categories), confident: s.confident, created_by: ctx.actor?.userId ?? null,
  });
  return presentSuggestion(ctx, s, row.id, await loadRef(db, tenantId));
}

export interface AutoInfo {
  suggestionId: string;
  modelVersion: number | null;
  score: number;
}

function autoInfo(v: unknown): AutoInfo | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  return typeof o.suggestionId === 'string' && typeof o.score === 'number' ? { suggestionId: o.suggestionId, modelVersion: typeof o.modelVersion === 'number' ? o.modelVersion : null, score: o.score } : null;
}

/**
 * The complaints routing step calls this in its transaction when a case is routed: the
 * suggestion last shown for the case (or one computed now from its text), the OPD chosen,
 * and whether that was the suggestion (accepted), another OPD (overridden: a training
 * example once the OPD accepts the case), or the auto-router's own step.
 */
export async function recordRoutingOutcome(tx: Executor, ctx: RequestContext, v: { tenantId: string; complaintId: string; chosenOpdId: string; auto?: unknown }): Promise<void> {
  const auto = autoInfo(v.auto);
  let s = await repo.latestSuggestionFor(tx, v.tenantId, v.complaintId);
  if (!s) {
    const c = await repo.complaintText(tx, v.tenantId, v.complaintId);
    if (!c) return;
    const fresh = await computeSuggestion(tx, v.tenantId, { text: `${c.title}\n${c.description}`, categoryId: c.category_id, regionCode: c.region_code });
    const row = await repo.insertSuggestion(tx, {
      tenant_id: v.tenantId, complaint_id: v.complaintId, purpose: 'route', source: fresh.source, model_id: fresh.modelId, model_version: fresh.modelVersion,
      top_opds: JSON.stringify(fresh.opds), top_categories: JSON.stringify(fresh.categories), confident: fresh.confident, created_by: ctx.actor?.userId ?? null,
    });
    s = await repo.latestSuggestionFor(tx, v.tenantId, v.complaintId);
    if (!s || s.id !== row.id) return;
  }
  const top: StoredScore[] = Array.isArray(s.top_opds) ? s.top_opds : [];
  const at = top.findIndex((o) => o.id === v.chosenOpdId);
  await repo.insertFeedback(tx, {
    tenant_id: v.tenantId,
    complaint_id: v.complaintId,
    suggestion_id: s.id,
    suggested_opd_id: top[0]?.id ?? null,
    chosen_opd_id: v.chosenOpdId,
    chosen_rank: at >= 0 && at < 3 ? at + 1 : null,
    outcome: auto ? 'auto' : at === 0 ? 'accepted' : 'overridden',
    source: top.length ? s.source : 'none',
    model_version: s.model_version,
    score: auto ? auto.score : (top[0]?.score ?? null),
    actor_id: ctx.actor?.userId ?? null,
  });
}

/** The accuracy figure for the desk's inbox: share of suggestions accepted, last 30 and 90 days. */
export async function routingStats(db: Db, ctx: RequestContext, tenantId: string, now = new Date()) {
  authorize(can(ctx.actor, 'routing.stats', { tenantId }));
  const windows = [];
  for (const days of [30, 90]) {
    const f = await repo.feedbackSince(db, tenantId, new Date(now.getTime() - days * 86_400_000));
    windows.push({ days, ...f, acceptedRate: f.total ? round(f.accepted / f.total) : null });
  }
  const [model, rules, confirmed, settings] = await Promise.all([
    activeModel(db, tenantId, 'opd'), repo.countKeywordRules(db, tenantId), repo.countConfirmed(db, tenantId), loadSettings(db, tenantId),
  ]);
  return {
    windows,
    source: (model ? 'model' : rules ? 'keywords' : 'none') as SuggestionSource,
    modelVersion: model?.version ?? null,
    confirmedCases: confirmed,
    minConfirmed: settings.min_confirmed,
  };
}

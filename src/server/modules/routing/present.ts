/** Rows → API shapes of the routing module. */
import type { TKeywordRule, TRoutingSettings } from '../../../shared/schemas/routing.js';
import type { KeywordRuleRow } from './repo.js';
import type { Settings } from './suggest-service.js';

export function presentKeywordRule(r: { rule: KeywordRuleRow; opd: { id: string; name: string; short_name: string } }): TKeywordRule {
  return {
    opdId: r.opd.id,
    opdName: r.opd.name,
    opdShortName: r.opd.short_name,
    keywords: r.rule.keywords,
    isActive: r.rule.is_active,
    updatedAt: new Date(r.rule.updated_at).toISOString(),
  };
}

export function presentSettings(s: Settings): TRoutingSettings {
  return {
    autoRoute: s.auto_route,
    autoRouteThreshold: Number(s.auto_route_threshold),
    confidentThreshold: Number(s.confident_threshold),
    minConfirmed: s.min_confirmed,
    retrainEvery: s.retrain_every,
  };
}

export function presentModel(m: {
  id: string; label_type: string; version: number; kind: string; n_examples: number; metrics: Record<string, unknown> | null; source: string; is_active: boolean; trained_at: Date;
}) {
  return {
    id: m.id, labelType: m.label_type, version: m.version, kind: m.kind, nExamples: m.n_examples, metrics: m.metrics, source: m.source,
    isActive: m.is_active, trainedAt: new Date(m.trained_at).toISOString(),
  };
}

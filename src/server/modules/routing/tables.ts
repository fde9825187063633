/** Kysely table types of the routing module (migration 20261122_4000_routing). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type LabelType = 'opd' | 'category';
export type SuggestionSource = 'model' | 'keywords' | 'none';

export interface RoutingModelTable {
  tenant_id: string;
  id: Generated<string>;
  label_type: LabelType;
  version: number;
  kind: string;
  model: Buffer;
  n_examples: number;
  metrics: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  source: 'job' | 'cli' | 'demo';
  is_active: Generated<boolean>;
  trained_at: Generated<Date>;
}

export interface RoutingKeywordRuleTable {
  tenant_id: string;
  id: Generated<string>;
  opd_id: string;
  keywords: string[];
  is_active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: Generated<Date>;
}

export interface RoutingSettingsTable {
  tenant_id: string;
  auto_route: Generated<boolean>;
  auto_route_threshold: Generated<number>;
  confident_threshold: Generated<number>;
  min_confirmed: Generated<number>;
  retrain_every: Generated<number>;
  updated_at: Generated<Date>;
}

/** One scored label as stored: an OPD or category id and its score. */
export interface StoredScore {
  id: string;
  score: number;
}

export interface RoutingSuggestionTable {
  tenant_id: string;
  id: Generated<string>;
  complaint_id: string | null;
  purpose: Generated<'desk' | 'route' | 'auto'>;
  source: SuggestionSource;
  model_id: string | null;
  model_version: number | null;
  top_opds: JSONColumnType<StoredScore[], string, string>;
  top_categories: JSONColumnType<StoredScore[], string, string>;
  confident: boolean;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface RoutingFeedbackTable {
  tenant_id: string;
  id: Generated<string>;
  complaint_id: string;
  suggestion_id: string | null;
  suggested_opd_id: string | null;
  chosen_opd_id: string;
  chosen_rank: number | null;
  outcome: 'accepted' | 'overridden' | 'auto';
  source: SuggestionSource;
  model_version: number | null;
  score: number | null;
  actor_id: string | null;
  created_at: Generated<Date>;
}

export interface RoutingTables {
  routing_model: RoutingModelTable;
  routing_keyword_rule: RoutingKeywordRuleTable;
  routing_settings: RoutingSettingsTable;
  routing_suggestion: RoutingSuggestionTable;
  routing_feedback: RoutingFeedbackTable;
}

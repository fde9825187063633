/** Demo data of the routing module: the demo tenant starts with keyword rules (and a model when it has history). */
import type { Executor } from '../../db/index.js';
import { systemContext } from '../../platform/context.js';
import { trainAndStore } from './model-store.js';
import * as repo from './repo.js';
import { ensureKeywordRules } from './suggest-service.js';

/** Confirmed demo cases needed before the demo gets a trained model too. */
export const DEMO_MIN_CONFIRMED = 30;

export async function seedDemoRouting(tx: Executor, tenantId: string): Promise<void> {
  await ensureKeywordRules(tx, systemContext(null, 'seed-demo'), tenantId);
  if ((await repo.countConfirmed(tx, tenantId)) < DEMO_MIN_CONFIRMED) return;
  const rows = await repo.confirmedExamples(tx, tenantId, 20_000);
  const examples = rows.map((r) => ({ text: `${r.title}\n${r.description}`, label: r.opd_id! }));
  if (new Set(examples.map((e) => e.label)).size >= 2) await trainAndStore(tx, { tenantId, labelType: 'opd', examples, source: 'demo' });
}

/**
 * Where a tenant's models live: versioned rows in routing_model (gzip of the model JSON),
 * the active one cached in process. Which version is active is re-checked at most every
 * ACTIVE_TTL_MS, so a model trained by the job or the CLI in another process is picked up
 * within seconds; the model itself is loaded once per version.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Executor } from '../../db/index.js';
import { deserialize, serialize, train, type Classifier, type Example, type TrainOptions } from './model.js';
import * as repo from './repo.js';
import type { LabelType } from './tables.js';

export const ACTIVE_TTL_MS = 5_000;

export interface LoadedModel {
  id: string;
  version: number;
  classifier: Classifier;
}

const active = new Map<string, { at: number; ref: { id: string; version: number } | null }>();
const loaded = new Map<string, LoadedModel>();

/** Forget what this process knows about a tenant's models (after training in this process). */
export function invalidateModels(tenantId: string): void {
  for (const k of active.keys()) if (k.startsWith(`${tenantId}:`)) active.delete(k);
}

export async function activeModel(db: Executor, tenantId: string, labelType: LabelType): Promise<LoadedModel | null> {
  const key = `${tenantId}:${labelType}`;
  let hit = active.get(key);
  if (!hit || Date.now() - hit.at > ACTIVE_TTL_MS) {
    const ref = (await repo.activeModelRef(db, tenantId, labelType)) ?? null;
    hit = { at: Date.now(), ref };
    if (active.size > 10_000) active.clear();
    active.set(key, hit);
  }
  if (!hit.ref) return null;
  const cached = loaded.get(key);
  if (cached && cached.id === hit.ref.id) return cached;
  const row = await repo.modelBytes(db, tenantId, hit.ref.id);
  if (!row) return null;
  const model: LoadedModel = { id: row.id, version: row.version, classifier: deserialize(gunzipSync(row.model).toString('utf8')) };
  loaded.set(key, model);
  return model;
}

export function packModel(c: Classifier): Buffer {
  return gzipSync(Buffer.from(serialize(c), 'utf8'));
}

/** Trains on the examples (labels = OPD or category ids) and stores the result as the active version. */
export async function trainAndStore(
  tx: Executor,
  v: { tenantId: string; labelType: LabelType; examples: Example[]; source: 'job' | 'cli' | 'demo'; options?: TrainOptions; metrics?: Record<string, unknown> },
) {
  const t0 = Date.now();
  const classifier = train(v.examples, v.options);
  const trainMs = Date.now() - t0;
  const row = await repo.insertActiveModel(tx, {
    tenantId: v.tenantId,
    labelType: v.labelType,
    kind: classifier.data.kind,
    model: packModel(classifier),
    nExamples: v.examples.length,
    metrics: { trainMs, labels: classifier.data.labels.length, vocabulary: classifier.data.vocab.length, ...(v.metrics ?? {}) },
    source: v.source,
  });
  invalidateModels(v.tenantId);
  return { ...row, labels: classifier.data.labels.length, vocabulary: classifier.data.vocab.length, trainMs };
}

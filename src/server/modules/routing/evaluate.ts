/**
 * Stratified k-fold cross-validation of the routing classifier (pure, no database): the
 * figures ADR 0021 reports — accuracy, macro-F1, top-3 recall, per-class precision/recall/F1,
 * the confusion matrix, training time and per-suggestion latency (p50/p99). Out-of-fold
 * predictions of every fold are pooled before the metrics are computed.
 */
import { performance } from 'node:perf_hooks';
import { featurize, train, type Example, type TrainOptions } from './model.js';
import { seededRandom } from '../../platform/random.js';

export interface ClassFigures {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  folds: number;
  n: number;
  accuracy: number;
  macroF1: number;
  top3Recall: number;
  perClass: ClassFigures[];
  labels: string[];
  /** confusion[true][predicted], rows and columns in `labels` order. */
  confusion: number[][];
  trainMsMean: number;
  latencyMs: { p50: number; p99: number };
  /** Share of answers at or above the confidence threshold, and their accuracy. */
  confident: { threshold: number; coverage: number; accuracy: number };
}

/** Fold of each example: every label spread evenly over the folds (seeded shuffle). */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 7): number[] {
  const rand = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let start = 0;
  for (const idx of [...byLabel.keys()].sort().map((l) => byLabel.get(l)!)) {
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    idx.forEach((ex, i) => (fold[ex] = (start + i) % k));
    start = (start + idx.length) % k;
  }
  return fold;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function crossValidate(examples: readonly Example[], opts: TrainOptions & { folds?: number; threshold?: number } = {}): EvalReport {
  const k = opts.folds ?? 5;
  const threshold = opts.threshold ?? 0.5;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const fold = stratifiedFolds(examples.map((e) => e.label), k);
  const pre = featurize(examples, opts.features ?? {});
  const pred: string[] = new Array(examples.length);
  const top3: boolean[] = new Array(examples.length);
  const conf: number[] = new Array(examples.length);
  const latencies: number[] = [];
  let trainMs = 0;
  for (let f = 0; f < k; f++) {
    const trIdx = examples.map((_, i) => i).filter((i) => fold[i] !== f);
    const teIdx = examples.map((_, i) => i).filter((i) => fold[i] === f);
    const t0 = performance.now();
    const model = train(trIdx.map((i) => examples[i]), opts, trIdx.map((i) => pre[i]));
    trainMs += performance.now() - t0;
    for (const i of teIdx) {
      const t1 = performance.now();
      const top = model.predict(examples[i].text); // the whole path a suggestion takes: normalise, stem, score
      latencies.push(performance.now() - t1);
      pred[i] = top[0].label;
      conf[i] = top[0].score;
      top3[i] = top.slice(0, 3).some((s) => s.label === examples[i].label);
    }
  }
  const L = labels.length;
  const at = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => new Array<number>(L).fill(0));
  examples.forEach((e, i) => confusion[at.get(e.label)!][at.get(pred[i])!]++);
  const perClass = labels.map((label, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[c], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support, precision, recall, f1 };
  });
  const correct = examples.filter((e, i) => pred[i] === e.label).length;
  const confidentIdx = examples.map((_, i) => i).filter((i) => conf[i] >= threshold);
  latencies.sort((a, b) => a - b);
  return {
    folds: k,
    n: examples.length,
    accuracy: correct / examples.length,
    macroF1: perClass.reduce((a, c) => a + c.f1, 0) / L,
    top3Recall: top3.filter(Boolean).length / examples.length,
    perClass,
    labels,
    confusion,
    trainMsMean: trainMs / k,
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    confident: {
      threshold,
      coverage: confidentIdx.length / examples.length,
      accuracy: confidentIdx.length ? confidentIdx.filter((i) => pred[i] === examples[i].label).length / confidentIdx.length : 0,
    },
  };
}

/** The report as text lines (CLI and ADR). */
export function formatReport(r: EvalReport): string[] {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const lines = [
    `${r.folds}-fold cross-validation on ${r.n} examples, ${r.labels.length} labels`,
    `accuracy ${pct(r.accuracy)}  macro-F1 ${r.macroF1.toFixed(3)}  top-3 recall ${pct(r.top3Recall)}`,
    `training ${(r.trainMsMean / 1000).toFixed(2)} s per fold (≈${Math.round((r.n * (r.folds - 1)) / r.folds)} examples)  suggestion p50 ${r.latencyMs.p50.toFixed(3)} ms  p99 ${r.latencyMs.p99.toFixed(3)} ms`,
    `confident (score ≥ ${r.confident.threshold}): ${pct(r.confident.coverage)} of answers, ${pct(r.confident.accuracy)} of them right`,
    '',
    'label                          support  precision  recall   F1',
  ];
  for (const c of r.perClass) lines.push(`${c.label.padEnd(30)} ${String(c.support).padStart(7)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)}  ${c.f1.toFixed(3)}`);
  lines.push('', 'confusion matrix (rows: true label, columns: predicted, in the order above)');
  r.confusion.forEach((row, i) => lines.push(`${String(i + 1).padStart(2)} ${row.map((v) => String(v).padStart(5)).join('')}  ${r.labels[i]}`));
  return lines;
}

/**
 * The routing classifier (pure, in-process, ADR 0021): TF-IDF over the text features
 * (text.ts) and a linear model with class-weighted costs — a one-vs-rest linear SVM by dual
 * coordinate descent (the default, chosen by 5-fold CV macro-F1), multinomial logistic
 * regression by SGD, their blend, or complement naive Bayes.
 * A model is plain data (`ModelData`), serialised as JSON with the weights packed as
 * base64 Float32, so the server stores it in a table and caches it in process.
 */
import { features, type FeatureOptions } from './text.js';
import { seededRandom } from '../../platform/random.js';

export type ModelKind = 'logreg' | 'svm' | 'blend' | 'cnb';

export interface TrainOptions {
  kind?: ModelKind;
  features?: FeatureOptions;
  /** Features seen in fewer documents are dropped (default 2). */
  minDf?: number;
  /** SGD epochs (logreg, default 12). */
  epochs?: number;
  /** L2 strength (logreg, default 1e-5). */
  l2?: number;
  /** Initial learning rate (logreg, default 0.5). */
  lr?: number;
  /** Class weight = (n / (K · n_k))^balance: 0 = none, 1 = fully balanced (default 0.75). */
  balance?: number;
  /** SVM cost C (default 0.5) and dual coordinate-descent passes (default 15). */
  C?: number;
  passes?: number;
  /** SVM: margins × this before the softmax that turns them into scores (default 4). */
  temperature?: number;
  /** Complement NB smoothing (default 0.3). */
  alpha?: number;
  seed?: number;
}

export interface ModelData {
  format: 1;
  kind: ModelKind;
  labels: string[];
  vocab: string[];
  idf: number[];
  /** labels.length × vocab.length weights, row by label. */
  weights: Float32Array;
  bias: number[];
  features: FeatureOptions;
}

export interface Scored {
  label: string;
  score: number;
}

/** A trained model ready to predict (vocabulary index built once). */
export class Classifier {
  readonly index: Map<string, number>;
  constructor(readonly data: ModelData) {
    this.index = new Map(data.vocab.map((v, i) => [v, i]));
  }

  /** Sparse L2-normalised TF-IDF vector of a text. */
  vectorize(text: string): { idx: number[]; val: number[] } {
    return vectorFrom(features(text, this.data.features), this.index, this.data.idf);
  }

  /** Scores (probabilities summing to 1) of every label, best first. */
  predict(text: string): Scored[] {
    return this.predictVector(this.vectorize(text));
  }

  predictVector(x: { idx: number[]; val: number[] }): Scored[] {
    const { labels, weights, bias } = this.data;
    const V = this.data.vocab.length;
    const z = labels.map((_, k) => {
      let s = bias[k];
      const off = k * V;
      for (let j = 0; j < x.idx.length; j++) s += weights[off + x.idx[j]] * x.val[j];
      return s;
    });
    const p = softmax(z);
    return labels.map((label, k) => ({ label, score: p[k] })).sort((a, b) => b.score - a.score);
  }

  /** How many of the text's features the model knows (0: nothing to go on). */
  known(text: string): number {
    return this.vectorize(text).idx.length;
  }
}

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function vectorFrom(feats: string[], index: Map<string, number>, idf: number[]): { idx: number[]; val: number[] } {
  const tf = new Map<number, number>();
  for (const f of feats) {
    const i = index.get(f);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [i, n] of tf) {
    const v = (1 + Math.log(n)) * idf[i];
    idx.push(i);
    val.push(v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < val.length; j++) val[j] /= norm;
  return { idx, val };
}


export interface Example {
  text: string;
  label: string;
}

/** Features of each example, computed once (cross-validation reuses them across folds). */
export function featurize(examples: readonly Example[], opts: FeatureOptions = {}): string[][] {
  return examples.map((e) => features(e.text, opts));
}

export function train(examples: readonly Example[], opts: TrainOptions = {}, pre?: string[][]): Classifier {
  const fopts: FeatureOptions = opts.features ?? {};
  const docs = pre ?? featurize(examples, fopts);
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const y = examples.map((e) => labels.indexOf(e.label));
  // Vocabulary by document frequency.
  const df = new Map<string, number>();
  for (const d of docs) for (const f of new Set(d)) df.set(f, (df.get(f) ?? 0) + 1);
  const minDf = opts.minDf ?? 2;
  const vocab = [...df.entries()].filter(([, n]) => n >= minDf).map(([f]) => f).sort();
  const index = new Map(vocab.map((v, i) => [v, i]));
  const N = docs.length;
  const idf = vocab.map((f) => Math.log((1 + N) / (1 + df.get(f)!)) + 1);
  const X = docs.map((d) => vectorFrom(d, index, idf));
  const K = labels.length;
  const V = vocab.length;
  const counts = labels.map((_, k) => y.filter((v) => v === k).length);
  const kind = opts.kind ?? 'svm';
  const data: ModelData = { format: 1, kind, labels, vocab, idf, weights: new Float32Array(K * V), bias: new Array(K).fill(0), features: fopts };
  if (K < 2) {
    data.bias[0] = 0;
    return new Classifier(data);
  }
  if (kind === 'cnb') trainCnb(data, X, y, counts, opts.alpha ?? 0.3);
  else if (kind === 'svm') trainSvm(data, X, y, counts, opts);
  else if (kind === 'blend') {
    // Both linear: the mean of their logits is one linear model, so blending costs nothing at prediction.
    const other: ModelData = { ...data, weights: new Float32Array(K * V), bias: new Array(K).fill(0) };
    trainLogreg(data, X, y, counts, opts);
    trainSvm(other, X, y, counts, opts);
    for (let i = 0; i < data.weights.length; i++) data.weights[i] = (data.weights[i] + other.weights[i]) / 2;
    for (let k = 0; k < K; k++) data.bias[k] = (data.bias[k] + other.bias[k]) / 2;
  }
  else trainLogreg(data, X, y, counts, opts);
  return new Classifier(data);
}

function trainLogreg(data: ModelData, X: { idx: number[]; val: number[] }[], y: number[], counts: number[], opts: TrainOptions) {
  const K = data.labels.length;
  const V = data.vocab.length;
  const W = data.weights;
  const b = data.bias;
  const N = X.length;
  const balance = opts.balance ?? 0.75;
  const cw = counts.map((c) => Math.pow(N / (K * Math.max(1, c)), balance));
  const epochs = opts.epochs ?? 15;
  const l2 = opts.l2 ?? 1e-6;
  const lr0 = opts.lr ?? 0.5;
  const rand = seededRandom(opts.seed ?? 42);
  const order = Array.from({ length: N }, (_, i) => i);
  const z = new Float64Array(K);
  // L2 as weight decay on the weights each example touches (sparse updates keep an epoch fast).
  let t = 0;
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const n of order) {
      const x = X[n];
      const lr = lr0 / (1 + lr0 * l2 * t * 50);
      t++;
      let m = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = b[k];
        const off = k * V;
        for (let j = 0; j < x.idx.length; j++) s += W[off + x.idx[j]] * x.val[j];
        z[k] = s;
        if (s > m) m = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) {
        z[k] = Math.exp(z[k] - m);
        sum += z[k];
      }
      const w = cw[y[n]];
      const decay = 1 - lr * l2;
      for (let k = 0; k < K; k++) {
        const g = (z[k] / sum - (k === y[n] ? 1 : 0)) * w;
        const off = k * V;
        for (let j = 0; j < x.idx.length; j++) {
          const p = off + x.idx[j];
          W[p] = W[p] * decay - lr * g * x.val[j];
        }
        b[k] -= lr * g * 0.1;
      }
    }
  }
}

/**
 * One-vs-rest L2-regularised squared-hinge SVM by dual coordinate descent (Hsieh et al.
 * 2008, the LIBLINEAR solver), bias as a constant feature, class-weighted costs. Margins are
 * scaled by the temperature so the softmax of the predictor gives usable scores.
 */
function trainSvm(data: ModelData, X: { idx: number[]; val: number[] }[], y: number[], counts: number[], opts: TrainOptions) {
  const K = data.labels.length;
  const V = data.vocab.length;
  const N = X.length;
  const C = opts.C ?? 0.5;
  const balance = opts.balance ?? 0.75;
  const cw = counts.map((c) => Math.pow(N / (K * Math.max(1, c)), balance));
  const T = opts.temperature ?? 4;
  const passes = opts.passes ?? 15;
  const rand = seededRandom(opts.seed ?? 42);
  const sq = X.map((x) => x.val.reduce((a, v) => a + v * v, 0) + 1);
  const order = Array.from({ length: N }, (_, i) => i);
  const w = new Float64Array(V);
  const alpha = new Float64Array(N);
  for (let k = 0; k < K; k++) {
    w.fill(0);
    alpha.fill(0);
    let bias = 0;
    for (let pass = 0; pass < passes; pass++) {
      for (let i = N - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      let maxPg = 0;
      for (const n of order) {
        const x = X[n];
        const yi = y[n] === k ? 1 : -1;
        const Ci = C * (yi === 1 ? cw[k] : 1);
        const D = 1 / (2 * Ci);
        let s = bias;
        for (let j = 0; j < x.idx.length; j++) s += w[x.idx[j]] * x.val[j];
        const G = yi * s - 1 + D * alpha[n];
        const PG = alpha[n] === 0 ? Math.min(G, 0) : G;
        if (Math.abs(PG) < 1e-12) continue;
        maxPg = Math.max(maxPg, Math.abs(PG));
        const old = alpha[n];
        alpha[n] = Math.max(old - G / (sq[n] + D), 0);
        const d = (alpha[n] - old) * yi;
        for (let j = 0; j < x.idx.length; j++) w[x.idx[j]] += d * x.val[j];
        bias += d;
      }
      if (maxPg < 0.01) break;
    }
    for (let i = 0; i < V; i++) data.weights[k * V + i] = w[i] * T;
    data.bias[k] = bias * T;
  }
}

function trainCnb(data: ModelData, X: { idx: number[]; val: number[] }[], y: number[], _counts: number[], alpha: number) {
  const K = data.labels.length;
  const V = data.vocab.length;
  const total = new Float64Array(V);
  const per = new Float64Array(K * V);
  for (let n = 0; n < X.length; n++) {
    const x = X[n];
    for (let j = 0; j < x.idx.length; j++) {
      total[x.idx[j]] += x.val[j];
      per[y[n] * V + x.idx[j]] += x.val[j];
    }
  }
  for (let k = 0; k < K; k++) {
    let sum = 0;
    const comp = new Float64Array(V);
    for (let i = 0; i < V; i++) {
      comp[i] = total[i] - per[k * V + i] + alpha;
      sum += comp[i];
    }
    // Weight-normalised complement NB (Rennie et al. 2003): lower complement mass = this class.
    let norm = 0;
    const w = new Float64Array(V);
    for (let i = 0; i < V; i++) {
      w[i] = Math.log(comp[i] / sum);
      norm += Math.abs(w[i]);
    }
    for (let i = 0; i < V; i++) data.weights[k * V + i] = (-w[i] / norm) * 40; // scaled so softmax gives usable scores
  }
}

// --- serialisation -------------------------------------------------------------------------

export function serialize(c: Classifier): string {
  const d = c.data;
  return JSON.stringify({ ...d, weights: Buffer.from(d.weights.buffer, d.weights.byteOffset, d.weights.byteLength).toString('base64') });
}

export function deserialize(json: string): Classifier {
  const o = JSON.parse(json) as Omit<ModelData, 'weights'> & { weights: string };
  if (o.format !== 1 || !Array.isArray(o.labels) || !Array.isArray(o.vocab)) throw new Error('unknown model format');
  const buf = Buffer.from(o.weights, 'base64');
  const weights = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  if (weights.length !== o.labels.length * o.vocab.length) throw new Error('model weights do not match its vocabulary');
  return new Classifier({ ...o, weights });
}

/**
 * Suite 'routing' (issue #6 [G], ADR 0021):
 *  - training time on the dev data (shared/data/laporgub-complaints-dev.csv when it sits
 *    beside the repository) and on 10,000 synthetic complaints, against the raw pass of the
 *    text pipeline over the same texts (normalise, stem, features) measured in the same run;
 *  - suggestions through the endpoint (POST /routing/suggest, PGlite, 1 and 10 connections:
 *    session, policy, validation, cached model, scoring, the stored suggestion row) against
 *    a raw in-process predict of the same model and text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { featurize, train, type Example } from '../../src/server/modules/routing/model.js';
import { seededRandom } from '../../src/server/platform/random.js';
import { trainAndStore } from '../../src/server/modules/routing/model-store.js';
import { percentile } from '../../src/server/modules/routing/evaluate.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders } from '../../test/helpers/factories.js';
import { SINGLE_USER_SECONDS, type BenchSuite, type Figure, type Measurement, type Target } from '../harness.js';

const HOOK = fileURLToPath(new URL('./complaints-request.cjs', import.meta.url));
const DEV_CSV = fileURLToPath(new URL('../../../shared/data/laporgub-complaints-dev.csv', import.meta.url));

/** Synthetic complaints (mechanics and timing only): words drawn per label from small vocabularies. */
export function syntheticExamples(n: number, seed = 11): Example[] {
  const rand = seededRandom(seed);
  const topics: Record<string, string[]> = {
    jalan: ['jalan', 'rusak', 'berlubang', 'aspal', 'jembatan', 'drainase', 'selokan', 'gorong', 'banjir', 'cor', 'trotoar'],
    dukcapil: ['ktp', 'kartu', 'keluarga', 'akta', 'kelahiran', 'blanko', 'perekaman', 'nik', 'pindah', 'domisili'],
    sampah: ['sampah', 'bau', 'limbah', 'tps', 'sungai', 'pencemaran', 'asap', 'plastik', 'angkut', 'truk'],
    sekolah: ['sekolah', 'guru', 'siswa', 'ppdb', 'zonasi', 'ijazah', 'seragam', 'pungutan', 'beasiswa', 'kelas'],
    sosial: ['bansos', 'pkh', 'bantuan', 'miskin', 'dtks', 'lansia', 'disabilitas', 'blt', 'sembako', 'terlantar'],
  };
  const common = ['mohon', 'tolong', 'warga', 'desa', 'sudah', 'lama', 'belum', 'ditindaklanjuti', 'pak', 'bupati', 'kami', 'segera'];
  const labels = Object.keys(topics);
  return Array.from({ length: n }, () => {
    const label = labels[Math.floor(rand() * labels.length)];
    const words = Array.from({ length: 12 + Math.floor(rand() * 30) }, () => (rand() < 0.5 ? topics[label] : common)[Math.floor(rand() * 10)]);
    return { text: words.join(' '), label };
  });
}

function timeTraining(examples: Example[]): { trainMs: number; featurizeMs: number } {
  train(examples.slice(0, 500)); // warm-up (JIT) so neither figure pays for it
  const t0 = performance.now();
  featurize(examples);
  const featurizeMs = performance.now() - t0;
  const t1 = performance.now();
  train(examples);
  return { trainMs: performance.now() - t1, featurizeMs };
}

async function endpoint(url: string, headers: Record<string, string>, body: string, connections: number, seconds: number): Promise<Measurement> {
  const base = {
    url,
    requests: [{ method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body, setupRequest: HOOK }] as unknown as autocannon.Request[],
    connections,
    workers: 1,
    timeout: 10,
  };
  await autocannon({ ...base, duration: 1 });
  const r = await autocannon({ ...base, duration: seconds });
  return { rps: r.requests.average, p99: r.latency.p99, total: r.requests.total, bad: r.non2xx + r.errors + r.timeouts };
}

async function suggestFigures(target: Target, examples: Example[], text: string, ctxLog: (l: string) => void): Promise<Figure[]> {
  const db = target.handle.db;
  const tenant = await buildTenant(db);
  const labels = [...new Set(examples.map((e) => e.label))];
  const opdOf = new Map<string, string>();
  for (const [i, l] of labels.entries()) opdOf.set(l, (await buildOpd(db, tenant, { name: `Dinas ${l}`, short_name: `D${i}` })).id);
  const stored = await db.transaction().execute((tx) => trainAndStore(tx, { tenantId: tenant.id, labelType: 'opd', examples: examples.map((e) => ({ text: e.text, label: opdOf.get(e.label)! })), source: 'cli' }));
  ctxLog(`routing: model v${stored.version} (${stored.labels} OPDs, ${stored.vocabulary} features) stored for the endpoint`);
  const desk = await buildUser(db, tenant, [{ role: 'verifikator' }]);
  const headers = await sessionHeaders(db, desk);

  // Raw: the same model and text, predicted in process.
  const model = train(examples.map((e) => ({ text: e.text, label: opdOf.get(e.label)! })));
  const lat: number[] = [];
  const until = performance.now() + SINGLE_USER_SECONDS * 1000;
  while (performance.now() < until) {
    const t0 = performance.now();
    model.predict(text);
    lat.push(performance.now() - t0);
  }
  lat.sort((a, b) => a - b);
  const raw: Measurement = { rps: lat.length / SINGLE_USER_SECONDS, p99: percentile(lat, 99), total: lat.length, bad: 0 };
  ctxLog(`routing: in-process predict p50 ${percentile(lat, 50).toFixed(3)} ms, p99 ${raw.p99.toFixed(3)} ms`);

  const app: FastifyInstance = await buildApp({ ...target.app.deps.config, trustProxy: true }, target.handle);
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const addr = app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no TCP address');
    const url = `http://127.0.0.1:${addr.port}/r/${tenant.slug}/api/v1/routing/suggest`;
    const body = JSON.stringify({ text });
    const one = await endpoint(url, headers, body, 1, SINGLE_USER_SECONDS);
    const ten = await endpoint(url, headers, body, 10, SINGLE_USER_SECONDS);
    return [
      { figure: `POST /routing/suggest throughput (${target.kind}, 1 conn)`, value: one.rps, unit: 'req/s', raw: raw.rps, bad: one.bad },
      { figure: `POST /routing/suggest p99 (${target.kind}, 1 conn)`, value: one.p99, unit: 'ms', raw: raw.p99, bad: one.bad },
      { figure: `POST /routing/suggest throughput (${target.kind}, 10 conn)`, value: ten.rps, unit: 'req/s', raw: raw.rps, bad: ten.bad },
      { figure: `POST /routing/suggest p99 (${target.kind}, 10 conn)`, value: ten.p99, unit: 'ms', raw: raw.p99, bad: ten.bad },
    ];
  } finally {
    await app.close();
  }
}

export const routingSuite: BenchSuite = {
  name: 'routing',
  description: 'routing model training time (dev data, 10,000 synthetic) vs the text pipeline alone; POST /routing/suggest vs in-process predict (PGlite)',
  async run(ctx) {
    const figures: Figure[] = [];
    let dev: Example[] | null = null;
    if (existsSync(DEV_CSV)) {
      dev = (parse(readFileSync(DEV_CSV), { columns: true, bom: true }) as { text: string; label: string }[]).map((r) => ({ text: r.text, label: r.label }));
      const t = timeTraining(dev);
      ctx.log(`routing: dev data ${dev.length} examples trained in ${(t.trainMs / 1000).toFixed(2)} s (text pipeline alone ${(t.featurizeMs / 1000).toFixed(2)} s)`);
      figures.push({ figure: `routing train, dev data (${dev.length} ex.)`, value: t.trainMs, unit: 'ms', raw: t.featurizeMs, bad: 0 });
    } else ctx.log(`routing: ${DEV_CSV} not found; dev-data figure skipped`);
    const synth = syntheticExamples(10_000);
    const s = timeTraining(synth);
    ctx.log(`routing: 10,000 synthetic examples trained in ${(s.trainMs / 1000).toFixed(2)} s (text pipeline alone ${(s.featurizeMs / 1000).toFixed(2)} s)`);
    figures.push({ figure: 'routing train, 10,000 synthetic ex.', value: s.trainMs, unit: 'ms', raw: s.featurizeMs, bad: 0 });
    const examples = dev ?? synth;
    const text = 'Jalan di desa kami rusak parah dan berlubang, saluran drainase tersumbat sehingga air meluap ke jalan setiap hujan. Mohon segera diperbaiki.';
    figures.push(...(await suggestFigures(await ctx.pglite(), examples, text, ctx.log)));
    return figures;
  },
};

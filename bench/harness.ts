/**
 * What every benchmark suite gets: a fresh PostgreSQL database (dropped at the end) with
 * the real app and a RAW server on it, an embedded-PGlite pair for single-user figures,
 * and `measure` (autocannon). Each figure is printed beside the raw limit measured in the
 * same run on the same machine — a bare Fastify route doing one INSERT through the same
 * driver — so a figure reads as "how much of what this machine can do at all".
 */
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/config.js';
import { openDatabase, type DbHandle } from '../src/server/db/index.js';
import { migrate } from '../src/server/db/migrate.js';

/** Server used to create and drop the bench database (trust auth on this machine). */
export const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Length of one measurement under load; the whole run stays under ~3 minutes. */
export const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Single-user measurements are shorter: their p99 settles quickly. */
export const SINGLE_USER_SECONDS = Math.max(2, Math.round(LOAD_SECONDS / 2));
export const CONNECTIONS = 50;
/** Seconds of warm-up before each measurement (JIT, pools, caches). */
const WARMUP_SECONDS = 1;

export interface Figure {
  figure: string;
  value: number;
  unit: 'req/s' | 'ms';
  /** The raw limit measured in this run, same unit. */
  raw: number;
  /** Requests that did not answer 2xx: a figure with errors is not a figure. */
  bad: number;
}

export interface Measurement {
  rps: number;
  p99: number;
  total: number;
  bad: number;
}

export interface MeasureOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Body; `[<id>]` in it is replaced by an id unique to each request (unique-body.cjs). */
  body?: string;
  connections?: number;
  seconds?: number;
}

/** autocannon loads a request hook by file path in its worker thread. */
const UNIQUE_BODY_HOOK = fileURLToPath(new URL('./unique-body.cjs', import.meta.url));

/** Drives one route with autocannon from a worker thread (off the server's event loop). */
export async function measure(opts: MeasureOptions): Promise<Measurement> {
  const request = {
    method: opts.method ?? 'GET',
    headers: { ...(opts.body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    ...(opts.body ? { body: opts.body, setupRequest: UNIQUE_BODY_HOOK } : {}),
  };
  const base = {
    url: opts.url,
    requests: [request] as unknown as autocannon.Request[],
    connections: opts.connections ?? CONNECTIONS,
    workers: 1,
    timeout: 10,
  };
  await autocannon({ ...base, duration: WARMUP_SECONDS });
  const r = await autocannon({ ...base, duration: opts.seconds ?? LOAD_SECONDS });
  return { rps: r.requests.average, p99: r.latency.p99, total: r.requests.total, bad: r.non2xx + r.errors + r.timeouts };
}

/** One database with the real app and the raw server on it. */
export interface Target {
  kind: 'postgres' | 'pglite';
  handle: DbHandle;
  app: FastifyInstance;
  appUrl: string;
  rawUrl: string;
  /** Raw limit by connection count, measured once per run. */
  rawLimit(connections: number): Promise<Measurement>;
  close(): Promise<void>;
}

const RAW_TABLE = `CREATE TABLE IF NOT EXISTS bench_raw (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now())`;

/** Bare Fastify, one route, one INSERT through the same driver as the app: the raw limit. */
async function rawServer(handle: DbHandle): Promise<FastifyInstance> {
  const raw = Fastify({ logger: false });
  const tenantId = crypto.randomUUID();
  const insert = 'INSERT INTO bench_raw (tenant_id, name) VALUES ($1, $2) RETURNING id';
  if (handle.pool) {
    await handle.pool.query(RAW_TABLE);
    const pool = handle.pool;
    raw.post('/raw', async (req, reply) => {
      const { rows } = await pool.query(insert, [tenantId, (req.body as { name: string }).name]);
      return reply.status(201).send({ id: rows[0].id });
    });
  } else {
    await handle.pglite!.exec(RAW_TABLE);
    const pglite = handle.pglite!;
    raw.post('/raw', async (req, reply) => {
      const { rows } = await pglite.query<{ id: number }>(insert, [tenantId, (req.body as { name: string }).name]);
      return reply.status(201).send({ id: rows[0].id });
    });
  }
  return raw;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no TCP address');
  return `http://127.0.0.1:${addr.port}`;
}

/** The app's configuration as `npm start` would have it, quiet, on the bench database. */
function benchConfig(databaseUrl: string | null) {
  return loadConfig({
    LOG_LEVEL: 'silent',
    PRIMA_SEED_DEMO: 'false',
    PRIMA_RUN_JOBS: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
    ...(process.env.PRIMA_DB_POOL ? { PRIMA_DB_POOL: process.env.PRIMA_DB_POOL } : {}),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PRIMA_DATA_DIR: 'memory://bench' }),
  });
}

async function startTarget(kind: Target['kind'], handle: DbHandle, config: Config, onClose: () => Promise<void>): Promise<Target> {
  await migrate(handle);
  const app = await buildApp(config, handle);
  const raw = await rawServer(handle);
  const [appUrl, rawUrl] = [await listen(app), await listen(raw)];
  const limits = new Map<number, Promise<Measurement>>();
  return {
    kind,
    handle,
    app,
    appUrl,
    rawUrl,
    rawLimit(connections) {
      if (!limits.has(connections)) {
        const seconds = connections === 1 ? SINGLE_USER_SECONDS : LOAD_SECONDS;
        limits.set(connections, measure({ url: `${rawUrl}/raw`, method: 'POST', body: '{"name":"raw-[<id>]"}', connections, seconds }));
      }
      return limits.get(connections)!;
    },
    async close() {
      await raw.close();
      await app.close();
      await handle.close();
      await onClose();
    },
  };
}

async function adminQuery(sql: string) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh PostgreSQL database for this run; `drop()` removes it. */
export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `prima_bench_${Date.now()}_${process.pid}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function startPostgresTarget(): Promise<Target> {
  const db = await createBenchDatabase();
  try {
    const config = benchConfig(db.url);
    const handle = await openDatabase({ databaseUrl: db.url, dataDir: '', poolSize: config.dbPoolSize });
    return await startTarget('postgres', handle, config, db.drop);
  } catch (err) {
    await db.drop();
    throw err;
  }
}

export async function startPgliteTarget(): Promise<Target> {
  const config = benchConfig(null);
  const handle = await openDatabase({ databaseUrl: null, dataDir: config.dataDir });
  return startTarget('pglite', handle, config, async () => {});
}

/** What a suite is given. Targets start on first use and are closed by the runner. */
export interface BenchContext {
  postgres(): Promise<Target>;
  pglite(): Promise<Target>;
  log(line: string): void;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

function fmt(v: number, unit: Figure['unit']): string {
  return unit === 'ms' ? `${v.toFixed(1)} ms` : `${Math.round(v)} req/s`;
}

/** The table: figure, value, raw limit, ratio (value ÷ raw limit). */
export function renderTable(figures: Figure[], cores: number): string {
  const rows = [['figure', 'value', 'raw limit', 'ratio'], ...figures.map((f) => [
    f.figure + (f.bad ? ` (${f.bad} non-2xx!)` : ''),
    fmt(f.value, f.unit),
    fmt(f.raw, f.unit),
    f.raw > 0 ? `${(f.value / f.raw).toFixed(2)}` : 'n/a',
  ])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  const sep = '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(rows[0]), sep, ...rows.slice(1).map(line), '', 'ratio = value ÷ raw limit (req/s: higher is better; ms: lower is better)', `cores: ${cores}`].join('\n');
}

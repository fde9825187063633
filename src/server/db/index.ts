/**
 * The one data-access layer: a Kysely instance over PostgreSQL (node-postgres pool) when
 * DATABASE_URL is set, or over embedded PGlite otherwise. Only repositories (`repo.ts`)
 * write SQL; services receive a `Db` (or a transaction) and pass it on.
 */
import fs from 'node:fs';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './types.js';
import { PGliteDialect } from './pglite-dialect.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A database handle or an open transaction: what repository functions accept. */
export type Executor = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The raw PGlite instance (embedded mode only): used by backup and tests. */
  pglite?: import('@electric-sql/pglite').PGlite;
  /** The raw pg pool (server mode only): used by the raw-insert benchmark and COPY. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

// node-postgres returns int8/numeric as strings by default; our bigint ids fit in a JS
// number for the life of the product, and counts come back as int8.
pg.types.setTypeParser(20, (v) => Number(v));
// `date` columns stay 'YYYY-MM-DD' strings: a date has no time zone (working-day calendar).
pg.types.setTypeParser(1082, (v) => v);

/**
 * Hot statements run as named prepared statements on PostgreSQL: the server parses and
 * plans them once per connection instead of on every call (for a multi-table CTE like the
 * complaint intake, planning cost more than executing). A repository registers the exact
 * SQL text once, at module load; every other query is sent unnamed as usual. PGlite runs
 * in-process and gains nothing from it, so there the text simply runs as it is.
 */
const preparedNames = new Map<string, string>();
export function preparedStatement(name: string, text: string): string {
  const known = [...preparedNames].find(([, n]) => n === name);
  if (known && known[0] !== text) throw new Error(`prepared statement "${name}" registered twice with different SQL`);
  preparedNames.set(text, name);
  return text;
}

type PgClient = pg.PoolClient & { primaPrepared?: true };
/** The pool as Kysely sees it: clients whose `query(text, values)` names registered statements. */
function preparingPool(pool: pg.Pool) {
  return {
    async connect() {
      const client = (await pool.connect()) as PgClient;
      if (!client.primaPrepared) {
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        // The same client also serves pool.query(text, values, callback): pass every
        // argument through untouched unless the text is a registered statement.
        (client as { query: unknown }).query = (...args: unknown[]) => {
          const [text, values, ...rest] = args;
          const name = typeof text === 'string' && Array.isArray(values) ? preparedNames.get(text) : undefined;
          return name ? query({ name, text, values }, ...rest) : query(...args);
        };
        client.primaPrepared = true;
      }
      return client;
    },
    end: () => pool.end(),
  };
}

export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string; poolSize?: number }): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // Fail fast with a clear message instead of a hanging first request.
    // An idle client dropped by the server must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    await pool.query('select 1');
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) as unknown as pg.Pool }) });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  const { PGlite, types } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  if (!opts.dataDir.startsWith('memory://')) fs.mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: opts.dataDir,
    extensions: { pg_trgm },
    // Same value shapes as the node-postgres setup above.
    parsers: { [types.INT8]: (v: string) => Number(v), [types.DATE]: (v: string) => v },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}

/**
 * Named prepared statements (db/index.ts): a registered SQL text runs as a named statement
 * on PostgreSQL (parsed and planned once per connection), unregistered queries and the raw
 * pool's own `pool.query(text, values)` keep working on the same clients, and on PGlite the
 * text simply runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { inject } from 'vitest';
import { openDatabase, preparedStatement, type DbHandle } from './index.js';
import { TEST_DB_KIND, openTestDatabase } from '../../../test/helpers/db.js';

const PLUS_ONE = preparedStatement('test_plus_one', 'SELECT $1::int + 1 AS n');

let handle: DbHandle;
beforeAll(async () => {
  // One connection, so the statement and the raw pool query share a client.
  handle = TEST_DB_KIND === 'postgres'
    ? await openDatabase({ databaseUrl: inject('postgresUrl'), dataDir: '', poolSize: 1 })
    : await openTestDatabase();
});
afterAll(async () => handle?.close());

describe('prepared statements', () => {
  it('runs a registered statement with its parameters, again and again', async () => {
    for (const v of [1, 41, -1]) {
      const { rows } = await handle.db.executeQuery<{ n: number }>(CompiledQuery.raw(PLUS_ONE, [v]));
      expect(rows[0].n).toBe(v + 1);
    }
  });

});

// Only PostgreSQL has named statements and a raw pool; on PGlite these cases do not exist.
if (TEST_DB_KIND === 'postgres') describe('prepared statements on PostgreSQL', () => {
  it('prepares it on the connection under its name', async () => {
    const names = await handle.db.transaction().execute(async (tx) => {
      await tx.executeQuery(CompiledQuery.raw(PLUS_ONE, [2]));
      const { rows } = await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(tx);
      return rows.map((r) => r.name);
    });
    expect(names).toContain('test_plus_one');
  });

  it("leaves the pool's own query(text, values, callback) working on a client Kysely used", async () => {
    await handle.db.executeQuery(CompiledQuery.raw(PLUS_ONE, [3]));
    const { rows } = await handle.pool!.query<{ n: number }>('SELECT $1::int * 2 AS n', [21]);
    expect(rows[0].n).toBe(42);
    const named = await handle.pool!.query<{ n: number }>(PLUS_ONE, [9]);
    expect(named.rows[0].n).toBe(10);
  });
});

describe('statement registry', () => {
  it('refuses a second registration of a name with different SQL', () => {
    expect(() => preparedStatement('test_plus_one', 'SELECT 2')).toThrow(/registered twice/);
  });
});

/**
 * The database for an integration test file: embedded PGlite in memory, or the run's fresh
 * PostgreSQL database (see test/global-postgres.ts), chosen by PRIMA_TEST_DB. Migrations
 * have run. Tests isolate themselves by building their own tenant (factories.ts).
 */
import { inject } from 'vitest';
import { openDatabase, type DbHandle } from '../../src/server/db/index.js';
import { migrate } from '../../src/server/db/migrate.js';

export const TEST_DB_KIND = (process.env.PRIMA_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

export async function openTestDatabase(): Promise<DbHandle> {
  if (TEST_DB_KIND === 'postgres') {
    return openDatabase({ databaseUrl: inject('postgresUrl'), dataDir: '', poolSize: 10 });
  }
  const handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  await migrate(handle);
  return handle;
}

/**
 * Applies the plain SQL files in `migrations/` in name order (names start with a
 * timestamp), each once, recorded in schema_migration with a checksum. Runs at start-up;
 * several app processes starting together serialise on an advisory lock, so each file is
 * applied exactly once.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from './index.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

interface ScriptRunner {
  /** Runs a multi-statement script. */
  exec(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

async function withScriptRunner<T>(handle: DbHandle, fn: (r: ScriptRunner) => Promise<T>): Promise<T> {
  if (handle.pglite) {
    const pgl = handle.pglite;
    return fn({
      exec: async (sql) => void (await pgl.exec(sql)),
      query: async <R>(sql: string, params?: unknown[]) => (await pgl.query<R>(sql, params)).rows,
    });
  }
  const client = await handle.pool!.connect();
  try {
    return await fn({
      exec: async (sql) => void (await client.query(sql)),
      query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params as any[])).rows as R[],
    });
  } finally {
    client.release();
  }
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(handle: DbHandle, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return withScriptRunner(handle, async (r) => {
    await r.exec('BEGIN');
    try {
      // Transaction-scoped lock: released by COMMIT/ROLLBACK even if this process dies.
      await r.query(`SELECT pg_advisory_xact_lock(hashtext('prima.migrate'))`);
      await r.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Map(
        (await r.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migration')).map((m) => [m.name, m.checksum]),
      );
      const applied: string[] = [];
      for (const file of files) {
        const sqlText = fs.readFileSync(path.join(dir, file), 'utf8');
        const checksum = crypto.createHash('sha256').update(sqlText).digest('hex');
        const prior = done.get(file);
        if (prior) {
          if (prior !== checksum) {
            throw new Error(`migration ${file} was changed after it was applied; add a new migration instead`);
          }
          continue;
        }
        await r.exec(sqlText);
        await r.query('INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)', [file, checksum]);
        applied.push(file);
      }
      await r.exec('COMMIT');
      return { applied, alreadyApplied: done.size };
    } catch (err) {
      await r.exec('ROLLBACK');
      throw err;
    }
  });
}

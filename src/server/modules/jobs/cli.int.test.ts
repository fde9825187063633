/**
 * The platform CLI commands against real databases: migrate, jobs:run, and a backup →
 * restore round trip (PGlite: data directory tarball into a new directory; PostgreSQL:
 * pg_dump → pg_restore into a second, fresh database).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import pg from 'pg';
import { Type } from '@sinclair/typebox';
import type { CliCommand, CliContext } from '../../../cli/command.js';
import type { Config } from '../../config.js';
import { openDatabase, type DbHandle } from '../../db/index.js';
import { migrate } from '../../db/migrate.js';
import { openTestDatabase, TEST_DB_KIND } from '../../../../test/helpers/db.js';
import { testConfig } from '../../../../test/helpers/app.js';
import { buildTenant } from '../../../../test/helpers/factories.js';
import { defineJob } from './define.js';
import { enqueueJob } from './service.js';
import { backupCommand, makeJobsRunCommand, migrateCommand, restoreCommand } from './cli.js';

/** PGlite start-up and migrations take seconds on a small machine. */
const SLOW = 120_000;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prima-cli-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function runCommand(cmd: CliCommand, config: Partial<Config>, args: Record<string, string | boolean> = {}, openDb?: () => Promise<DbHandle>) {
  const out: string[] = [];
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  const ctx: CliContext = {
    config: { ...testConfig(), ...config },
    args,
    positional: [],
    out: (l) => out.push(l),
    openDb: openDb ?? (() => Promise.reject(new Error('no database in this test'))),
  };
  try {
    const code = await cmd.run(ctx);
    return { code, out, err: errors.mock.calls.map((c) => String(c[0])).join('\n') };
  } finally {
    errors.mockRestore();
  }
}

const adminUrl = () => {
  const u = new URL(inject('postgresUrl'));
  u.pathname = '/postgres';
  return u.toString();
};

describe('cli: jobs:run', () => {
  it('runs the due jobs of the given definitions and reports them', async () => {
    const handle = await openTestDatabase();
    try {
      const seen: number[] = [];
      const def = defineJob({
        name: `test.cli.${crypto.randomBytes(4).toString('hex')}`,
        payload: Type.Object({ n: Type.Integer() }),
        retry: { maxAttempts: 1, backoffSeconds: 1 },
        timeoutSeconds: 60,
        run: async (_d, p) => void seen.push(p.n),
      });
      for (const n of [1, 2, 3]) await enqueueJob(handle.db, def, { n });
      const r = await runCommand(makeJobsRunCommand([def]), {}, {}, async () => handle);
      expect(r.code).toBe(0);
      expect(r.out.join('\n')).toContain('jobs: 3 done, 0 to retry, 0 failed');
      expect(seen.sort()).toEqual([1, 2, 3]);
    } finally {
      await handle.close();
    }
  }, SLOW);
});

if (TEST_DB_KIND === 'pglite') {
  describe('cli on PGlite', () => {
    it('migrate lists the migrations it applied, then reports the database up to date', async () => {
      const dataDir = path.join(tmp, 'migrate');
      const first = await runCommand(migrateCommand, { databaseUrl: null, dataDir });
      expect(first.code).toBe(0);
      expect(first.out).toContain('applied 20261122_0001_foundation.sql');
      expect(first.out).toContain('applied 20261122_0500_jobs.sql');
      const again = await runCommand(migrateCommand, { databaseUrl: null, dataDir });
      expect(again.out.join('\n')).toMatch(/is up to date \(\d+ migrations\)/);
    }, SLOW);

    it('backs up a closed data directory and restores it into a new one', async () => {
      const src = path.join(tmp, 'src');
      const file = path.join(tmp, 'prima.tar.gz');
      const handle = await openDatabase({ databaseUrl: null, dataDir: src });
      await migrate(handle);
      const tenant = await buildTenant(handle.db, { name: 'Kabupaten Cadangan' });
      // While the database is open (Prima running) the backup is refused.
      const refused = await runCommand(backupCommand, { databaseUrl: null, dataDir: src }, { out: file });
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('stop Prima first');
      expect(fs.existsSync(file)).toBe(false);
      await handle.close();

      const backup = await runCommand(backupCommand, { databaseUrl: null, dataDir: src }, { out: file });
      expect(backup.code).toBe(0);
      expect(fs.statSync(file).size).toBeGreaterThan(0);
      expect((await runCommand(backupCommand, { databaseUrl: null, dataDir: src }, { out: file })).code).toBe(1); // no silent overwrite

      const dst = path.join(tmp, 'dst');
      const restore = await runCommand(restoreCommand, { databaseUrl: null, dataDir: dst }, { in: file });
      expect(restore.code).toBe(0);
      const restored = await openDatabase({ databaseUrl: null, dataDir: dst });
      try {
        const row = await restored.db.selectFrom('tenant').select(['id', 'name']).where('id', '=', tenant.id).executeTakeFirst();
        expect(row).toEqual({ id: tenant.id, name: 'Kabupaten Cadangan' });
        // The restored database is a working one: writes succeed.
        await buildTenant(restored.db);
      } finally {
        await restored.close();
      }

      // A non-empty data directory is not overwritten without --force; with it, kept aside.
      const again = await runCommand(restoreCommand, { databaseUrl: null, dataDir: dst }, { in: file });
      expect(again.code).toBe(1);
      expect(again.err).toContain('not empty');
      const forced = await runCommand(restoreCommand, { databaseUrl: null, dataDir: dst }, { in: file, force: true });
      expect(forced.code).toBe(0);
      const aside = forced.out.find((l) => l.startsWith('previous data directory kept at '))!.slice('previous data directory kept at '.length);
      expect(fs.readdirSync(aside).length).toBeGreaterThan(0);
      const reopened = await openDatabase({ databaseUrl: null, dataDir: dst });
      try {
        expect(await reopened.db.selectFrom('tenant').select('id').execute()).toEqual([{ id: tenant.id }]);
      } finally {
        await reopened.close();
      }

      expect((await runCommand(restoreCommand, { databaseUrl: null, dataDir: dst }, { in: path.join(tmp, 'missing.tar.gz') })).code).toBe(1);
      expect((await runCommand(backupCommand, { databaseUrl: null, dataDir: src }, {})).code).toBe(2);
    }, SLOW);
  });
} else {
  describe('cli on PostgreSQL', () => {
    it('migrate reports the run database up to date', async () => {
      const r = await runCommand(migrateCommand, { databaseUrl: inject('postgresUrl') });
      expect(r.code).toBe(0);
      expect(r.out.join('\n')).toMatch(/is up to date \(\d+ migrations\)/);
    }, SLOW);

    it('dumps the database with pg_dump and restores it into a second, fresh database', async () => {
      const url = inject('postgresUrl');
      const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 });
      const tenant = await buildTenant(handle.db, { name: 'Kabupaten Cadangan' });
      await handle.close();
      const file = path.join(tmp, 'prima.dump');
      const backup = await runCommand(backupCommand, { databaseUrl: url }, { out: file });
      expect(backup.code).toBe(0);

      const name = `prima_restore_${Date.now()}_${crypto.randomBytes(3).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      try {
        const restore = await runCommand(restoreCommand, { databaseUrl: target.toString() }, { in: file });
        expect(restore.code).toBe(0);
        const restored = await openDatabase({ databaseUrl: target.toString(), dataDir: '', poolSize: 2 });
        try {
          const row = await restored.db.selectFrom('tenant').select(['id', 'name']).where('id', '=', tenant.id).executeTakeFirst();
          expect(row).toEqual({ id: tenant.id, name: 'Kabupaten Cadangan' });
          expect((await migrate(restored)).applied).toEqual([]);
        } finally {
          await restored.close();
        }
        // An existing Prima database is replaced only with --force.
        const again = await runCommand(restoreCommand, { databaseUrl: target.toString() }, { in: file });
        expect(again.code).toBe(1);
        expect(again.err).toContain('--force');
        expect((await runCommand(restoreCommand, { databaseUrl: target.toString() }, { in: file, force: true })).code).toBe(0);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }, SLOW);
  });
}

/**
 * Backup and restore of the whole database (CLI `backup` / `restore`).
 *  - PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists` (client
 *    tools of the machine, /usr/bin), on DATABASE_URL.
 *  - PGlite: the data directory as a .tar.gz (`dumpDataDir('gzip')`); a restore loads it
 *    into a fresh data directory. PGlite is one process's database: Prima must be stopped,
 *    which we recognise by the postmaster.pid PGlite keeps in an open data directory.
 * Files are written under a temporary name and renamed, so a failed backup never leaves a
 * file that looks complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { openDatabase } from '../../db/index.js';

export interface BackupTarget {
  databaseUrl: string | null;
  dataDir: string;
}

export class BackupError extends Error {}

/** The machine's PostgreSQL client tools (Debian: /usr/bin), else whatever PATH finds. */
const tool = (name: string) => (fs.existsSync(`/usr/bin/${name}`) ? `/usr/bin/${name}` : name);
const PG_DUMP = tool('pg_dump');
const PG_RESTORE = tool('pg_restore');
/** PGlite writes this file into an open data directory and removes it on close. */
const PGLITE_IN_USE_FILE = 'postmaster.pid';

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err) => reject(new BackupError(`${path.basename(cmd)} could not be started: ${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${path.basename(cmd)} exited with ${code}: ${stderr.trim()}`))));
  });
}

function isNonEmptyDir(dir: string): boolean {
  return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
}

function checkNotOpen(dir: string, force: boolean) {
  if (!force && fs.existsSync(path.join(dir, PGLITE_IN_USE_FILE))) {
    throw new BackupError(
      `the database in ${dir} is open (${PGLITE_IN_USE_FILE} present): stop Prima first. ` +
        'If Prima is not running, the file is left over from a crash; pass --force.',
    );
  }
}

function prepareOut(file: string, force: boolean): string {
  if (fs.existsSync(file) && !force) throw new BackupError(`${file} exists; pass --force to overwrite it`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return `${file}.partial`;
}

export async function backupDatabase(target: BackupTarget, outFile: string, opts: { force?: boolean } = {}): Promise<{ kind: 'postgres' | 'pglite'; bytes: number }> {
  const partial = prepareOut(outFile, !!opts.force);
  try {
    if (target.databaseUrl) {
      await run(PG_DUMP, ['--format=custom', `--file=${partial}`, `--dbname=${target.databaseUrl}`]);
    } else {
      const dir = target.dataDir;
      if (dir.startsWith('memory://')) throw new BackupError('an in-memory database cannot be backed up');
      if (!isNonEmptyDir(dir)) throw new BackupError(`no database in ${dir}`);
      checkNotOpen(dir, !!opts.force);
      const handle = await openDatabase({ databaseUrl: null, dataDir: dir });
      try {
        const tarball = await handle.pglite!.dumpDataDir('gzip');
        fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
      } finally {
        await handle.close();
      }
    }
    fs.renameSync(partial, outFile);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return { kind: target.databaseUrl ? 'postgres' : 'pglite', bytes: fs.statSync(outFile).size };
}

async function postgresHasPrima(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(`SELECT to_regclass('public.schema_migration') IS NOT NULL AS present`);
    return r.rows[0].present === true;
  } finally {
    await client.end();
  }
}

export interface RestoreResult {
  kind: 'postgres' | 'pglite';
  /** PGlite with --force: where the replaced data directory was moved. */
  movedAside: string | null;
  migrations: number;
}

/**
 * Restores a backup. Refuses to replace an existing Prima database unless `force`; with
 * PGlite the replaced data directory is kept beside the new one, not deleted.
 */
export async function restoreDatabase(target: BackupTarget, inFile: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  if (!fs.existsSync(inFile)) throw new BackupError(`${inFile} does not exist`);
  if (target.databaseUrl) {
    if (!opts.force && (await postgresHasPrima(target.databaseUrl))) {
      throw new BackupError('the database already holds Prima data; pass --force to replace it');
    }
    // One transaction: a restore that fails part-way changes nothing.
    await run(PG_RESTORE, ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${target.databaseUrl}`, inFile]);
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      const r = await client.query('SELECT count(*)::int AS n FROM schema_migration');
      return { kind: 'postgres', movedAside: null, migrations: r.rows[0].n };
    } finally {
      await client.end();
    }
  }

  const dir = target.dataDir;
  if (dir.startsWith('memory://')) throw new BackupError('cannot restore into an in-memory database');
  let movedAside: string | null = null;
  if (isNonEmptyDir(dir)) {
    if (!opts.force) throw new BackupError(`${dir} is not empty; pass --force to replace it (the old directory is kept beside it)`);
    checkNotOpen(dir, false);
    movedAside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dir, movedAside);
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const blob = new Blob([fs.readFileSync(inFile)], { type: 'application/x-gzip' });
    const pglite = await PGlite.create({ dataDir: dir, loadDataDir: blob, extensions: { pg_trgm } });
    try {
      const r = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migration');
      return { kind: 'pglite', movedAside, migrations: r.rows[0].n };
    } finally {
      await pglite.close();
    }
  } catch (err) {
    // Leave things as they were: drop the half-restored directory, put the old one back.
    fs.rmSync(dir, { recursive: true, force: true });
    if (movedAside) fs.renameSync(movedAside, dir);
    throw err instanceof BackupError ? err : new BackupError(`restore failed: ${(err as Error).message}`);
  }
}

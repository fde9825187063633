/**
 * CLI commands of the platform (listed by src/cli/index.ts): migrate, backup, restore and
 * jobs:run. `npm run cli -- <name> --flag value`.
 */
import type { CliCommand, CliContext } from '../../../cli/command.js';
import { openDatabase } from '../../db/index.js';
import { migrate } from '../../db/migrate.js';
import type { JobDefinition } from './define.js';
import { allJobs } from './registry.js';
import { BackupError, backupDatabase, restoreDatabase } from './backup.js';
import { newWorkerId, runDueJobsOnce, type TickResult } from './runner.js';

/** jobs:run stops after this many rounds even if jobs keep arriving. */
const MAX_ROUNDS = 1000;

function fileArg(ctx: CliContext, name: string): string | null {
  const v = ctx.args[name];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

function where(ctx: CliContext): string {
  return ctx.config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${ctx.config.dataDir}`;
}

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations and list them',
  usage: 'migrate',
  async run(ctx) {
    const handle = await openDatabase({ databaseUrl: ctx.config.databaseUrl, dataDir: ctx.config.dataDir, poolSize: 2 });
    try {
      const result = await migrate(handle);
      for (const name of result.applied) ctx.out(`applied ${name}`);
      ctx.out(result.applied.length ? `${result.applied.length} migration(s) applied to ${where(ctx)}` : `${where(ctx)} is up to date (${result.alreadyApplied} migrations)`);
      return 0;
    } finally {
      await handle.close();
    }
  },
};

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Write a backup of the database to a file (PGlite: stop Prima first)',
  usage: 'backup --out FILE [--force]   (PostgreSQL: pg_dump custom format; PGlite: .tar.gz of the data directory)',
  async run(ctx) {
    const out = fileArg(ctx, 'out');
    if (!out) {
      console.error(`Usage: npm run cli -- ${this.usage}`);
      return 2;
    }
    try {
      const r = await backupDatabase({ databaseUrl: ctx.config.databaseUrl, dataDir: ctx.config.dataDir }, out, { force: ctx.args.force === true });
      ctx.out(`backup of ${where(ctx)} written to ${out} (${r.bytes} bytes)`);
      return 0;
    } catch (err) {
      if (!(err instanceof BackupError)) throw err;
      console.error(`backup failed: ${err.message}`);
      return 1;
    }
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Restore the database from a backup file (stop Prima first)',
  usage: 'restore --in FILE [--force]   (--force replaces an existing database; PGlite keeps the old directory beside it)',
  async run(ctx) {
    const file = fileArg(ctx, 'in');
    if (!file) {
      console.error(`Usage: npm run cli -- ${this.usage}`);
      return 2;
    }
    try {
      const r = await restoreDatabase({ databaseUrl: ctx.config.databaseUrl, dataDir: ctx.config.dataDir }, file, { force: ctx.args.force === true });
      if (r.movedAside) ctx.out(`previous data directory kept at ${r.movedAside}`);
      ctx.out(`restored ${file} into ${where(ctx)} (${r.migrations} migrations recorded); start Prima to apply newer ones`);
      return 0;
    } catch (err) {
      if (!(err instanceof BackupError)) throw err;
      console.error(`restore failed: ${err.message}`);
      return 1;
    }
  },
};

/** `jobs:run` for the given definitions: runs due jobs until none is due. */
export function makeJobsRunCommand(defs: JobDefinition<any>[]): CliCommand {
  return {
    name: 'jobs:run',
    summary: 'Run the due background jobs once, then exit',
    usage: 'jobs:run',
    async run(ctx) {
      const handle = await ctx.openDb();
      const deps = { config: ctx.config, db: handle.db, handle };
      const workerId = `cli:${newWorkerId()}`;
      const total: TickResult = { recovered: 0, scheduled: 0, claimed: 0, done: 0, retried: 0, failed: 0 };
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const r = await runDueJobsOnce(deps, defs, workerId);
        for (const k of Object.keys(total) as Array<keyof TickResult>) total[k] += r[k];
        if (r.claimed === 0) break;
      }
      ctx.out(`jobs: ${total.done} done, ${total.retried} to retry, ${total.failed} failed (${total.scheduled} scheduled, ${total.recovered} recovered)`);
      return total.failed ? 1 : 0;
    },
  };
}

export const jobsCommands: CliCommand[] = [migrateCommand, backupCommand, restoreCommand, makeJobsRunCommand(allJobs)];

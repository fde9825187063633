/**
 * `npm run cli -- <command> [options]`. Commands live in their modules (`cli.ts`);
 * this file parses arguments and dispatches.
 */
import { loadConfig, ConfigError } from '../server/config.js';
import { openDatabase, type DbHandle } from '../server/db/index.js';
import { migrate } from '../server/db/migrate.js';
import type { CliCommand } from './command.js';
import { organisationCommands } from '../server/modules/organisation/cli.js';
import { authCommands } from '../server/modules/auth/cli.js';
import { auditCommands } from '../server/modules/audit/cli.js';
import { calendarCommands } from '../server/modules/calendar/cli.js';
import { jobsCommands } from '../server/modules/jobs/cli.js';
import { complaintsCommands } from '../server/modules/complaints/cli.js';
import { notificationsCommands } from '../server/modules/notifications/cli.js';
import { attachmentsCommands } from '../server/modules/attachments/cli.js';
import { skmCommands } from '../server/modules/skm/cli.js';
import { routingCommands } from '../server/modules/routing/cli.js';
import { standardsCommands } from '../server/modules/standards/cli.js';

export const commands: CliCommand[] = [...jobsCommands, ...organisationCommands, ...authCommands, ...auditCommands, ...calendarCommands,
  ...complaintsCommands, ...notificationsCommands, ...attachmentsCommands, ...skmCommands, ...routingCommands, ...standardsCommands];

export function parseArgs(argv: string[]): { args: Record<string, string | boolean>; positional: string[] } {
  const args: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2);
      if (inline !== undefined) args[k] = inline;
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[k] = argv[++i];
      else args[k] = true;
    } else positional.push(a);
  }
  return { args, positional };
}

function help(): string {
  const lines = ['Usage: npm run cli -- <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(16)} ${c.summary}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const { args, positional } = parseArgs(rest);
  let handle: DbHandle | null = null;
  try {
    return await command.run({
      config,
      args,
      positional,
      out: (line) => console.log(line),
      openDb: async () => {
        handle ??= await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
        await migrate(handle);
        return handle;
      },
    });
  } finally {
    await (handle as DbHandle | null)?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : err);
    process.exit(1);
  },
);

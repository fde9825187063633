/** CLI commands of the attachments module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';
import { cleanupUnlinkedUploads } from './service.js';

export const attachmentsCommands: CliCommand[] = [
  {
    name: 'attachments:cleanup',
    summary: 'Delete uploads never linked to a report that are older than a day',
    usage: 'attachments:cleanup',
    async run(ctx) {
      const { db } = await ctx.openDb(); // closed by the CLI runner
      const deleted = await cleanupUnlinkedUploads(db);
      ctx.out(`Deleted ${deleted} unlinked upload(s).`);
      return 0;
    },
  },
];

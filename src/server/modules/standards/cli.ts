/**
 * CLI commands of the standards module (listed by src/cli/index.ts):
 *  standards:review  move published standards whose review date has passed to under_review now
 *                    (otherwise the hourly standards.review job does it)
 */
import type { CliCommand } from '../../../cli/command.js';
import { runReviewSweep } from './service.js';

export const reviewCommand: CliCommand = {
  name: 'standards:review',
  summary: 'Move published service standards due for review to under_review (otherwise the hourly standards.review job does it)',
  usage: 'standards:review',
  async run(ctx) {
    const handle = await ctx.openDb();
    try {
      const moved = await runReviewSweep(handle.db);
      ctx.out(`${moved} standard(s) moved to under_review`);
      return 0;
    } finally {
      await handle.close();
    }
  },
};

export const standardsCommands: CliCommand[] = [reviewCommand];

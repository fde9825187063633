/** CLI commands of the jobs module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';

export const jobsCommands: CliCommand[] = [];

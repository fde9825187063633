/** CLI commands of the auth module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';

export const authCommands: CliCommand[] = [];

/** CLI commands of the complaints module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';

export const complaintsCommands: CliCommand[] = [];

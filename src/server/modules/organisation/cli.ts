/** CLI commands of the organisation module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';

export const organisationCommands: CliCommand[] = [];

/** CLI commands of the calendar module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';

export const calendarCommands: CliCommand[] = [];

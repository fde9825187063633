/** CLI commands of the notifications module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';

export const notificationsCommands: CliCommand[] = [];

/** CLI commands of the attachments module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';

export const attachmentsCommands: CliCommand[] = [];

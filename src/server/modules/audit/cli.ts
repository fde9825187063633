/** CLI commands of the audit module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';

export const auditCommands: CliCommand[] = [];

/** A CLI command: `npm run cli -- <name> [--flag value ...]`. */
import type { DbHandle } from '../server/db/index.js';
import type { Config } from '../server/config.js';

export interface CliContext {
  config: Config;
  /** Opens (and migrates) the configured database; commands that need none do not call it. */
  openDb(): Promise<DbHandle>;
  args: Record<string, string | boolean>;
  /** Positional arguments after the command name. */
  positional: string[];
  out(line: string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(ctx: CliContext): Promise<number>;
}

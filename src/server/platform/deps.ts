/** What the app's modules are given at start: configuration and the database. */
import type { Config } from '../config.js';
import type { Db, DbHandle } from '../db/index.js';

export interface Deps {
  config: Config;
  db: Db;
  handle: DbHandle;
}

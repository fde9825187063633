/**
 * `npm start`: configuration → database (PostgreSQL or embedded PGlite) → migrations →
 * demo region on an empty database → HTTP server → job runner. Stops cleanly on SIGINT/SIGTERM.
 */
import { loadConfig, ConfigError } from './config.js';
import { openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './app.js';
import { startJobRunner } from './modules/jobs/runner.js';
import { allJobs } from './modules/jobs/registry.js';
import { seedDemoIfEmpty } from './modules/demo/seed.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
  const migrated = await migrate(handle);
  const app = await buildApp(config, handle);
  if (migrated.applied.length) app.log.info({ applied: migrated.applied }, 'migrations applied');

  if (config.seedDemo) {
    const demo = await seedDemoIfEmpty(app.deps);
    if (demo) {
      // Printed on purpose: the demo accounts are how a newcomer gets in (README lists them too).
      console.log('\nPrima demo region seeded (DATA DEMO): ' + demo.tenantName);
      console.log('Demo accounts (password for all: ' + demo.password + '):');
      for (const a of demo.accounts) console.log(`  ${a.role.padEnd(14)} ${a.email}`);
      console.log('');
    }
  }

  const runner = config.runJobs ? startJobRunner(app.deps, allJobs, app.log) : null;
  await app.listen({ host: config.host, port: config.port });
  console.log(`Prima is running at http://localhost:${config.port} (database: ${handle.kind === 'pglite' ? 'embedded PGlite in ' + config.dataDir : 'PostgreSQL'})`);

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await runner?.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

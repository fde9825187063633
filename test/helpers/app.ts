/** Builds the real app on a test database, for `app.inject` calls. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { DbHandle } from '../../src/server/db/index.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', PRIMA_SEED_DEMO: 'false', PRIMA_RUN_JOBS: 'false' }), ...overrides };
}

export async function buildTestApp(handle: DbHandle, overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(overrides), handle);
  await app.ready();
  return app;
}

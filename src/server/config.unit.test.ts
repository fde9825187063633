import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to embedded PGlite in ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeNull();
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.port).toBe(3000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.seedDemo).toBe(true);
  });

  it('reads PORT, HOST, DATABASE_URL and PRIMA_DATA_DIR', () => {
    const c = loadConfig({ PORT: '8080', HOST: '127.0.0.1', DATABASE_URL: 'postgres://u@h/db', PRIMA_DATA_DIR: 'memory://' });
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: 'postgres://u@h/db', dataDir: 'memory://' });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number between 0 and 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ PRIMA_SEED_DEMO: 'maybe' }, /PRIMA_SEED_DEMO must be true or false/],
    [{ PRIMA_DEFAULT_TENANT: 'tanah bumbu' }, /PRIMA_DEFAULT_TENANT must be a Kemendagri code/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});

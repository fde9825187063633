/**
 * One typed configuration, read from the environment once at start-up and validated.
 * A bad value stops the process with a message naming the variable (docs: README
 * "Configuration").
 */
import path from 'node:path';

export interface Config {
  /** Listener address. */
  host: string;
  port: number;
  /** PostgreSQL connection string; when absent Prima runs on embedded PGlite. */
  databaseUrl: string | null;
  /** Directory of the embedded PGlite database (ignored with DATABASE_URL). `memory://` keeps it in RAM. */
  dataDir: string;
  /** Maximum connections per app process to PostgreSQL. */
  dbPoolSize: number;
  /** Seed the Tanah Bumbu demo region into an empty database at start. */
  seedDemo: boolean;
  /** Run the job runner in this process. */
  runJobs: boolean;
  /** Tenant served when a request names none (single-tenant installs); Kemendagri code. */
  defaultTenantCode: string | null;
  /** Cookies marked Secure (behind HTTPS). */
  secureCookies: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  /** Idle session lifetime. */
  sessionTtlHours: number;
  /** Directory of the built web client. */
  webDir: string;
  /** SMTP server for e-mail, smtp://user:pass@host:587 or smtps://user:pass@host:465; null → e-mail is only logged. */
  smtpUrl: string | null;
  /** Sender of Prima's e-mail: an address or "Name <address>". */
  mailFrom: string;
  /** Public address of the app (no trailing slash), used in links in messages. */
  publicUrl: string;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`);
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const tenantCode = env.PRIMA_DEFAULT_TENANT?.trim() || null;
  if (tenantCode && !/^[0-9]{2}(\.[0-9]{2})?$/.test(tenantCode)) {
    throw new ConfigError(`PRIMA_DEFAULT_TENANT must be a Kemendagri code like 63.10, got "${tenantCode}"`);
  }
  const dataDir = env.PRIMA_DATA_DIR?.trim() || './data';
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^\s/]+/.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL must look like smtp://user:pass@host:587 (or smtps://…)');
  }
  const mailFrom = env.MAIL_FROM?.trim() || null;
  if (smtpUrl && !mailFrom) throw new ConfigError('MAIL_FROM is required when SMTP_URL is set, e.g. "Prima <no-reply@example.go.id>"');
  if (mailFrom && !/^(?:[^<>\r\n]{0,100}<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(mailFrom)) {
    throw new ConfigError(`MAIL_FROM must be an address or "Name <address>", got "${mailFrom}"`);
  }
  const publicUrl = (env.PRIMA_PUBLIC_URL?.trim() || `http://localhost:${env.PORT?.trim() || '3000'}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicUrl)) throw new ConfigError(`PRIMA_PUBLIC_URL must start with http:// or https://, got "${publicUrl}"`);
  return {
    host: env.HOST?.trim() || '0.0.0.0',
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir: dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir),
    dbPoolSize: int(env, 'PRIMA_DB_POOL', 10, 1, 200),
    seedDemo: bool(env, 'PRIMA_SEED_DEMO', true),
    runJobs: bool(env, 'PRIMA_RUN_JOBS', true),
    defaultTenantCode: tenantCode,
    secureCookies: bool(env, 'PRIMA_SECURE_COOKIES', false),
    logLevel,
    trustProxy: bool(env, 'PRIMA_TRUST_PROXY', false),
    sessionTtlHours: int(env, 'PRIMA_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    webDir: path.resolve(env.PRIMA_WEB_DIR?.trim() || './dist/web'),
    smtpUrl,
    mailFrom: mailFrom ?? 'Prima <no-reply@localhost>',
    publicUrl,
  };
}

/** The auth module's cleanup jobs (sessions; login counters and devices) and create-user CLI command. */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import type { CliContext } from '../../../cli/command.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp, testConfig } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, type TestTenant } from '../../../../test/helpers/factories.js';
import { authJobs, cleanupExpiredSessions, cleanupLoginThrottle, sessionCleanupJob, throttleCleanupJob } from './jobs.js';
import { createUserCommand } from './cli.js';


let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  tenant = await buildTenant(handle.db);
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('auth.session-cleanup job', () => {
  async function addSessions(userId: string, count: number, expiresAt: Date) {
    const hashes = Array.from({ length: count }, () => crypto.randomBytes(16).toString('hex'));
    await handle.db.insertInto('session').values(hashes.map((h) => ({ id_hash: h, tenant_id: tenant.id, user_id: userId, csrf_token: 'x', expires_at: expiresAt, ip: null, user_agent: null }))).execute();
    return hashes;
  }
  const remaining = async (hashes: string[]) => (await handle.db.selectFrom('session').select('id_hash').where('id_hash', 'in', hashes).execute()).length;

  it('is defined hourly with an empty payload', () => {
    expect(authJobs).toContain(sessionCleanupJob);
    expect(sessionCleanupJob.name).toBe('auth.session-cleanup');
    expect(sessionCleanupJob.schedule).toEqual({ everySeconds: 3600 });
  });

  it('deletes expired sessions in bounded batches and keeps live ones', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    // Long expired, and swept "as of" a date long past: other test files sharing the
    // PostgreSQL database cannot have sessions that old, so the counts are exact.
    const asOf = new Date('2001-01-01T00:00:00Z');
    const expired = await addSessions(user.id, 7, new Date('2000-06-01T00:00:00Z'));
    const live = await addSessions(user.id, 2, new Date('2001-06-01T00:00:00Z'));
    // One batch of 3 leaves the rest for the next run.
    expect(await cleanupExpiredSessions(handle.db, { now: asOf, batchSize: 3, maxBatches: 1 })).toBe(3);
    expect(await remaining(expired)).toBe(4);
    expect(await cleanupExpiredSessions(handle.db, { now: asOf, batchSize: 3 })).toBe(4);
    expect(await remaining(expired)).toBe(0);
    expect(await remaining(live)).toBe(2);
  });

  it('runs as a job', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const expired = await addSessions(user.id, 2, new Date(Date.now() - 1000));
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    await sessionCleanupJob.run({ config: testConfig(), db: handle.db, handle }, {}, { jobId: 1, attempt: 1, tenantId: null, log });
    expect(await remaining(expired)).toBe(0);
    expect(log.info).toHaveBeenCalledWith(expect.objectContaining({ deleted: expect.any(Number) }), expect.any(String));
  });
});

describe('auth.throttle-cleanup job', () => {
  // Rows dated long ago and swept "as of" a date long past, as above: exact counts even
  // with other test files' rows in a shared PostgreSQL database.
  const asOf = new Date('2001-01-01T00:00:00Z');
  const old = new Date('2000-06-01T00:00:00Z');
  const live = new Date('2001-06-01T00:00:00Z');

  async function addCounters(prefix: string, count: number, expiresAt: Date) {
    const keys = Array.from({ length: count }, (_, i) => `${prefix}-${crypto.randomBytes(4).toString('hex')}-${i}`);
    await handle.db
      .insertInto('login_throttle')
      .values(keys.map((key) => ({ tenant_id: tenant.id, scope: 'address' as const, key, user_id: null, failures: 3, last_failed_at: old, blocked_until: null, expires_at: expiresAt })))
      .execute();
    return keys;
  }
  const countersLeft = async (keys: string[]) =>
    (await handle.db.selectFrom('login_throttle').select('key').where('tenant_id', '=', tenant.id).where('key', 'in', keys).execute()).length;

  it('is defined hourly next to the session cleanup', () => {
    expect(authJobs).toContain(throttleCleanupJob);
    expect(throttleCleanupJob.name).toBe('auth.throttle-cleanup');
    expect(throttleCleanupJob.schedule).toEqual({ everySeconds: 3600 });
  });

  it('deletes forgotten counters and expired devices in bounded batches, and keeps live ones', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const expired = await addCounters('lama', 5, old);
    const kept = await addCounters('baru', 2, live);
    const hashes = Array.from({ length: 3 }, () => crypto.randomBytes(32).toString('hex'));
    await handle.db
      .insertInto('login_device')
      .values(hashes.map((h, i) => ({ tenant_id: tenant.id, user_id: user.id, token_hash: h, expires_at: i < 2 ? old : live })))
      .execute();

    expect(await cleanupLoginThrottle(handle.db, { now: asOf, batchSize: 2, maxBatches: 1 })).toEqual({ counters: 2, devices: 2 });
    expect(await countersLeft(expired)).toBe(3);
    expect(await cleanupLoginThrottle(handle.db, { now: asOf, batchSize: 2 })).toEqual({ counters: 3, devices: 0 });
    expect(await countersLeft(expired)).toBe(0);
    expect(await countersLeft(kept)).toBe(2);
    const devices = await handle.db.selectFrom('login_device').select('token_hash').where('tenant_id', '=', tenant.id).where('user_id', '=', user.id).execute();
    expect(devices.map((d) => d.token_hash)).toEqual([hashes[2]]);
  });

  it('runs as a job', async () => {
    const expired = await addCounters('job', 2, new Date(Date.now() - 1000));
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    await throttleCleanupJob.run({ config: testConfig(), db: handle.db, handle }, {}, { jobId: 1, attempt: 1, tenantId: null, log });
    expect(await countersLeft(expired)).toBe(0);
    expect(log.info).toHaveBeenCalledWith(expect.objectContaining({ counters: expect.any(Number), devices: expect.any(Number) }), expect.any(String));
  });
});

describe('cli create-user', () => {
  const errors: string[] = [];
  async function run(args: Record<string, string | boolean>) {
    const out: string[] = [];
    errors.length = 0;
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(String(line)));
    const ctx: CliContext = { config: testConfig(), openDb: async () => handle, args, positional: [], out: (l) => out.push(l) };
    try {
      return { code: await createUserCommand.run(ctx), out: out.join('\n'), err: errors.join('\n') };
    } finally {
      spy.mockRestore();
    }
  }
  const email = () => `cli-${crypto.randomBytes(4).toString('hex')}@uji.go.id`;

  it('creates a user with an OPD role who can sign in; audited as the CLI', async () => {
    const opd = await buildOpd(handle.db, tenant, { short_name: `DINKES${crypto.randomBytes(2).toString('hex')}` });
    const e = email();
    const res = await run({ email: e, name: 'Operator Dinkes', password: 'sandi-cli-12345', role: 'operator_opd', opd: opd.short_name.toLowerCase(), tenant: tenant.code });
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toContain(e);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: e, password: 'sandi-cli-12345', tenant: tenant.slug } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.roles).toEqual([{ role: 'operator_opd', opdId: opd.id, opdName: opd.name }]);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'actor_id', 'actor_label']).where('tenant_id', '=', tenant.id).where('entity_id', '=', login.json().user.id).orderBy('id').execute();
    expect(audit.slice(0, 2)).toEqual([
      { action: 'user.create', actor_id: null, actor_label: 'cli create-user' },
      { action: 'user.role.grant', actor_id: null, actor_label: 'cli create-user' },
    ]);
  });

  it('takes the tenant by slug too', async () => {
    expect((await run({ email: email(), name: 'Admin', password: 'sandi-cli-12345', role: 'admin', tenant: tenant.slug })).code).toBe(0);
  });

  it('refuses wrong usage with exit code 2 and a clear message', async () => {
    const base = { email: email(), name: 'X', password: 'sandi-cli-12345', role: 'admin', tenant: tenant.code };
    const missing = await run({ name: 'X', password: 'sandi-cli-12345', role: 'admin' });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Missing --email');
    expect(missing.err).toContain('Usage:');
    const role = await run({ ...base, role: 'raja' });
    expect(role.code).toBe(2);
    expect(role.err).toContain('Unknown role "raja"');
    expect((await run({ ...base, role: 'kepala_opd' })).err).toContain('needs --opd');
    expect((await run({ ...base, opd: 'DINKES' })).code).toBe(2);
    expect((await run({ ...base, email: 'bukan-email' })).code).toBe(2);
    expect((await run({ ...base, password: true })).code).toBe(2);
    const short = await run({ ...base, password: 'pendek' });
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/10/);
  });

  it('refuses what cannot be done with exit code 1: unknown tenant or OPD, e-mail taken', async () => {
    const base = { email: email(), name: 'X', password: 'sandi-cli-12345', role: 'admin', tenant: tenant.code };
    const noTenant = await run({ ...base, tenant: '99.99' });
    expect(noTenant).toMatchObject({ code: 1, err: expect.stringContaining('99.99') });
    const noOpd = await run({ ...base, role: 'operator_opd', opd: 'TIDAKADA' });
    expect(noOpd).toMatchObject({ code: 1, err: expect.stringContaining('TIDAKADA') });
    expect((await run(base)).code).toBe(0);
    const dup = await run({ ...base, email: base.email.toUpperCase() });
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/email|e-mail/);
  });

  it('asks for --tenant when there are several tenants', async () => {
    await buildTenant(handle.db);
    const res = await run({ email: email(), name: 'X', password: 'sandi-cli-12345', role: 'admin' });
    expect(res.code).toBe(2);
    expect(res.err).toContain('--tenant');
  });
});

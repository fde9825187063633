import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CliCommand, CliContext } from '../../../cli/command.js';
import type { Config } from '../../config.js';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { testConfig } from '../../../../test/helpers/app.js';
import { buildTenant, type TestTenant } from '../../../../test/helpers/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../../../../test/helpers/notifications.js';
import { deliverCommand, testEmailCommand } from './cli.js';
import { enqueueNotification } from './service.js';

let handle: DbHandle;
let smtp: TestSmtpServer;
let tenant: TestTenant;

beforeAll(async () => {
  handle = await openTestDatabase();
  smtp = await startSmtpServer();
  tenant = await buildTenant(handle.db);
});
afterAll(async () => {
  await smtp.close();
  await handle.close();
});

async function run(cmd: CliCommand, extra: Record<string, unknown>, args: Record<string, string | boolean>) {
  const out: string[] = [];
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  const ctx: CliContext = {
    config: { ...testConfig(), ...extra } as Config,
    args,
    positional: [],
    out: (l) => out.push(l),
    // The command closes its handle; the test keeps using this one.
    openDb: async () => ({ ...handle, close: async () => {} }),
  };
  try {
    const code = await cmd.run(ctx);
    return { code, out: out.join('\n'), err: errors.mock.calls.map((c) => String(c[0])).join('\n') };
  } finally {
    errors.mockRestore();
  }
}

describe('notifications CLI', () => {
  const smtpConfig = () => ({ smtpUrl: smtp.url, mailFrom: 'Prima <no-reply@example.go.id>', publicUrl: 'https://prima.example.go.id' });

  it('notifications:deliver sends what is due for the tenant', async () => {
    const to = `cli-${crypto.randomBytes(3).toString('hex')}@warga.example.id`;
    await enqueueNotification(handle.db, { tenantId: tenant.id, channel: 'email', recipient: to, template: 'complaint.received', locale: 'id', params: { trackingCode: 'PRMCL111' } });
    const r = await run(deliverCommand, smtpConfig(), { tenant: tenant.slug });
    expect(r.code).toBe(0);
    expect(r.out).toContain('sent 1, to retry 0, failed 0');
    expect(smtp.messages.filter((m) => m.to.includes(to))).toHaveLength(1);
    expect((await run(deliverCommand, smtpConfig(), { tenant: 'no-such-tenant' })).code).toBe(1);
  });

  it('notifications:test-email sends a test message, and explains a missing SMTP_URL', async () => {
    const r = await run(testEmailCommand, smtpConfig(), { to: 'admin@pemda.example.go.id', locale: 'en' });
    expect(r.code).toBe(0);
    const [mail] = smtp.messages.filter((m) => m.to.includes('admin@pemda.example.go.id'));
    expect(mail.subject).toBe('Prima e-mail delivery test');
    const none = await run(testEmailCommand, { ...smtpConfig(), smtpUrl: null }, { to: 'admin@pemda.example.go.id' });
    expect(none.code).toBe(2);
    expect(none.err).toContain('SMTP_URL is not set');
    expect((await run(testEmailCommand, smtpConfig(), {})).code).toBe(2);
  });
});

/**
 * CLI commands of the notifications module (listed by src/cli/index.ts):
 *  notifications:deliver     send what is due now (all tenants, or --tenant SLUG)
 *  notifications:test-email  send one test e-mail through the configured SMTP server
 */
import type { CliCommand, CliContext } from '../../../cli/command.js';
import { t } from '../../../shared/i18n/index.js';
import { createChannels, type ChannelLog } from './channels.js';
import { NotificationConfigError, notificationSettings } from './config-notifications.js';
import { deliverPending } from './deliver.js';

function stringArg(ctx: CliContext, name: string): string | null {
  const v = ctx.args[name];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

function cliLog(ctx: CliContext): ChannelLog & { warn(o: object, m?: string): void; error(o: object, m?: string): void } {
  const line = (o: object, m?: string) => ctx.out(`${m ?? ''} ${JSON.stringify(o)}`.trim());
  return { info: line, warn: line, error: line };
}

export const deliverCommand: CliCommand = {
  name: 'notifications:deliver',
  summary: 'Send the notifications that are due now (otherwise the notifications.deliver job does it every 10 s)',
  usage: 'notifications:deliver [--tenant SLUG]',
  async run(ctx) {
    let settings;
    try {
      settings = notificationSettings(ctx);
    } catch (err) {
      if (!(err instanceof NotificationConfigError)) throw err;
      console.error(err.message);
      return 2;
    }
    const handle = await ctx.openDb();
    try {
      let tenantId: string | null = null;
      const slug = stringArg(ctx, 'tenant');
      if (slug) {
        const row = await handle.db.selectFrom('tenant').select('id').where('slug', '=', slug).executeTakeFirst();
        if (!row) {
          console.error(`no tenant with slug "${slug}"`);
          return 1;
        }
        tenantId = row.id;
      }
      const log = cliLog(ctx);
      const channels = createChannels(settings, log);
      let total = { claimed: 0, sent: 0, retried: 0, failed: 0, lost: 0 };
      // Rounds of batches until nothing is claimed (bounded: at most 100 rounds).
      for (let round = 0; round < 100; round++) {
        const r = await deliverPending(handle.db, { channels, publicUrl: settings.publicUrl, tenantId, log });
        total = { claimed: total.claimed + r.claimed, sent: total.sent + r.sent, retried: total.retried + r.retried, failed: total.failed + r.failed, lost: total.lost + r.lost };
        if (!r.claimed) break;
      }
      (channels.email as { close?: () => void }).close?.();
      ctx.out(`sent ${total.sent}, to retry ${total.retried}, failed ${total.failed}${settings.smtpUrl ? '' : ' (no SMTP_URL: e-mail was only logged)'}`);
      return total.failed || total.retried ? 1 : 0;
    } finally {
      await handle.close();
    }
  },
};

export const testEmailCommand: CliCommand = {
  name: 'notifications:test-email',
  summary: 'Send one test e-mail through SMTP_URL / MAIL_FROM, to check the mail settings',
  usage: 'notifications:test-email --to ADDRESS [--locale id|en]',
  async run(ctx) {
    const to = stringArg(ctx, 'to');
    const locale = stringArg(ctx, 'locale') === 'en' ? 'en' : 'id';
    if (!to || !/^[^\s@]+@[^\s@]+$/.test(to)) {
      console.error(`Usage: npm run cli -- ${this.usage}`);
      return 2;
    }
    let settings;
    try {
      settings = notificationSettings(ctx);
    } catch (err) {
      if (!(err instanceof NotificationConfigError)) throw err;
      console.error(err.message);
      return 2;
    }
    if (!settings.smtpUrl) {
      console.error('SMTP_URL is not set: e-mail is only logged. Set SMTP_URL (smtp://user:pass@host:587) and MAIL_FROM.');
      return 2;
    }
    const channels = createChannels(settings, cliLog(ctx));
    try {
      const subject = t(locale, 'notifications.test.subject');
      await channels.email.send({ to, subject, text: `${t(locale, 'notifications.test.body')}\n`, short: subject });
      ctx.out(`test e-mail sent to ${to}`);
      return 0;
    } catch (err) {
      console.error(`sending failed: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    } finally {
      (channels.email as { close?: () => void }).close?.();
    }
  },
};

export const notificationsCommands: CliCommand[] = [deliverCommand, testEmailCommand];

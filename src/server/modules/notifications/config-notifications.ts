/**
 * Settings of the notifications module, read from the environment and validated with
 * messages naming the variable. Temporary home: the lead moves these into config.ts
 * (`smtpUrl`, `mailFrom`, `publicUrl` on Config); `notificationSettings(deps)` already
 * prefers those fields when Config has them.
 *
 *  SMTP_URL          smtp://user:pass@host:587 or smtps://user:pass@host:465; unset → e-mail
 *                    is logged, not sent (development)
 *  MAIL_FROM         sender, e.g. "Prima Tanah Bumbu <no-reply@tanahbumbukab.go.id>";
 *                    required with SMTP_URL
 *  PRIMA_PUBLIC_URL  public address used in links, e.g. https://prima.tanahbumbukab.go.id
 *                    (default http://localhost:$PORT)
 */
import { ConfigError } from '../../config.js';
import type { Deps } from '../../platform/deps.js';

export interface NotificationSettings {
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
}

/** A ConfigError: start-up reports it like any other bad setting. */
export class NotificationConfigError extends ConfigError {}

const DEFAULT_FROM = 'Prima <no-reply@localhost>';
/** `addr@host` or `Name <addr@host>`. */
const FROM_RE = /^(?:[^<>\r\n]{0,100}<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

export function loadNotificationSettings(env: NodeJS.ProcessEnv = process.env): NotificationSettings {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl) {
    let u: URL;
    try {
      u = new URL(smtpUrl);
    } catch {
      throw new NotificationConfigError('SMTP_URL must be a URL like smtp://user:pass@host:587, got something that is not a URL');
    }
    if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
      throw new NotificationConfigError(`SMTP_URL must start with smtp:// or smtps://, got "${u.protocol}//"`);
    }
    if (!u.hostname) throw new NotificationConfigError('SMTP_URL must name a host, e.g. smtp://user:pass@mail.example.go.id:587');
  }
  const mailFrom = env.MAIL_FROM?.trim() || null;
  if (smtpUrl && !mailFrom) throw new NotificationConfigError('MAIL_FROM is required when SMTP_URL is set, e.g. "Prima <no-reply@example.go.id>"');
  if (mailFrom && !FROM_RE.test(mailFrom)) {
    throw new NotificationConfigError(`MAIL_FROM must be an address or "Name <address>", got "${mailFrom}"`);
  }
  const publicUrl = (env.PRIMA_PUBLIC_URL?.trim() || `http://localhost:${env.PORT?.trim() || '3000'}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicUrl)) {
    throw new NotificationConfigError(`PRIMA_PUBLIC_URL must start with http:// or https://, got "${publicUrl}"`);
  }
  return { smtpUrl, mailFrom: mailFrom ?? DEFAULT_FROM, publicUrl };
}

/** The settings of a running app: Config's fields once the lead has added them, else the environment. */
export function notificationSettings(deps: Pick<Deps, 'config'>): NotificationSettings {
  const c = deps.config as Partial<NotificationSettings>;
  if (c.mailFrom !== undefined && c.publicUrl !== undefined) {
    return { smtpUrl: c.smtpUrl ?? null, mailFrom: c.mailFrom, publicUrl: c.publicUrl };
  }
  return loadNotificationSettings();
}

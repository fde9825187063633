/**
 * Channel adapters: how a rendered message leaves Prima. E-mail goes through SMTP
 * (nodemailer) when SMTP_URL is set; WhatsApp and SMS go through a gateway (an interface:
 * a provider adapter plugs in here later). Without a configured transport, a logging
 * adapter stands in: it logs that a message would have been sent (recipient masked,
 * subject) and keeps nothing else.
 */
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { NotificationChannel } from './tables.js';
import type { NotificationSettings } from './config-notifications.js';

export interface OutgoingMessage {
  to: string;
  subject: string;
  /** Plain-text body. */
  text: string;
  /** Short form (SMS). */
  short: string;
}

export interface Channel {
  /** Resolves once the message is accepted by the transport; rejects otherwise (the outbox retries). */
  send(msg: OutgoingMessage): Promise<void>;
}

export type Channels = Record<NotificationChannel, Channel>;

export interface ChannelLog {
  info(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

/** `budi@example.go.id` → `b***@example.go.id`; `+6281234567890` → `+62******7890`. */
export function maskRecipient(to: string): string {
  const at = to.lastIndexOf('@');
  if (at > 0) return `${to[0]}***${to.slice(at)}`;
  if (to.length <= 6) return '***';
  return `${to.slice(0, 3)}${'*'.repeat(Math.max(3, to.length - 7))}${to.slice(-4)}`;
}

/** Logs instead of sending (development, or a channel without a provider). */
export function loggingChannel(channel: NotificationChannel, log: ChannelLog): Channel {
  return {
    async send(msg) {
      log.info({ channel, to: maskRecipient(msg.to), subject: msg.subject, chars: msg.text.length }, 'notification not sent: no transport configured (logged only)');
    },
  };
}

/** E-mail over SMTP. Timeouts are short so a hung server cannot hold a delivery batch. */
export function smtpChannel(opts: { smtpUrl: string; mailFrom: string }): Channel & { close(): void } {
  const transport = nodemailer.createTransport({
    url: opts.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  } as SMTPTransport.Options);
  return {
    async send(msg) {
      await transport.sendMail({
        from: opts.mailFrom,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        // No HTML part, no tracking; plain text in UTF-8 (nodemailer encodes as needed).
        textEncoding: 'quoted-printable',
        // RFC 3834: out-of-office replies are not sent back to an automatic message.
        headers: { 'Auto-Submitted': 'auto-generated' },
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close: () => transport.close(),
  };
}

/** A WhatsApp / SMS provider: sends one text to one phone number. */
export interface MessageGateway {
  sendText(to: string, text: string): Promise<void>;
}

export function loggingGateway(channel: 'whatsapp' | 'sms', log: ChannelLog): MessageGateway {
  return {
    async sendText(to, text) {
      log.info({ channel, to: maskRecipient(to), chars: text.length }, 'notification not sent: no gateway configured (logged only)');
    },
  };
}

/** WhatsApp carries the full text (subject as the first line); SMS only the short form. */
export function gatewayChannel(kind: 'whatsapp' | 'sms', gateway: MessageGateway): Channel {
  return {
    send: (msg) => gateway.sendText(msg.to, kind === 'sms' ? msg.short : `${msg.subject}\n\n${msg.text}`),
  };
}

/** The channels for the given settings: SMTP e-mail when configured, else logging adapters. */
export function createChannels(settings: Pick<NotificationSettings, 'smtpUrl' | 'mailFrom'>, log: ChannelLog): Channels {
  return {
    email: settings.smtpUrl ? smtpChannel({ smtpUrl: settings.smtpUrl, mailFrom: settings.mailFrom }) : loggingChannel('email', log),
    whatsapp: gatewayChannel('whatsapp', loggingGateway('whatsapp', log)),
    sms: gatewayChannel('sms', loggingGateway('sms', log)),
  };
}

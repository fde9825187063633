/**
 * A real SMTP server for notification tests: smtp-server in this process on 127.0.0.1,
 * port 0, no TLS, optional AUTH (checked when offered). Received messages are kept in
 * memory and parsed just enough to assert on: envelope, headers, decoded subject and body.
 */
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../src/server/db/index.js';
import type { ComplaintStatus } from '../../src/server/modules/complaints/state-machine.js';
import type { TestTenant } from './factories.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** RCPT TO addresses seen, accepted or not (one per attempt). */
  rcptAttempts: string[];
  /** Addresses answered with 550 at RCPT TO. */
  reject: Set<string>;
  close(): Promise<void>;
}

export const SMTP_USER = 'prima';
export const SMTP_PASS = 'rahasia-smtp';

function decodeQuotedPrintable(s: string): string {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=); whitespace between adjacent words dropped. */
export function decodeHeader(v: string): string {
  return v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _cs, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

export function parseMail(raw: string): { headers: Record<string, string>; subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let text = cte === 'quoted-printable' ? decodeQuotedPrintable(body) : cte === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  text = text.replace(/\r\n/g, '\n');
  return { headers, subject: decodeHeader(headers.subject ?? ''), text };
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const rcptAttempts: string[] = [];
  const reject = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) return cb(null, { user: auth.username });
      return cb(new Error('invalid credentials'));
    },
    onRcptTo(address: SMTPServerAddress, _session, cb) {
      rcptAttempts.push(address.address);
      if (reject.has(address.address)) {
        const err = Object.assign(new Error(`mailbox ${address.address} unavailable`), { responseCode: 550 });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const env = session.envelope;
        messages.push({
          from: env.mailFrom ? env.mailFrom.address : '',
          to: env.rcptTo.map((r) => r.address),
          ...parseMail(raw),
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${port}`,
    port,
    messages,
    rcptAttempts,
    reject,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A complaint row written directly (for digest queries), with what the test sets. */
export async function buildComplaintRow(
  db: Db,
  tenant: TestTenant,
  o: { opdId: string | null; status: ComplaintStatus; dueAt: Date | null; routedAt?: Date | null; title?: string },
) {
  const code = `T${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
  return db
    .insertInto('complaint')
    .values({
      tenant_id: tenant.id,
      tracking_code: code,
      kind: 'pengaduan',
      channel: 'web',
      title: o.title ?? `Laporan ${code}`,
      description: 'Uraian laporan uji',
      status: o.status,
      opd_id: o.opdId,
      due_at: o.dueAt,
      routed_at: o.routedAt ?? null,
    })
    .returning(['id', 'tracking_code', 'title'])
    .executeTakeFirstOrThrow();
}

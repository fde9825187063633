import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DbHandle } from '../../db/index.js';
import type { Deps } from '../../platform/deps.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { testConfig } from '../../../../test/helpers/app.js';
import { buildTenant, type TestTenant } from '../../../../test/helpers/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../../../../test/helpers/notifications.js';
import { Value } from '@sinclair/typebox/value';
import { createChannels, smtpChannel, type Channel, type Channels } from './channels.js';
import { deliverPending } from './deliver.js';
import { claimDue } from './repo.js';
import { deliverNotificationsJob } from './jobs.js';
import { enqueueNotification } from './service.js';

let handle: DbHandle;
let smtp: TestSmtpServer;
let tenant: TestTenant;
const PUBLIC_URL = 'https://prima.example.go.id';
const FROM = 'Prima Uji <no-reply@prima.example.go.id>';
const silentLog = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  handle = await openTestDatabase();
  smtp = await startSmtpServer();
  tenant = await buildTenant(handle.db, { name: 'Kabupaten Uji Notifikasi' });
});
afterAll(async () => {
  await smtp.close();
  await handle.close();
});

const addr = (label: string) => `${label}-${crypto.randomBytes(4).toString('hex')}@warga.example.id`;
const smtpChannels = (): Channels => createChannels({ smtpUrl: smtp.url, mailFrom: FROM }, silentLog);
const mailsTo = (to: string) => smtp.messages.filter((m) => m.to.includes(to));
const row = (id: string) => handle.db.selectFrom('notification').selectAll().where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow();
/** Seconds from the database's now() to the row's next attempt. */
const secondsUntilNext = async (id: string) => {
  const r = await sql<{ s: number }>`SELECT extract(epoch FROM next_attempt_at - now())::float8 AS s FROM notification WHERE tenant_id = ${tenant.id} AND id = ${id}`.execute(handle.db);
  return Number(r.rows[0].s);
};
/** Time travel for one row: its next attempt becomes due now (instead of sleeping). */
const makeDue = (id: string) => sql`UPDATE notification SET next_attempt_at = now() - interval '1 second' WHERE tenant_id = ${tenant.id} AND id = ${id}`.execute(handle.db);

describe('delivery over a real SMTP conversation', () => {
  it('sends an enqueued message with the right recipient, subject and Indonesian body, then marks it sent', async () => {
    const to = addr('budi');
    const { id, created } = await handle.db.transaction().execute((tx) =>
      enqueueNotification(tx, {
        tenantId: tenant.id,
        channel: 'email',
        recipient: to,
        template: 'complaint.received',
        locale: 'id',
        params: { trackingCode: 'PRM7KQ2X', title: 'Jalan berlubang di depan SDN 3' },
        related: { type: 'complaint', id: crypto.randomUUID() },
      }),
    );
    expect(created).toBe(true);
    expect((await row(id)).status).toBe('pending');

    const result = await deliverPending(handle.db, { channels: smtpChannels(), publicUrl: PUBLIC_URL, tenantId: tenant.id });
    expect(result).toMatchObject({ claimed: 1, sent: 1, retried: 0, failed: 0 });

    const [mail, ...more] = mailsTo(to);
    expect(more).toHaveLength(0);
    expect(mail.to).toEqual([to]);
    expect(mail.from).toBe('no-reply@prima.example.go.id');
    expect(mail.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/i);
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    expect(mail.subject).toBe('Laporan PRM7KQ2X telah diterima');
    expect(mail.text).toContain('Laporan Anda "Jalan berlubang di depan SDN 3" telah kami terima dengan kode pelacakan PRM7KQ2X.');
    expect(mail.text).toContain(`Pantau laporan Anda: ${PUBLIC_URL}/r/${tenant.slug}/lacak/PRM7KQ2X`);
    expect(mail.text).toContain('Pesan ini dikirim otomatis oleh Prima — Kabupaten Uji Notifikasi.');

    const sent = await row(id);
    expect(sent.status).toBe('sent');
    expect(sent.attempts).toBe(1);
    expect(sent.sent_at).toBeInstanceOf(Date);
    // Sent once: a second run finds nothing to do.
    expect((await deliverPending(handle.db, { channels: smtpChannels(), publicUrl: PUBLIC_URL, tenantId: tenant.id })).claimed).toBe(0);
    expect(mailsTo(to)).toHaveLength(1);
  });

  it('renders English for an English recipient, status labels and notes included', async () => {
    const to = addr('ann');
    await enqueueNotification(handle.db, {
      tenantId: tenant.id,
      channel: 'email',
      recipient: to,
      template: 'complaint.status_changed',
      locale: 'en',
      params: { trackingCode: 'PRM8ZZ3A', title: 'Streetlight out', status: 'in_progress', note: 'Crew scheduled for Monday.' },
    });
    await deliverPending(handle.db, { channels: smtpChannels(), publicUrl: PUBLIC_URL, tenantId: tenant.id });
    const [mail] = mailsTo(to);
    expect(mail.subject).toBe('Report PRM8ZZ3A: being handled');
    expect(mail.text).toContain('The status of your report "Streetlight out" (code PRM8ZZ3A) is now: being handled.');
    expect(mail.text).toContain('Note: Crew scheduled for Monday.');
    expect(mail.text).toContain(`Follow your report: ${PUBLIC_URL}/r/${tenant.slug}/lacak/PRM8ZZ3A`);
  });

  it('keeps a hostile title out of the headers: no injected header, one line in the subject', async () => {
    const to = addr('inj');
    await enqueueNotification(handle.db, {
      tenantId: tenant.id,
      channel: 'email',
      recipient: to,
      template: 'opd.new_case',
      locale: 'id',
      params: { trackingCode: 'PRM9AB4C', title: 'Judul\r\nBcc: korban@example.com\r\n\r\nisi palsu', opdName: 'Dinas PUPR\nX-Evil: 1', caseId: crypto.randomUUID() },
    });
    await deliverPending(handle.db, { channels: smtpChannels(), publicUrl: PUBLIC_URL, tenantId: tenant.id });
    const [mail] = mailsTo(to);
    expect(mail.to).toEqual([to]);
    expect(mail.headers.bcc).toBeUndefined();
    expect(mail.headers['x-evil']).toBeUndefined();
    expect(mail.subject).toBe('Laporan baru PRM9AB4C untuk Dinas PUPR X-Evil: 1');
    expect(mail.text).toContain('"Judul Bcc: korban@example.com isi palsu"');
    expect(mail.text).toMatch(new RegExp(`Buka kasus: ${PUBLIC_URL}/r/${tenant.slug}/pengaduan/[0-9a-f-]{36}`));
  });

  it('a rejecting server: retried later with exponential backoff, then failed after the last attempt', async () => {
    const to = addr('tolak');
    smtp.reject.add(to);
    const { id } = await enqueueNotification(handle.db, {
      tenantId: tenant.id,
      channel: 'email',
      recipient: to,
      template: 'complaint.resolved',
      locale: 'id',
      params: { trackingCode: 'PRMFA1L0', title: 'Sampah menumpuk' },
    });
    const opts = { channels: smtpChannels(), publicUrl: PUBLIC_URL, tenantId: tenant.id, maxAttempts: 3, backoffSeconds: 60 };

    expect(await deliverPending(handle.db, opts)).toMatchObject({ claimed: 1, sent: 0, retried: 1, failed: 0 });
    let r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, sent_at: null });
    expect(r.last_error).toMatch(/550/);
    expect(r.last_error).not.toContain(to); // addresses are masked in the admin-visible error
    expect(await secondsUntilNext(id)).toBeGreaterThan(50);
    expect(await secondsUntilNext(id)).toBeLessThanOrEqual(60);

    // Not due yet: a run now leaves it alone.
    expect((await deliverPending(handle.db, opts)).claimed).toBe(0);
    expect(smtp.rcptAttempts.filter((a) => a === to)).toHaveLength(1);

    await makeDue(id);
    expect(await deliverPending(handle.db, opts)).toMatchObject({ claimed: 1, retried: 1 });
    r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 2 });
    // Doubled: 120 s after the second failure.
    expect(await secondsUntilNext(id)).toBeGreaterThan(110);
    expect(await secondsUntilNext(id)).toBeLessThanOrEqual(120);

    await makeDue(id);
    expect(await deliverPending(handle.db, opts)).toMatchObject({ claimed: 1, failed: 1 });
    r = await row(id);
    expect(r).toMatchObject({ status: 'failed', attempts: 3 });
    expect(smtp.rcptAttempts.filter((a) => a === to)).toHaveLength(3);
    expect(mailsTo(to)).toHaveLength(0);

    // Failed for good: never claimed again.
    await makeDue(id);
    expect((await deliverPending(handle.db, opts)).claimed).toBe(0);
  });

  it('a second enqueue with the same dedupe key is a no-op (one row, one e-mail)', async () => {
    const to = addr('dedupe');
    const input = {
      tenantId: tenant.id,
      channel: 'email' as const,
      recipient: to,
      template: 'opd.reminder' as const,
      locale: 'id' as const,
      params: { trackingCode: 'PRMD0UB1', title: 'Air PDAM mati', dueAt: new Date('2026-11-25T01:00:00Z') },
      dedupeKey: `reminder:PRMD0UB1:${crypto.randomUUID()}`,
    };
    const first = await handle.db.transaction().execute((tx) => enqueueNotification(tx, input));
    const second = await handle.db.transaction().execute((tx) => enqueueNotification(tx, input));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const rows = await handle.db.selectFrom('notification').select('id').where('tenant_id', '=', tenant.id).where('dedupe_key', '=', input.dedupeKey).execute();
    expect(rows).toHaveLength(1);
    // The same key in another tenant is another message.
    const other = await buildTenant(handle.db);
    expect((await enqueueNotification(handle.db, { ...input, tenantId: other.id })).created).toBe(true);

    await deliverPending(handle.db, { channels: smtpChannels(), publicUrl: PUBLIC_URL, tenantId: tenant.id });
    const mails = mailsTo(to);
    expect(mails).toHaveLength(1);
    // Due time in the tenant's zone (Asia/Makassar, WITA): 01:00Z = 09.00 WITA.
    expect(mails[0].text).toMatch(/25 Nov 2026.*09[.:]00/);
  });

  it('enqueues inside the caller\'s transaction: a rolled-back change leaves no message', async () => {
    const to = addr('rollback');
    await expect(
      handle.db.transaction().execute(async (tx) => {
        await enqueueNotification(tx, { tenantId: tenant.id, channel: 'email', recipient: to, template: 'complaint.received', locale: 'id', params: { trackingCode: 'PRMR0LL8' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await handle.db.selectFrom('notification').select('id').where('tenant_id', '=', tenant.id).where('recipient', '=', to).execute();
    expect(rows).toHaveLength(0);
  });

  it('refuses a bad template or parameters at enqueue time (VALIDATION), not at delivery', async () => {
    const base = { tenantId: tenant.id, channel: 'email' as const, recipient: addr('x'), template: 'complaint.received' as const, locale: 'id' as const, params: { trackingCode: 'PRMOK123' } };
    await expect(enqueueNotification(handle.db, { ...base, params: {} as never })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(enqueueNotification(handle.db, { ...base, template: 'no.such' as unknown as 'complaint.received' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(enqueueNotification(handle.db, { ...base, recipient: '' })).rejects.toMatchObject({ code: 'VALIDATION' });
    // Extra parameters are not stored (they could be personal data).
    const { id } = await enqueueNotification(handle.db, { ...base, params: { trackingCode: 'PRMOK123', reporterPhone: '0812' } });
    expect((await row(id)).params).toEqual({ trackingCode: 'PRMOK123' });
  });

  it('stores a message to an unusable address as failed (the caller\'s change goes through) and never sends it', async () => {
    const t = await buildTenant(handle.db);
    const base = { tenantId: t.id, template: 'complaint.received' as const, locale: 'id' as const, params: { trackingCode: 'PRMBAD01' } };
    const badMail = await enqueueNotification(handle.db, { ...base, channel: 'email', recipient: 'budi at gmail' });
    const badPhone = await enqueueNotification(handle.db, { ...base, channel: 'whatsapp', recipient: 'nomor saya' });
    const goodPhone = await enqueueNotification(handle.db, { ...base, channel: 'sms', recipient: '(0518) 123-4567' });
    const rows = await handle.db.selectFrom('notification').selectAll().where('tenant_id', '=', t.id).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(badMail.id)).toMatchObject({ status: 'failed', last_error: 'recipient is not a valid e-mail address', attempts: 0 });
    expect(byId.get(badPhone.id)).toMatchObject({ status: 'failed', last_error: 'recipient is not a valid phone number' });
    expect(byId.get(goodPhone.id)).toMatchObject({ status: 'pending', recipient: '05181234567' });
    const sent: string[] = [];
    const recording: Channel = { send: async (m) => void sent.push(m.to) };
    const r = await deliverPending(handle.db, { channels: { email: recording, whatsapp: recording, sms: recording }, publicUrl: PUBLIC_URL, tenantId: t.id });
    expect(r).toMatchObject({ claimed: 1, sent: 1 });
    expect(sent).toEqual(['05181234567']);
  });

  it('two deliverers at once claim disjoint rows and send each message exactly once', async () => {
    const tenant = await buildTenant(handle.db);
    const recipients = Array.from({ length: 12 }, (_, i) => addr(`dua${i}`));
    await handle.db.transaction().execute(async (tx) => {
      for (const [i, to] of recipients.entries()) {
        await enqueueNotification(tx, { tenantId: tenant.id, channel: 'email', recipient: to, template: 'complaint.received', locale: 'id', params: { trackingCode: `PRMC${String(i).padStart(4, '0')}` } });
      }
    });
    // Each deliverer's first send waits until the other has claimed and reached its first
    // send too: both hold claimed batches at the same moment.
    let arrived = 0;
    let release!: () => void;
    const bothIn = new Promise<void>((r) => (release = r));
    const gated = (name: string): Channels => {
      const inner = smtpChannel({ smtpUrl: smtp.url, mailFrom: FROM });
      let first = true;
      const email: Channel = {
        async send(msg) {
          if (first) {
            first = false;
            if (++arrived === 2) release();
            await bothIn;
          }
          sentBy.push(name);
          await inner.send(msg);
        },
      };
      return { ...smtpChannels(), email };
    };
    const sentBy: string[] = [];
    const [a, b] = await Promise.all([
      deliverPending(handle.db, { channels: gated('a'), publicUrl: PUBLIC_URL, tenantId: tenant.id, batchSize: 3, concurrency: 1 }),
      deliverPending(handle.db, { channels: gated('b'), publicUrl: PUBLIC_URL, tenantId: tenant.id, batchSize: 3, concurrency: 1 }),
    ]);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(a.sent + b.sent).toBe(12);
    expect(a.claimed + b.claimed).toBe(12);
    for (const to of recipients) expect(mailsTo(to)).toHaveLength(1);
    const statuses = await handle.db.selectFrom('notification').select(['status', 'attempts']).where('tenant_id', '=', tenant.id).where('recipient', 'in', recipients).execute();
    expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
  });

  it('a claim whose deliverer died is claimed again after its lease', async () => {
    const to = addr('lease');
    const { id } = await enqueueNotification(handle.db, { tenantId: tenant.id, channel: 'email', recipient: to, template: 'complaint.received', locale: 'id', params: { trackingCode: 'PRMLEA5E' } });
    // A deliverer claims it (through the repository) and dies before recording any result.
    const claimed = await claimDue(handle.db, { limit: 10, leaseSeconds: 600, tenantId: tenant.id });
    expect(claimed.map((c) => c.id)).toContain(id);
    expect((await row(id)).status).toBe('sending');
    // While the lease runs, nobody else takes it.
    expect((await deliverPending(handle.db, { channels: smtpChannels(), publicUrl: PUBLIC_URL, tenantId: tenant.id })).claimed).toBe(0);
    await makeDue(id); // the lease ran out
    expect(await deliverPending(handle.db, { channels: smtpChannels(), publicUrl: PUBLIC_URL, tenantId: tenant.id })).toMatchObject({ claimed: 1, sent: 1 });
    expect((await row(id))).toMatchObject({ status: 'sent', attempts: 2 });
    expect(mailsTo(to)).toHaveLength(1);
  });

  it('the notifications.deliver job sends through SMTP configured on the app', async () => {
    const to = addr('job');
    await enqueueNotification(handle.db, { tenantId: tenant.id, channel: 'email', recipient: to, template: 'complaint.received', locale: 'en', params: { trackingCode: 'PRMJ0B11', title: 'Broken bench' } });
    const deps: Deps = {
      db: handle.db,
      handle,
      config: { ...testConfig(), smtpUrl: smtp.url, mailFrom: FROM, publicUrl: PUBLIC_URL } as Deps['config'],
    };
    // The scheduled jobs run with {} (every tenant); its schedule and payload are valid.
    expect(deliverNotificationsJob.schedule).toEqual({ everySeconds: 10 });
    expect(Value.Check(deliverNotificationsJob.payload, {})).toBe(true);
    expect(Value.Check(deliverNotificationsJob.payload, { tenantId: tenant.id })).toBe(true);
    // Run for this tenant only: test files share the PostgreSQL database, and a run for
    // every tenant would deliver other files' messages too.
    await deliverNotificationsJob.run(deps, { tenantId: tenant.id }, { jobId: 0, attempt: 1, tenantId: null, log: silentLog });
    const [mail] = mailsTo(to);
    expect(mail.subject).toBe('Report PRMJ0B11 received');
    expect(mail.text).toContain(`${PUBLIC_URL}/r/${tenant.slug}/lacak/PRMJ0B11`);
  });
});

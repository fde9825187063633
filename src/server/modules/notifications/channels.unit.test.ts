import { describe, expect, it } from 'vitest';
import { createChannels, gatewayChannel, maskRecipient, type MessageGateway } from './channels.js';
import { errorText, retryDelaySeconds } from './deliver.js';
import { can } from './policy.js';
import type { Actor } from '../../platform/context.js';

const msg = { to: 'budi.santoso@warga.example.id', subject: 'Laporan X diterima', text: 'Isi pesan', short: 'Laporan X diterima https://x' };

describe('channels', () => {
  it('masks recipients', () => {
    expect(maskRecipient('budi.santoso@warga.example.id')).toBe('b***@warga.example.id');
    expect(maskRecipient('+6281234567890')).toBe('+62*******7890');
    expect(maskRecipient('0812')).toBe('***');
  });

  it('without SMTP, e-mail goes to the logging adapter: logged with a masked recipient, nothing else kept', async () => {
    const logged: Array<Record<string, unknown>> = [];
    const channels = createChannels({ smtpUrl: null, mailFrom: 'Prima <a@b.c>' }, { info: (o) => logged.push(o as Record<string, unknown>) });
    await channels.email.send(msg);
    await channels.whatsapp.send({ ...msg, to: '+6281234567890' });
    await channels.sms.send({ ...msg, to: '+6281234567890' });
    expect(logged.map((l) => l.channel)).toEqual(['email', 'whatsapp', 'sms']);
    expect(logged[0]).toMatchObject({ to: 'b***@warga.example.id', subject: 'Laporan X diterima' });
    expect(JSON.stringify(logged)).not.toContain('budi.santoso');
    expect(JSON.stringify(logged)).not.toContain('81234567');
    expect(JSON.stringify(logged)).not.toContain('Isi pesan');
  });

  it('WhatsApp carries subject and text; SMS the short form', async () => {
    const sent: Array<[string, string]> = [];
    const gw: MessageGateway = { sendText: async (to, text) => void sent.push([to, text]) };
    await gatewayChannel('whatsapp', gw).send(msg);
    await gatewayChannel('sms', gw).send(msg);
    expect(sent).toEqual([
      [msg.to, 'Laporan X diterima\n\nIsi pesan'],
      [msg.to, 'Laporan X diterima https://x'],
    ]);
  });
});

describe('delivery helpers', () => {
  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelaySeconds(a, 60, 6 * 3600))).toEqual([60, 120, 240, 480, 960]);
    expect(retryDelaySeconds(20, 60, 6 * 3600)).toBe(6 * 3600);
  });

  it('keeps errors short and masks e-mail addresses in them', () => {
    expect(errorText(new Error('550 <siti@warga.example.id>: mailbox unavailable'))).toBe('550 <s***@warga.example.id>: mailbox unavailable');
    expect(errorText(new Error('x'.repeat(5000)))).toHaveLength(1000);
  });
});

describe('notifications policy', () => {
  const actor = (role: Actor['roles'][number]['role'], tenantId = 't1'): Actor => ({ userId: 'u', tenantId, name: 'n', email: 'e', roles: [{ role, opdId: null }], viaToken: false });
  it('lets only admins (and superadmins) list and retry', () => {
    for (const action of ['notification.list', 'notification.retry'] as const) {
      expect(can(null, action, { tenantId: 't1' })).toBe(false);
      expect(can(actor('admin'), action, { tenantId: 't1' })).toBe(true);
      expect(can(actor('admin', 't2'), action, { tenantId: 't1' })).toBe(false);
      expect(can(actor('superadmin', 't2'), action, { tenantId: 't1' })).toBe(true);
      for (const r of ['verifikator', 'kepala_opd', 'pimpinan', 'inspektorat', 'warga'] as const) expect(can(actor(r), action, { tenantId: 't1' })).toBe(false);
    }
  });
});

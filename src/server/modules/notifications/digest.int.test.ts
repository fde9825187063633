import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildOpd, buildTenant, buildUser, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildComplaintRow, startSmtpServer, type TestSmtpServer } from '../../../../test/helpers/notifications.js';
import { createChannels } from './channels.js';
import { deliverPending } from './deliver.js';
import { DIGEST_SEND_HOUR, enqueueDailyDigests } from './digest.js';
import { localDate, localHour } from '../calendar/workdays.js';
import { dailyDigestJob } from './jobs.js';

let handle: DbHandle;
let smtp: TestSmtpServer;
const PUBLIC_URL = 'https://prima.example.go.id';
const silentLog = { info() {}, warn() {}, error() {} };
const HOUR = 3600_000;

beforeAll(async () => {
  handle = await openTestDatabase();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await handle.close();
});

const email = (label: string) => `${label}-${crypto.randomBytes(4).toString('hex')}@pemda.example.go.id`;
const deliver = (tenant: TestTenant) =>
  deliverPending(handle.db, { channels: createChannels({ smtpUrl: smtp.url, mailFrom: 'Prima <no-reply@example.go.id>' }, silentLog), publicUrl: PUBLIC_URL, tenantId: tenant.id });

describe('notifications.daily-digest', () => {
  it('sends each OPD head one digest of their own OPD (overdue, due soon, new), and nothing when there is nothing to report', async () => {
    const tenant = await buildTenant(handle.db);
    const pupr = await buildOpd(handle.db, tenant, { name: 'Dinas PUPR' });
    const dinkes = await buildOpd(handle.db, tenant, { name: 'Dinas Kesehatan' });
    const quiet = await buildOpd(handle.db, tenant, { name: 'Dinas Sepi' });
    const headPupr = await buildUser(handle.db, tenant, [{ role: 'kepala_opd', opdId: pupr.id }], { email: email('kepala-pupr') });
    const headDinkes = await buildUser(handle.db, tenant, [{ role: 'kepala_opd', opdId: dinkes.id }], { email: email('kepala-dinkes') });
    await handle.db.updateTable('app_user').set({ locale: 'en' }).where('tenant_id', '=', tenant.id).where('id', '=', headDinkes.id).execute();
    const headQuiet = await buildUser(handle.db, tenant, [{ role: 'kepala_opd', opdId: quiet.id }], { email: email('kepala-sepi') });
    // Operators of the OPD get no digest; neither does an inactive head.
    const operator = await buildUser(handle.db, tenant, [{ role: 'operator_opd', opdId: pupr.id }], { email: email('operator') });
    const formerHead = await buildUser(handle.db, tenant, [{ role: 'kepala_opd', opdId: pupr.id }], { email: email('mantan') });
    await handle.db.updateTable('app_user').set({ is_active: false }).where('tenant_id', '=', tenant.id).where('id', '=', formerHead.id).execute();

    const now = Date.now();
    const overdue1 = await buildComplaintRow(handle.db, tenant, { opdId: pupr.id, status: 'in_progress', dueAt: new Date(now - 5 * HOUR), title: 'Jembatan rusak' });
    const overdue2 = await buildComplaintRow(handle.db, tenant, { opdId: pupr.id, status: 'accepted', dueAt: new Date(now - 50 * HOUR) });
    const dueSoon = await buildComplaintRow(handle.db, tenant, { opdId: pupr.id, status: 'routed', dueAt: new Date(now + 20 * HOUR), routedAt: new Date(now - 2 * HOUR) });
    const fresh = await buildComplaintRow(handle.db, tenant, { opdId: pupr.id, status: 'routed', dueAt: new Date(now + 100 * HOUR), routedAt: new Date(now - 3 * HOUR), title: 'Lampu jalan padam' });
    // Not reported: far from due and routed long ago; resolved; another OPD's.
    const calm = await buildComplaintRow(handle.db, tenant, { opdId: pupr.id, status: 'in_progress', dueAt: new Date(now + 200 * HOUR), routedAt: new Date(now - 72 * HOUR) });
    const done = await buildComplaintRow(handle.db, tenant, { opdId: pupr.id, status: 'resolved', dueAt: new Date(now - 5 * HOUR) });
    const health = await buildComplaintRow(handle.db, tenant, { opdId: dinkes.id, status: 'in_progress', dueAt: new Date(now - HOUR), title: 'Antrean puskesmas' });
    // A case of another tenant's OPD never appears here.
    const otherTenant = await buildTenant(handle.db);
    const otherOpd = await buildOpd(handle.db, otherTenant);
    const foreign = await buildComplaintRow(handle.db, otherTenant, { opdId: otherOpd.id, status: 'in_progress', dueAt: new Date(now - HOUR) });

    const result = await enqueueDailyDigests(handle.db, { tenantId: tenant.id });
    expect(result).toEqual({ tenants: 1, enqueued: 2, skipped: 1, notYet: 0 });
    // Same day again: no second digest.
    expect(await enqueueDailyDigests(handle.db, { tenantId: tenant.id })).toEqual({ tenants: 1, enqueued: 0, skipped: 1, notYet: 0 });

    expect(await deliver(tenant)).toMatchObject({ sent: 2, failed: 0 });
    const to = (u: { email: string }) => smtp.messages.filter((m) => m.to.includes(u.email));
    expect(to(headQuiet)).toHaveLength(0);
    expect(to(operator)).toHaveLength(0);
    expect(to(formerHead)).toHaveLength(0);

    const [pu, ...morePu] = to(headPupr);
    expect(morePu).toHaveLength(0);
    expect(pu.subject).toBe('Ringkasan harian Dinas PUPR: 1 baru, 1 segera jatuh tempo, 2 terlambat');
    expect(pu.text).toContain(`Ringkasan laporan Dinas PUPR per ${localDate(new Date(), 'Asia/Makassar')}:`);
    expect(pu.text).toContain(`- ${overdue1.tracking_code} "Jembatan rusak"`);
    for (const c of [overdue2, dueSoon, fresh]) expect(pu.text).toContain(c.tracking_code);
    for (const c of [calm, done, health, foreign]) expect(pu.text).not.toContain(c.tracking_code);
    // Sections in order: overdue, due soon, new.
    const at = (s: string) => pu.text.indexOf(s);
    expect(at('Melewati batas waktu:')).toBeLessThan(at(dueSoon.tracking_code));
    expect(at('Segera jatuh tempo:')).toBeLessThan(at('Baru masuk:'));
    expect(at('Baru masuk:')).toBeLessThan(at(fresh.tracking_code));
    expect(pu.text).toContain(`${PUBLIC_URL}/r/${tenant.slug}/kotak-masuk`);

    const [dk] = to(headDinkes);
    expect(dk.subject).toBe('Daily summary Dinas Kesehatan: 0 new, 0 due soon, 1 overdue');
    expect(dk.text).toContain(`- ${health.tracking_code} "Antrean puskesmas"`);
    expect(dk.text).not.toContain(overdue1.tracking_code);
  });

  it('lists at most 10 cases per section and says how many more there are', async () => {
    const tenant = await buildTenant(handle.db);
    const opd = await buildOpd(handle.db, tenant, { name: 'Dinas Banyak' });
    const head = await buildUser(handle.db, tenant, [{ role: 'kepala_opd', opdId: opd.id }], { email: email('kepala-banyak') });
    for (let i = 0; i < 13; i++) {
      await buildComplaintRow(handle.db, tenant, { opdId: opd.id, status: 'in_progress', dueAt: new Date(Date.now() - (i + 1) * HOUR) });
    }
    await enqueueDailyDigests(handle.db, { tenantId: tenant.id });
    await deliver(tenant);
    const [mail] = smtp.messages.filter((m) => m.to.includes(head.email));
    expect(mail.subject).toContain('13 terlambat');
    expect(mail.text.match(/^- T[0-9A-F]{8} /gm)).toHaveLength(10);
    expect(mail.text).toContain('- … dan 3 laporan lainnya');
  });

  it('the hourly job sends a tenant its digests from 07:00 on the tenant\'s own clock, once that day', async () => {
    expect(dailyDigestJob.schedule?.everySeconds).toBe(3600);
    expect(DIGEST_SEND_HOUR).toBe(7);
    // Two regencies an hour apart: WITA (UTC+8) and WIT (UTC+9).
    const wita = await buildTenant(handle.db, { timezone: 'Asia/Makassar' });
    const wit = await buildTenant(handle.db, { timezone: 'Asia/Jayapura' });
    const heads = [];
    for (const tenant of [wita, wit]) {
      const opd = await buildOpd(handle.db, tenant, { name: 'Dinas Pagi' });
      heads.push(await buildUser(handle.db, tenant, [{ role: 'kepala_opd', opdId: opd.id }], { email: email('kepala-pagi') }));
      await buildComplaintRow(handle.db, tenant, { opdId: opd.id, status: 'in_progress', dueAt: new Date(Date.now() - HOUR) });
    }
    const run = (tenant: TestTenant, utc: string) => enqueueDailyDigests(handle.db, { tenantId: tenant.id, now: new Date(utc), fromLocalHour: DIGEST_SEND_HOUR });
    // 21:30 UTC the day before = 05:30 WITA, 06:30 WIT: not yet in either
    expect(localHour(new Date('2026-11-23T21:30:00Z'), 'Asia/Jayapura')).toBe(6);
    expect(await run(wita, '2026-11-23T21:30:00Z')).toMatchObject({ enqueued: 0, notYet: 1 });
    expect(await run(wit, '2026-11-23T21:30:00Z')).toMatchObject({ enqueued: 0, notYet: 1 });
    // 22:05 UTC = 07:05 WIT: Papua's heads get theirs, Kalimantan's still sleep (06:05 WITA)
    expect(await run(wit, '2026-11-23T22:05:00Z')).toMatchObject({ enqueued: 1, notYet: 0 });
    expect(await run(wita, '2026-11-23T22:05:00Z')).toMatchObject({ enqueued: 0, notYet: 1 });
    // the next hours: WITA's turn; WIT already has today's
    expect(await run(wita, '2026-11-23T23:05:00Z')).toMatchObject({ enqueued: 1, notYet: 0 });
    expect(await run(wit, '2026-11-23T23:05:00Z')).toMatchObject({ enqueued: 0, notYet: 0 });
    expect(await run(wita, '2026-11-24T03:05:00Z')).toMatchObject({ enqueued: 0, notYet: 0 });
    const keys = await handle.db.selectFrom('notification').select(['recipient', 'dedupe_key']).where('template', '=', 'opd.daily_digest').where('tenant_id', 'in', [wita.id, wit.id]).execute();
    expect(keys.map((k) => k.dedupe_key!.slice(-10)).sort()).toEqual(['2026-11-24', '2026-11-24']);
    expect(keys.map((k) => k.recipient).sort()).toEqual(heads.map((h) => h.email).sort());
  });
});

/**
 * Loading a year's national days off, the status endpoint and the 1 October notice, on a
 * real database (PGlite and PostgreSQL): who may import, row-by-row validation (all or
 * nothing, 400 naming row and column in id and en), a tenant's import that no other tenant
 * sees, a superadmin's global one, audit rows, and the admins' e-mail once per year. The
 * 2027 rows are test data, not the real SKB; the global import uses 2040, a year no other
 * test counts into (the PostgreSQL run shares one database between test files).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant, type TestUser } from '../../../../test/helpers/factories.js';
import { sendNextYearNotices } from './year-notice.js';

let handle: DbHandle;
let app: FastifyInstance;
beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
}, 60_000);
afterEach(() => {
  vi.useRealTimers();
});

const api = (t: TestTenant, path: string) => `/r/${t.slug}/api/v1${path}`;

/** A request as `user`, with a session made at the (possibly faked) time of the call. */
async function call(t: TestTenant, user: TestUser | null, method: 'GET' | 'POST', path: string, payload?: object, lang = 'id') {
  const headers = { ...(user ? await sessionHeaders(handle.db, user) : {}), 'accept-language': lang };
  return app.inject({ method, url: api(t, path), headers, payload });
}

const importYear = (t: TestTenant, user: TestUser | null, payload: object, lang = 'id') => call(t, user, 'POST', '/calendar/national/import', payload, lang);

function storedRows(tenantId: string | null, year: number) {
  let q = handle.db
    .selectFrom('national_day_off')
    .select(['date', 'kind', 'name', 'legal_source', 'tenant_id'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`);
  q = tenantId === null ? q.where('tenant_id', 'is', null) : q.where('tenant_id', '=', tenantId);
  return q.orderBy('date').execute();
}

const CSV_2027 = [
  'date,kind,name,legal_source',
  '2027-01-01,libur_nasional,Tahun Baru 2027 Masehi,"SKB uji 2027, Nomor 1, 2, 3"',
  '2027-02-06,libur_nasional,Hari libur uji,"SKB uji 2027, Nomor 1, 2, 3"',
  '2027-01-04,cuti_bersama,Cuti bersama uji,Keppres uji 2027',
].join('\n');

describe('who may load national days off', () => {
  it('refuses a visitor (401), staff who are not admins (403) and another region’s admin (403), storing nothing', async () => {
    const t = await buildTenant(handle.db);
    const other = await buildTenant(handle.db);
    const opd = await buildOpd(handle.db, t);
    const body = { year: 2027, csv: CSV_2027 };
    expect((await importYear(t, null, body)).statusCode).toBe(401);
    const staff = [
      [{ role: 'operator_opd', opdId: opd.id }], [{ role: 'kepala_opd', opdId: opd.id }], [{ role: 'verifikator' }], [{ role: 'pimpinan' }], [{ role: 'inspektorat' }],
    ] as const;
    for (const roles of staff) {
      const res = await importYear(t, await buildUser(handle.db, t, [...roles]), body);
      expect(res.statusCode, roles[0].role).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect((await importYear(t, await buildUser(handle.db, other, [{ role: 'admin' }]), body)).statusCode).toBe(403);
    expect(await storedRows(t.id, 2027)).toEqual([]);
    expect(await storedRows(other.id, 2027)).toEqual([]);
  });
});

describe("a region's admin loads 2027", () => {
  it('stores the rows for that region only, audited; the list, deadlines and status follow, and no other region changes', async () => {
    const a = await buildTenant(handle.db, { timezone: 'Asia/Makassar' });
    const b = await buildTenant(handle.db, { timezone: 'Asia/Makassar' });
    const adminA = await buildUser(handle.db, a, [{ role: 'admin' }]);
    const adminB = await buildUser(handle.db, b, [{ role: 'admin' }]);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-02T09:00:00+08:00'));
    const before = await call(a, adminA, 'GET', '/calendar/deadline?start=2026-12-23T10:00:00%2B08:00&days=5');
    expect(before.json()).toMatchObject({ dueDate: '2027-01-04' });

    const res = await importYear(a, adminA, { year: 2027, csv: CSV_2027 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ year: 2027, scope: 'tenant', imported: 3 });
    expect(await storedRows(a.id, 2027)).toEqual([
      { date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2027 Masehi', legal_source: 'SKB uji 2027, Nomor 1, 2, 3', tenant_id: a.id },
      { date: '2027-01-04', kind: 'cuti_bersama', name: 'Cuti bersama uji', legal_source: 'Keppres uji 2027', tenant_id: a.id },
      { date: '2027-02-06', kind: 'libur_nasional', name: 'Hari libur uji', legal_source: 'SKB uji 2027, Nomor 1, 2, 3', tenant_id: a.id },
    ]);
    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id', 'actor_id', 'after'])
      .where('tenant_id', '=', a.id)
      .where('action', '=', 'calendar.national.import')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: 'national_day_off', entity_id: '2027', actor_id: adminA.id, after: { scope: 'tenant', year: 2027 } });
    expect((audit[0].after as { rows: unknown[] }).rows).toHaveLength(3);

    // A: the imported rows, and the fixed-date holidays no row lists; 1 January once.
    const listA = (await call(a, adminA, 'GET', '/calendar/national?year=2027')).json().items as Array<{ date: string; kind: string; source: string }>;
    expect(listA.map((i) => [i.date, i.kind, i.source])).toEqual([
      ['2027-01-01', 'libur_nasional', 'tenant'],
      ['2027-01-04', 'cuti_bersama', 'tenant'],
      ['2027-02-06', 'libur_nasional', 'tenant'],
      ['2027-05-01', 'libur_nasional', 'law'],
      ['2027-06-01', 'libur_nasional', 'law'],
      ['2027-08-17', 'libur_nasional', 'law'],
      ['2027-12-25', 'libur_nasional', 'law'],
    ]);
    // B: only the fixed-date holidays, with their decree.
    const listB = (await call(b, adminB, 'GET', '/calendar/national?year=2027')).json().items as Array<{ date: string; source: string; legalSource: string }>;
    expect(listB.map((i) => i.date)).toEqual(['2027-01-01', '2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25']);
    expect(listB.every((i) => i.source === 'law' && i.legalSource.includes('Keppres No. 8 Tahun 2024'))).toBe(true);

    // The deadline across the year's end moves for A at once (the cache is dropped), not for B.
    expect((await call(a, adminA, 'GET', '/calendar/deadline?start=2026-12-23T10:00:00%2B08:00&days=5')).json()).toMatchObject({ dueDate: '2027-01-05' });
    expect((await call(b, adminB, 'GET', '/calendar/deadline?start=2026-12-23T10:00:00%2B08:00&days=5')).json()).toMatchObject({ dueDate: '2027-01-04' });

    // A's imported libur nasional cannot be made a working day in A; B may keep it a normal day.
    const masukA = await call(a, adminA, 'POST', '/calendar/days-off', { date: '2027-02-06', kind: 'masuk', name: 'Buka' });
    expect(masukA.statusCode).toBe(400);
    expect(masukA.json().message).toBe('Tanggal 2027-02-06 adalah libur nasional (Hari libur uji); libur nasional tidak dapat dijadikan hari kerja.');
    expect((await call(b, adminB, 'POST', '/calendar/days-off', { date: '2027-02-06', kind: 'libur', name: 'Libur daerah B' })).statusCode).toBe(201);

    expect((await call(a, adminA, 'GET', '/calendar/status')).json()).toEqual({
      today: '2026-11-02', year: 2026, yearLoaded: true, nextYear: 2027, nextYearLoaded: true, noticeFrom: '2026-10-01', showNotice: false,
    });
    expect((await call(b, adminB, 'GET', '/calendar/status')).json()).toMatchObject({ nextYearLoaded: false, showNotice: true });
  });

  it('refuses a masuk day on a fixed-date holiday of a year nobody has loaded', async () => {
    const t = await buildTenant(handle.db);
    const admin = await buildUser(handle.db, t, [{ role: 'admin' }]);
    const res = await call(t, admin, 'POST', '/calendar/days-off', { date: '2031-08-17', kind: 'masuk', name: 'Buka' }, 'en');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('2031-08-17 is a national holiday (Proklamasi Kemerdekaan); a national holiday cannot be made a working day.');
  });
});

describe('import validation: all or nothing', () => {
  it('answers 400 naming each bad row and column, in Indonesian and English, and stores nothing', async () => {
    const t = await buildTenant(handle.db);
    const admin = await buildUser(handle.db, t, [{ role: 'admin' }]);
    const csv = [
      'date,kind,name,legal_source',
      '2027-01-01,libur_nasional,Tahun Baru 2027 Masehi,SKB uji',
      '2027-02-30,libur_nasional,Tanggal salah,SKB uji',
      '2028-01-03,cuti_bersama,Tahun salah,SKB uji',
      '2027-03-01,libur,Jenis salah,SKB uji',
      '2027-03-02,cuti_bersama,,SKB uji',
      '2027-01-01,Libur Nasional,Dua kali,SKB uji',
      '2027-03-03,cuti_bersama,Kolom kurang',
    ].join('\n');
    const id = await importYear(t, admin, { year: 2027, csv });
    expect(id.statusCode).toBe(400);
    expect(id.json().code).toBe('IMPORT_INVALID');
    expect(id.json().message).toBe('Impor ditolak, tidak ada yang disimpan: 6 baris bermasalah. Baris 3, kolom date: "2027-02-30" bukan tanggal yang valid (format TTTT-BB-HH).');
    expect(id.json().details).toEqual([
      { row: 3, column: 'date', message: '"2027-02-30" bukan tanggal yang valid (format TTTT-BB-HH).' },
      { row: 4, column: 'date', message: 'Tanggal 2028-01-03 tidak berada di tahun 2027 yang sedang dimuat.' },
      { row: 5, column: 'kind', message: 'Jenis "libur" tidak dikenal: isi libur_nasional atau cuti_bersama.' },
      { row: 6, column: 'name', message: 'Kolom name wajib diisi.' },
      { row: 7, column: 'date', message: '2027-01-01 (libur_nasional) sudah ada di baris 2.' },
      { row: 8, column: null, message: 'Baris harus berisi 4 kolom: date, kind, name, legal_source.' },
    ]);
    const en = await importYear(t, admin, { year: 2027, csv }, 'en');
    expect(en.json().message).toBe('Import refused, nothing was stored: 6 rows with problems. Row 3, column date: "2027-02-30" is not a valid date (format YYYY-MM-DD).');
    expect(en.json().details[1]).toEqual({ row: 4, column: 'date', message: 'The date 2028-01-03 is not in 2027, the year being loaded.' });
    expect(await storedRows(t.id, 2027)).toEqual([]);
  });

  it('checks JSON rows the same way, naming the field as sent', async () => {
    const t = await buildTenant(handle.db);
    const admin = await buildUser(handle.db, t, [{ role: 'admin' }]);
    const res = await importYear(t, admin, { year: 2027, rows: [{ date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru', legalSource: ' ' }] }, 'en');
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ row: 1, column: 'legalSource', message: 'Column legalSource is required.' }]);
    expect(await storedRows(t.id, 2027)).toEqual([]);
  });

  it('refuses cuti bersama alone for a year not loaded, rows already stored, and a body with neither or both sources', async () => {
    const t = await buildTenant(handle.db);
    const admin = await buildUser(handle.db, t, [{ role: 'admin' }]);
    const cutiOnly = await importYear(t, admin, { year: 2027, rows: [{ date: '2027-01-04', kind: 'cuti_bersama', name: 'Cuti', legalSource: 'Keppres uji' }] });
    expect(cutiOnly.statusCode).toBe(400);
    expect(cutiOnly.json().details).toEqual([{ row: 1, column: 'kind', message: 'Tahun 2027 belum dimuat: impor harus memuat libur nasional tahun itu, tidak hanya cuti bersama.' }]);

    expect((await importYear(t, admin, { year: 2027, csv: CSV_2027 })).statusCode).toBe(201);
    // An amendment adds new days (a cuti bersama alone is fine now); a day already stored is refused.
    const again = await importYear(t, admin, { year: 2027, csv: '2027-08-16,cuti_bersama,Cuti bersama HUT RI (uji),SKB perubahan uji\n2027-01-04,cuti_bersama,Lagi,SKB uji' });
    expect(again.statusCode).toBe(400);
    expect(again.json().details).toEqual([{ row: 2, column: 'date', message: '2027-01-04 (cuti_bersama) sudah ada di kalender.' }]);
    const amendment = await importYear(t, admin, { year: 2027, csv: '2027-08-16,cuti_bersama,Cuti bersama HUT RI (uji),SKB perubahan uji' });
    expect(amendment.json()).toEqual({ year: 2027, scope: 'tenant', imported: 1 });
    expect(await storedRows(t.id, 2027)).toHaveLength(4);

    for (const body of [{ year: 2027 }, { year: 2027, csv: CSV_2027, rows: [] }]) {
      const res = await importYear(t, admin, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', message: 'Kirim baris CSV (csv) atau daftar baris (rows), salah satu saja.' });
    }
    expect((await importYear(t, admin, { year: 1999, csv: CSV_2027 })).statusCode).toBe(400);
    expect((await importYear(t, admin, { year: 2027, csv: CSV_2027, extra: 1 })).statusCode).toBe(400);
    expect((await importYear(t, admin, { year: 2027, csv: '' })).json().details).toEqual([{ row: 1, column: null, message: 'Tidak ada baris untuk diimpor.' }]);
    expect(await storedRows(t.id, 2027)).toHaveLength(4);
  });
});

describe("a superadmin's import", () => {
  it('is global: every region sees it, audited in the superadmin’s region', async () => {
    const home = await buildTenant(handle.db);
    const other = await buildTenant(handle.db);
    const superadmin = await buildUser(handle.db, home, [{ role: 'superadmin' }]);
    const res = await importYear(home, superadmin, { year: 2040, rows: [{ date: '2040-01-02', kind: 'libur_nasional', name: 'Hari libur uji global', legalSource: 'SKB uji 2040' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ year: 2040, scope: 'global', imported: 1 });
    expect(await storedRows(null, 2040)).toMatchObject([{ date: '2040-01-02', tenant_id: null }]);
    const otherAdmin = await buildUser(handle.db, other, [{ role: 'admin' }]);
    const list = (await call(other, otherAdmin, 'GET', '/calendar/national?year=2040')).json().items;
    expect(list[0]).toMatchObject({ date: '2040-01-01', source: 'law' });
    expect(list[1]).toMatchObject({ date: '2040-01-02', source: 'national', name: 'Hari libur uji global' });
    // A region's admin cannot add the same day again for itself, nor change the global row.
    const dup = await importYear(other, otherAdmin, { year: 2040, rows: [{ date: '2040-01-02', kind: 'libur_nasional', name: 'Lagi', legalSource: 'x' }] });
    expect(dup.statusCode).toBe(400);
    const audit = await handle.db.selectFrom('audit_log').select(['after']).where('tenant_id', '=', home.id).where('action', '=', 'calendar.national.import').execute();
    expect(audit.map((r) => (r.after as { scope: string }).scope)).toEqual(['global']);
  });
});

describe('the notice from 1 October', () => {
  async function regionWithStaff() {
    const t = await buildTenant(handle.db, { timezone: 'Asia/Makassar' });
    const opd = await buildOpd(handle.db, t);
    const admins = [await buildUser(handle.db, t, [{ role: 'admin' }]), await buildUser(handle.db, t, [{ role: 'admin' }])];
    await buildUser(handle.db, t, [{ role: 'verifikator' }]);
    await buildUser(handle.db, t, [{ role: 'kepala_opd', opdId: opd.id }]);
    return { t, admins };
  }
  const outbox = (tenantId: string) =>
    handle.db
      .selectFrom('notification')
      .select(['template', 'recipient', 'params', 'dedupe_key'])
      .where('tenant_id', '=', tenantId)
      .where('template', '=', 'calendar.next_year_missing')
      .orderBy('recipient')
      .execute();

  it('is not shown, nor sent, before 1 October on the region’s clock', async () => {
    const { t, admins } = await regionWithStaff();
    // 30 September, 23:30 WITA.
    const now = new Date('2026-09-30T23:30:00+08:00');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    expect((await call(t, admins[0], 'GET', '/calendar/status')).json()).toMatchObject({ today: '2026-09-30', nextYear: 2027, nextYearLoaded: false, showNotice: false });
    expect(await sendNextYearNotices(handle.db, { now, tenantId: t.id })).toEqual({ tenants: 1, due: 0, enqueued: 0 });
    expect(await outbox(t.id)).toEqual([]);
  });

  it('is shown from 1 October and e-mailed once to each admin; nothing more on the next run, nor once loaded', async () => {
    const { t, admins } = await regionWithStaff();
    // 1 October 00:30 WITA is still 30 September in UTC (and in WIB).
    const now = new Date('2026-10-01T00:30:00+08:00');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    expect((await call(t, admins[0], 'GET', '/calendar/status')).json()).toEqual({
      today: '2026-10-01', year: 2026, yearLoaded: true, nextYear: 2027, nextYearLoaded: false, noticeFrom: '2026-10-01', showNotice: true,
    });
    expect(await sendNextYearNotices(handle.db, { now, tenantId: t.id })).toEqual({ tenants: 1, due: 1, enqueued: 2 });
    const sent = await outbox(t.id);
    expect(sent.map((m) => m.recipient).sort()).toEqual(admins.map((a) => a.email).sort());
    for (const m of sent) {
      expect(m.params).toEqual({ year: 2027 });
      expect(m.dedupe_key).toMatch(new RegExp(`^calendar\\.next_year_missing:${t.id}:2027:`));
    }
    // The daily job again, days later: nothing new.
    expect(await sendNextYearNotices(handle.db, { now: new Date('2026-10-02T08:00:00+08:00'), tenantId: t.id })).toMatchObject({ due: 1, enqueued: 0 });
    expect(await outbox(t.id)).toHaveLength(2);

    expect((await importYear(t, admins[0], { year: 2027, csv: CSV_2027 })).statusCode).toBe(201);
    expect((await call(t, admins[0], 'GET', '/calendar/status')).json()).toMatchObject({ nextYearLoaded: true, showNotice: false });
    expect(await sendNextYearNotices(handle.db, { now: new Date('2026-11-02T08:00:00+08:00'), tenantId: t.id })).toEqual({ tenants: 1, due: 0, enqueued: 0 });
  });

  it('lets every staff member read the status, not a warga', async () => {
    const { t } = await regionWithStaff();
    const opd = await buildOpd(handle.db, t);
    expect((await call(t, await buildUser(handle.db, t, [{ role: 'operator_opd', opdId: opd.id }]), 'GET', '/calendar/status')).statusCode).toBe(200);
    expect((await call(t, await buildUser(handle.db, t, [{ role: 'warga' }]), 'GET', '/calendar/status')).statusCode).toBe(403);
    expect((await call(t, null, 'GET', '/calendar/status')).statusCode).toBe(401);
  });
});

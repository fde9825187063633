/**
 * The calendar API on a real database (PGlite and PostgreSQL): policy first, then the
 * national list, CRUD of a tenant's days with audit rows, and deadlines that honour them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUnit, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';

let handle: DbHandle;
let app: FastifyInstance;
// Explicit timeouts: the projects in vitest.config.ts do not inherit the root's
// hookTimeout, and opening PGlite on a busy 2-core machine can pass the 10 s default.
beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
}, 60_000);

const api = (t: TestTenant, path: string) => `/r/${t.slug}/api/v1${path}`;

async function adminOf(t: TestTenant) {
  return sessionHeaders(handle.db, await buildUser(handle.db, t, [{ role: 'admin' }]));
}

function auditRows(tenantId: string, entityId: string) {
  return handle.db
    .selectFrom('audit_log')
    .select(['action', 'entity_type', 'actor_id', 'before', 'after'])
    .where('tenant_id', '=', tenantId)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}

function tenantDayCount(tenantId: string) {
  return handle.db
    .selectFrom('tenant_day_off')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

describe('calendar policy', () => {
  let a: TestTenant;
  let b: TestTenant;
  beforeAll(async () => {
    a = await buildTenant(handle.db);
    b = await buildTenant(handle.db);
  });

  it('answers 401 to a caller who is not logged in, for reads and writes', async () => {
    for (const path of ['/calendar/national?year=2026', '/calendar/days-off', '/calendar/deadline?start=2026-03-17&days=3', '/calendar/working-days?from=2026-03-17&to=2026-03-27']) {
      const res = await app.inject({ url: api(a, path) });
      expect(res.statusCode, path).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
    const post = await app.inject({ method: 'POST', url: api(a, '/calendar/days-off'), payload: { date: '2026-04-08', kind: 'libur', name: 'Hari Jadi' } });
    expect(post.statusCode).toBe(401);
  });

  it("answers 403 to another tenant's admin, and stores nothing", async () => {
    const adminB = await adminOf(b);
    const read = await app.inject({ url: api(a, '/calendar/days-off?year=2026'), headers: adminB });
    expect(read.statusCode).toBe(403);
    const write = await app.inject({ method: 'POST', url: api(a, '/calendar/days-off'), headers: adminB, payload: { date: '2026-04-08', kind: 'libur', name: 'Hari Jadi' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('FORBIDDEN');
    expect(await tenantDayCount(a.id)).toBe(0);
  });

  it('lets an operator read but not write, and refuses a warga', async () => {
    const opd = await buildOpd(handle.db, a);
    const operator = await sessionHeaders(handle.db, await buildUser(handle.db, a, [{ role: 'operator_opd', opdId: opd.id }]));
    expect((await app.inject({ url: api(a, '/calendar/days-off?year=2026'), headers: operator })).statusCode).toBe(200);
    const write = await app.inject({ method: 'POST', url: api(a, '/calendar/days-off'), headers: operator, payload: { date: '2026-04-08', kind: 'libur', name: 'Hari Jadi' } });
    expect(write.statusCode).toBe(403);

    const admin = await adminOf(a);
    const created = await app.inject({ method: 'POST', url: api(a, '/calendar/days-off'), headers: admin, payload: { date: '2026-04-08', kind: 'libur', name: 'Hari Jadi' } });
    expect(created.statusCode).toBe(201);
    const del = await app.inject({ method: 'DELETE', url: api(a, `/calendar/days-off/${created.json().id}`), headers: operator });
    expect(del.statusCode).toBe(403);
    expect(await tenantDayCount(a.id)).toBe(1);

    const warga = await sessionHeaders(handle.db, await buildUser(handle.db, a, [{ role: 'warga' }]));
    expect((await app.inject({ url: api(a, '/calendar/national?year=2026'), headers: warga })).statusCode).toBe(403);
  });
});

describe('GET /calendar/national', () => {
  it('lists the seeded days of a year with their legal source', async () => {
    const t = await buildTenant(handle.db);
    const headers = await adminOf(t);
    const res = await app.inject({ url: api(t, '/calendar/national?year=2026'), headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ date: string; kind: string; name: string; legalSource: string; source: string }>;
    expect(items.filter((i) => i.kind === 'libur_nasional')).toHaveLength(17);
    expect(items.filter((i) => i.kind === 'cuti_bersama')).toHaveLength(8);
    expect(items).toContainEqual({
      date: '2026-03-21',
      kind: 'libur_nasional',
      name: 'Hari Raya Idulfitri 1447 H',
      legalSource: expect.stringContaining('1497/2025'),
      source: 'national',
    });
    const y2025 = (await app.inject({ url: api(t, '/calendar/national?year=2025'), headers })).json().items;
    expect(y2025).toHaveLength(28);
    const bad = await app.inject({ url: api(t, '/calendar/national?year=1999'), headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION');
  });
});

describe('days off: create, list, delete, with audit', () => {
  let t: TestTenant;
  let admin: Record<string, string>;
  let unitId: string;
  beforeAll(async () => {
    t = await buildTenant(handle.db);
    admin = await adminOf(t);
    unitId = (await buildUnit(handle.db, t, (await buildOpd(handle.db, t)).id, 'Puskesmas Batulicin')).id;
  });

  it('creates a tenant-wide libur and a unit masuk, lists them, and audits each write', async () => {
    const libur = await app.inject({
      method: 'POST', url: api(t, '/calendar/days-off'), headers: admin,
      payload: { date: '2026-04-08', kind: 'libur', name: 'Hari Jadi Kabupaten', legalSource: 'Keputusan Bupati No. 1/2026' },
    });
    expect(libur.statusCode).toBe(201);
    expect(libur.json()).toEqual({
      id: expect.any(String), date: '2026-04-08', kind: 'libur', unitId: null, unitName: null,
      name: 'Hari Jadi Kabupaten', legalSource: 'Keputusan Bupati No. 1/2026',
    });
    const masuk = await app.inject({
      method: 'POST', url: api(t, '/calendar/days-off'), headers: admin,
      payload: { date: '2026-03-23', kind: 'masuk', unitId, name: 'Pelayanan tetap buka' },
    });
    expect(masuk.statusCode).toBe(201);
    expect(masuk.json()).toMatchObject({ unitId, unitName: 'Puskesmas Batulicin', legalSource: null });

    const list = await app.inject({ url: api(t, '/calendar/days-off?year=2026'), headers: admin });
    expect(list.json().items.map((i: any) => [i.date, i.kind, i.unitName])).toEqual([
      ['2026-03-23', 'masuk', 'Puskesmas Batulicin'],
      ['2026-04-08', 'libur', null],
    ]);
    expect((await app.inject({ url: api(t, '/calendar/days-off?year=2025'), headers: admin })).json().items).toEqual([]);

    const audit = await auditRows(t.id, libur.json().id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'calendar.day.create', entity_type: 'tenant_day_off', before: null,
      after: { date: '2026-04-08', kind: 'libur', unit_id: null, name: 'Hari Jadi Kabupaten', legal_source: 'Keputusan Bupati No. 1/2026' },
    });
    expect(audit[0].actor_id).not.toBeNull();
  });

  it('refuses a duplicate date of the same scope with 409 in Indonesian or English', async () => {
    const before = await tenantDayCount(t.id);
    const payload = { date: '2026-04-08', kind: 'masuk', name: 'Lagi' };
    const id = await app.inject({ method: 'POST', url: api(t, '/calendar/days-off'), headers: admin, payload });
    expect(id.statusCode).toBe(409);
    expect(id.json()).toMatchObject({ code: 'DUPLICATE', message: 'Sudah ada hari libur/masuk pada tanggal 2026-04-08 untuk cakupan yang sama.' });
    const en = await app.inject({ method: 'POST', url: api(t, '/calendar/days-off'), headers: { ...admin, 'accept-language': 'en' }, payload });
    expect(en.json().message).toBe('There is already a day off/working day on 2026-04-08 for the same scope.');
    // The same date for one unit is another scope.
    const forUnit = await app.inject({ method: 'POST', url: api(t, '/calendar/days-off'), headers: admin, payload: { ...payload, unitId } });
    expect(forUnit.statusCode).toBe(201);
    expect(await tenantDayCount(t.id)).toBe(before + 1);
  });

  it('refuses a masuk day on a libur nasional, an unknown unit, bad dates and unknown fields', async () => {
    const before = await tenantDayCount(t.id);
    const post = (payload: object, lang = 'id') =>
      app.inject({ method: 'POST', url: api(t, '/calendar/days-off'), headers: { ...admin, 'accept-language': lang }, payload });

    const holiday = await post({ date: '2026-03-21', kind: 'masuk', unitId, name: 'Buka' });
    expect(holiday.statusCode).toBe(400);
    expect(holiday.json().message).toBe('Tanggal 2026-03-21 adalah libur nasional (Hari Raya Idulfitri 1447 H); libur nasional tidak dapat dijadikan hari kerja.');
    // The field gets the message too, so the form can show it beside the date.
    expect(holiday.json().details).toEqual([{ field: 'date', message: holiday.json().message }]);

    const other = await buildTenant(handle.db);
    const foreignUnit = await buildUnit(handle.db, other, (await buildOpd(handle.db, other)).id);
    for (const u of [foreignUnit.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await post({ date: '2026-03-24', kind: 'masuk', unitId: u, name: 'Buka' }, 'en');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_REFERENCE', message: 'The service unit does not exist in this region.' });
    }

    for (const date of ['2026-02-30', '26-03-24', '2026-13-01']) {
      const res = await post({ date, kind: 'libur', name: 'X' });
      expect(res.statusCode, date).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
    }
    expect((await post({ date: '1990-01-02', kind: 'libur', name: 'X' })).json().message).toBe('Tahun harus antara 2000 dan 2100.');
    expect((await post({ date: '2026-03-25', kind: 'tutup', name: 'X' })).statusCode).toBe(400);
    expect((await post({ date: '2026-03-25', kind: 'libur', name: '   ' })).statusCode).toBe(400);
    expect((await post({ date: '2026-03-25', kind: 'libur', name: 'X', extra: 1 })).statusCode).toBe(400);
    expect(await tenantDayCount(t.id)).toBe(before);
  });

  it('deletes a day with an audit row; a second delete and another tenant are 404', async () => {
    const created = await app.inject({ method: 'POST', url: api(t, '/calendar/days-off'), headers: admin, payload: { date: '2026-06-02', kind: 'libur', name: 'Libur daerah' } });
    const id = created.json().id as string;

    const other = await buildTenant(handle.db);
    const foreign = await app.inject({ method: 'DELETE', url: api(other, `/calendar/days-off/${id}`), headers: await adminOf(other) });
    expect(foreign.statusCode).toBe(404);

    const del = await app.inject({ method: 'DELETE', url: api(t, `/calendar/days-off/${id}`), headers: admin });
    expect(del.statusCode).toBe(204);
    const audit = await auditRows(t.id, id);
    expect(audit.map((r) => r.action)).toEqual(['calendar.day.create', 'calendar.day.delete']);
    expect(audit[1]).toMatchObject({ before: { date: '2026-06-02', kind: 'libur', name: 'Libur daerah' }, after: null });

    expect((await app.inject({ method: 'DELETE', url: api(t, `/calendar/days-off/${id}`), headers: admin })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: api(t, '/calendar/days-off/not-a-uuid'), headers: admin })).statusCode).toBe(400);
  });
});

describe('deadline and working days', () => {
  it("honours the tenant's days off and a unit's masuk day, in the tenant's time zone", async () => {
    const t = await buildTenant(handle.db, { timezone: 'Asia/Makassar' });
    const admin = await adminOf(t);
    const unitId = (await buildUnit(handle.db, t, (await buildOpd(handle.db, t)).id)).id;
    const deadlineOf = async (query: string) => {
      const res = await app.inject({ url: api(t, `/calendar/deadline?${query}`), headers: admin });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    // Received Tue 17 Mar 2026, 10:00 WITA; 18–24 Mar are Nyepi, Idulfitri and cuti bersama.
    const start = 'start=2026-03-17T10:00:00%2B08:00&days=3';
    expect(await deadlineOf(start)).toEqual({ start: '2026-03-17T02:00:00.000Z', days: 3, dueDate: '2026-03-27', dueAt: '2026-03-27T15:59:59.999Z' });

    // A tenant day off on Thu 26 Mar moves it to Mon 30 Mar (25, 27, 30), at once.
    const off = await app.inject({ method: 'POST', url: api(t, '/calendar/days-off'), headers: admin, payload: { date: '2026-03-26', kind: 'libur', name: 'Hari Jadi Kabupaten' } });
    expect(off.statusCode).toBe(201);
    expect((await deadlineOf(start)).dueDate).toBe('2026-03-30');
    expect((await deadlineOf(`${start}&unit=working`)).dueDate).toBe('2026-03-30');

    // A unit that works the cuti bersama of Mon 23 Mar: 23, 25, 27.
    await app.inject({ method: 'POST', url: api(t, '/calendar/days-off'), headers: admin, payload: { date: '2026-03-23', kind: 'masuk', unitId, name: 'Pelayanan tetap buka' } });
    expect((await deadlineOf(`${start}&unitId=${unitId}`)).dueDate).toBe('2026-03-27');
    expect((await deadlineOf(start)).dueDate).toBe('2026-03-30');

    // Calendar days ignore all of it; a Saturday due date stays.
    expect((await deadlineOf('start=2026-03-17T10:00:00%2B08:00&days=60&unit=calendar')).dueDate).toBe('2026-05-16');

    // Deleting the day off restores the first answer.
    await app.inject({ method: 'DELETE', url: api(t, `/calendar/days-off/${off.json().id}`), headers: admin });
    expect((await deadlineOf(start)).dueDate).toBe('2026-03-27');

    const count = async (query: string) => (await app.inject({ url: api(t, `/calendar/working-days?${query}`), headers: admin })).json();
    expect(await count('from=2026-03-17&to=2026-03-31')).toEqual({ count: 5 }); // 25, 26, 27, 30, 31
    expect(await count(`from=2026-03-17&to=2026-03-31&unitId=${unitId}`)).toEqual({ count: 6 }); // + 23
    expect(await count('from=2026-03-31&to=2026-03-17')).toEqual({ count: -5 });
    expect(await count('from=2025-12-24&to=2026-01-05')).toEqual({ count: 5 });
  });

  it('counts from the local date of the tenant: 23:30 WIB is already the next day in WITA', async () => {
    const wib = await buildTenant(handle.db, { timezone: 'Asia/Jakarta' });
    const wita = await buildTenant(handle.db, { timezone: 'Asia/Makassar' });
    const q = '/calendar/deadline?start=2026-03-24T16:30:00Z&days=3';
    const a = (await app.inject({ url: api(wib, q), headers: await adminOf(wib) })).json();
    const b = (await app.inject({ url: api(wita, q), headers: await adminOf(wita) })).json();
    expect(a).toMatchObject({ dueDate: '2026-03-27', dueAt: '2026-03-27T16:59:59.999Z' });
    expect(b).toMatchObject({ dueDate: '2026-03-30', dueAt: '2026-03-30T15:59:59.999Z' });
  });

  it('refuses bad input with a clear 4xx', async () => {
    const t = await buildTenant(handle.db);
    const headers = await adminOf(t);
    const get = (q: string, lang = 'id') => app.inject({ url: api(t, q), headers: { ...headers, 'accept-language': lang } });
    const tooMany = await get('/calendar/deadline?start=2026-03-17&days=3651');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('VALIDATION');
    const badStart = await get('/calendar/deadline?start=2026-03-17T10:00:00&days=3', 'en');
    expect(badStart.statusCode).toBe(400);
    expect(badStart.json().message).toBe('start is not a valid time (a YYYY-MM-DD date or an ISO 8601 time with a time zone).');
    expect((await get('/calendar/deadline?start=2026-03-17&days=3&unit=jam')).statusCode).toBe(400);
    expect((await get('/calendar/deadline?start=2026-03-17&days=3&unitId=00000000-0000-4000-8000-000000000000')).json().code).toBe('INVALID_REFERENCE');
    expect((await get('/calendar/working-days?from=2026-02-30&to=2026-03-01')).statusCode).toBe(400);
    const span = await get('/calendar/working-days?from=2000-01-01&to=2099-12-31');
    expect(span.statusCode).toBe(400);
    expect(span.json().message).toBe('to: paling banyak 7300 hari.');
  });
});

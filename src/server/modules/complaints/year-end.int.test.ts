/**
 * Deadlines across the year's end (issue #11 §4), on PGlite and PostgreSQL: a report of
 * 23 December 2026 in a WITA region, routed the same day (5 working days for the OPD's
 * first response), is due on Monday 4 January 2027 — not on New Year's Day — and is
 * marked provisional on the case page and the public tracking page while 2027 is not
 * loaded; once the region's admin loads 2027 the recompute job moves it, once, with an
 * internal timeline event and an audit row. The 2027 rows loaded here are test data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { MIGRATIONS_DIR } from '../../db/migrate.js';
import { buildComplaint } from '../../../../test/helpers/complaints.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant, type TestUser } from '../../../../test/helpers/factories.js';
import { caller, type Caller } from '../../../../test/helpers/organisation.js';
import { recomputeProvisionalDues } from './recompute.js';
import { runSweep } from './sweep.js';

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

/** End of a local day in WITA (UTC+8), as the API writes it. */
const endOfWitaDay = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

/** 2027 rows for the tests (not the real SKB): 1 January and a cuti bersama on Monday 4 January. */
const ROWS_2027 = [
  { date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2027 Masehi', legalSource: 'SKB uji 2027' },
  { date: '2027-01-04', kind: 'cuti_bersama', name: 'Cuti bersama uji', legalSource: 'SKB uji 2027' },
];

interface Region {
  tenant: TestTenant;
  opdId: string;
  admin: Caller;
  desk: Caller;
  operator: Caller;
}

/**
 * Calls as `user` with a session made at the (possibly faked) time of each call: a session
 * made at the real time would have expired by a faked 23 December, or not begun.
 */
function as(user: TestUser): Caller {
  const fresh = async () => caller(app, await sessionHeaders(handle.db, user));
  return {
    get: async (u) => (await fresh()).get(u),
    post: async (u, body) => (await fresh()).post(u, body),
    patch: async (u, body) => (await fresh()).patch(u, body),
    csv: async (u, body, type) => (await fresh()).csv(u, body, type),
  };
}

async function region(): Promise<Region> {
  const db = handle.db;
  const tenant = await buildTenant(db, { timezone: 'Asia/Makassar' });
  const opd = await buildOpd(db, tenant);
  const user = (roles: Parameters<typeof buildUser>[2]) => buildUser(db, tenant, roles);
  return {
    tenant,
    opdId: opd.id,
    admin: as(await user([{ role: 'admin' }])),
    desk: as(await user([{ role: 'verifikator' }])),
    operator: as(await user([{ role: 'operator_opd', opdId: opd.id }])),
  };
}

async function file(r: Region, at: string): Promise<{ id: string; trackingCode: string }> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  const res = await r.desk.post('/complaints', {
    kind: 'pengaduan',
    channel: 'walk_in',
    title: 'Lampu jalan mati di depan pasar',
    description: 'Sudah seminggu gelap, rawan kecelakaan.',
    isAnonymous: false,
    isConfidential: false,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function act(r: Region, id: string, action: string, at: string, body: Record<string, unknown> = {}) {
  vi.setSystemTime(new Date(at));
  const res = await r.desk.post(`/complaints/${id}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().complaint as { dueAt: string; dueStage: string; dueProvisionalYear: number | null };
}

function row(tenantId: string, id: string) {
  return handle.db.selectFrom('complaint').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();
}

function eventsOf(tenantId: string, id: string, type: string) {
  return handle.db.selectFrom('complaint_event').selectAll().where('tenant_id', '=', tenantId).where('complaint_id', '=', id).where('type', '=', type).execute();
}

function auditOf(tenantId: string, id: string, action: string) {
  return handle.db.selectFrom('audit_log').select(['before', 'after', 'actor_label']).where('tenant_id', '=', tenantId).where('entity_id', '=', id).where('action', '=', action).execute();
}

async function load2027(r: Region, rows = ROWS_2027) {
  const res = await r.admin.post('/calendar/national/import', { year: 2027, rows });
  expect(res.statusCode, res.body).toBe(201);
}

/** A case routed on 23 Dec 2026 at 10:00 WITA: the OPD's 5 working days reach into 2027. */
async function routedOn23December(r: Region) {
  const filed = await file(r, '2026-12-23T09:00:00+08:00');
  await act(r, filed.id, 'verify', '2026-12-23T09:30:00+08:00');
  const routed = await act(r, filed.id, 'route', '2026-12-23T10:00:00+08:00', { opdId: r.opdId });
  vi.useRealTimers();
  return { ...filed, routed };
}

describe('a report of 23 December 2026 routed the same day (5 working days)', () => {
  it('is due on Mon 4 January 2027, not on New Year’s Day, and provisional on the case page and the public page', async () => {
    const r = await region();
    const c = await routedOn23December(r);
    // 24 Dec cuti bersama, 25 Dec Natal, 26–27 weekend; 28–31 Dec; 1 Jan Tahun Baru; 2–3 Jan weekend; 4 Jan.
    expect(c.routed).toMatchObject({ dueStage: 'first_response', dueAt: endOfWitaDay('2027-01-04'), dueProvisionalYear: 2027 });
    expect(await row(r.tenant.id, c.id)).toMatchObject({
      due_provisional_year: 2027,
      due_from: new Date('2026-12-23T10:00:00+08:00'),
      due_stage: 'first_response',
    });

    const page = await r.operator.get(`/complaints/${c.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().complaint).toMatchObject({ dueAt: endOfWitaDay('2027-01-04'), dueProvisionalYear: 2027 });
    const track = await app.inject({ url: `/r/${r.tenant.slug}/api/v1/public/complaints/${c.trackingCode}`, remoteAddress: '10.9.0.1' });
    expect(track.statusCode, track.body).toBe(200);
    expect(track.json()).toMatchObject({ dueAt: endOfWitaDay('2027-01-04'), dueProvisionalYear: 2027 });
  });

  it('marks a deadline set at intake provisional too, and never a calendar-day one', async () => {
    const r = await region();
    // Received Tue 29 Dec: 3 working days are 30, 31 Dec and (after 1 Jan and the weekend) 4 Jan.
    const filed = await file(r, '2026-12-29T10:00:00+08:00');
    expect(await row(r.tenant.id, filed.id)).toMatchObject({ due_at: new Date(endOfWitaDay('2027-01-04')), due_provisional_year: 2027, due_stage: 'verification' });
    await act(r, filed.id, 'verify', '2026-12-29T11:00:00+08:00');
    await act(r, filed.id, 'route', '2026-12-29T11:30:00+08:00', { opdId: r.opdId });
    vi.setSystemTime(new Date('2026-12-30T09:00:00+08:00'));
    const res = await r.operator.post(`/complaints/${filed.id}/actions/respond`, { note: 'Petugas dikirim.' });
    expect(res.statusCode, res.body).toBe(200);
    // Resolution: 60 calendar days (UU 25/2009) from the complete file (verified 29 Dec, ADR 0024),
    // whatever the holidays: final.
    expect(res.json().complaint).toMatchObject({ dueStage: 'resolution', dueAt: endOfWitaDay('2027-02-27'), dueProvisionalYear: null });
  });
});

describe('loading 2027 recomputes the provisional deadlines', () => {
  it('moves the due date to Tue 5 January, clears the flag, with an internal event and an audit row, once', async () => {
    const r = await region();
    const routed = await routedOn23December(r);
    const intake = await file(r, '2026-12-29T10:00:00+08:00');
    vi.useRealTimers();
    await load2027(r);

    // Two runners at once (two app processes): each case is recomputed once.
    const runs = await Promise.all([recomputeProvisionalDues(handle.db, { tenantId: r.tenant.id }), recomputeProvisionalDues(handle.db, { tenantId: r.tenant.id })]);
    expect(runs[0].recomputed + runs[1].recomputed).toBe(2);
    expect(runs[0].moved + runs[1].moved).toBe(2);

    for (const c of [routed, intake]) {
      expect(await row(r.tenant.id, c.id)).toMatchObject({ due_at: new Date(endOfWitaDay('2027-01-05')), due_provisional_year: null });
      const events = await eventsOf(r.tenant.id, c.id, 'due_recomputed');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ visibility: 'internal', actor_label: 'complaints.due-recompute' });
      expect(events[0].data).toMatchObject({ fromDueAt: endOfWitaDay('2027-01-04'), toDueAt: endOfWitaDay('2027-01-05'), loadedYear: 2027, provisionalYear: null });
      const audit = await auditOf(r.tenant.id, c.id, 'complaint.due_recompute');
      expect(audit).toHaveLength(1);
      expect(audit[0].after).toMatchObject({ due_at: endOfWitaDay('2027-01-05'), due_provisional_year: null, moved: true });
    }
    const page = (await r.desk.get(`/complaints/${routed.id}`)).json().complaint;
    expect(page).toMatchObject({ dueAt: endOfWitaDay('2027-01-05'), dueProvisionalYear: null });
    expect(page.timeline.map((e: { type: string }) => e.type)).toContain('due_recomputed');
    // The public timeline does not show the internal event; the date is final there too.
    const track = (await app.inject({ url: `/r/${r.tenant.slug}/api/v1/public/complaints/${routed.trackingCode}`, remoteAddress: '10.9.0.2' })).json();
    expect(track).toMatchObject({ dueAt: endOfWitaDay('2027-01-05'), dueProvisionalYear: null });
    expect(track.timeline.map((e: { type: string }) => e.type)).not.toContain('due_recomputed');

    // A later run finds nothing left to do.
    expect(await recomputeProvisionalDues(handle.db, { tenantId: r.tenant.id })).toMatchObject({ recomputed: 0, skipped: 0 });
  });

  it('clears the flag without an event when the loaded year does not move the date, under the rule version it started with', async () => {
    const r = await region();
    const c = await routedOn23December(r);
    // A newer, backdated rule for the stage must not apply to the running stage.
    const rule = await r.admin.post('/deadline-rules', { stage: 'first_response', days: 2, dayType: 'working', legalSource: 'SOP uji', validFrom: '2026-01-01' });
    expect(rule.statusCode, rule.body).toBe(201);
    await load2027(r, [ROWS_2027[0]]);
    await recomputeProvisionalDues(handle.db, { tenantId: r.tenant.id });
    expect(await row(r.tenant.id, c.id)).toMatchObject({ due_at: new Date(endOfWitaDay('2027-01-04')), due_provisional_year: null });
    expect(await eventsOf(r.tenant.id, c.id, 'due_recomputed')).toEqual([]);
    expect(await auditOf(r.tenant.id, c.id, 'complaint.due_recompute')).toHaveLength(1);
  });

  it("leaves another region's provisional deadline alone: a tenant admin's import is the tenant's only", async () => {
    const a = await region();
    const b = await region();
    const caseB = await routedOn23December(b);
    await load2027(a);
    await recomputeProvisionalDues(handle.db, { tenantId: b.tenant.id });
    expect(await row(b.tenant.id, caseB.id)).toMatchObject({ due_at: new Date(endOfWitaDay('2027-01-04')), due_provisional_year: 2027 });
    expect(await eventsOf(b.tenant.id, caseB.id, 'due_recomputed')).toEqual([]);
    const deadline = await b.desk.get(`/calendar/deadline?start=2026-12-23T10:00:00%2B08:00&days=5`);
    expect(deadline.json()).toMatchObject({ dueDate: '2027-01-04' });
  });

  it('keeps a case provisional, for the later year, when its count still reaches a year that is not loaded', async () => {
    const r = await region();
    // 300 working days from 23 Dec 2026 reach into 2028: loading 2027 is not enough.
    const rule = await r.admin.post('/deadline-rules', { stage: 'first_response', days: 300, dayType: 'working', legalSource: 'SOP uji', validFrom: '2026-01-01' });
    expect(rule.statusCode, rule.body).toBe(201);
    const c = await routedOn23December(r);
    expect(c.routed.dueProvisionalYear).toBe(2027);
    await load2027(r);
    const run = await recomputeProvisionalDues(handle.db, { tenantId: r.tenant.id });
    expect(run).toMatchObject({ recomputed: 1, stillProvisional: 1 });
    expect((await row(r.tenant.id, c.id)).due_provisional_year).toBe(2028);
    expect(await recomputeProvisionalDues(handle.db, { tenantId: r.tenant.id })).toMatchObject({ recomputed: 0 });
  });
});

describe("a case's other clocks", () => {
  it('recomputes a working-day completion clock and the escalation climb too, once 2027 is loaded', async () => {
    const r = await region();
    // A local SOP tier: completion in 10 working days instead of 60 calendar days.
    const rule = await r.admin.post('/deadline-rules', { stage: 'resolution', days: 10, dayType: 'working', legalSource: 'SOP uji', validFrom: '2026-01-01' });
    expect(rule.statusCode, rule.body).toBe(201);
    // Verified and routed on Mon 14 Dec: the OPD's 5 working days end Mon 21 Dec.
    const filed = await file(r, '2026-12-14T09:00:00+08:00');
    await act(r, filed.id, 'verify', '2026-12-14T09:30:00+08:00');
    await act(r, filed.id, 'route', '2026-12-14T10:00:00+08:00', { opdId: r.opdId });
    vi.useRealTimers();
    // 10 working days from 14 Dec: 15–18, 21–23 Dec (24 cuti bersama, 25 Natal), 28–30 Dec: final in 2026.
    expect(await row(r.tenant.id, filed.id)).toMatchObject({ completion_due_at: new Date(endOfWitaDay('2026-12-30')), completion_provisional_year: null });

    // Untouched, swept on Mon 28 Dec: level 1, and the Sekda's 5 working days count into 2027
    // (29–31 Dec, 1 Jan Tahun Baru, 4–5 Jan).
    await runSweep(handle.db, { now: new Date('2026-12-28T10:00:00+08:00'), tenantId: r.tenant.id });
    expect(await row(r.tenant.id, filed.id)).toMatchObject({
      escalation_level: 1,
      escalation_due_at: new Date(endOfWitaDay('2027-01-05')),
      escalation_provisional_year: 2027,
    });
    const page = (await r.desk.get(`/complaints/${filed.id}`)).json().complaint;
    expect(page).toMatchObject({ escalationDueAt: endOfWitaDay('2027-01-05'), escalationDueProvisionalYear: 2027 });

    // A second case verified on Tue 22 Dec: its completion clock (23, 28–31 Dec, 4–8 Jan) ends
    // Fri 8 Jan 2027, provisional.
    const second = await file(r, '2026-12-22T09:00:00+08:00');
    await act(r, second.id, 'verify', '2026-12-22T09:30:00+08:00');
    vi.useRealTimers();
    expect(await row(r.tenant.id, second.id)).toMatchObject({ completion_due_at: new Date(endOfWitaDay('2027-01-08')), completion_provisional_year: 2027 });

    await load2027(r);
    const run = await recomputeProvisionalDues(handle.db, { tenantId: r.tenant.id });
    expect(run).toMatchObject({ stillProvisional: 0, skipped: 0 });
    // The cuti bersama of Mon 4 Jan 2027 moves both by a working day.
    expect(await row(r.tenant.id, filed.id)).toMatchObject({ escalation_due_at: new Date(endOfWitaDay('2027-01-06')), escalation_provisional_year: null });
    expect(await row(r.tenant.id, second.id)).toMatchObject({ completion_due_at: new Date(endOfWitaDay('2027-01-11')), completion_provisional_year: null });
    const events = await eventsOf(r.tenant.id, filed.id, 'due_recomputed');
    expect(events.map((e) => (e.data as { clock: string }).clock)).toContain('escalation');
    expect(await recomputeProvisionalDues(handle.db, { tenantId: r.tenant.id })).toMatchObject({ recomputed: 0 });
  });
});

describe('the migration that adds the columns', () => {
  it('marks the open cases filed before it from the event that started their stage', async () => {
    const r = await region();
    const db = handle.db;
    const old = (dueAt: string, stage: 'verification' | 'first_response' | 'resolution') =>
      buildComplaint(db, r.tenant, { status: stage === 'verification' ? 'received' : 'routed', due_at: new Date(dueAt), due_stage: stage }).then((b) => b.complaint);
    const event = (complaintId: string, type: string, at: string, dueRule: object) =>
      db.insertInto('complaint_event').values({
        tenant_id: r.tenant.id, complaint_id: complaintId, type, from_status: null, to_status: null, visibility: 'public', note: null,
        actor_id: null, actor_label: 'uji', opd_id: null, charged_to: null, at: new Date(at), data: JSON.stringify({ by: 'desk', dueRule }),
      }).execute();
    // Routed on 23 Dec under a working-day rule, due in 2027: provisional.
    const routed = await old(endOfWitaDay('2027-01-01'), 'first_response');
    await event(routed.id, 'received', '2026-12-22T01:00:00Z', { id: null, days: 3, dayType: 'working' });
    await event(routed.id, 'route', '2026-12-23T02:00:00Z', { id: null, days: 5, dayType: 'working' });
    // Counted in calendar days: never provisional, even in 2027.
    const calendarDays = await old(endOfWitaDay('2027-02-21'), 'resolution');
    await event(calendarDays.id, 'respond', '2026-12-23T02:00:00Z', { id: null, days: 60, dayType: 'calendar' });
    // Due inside 2026: final. Its stage started at intake: due_from is the time of receipt.
    const inside = await old(endOfWitaDay('2026-12-30'), 'verification');
    await event(inside.id, 'received', '2026-12-23T02:00:05Z', { id: null, days: 3, dayType: 'working' });

    // The migration's UPDATE, limited to this test's region (the PostgreSQL run shares its
    // database with other test files).
    const text = fs.readFileSync(path.join(MIGRATIONS_DIR, '20261208_1020_complaint_due_provisional.sql'), 'utf8');
    const update = text.slice(text.indexOf('WITH started AS')).trim().replace(/;$/, '');
    expect(update).toMatch(/AND t\.id = c\.tenant_id$/);
    await sql.raw(`${update} AND c.tenant_id = '${r.tenant.id}'`).execute(db);

    expect(await row(r.tenant.id, routed.id)).toMatchObject({ due_from: new Date('2026-12-23T02:00:00Z'), due_rule_id: null, due_provisional_year: 2027 });
    expect(await row(r.tenant.id, calendarDays.id)).toMatchObject({ due_from: new Date('2026-12-23T02:00:00Z'), due_provisional_year: null });
    const i = await row(r.tenant.id, inside.id);
    expect(i).toMatchObject({ due_from: i.received_at, due_provisional_year: null });
  });
});

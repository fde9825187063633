/**
 * The escalation ladder on the database (issue #11 §3, ADR 0024): a case the OPD never
 * touches climbs kepala OPD → Sekda → Bupati on its own at the configured working days,
 * once per level, and stops at the top; two sweepers at once change nothing; a new rule
 * version times the cases escalated after it; the OPD's own step stops the climb, a new
 * missed deadline re-arms it; an OPD's request, re-routing and merging follow the ladder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '../../db/index.js';
import type { Actor, RequestContext, TenantRef } from '../../platform/context.js';
import { openTestDatabase, TEST_DB_KIND } from '../../../../test/helpers/db.js';
import { buildOpd, buildTenant, buildUser, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildComplaint } from '../../../../test/helpers/complaints.js';
import { loadWorkCalendar } from '../calendar/service.js';
import { addCalendarDays, addWorkingDays, endOfLocalDay, localDate, type WorkCalendar } from '../calendar/workdays.js';
import { addDeadlineRule } from './categories-service.js';
import { computeDue, seedDefaultDeadlineRules } from './deadlines.js';
import { requestEscalation } from './inbox-service.js';
import { runSweep } from './sweep.js';
import { applyTransition } from './transitions.js';

let handle: DbHandle;
let second: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  // On PostgreSQL the second sweeper has its own pool; PGlite is one embedded database.
  second = TEST_DB_KIND === 'postgres' ? await openTestDatabase() : handle;
});
afterAll(async () => {
  if (second !== handle) await second.close();
  await handle.close();
});

const TZ = 'Asia/Makassar' as const;
/** 10:00 WITA on a local date: when the test's daily sweep runs. */
const at10 = (date: string) => new Date(`${date}T10:00:00+08:00`);
const endOf = (date: string) => endOfLocalDay(date, TZ);

async function setup(db: Db) {
  const tenant = await buildTenant(db, { timezone: TZ });
  await db.transaction().execute((tx) => seedDefaultDeadlineRules(tx, tenant.id));
  const opd = await buildOpd(db, tenant);
  const other = await buildOpd(db, tenant);
  const setda = await buildOpd(db, tenant, { type: 'sekretariat', name: 'Sekretariat Daerah' });
  const operator = await buildUser(db, tenant, [{ role: 'operator_opd', opdId: opd.id }]);
  const head = await buildUser(db, tenant, [{ role: 'kepala_opd', opdId: opd.id }]);
  const sekda = await buildUser(db, tenant, [{ role: 'kepala_opd', opdId: setda.id }]);
  const bupati = await buildUser(db, tenant, [{ role: 'pimpinan' }]);
  const desk = await buildUser(db, tenant, [{ role: 'verifikator' }]);
  const admin = await buildUser(db, tenant, [{ role: 'admin' }]);
  const ref: TenantRef = { id: tenant.id, code: tenant.code, name: tenant.name, slug: tenant.slug, timezone: TZ, isDemo: false };
  const actor = (u: { id: string; email: string }, roles: Actor['roles']): RequestContext => ({
    requestId: 'test', locale: 'id', tenant: ref, actor: { userId: u.id, tenantId: tenant.id, name: 'Pengguna Uji', email: u.email, roles, viaToken: false },
  });
  return {
    tenant, ref, opd, other, operator, head, sekda, bupati, desk,
    deskCtx: actor(desk, [{ role: 'verifikator', opdId: null }]),
    opdCtx: actor(operator, [{ role: 'operator_opd', opdId: opd.id }]),
    adminCtx: actor(admin, [{ role: 'admin', opdId: null }]),
  };
}

/** A case the desk routed to `opdId` at `routedAt` (as the 'route' step stores it), its file complete then. */
async function routedCase(db: Db, s: Awaited<ReturnType<typeof setup>>, routedAt: Date, opdId = s.opd.id) {
  const first = await computeDue(db, s.ref, { stage: 'first_response', kind: 'pengaduan', from: routedAt });
  const completion = await computeDue(db, s.ref, { stage: 'resolution', kind: 'pengaduan', from: routedAt });
  const { complaint } = await buildComplaint(db, s.tenant, {
    status: 'routed', opd_id: opdId, routed_at: routedAt, due_stage: 'first_response', due_at: first.dueAt,
    file_complete_at: routedAt, completion_due_at: completion.dueAt,
  });
  return complaint;
}

async function caseRow(db: Db, tenant: TestTenant, id: string) {
  return db.selectFrom('complaint').select(['escalation_level', 'escalated_at', 'escalation_due_at', 'due_at', 'due_stage', 'status'])
    .where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow();
}

async function escalations(db: Db, tenant: TestTenant, id?: string) {
  let q = db.selectFrom('complaint_event').select(['complaint_id', 'data', 'at', 'visibility']).where('tenant_id', '=', tenant.id).where('type', '=', 'escalated');
  if (id) q = q.where('complaint_id', '=', id);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ ...r, data: r.data as { level: number; reason: string; nextLevel: { dueAt: string; rule: { days: number } } | null } }));
}

async function alerts(db: Db, tenant: TestTenant, id?: string) {
  let q = db.selectFrom('notification').select(['recipient', 'template', 'related_id', 'params'])
    .where('tenant_id', '=', tenant.id).where('template', 'in', ['opd.escalated', 'leader.escalated']);
  if (id) q = q.where('related_id', '=', id);
  return q.execute();
}

function twoSweepers(tenant: TestTenant, now: Date) {
  return Promise.all([runSweep(handle.db, { now, tenantId: tenant.id }), runSweep(second.db, { now, tenantId: tenant.id })]);
}

let cal: WorkCalendar;
beforeAll(async () => {
  const t = await buildTenant(handle.db, { timezone: TZ });
  cal = await loadWorkCalendar(handle.db, t.id, { fromYear: 2026, toYear: 2026 });
});

describe('an untouched case climbs the whole ladder', () => {
  it('swept day by day for 90 days by two sweepers: levels 1, 2, 3 at the configured working days, one alert each, never level 4', async () => {
    const { db } = handle;
    const s = await setup(db);
    // Routed on Monday 11 May 2026; Ascension (14 May) and its cuti bersama (15 May),
    // Iduladha (27 May) and its cuti bersama (28 May) and Pancasila day (1 June) fall inside.
    const routed = '2026-05-11';
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await routedCase(db, s, at10(routed)));

    // The dates, counted on the tenant calendar with the seeded rules (5 + 5 + 5 working days).
    const firstDue = addWorkingDays(cal, routed, 5);
    const level1 = addCalendarDays(firstDue, 1);
    const sekdaDue = addWorkingDays(cal, level1, 5);
    const level2 = addCalendarDays(sekdaDue, 1);
    const bupatiDue = addWorkingDays(cal, level2, 5);
    const level3 = addCalendarDays(bupatiDue, 1);
    expect([firstDue, level1, sekdaDue, level2, bupatiDue, level3]).toEqual(['2026-05-20', '2026-05-21', '2026-06-02', '2026-06-03', '2026-06-10', '2026-06-11']);
    expect(cases.every((c) => c.due_at!.getTime() === endOf(firstDue).getTime())).toBe(true);

    const reachedOn = new Map<string, Map<number, string>>(cases.map((c) => [c.id, new Map()]));
    let total = 0;
    for (let d = 1; d <= 90; d++) {
      const day = addCalendarDays(routed, d);
      const [a, b] = await twoSweepers(s.tenant, at10(day));
      total += a.escalations + b.escalations;
      for (const c of cases) {
        const row = await caseRow(db, s.tenant, c.id);
        const seen = reachedOn.get(c.id)!;
        if (row.escalation_level > 0 && !seen.has(row.escalation_level)) seen.set(row.escalation_level, day);
      }
    }
    expect(total).toBe(3 * cases.length);

    for (const c of cases) {
      expect(Object.fromEntries(reachedOn.get(c.id)!)).toEqual({ 1: level1, 2: level2, 3: level3 });
      const row = await caseRow(db, s.tenant, c.id);
      expect(row).toMatchObject({ escalation_level: 3, escalation_due_at: null, status: 'routed' });

      // One internal 'escalated' event per level, at the day it was reached.
      const ev = await escalations(db, s.tenant, c.id);
      expect(ev.map((e) => [e.data.level, e.data.reason, localDate(new Date(e.at), TZ), e.visibility])).toEqual([
        [1, 'overdue', level1, 'internal'], [2, 'no_action', level2, 'internal'], [3, 'no_action', level3, 'internal'],
      ]);
      expect(ev.map((e) => e.data.nextLevel && [e.data.nextLevel.dueAt, e.data.nextLevel.rule.days])).toEqual([
        [endOf(sekdaDue).toISOString(), 5], [endOf(bupatiDue).toISOString(), 5], null,
      ]);

      // One alert per level, to the right people: the OPD head, the Sekda, the Bupati.
      const sent = await alerts(db, s.tenant, c.id);
      const byLevel = sent.map((n) => [n.template, n.recipient, (n.params as { level: number }).level] as const).sort((x, y) => x[2] - y[2]);
      expect(byLevel).toEqual([
        ['opd.escalated', s.head.email, 1], ['leader.escalated', s.sekda.email, 2], ['leader.escalated', s.bupati.email, 3],
      ]);
    }
    const audit = await db.selectFrom('audit_log').select('entity_id').where('tenant_id', '=', s.tenant.id).where('action', '=', 'complaint.escalate').execute();
    expect(audit).toHaveLength(3 * cases.length);
  });
});

describe('rule versions', () => {
  it('a new escalation_sekda version (valid_from) times the cases escalated after it; earlier ones keep theirs', async () => {
    const { db } = handle;
    const s = await setup(db);
    await addDeadlineRule(db, s.adminCtx, s.tenant.id, {
      stage: 'escalation_sekda', days: 2, dayType: 'working', legalSource: 'Perbup Uji 1/2026 Pasal 9', validFrom: '2026-06-01',
    });
    const before = await routedCase(db, s, at10('2026-05-11'));
    // Routed Monday 8 June: first response due Monday 15 June; level 1 on Tuesday 16 June
    // (1 Muharram, a holiday: the sweep runs anyway, the count starts the next working day).
    const after = await routedCase(db, s, at10('2026-06-08'));

    await runSweep(db, { now: at10('2026-05-21'), tenantId: s.tenant.id });
    expect((await caseRow(db, s.tenant, before.id)).escalation_due_at).toEqual(endOf(addWorkingDays(cal, '2026-05-21', 5)));

    await runSweep(db, { now: at10('2026-06-16'), tenantId: s.tenant.id });
    const armed = await caseRow(db, s.tenant, after.id);
    expect(armed.escalation_level).toBe(1);
    expect(addWorkingDays(cal, '2026-06-16', 2)).toBe('2026-06-18');
    expect(armed.escalation_due_at).toEqual(endOf('2026-06-18'));
    expect((await escalations(db, s.tenant, after.id))[0]!.data.nextLevel!.rule.days).toBe(2);

    await runSweep(db, { now: at10('2026-06-18'), tenantId: s.tenant.id });
    expect((await caseRow(db, s.tenant, after.id)).escalation_level).toBe(1);
    await runSweep(db, { now: at10('2026-06-19'), tenantId: s.tenant.id });
    const atSekda = await caseRow(db, s.tenant, after.id);
    expect(atSekda.escalation_level).toBe(2);
    // The Bupati step keeps the default 5 working days.
    expect(atSekda.escalation_due_at).toEqual(endOf(addWorkingDays(cal, '2026-06-19', 5)));
  });

  it('refuses a calendar-day escalation rule with a clear message, in the caller\'s language', async () => {
    const { db } = handle;
    const s = await setup(db);
    const body = { stage: 'escalation_bupati' as const, days: 7, dayType: 'calendar' as const, legalSource: 'Perbup', validFrom: '2026-06-01' };
    await expect(addDeadlineRule(db, s.adminCtx, s.tenant.id, body)).rejects.toMatchObject({
      code: 'VALIDATION', details: [{ field: 'dayType', message: expect.stringMatching(/hari kerja/) }],
    });
    await expect(addDeadlineRule(db, { ...s.adminCtx, locale: 'en' }, s.tenant.id, body)).rejects.toMatchObject({
      details: [{ field: 'dayType', message: expect.stringMatching(/working days/) }],
    });
    // The database holds the same line.
    await expect(db.insertInto('deadline_rule').values({
      tenant_id: s.tenant.id, stage: 'escalation_sekda', kind: null, category_id: null, days: 3, day_type: 'calendar', legal_source: 'x', valid_from: '2026-01-01',
    }).execute()).rejects.toThrow(/deadline_rule_escalation_working_check/);
  });
});

describe('what stops, re-arms or resets the climb', () => {
  it('the OPD responding stops it (the level stays); missing the new deadline raises one level and re-arms it', async () => {
    const { db } = handle;
    const s = await setup(db);
    const c = await routedCase(db, s, at10('2026-05-11'));
    await runSweep(db, { now: at10('2026-05-21'), tenantId: s.tenant.id });
    expect((await caseRow(db, s.tenant, c.id)).escalation_due_at).not.toBeNull();

    await db.transaction().execute((tx) => applyTransition(tx, s.opdCtx, { tenantId: s.tenant.id, complaintId: c.id, action: 'respond', by: 'opd', note: 'Tim ke lokasi' }));
    const responded = await caseRow(db, s.tenant, c.id);
    // The resolution stage runs on the completion clock started when the file was complete (11 May + 60 days).
    expect(responded).toMatchObject({ escalation_level: 1, escalation_due_at: null, due_stage: 'resolution', status: 'in_progress' });
    expect(responded.due_at).toEqual(endOf(addCalendarDays('2026-05-11', 60)));

    // Past the Sekda's day: nothing climbs while the new deadline runs.
    await runSweep(db, { now: at10('2026-06-05'), tenantId: s.tenant.id });
    expect((await caseRow(db, s.tenant, c.id)).escalation_level).toBe(1);

    // The completion deadline (10 July) missed: level 2, and the climb re-armed from then.
    const missed = addCalendarDays('2026-05-11', 61);
    await runSweep(db, { now: at10(missed), tenantId: s.tenant.id });
    const l2 = await caseRow(db, s.tenant, c.id);
    expect(l2.escalation_level).toBe(2);
    expect(l2.escalation_due_at).toEqual(endOf(addWorkingDays(cal, missed, 5)));
    await runSweep(db, { now: at10(addCalendarDays(addWorkingDays(cal, missed, 5), 1)), tenantId: s.tenant.id });
    expect(await caseRow(db, s.tenant, c.id)).toMatchObject({ escalation_level: 3, escalation_due_at: null });
    expect((await escalations(db, s.tenant, c.id)).map((e) => e.data.reason)).toEqual(['overdue', 'overdue', 'no_action']);
  });

  it('an OPD request climbs the same ladder: the next level falls due if nobody acts', async () => {
    const { db } = handle;
    const s = await setup(db);
    const { complaint } = await buildComplaint(db, s.tenant, {
      status: 'in_progress', opd_id: s.opd.id, due_stage: 'resolution', due_at: endOf('2026-07-31'), routed_at: at10('2026-06-01'),
    });
    const asked = '2026-06-10';
    await requestEscalation(db, s.opdCtx, s.ref, complaint.id, 'Di luar kewenangan: jalan provinsi', at10(asked));
    const row = await caseRow(db, s.tenant, complaint.id);
    expect(row.escalation_level).toBe(1);
    // 11, 12, 15, (16 June off), 17, 18 June.
    expect(addWorkingDays(cal, asked, 5)).toBe('2026-06-18');
    expect(row.escalation_due_at).toEqual(endOf('2026-06-18'));

    await runSweep(db, { now: at10('2026-06-18'), tenantId: s.tenant.id });
    expect((await caseRow(db, s.tenant, complaint.id)).escalation_level).toBe(1);
    await runSweep(db, { now: at10('2026-06-19'), tenantId: s.tenant.id });
    expect((await caseRow(db, s.tenant, complaint.id)).escalation_level).toBe(2);
    expect((await alerts(db, s.tenant, complaint.id)).map((n) => n.recipient).sort()).toEqual([s.head.email, s.sekda.email].sort());

    // Asked again at level 2: the Bupati, and nothing left to climb.
    await requestEscalation(db, s.opdCtx, s.ref, complaint.id, 'Butuh keputusan Bupati', at10('2026-06-22'));
    expect(await caseRow(db, s.tenant, complaint.id)).toMatchObject({ escalation_level: 3, escalation_due_at: null });
    expect((await escalations(db, s.tenant, complaint.id)).map((e) => e.data.reason)).toEqual(['requested', 'no_action', 'requested']);
  });

  it('re-routing resets the ladder; merging clears the climb', async () => {
    const { db } = handle;
    const s = await setup(db);
    const moved = await routedCase(db, s, at10('2026-05-11'));
    const merged = await routedCase(db, s, at10('2026-05-11'));
    const target = await routedCase(db, s, at10('2026-05-12'));
    await runSweep(db, { now: at10('2026-05-21'), tenantId: s.tenant.id });
    expect((await caseRow(db, s.tenant, moved.id)).escalation_level).toBe(1);

    await db.transaction().execute((tx) => applyTransition(tx, s.deskCtx, { tenantId: s.tenant.id, complaintId: moved.id, action: 'route', by: 'desk', opdId: s.other.id }));
    expect(await caseRow(db, s.tenant, moved.id)).toMatchObject({ escalation_level: 0, escalated_at: null, escalation_due_at: null, status: 'routed' });
    await db.transaction().execute((tx) => applyTransition(tx, s.deskCtx, {
      tenantId: s.tenant.id, complaintId: merged.id, action: 'merge', by: 'desk', data: { intoId: target.id },
    }));
    expect(await caseRow(db, s.tenant, merged.id)).toMatchObject({ escalation_level: 1, escalation_due_at: null, status: 'merged' });

    await runSweep(db, { now: at10('2026-06-05'), tenantId: s.tenant.id });
    expect((await escalations(db, s.tenant, merged.id)).map((e) => e.data.level)).toEqual([1]);
    // The re-routed case is fresh at the new OPD (its new first-response deadline, counted
    // from today, is still ahead): nothing was raised for the old OPD's silence.
    expect((await escalations(db, s.tenant, moved.id)).map((e) => e.data.level)).toEqual([1]);
  });
});

describe('a sweep that ran late', () => {
  it('raises one level per run and gives the alerted holder the full window from the alert', async () => {
    const { db } = handle;
    const s = await setup(db);
    const c = await routedCase(db, s, at10('2026-05-11'));
    // No sweep ran from 20 May (the deadline) until 3 June.
    await runSweep(db, { now: at10('2026-06-03'), tenantId: s.tenant.id });
    await runSweep(db, { now: at10('2026-06-03'), tenantId: s.tenant.id });
    const row = await caseRow(db, s.tenant, c.id);
    expect(row.escalation_level).toBe(1);
    expect(row.escalation_due_at).toEqual(endOf(addWorkingDays(cal, '2026-06-03', 5)));
    const ev = await db.selectFrom('complaint_event').select(['actor_id', 'actor_label'])
      .where('tenant_id', '=', s.tenant.id).where('complaint_id', '=', c.id).where('type', '=', 'escalated').execute();
    expect(ev).toEqual([{ actor_id: null, actor_label: 'complaints.sweep' }]);
  });
});

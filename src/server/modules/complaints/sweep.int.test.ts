/**
 * The deadline sweep on the database: reminders once per deadline, escalation one level per
 * missed deadline up to the Bupati, bounded batches, and two sweepers at once (separate
 * pools on PostgreSQL) doing every step exactly once. The climb of an untouched case
 * between missed deadlines is in ladder.int.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it} from 'vitest';
import type { Db, DbHandle } from '../../db/index.js';
import { openTestDatabase, TEST_DB_KIND } from '../../../../test/helpers/db.js';
import { buildOpd, buildTenant, buildUser, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildComplaint } from '../../../../test/helpers/complaints.js';
import { runSweep } from './sweep.js';


let handle: DbHandle;
let second: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  // On PostgreSQL the second sweeper gets its own pool (its own connections); PGlite is one
  // embedded database, so both sweepers share it (its transactions are serialised).
  second = TEST_DB_KIND === 'postgres' ? await openTestDatabase() : handle;
});
afterAll(async () => {
  if (second !== handle) await second.close();
  await handle.close();
});

const DAY = 86_400_000;
// Wednesday 10 June 2026, 10:00 in Asia/Makassar (the factory tenant's zone).
const NOW = new Date('2026-06-10T02:00:00Z');

async function setup(db: Db) {
  const tenant = await buildTenant(db);
  const opd = await buildOpd(db, tenant);
  const setda = await buildOpd(db, tenant, { type: 'sekretariat', name: 'Sekretariat Daerah' });
  const operator = await buildUser(db, tenant, [{ role: 'operator_opd', opdId: opd.id }]);
  const head = await buildUser(db, tenant, [{ role: 'kepala_opd', opdId: opd.id }]);
  const sekda = await buildUser(db, tenant, [{ role: 'kepala_opd', opdId: setda.id }]);
  const bupati = await buildUser(db, tenant, [{ role: 'pimpinan' }]);
  const desk = await buildUser(db, tenant, [{ role: 'verifikator' }]);
  return { tenant, opd, operator, head, sekda, bupati, desk };
}

async function events(db: Db, tenant: TestTenant, type: string) {
  return db.selectFrom('complaint_event').select(['complaint_id', 'data', 'visibility']).where('tenant_id', '=', tenant.id).where('type', '=', type).execute();
}

async function notifications(db: Db, tenant: TestTenant, template?: string) {
  let q = db.selectFrom('notification').select(['recipient', 'template', 'related_id', 'params']).where('tenant_id', '=', tenant.id);
  if (template) q = q.where('template', '=', template);
  return q.execute();
}

function countBy<T>(rows: T[], key: (r: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return m;
}

async function twoSweepers(tenant: TestTenant, now: Date, batchSize = 7) {
  return Promise.all([
    runSweep(handle.db, { now, tenantId: tenant.id, batchSize }),
    runSweep(second.db, { now, tenantId: tenant.id, batchSize }),
  ]);
}

describe('escalation', () => {
  it('two sweepers at once escalate each overdue case exactly once per level, up to the Bupati', async () => {
    const { db } = handle;
    const s = await setup(db);
    const N = 30;
    const cases = [];
    for (let i = 0; i < N; i++) {
      const { complaint } = await buildComplaint(db, s.tenant, {
        status: 'accepted', opd_id: s.opd.id, due_stage: 'first_response', due_at: new Date(NOW.getTime() - DAY - i * 60_000),
      });
      cases.push(complaint);
    }
    const ids = new Set(cases.map((c) => c.id));

    // Level 1: the OPD head.
    const [a, b] = await twoSweepers(s.tenant, NOW);
    expect(a.escalations + b.escalations).toBe(N);
    let ev = await events(db, s.tenant, 'escalated');
    expect(ev).toHaveLength(N);
    expect(new Set(ev.map((e) => e.complaint_id))).toEqual(ids);
    expect(ev.every((e) => e.visibility === 'internal' && (e.data as { level: number }).level === 1)).toBe(true);
    let sent = await notifications(db, s.tenant);
    expect(sent).toHaveLength(N);
    expect(sent.every((n) => n.template === 'opd.escalated' && n.recipient === s.head.email)).toBe(true);
    expect([...countBy(sent, (n) => n.related_id!).values()].every((v) => v === 1)).toBe(true);
    const audit = await db.selectFrom('audit_log').select('entity_id').where('tenant_id', '=', s.tenant.id).where('action', '=', 'complaint.escalate').execute();
    expect(audit).toHaveLength(N);

    // The same missed deadline never escalates twice, however often the sweep runs.
    const again = await twoSweepers(s.tenant, new Date(NOW.getTime() + 3 * DAY));
    expect(again[0].escalations + again[1].escalations).toBe(0);
    expect(await events(db, s.tenant, 'escalated')).toHaveLength(N);

    // A new deadline (as a transition sets it: the pending climb stops), missed too: level 2, the Sekda.
    const now2 = new Date(NOW.getTime() + 20 * DAY);
    await db.updateTable('complaint').set({ due_stage: 'resolution', due_at: new Date(now2.getTime() - DAY), escalation_due_at: null }).where('tenant_id', '=', s.tenant.id).execute();
    await twoSweepers(s.tenant, now2);
    ev = await events(db, s.tenant, 'escalated');
    expect(ev).toHaveLength(2 * N);
    expect(ev.filter((e) => (e.data as { level: number }).level === 2)).toHaveLength(N);
    const toSekda = await notifications(db, s.tenant, 'leader.escalated');
    expect(toSekda).toHaveLength(N);
    expect(toSekda.every((n) => n.recipient === s.sekda.email)).toBe(true);

    // Level 3: the Bupati; a fourth missed deadline goes no higher.
    for (const k of [3, 4]) {
      const nowK = new Date(NOW.getTime() + k * 20 * DAY);
      await db.updateTable('complaint').set({ due_at: new Date(nowK.getTime() - DAY), escalation_due_at: null }).where('tenant_id', '=', s.tenant.id).execute();
      await twoSweepers(s.tenant, nowK);
    }
    ev = await events(db, s.tenant, 'escalated');
    expect(ev).toHaveLength(3 * N);
    const perCaseLevels = new Map<string, number[]>();
    for (const e of ev) perCaseLevels.set(e.complaint_id, [...(perCaseLevels.get(e.complaint_id) ?? []), (e.data as { level: number }).level]);
    for (const levels of perCaseLevels.values()) expect(levels.sort()).toEqual([1, 2, 3]);
    const toBupati = (await notifications(db, s.tenant, 'leader.escalated')).filter((n) => n.recipient === s.bupati.email);
    expect(toBupati).toHaveLength(N);
    const rows = await db.selectFrom('complaint').select(['escalation_level']).where('tenant_id', '=', s.tenant.id).execute();
    expect(rows.every((r) => r.escalation_level === 3)).toBe(true);
  });

  it('does not escalate what is not overdue, not at an OPD, or already closed', async () => {
    const { db } = handle;
    const s = await setup(db);
    await buildComplaint(db, s.tenant, { status: 'accepted', opd_id: s.opd.id, due_stage: 'first_response', due_at: new Date(NOW.getTime() + DAY) });
    await buildComplaint(db, s.tenant, { status: 'received', due_stage: 'verification', due_at: new Date(NOW.getTime() - DAY) });
    await buildComplaint(db, s.tenant, { status: 'closed', opd_id: s.opd.id, due_stage: null, due_at: null });
    await buildComplaint(db, s.tenant, { status: 'resolved', opd_id: s.opd.id, due_stage: 'auto_close', due_at: new Date(NOW.getTime() + 5 * DAY) });
    const r = await runSweep(db, { now: NOW, tenantId: s.tenant.id });
    expect(r.escalations).toBe(0);
    expect(await events(db, s.tenant, 'escalated')).toHaveLength(0);
  });

  it('sweeping one tenant leaves the overdue cases of other tenants alone', async () => {
    const { db } = handle;
    const s = await setup(db);
    const other = await setup(db);
    await buildComplaint(db, other.tenant, { status: 'in_progress', opd_id: other.opd.id, due_stage: 'resolution', due_at: new Date(NOW.getTime() - DAY) });
    await runSweep(db, { now: NOW, tenantId: s.tenant.id });
    expect(await events(db, other.tenant, 'escalated')).toHaveLength(0);
  });
});

describe('reminders', () => {
  it('two sweepers at once send each "due soon" reminder exactly once per deadline', async () => {
    const { db } = handle;
    const s = await setup(db);
    const N = 25;
    // Due at the end of Thursday 11 June (local), the next working day: due soon.
    const soon = new Date('2026-06-11T15:59:59.999Z');
    for (let i = 0; i < N; i++) {
      await buildComplaint(db, s.tenant, { status: 'routed', opd_id: s.opd.id, due_stage: 'first_response', due_at: new Date(soon.getTime() - i * 1000) });
    }
    // Due Friday 12 June: two working days away, no reminder yet.
    const { complaint: later } = await buildComplaint(db, s.tenant, { status: 'routed', opd_id: s.opd.id, due_stage: 'first_response', due_at: new Date('2026-06-12T15:59:59.999Z') });
    // A report at the desk due soon: the verifikators are reminded.
    const { complaint: atDesk } = await buildComplaint(db, s.tenant, { status: 'received', due_stage: 'verification', due_at: soon });

    const [a, b] = await twoSweepers(s.tenant, NOW);
    expect(a.reminders + b.reminders).toBe(N + 1);
    const ev = await events(db, s.tenant, 'reminder');
    expect(ev).toHaveLength(N + 1);
    expect([...countBy(ev, (e) => e.complaint_id).values()].every((v) => v === 1)).toBe(true);
    expect(ev.some((e) => e.complaint_id === later.id)).toBe(false);
    const sent = await notifications(db, s.tenant, 'opd.reminder');
    // operator + head for each OPD case, the verifikator for the desk's.
    expect(sent).toHaveLength(2 * N + 1);
    expect(sent.filter((n) => n.related_id === atDesk.id).map((n) => n.recipient)).toEqual([s.desk.email]);
    const perCase = countBy(sent.filter((n) => n.related_id !== atDesk.id), (n) => `${n.related_id}|${n.recipient}`);
    expect(perCase.size).toBe(2 * N);
    expect([...perCase.values()].every((v) => v === 1)).toBe(true);

    // Running again does nothing; a new deadline (after a transition) is reminded again.
    const again = await twoSweepers(s.tenant, new Date(NOW.getTime() + 60_000));
    expect(again[0].reminders + again[1].reminders).toBe(0);
    await db.updateTable('complaint').set({ due_at: new Date('2026-06-11T15:00:00.000Z') }).where('tenant_id', '=', s.tenant.id).where('id', '=', later.id).execute();
    const third = await twoSweepers(s.tenant, new Date(NOW.getTime() + 120_000));
    expect(third[0].reminders + third[1].reminders).toBe(1);
    expect(await events(db, s.tenant, 'reminder')).toHaveLength(N + 2);
  });

  it('counts "due within one working day" on the tenant calendar (weekend and holiday)', async () => {
    const { db } = handle;
    const s = await setup(db);
    // Friday 12 June 2026, 10:00 local: the next working day is Monday 15 June; Tuesday
    // 16 June is a national holiday (1 Muharram), so a Wednesday deadline is not due soon.
    const friday = new Date('2026-06-12T02:00:00Z');
    const { complaint: monday } = await buildComplaint(db, s.tenant, { status: 'accepted', opd_id: s.opd.id, due_stage: 'first_response', due_at: new Date('2026-06-15T15:59:59.999Z') });
    const { complaint: wednesday } = await buildComplaint(db, s.tenant, { status: 'accepted', opd_id: s.opd.id, due_stage: 'first_response', due_at: new Date('2026-06-17T15:59:59.999Z') });
    const r = await runSweep(db, { now: friday, tenantId: s.tenant.id });
    expect(r.reminders).toBe(1);
    const ev = await events(db, s.tenant, 'reminder');
    expect(ev.map((e) => e.complaint_id)).toEqual([monday.id]);
    // On Monday morning the Wednesday deadline is one working day away (Tuesday is off).
    const r2 = await runSweep(db, { now: new Date('2026-06-15T01:00:00Z'), tenantId: s.tenant.id });
    expect(r2.reminders).toBe(1);
    expect((await events(db, s.tenant, 'reminder')).map((e) => e.complaint_id).sort()).toEqual([monday.id, wednesday.id].sort());
  });

  it('reads candidates in bounded batches and still reaches every case', async () => {
    const { db } = handle;
    const s = await setup(db);
    for (let i = 0; i < 12; i++) {
      await buildComplaint(db, s.tenant, { status: 'in_progress', opd_id: s.opd.id, due_stage: 'resolution', due_at: new Date(NOW.getTime() - DAY) });
    }
    // Same due_at for all: the (due_at, id) cursor must not skip ties between batches.
    const first = await runSweep(db, { now: NOW, tenantId: s.tenant.id, batchSize: 5, maxBatches: 2 });
    expect(first.escalations).toBe(10);
    const rest = await runSweep(db, { now: NOW, tenantId: s.tenant.id, batchSize: 5, maxBatches: 2 });
    expect(rest.escalations).toBe(2);
    expect(await events(db, s.tenant, 'escalated')).toHaveLength(12);
  });
});

describe('auto-close', () => {
  it('closes resolved cases past their auto_close deadline once, through the state machine', async () => {
    const { db } = handle;
    const s = await setup(db);
    const due = [];
    for (let i = 0; i < 6; i++) {
      const { complaint } = await buildComplaint(db, s.tenant, { status: 'resolved', opd_id: s.opd.id, due_stage: 'auto_close', due_at: new Date(NOW.getTime() - DAY), resolved_at: new Date(NOW.getTime() - 15 * DAY) });
      due.push(complaint.id);
    }
    const { complaint: waiting } = await buildComplaint(db, s.tenant, { status: 'resolved', opd_id: s.opd.id, due_stage: 'auto_close', due_at: new Date(NOW.getTime() + DAY) });
    const [a, b] = await twoSweepers(s.tenant, NOW, 4);
    expect(a.autoClosed + b.autoClosed).toBe(6);
    const rows = await db.selectFrom('complaint').select(['id', 'status', 'due_at', 'closed_at']).where('tenant_id', '=', s.tenant.id).execute();
    for (const r of rows) {
      if (r.id === waiting.id) expect(r.status).toBe('resolved');
      else expect(r).toMatchObject({ status: 'closed', due_at: null });
    }
    const ev = await events(db, s.tenant, 'auto_close');
    expect(ev.map((e) => e.complaint_id).sort()).toEqual([...due].sort());
    expect(ev.every((e) => e.visibility === 'public')).toBe(true);
  });
});

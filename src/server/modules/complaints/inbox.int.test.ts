/**
 * The desk's and the OPDs' inboxes on the database: scope (an OPD sees only its own cases,
 * another tenant nothing), views, Indonesian full-text search, keyset pages, the case page
 * without an anonim reporter's identity for OPD roles and leaders, staff actions, the OPD's
 * escalation request and the leaders' list.
 */
import { afterAll, beforeAll, describe, expect, it} from 'vitest';
import type { Db, DbHandle } from '../../db/index.js';
import type { Actor, RequestContext, TenantRef } from '../../platform/context.js';
import type { Role } from '../auth/tables.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildOpd, buildTenant, buildUser, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildComplaint } from '../../../../test/helpers/complaints.js';
import { act, getCasePage, listEscalations, listInbox, requestEscalation } from './inbox-service.js';


let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const DAY = 86_400_000;
// Wednesday 10 June 2026, 10:00 in Asia/Makassar.
const NOW = new Date('2026-06-10T02:00:00Z');

async function actorFor(db: Db, tenant: TestTenant, roles: Array<{ role: Role; opdId?: string }>): Promise<Actor> {
  const u = await buildUser(db, tenant, roles);
  return { userId: u.id, tenantId: tenant.id, name: 'Pengguna Uji', email: u.email, roles: roles.map((r) => ({ role: r.role, opdId: r.opdId ?? null })), viaToken: false };
}

function ref(t: TestTenant): TenantRef {
  return { id: t.id, code: t.code, name: t.name, slug: t.slug, timezone: 'Asia/Makassar', isDemo: false };
}

function ctxOf(actor: Actor, tenant: TestTenant): RequestContext {
  return { requestId: 'test', locale: 'id', tenant: ref(tenant), actor };
}

async function world(db: Db) {
  const tenant = await buildTenant(db);
  const opdA = await buildOpd(db, tenant);
  const opdB = await buildOpd(db, tenant);
  return {
    tenant,
    opdA,
    opdB,
    desk: await actorFor(db, tenant, [{ role: 'verifikator' }]),
    opA: await actorFor(db, tenant, [{ role: 'operator_opd', opdId: opdA.id }]),
    headA: await actorFor(db, tenant, [{ role: 'kepala_opd', opdId: opdA.id }]),
    opB: await actorFor(db, tenant, [{ role: 'operator_opd', opdId: opdB.id }]),
    leader: await actorFor(db, tenant, [{ role: 'pimpinan' }]),
  };
}

describe('inbox scope and views', () => {
  it("an OPD operator sees only its own OPD's cases, never another tenant's", async () => {
    const { db } = handle;
    const w = await world(db);
    const other = await world(db);
    const a1 = (await buildComplaint(db, w.tenant, { status: 'routed', opd_id: w.opdA.id, due_stage: 'first_response', due_at: new Date(NOW.getTime() + 5 * DAY) })).complaint;
    const a2 = (await buildComplaint(db, w.tenant, { status: 'in_progress', opd_id: w.opdA.id, due_stage: 'resolution', due_at: new Date(NOW.getTime() - DAY) })).complaint;
    const a3 = (await buildComplaint(db, w.tenant, { status: 'accepted', opd_id: w.opdA.id, due_stage: 'first_response', due_at: new Date('2026-06-11T15:59:59.999Z') })).complaint;
    await buildComplaint(db, w.tenant, { status: 'routed', opd_id: w.opdB.id, due_stage: 'first_response', due_at: new Date(NOW.getTime() + DAY) });
    await buildComplaint(db, w.tenant, { status: 'received', due_stage: 'verification', due_at: new Date(NOW.getTime() + DAY) });
    await buildComplaint(db, other.tenant, { status: 'routed', opd_id: other.opdA.id, due_stage: 'first_response', due_at: new Date(NOW.getTime() + DAY) });

    const t = ref(w.tenant);
    const ids = async (view: 'all' | 'opd_new' | 'due_soon' | 'overdue') => (await listInbox(db, w.opA, t, { view }, NOW)).items.map((i) => i.id).sort();
    expect(await ids('all')).toEqual([a1.id, a2.id, a3.id].sort());
    expect(await ids('opd_new')).toEqual([a1.id]);
    expect(await ids('due_soon')).toEqual([a3.id]);
    expect(await ids('overdue')).toEqual([a2.id]);
    const overdue = (await listInbox(db, w.opA, t, { view: 'overdue' }, NOW)).items[0]!;
    expect(overdue.overdue).toBe(true);
    // Asking for another OPD's cases is refused, not silently widened.
    await expect(listInbox(db, w.opA, t, { view: 'all', opdId: w.opdB.id }, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The desk sees all five of its tenant; the other tenant's case never.
    const desk = await listInbox(db, w.desk, t, { view: 'all' }, NOW);
    expect(desk.items).toHaveLength(5);
    // A user of another tenant is no member here: the OPD scope is empty.
    await expect(listInbox(db, other.opA, t, { view: 'all' }, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("the desk's verification queue is ordered by due date, cases without one last, and pages by keyset", async () => {
    const { db } = handle;
    const w = await world(db);
    const due = new Date(NOW.getTime() + DAY);
    const made = [];
    // Ties on due_at and several without a deadline (held) test the cursor's tie-breaks.
    for (let i = 0; i < 4; i++) made.push((await buildComplaint(db, w.tenant, { status: 'received', due_stage: 'verification', due_at: due })).complaint);
    made.push((await buildComplaint(db, w.tenant, { status: 'verified', due_stage: 'verification', due_at: new Date(NOW.getTime() - DAY) })).complaint);
    for (let i = 0; i < 3; i++) made.push((await buildComplaint(db, w.tenant, { status: 'held' })).complaint);
    await buildComplaint(db, w.tenant, { status: 'routed', opd_id: w.opdA.id, due_stage: 'first_response', due_at: due });

    const seen: string[] = [];
    const dues: Array<string | null> = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await listInbox(db, w.desk, ref(w.tenant), { view: 'verification', limit: 3, cursor }, NOW);
      seen.push(...r.items.map((i) => i.id));
      dues.push(...r.items.map((i) => i.dueAt));
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen)).toEqual(new Set(made.map((m) => m.id)));
    expect(dues[0]).toBe(new Date(NOW.getTime() - DAY).toISOString());
    expect(dues.slice(1, 5).every((d) => d === due.toISOString())).toBe(true);
    expect(dues.slice(5)).toEqual([null, null, null]);
    await expect(listInbox(db, w.desk, ref(w.tenant), { view: 'verification', cursor: 'not-a-cursor' }, NOW)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('searches Indonesian full text (stemmed, websearch syntax) and filters by region and status', async () => {
    const { db } = handle;
    const w = await world(db);
    await db.insertInto('region').values([
      { tenant_id: w.tenant.id, code: `${w.tenant.code}.01`, parent_code: null, level: 'kecamatan', name: 'Kecamatan Satu' },
      { tenant_id: w.tenant.id, code: `${w.tenant.code}.01.2001`, parent_code: `${w.tenant.code}.01`, level: 'desa', name: 'Desa Satu' },
    ]).execute();
    const road = (await buildComplaint(db, w.tenant, { title: 'Jalan berlubang di depan sekolah', description: 'Lubangnya dalam dan membahayakan pengendara', region_code: `${w.tenant.code}.01.2001` })).complaint;
    const water = (await buildComplaint(db, w.tenant, { title: 'Air PDAM mati tiga hari', description: 'Warga kesulitan air bersih' })).complaint;
    const t = ref(w.tenant);
    const q = async (query: Record<string, string>) => (await listInbox(db, w.desk, t, { view: 'all', ...query }, NOW)).items.map((i) => i.id);
    expect(await q({ q: 'lubang' })).toEqual([road.id]);
    expect(await q({ q: 'air bersih' })).toEqual([water.id]);
    expect(await q({ q: 'jalan -sekolah' })).toEqual([]);
    expect(await q({ q: '"air pdam"' })).toEqual([water.id]);
    // A kecamatan filter includes its desa.
    expect(await q({ regionCode: `${w.tenant.code}.01` })).toEqual([road.id]);
    expect(await q({ status: 'received' })).toHaveLength(2);
    expect(await q({ status: 'closed' })).toEqual([]);
    // Odd input is only text: no error.
    expect(await q({ q: `'); DROP TABLE complaint; -- & | !` })).toEqual([]);
  });
});

describe('case page privacy', () => {
  it("an OPD operator's case page and inbox never contain an anonim reporter's name, phone or e-mail", async () => {
    const { db } = handle;
    const w = await world(db);
    const { complaint, reporter } = await buildComplaint(db, w.tenant, {
      status: 'routed', opd_id: w.opdA.id, is_anonymous: true, due_stage: 'first_response', due_at: new Date(NOW.getTime() + DAY),
      reporter: { name: 'Siti Rahasia Aminah', phone: '+6281299990000', email: 'siti.rahasia@contoh.id' },
    });
    const secrets = [reporter!.name!, reporter!.phone!, reporter!.email!];
    const t = ref(w.tenant);
    for (const viewer of [w.opA, w.headA, w.leader]) {
      const page = await getCasePage(db, viewer, w.tenant.id, complaint.id);
      const text = JSON.stringify(page);
      for (const s of secrets) expect(text).not.toContain(s);
      expect(page.complaint.reportersHidden).toBe(true);
      const inbox = JSON.stringify(await listInbox(db, viewer, t, { view: 'all' }, NOW));
      for (const s of secrets) expect(inbox).not.toContain(s);
      expect(inbox).toContain(complaint.id);
    }
    // The desk sees who reported it.
    const deskPage = JSON.stringify(await getCasePage(db, w.desk, w.tenant.id, complaint.id));
    for (const s of secrets) expect(deskPage).toContain(s);
    // Another OPD gets no hint that the case exists.
    await expect(getCasePage(db, w.opB, w.tenant.id, complaint.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('actions, escalation requests and the leaders list', () => {
  it('the desk verifies and routes, the OPD accepts and responds; each by its role only', async () => {
    const { db } = handle;
    const w = await world(db);
    const { complaint } = await buildComplaint(db, w.tenant, { status: 'received', due_stage: 'verification', due_at: new Date(Date.now() + 3 * DAY) });
    let page = await act(db, ctxOf(w.desk, w.tenant), w.tenant.id, complaint.id, 'verify', { note: 'Lengkap' });
    expect(page.complaint.status).toBe('verified');
    expect(page.allowedActions).toContain('route');
    // An operator cannot act as the desk; before routing the case is not even theirs.
    await expect(act(db, ctxOf(w.opA, w.tenant), w.tenant.id, complaint.id, 'route', { opdId: w.opdA.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    page = await act(db, ctxOf(w.desk, w.tenant), w.tenant.id, complaint.id, 'route', { opdId: w.opdA.id });
    expect(page.complaint).toMatchObject({ status: 'routed', opdId: w.opdA.id, dueStage: 'first_response' });
    // The desk may not accept for the OPD.
    await expect(act(db, ctxOf(w.desk, w.tenant), w.tenant.id, complaint.id, 'accept', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const opPage = await getCasePage(db, w.opA, w.tenant.id, complaint.id);
    expect(opPage.audience).toBe('opd');
    expect(opPage.allowedActions.sort()).toEqual(['accept', 'respond', 'return'].sort());
    page = await act(db, ctxOf(w.opA, w.tenant), w.tenant.id, complaint.id, 'accept', {});
    page = await act(db, ctxOf(w.opA, w.tenant), w.tenant.id, complaint.id, 'respond', { note: 'Tim sudah ke lokasi', visibility: 'public' });
    expect(page.complaint).toMatchObject({ status: 'in_progress', dueStage: 'resolution' });
    // A step the state machine refuses from this status is a 409.
    await expect(act(db, ctxOf(w.opA, w.tenant), w.tenant.id, complaint.id, 'accept', {})).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    await expect(act(db, ctxOf(w.opB, w.tenant), w.tenant.id, complaint.id, 'update', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const types = (await db.selectFrom('complaint_event').select('type').where('tenant_id', '=', w.tenant.id).where('complaint_id', '=', complaint.id).orderBy('id').execute()).map((e) => e.type);
    expect(types).toEqual(['verify', 'route', 'accept', 'respond']);
  });

  it('an OPD asks to escalate with a reason: one level up, the head notified, on the leaders list', async () => {
    const { db } = handle;
    const w = await world(db);
    const { complaint } = await buildComplaint(db, w.tenant, { status: 'in_progress', opd_id: w.opdA.id, due_stage: 'resolution', due_at: new Date(Date.now() + 30 * DAY) });
    const t = ref(w.tenant);
    await expect(requestEscalation(db, ctxOf(w.desk, w.tenant), t, complaint.id, 'bukan kewenangan kami')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const page = await requestEscalation(db, ctxOf(w.opA, w.tenant), t, complaint.id, 'Di luar kewenangan: jalan provinsi');
    expect(page.complaint.escalationLevel).toBe(1);
    const ev = page.complaint.timeline.find((e) => e.type === 'escalated')!;
    expect(ev).toMatchObject({ visibility: 'internal', note: 'Di luar kewenangan: jalan provinsi' });
    const sent = await db.selectFrom('notification').select(['recipient', 'template']).where('tenant_id', '=', w.tenant.id).execute();
    expect(sent).toEqual([{ recipient: w.headA.email, template: 'opd.escalated' }]);

    const leaders = await listEscalations(db, w.leader, t, {});
    expect(leaders.items.map((i) => i.id)).toEqual([complaint.id]);
    await expect(listEscalations(db, w.opA, t, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await requestEscalation(db, ctxOf(w.opA, w.tenant), t, complaint.id, 'Butuh anggaran provinsi');
    await requestEscalation(db, ctxOf(w.opA, w.tenant), t, complaint.id, 'Butuh keputusan Bupati');
    await expect(requestEscalation(db, ctxOf(w.opA, w.tenant), t, complaint.id, 'lagi')).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    const row = await db.selectFrom('complaint').select('escalation_level').where('tenant_id', '=', w.tenant.id).where('id', '=', complaint.id).executeTakeFirstOrThrow();
    expect(row.escalation_level).toBe(3);
  });
});

/**
 * The 60-day completion clock (UU 25/2009; issue #11 §3, ADR 0024): it starts when the
 * desk declares the file complete (verify, or route without verify), the OPD's response
 * runs its resolution stage on it, a hold withdraws it, a dispute starts a fresh one; the
 * staff case page and the public tracking page show it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db, DbHandle } from '../../db/index.js';
import type { RequestContext, TenantRef } from '../../platform/context.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildComplaint } from '../../../../test/helpers/complaints.js';
import { addCalendarDays, endOfLocalDay, localDate } from '../calendar/workdays.js';
import { seedDefaultDeadlineRules } from './deadlines.js';
import { applyTransition, type TransitionInput } from './transitions.js';

let handle: DbHandle;
let app: FastifyInstance;
beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const TZ = 'Asia/Makassar' as const;
/** The end of the 60th calendar day after the local day of `from` (UU 25/2009, counted like every deadline). */
const sixtyDaysAfter = (from: Date) => endOfLocalDay(addCalendarDays(localDate(from, TZ), 60), TZ);

async function setup(db: Db) {
  const tenant = await buildTenant(db, { timezone: TZ });
  await db.transaction().execute((tx) => seedDefaultDeadlineRules(tx, tenant.id));
  const opd = await buildOpd(db, tenant);
  const desk = await buildUser(db, tenant, [{ role: 'verifikator' }]);
  const ref: TenantRef = { id: tenant.id, code: tenant.code, name: tenant.name, slug: tenant.slug, timezone: TZ, isDemo: false };
  const ctx: RequestContext = { requestId: 'test', locale: 'id', tenant: ref, actor: null };
  const step = (complaintId: string, action: TransitionInput['action'], by: TransitionInput['by'], extra: Partial<TransitionInput> = {}) =>
    db.transaction().execute((tx) => applyTransition(tx, ctx, { tenantId: tenant.id, complaintId, action, by, ...extra }));
  return { tenant, opd, desk, step };
}

async function row(db: Db, tenant: TestTenant, id: string) {
  return db.selectFrom('complaint').select(['status', 'file_complete_at', 'completion_due_at', 'due_at', 'due_stage', 'routed_at'])
    .where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow();
}

async function eventData(db: Db, tenant: TestTenant, id: string, type: string) {
  const ev = await db.selectFrom('complaint_event').select('data').where('tenant_id', '=', tenant.id).where('complaint_id', '=', id).where('type', '=', type)
    .orderBy('id', 'desc').executeTakeFirstOrThrow();
  return ev.data as Record<string, unknown>;
}

describe('the completion clock', () => {
  it('starts at verify (60 calendar days), keeps running through routing, and is the resolution deadline when the OPD responds', async () => {
    const { db } = handle;
    const s = await setup(db);
    const { complaint } = await buildComplaint(db, s.tenant, { status: 'received', due_stage: 'verification', due_at: new Date(Date.now() + 3 * 86_400_000) });

    await s.step(complaint.id, 'verify', 'desk');
    const verified = await row(db, s.tenant, complaint.id);
    expect(verified.file_complete_at).not.toBeNull();
    expect(Math.abs(verified.file_complete_at!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(verified.completion_due_at).toEqual(sixtyDaysAfter(verified.file_complete_at!));
    // The verification stage's deadline runs on until the case is routed.
    expect(verified.due_stage).toBe('verification');
    expect(await eventData(db, s.tenant, complaint.id, 'verify')).toMatchObject({
      completionDue: { dueAt: verified.completion_due_at!.toISOString(), basis: 'file_complete', days: 60, dayType: 'calendar', legalSource: expect.stringMatching(/UU 25\/2009/) },
    });

    await s.step(complaint.id, 'route', 'desk', { opdId: s.opd.id });
    const routed = await row(db, s.tenant, complaint.id);
    expect(routed).toMatchObject({ status: 'routed', due_stage: 'first_response', file_complete_at: verified.file_complete_at, completion_due_at: verified.completion_due_at });

    await s.step(complaint.id, 'respond', 'opd', { note: 'Tim ke lokasi' });
    const responded = await row(db, s.tenant, complaint.id);
    expect(responded).toMatchObject({ status: 'in_progress', due_stage: 'resolution', due_at: verified.completion_due_at, completion_due_at: verified.completion_due_at });
    expect(await eventData(db, s.tenant, complaint.id, 'respond')).toMatchObject({ dueRule: { clock: 'completion', dueAt: verified.completion_due_at!.toISOString() } });
  });

  it('starts at routing when the desk routes without verifying; a hold withdraws it and the next verify restarts it', async () => {
    const { db } = handle;
    const s = await setup(db);
    const { complaint: direct } = await buildComplaint(db, s.tenant, { status: 'received', due_stage: 'verification', due_at: new Date(Date.now() + 86_400_000) });
    await s.step(direct.id, 'route', 'desk', { opdId: s.opd.id });
    const routed = await row(db, s.tenant, direct.id);
    expect(routed.file_complete_at).toEqual(routed.routed_at);
    expect(routed.completion_due_at).toEqual(sixtyDaysAfter(routed.routed_at!));

    const { complaint: held } = await buildComplaint(db, s.tenant, { status: 'received', due_stage: 'verification', due_at: new Date(Date.now() + 86_400_000) });
    await s.step(held.id, 'verify', 'desk');
    await s.step(held.id, 'hold', 'desk', { note: 'Mohon lampirkan foto lokasi' });
    expect(await row(db, s.tenant, held.id)).toMatchObject({ status: 'held', file_complete_at: null, completion_due_at: null });
    await s.step(held.id, 'provide_info', 'citizen', { note: 'Foto terlampir' });
    await s.step(held.id, 'verify', 'desk');
    const again = await row(db, s.tenant, held.id);
    expect(again.completion_due_at).toEqual(sixtyDaysAfter(again.file_complete_at!));
  });

  it('a dispute starts a fresh clock from the dispute; the resolution deadline follows it', async () => {
    const { db } = handle;
    const s = await setup(db);
    const completeAt = new Date('2026-05-04T02:00:00Z');
    const { complaint } = await buildComplaint(db, s.tenant, {
      status: 'in_progress', opd_id: s.opd.id, routed_at: completeAt, file_complete_at: completeAt, completion_due_at: sixtyDaysAfter(completeAt),
      due_stage: 'resolution', due_at: sixtyDaysAfter(completeAt),
    });
    await s.step(complaint.id, 'resolve', 'opd', { note: 'Sudah diperbaiki' });
    await s.step(complaint.id, 'dispute', 'citizen', { note: 'Masih berlubang' });
    const disputed = await row(db, s.tenant, complaint.id);
    const { at: disputeAt } = await db.selectFrom('complaint_event').select('at')
      .where('tenant_id', '=', s.tenant.id).where('complaint_id', '=', complaint.id).where('type', '=', 'dispute').executeTakeFirstOrThrow();
    expect(disputed).toMatchObject({ status: 'in_progress', due_stage: 'resolution', file_complete_at: completeAt });
    expect(disputed.completion_due_at).toEqual(sixtyDaysAfter(disputeAt));
    expect(disputed.due_at).toEqual(disputed.completion_due_at);
    expect(await eventData(db, s.tenant, complaint.id, 'dispute')).toMatchObject({ completionDue: { basis: 'dispute', days: 60 } });
  });

  it('a case routed before the clock existed takes its routing as the moment the file was complete', async () => {
    const { db } = handle;
    const s = await setup(db);
    const routedAt = new Date('2026-06-01T02:00:00Z');
    const { complaint } = await buildComplaint(db, s.tenant, {
      status: 'routed', opd_id: s.opd.id, routed_at: routedAt, due_stage: 'first_response', due_at: new Date('2026-06-08T15:59:59.999Z'),
    });
    await s.step(complaint.id, 'respond', 'opd', { note: 'Ditindaklanjuti' });
    expect(await row(db, s.tenant, complaint.id)).toMatchObject({
      file_complete_at: routedAt, completion_due_at: sixtyDaysAfter(routedAt), due_at: sixtyDaysAfter(routedAt), due_stage: 'resolution',
    });
  });
});

describe('shown on the case page and the public tracking page', () => {
  it('the desk verifies over HTTP; staff and the public see "60 days after the file was complete" and the verify event carries it', async () => {
    const { db } = handle;
    const s = await setup(db);
    const { complaint } = await buildComplaint(db, s.tenant, { status: 'received', due_stage: 'verification', due_at: new Date(Date.now() + 86_400_000) });
    const headers = await sessionHeaders(db, s.desk);
    const res = await app.inject({ method: 'POST', url: `/r/${s.tenant.slug}/api/v1/complaints/${complaint.id}/actions/verify`, headers, payload: { note: 'Lengkap' } });
    expect(res.statusCode, res.body).toBe(200);
    const { file_complete_at: fileCompleteAt, completion_due_at: dueAt } = await row(db, s.tenant, complaint.id);
    const expected = {
      dueAt: dueAt!.toISOString(), fileCompleteAt: fileCompleteAt!.toISOString(), startedAt: fileCompleteAt!.toISOString(),
      basis: 'file_complete', days: 60, dayType: 'calendar', provisionalYear: null,
    };

    const page = (await app.inject({ method: 'GET', url: `/r/${s.tenant.slug}/api/v1/complaints/${complaint.id}`, headers })).json();
    expect(page.complaint.completion).toEqual(expected);
    expect(page.complaint.escalationDueAt).toBeNull();
    expect(page.complaint.timeline.find((e: { type: string }) => e.type === 'verify')).toMatchObject({ completionDueAt: expected.dueAt });

    const pub = await app.inject({ method: 'GET', url: `/r/${s.tenant.slug}/api/v1/public/complaints/${complaint.tracking_code}` });
    expect(pub.statusCode, pub.body).toBe(200);
    const body = pub.json();
    expect(body.completion).toEqual(expected);
    expect(body.timeline.map((e: { type: string; completionDueAt?: string }) => [e.type, e.completionDueAt ?? null])).toEqual([['verify', expected.dueAt]]);
  });
});

describe('the escalation steps through the deadline-rules API', () => {
  it('lists the seeded defaults, adds a working-day version (201) and refuses calendar days (400, the field named, in the caller\'s language)', async () => {
    const { db } = handle;
    const s = await setup(db);
    const admin = await sessionHeaders(db, await buildUser(db, s.tenant, [{ role: 'admin' }]));
    const url = `/r/${s.tenant.slug}/api/v1/deadline-rules`;
    const list = (await app.inject({ method: 'GET', url, headers: admin })).json() as { items: Array<{ stage: string; days: number; dayType: string; legalSource: string }> };
    expect(list.items.filter((r) => r.stage.startsWith('escalation_')).map((r) => [r.stage, r.days, r.dayType]).sort()).toEqual([
      ['escalation_bupati', 5, 'working'], ['escalation_sekda', 5, 'working'],
    ]);

    const body = { stage: 'escalation_sekda', days: 3, dayType: 'working', legalSource: 'Perbup Uji 2/2026', validFrom: '2026-12-01' };
    const ok = await app.inject({ method: 'POST', url, headers: admin, payload: body });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ stage: 'escalation_sekda', days: 3, dayType: 'working', validFrom: '2026-12-01' });

    const refused = await app.inject({ method: 'POST', url, headers: { ...admin, 'accept-language': 'en' }, payload: { ...body, dayType: 'calendar' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'VALIDATION', details: [{ field: 'dayType', message: expect.stringMatching(/working days/) }] });
    const unknown = await app.inject({ method: 'POST', url, headers: admin, payload: { ...body, stage: 'escalation_gubernur' } });
    expect(unknown.statusCode).toBe(400);
  });
});

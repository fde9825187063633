/**
 * Similar reports and merging on the database: same tenant, category and kecamatan, trigram
 * or Indonesian full-text similarity; a merge moves every reporter (original report kept),
 * counts them on the target, tells them, and the public view shows the count.
 */
import { afterAll, beforeAll, describe, expect, it} from 'vitest';
import type { Db, DbHandle } from '../../db/index.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { Role } from '../auth/tables.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildOpd, buildTenant, buildUser, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildCategory, buildComplaint } from '../../../../test/helpers/complaints.js';
import { findSimilar, similarTo } from './duplicates.js';
import { mergeInto } from './merge-service.js';
import { presentPublic } from './present.js';
import * as repo from './repo.js';


let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

async function actorFor(db: Db, tenant: TestTenant, roles: Array<{ role: Role; opdId?: string }>): Promise<Actor> {
  const u = await buildUser(db, tenant, roles);
  return { userId: u.id, tenantId: tenant.id, name: 'Pengguna Uji', email: u.email, roles: roles.map((r) => ({ role: r.role, opdId: r.opdId ?? null })), viaToken: false };
}

function ctxOf(actor: Actor, tenant: TestTenant): RequestContext {
  return { requestId: 'test', locale: 'id', tenant: { id: tenant.id, code: tenant.code, name: tenant.name, slug: tenant.slug, timezone: 'Asia/Makassar', isDemo: false }, actor };
}

async function world(db: Db) {
  const tenant = await buildTenant(db);
  await db.insertInto('region').values([
    { tenant_id: tenant.id, code: `${tenant.code}.01`, parent_code: null, level: 'kecamatan', name: 'Kecamatan Satu' },
    { tenant_id: tenant.id, code: `${tenant.code}.01.2001`, parent_code: `${tenant.code}.01`, level: 'desa', name: 'Desa Satu' },
    { tenant_id: tenant.id, code: `${tenant.code}.01.2002`, parent_code: `${tenant.code}.01`, level: 'desa', name: 'Desa Dua' },
    { tenant_id: tenant.id, code: `${tenant.code}.02`, parent_code: null, level: 'kecamatan', name: 'Kecamatan Dua' },
  ]).execute();
  const roads = await buildCategory(db, tenant, 'jalan', 'Jalan dan jembatan');
  const water = await buildCategory(db, tenant, 'air', 'Air bersih');
  const opd = await buildOpd(db, tenant);
  return { tenant, roads, water, opd, desk: await actorFor(db, tenant, [{ role: 'verifikator' }]), op: await actorFor(db, tenant, [{ role: 'operator_opd', opdId: opd.id }]) };
}

describe('similar reports', () => {
  it('finds open reports of the same category and kecamatan with a similar title or words', async () => {
    const { db } = handle;
    const w = await world(db);
    const k = w.tenant.code;
    const base = { category_id: w.roads.id, region_code: `${k}.01.2001` };
    const same = (await buildComplaint(db, w.tenant, { ...base, title: 'Jalan berlubang di depan SDN 3' })).complaint;
    // Another desa of the same kecamatan, other words but stemmed match ("lubang").
    const words = (await buildComplaint(db, w.tenant, { ...base, region_code: `${k}.01.2002`, title: 'Lubang besar membahayakan pengendara motor' })).complaint;
    await buildComplaint(db, w.tenant, { ...base, region_code: `${k}.02`, title: 'Jalan berlubang di depan SDN 3' }); // other kecamatan
    await buildComplaint(db, w.tenant, { ...base, category_id: w.water.id, title: 'Jalan berlubang di depan SDN 3' }); // other category
    await buildComplaint(db, w.tenant, { ...base, status: 'closed', title: 'Jalan berlubang di depan SDN 3' }); // closed
    await buildComplaint(db, w.tenant, { ...base, title: 'Lampu penerangan jalan mati' }); // shares one word: ranked below
    const other = await world(db);
    await buildComplaint(db, other.tenant, { category_id: other.roads.id, region_code: `${other.tenant.code}.01`, title: 'Jalan berlubang di depan SDN 3' });

    const found = await findSimilar(db, w.tenant.id, { title: 'Jalanan berlubang depan SDN 3', categoryId: w.roads.id, regionCode: `${k}.01.2002` });
    const ids = found.map((f) => f.id);
    expect(ids[0]).toBe(same.id);
    expect(ids).toContain(words.id);
    expect(found.every((f) => f.category_id === w.roads.id && f.region_code!.startsWith(`${k}.01`) && f.status !== 'closed')).toBe(true);
    expect(Number(found[0]!.score)).toBeGreaterThan(Number(found[found.length - 1]!.score) - 1e-9);

    // The desk's endpoint excludes the case itself; OPD staff may not browse other cases this way.
    const sim = await similarTo(db, w.desk, w.tenant.id, same.id);
    expect(sim.items.map((i) => i.id)).not.toContain(same.id);
    expect(sim.items.map((i) => i.id)).toContain(words.id);
    expect(JSON.stringify(sim)).not.toMatch(/warga-|@contoh\.id/);
    await expect(similarTo(db, w.op, w.tenant.id, same.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('merge', () => {
  it('moves every reporter to the target, counts them, tells them, and the public view shows the count', async () => {
    const { db } = handle;
    const w = await world(db);
    const target = (await buildComplaint(db, w.tenant, { status: 'routed', opd_id: w.opd.id, title: 'Jalan rusak', category_id: w.roads.id })).complaint;
    const dup = await buildComplaint(db, w.tenant, { status: 'received', title: 'Jalan rusak parah', category_id: w.roads.id, reporter: { name: 'Budi', email: 'budi@contoh.id' } });
    // A second reporter already on the duplicate (from an earlier merge).
    await db.insertInto('complaint_reporter').values({ tenant_id: w.tenant.id, complaint_id: dup.complaint.id, name: 'Ani', phone: '+62811000111', email: null, user_id: null, original_complaint_id: null }).execute();
    await db.updateTable('complaint').set({ reporter_count: 2 }).where('tenant_id', '=', w.tenant.id).where('id', '=', dup.complaint.id).execute();

    await expect(mergeInto(db, ctxOf(w.op, w.tenant), w.tenant.id, dup.complaint.id, target.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const r = await mergeInto(db, ctxOf(w.desk, w.tenant), w.tenant.id, dup.complaint.id, target.id, 'Sama dengan laporan sebelumnya');
    expect(r).toEqual({ mergedId: dup.complaint.id, intoId: target.id, movedReporters: 2, reporterCount: 3 });

    const d = await repo.getComplaint(db, w.tenant.id, dup.complaint.id);
    expect(d).toMatchObject({ status: 'merged', merged_into_id: target.id });
    const reporters = await repo.listReporters(db, w.tenant.id, target.id);
    expect(reporters).toHaveLength(3);
    expect(reporters.filter((x) => x.original_complaint_id === dup.complaint.id).map((x) => x.name).sort()).toEqual(['Ani', 'Budi']);
    expect(await repo.listReporters(db, w.tenant.id, dup.complaint.id)).toHaveLength(0);

    const t = await repo.getComplaint(db, w.tenant.id, target.id);
    const pub = presentPublic(t!, await repo.listEvents(db, w.tenant.id, target.id), []);
    expect(pub!.reporterCount).toBe(3);
    expect(JSON.stringify(pub)).not.toContain('Budi');

    // Both moved reporters are told the target's code (e-mail for Budi, WhatsApp for Ani).
    const sent = await db.selectFrom('notification').select(['recipient', 'params']).where('tenant_id', '=', w.tenant.id).where('related_id', '=', target.id).execute();
    expect(sent.map((n) => n.recipient).sort()).toEqual(['+62811000111', 'budi@contoh.id']);
    expect(sent.every((n) => (n.params as { trackingCode: string }).trackingCode === target.tracking_code)).toBe(true);

    // A merged report cannot be merged again, nor be a target.
    await expect(mergeInto(db, ctxOf(w.desk, w.tenant), w.tenant.id, dup.complaint.id, target.id)).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    const third = (await buildComplaint(db, w.tenant, { status: 'received' })).complaint;
    await expect(mergeInto(db, ctxOf(w.desk, w.tenant), w.tenant.id, third.id, dup.complaint.id)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await repo.getComplaint(db, w.tenant.id, third.id))!.status).toBe('received');
  });
});

/**
 * "This may already be reported" at intake over HTTP: the desk's and the public endpoint
 * for a report being typed in. Same category and kecamatan only; a rahasia report never in
 * the public answer; an anonim one for the desk, never its reporter in public; bad input 400.
 */
import { afterAll, beforeAll, describe, expect, it} from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { buildCategory, buildComplaint } from '../../../../test/helpers/complaints.js';


let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;
let roads: { id: string };
let water: { id: string };
let kec: string;
const h: Record<string, Record<string, string>> = {};
const c: Record<string, { id: string; tracking_code: string }> = {};
const ANON = { name: 'Budi Anonim Santoso', phone: '+6281277770000', email: 'budi.anonim@contoh.id' };
const PUBLIC_REPORTER = { name: 'Rina Terbuka Wati', phone: '+6281266660000', email: 'rina.terbuka@contoh.id' };

let ipSeq = 0;
const freshIp = () => `10.77.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  tenant = await buildTenant(db);
  kec = `${tenant.code}.01`;
  await db.insertInto('region').values([
    { tenant_id: tenant.id, code: kec, parent_code: null, level: 'kecamatan', name: 'Kecamatan Satu' },
    { tenant_id: tenant.id, code: `${kec}.2001`, parent_code: kec, level: 'desa', name: 'Desa Satu' },
    { tenant_id: tenant.id, code: `${tenant.code}.02`, parent_code: null, level: 'kecamatan', name: 'Kecamatan Dua' },
  ]).execute();
  roads = await buildCategory(db, tenant, 'jalan', 'Jalan dan jembatan');
  water = await buildCategory(db, tenant, 'air', 'Air bersih');
  const base = { category_id: roads.id, region_code: `${kec}.2001`, status: 'received' as const };
  c.open = (await buildComplaint(db, tenant, { ...base, title: 'Jalan berlubang di depan SDN 3 Mataram', reporter: PUBLIC_REPORTER })).complaint;
  c.secret = (await buildComplaint(db, tenant, { ...base, title: 'Jalan berlubang di depan SDN 3 dekat pasar', is_confidential: true })).complaint;
  c.anon = (await buildComplaint(db, tenant, { ...base, title: 'Jalan berlubang depan SDN 3 sangat dalam', is_anonymous: true, reporter: ANON })).complaint;
  c.otherCat = (await buildComplaint(db, tenant, { ...base, category_id: water.id, title: 'Jalan berlubang di depan SDN 3 Mataram' })).complaint;
  c.otherArea = (await buildComplaint(db, tenant, { ...base, region_code: `${tenant.code}.02`, title: 'Jalan berlubang di depan SDN 3 Mataram' })).complaint;
  c.closed = (await buildComplaint(db, tenant, { ...base, status: 'closed', title: 'Jalan berlubang di depan SDN 3 Mataram' })).complaint;
  h.desk = await sessionHeaders(db, await buildUser(db, tenant, [{ role: 'verifikator' }]));
  h.warga = await sessionHeaders(db, await buildUser(db, tenant, [{ role: 'warga' }]));
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const draft = () => ({ title: 'Jalan berlubang di depan SDN 3', description: 'Lubang besar, berbahaya untuk motor', categoryId: roads.id, regionCode: `${kec}.2001` });
const staffAsk = (body: unknown, headers: Record<string, string> = h.desk) =>
  app.inject({ method: 'POST', url: '/api/v1/complaints/similar', headers, payload: body as object });
const publicAsk = (body: unknown) =>
  app.inject({ method: 'POST', url: `/r/${tenant.slug}/api/v1/public/complaints/similar`, payload: body as object, remoteAddress: freshIp() });

describe('similar reports at intake: the desk', () => {
  it('suggests open reports of the same category and area, anonim and rahasia included, without reporters', async () => {
    const res = await staffAsk(draft());
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([c.open.id, c.secret.id, c.anon.id]));
    for (const other of [c.otherCat.id, c.otherArea.id, c.closed.id]) expect(ids).not.toContain(other);
    expect(res.json().items.find((i: { id: string }) => i.id === c.open.id)).toMatchObject({ trackingCode: c.open.tracking_code, status: 'received', reporterCount: 1 });
    for (const s of [...Object.values(ANON), ...Object.values(PUBLIC_REPORTER)]) expect(res.body).not.toContain(s);
  });

  it('is refused without login (401) and to non-desk roles (403)', async () => {
    expect((await staffAsk(draft(), {})).statusCode).toBe(401);
    expect((await staffAsk(draft(), h.warga)).statusCode).toBe(403);
  });

  it('answers nothing for an unrelated title', async () => {
    const res = await staffAsk({ ...draft(), title: 'Pelayanan KTP elektronik lambat', description: 'Antre sejak pagi' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });
});

describe('similar reports at intake: the public', () => {
  it('suggests the public report by tracking code, never a rahasia one, never a reporter', async () => {
    const res = await publicAsk(draft());
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    const codes = items.map((i) => i.trackingCode);
    expect(codes).toContain(c.open.tracking_code);
    expect(codes).toContain(c.anon.tracking_code);
    for (const other of [c.secret, c.otherCat, c.otherArea, c.closed]) expect(codes).not.toContain(other.tracking_code);
    expect(res.body).not.toContain('SDN 3 dekat pasar'); // the rahasia title
    for (const s of [...Object.values(ANON), ...Object.values(PUBLIC_REPORTER)]) expect(res.body).not.toContain(s);
    for (const i of items) expect(Object.keys(i).sort()).toEqual(['reporterCount', 'status', 'title', 'trackingCode']);
    expect(items.find((i) => i.trackingCode === c.open.tracking_code)).toEqual({ trackingCode: c.open.tracking_code, title: 'Jalan berlubang di depan SDN 3 Mataram', status: 'received', reporterCount: 1 });
  });

  it('keeps category and area apart', async () => {
    const res = await publicAsk({ ...draft(), categoryId: water.id });
    expect(res.json().items.map((i: { trackingCode: string }) => i.trackingCode)).toEqual([c.otherCat.tracking_code]);
    const area = await publicAsk({ ...draft(), regionCode: `${tenant.code}.02` });
    expect(area.json().items.map((i: { trackingCode: string }) => i.trackingCode)).toEqual([c.otherArea.tracking_code]);
  });
});

describe('bad input', () => {
  it('refuses an empty title, a blank title, 100 KB of text and unknown fields with 400', async () => {
    const big = 'a'.repeat(100 * 1024);
    for (const body of [{ ...draft(), title: '' }, { ...draft(), title: '   ' }, { ...draft(), title: big }, { ...draft(), description: big }, { ...draft(), extra: 1 }, { ...draft(), regionCode: 'x' }, {}]) {
      expect((await publicAsk(body)).statusCode).toBe(400);
      expect((await staffAsk(body)).statusCode).toBe(400);
    }
  });
});

/**
 * The privacy rule on every read path (issue #11, ADR 0027), generated from the route table.
 *
 * It files anonim and rahasia reports — signed in and not, with an attachment, merged into a
 * public report, after dispute, confirmation and added information — then calls EVERY GET
 * route of the OpenAPI document (and the Open311 routes, which the document hides) as every
 * role: the desk, oversight, the leaders, the OPD holding the case and another OPD, citizens
 * (the reporter and a stranger), another tenant's staff, a superadmin, and nobody signed in.
 * It fails when a body names an anonim reporter (name, e-mail, phone, user id) to anyone but
 * the desk, the inspectorate and that reporter, or shows a rahasia report to the public.
 * The routes × roles it covered are written to test-results/privacy-matrix-<db>.txt.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DbHandle } from '../../src/server/db/index.js';
import { openTestDatabase, TEST_DB_KIND } from '../helpers/db.js';
import { buildTestApp } from '../helpers/app.js';
import { buildOpd, buildRegion, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../helpers/factories.js';
import { buildPng, multipartBody } from '../helpers/attachments.js';
import { seedDefaultDeadlineRules } from '../../src/server/modules/complaints/deadlines.js';

interface Person {
  name: string;
  email: string;
  phone: string;
  userId?: string;
}
/** What names a person in a body: each field as given, and the phone's digits. */
function markers(p: Person): string[] {
  const digits = p.phone.replace(/\D/g, '');
  return [p.name, p.email, p.phone, digits, digits.slice(-8), ...(p.userId ? [p.userId] : [])];
}

type CallerName =
  | 'public' | 'warga-reporter' | 'warga-rahasia' | 'warga-other' | 'admin' | 'verifikator' | 'inspektorat' | 'pimpinan'
  | 'kepala-opd' | 'operator-opd' | 'operator-other-opd' | 'admin-other-tenant' | 'operator-other-tenant' | 'superadmin';
/** The audiences that see every reporter (the desk and oversight, present.ts seesAnonimReporters). */
const SEES_REPORTERS: readonly CallerName[] = ['admin', 'verifikator', 'inspektorat', 'superadmin'];
/** Who may see a rahasia report: the tenant's staff (and the reporter, checked per report). */
const TENANT_STAFF: readonly CallerName[] = ['admin', 'verifikator', 'inspektorat', 'pimpinan', 'kepala-opd', 'operator-opd', 'operator-other-opd', 'superadmin'];

let handle: DbHandle;
let app: FastifyInstance;
let t1: TestTenant;
let t2: TestTenant;
let desa: string;
const callers = {} as Record<CallerName, Record<string, string>>;
const ids = { complaints: [] as string[], codes: [] as string[], attachments: [] as string[], users: [] as string[], opd: '' };

/** Anonim reporters: hidden from all but the desk, oversight and themselves. */
const anonim: Array<{ person: Person; self?: CallerName }> = [];
/** Rahasia reports: what would show one (title, code, description), and its reporter's account. */
const rahasia: Array<{ marks: string[]; self?: CallerName }> = [];

let ipSeq = 0;
const freshIp = () => `10.77.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;
const api = (p: string) => `/r/${t1.slug}/api/v1${p}`;

async function call(method: 'GET' | 'POST', url: string, who: CallerName, body?: unknown, extra: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, headers: { ...callers[who], ...extra }, payload: body as object, remoteAddress: freshIp() });
}

async function ok(res: LightMyRequestResponse, what: string): Promise<Record<string, any>> {
  expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

async function file(who: CallerName, person: Person, over: Record<string, unknown>) {
  const body = {
    kind: 'pengaduan',
    title: `Laporan ${crypto.randomUUID().slice(0, 8)}`,
    description: 'Uraian laporan untuk uji privasi.',
    regionCode: desa,
    isAnonymous: false,
    isConfidential: false,
    reporter: { name: person.name, email: person.email, phone: person.phone },
    ...over,
  };
  const receipt = await ok(await call('POST', api('/public/complaints'), who, body, { 'idempotency-key': `k-${crypto.randomUUID()}` }), 'file');
  const row = await handle.db.selectFrom('complaint').select('id').where('tenant_id', '=', t1.id).where('tracking_code', '=', receipt.trackingCode).executeTakeFirstOrThrow();
  ids.complaints.push(row.id);
  ids.codes.push(receipt.trackingCode);
  return { id: row.id, code: receipt.trackingCode as string, key: receipt.reporterKey as string, title: body.title, description: body.description };
}

const staff = (who: CallerName, id: string, action: string, body: Record<string, unknown> = {}) =>
  call('POST', api(`/complaints/${id}/actions/${action}`), who, body).then((r) => ok(r, `${who} ${action}`));
const citizen = (code: string, action: string, body: Record<string, unknown>, who: CallerName, key?: string) =>
  call('POST', api(`/public/complaints/${code}/${action}`), who, body, key ? { 'x-reporter-key': key } : {}).then((r) => ok(r, `citizen ${action}`));

async function toResolved(id: string) {
  await staff('verifikator', id, 'verify');
  await staff('verifikator', id, 'route', { opdId: ids.opd });
  await staff('operator-opd', id, 'accept');
  await staff('operator-opd', id, 'respond', { note: 'Sedang ditangani.' });
  await staff('operator-opd', id, 'resolve', { note: 'Sudah selesai.' });
}

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  t1 = await buildTenant(db);
  t2 = await buildTenant(db);
  desa = `${await buildRegion(db, t1)}.2001`;
  await buildRegion(db, t2);
  await seedDefaultDeadlineRules(db, t1.id);
  const opdA = await buildOpd(db, t1);
  const opdB = await buildOpd(db, t1);
  const opdOther = await buildOpd(db, t2);
  ids.opd = opdA.id;

  const p1: Person = { name: 'Wulan Penyamar Unik', email: 'wulan.penyamar@contoh.id', phone: '+62 811 2222 3333' };
  const p3: Person = { name: 'Raka Rahasia Sendiri', email: 'raka.rahasia@contoh.id', phone: '+62 812 7777 1212' };
  const warga1 = await buildUser(db, t1, [{ role: 'warga' }], { name: p1.name, email: p1.email });
  const warga3 = await buildUser(db, t1, [{ role: 'warga' }], { name: p3.name, email: p3.email });
  p1.userId = warga1.id;
  p3.userId = warga3.id;
  ids.users.push(warga1.id, warga3.id);
  const users: Record<Exclude<CallerName, 'public'>, Awaited<ReturnType<typeof buildUser>>> = {
    'warga-reporter': warga1,
    'warga-rahasia': warga3,
    'warga-other': await buildUser(db, t1, [{ role: 'warga' }]),
    admin: await buildUser(db, t1, [{ role: 'admin' }]),
    verifikator: await buildUser(db, t1, [{ role: 'verifikator' }]),
    inspektorat: await buildUser(db, t1, [{ role: 'inspektorat' }]),
    pimpinan: await buildUser(db, t1, [{ role: 'pimpinan' }]),
    'kepala-opd': await buildUser(db, t1, [{ role: 'kepala_opd', opdId: opdA.id }]),
    'operator-opd': await buildUser(db, t1, [{ role: 'operator_opd', opdId: opdA.id }]),
    'operator-other-opd': await buildUser(db, t1, [{ role: 'operator_opd', opdId: opdB.id }]),
    'admin-other-tenant': await buildUser(db, t2, [{ role: 'admin' }]),
    'operator-other-tenant': await buildUser(db, t2, [{ role: 'operator_opd', opdId: opdOther.id }]),
    superadmin: await buildUser(db, t2, [{ role: 'superadmin' }]),
  };
  callers.public = {};
  for (const [who, u] of Object.entries(users)) callers[who as CallerName] = await sessionHeaders(db, u);

  // 1. Signed in, anonim, with a photo whose file name names the reporter: disputed, then confirmed with the key.
  const upload = multipartBody([{ name: 'file', filename: `KTP ${p1.name}.png`, contentType: 'image/png', data: buildPng() }]);
  const att = await ok(
    await app.inject({ method: 'POST', url: api('/public/attachments'), headers: { ...callers['warga-reporter'], ...upload.headers }, payload: upload.payload, remoteAddress: freshIp() }),
    'upload',
  );
  ids.attachments.push(att.id);
  const a1 = await file('warga-reporter', p1, { isAnonymous: true, attachmentIds: [att.id] });
  await toResolved(a1.id);
  await citizen(a1.code, 'dispute', { reason: 'Belum beres.' }, 'warga-reporter');
  await staff('operator-opd', a1.id, 'resolve', { note: 'Sudah diperbaiki lagi.' });
  await citizen(a1.code, 'confirm', { rating: 4, comment: 'Terima kasih.' }, 'public', a1.key);
  anonim.push({ person: p1, self: 'warga-reporter' });

  // 2. Not signed in, anonim: held, information added with the key, then resolved.
  const p2: Person = { name: 'Bagas Tersembunyi Sekali', email: 'bagas.tersembunyi@contoh.id', phone: '+62 813 4444 5555' };
  const a2 = await file('public', p2, { isAnonymous: true });
  await staff('verifikator', a2.id, 'hold', { note: 'Mohon alamat lengkap.' });
  await citizen(a2.code, 'info', { info: 'Di depan pasar.' }, 'public', a2.key);
  await toResolved(a2.id);
  anonim.push({ person: p2 });

  // 3. Signed in, rahasia (not anonim): staff may see the reporter, the public never sees the report.
  const r1 = await file('warga-rahasia', p3, { isConfidential: true, title: 'RahasiaZqx satu', description: 'UraianRahasiaZqx satu' });
  await toResolved(r1.id);
  await citizen(r1.code, 'confirm', { rating: 2 }, 'warga-rahasia');
  rahasia.push({ marks: [r1.title, r1.description, r1.code], self: 'warga-rahasia' });

  // 4. Not signed in, rahasia and anonim, routed.
  const p4: Person = { name: 'Citra Terselubung Dalam', email: 'citra.terselubung@contoh.id', phone: '+62 814 6666 9090' };
  const r2 = await file('public', p4, { isConfidential: true, isAnonymous: true, title: 'RahasiaZqx dua', description: 'UraianRahasiaZqx dua' });
  await staff('verifikator', r2.id, 'verify');
  await staff('verifikator', r2.id, 'route', { opdId: ids.opd });
  anonim.push({ person: p4 });
  rahasia.push({ marks: [r2.title, r2.description, r2.code] });

  // 5. Anonim, merged into a public named report: the reporter moves there and stays hidden.
  const p5: Person = { name: 'Dodi Gabungan Anonim', email: 'dodi.gabungan@contoh.id', phone: '+62 815 3131 4242' };
  const named: Person = { name: 'Eka Bernama Terang', email: 'eka.terang@contoh.id', phone: '+62 816 1000 2000' };
  const dup = await file('public', p5, { isAnonymous: true });
  const main = await file('public', named, {});
  await staff('verifikator', main.id, 'verify');
  await ok(await call('POST', api(`/complaints/${dup.id}/merge`), 'verifikator', { intoId: main.id }), 'merge');
  await staff('verifikator', main.id, 'route', { opdId: ids.opd });
  anonim.push({ person: p5 });
}, 240_000);

afterAll(async () => {
  await app.close();
  await handle.close();
});

// --- the route table ------------------------------------------------------------------------

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: { type?: string; format?: string; enum?: unknown[]; anyOf?: Array<{ enum?: unknown[]; type?: string }>; minimum?: number; pattern?: string };
}

/** Enum values of a query parameter (TypeBox unions come out as anyOf of one-value enums). */
function enumValues(p: OpenApiParameter): string[] {
  const s = p.schema ?? {};
  if (s.enum) return s.enum.map(String);
  return (s.anyOf ?? []).flatMap((a) => a.enum ?? []).map(String);
}

/** A value the parameter accepts, good enough to reach the handler. */
function sample(p: OpenApiParameter): string {
  const s = p.schema ?? {};
  const e = enumValues(p);
  if (e.length) return e[0]!;
  if (p.name === 'year') return String(new Date().getUTCFullYear());
  if (s.format === 'uuid') return ids.opd;
  if (s.format === 'date' || p.name === 'from' || p.name === 'to') return new Date().toISOString().slice(0, 10);
  if (p.name === 'start') return new Date().toISOString();
  if (s.type === 'integer' || s.type === 'number') return String(Math.max(1, s.minimum ?? 1));
  if (s.type === 'boolean') return 'true';
  if (p.name === 'regionCode' || p.name === 'parent') return desa;
  return 'uji';
}

/** Values for a path parameter: the records this test made, by what the path is about. */
function pathValues(route: string, name: string): string[] {
  if (name === 'code') return ids.codes;
  if (route.includes('/attachments/')) return ids.attachments;
  if (route.includes('/users/')) return ids.users;
  if (route.includes('/complaints/') && name === 'id') return ids.complaints;
  if (name === 'kind') return ['opds'];
  return [ids.opd];
}

/** Every URL to call for one documented GET route: path values × a few query variants. */
function urlsFor(route: string, parameters: OpenApiParameter[]): string[] {
  const pathParams = parameters.filter((p) => p.in === 'path');
  let paths = [route];
  for (const p of pathParams) paths = paths.flatMap((r) => pathValues(route, p.name).map((v) => r.replace(`{${p.name}}`, encodeURIComponent(v))));
  const query = parameters.filter((p) => p.in === 'query');
  const base = new URLSearchParams(query.filter((p) => p.required).map((p) => [p.name, sample(p)]));
  const variants = [base];
  // Lists: every view and status, a search for a reporter's name, the audit trail of a report and of a reporter.
  for (const p of query.filter((x) => ['view', 'status'].includes(x.name))) {
    for (const v of enumValues(p)) variants.push(new URLSearchParams([...base, [p.name, v]]));
  }
  if (query.some((p) => p.name === 'q')) variants.push(new URLSearchParams([...base, ['q', anonim[0]!.person.name]]));
  if (query.some((p) => p.name === 'entityId')) variants.push(new URLSearchParams([...base, ['entityId', ids.complaints[0]!]]));
  if (query.some((p) => p.name === 'actorId')) variants.push(new URLSearchParams([...base, ['actorId', ids.users[0]!]]));
  if (query.some((p) => p.name === 'limit') && !query.find((p) => p.name === 'limit')?.required) variants.push(new URLSearchParams([...base, ['limit', '50']]));
  return paths.flatMap((p) => variants.map((q) => (q.size ? `${p}?${q}` : p)));
}

/** Open311 GeoReport v2 reads: public, hidden from the OpenAPI document, called all the same. */
function open311Urls(): string[] {
  const base = `/r/${t1.slug}/open311/v2`;
  return [`${base}/discovery.json`, `${base}/services.json`, `${base}/requests.json`, `${base}/requests.xml`, ...ids.codes.map((code) => `${base}/requests/${code}.json`)];
}

// --- the check ------------------------------------------------------------------------------

const CALLERS: CallerName[] = [
  'public', 'warga-reporter', 'warga-rahasia', 'warga-other', 'admin', 'verifikator', 'inspektorat', 'pimpinan',
  'kepala-opd', 'operator-opd', 'operator-other-opd', 'admin-other-tenant', 'operator-other-tenant', 'superadmin',
];

describe('privacy on every read path', () => {
  it('never shows an anonim reporter, nor a rahasia report to the public, on any GET route as any role', async () => {
    const doc = (app as unknown as { swagger(): { paths: Record<string, { get?: { parameters?: OpenApiParameter[] } }> } }).swagger();
    const routes = Object.entries(doc.paths).filter(([, ops]) => ops.get);
    expect(routes.length).toBeGreaterThan(60);
    const urls = new Map<string, string[]>();
    for (const [route, ops] of routes) urls.set(`GET ${route}`, urlsFor(route, ops.get!.parameters ?? []).map((u) => `/r/${t1.slug}${u}`));
    urls.set('GET /open311/v2/* (hidden from OpenAPI)', open311Urls());

    const violations: string[] = [];
    const seen = new Map<string, Map<CallerName, Map<number, number>>>();
    let calls = 0;
    let desksSawAReporter = 0;
    for (const [route, list] of urls) {
      const byCaller = new Map<CallerName, Map<number, number>>();
      seen.set(route, byCaller);
      for (const who of CALLERS) {
        const statuses = new Map<number, number>();
        byCaller.set(who, statuses);
        for (const url of list) {
          const res = await call('GET', url, who);
          calls++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const body = res.body;
          for (const { person, self } of anonim) {
            const found = markers(person).filter((m) => body.includes(m));
            if (!found.length) continue;
            if (SEES_REPORTERS.includes(who)) desksSawAReporter++;
            else if (who !== self) violations.push(`${who} ${url} → ${res.statusCode} names anonim reporter "${person.name}" (${found.join(', ')})`);
          }
          for (const { marks, self } of rahasia) {
            // An error that echoes the code the caller sent discloses nothing: only other marks count.
            const found = marks.filter((m) => body.includes(m) && !decodeURIComponent(url).includes(m));
            if (found.length && !TENANT_STAFF.includes(who) && who !== self) violations.push(`${who} ${url} → ${res.statusCode} shows a rahasia report (${found.join(', ')})`);
          }
          if (res.statusCode >= 500) violations.push(`${who} ${url} → ${res.statusCode} ${body.slice(0, 200)}`);
        }
      }
    }

    // The routes × roles covered, for the record (test-results/ is not committed).
    const lines = [...seen].map(([route, byCaller]) =>
      `${route}\n${[...byCaller].map(([who, st]) => `  ${who.padEnd(22)} ${[...st].map(([s, n]) => `${s}×${n}`).join(' ')}`).join('\n')}`,
    );
    const out = path.resolve('test-results', `privacy-matrix-${TEST_DB_KIND}.txt`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${seen.size} routes × ${CALLERS.length} roles, ${calls} calls\n\n${lines.join('\n')}\n`);

    expect(violations).toEqual([]);
    // Every route was called as every role, and the check can see a reporter where it is allowed.
    for (const [route, byCaller] of seen) expect(byCaller.size, route).toBe(CALLERS.length);
    expect(desksSawAReporter).toBeGreaterThan(0);
  }, 600_000);

  it('can see what it looks for: the desk sees each anonim reporter on the case page, the OPD sees none', async () => {
    for (const id of ids.complaints) {
      const desk = await call('GET', api(`/complaints/${id}`), 'verifikator');
      const opd = await call('GET', api(`/complaints/${id}`), 'operator-opd');
      for (const { person } of anonim) expect(markers(person).filter((m) => opd.body.includes(m)), `${id} ${person.name}`).toEqual([]);
      expect(desk.statusCode).toBe(200);
    }
    const seenByDesk = await Promise.all(ids.complaints.map((id) => call('GET', api(`/complaints/${id}`), 'verifikator').then((r) => r.body)));
    for (const { person } of anonim) expect(seenByDesk.some((b) => b.includes(person.name)), person.name).toBe(true);
    // The signed-in anonim reporter's account is on the case page for the desk only.
    const caseA1 = await call('GET', api(`/complaints/${ids.complaints[0]}`), 'verifikator');
    expect(caseA1.body).toContain(anonim[0]!.person.userId!);
  });
});

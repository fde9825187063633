/**
 * Open311 GeoReport v2 conformance: every endpoint in XML and JSON, the exact Content-Type,
 * well-formed XML with the spec's roots and fields, the spec's error format and statuses,
 * jurisdiction_id handling, and privacy (no rahasia report, no personal data in GETs).
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildApp } from '../../app.js';
import { testConfig } from '../../../../test/helpers/app.js';
import { buildOpd, buildRegion, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import { randomToken, sha256 } from '../auth/tokens.js';
import { checkWellFormed } from './xml.js';

let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;
let other: TestTenant;
let opdName: string;
let kecamatan: string;

const FORMATS = ['xml', 'json'] as const;
type F = (typeof FORMATS)[number];
const CT: Record<F, string> = { xml: 'text/xml', json: 'application/json' };

const PERSONAL = { email: 'siti.rahma@contoh.id', first_name: 'Siti', last_name: 'Rahmawati', phone: '+6281234567890' };

/** Every element's text (unescaped) of `tag` in an XML document. */
function texts(xml: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    out.push(m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
  }
  return out;
}
function count(xml: string, tag: string): number {
  return (xml.match(new RegExp(`<${tag}>`, 'g')) ?? []).length;
}

/** Each call comes from its own address, so the routes' rate limits (tested below) do not interfere. */
function someIp(): string {
  return `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${1 + crypto.randomInt(254)}`;
}

async function call(method: 'GET' | 'POST', url: string, opts: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string>; ip?: string } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let payload: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(opts.form).toString();
  } else if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(opts.json);
  }
  const res = await app.inject({ method, url, headers, payload, remoteAddress: opts.ip ?? someIp() });
  const format: F = /\.json(\?|$)/.test(url) ? 'json' : 'xml';
  return { res, format, status: res.statusCode, ct: res.headers['content-type'], body: res.body };
}

/** Asserts the spec's error document for `status` in the format the URL asked for. */
function expectError(r: Awaited<ReturnType<typeof call>>, status: number, descriptionIncludes?: RegExp) {
  expect(r.status).toBe(status);
  expect(r.ct).toBe(CT[r.format]);
  let description: string;
  if (r.format === 'json') {
    const body = JSON.parse(r.body);
    expect(Array.isArray(body)).toBe(true);
    expect(body).toHaveLength(1);
    expect(Object.keys(body[0]).sort()).toEqual(['code', 'description']);
    expect(body[0].code).toBe(status);
    description = body[0].description;
  } else {
    expect(checkWellFormed(r.body)).toBe('errors');
    expect(r.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><errors><error><code>\d+<\/code><description>[^<]+<\/description><\/error><\/errors>$/);
    expect(texts(r.body, 'code')).toEqual([String(status)]);
    description = texts(r.body, 'description')[0];
  }
  expect(description.length).toBeGreaterThan(5);
  if (descriptionIncludes) expect(description).toMatch(descriptionIncludes);
}

function j(url: string, t: TestTenant = tenant) {
  return `${url}${url.includes('?') ? '&' : '?'}jurisdiction_id=${t.code}`;
}

async function post(format: F, fields: Record<string, string>, t: TestTenant = tenant) {
  return call('POST', `/open311/v2/requests.${format}`, { form: { jurisdiction_id: t.code, ...fields } });
}

function idOf(r: Awaited<ReturnType<typeof call>>): string {
  return r.format === 'json' ? JSON.parse(r.body)[0].service_request_id : texts(r.body, 'service_request_id')[0];
}

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildApp(testConfig(), handle);
  await app.ready();
  tenant = await buildTenant(handle.db, { timezone: 'Asia/Makassar', name: 'Kabupaten Uji <Open311> & "Co"' });
  other = await buildTenant(handle.db);
  kecamatan = await buildRegion(handle.db, tenant);
  const opd = await buildOpd(handle.db, tenant, { name: 'Dinas PUPR & Tata Ruang' });
  opdName = opd.name;
  const cats = await handle.db.insertInto('complaint_category').values([
    { tenant_id: tenant.id, code: 'jalan-rusak', name: 'Jalan rusak', description: 'Jalan berlubang, retak, <longsor>', service_id: null, sort_order: 1 },
    { tenant_id: tenant.id, code: 'sampah', name: 'Sampah', description: null, service_id: null, sort_order: 2 },
    { tenant_id: tenant.id, code: 'lama', name: 'Kategori lama', description: null, service_id: null, is_active: false },
  ]).returning(['id', 'code']).execute();
  await handle.db.insertInto('routing_rule').values({ tenant_id: tenant.id, category_id: cats[0].id, region_code: null, opd_id: opd.id }).execute();
  await handle.db.insertInto('complaint_category').values({ tenant_id: other.id, code: 'lain', name: 'Milik tenant lain', description: null, service_id: null }).execute();
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('discovery', () => {
  for (const format of FORMATS) {
    it(`GET discovery.${format}`, async () => {
      const r = await call('GET', j(`/open311/v2/discovery.${format}`));
      expect(r.status).toBe(200);
      expect(r.ct).toBe(CT[format]);
      if (format === 'json') {
        const d = JSON.parse(r.body);
        expect(Object.keys(d).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
        expect(d.endpoints).toHaveLength(1);
        expect(d.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
        expect(d.endpoints[0].url).toMatch(/^http:\/\/[^/]+\/open311\/v2$/);
        expect(d.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
        expect(d.contact).toContain('Kabupaten Uji <Open311> & "Co"');
      } else {
        expect(checkWellFormed(r.body)).toBe('discovery');
        expect(r.body).toMatch(/<discovery><changeset>[^<]+<\/changeset><contact>[^<]+<\/contact><key_service>[^<]+<\/key_service><endpoints><endpoint><specification>http:\/\/wiki.open311.org\/GeoReport_v2<\/specification><url>[^<]+\/open311\/v2<\/url><changeset>[^<]+<\/changeset><type>production<\/type><formats><format>text\/xml<\/format><format>application\/json<\/format><\/formats><\/endpoint><\/endpoints><\/discovery>$/);
        // Tenant names with markup are escaped, not injected.
        expect(r.body).toContain('Kabupaten Uji &lt;Open311&gt; &amp; &quot;Co&quot;');
      }
    });
  }

  it('discovery needs no jurisdiction (a generic document when none is chosen); an unknown one is 404', async () => {
    const r = await call('GET', '/open311/v2/discovery.json');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).endpoints[0].formats).toEqual(['text/xml', 'application/json']);
    expectError(await call('GET', '/open311/v2/discovery.xml?jurisdiction_id=99.99'), 404);
  });

  it('discovery under a /r/{slug} prefix names the prefixed endpoint', async () => {
    const r = await call('GET', `/r/${tenant.slug}/open311/v2/discovery.json`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).endpoints[0].url).toMatch(new RegExp(`/r/${tenant.slug}/open311/v2$`));
  });
});

describe('services', () => {
  for (const format of FORMATS) {
    it(`GET services.${format}: the tenant's active categories`, async () => {
      const r = await call('GET', j(`/open311/v2/services.${format}`));
      expect(r.status).toBe(200);
      expect(r.ct).toBe(CT[format]);
      if (format === 'json') {
        const list = JSON.parse(r.body);
        expect(list).toEqual([
          { service_code: 'jalan-rusak', service_name: 'Jalan rusak', description: 'Jalan berlubang, retak, <longsor>', metadata: true, type: 'realtime', keywords: null, group: opdName },
          { service_code: 'sampah', service_name: 'Sampah', description: null, metadata: true, type: 'realtime', keywords: null, group: null },
        ]);
      } else {
        expect(checkWellFormed(r.body)).toBe('services');
        expect(count(r.body, 'service')).toBe(2);
        expect(texts(r.body, 'service_code')).toEqual(['jalan-rusak', 'sampah']);
        expect(texts(r.body, 'description')[0]).toBe('Jalan berlubang, retak, <longsor>');
        expect(r.body).toContain('<description>Jalan berlubang, retak, &lt;longsor&gt;</description>');
        expect(texts(r.body, 'metadata')).toEqual(['true', 'true']);
        expect(texts(r.body, 'type')).toEqual(['realtime', 'realtime']);
        expect(texts(r.body, 'group')[0]).toBe(opdName);
        for (const tag of ['service_name', 'keywords']) expect(count(r.body, tag)).toBe(2);
      }
    });

    it(`GET services/{code}.${format}: the service definition with attributes`, async () => {
      const r = await call('GET', j(`/open311/v2/services/jalan-rusak.${format}`));
      expect(r.status).toBe(200);
      expect(r.ct).toBe(CT[format]);
      if (format === 'json') {
        const d = JSON.parse(r.body);
        expect(d.service_code).toBe('jalan-rusak');
        expect(d.attributes.map((a: any) => a.code)).toEqual(['kind', 'anonymous', 'confidential', 'event_date']);
        for (const a of d.attributes) {
          expect(a).toMatchObject({ variable: true, required: false });
          expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(a.datatype);
          expect(typeof a.description).toBe('string');
          expect(typeof a.order).toBe('number');
        }
        expect(d.attributes[0].values.map((v: any) => v.key)).toEqual(['pengaduan', 'aspirasi', 'permintaan_informasi']);
      } else {
        expect(checkWellFormed(r.body)).toBe('service_definition');
        expect(r.body).toMatch(/^<\?xml[^>]+><service_definition><service_code>jalan-rusak<\/service_code><attributes><attribute><variable>true<\/variable><code>kind<\/code><datatype>singlevaluelist<\/datatype><required>false<\/required><datatype_description>[^<]+<\/datatype_description><order>1<\/order><description>[^<]+<\/description><values><value><key>pengaduan<\/key><name>[^<]+<\/name><\/value>/);
        expect(count(r.body, 'attribute')).toBe(4);
      }
    });

    it(`services/{code}.${format}: unknown or inactive code → 404 in the spec's format`, async () => {
      expectError(await call('GET', j(`/open311/v2/services/tidak-ada.${format}`)), 404, /tidak-ada/);
      expectError(await call('GET', j(`/open311/v2/services/lama.${format}`)), 404);
      // Another tenant's category is not this tenant's service.
      expectError(await call('GET', j(`/open311/v2/services/lain.${format}`)), 404);
    });

    it(`services.${format}: unknown jurisdiction → 404; none on a multi-tenant install → 400`, async () => {
      expectError(await call('GET', `/open311/v2/services.${format}?jurisdiction_id=99.99`), 404, /99\.99/);
      expectError(await call('GET', `/open311/v2/services.${format}?jurisdiction_id=no-such-slug`), 404);
      expectError(await call('GET', `/open311/v2/services.${format}`), 400, /jurisdiction_id/);
    });
  }

  it('jurisdiction_id may be the slug; the path prefix and the configured default tenant also choose it', async () => {
    const bySlug = await call('GET', `/open311/v2/services.json?jurisdiction_id=${tenant.slug}`);
    expect(JSON.parse(bySlug.body).map((s: any) => s.service_code)).toEqual(['jalan-rusak', 'sampah']);
    const prefixed = await call('GET', `/r/${other.slug}/open311/v2/services.json`);
    expect(JSON.parse(prefixed.body).map((s: any) => s.service_code)).toEqual(['lain']);
    const single = await buildApp(testConfig({ defaultTenantCode: tenant.code }), handle);
    try {
      const r = await single.inject({ method: 'GET', url: '/open311/v2/services.xml' });
      expect(r.statusCode).toBe(200);
      expect(texts(r.body, 'service_code')).toEqual(['jalan-rusak', 'sampah']);
    } finally {
      await single.close();
    }
  });
});

describe('POST requests', () => {
  for (const format of FORMATS) {
    it(`POST requests.${format} (form-urlencoded) files a report through the intake`, async () => {
      const r = await post(format, { service_code: 'jalan-rusak', lat: '-3.45', long: '115.95', description: 'Lubang besar di depan pasar. Sudah dua minggu tidak diperbaiki.', ...PERSONAL, media_url: 'https://contoh.id/foto.jpg', 'attribute[kind]': 'pengaduan' });
      expect(r.status).toBe(201);
      expect(r.ct).toBe(CT[format]);
      let id: string;
      if (format === 'json') {
        const body = JSON.parse(r.body);
        expect(body).toHaveLength(1);
        expect(Object.keys(body[0]).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
        id = body[0].service_request_id;
        expect(body[0].service_notice).toContain(id);
      } else {
        expect(checkWellFormed(r.body)).toBe('service_requests');
        expect(r.body).toMatch(/<service_requests><request><service_request_id>[^<]+<\/service_request_id><service_notice>[^<]+<\/service_notice><account_id><\/account_id><\/request><\/service_requests>$/);
        id = texts(r.body, 'service_request_id')[0];
      }
      const row = await handle.db.selectFrom('complaint').selectAll().where('tenant_id', '=', tenant.id).where('tracking_code', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ channel: 'open311', kind: 'pengaduan', title: 'Lubang besar di depan pasar.', latitude: -3.45, longitude: 115.95, is_confidential: false });
      expect(row.description).toContain('media_url: https://contoh.id/foto.jpg');
      const reporter = await handle.db.selectFrom('complaint_reporter').selectAll().where('tenant_id', '=', tenant.id).where('complaint_id', '=', row.id).executeTakeFirstOrThrow();
      expect(reporter).toMatchObject({ name: 'Siti Rahmawati', email: PERSONAL.email, phone: PERSONAL.phone, wants_updates: true });
    });

    it(`POST requests.${format} (JSON body, attribute object, address_string only)`, async () => {
      const r = await call('POST', `/open311/v2/requests.${format}`, {
        json: { jurisdiction_id: tenant.slug, service_code: 'sampah', address_string: 'Jl. Merdeka 1', address_id: kecamatan, description: 'Sampah menumpuk', attribute: { kind: 'aspirasi', anonymous: 'true' } },
      });
      expect(r.status).toBe(201);
      expect(r.ct).toBe(CT[format]);
      const row = await handle.db.selectFrom('complaint').selectAll().where('tenant_id', '=', tenant.id).where('tracking_code', '=', idOf(r)).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ kind: 'aspirasi', is_anonymous: true, address_text: 'Jl. Merdeka 1', region_code: kecamatan, title: 'Sampah menumpuk' });
    });

    it(`POST requests.${format}: the spec's errors for bad input, nothing stored`, async () => {
      const before = await handle.db.selectFrom('complaint').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
      expectError(await post(format, { service_code: 'tidak-ada', lat: '1', long: '1', description: 'x' }), 400, /tidak-ada/);
      expectError(await post(format, { lat: '1', long: '1', description: 'x' }), 400, /service_code/);
      expectError(await post(format, { service_code: 'sampah', lat: '1', long: '1' }), 400, /description/);
      expectError(await post(format, { service_code: 'sampah', description: 'x' }), 400, /lat/);
      expectError(await post(format, { service_code: 'sampah', lat: '1', description: 'x' }), 400, /lat/);
      expectError(await post(format, { service_code: 'sampah', lat: '91', long: '1', description: 'x' }), 400);
      expectError(await post(format, { service_code: 'sampah', lat: '1', long: '1', description: 'x', 'attribute[warna]': 'merah' }), 400, /warna/);
      expectError(await post(format, { service_code: 'sampah', lat: '1', long: '1', description: 'x', 'attribute[kind]': 'gosip' }), 400, /kind/);
      expectError(await post(format, { service_code: 'sampah', lat: '1', long: '1', description: 'x', email: 'bukan-email' }), 400, /email/);
      expectError(await post(format, { service_code: 'sampah', lat: '1', long: '1', description: 'x', media_url: 'javascript:alert(1)' }), 400, /media_url/);
      expectError(await post(format, { service_code: 'sampah', lat: '1', long: '1', description: 'x', bogus: '1' }), 400, /bogus/);
      expectError(await post(format, { service_code: 'sampah', address_id: `${tenant.code}.77`, description: 'x' }), 400);
      expectError(await post(format, { service_code: 'sampah', lat: '1', long: '1', description: 'a'.repeat(100_000) }), 400);
      expectError(await post(format, { service_code: 'sampah', lat: '1', long: '1', description: 'x', api_key: 'prm_palsu' }), 403);
      expectError(await call('POST', `/open311/v2/requests.${format}?jurisdiction_id=99.99`, { form: { service_code: 'sampah', lat: '1', long: '1', description: 'x' } }), 404);
      expectError(await call('POST', j(`/open311/v2/requests.${format}`), { headers: { 'content-type': 'application/json' }, json: undefined }), 400);
      expectError(await call('POST', j(`/open311/v2/requests.${format}`), { headers: { 'content-type': 'application/json' } }), 400);
      const bad = await app.inject({ method: 'POST', url: j(`/open311/v2/requests.${format}`), headers: { 'content-type': 'application/json' }, payload: '{"service_code": ' });
      expectError({ res: bad, format, status: bad.statusCode, ct: bad.headers['content-type'], body: bad.body }, 400);
      const after = await handle.db.selectFrom('complaint').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  }

  it('a valid api_key (Prima API token of the tenant) is accepted; another tenant\'s token is refused', async () => {
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const token = `prm_${randomToken()}`;
    await handle.db.insertInto('api_token').values({ tenant_id: tenant.id, user_id: user.id, name: 'open311', prefix: token.slice(0, 8), token_hash: sha256(token), expires_at: null } as any).execute();
    const ok = await post('json', { service_code: 'sampah', lat: '1', long: '1', description: 'Lewat aplikasi mitra', api_key: token });
    expect(ok.status).toBe(201);
    const row = await handle.db.selectFrom('complaint').select(['created_by', 'channel']).where('tenant_id', '=', tenant.id).where('tracking_code', '=', idOf(ok)).executeTakeFirstOrThrow();
    expect(row).toEqual({ created_by: user.id, channel: 'open311' });
    expectError(await post('json', { service_code: 'lain', lat: '1', long: '1', description: 'x', api_key: token }, other), 403);
  });

  it('Idempotency-Key: a retry returns the same service_request_id (200), not a second report', async () => {
    const key = `open311-${crypto.randomUUID()}`;
    const fields = { jurisdiction_id: tenant.code, service_code: 'sampah', lat: '-3.4', long: '115.9', description: 'Sampah di sungai' };
    const a = await call('POST', '/open311/v2/requests.json', { form: fields, headers: { 'idempotency-key': key } });
    const b = await call('POST', '/open311/v2/requests.json', { form: fields, headers: { 'idempotency-key': key } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(idOf(b)).toBe(idOf(a));
    const c = await call('POST', '/open311/v2/requests.json', { form: { ...fields, description: 'Lain' }, headers: { 'idempotency-key': key } });
    expectError(c, 422);
  });
});

describe('GET requests', () => {
  let publicId: string;
  let secretId: string;
  let closedId: string;

  beforeAll(async () => {
    publicId = idOf(await post('json', { service_code: 'jalan-rusak', lat: '-3.5', long: '115.9', address_string: 'Jl. A. Yani <km 5>', description: 'Jembatan retak & miring. Mohon dicek.', ...PERSONAL }));
    secretId = idOf(await post('json', { service_code: 'jalan-rusak', lat: '-3.5', long: '115.9', description: 'Laporan rahasia tentang pungli.', ...PERSONAL, 'attribute[confidential]': 'true' }));
    closedId = idOf(await post('json', { service_code: 'sampah', lat: '-3.5', long: '115.9', description: 'Sampah sudah diangkut?', ...PERSONAL }));
    // The desk routed and resolved this one (fixture written directly).
    const opd = await handle.db.selectFrom('opd').select(['id']).where('tenant_id', '=', tenant.id).where('name', '=', opdName).executeTakeFirstOrThrow();
    const row = await handle.db.updateTable('complaint').set({ status: 'resolved', opd_id: opd.id, resolved_at: new Date() }).where('tenant_id', '=', tenant.id).where('tracking_code', '=', closedId).returning(['id']).executeTakeFirstOrThrow();
    await handle.db.insertInto('complaint_event').values([
      { tenant_id: tenant.id, complaint_id: row.id, type: 'resolve', from_status: 'in_progress', to_status: 'resolved', visibility: 'public', note: 'Sampah telah diangkut.', actor_id: null, actor_label: 'Petugas X <x@opd.go.id>', opd_id: opd.id, charged_to: null, data: JSON.stringify({ by: 'opd' }) },
      { tenant_id: tenant.id, complaint_id: row.id, type: 'note', from_status: null, to_status: null, visibility: 'internal', note: 'Catatan internal jangan bocor', actor_id: null, actor_label: 'Petugas X', opd_id: opd.id, charged_to: null, data: null },
    ]).execute();
  });

  const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];

  function expectNoPersonalData(body: string) {
    for (const v of [PERSONAL.email, PERSONAL.first_name, PERSONAL.last_name, PERSONAL.phone, '6281234567890', 'Catatan internal', 'x@opd.go.id', 'Petugas X']) {
      expect(body).not.toContain(v);
    }
  }

  for (const format of FORMATS) {
    it(`GET requests.${format}: public reports with the spec's fields, never rahasia, no personal data`, async () => {
      const r = await call('GET', j(`/open311/v2/requests.${format}`));
      expect(r.status).toBe(200);
      expect(r.ct).toBe(CT[format]);
      expectNoPersonalData(r.body);
      expect(r.body).not.toContain(secretId);
      expect(r.body).not.toContain('pungli');
      if (format === 'json') {
        const list = JSON.parse(r.body);
        const ids = list.map((x: any) => x.service_request_id);
        expect(ids).toContain(publicId);
        expect(ids).toContain(closedId);
        for (const item of list) expect(Object.keys(item)).toEqual(REQUEST_FIELDS);
        const pub = list.find((x: any) => x.service_request_id === publicId);
        expect(pub).toMatchObject({ status: 'open', service_code: 'jalan-rusak', service_name: 'Jalan rusak', address: 'Jl. A. Yani <km 5>', lat: -3.5, long: 115.9, description: 'Jembatan retak & miring. Mohon dicek.', agency_responsible: null });
        for (const f of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(pub[f]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
        const closed = list.find((x: any) => x.service_request_id === closedId);
        expect(closed).toMatchObject({ status: 'closed', status_notes: 'Sampah telah diangkut.', agency_responsible: opdName });
      } else {
        expect(checkWellFormed(r.body)).toBe('service_requests');
        const n = count(r.body, 'request');
        expect(n).toBeGreaterThanOrEqual(2);
        for (const f of REQUEST_FIELDS) expect(count(r.body, f)).toBe(n);
        expect(texts(r.body, 'service_request_id')).toContain(publicId);
        expect(r.body).toContain('<address>Jl. A. Yani &lt;km 5&gt;</address>');
        expect(r.body).toContain('<description>Jembatan retak &amp; miring. Mohon dicek.</description>');
        expect(texts(r.body, 'status').every((s) => s === 'open' || s === 'closed')).toBe(true);
        expect(texts(r.body, 'requested_datetime').every((d) => /\+08:00$/.test(d))).toBe(true);
        expect(texts(r.body, 'agency_responsible')).toContain(opdName);
      }
    });

    it(`GET requests.${format}: filters service_code, status, service_request_id, start/end_date`, async () => {
      const ids = async (query: string) => {
        const r = await call('GET', j(`/open311/v2/requests.${format}?${query}`));
        expect(r.status).toBe(200);
        expect(r.ct).toBe(CT[format]);
        return format === 'json' ? JSON.parse(r.body).map((x: any) => x.service_request_id) : texts(r.body, 'service_request_id');
      };
      const sampah = await ids('service_code=sampah');
      expect(sampah).toContain(closedId);
      expect(sampah).not.toContain(publicId);
      expect(await ids('status=closed')).toEqual([closedId]);
      const open = await ids('status=open');
      expect(open).toContain(publicId);
      expect(open).not.toContain(closedId);
      expect(await ids(`service_request_id=${publicId},${secretId}`)).toEqual([publicId]);
      // service_request_id overrides the other filters.
      expect(await ids(`service_request_id=${closedId}&status=open`)).toEqual([closedId]);
      expect(await ids('start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z')).toEqual([]);
      const now = Date.now();
      const start = new Date(now - 3600_000).toISOString();
      const end = new Date(now + 3600_000).toISOString().replace('Z', '+00:00');
      expect(await ids(`start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`)).toContain(publicId);
    });

    it(`GET requests.${format}: bad filters → 400 in the spec's format`, async () => {
      expectError(await call('GET', j(`/open311/v2/requests.${format}?status=pending`)), 400, /status/);
      expectError(await call('GET', j(`/open311/v2/requests.${format}?start_date=kemarin`)), 400, /start_date/);
      expectError(await call('GET', j(`/open311/v2/requests.${format}?start_date=2026-02-30`)), 400);
      expectError(await call('GET', j(`/open311/v2/requests.${format}?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`)), 400, /90/);
      expectError(await call('GET', `/open311/v2/requests.${format}?jurisdiction_id=99.98`), 404);
    });

    it(`GET requests/{id}.${format}: one public report; rahasia and unknown → 404`, async () => {
      const r = await call('GET', j(`/open311/v2/requests/${publicId}.${format}`));
      expect(r.status).toBe(200);
      expect(r.ct).toBe(CT[format]);
      expectNoPersonalData(r.body);
      if (format === 'json') {
        const list = JSON.parse(r.body);
        expect(list).toHaveLength(1);
        expect(Object.keys(list[0])).toEqual(REQUEST_FIELDS);
        expect(list[0].service_request_id).toBe(publicId);
      } else {
        expect(checkWellFormed(r.body)).toBe('service_requests');
        expect(count(r.body, 'request')).toBe(1);
        expect(texts(r.body, 'service_request_id')).toEqual([publicId]);
      }
      // Case and separators do not matter, as on the tracking page.
      const lower = await call('GET', j(`/open311/v2/requests/${publicId.toLowerCase()}.${format}`));
      expect(lower.status).toBe(200);
      expectError(await call('GET', j(`/open311/v2/requests/${secretId}.${format}`)), 404);
      expectError(await call('GET', j(`/open311/v2/requests/PRM-ZZZZ-ZZZZ.${format}`)), 404);
      expectError(await call('GET', j(`/open311/v2/requests/nonsense.${format}`)), 404);
      // Another tenant's jurisdiction does not see this report.
      expectError(await call('GET', j(`/open311/v2/requests/${publicId}.${format}`, other)), 404);
    });

    it(`GET tokens/{token}.${format}: the token (the tracking code) maps to the service_request_id`, async () => {
      const r = await call('GET', j(`/open311/v2/tokens/${publicId}.${format}`));
      expect(r.status).toBe(200);
      expect(r.ct).toBe(CT[format]);
      if (format === 'json') expect(JSON.parse(r.body)).toEqual([{ service_request_id: publicId, token: publicId }]);
      else {
        expect(checkWellFormed(r.body)).toBe('service_requests');
        expect(r.body).toMatch(new RegExp(`<service_requests><request><service_request_id>${publicId}</service_request_id><token>${publicId}</token></request></service_requests>$`));
      }
      expectError(await call('GET', j(`/open311/v2/tokens/PRM-ZZZZ-ZZZZ.${format}`)), 404);
    });
  }
});

describe('routing and formats', () => {
  it('an unknown suffix or path under /open311/v2 answers in the spec format (XML by default)', async () => {
    expectError(await call('GET', j('/open311/v2/services.yaml')), 404);
    expectError(await call('GET', j('/open311/v2/services/jalan-rusak')), 404);
    expectError(await call('GET', j('/open311/v2/nothing.json')), 404);
    expectError(await call('GET', j('/open311/v2/nothing.xml')), 404);
    const del = await app.inject({ method: 'DELETE', url: j('/open311/v2/services.json') });
    expectError({ res: del, format: 'json', status: del.statusCode, ct: del.headers['content-type'], body: del.body }, 404);
  });

  it('a bad bearer token fails in the spec format, not the app\'s JSON error', async () => {
    for (const format of FORMATS) {
      const r = await call('GET', j(`/open311/v2/services.${format}`), { headers: { authorization: 'Bearer prm_invalid' } });
      expectError(r, 401);
    }
  });

  it('lookups are rate limited per address (429 in the spec format, with Retry-After)', async () => {
    const ip = someIp();
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call>> | null = null;
    for (let i = 0; i < 61; i++) {
      last = await call('GET', j(`/open311/v2/tokens/PRM-ZZZZ-ZZZZ.json`), { ip });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expectError(last!, 429);
    expect(last!.res.headers['retry-after']).toBeDefined();
  });

  it('an unknown /r/{slug} prefix and a cookie write without CSRF fail in the spec format', async () => {
    expectError(await call('GET', '/r/no-such-tenant/open311/v2/services.xml'), 404);
    const user = await buildUser(handle.db, tenant, [{ role: 'verifikator' }]);
    const { cookie } = await sessionHeaders(handle.db, user);
    expectError(await call('POST', j('/open311/v2/requests.json'), { form: { service_code: 'sampah', lat: '1', long: '1', description: 'x' }, headers: { cookie } }), 403);
  });

  it('naughty text survives the round trip and the XML stays well-formed', async () => {
    const naughty = `Tes <script>alert("x")</script> & 'kutip' ]]> \u0001\u0007 😀 العربية \u202E Ω`;
    const id = idOf(await post('json', { service_code: 'sampah', address_string: '<b>Jl.</b> & "Gang"', description: naughty }));
    for (const format of FORMATS) {
      const r = await call('GET', j(`/open311/v2/requests/${id}.${format}`));
      expect(r.status).toBe(200);
      if (format === 'xml') {
        expect(checkWellFormed(r.body)).toBe('service_requests');
        expect(r.body).not.toContain('<script>');
        expect(texts(r.body, 'address')).toEqual(['<b>Jl.</b> & "Gang"']);
        expect(texts(r.body, 'description')[0]).toContain('<script>alert("x")</script>');
      } else {
        expect(JSON.parse(r.body)[0].description).toContain('😀 العربية');
      }
    }
  });

  it('media_url points at the public attachment of a report', async () => {
    const id = idOf(await post('json', { service_code: 'sampah', lat: '-3.3', long: '115.8', description: 'Ada foto' }));
    const row = await handle.db.selectFrom('complaint').select(['id']).where('tenant_id', '=', tenant.id).where('tracking_code', '=', id).executeTakeFirstOrThrow();
    const att = await handle.db.insertInto('attachment').values({ tenant_id: tenant.id, complaint_id: row.id, event_id: null, filename: 'foto.jpg', content_type: 'image/jpeg', size_bytes: 3, sha256: 'x', is_public: true, data: Buffer.from([1, 2, 3]) }).returning(['id']).executeTakeFirstOrThrow();
    await handle.db.insertInto('attachment').values({ tenant_id: tenant.id, complaint_id: row.id, event_id: null, filename: 'ktp.jpg', content_type: 'image/jpeg', size_bytes: 3, sha256: 'y', is_public: false, data: Buffer.from([1, 2, 3]) }).execute();
    const r = await call('GET', j(`/open311/v2/requests/${id}.json`), { headers: { host: 'lapor.contoh.go.id' } });
    const url = JSON.parse(r.body)[0].media_url;
    expect(url).toBe(`http://lapor.contoh.go.id/r/${tenant.slug}/api/v1/public/attachments/${att.id}`);
    // The link works on its own (no jurisdiction_id): the public attachment route serves it.
    const file = await app.inject({ method: 'GET', url: new URL(url).pathname });
    expect(file.statusCode).toBe(200);
    expect([...file.rawPayload]).toEqual([1, 2, 3]);
    // With the tenant already chosen by the prefix, the link keeps the caller's base.
    const prefixed = await call('GET', `/r/${tenant.slug}/open311/v2/requests/${id}.xml`);
    expect(texts(prefixed.body, 'media_url')[0]).toMatch(new RegExp(`^http://localhost(:80)?/r/${tenant.slug}/api/v1/public/attachments/${att.id}$`));
  });

  it('HEAD and GET responses carry no charset suffix even with Accept-Charset; .XML works too', async () => {
    const r = await app.inject({ method: 'GET', url: j('/open311/v2/services.json'), headers: { 'accept-charset': 'utf-8' } });
    expect(r.headers['content-type']).toBe('application/json');
    const head = await app.inject({ method: 'HEAD', url: j('/open311/v2/services.xml') });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('text/xml');
    const upper = await call('GET', j('/open311/v2/services.XML'));
    expect(upper.status).toBe(200);
    expect(upper.ct).toBe('text/xml');
  });

  it('error descriptions follow the caller\'s language', async () => {
    const en = await call('GET', '/open311/v2/services.json?jurisdiction_id=99.99', { headers: { 'accept-language': 'en' } });
    expectError(en, 404, /^Unknown jurisdiction_id: 99\.99\.$/);
    const id = await call('GET', '/open311/v2/services.json?jurisdiction_id=99.99', { headers: { 'accept-language': 'id' } });
    expectError(id, 404, /^jurisdiction_id tidak dikenal/);
    // Messages of the complaints intake (B1) come through in the caller's language too.
    const old = await post('json', { service_code: 'sampah', lat: '1', long: '1', description: 'x', 'attribute[event_date]': '2000-01-01' });
    expectError(old, 400);
  });
});

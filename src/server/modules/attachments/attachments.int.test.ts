import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUser, sessionHeaders, type TestTenant } from '../../../../test/helpers/factories.js';
import {
  buildJpeg, buildPdf, buildPng, buildWebp, GPS_MARKER, insertComplaint, jpegMarkers, multipartBody, pngChunks, TEXT_MARKER, webpChunks,
} from '../../../../test/helpers/attachments.js';
import { cleanupUnlinkedUploads, linkAttachments } from './service.js';

let handle: DbHandle;
let app: FastifyInstance;
let t1: TestTenant;
let t2: TestTenant;
let opdA: { id: string };
let opdB: { id: string };
const h: Record<string, Record<string, string>> = {};
let ipCounter = 0;

/** Each test uses its own client address, so the per-IP upload limit never couples tests. */
const freshIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

type Part = Parameters<typeof multipartBody>[0][number];

async function upload(tenant: TestTenant, parts: Part[], opts: { staff?: Record<string, string>; lang?: 'id' | 'en'; ip?: string } = {}) {
  const { payload, headers } = multipartBody(parts);
  return app.inject({
    method: 'POST',
    url: `/r/${tenant.slug}/api/v1/${opts.staff ? '' : 'public/'}attachments`,
    payload,
    headers: { ...headers, ...(opts.staff ?? {}), 'accept-language': opts.lang ?? 'id' },
    remoteAddress: opts.ip ?? freshIp(),
  });
}

const fileParts = (data: Buffer, filename: string, contentType: string, keepLocation?: string): Part[] => [
  ...(keepLocation !== undefined ? [{ name: 'keepLocation', value: keepLocation }] : []),
  { name: 'file', filename, contentType, data },
];

async function stored(id: string) {
  const row = await handle.db.selectFrom('attachment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { ...row, data: Buffer.from(row.data) };
}

async function attachmentCount(tenant: TestTenant) {
  const r = await handle.db.selectFrom('attachment').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function uploadOk(tenant: TestTenant, data: Buffer, filename: string, contentType: string, keepLocation?: string) {
  const res = await upload(tenant, fileParts(data, filename, contentType, keepLocation));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; filename: string; contentType: string; size: number };
}

async function link(tenant: TestTenant, complaintId: string, ids: string[], opts: { isPublic?: boolean } = {}) {
  return handle.db.transaction().execute((tx) => linkAttachments(tx, tenant.id, complaintId, ids, opts));
}

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  const db = handle.db;
  t1 = await buildTenant(db);
  t2 = await buildTenant(db);
  opdA = await buildOpd(db, t1);
  opdB = await buildOpd(db, t1);
  const users = {
    verifikator: await buildUser(db, t1, [{ role: 'verifikator' }]),
    admin: await buildUser(db, t1, [{ role: 'admin' }]),
    inspektorat: await buildUser(db, t1, [{ role: 'inspektorat' }]),
    operatorA: await buildUser(db, t1, [{ role: 'operator_opd', opdId: opdA.id }]),
    kepalaB: await buildUser(db, t1, [{ role: 'kepala_opd', opdId: opdB.id }]),
    pimpinan: await buildUser(db, t1, [{ role: 'pimpinan' }]),
    warga: await buildUser(db, t1, [{ role: 'warga' }]),
    adminT2: await buildUser(db, t2, [{ role: 'admin' }]),
  };
  for (const [k, u] of Object.entries(users)) h[k] = await sessionHeaders(db, u);
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('upload: content checks and metadata removal', () => {
  it('strips Exif with GPS from a citizen JPEG and stores hash, size and type of the stored bytes', async () => {
    const original = buildJpeg({ exif: true, xmp: true, comment: true });
    const body = await uploadOk(t1, original, 'foto.jpg', 'image/jpeg');
    expect(body).toEqual({ id: expect.any(String), filename: 'foto.jpg', contentType: 'image/jpeg', size: expect.any(Number) });
    const row = await stored(body.id);
    expect(row.tenant_id).toBe(t1.id);
    expect(row.complaint_id).toBeNull();
    expect(row.data.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(row.data.includes(Buffer.from(GPS_MARKER))).toBe(false);
    expect(jpegMarkers(row.data)).toEqual(['D8', 'E0', 'DB', 'C0', 'C4', 'DD', 'DA', 'D9']);
    expect(row.size_bytes).toBe(row.data.length);
    expect(body.size).toBe(row.data.length);
    expect(row.data.length).toBeLessThan(original.length);
    expect(row.sha256).toBe(crypto.createHash('sha256').update(row.data).digest('hex'));
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'actor_id', 'after']).where('tenant_id', '=', t1.id).where('entity_id', '=', body.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('attachment.upload');
    expect(audit[0]!.actor_id).toBeNull();
    expect(audit[0]!.after).toMatchObject({ kept_location: false, metadata_removed_bytes: original.length - row.data.length });
  });

  it('keeps the file byte for byte when the citizen shares the location', async () => {
    const original = buildJpeg({ exif: true });
    const body = await uploadOk(t1, original, 'lokasi.jpg', 'image/jpeg', 'true');
    const row = await stored(body.id);
    expect(row.data.equals(original)).toBe(true);
    expect(row.data.includes(Buffer.from(GPS_MARKER))).toBe(true);
    // keepLocation=false behaves like the default
    const off = await uploadOk(t1, original, 'lokasi.jpg', 'image/jpeg', 'false');
    expect((await stored(off.id)).data.includes(Buffer.from(GPS_MARKER))).toBe(false);
  });

  it('strips PNG text/eXIf chunks and WebP EXIF chunks, leaving valid files', async () => {
    const png = await uploadOk(t1, buildPng({ text: true, exif: true, time: true }), 'layar.png', 'image/png');
    const pngRow = await stored(png.id);
    expect(pngChunks(pngRow.data).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(pngRow.data.includes(Buffer.from(TEXT_MARKER))).toBe(false);
    const webp = await uploadOk(t1, buildWebp({ exif: true, xmp: true }), 'foto.webp', 'image/webp');
    const webpRow = await stored(webp.id);
    expect(webpChunks(webpRow.data).map((c) => c.fourcc)).toEqual(['VP8X', 'VP8L']);
    expect(webpRow.data.includes(Buffer.from(GPS_MARKER))).toBe(false);
    expect(webpRow.content_type).toBe('image/webp');
  });

  it('takes the type from the content, never from the name alone: a PDF named .jpg is refused in id and en', async () => {
    const before = await attachmentCount(t1);
    for (const [lang, text] of [['id', 'isinya berkas PDF'], ['en', 'its content is a PDF file']] as const) {
      const res = await upload(t1, fileParts(buildPdf(), 'foto.jpg', 'image/jpeg'), { lang });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('FILE_INVALID');
      expect(body.details).toEqual({ reason: 'mismatch', detectedType: 'application/pdf' });
      expect(body.message).toContain('foto.jpg');
      expect(body.message).toContain(text);
    }
    expect(await attachmentCount(t1)).toBe(before);
  });

  it('refuses an HTML page named .jpg in id and en', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    const before = await attachmentCount(t1);
    const id = await upload(t1, fileParts(html, 'foto.jpg', 'image/jpeg'), { lang: 'id' });
    expect(id.statusCode).toBe(400);
    expect(id.json()).toMatchObject({ code: 'FILE_INVALID', details: { reason: 'unsupported' } });
    expect(id.json().message).toBe('Berkas foto.jpg tidak dapat diterima: jenis berkas tidak didukung. Kirim foto JPEG, PNG atau WebP, atau dokumen PDF.');
    const en = await upload(t1, fileParts(html, 'foto.jpg', 'image/jpeg'), { lang: 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.json().message).toBe('File foto.jpg cannot be accepted: this file type is not supported. Send a JPEG, PNG or WebP photo, or a PDF document.');
    expect(await attachmentCount(t1)).toBe(before);
  });

  it('refuses a JPEG declared as PNG, a damaged JPEG and an empty file', async () => {
    const declared = await upload(t1, fileParts(buildJpeg(), 'foto', 'image/png'));
    expect(declared.json()).toMatchObject({ code: 'FILE_INVALID', details: { reason: 'mismatch' } });
    const damaged = await upload(t1, fileParts(buildJpeg().subarray(0, 60), 'foto.jpg', 'image/jpeg'), { lang: 'en' });
    expect(damaged.statusCode).toBe(400);
    expect(damaged.json()).toMatchObject({ code: 'FILE_INVALID', details: { reason: 'malformed' }, message: 'File foto.jpg cannot be accepted: the file is damaged or incomplete.' });
    const empty = await upload(t1, fileParts(Buffer.alloc(0), 'foto.jpg', 'image/jpeg'));
    expect(empty.json()).toMatchObject({ code: 'FILE_INVALID', details: { reason: 'empty' } });
  });

  it('refuses a 6 MB file with 413 and a clear message, storing nothing', async () => {
    const big = Buffer.concat([buildJpeg(), Buffer.alloc(6 * 1024 * 1024, 0x41)]);
    const before = await attachmentCount(t1);
    const id = await upload(t1, fileParts(big, 'besar.jpg', 'image/jpeg'), { lang: 'id' });
    expect(id.statusCode).toBe(413);
    expect(id.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'Berkas terlalu besar. Ukuran maksimum 5 MB per berkas.', details: { maxBytes: 5 * 1024 * 1024 } });
    const en = await upload(t1, fileParts(big, 'besar.jpg', 'image/jpeg'), { lang: 'en' });
    expect(en.statusCode).toBe(413);
    expect(en.json().message).toBe('The file is too large. The maximum is 5 MB per file.');
    expect(await attachmentCount(t1)).toBe(before);
  });

  it('refuses requests without exactly one file, unknown fields and non-multipart bodies', async () => {
    const noFile = await upload(t1, [{ name: 'keepLocation', value: 'true' }]);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().code).toBe('VALIDATION');
    const two = await upload(t1, [...fileParts(buildJpeg(), 'a.jpg', 'image/jpeg'), ...fileParts(buildPng(), 'b.png', 'image/png')]);
    expect(two.statusCode).toBe(400);
    const unknown = await upload(t1, [{ name: 'path', value: '/etc/passwd' }, ...fileParts(buildJpeg(), 'a.jpg', 'image/jpeg')]);
    expect(unknown.statusCode).toBe(400);
    const badFlag = await upload(t1, fileParts(buildJpeg(), 'a.jpg', 'image/jpeg', 'maybe'));
    expect(badFlag.statusCode).toBe(400);
    const json = await app.inject({ method: 'POST', url: `/r/${t1.slug}/api/v1/public/attachments`, payload: { file: 'x' }, remoteAddress: freshIp() });
    expect(json.statusCode).toBe(415);
    const before = await attachmentCount(t1);
    const truncated = await app.inject({
      method: 'POST',
      url: `/r/${t1.slug}/api/v1/public/attachments`,
      payload: '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n\xff\xd8\xff',
      headers: { 'content-type': 'multipart/form-data; boundary=abc' },
      remoteAddress: freshIp(),
    });
    expect(truncated.statusCode).toBeGreaterThanOrEqual(400);
    expect(truncated.statusCode).toBeLessThan(500);
    expect(await attachmentCount(t1)).toBe(before);
  });

  it('stores a safe file name: no path, no control characters', async () => {
    const body = await uploadOk(t1, buildPng({ text: false, exif: false }), '..\\..\\C:\\windows\\evil\u202Egnp.png', 'image/png');
    expect(body.filename).toBe('evilgnp.png');
  });

  it('rate-limits public uploads per IP address', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await upload(t1, fileParts(Buffer.from('nope'), 'x.jpg', 'image/jpeg'), { ip })).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
    // another address is not affected
    expect((await upload(t1, fileParts(Buffer.from('nope'), 'x.jpg', 'image/jpeg'))).statusCode).toBe(400);
  });

  it('staff upload needs a signed-in staff member and the CSRF token', async () => {
    const anon = await upload(t1, fileParts(buildPdf(), 'surat.pdf', 'application/pdf'), { staff: {} });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await upload(t1, fileParts(buildPdf(), 'surat.pdf', 'application/pdf'), { staff: { cookie: h.verifikator!.cookie! } });
    expect(noCsrf.statusCode).toBe(403);
    const warga = await upload(t1, fileParts(buildPdf(), 'surat.pdf', 'application/pdf'), { staff: h.warga });
    expect(warga.statusCode).toBe(403);
    const ok = await upload(t1, fileParts(buildPdf(), 'surat.pdf', 'application/pdf'), { staff: h.operatorA });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ contentType: 'application/pdf', filename: 'surat.pdf' });
    const audit = await handle.db.selectFrom('audit_log').select(['actor_id']).where('tenant_id', '=', t1.id).where('entity_id', '=', ok.json().id).executeTakeFirstOrThrow();
    expect(audit.actor_id).not.toBeNull();
  });
});

describe('reading attachments', () => {
  let caseA: { id: string };
  let rahasia: { id: string };
  let photo: string;
  let pdf: string;
  let hiddenPhoto: string;
  let secretPhoto: string;
  let unlinked: string;

  beforeAll(async () => {
    caseA = await insertComplaint(handle.db, t1, { opdId: opdA.id });
    rahasia = await insertComplaint(handle.db, t1, { opdId: opdA.id, isConfidential: true });
    photo = (await uploadOk(t1, buildJpeg({ exif: true }), 'Jalan rusak — ü.jpg', 'image/jpeg')).id;
    pdf = (await uploadOk(t1, buildPdf(), 'surat;resmi 100%.pdf', 'application/pdf')).id;
    hiddenPhoto = (await uploadOk(t1, buildPng(), 'wajah.png', 'image/png')).id;
    secretPhoto = (await uploadOk(t1, buildPng(), 'rahasia.png', 'image/png')).id;
    unlinked = (await uploadOk(t1, buildPng(), 'lepas.png', 'image/png')).id;
    await link(t1, caseA.id, [photo, pdf], { isPublic: true });
    await link(t1, caseA.id, [hiddenPhoto], { isPublic: false });
    await link(t1, rahasia.id, [secretPhoto], { isPublic: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers, remoteAddress: freshIp() });

  it('serves a public file of a public report inertly: stored type, nosniff, safe inline name', async () => {
    const res = await get(`/r/${t1.slug}/api/v1/public/attachments/${photo}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^inline; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(/^[\x20-\x7e]+$/.test(cd)).toBe(true);
    const row = await stored(photo);
    expect(res.rawPayload.equals(row.data)).toBe(true);
    expect(res.rawPayload.includes(Buffer.from(GPS_MARKER))).toBe(false);
  });

  it('sandboxes PDFs and encodes the file name safely', async () => {
    const res = await get(`/r/${t1.slug}/api/v1/attachments/${pdf}`, h.verifikator);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-security-policy']).toBe('sandbox');
    const cd = String(res.headers['content-disposition']);
    expect(cd).toBe("inline; filename=\"surat_resmi 100_.pdf\"; filename*=UTF-8''surat%3Bresmi%20100%25.pdf");
  });

  it('public: 404 for files not marked public, rahasia reports, unlinked uploads and other tenants', async () => {
    for (const id of [hiddenPhoto, secretPhoto, unlinked]) {
      const res = await get(`/r/${t1.slug}/api/v1/public/attachments/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect((await get(`/r/${t2.slug}/api/v1/public/attachments/${photo}`)).statusCode).toBe(404);
    // a report made rahasia later disappears at once
    await handle.db.updateTable('complaint').set({ is_confidential: true }).where('tenant_id', '=', t1.id).where('id', '=', caseA.id).execute();
    try {
      expect((await get(`/r/${t1.slug}/api/v1/public/attachments/${photo}`)).statusCode).toBe(404);
    } finally {
      await handle.db.updateTable('complaint').set({ is_confidential: false }).where('tenant_id', '=', t1.id).where('id', '=', caseA.id).execute();
    }
  });

  it('staff: desk, admin and inspektorat read everything in the tenant; OPD roles only their routed cases', async () => {
    for (const who of ['verifikator', 'admin', 'inspektorat']) {
      for (const id of [photo, hiddenPhoto, secretPhoto, unlinked]) {
        expect((await get(`/r/${t1.slug}/api/v1/attachments/${id}`, h[who])).statusCode, `${who} ${id}`).toBe(200);
      }
    }
    expect((await get(`/r/${t1.slug}/api/v1/attachments/${secretPhoto}`, h.operatorA)).statusCode).toBe(200);
    expect((await get(`/r/${t1.slug}/api/v1/attachments/${unlinked}`, h.operatorA)).statusCode).toBe(403);
    expect((await get(`/r/${t1.slug}/api/v1/attachments/${photo}`, h.kepalaB)).statusCode).toBe(403);
    expect((await get(`/r/${t1.slug}/api/v1/attachments/${photo}`, h.pimpinan)).statusCode).toBe(403);
    expect((await get(`/r/${t1.slug}/api/v1/attachments/${photo}`, h.warga)).statusCode).toBe(403);
    expect((await get(`/r/${t1.slug}/api/v1/attachments/${photo}`)).statusCode).toBe(401);
  });

  it('another tenant cannot read it', async () => {
    // in its own tenant the id does not exist
    const own = await get(`/api/v1/attachments/${photo}`, h.adminT2);
    expect(own.statusCode).toBe(404);
    // and it may not act in the other tenant
    const prefixed = await get(`/r/${t1.slug}/api/v1/attachments/${photo}`, h.adminT2);
    expect(prefixed.statusCode).toBe(403);
    expect(prefixed.rawPayload.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
  });

  it('an invalid id is a 400, not a 500', async () => {
    expect((await get(`/r/${t1.slug}/api/v1/public/attachments/not-a-uuid`)).statusCode).toBe(400);
  });
});

describe('linking and cleanup', () => {
  it('links unlinked uploads of the same tenant once; linking twice is refused', async () => {
    const complaint = await insertComplaint(handle.db, t1);
    const other = await insertComplaint(handle.db, t1);
    const a = (await uploadOk(t1, buildPng(), 'a.png', 'image/png')).id;
    const b = (await uploadOk(t1, buildPng(), 'b.png', 'image/png')).id;
    const rows = await link(t1, complaint.id, [a, b, a], { isPublic: true });
    expect(rows.map((r) => r.id).sort()).toEqual([a, b].sort());
    expect(rows.every((r) => r.complaint_id === complaint.id && r.is_public)).toBe(true);
    expect('data' in rows[0]!).toBe(false);

    await expect(link(t1, other.id, [a])).rejects.toMatchObject({ code: 'INVALID_REFERENCE', messageKey: 'attachments.notLinkable' });
    await expect(link(t1, complaint.id, [b])).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    expect((await stored(a)).complaint_id).toBe(complaint.id);
  });

  it('two concurrent links of the same upload: exactly one wins', async () => {
    const c1 = await insertComplaint(handle.db, t1);
    const c2 = await insertComplaint(handle.db, t1);
    const id = (await uploadOk(t1, buildPng(), 'race.png', 'image/png')).id;
    const results = await Promise.allSettled([link(t1, c1.id, [id]), link(t1, c2.id, [id])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ code: 'INVALID_REFERENCE' });
    const winner = results[0]!.status === 'fulfilled' ? c1.id : c2.id;
    expect((await stored(id)).complaint_id).toBe(winner);
  });

  it("refuses another tenant's upload and unknown ids, linking nothing", async () => {
    const complaint = await insertComplaint(handle.db, t1);
    const mine = (await uploadOk(t1, buildPng(), 'mine.png', 'image/png')).id;
    const theirs = (await uploadOk(t2, buildPng(), 'theirs.png', 'image/png')).id;
    await expect(link(t1, complaint.id, [mine, theirs])).rejects.toMatchObject({ code: 'INVALID_REFERENCE', details: { ids: [theirs] } });
    expect((await stored(mine)).complaint_id).toBeNull();
    expect((await stored(theirs)).complaint_id).toBeNull();
    await expect(link(t1, complaint.id, [mine, 'nope'])).rejects.toMatchObject({ code: 'INVALID_REFERENCE', details: { ids: ['nope'] } });
    await expect(link(t1, complaint.id, [crypto.randomUUID()])).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    expect((await stored(mine)).complaint_id).toBeNull();
  });

  it('the cleanup deletes unlinked uploads older than 24 h in bounded batches, and nothing else', async () => {
    const tenant = await buildTenant(handle.db);
    const complaint = await insertComplaint(handle.db, tenant);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await uploadOk(tenant, buildPng(), `p${i}.png`, 'image/png')).id);
    const [old1, old2, old3, fresh] = ids as [string, string, string, string];
    const linkedOld = (await uploadOk(tenant, buildPng(), 'linked.png', 'image/png')).id;
    await link(tenant, complaint.id, [linkedOld]);
    const now = new Date();
    const dayAgo = new Date(now.getTime() - 25 * 3600_000);
    await handle.db.updateTable('attachment').set({ created_at: dayAgo }).where('tenant_id', '=', tenant.id).where('id', 'in', [old1, old2, old3, linkedOld]).execute();
    await handle.db.updateTable('attachment').set({ created_at: new Date(now.getTime() - 23 * 3600_000) }).where('tenant_id', '=', tenant.id).where('id', '=', fresh).execute();

    // one batch of 2: two of the three old ones go, one waits for the next run
    const first = await cleanupUnlinkedUploads(handle.db, { now, batchSize: 2, maxBatches: 1 });
    expect(first).toBe(2);
    const left = await handle.db.selectFrom('attachment').select('id').where('tenant_id', '=', tenant.id).execute();
    expect(left).toHaveLength(3);
    const second = await cleanupUnlinkedUploads(handle.db, { now, batchSize: 2, maxBatches: 5 });
    expect(second).toBe(1);
    const remaining = (await handle.db.selectFrom('attachment').select('id').where('tenant_id', '=', tenant.id).execute()).map((r) => r.id).sort();
    expect(remaining).toEqual([fresh, linkedOld].sort());
    const audit = await handle.db.selectFrom('audit_log').select(['before']).where('tenant_id', '=', tenant.id).where('action', '=', 'attachment.cleanup').execute();
    expect(audit.flatMap((a) => (a.before as { ids: string[] }).ids).sort()).toEqual([old1, old2, old3].sort());
    expect(await cleanupUnlinkedUploads(handle.db, { now })).toBeGreaterThanOrEqual(0);
    expect((await handle.db.selectFrom('attachment').select('id').where('tenant_id', '=', tenant.id).execute()).length).toBe(2);
  });
});

/**
 * Attachment fixtures (issue #3, helper B4): tiny JPEG, PNG and WebP files built byte by
 * byte, with metadata blocks whose bytes tests can look for afterwards, plus small readers
 * that list a file's segments/chunks so tests can prove the structure is still intact.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { Db } from '../../src/server/db/index.js';
import type { TestTenant } from './factories.js';

/** Recognisable bytes inside the metadata blocks; none may survive stripping. */
export const GPS_MARKER = 'GPSLatitude=-3.456789;GPSLongitude=115.987654';
export const XMP_MARKER = 'xmp:CreatorTool=SecretPhone';
export const COMMENT_MARKER = 'komentar rahasia';
export const IPTC_MARKER = 'Photoshop 3.0 IPTC byline';
export const TEXT_MARKER = 'Author: Budi Santoso';

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function jpegSeg(marker: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload]);
}

/** An Exif APP1 payload: TIFF header, IFD0 with a GPSInfo pointer (0x8825), a GPS IFD, the marker text. */
export function exifPayload(): Buffer {
  const text = Buffer.from(GPS_MARKER + '\0', 'latin1');
  // TIFF (big endian): header 8 bytes, IFD0 at 8 with one entry (GPSInfo → 26), GPS IFD at 26
  // with one ASCII entry (GPSAreaInformation 0x001C) pointing to the text at 44.
  const tiff = Buffer.alloc(44);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // IFD0: 1 entry
  tiff.writeUInt16BE(0x8825, 10); // GPSInfo
  tiff.writeUInt16BE(4, 12); // LONG
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt32BE(0, 22); // next IFD
  tiff.writeUInt16BE(1, 26); // GPS IFD: 1 entry
  tiff.writeUInt16BE(0x001c, 28);
  tiff.writeUInt16BE(2, 30); // ASCII
  tiff.writeUInt32BE(text.length, 32);
  tiff.writeUInt32BE(44, 36);
  tiff.writeUInt32BE(0, 40);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, text]);
}

export interface JpegOptions {
  exif?: boolean;
  xmp?: boolean;
  comment?: boolean;
  iptc?: boolean;
  icc?: boolean;
  adobe?: boolean;
  /** Bytes appended after EOI (a vendor trailer). */
  trailer?: boolean;
  /** A second scan, as in a progressive JPEG, with a comment between the scans. */
  progressive?: boolean;
}

/** A small, structurally valid baseline JPEG (SOI, APPn, DQT, SOF0, DHT, SOS, data, EOI). */
export function buildJpeg(opts: JpegOptions = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
  parts.push(jpegSeg(0xe0, Buffer.from([...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0])));
  if (opts.exif !== false) parts.push(jpegSeg(0xe1, exifPayload()));
  if (opts.xmp) parts.push(jpegSeg(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta ${XMP_MARKER}/>`, 'latin1')));
  if (opts.icc) parts.push(jpegSeg(0xe2, Buffer.concat([Buffer.from('ICC_PROFILE\0', 'latin1'), Buffer.from([1, 1]), Buffer.from('fake-icc-profile-data', 'latin1')])));
  if (opts.iptc) parts.push(jpegSeg(0xed, Buffer.from(IPTC_MARKER, 'latin1')));
  if (opts.adobe) parts.push(jpegSeg(0xee, Buffer.from([...Buffer.from('Adobe', 'latin1'), 0, 100, 0, 0, 0, 0, 1])));
  if (opts.comment) parts.push(jpegSeg(0xfe, Buffer.from(COMMENT_MARKER, 'latin1')));
  parts.push(jpegSeg(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]))); // DQT
  parts.push(jpegSeg(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0]))); // SOF0 1x1, 1 component
  parts.push(jpegSeg(0xc4, Buffer.concat([Buffer.from([0]), Buffer.from([0, 1, ...Array(14).fill(0)]), Buffer.from([0])]))); // DHT
  parts.push(jpegSeg(0xdd, u16(4))); // DRI
  const sos = jpegSeg(0xda, Buffer.from([1, 1, 0, 0, 63, 0]));
  // entropy data with a stuffed 0xFF00 and a restart marker inside
  const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78]);
  parts.push(sos, scan);
  if (opts.progressive) {
    parts.push(jpegSeg(0xfe, Buffer.from(COMMENT_MARKER, 'latin1')));
    parts.push(jpegSeg(0xc4, Buffer.concat([Buffer.from([0x10]), Buffer.from([0, 1, ...Array(14).fill(0)]), Buffer.from([0])])));
    parts.push(sos, Buffer.from([0x9a, 0xbc]));
  }
  parts.push(Buffer.from([0xff, 0xd9]));
  if (opts.trailer) parts.push(Buffer.from(`TRAILER ${GPS_MARKER}`, 'latin1'));
  return Buffer.concat(parts);
}

/** Markers of a JPEG in order (entropy data skipped), e.g. ['D8','E0','DB',…,'D9']; throws on a broken file. */
export function jpegMarkers(b: Buffer): string[] {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  if (b[0] !== 0xff || b[1] !== 0xd8) throw new Error('no SOI');
  const markers = ['D8'];
  let pos = 2;
  while (pos < b.length) {
    if (b[pos] !== 0xff) throw new Error(`no marker at ${pos}`);
    const m = b[pos + 1]!;
    markers.push(hex(m));
    if (m === 0xd9) {
      if (pos + 2 !== b.length) throw new Error('bytes after EOI');
      return markers;
    }
    const len = b.readUInt16BE(pos + 2);
    pos += 2 + len;
    if (pos > b.length) throw new Error('segment overruns');
    if (m === 0xda) {
      while (!(b[pos] === 0xff && b[pos + 1] !== 0x00 && !(b[pos + 1]! >= 0xd0 && b[pos + 1]! <= 0xd7))) {
        if (pos >= b.length) throw new Error('no EOI');
        pos++;
      }
    }
  }
  throw new Error('no EOI');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td));
  return Buffer.concat([len, td, crc]);
}

export interface PngOptions {
  text?: boolean;
  exif?: boolean;
  time?: boolean;
  itxt?: boolean;
  ztxt?: boolean;
  /** Colour and transparency chunks that must survive. */
  colour?: boolean;
}

/** A valid 1×1 RGB PNG (decodable: real zlib IDAT), with optional metadata chunks. */
export function buildPng(opts: PngOptions = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr)];
  if (opts.colour) {
    parts.push(pngChunk('sRGB', Buffer.from([0])));
    parts.push(pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])));
    parts.push(pngChunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1])));
  }
  if (opts.text !== false) parts.push(pngChunk('tEXt', Buffer.from(`Comment\0${TEXT_MARKER}`, 'latin1')));
  if (opts.exif !== false) parts.push(pngChunk('eXIf', exifPayload().subarray(6)));
  if (opts.time) parts.push(pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 22, 10, 30, 0])));
  if (opts.itxt) parts.push(pngChunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0${XMP_MARKER}`, 'latin1')));
  if (opts.ztxt) parts.push(pngChunk('zTXt', Buffer.concat([Buffer.from('Description\0\0', 'latin1'), zlib.deflateSync(Buffer.from(GPS_MARKER))])));
  if (opts.colour) parts.push(pngChunk('tRNS', Buffer.from([0, 0, 0, 0, 0, 0])));
  parts.push(pngChunk('IDAT', zlib.deflateSync(Buffer.from([0, 0xc0, 0x40, 0x20]))));
  parts.push(pngChunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** Chunks of a PNG in order; throws on a bad signature, overrun or CRC. */
export function pngChunks(b: Buffer): Array<{ type: string; data: Buffer }> {
  if (!b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('bad signature');
  const chunks: Array<{ type: string; data: Buffer }> = [];
  let pos = 8;
  while (pos < b.length) {
    const len = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + len;
    if (end > b.length) throw new Error('chunk overruns');
    if (zlib.crc32(b.subarray(pos + 4, end - 4)) !== b.readUInt32BE(end - 4)) throw new Error(`bad CRC in ${type}`);
    chunks.push({ type, data: b.subarray(pos + 8, end - 4) });
    pos = end;
  }
  return chunks;
}

function riffChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat(data.length & 1 ? [head, data, Buffer.alloc(1)] : [head, data]);
}

export interface WebpOptions {
  exif?: boolean;
  xmp?: boolean;
  icc?: boolean;
}

/** An extended-format WebP: VP8X (flags set for what is present), optional ICCP, a VP8L image, EXIF/XMP chunks. */
export function buildWebp(opts: WebpOptions = {}): Buffer {
  const exif = opts.exif !== false;
  const vp8x = Buffer.alloc(10);
  vp8x[0] = (opts.icc ? 0x20 : 0) | (exif ? 0x08 : 0) | (opts.xmp ? 0x04 : 0);
  // canvas 1×1 (stored minus one, 24-bit little endian): zeros
  const chunks = [riffChunk('VP8X', vp8x)];
  if (opts.icc) chunks.push(riffChunk('ICCP', Buffer.from('fake-icc', 'latin1')));
  // A 1×1 lossless bitstream header (signature 0x2f, then size/flags bits) and a few data bytes; odd length to exercise padding.
  chunks.push(riffChunk('VP8L', Buffer.from([0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07])));
  if (exif) chunks.push(riffChunk('EXIF', exifPayload().subarray(6)));
  if (opts.xmp) chunks.push(riffChunk('XMP ', Buffer.from(`<x:xmpmeta ${XMP_MARKER}/>`, 'latin1')));
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** Chunks of a WebP in order; throws when the RIFF size or a chunk size does not fit. */
export function webpChunks(b: Buffer): Array<{ fourcc: string; data: Buffer }> {
  if (b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP') throw new Error('bad header');
  if (b.readUInt32LE(4) + 8 !== b.length) throw new Error('RIFF size does not match the file');
  const chunks: Array<{ fourcc: string; data: Buffer }> = [];
  let pos = 12;
  while (pos < b.length) {
    const fourcc = b.toString('latin1', pos, pos + 4);
    const size = b.readUInt32LE(pos + 4);
    if (pos + 8 + size > b.length) throw new Error('chunk overruns');
    chunks.push({ fourcc, data: b.subarray(pos + 8, pos + 8 + size) });
    pos += 8 + size + (size & 1);
  }
  if (pos !== b.length) throw new Error('padding wrong');
  return chunks;
}

/** A minimal PDF. */
export function buildPdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
}

/** A multipart/form-data body for app.inject. */
export function multipartBody(parts: Array<{ name: string; value: string } | { name: string; filename: string; contentType?: string; data: Buffer }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----prima${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('filename' in p) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(p.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A complaint row written directly (the complaint module's own factories may differ). */
export async function insertComplaint(db: Db, tenant: TestTenant, fields: { isConfidential?: boolean; isAnonymous?: boolean; opdId?: string | null } = {}) {
  const code = Array.from(crypto.randomBytes(10), (x) => ALPHABET[x % ALPHABET.length]).join('');
  return db
    .insertInto('complaint')
    .values({
      tenant_id: tenant.id,
      tracking_code: `${code.slice(0, 5)}-${code.slice(5)}`,
      kind: 'pengaduan',
      channel: 'web',
      title: 'Jalan rusak',
      description: 'Jalan berlubang di depan sekolah',
      category_id: null, region_code: null, latitude: null, longitude: null, address_text: null, event_date: null,
      is_confidential: fields.isConfidential ?? false,
      is_anonymous: fields.isAnonymous ?? false,
      opd_id: fields.opdId ?? null,
      due_at: null, due_stage: null, escalated_at: null, reminded_for_due: null, merged_into_id: null,
      rating: null, rating_comment: null, idempotency_key: null, created_by: null,
      routed_at: null, first_response_at: null, resolved_at: null, closed_at: null,
    })
    .returning(['id', 'tenant_id', 'tracking_code'])
    .executeTakeFirstOrThrow();
}

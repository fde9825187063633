/**
 * Removing metadata from photos without decoding them: the file is walked segment by
 * segment (JPEG) or chunk by chunk (PNG, WebP) and rebuilt with only what the picture needs
 * (pixels, colour, transparency, animation). Exif (with its GPS position and thumbnail), XMP,
 * IPTC/Photoshop blocks, comments and text chunks are left out. Every length is checked
 * against the bytes actually there, so a malformed or truncated file is refused with
 * FileRejected('malformed'), never a crash or an out-of-bounds read.
 *
 * With `keepMetadata` (the citizen chose to share the location) the file is still walked,
 * so it must be well formed, but it is returned byte for byte as it came.
 */
import zlib from 'node:zlib';
import { FileRejected } from './errors.js';
import type { AttachmentType } from './sniff.js';

export interface SanitizeResult {
  data: Buffer;
  /** Bytes left out (0 when nothing was removed or metadata was kept). */
  removedBytes: number;
}

export function sanitizeFile(input: Buffer, type: AttachmentType, opts: { keepMetadata: boolean }): SanitizeResult {
  let cleaned: Buffer;
  switch (type) {
    case 'image/jpeg':
      cleaned = stripJpeg(input);
      break;
    case 'image/png':
      cleaned = stripPng(input);
      break;
    case 'image/webp':
      cleaned = stripWebp(input);
      break;
    case 'application/pdf':
      // Only the magic bytes are checked; the document is stored as sent and served
      // sandboxed (Content-Security-Policy: sandbox). See docs/adr/0015-attachments.md.
      return { data: input, removedBytes: 0 };
  }
  if (opts.keepMetadata) return { data: input, removedBytes: 0 };
  return { data: cleaned, removedBytes: input.length - cleaned.length };
}

function malformed(detail: string): FileRejected {
  return new FileRejected('malformed', { detail });
}

// --- JPEG ------------------------------------------------------------------------------

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const APP15 = 0xef;

const ICC_ID = Buffer.from('ICC_PROFILE\0', 'latin1');
const JFIF_ID = Buffer.from('JFIF\0', 'latin1');

/**
 * Decides what to do with a marker segment before the image data: keep it as is, keep a
 * rewritten payload, or drop it (null).
 *  - APP0 "JFIF": kept (pixel density), its optional thumbnail removed; other APP0 dropped.
 *  - APP2 "ICC_PROFILE": kept (colour). Other APP2 (FlashPix, MPF) dropped.
 *  - APP14 "Adobe" with the standard 12-byte payload: kept — it holds only the colour
 *    transform flag that CMYK/YCCK decoding depends on, no personal data.
 *  - APP1 (Exif, XMP), APP13 (IPTC/Photoshop), every other APPn and COM: dropped.
 *  - everything else (tables, frame headers, restart interval…): kept.
 */
function jpegSegmentPayload(marker: number, payload: Buffer): Buffer | 'keep' | null {
  if (marker === COM) return null;
  if (marker < APP0 || marker > APP15) return 'keep';
  if (marker === APP0) {
    if (payload.length < 14 || !payload.subarray(0, 5).equals(JFIF_ID)) return null;
    if (payload[12] === 0 && payload[13] === 0 && payload.length === 14) return 'keep';
    const jfif = Buffer.from(payload.subarray(0, 14));
    jfif[12] = 0;
    jfif[13] = 0;
    return jfif;
  }
  if (marker === APP2) return payload.length > ICC_ID.length && payload.subarray(0, ICC_ID.length).equals(ICC_ID) ? 'keep' : null;
  if (marker === APP14) return payload.length === 12 && payload.toString('latin1', 0, 5) === 'Adobe' ? 'keep' : null;
  return null;
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/**
 * Walks SOI, the marker segments, each scan's entropy-coded data (progressive files have
 * several scans with tables between them) up to EOI. Bytes after EOI (vendor trailers,
 * appended preview images) are dropped.
 */
export function stripJpeg(b: Buffer): Buffer {
  const len = b.length;
  if (len < 4 || b[0] !== 0xff || b[1] !== SOI) throw malformed('jpeg: no SOI');
  const out: Buffer[] = [b.subarray(0, 2)];
  let pos = 2;
  let sawSos = false;
  let sawEoi = false;
  while (pos < len) {
    if (b[pos] !== 0xff) throw malformed(`jpeg: expected a marker at ${pos}`);
    let m = pos + 1;
    while (m < len && b[m] === 0xff) m++; // fill bytes
    if (m >= len) throw malformed('jpeg: truncated marker');
    const marker = b[m]!;
    pos = m + 1;
    if (marker === 0x00 || marker === SOI) throw malformed(`jpeg: invalid marker ${marker.toString(16)}`);
    if (marker === EOI) {
      out.push(b.subarray(m - 1, pos));
      sawEoi = true;
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      // standalone markers (TEM, RSTn) carry no length
      out.push(b.subarray(m - 1, pos));
      continue;
    }
    if (pos + 2 > len) throw malformed('jpeg: truncated segment length');
    const segLen = b.readUInt16BE(pos);
    if (segLen < 2 || pos + segLen > len) throw malformed(`jpeg: segment ${marker.toString(16)} overruns the file`);
    const segEnd = pos + segLen;
    const payload = b.subarray(pos + 2, segEnd);
    const decision = jpegSegmentPayload(marker, payload);
    if (decision === 'keep') out.push(b.subarray(m - 1, segEnd));
    else if (decision) out.push(segment(marker, decision));
    pos = segEnd;
    if (marker === SOS) {
      sawSos = true;
      // Entropy-coded data: ends at the first 0xFF not followed by 0x00 (stuffing) or RSTn.
      let i = pos;
      for (;;) {
        i = b.indexOf(0xff, i);
        if (i < 0 || i + 1 >= len) throw malformed('jpeg: image data without EOI');
        const next = b[i + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
          i += 2;
          continue;
        }
        break;
      }
      out.push(b.subarray(pos, i));
      pos = i;
    }
  }
  if (!sawSos) throw malformed('jpeg: no image data (SOS)');
  if (!sawEoi) throw malformed('jpeg: no EOI');
  return Buffer.concat(out);
}

// --- PNG -------------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Chunks kept: the critical ones, colour (cHRM, gAMA, iCCP, sBIT, sRGB, cICP, mDCV, cLLI),
 * transparency and background (tRNS, bKGD), pixel size (pHYs), palette helpers (hIST, sPLT)
 * and APNG animation (acTL, fcTL, fdAT). Everything else — eXIf, tEXt, iTXt, zTXt, tIME and
 * any private or unknown ancillary chunk — is dropped.
 */
const PNG_KEEP = new Set([
  'IHDR', 'PLTE', 'IDAT', 'IEND',
  'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'mDCV', 'mDCv', 'cLLI', 'cLLi',
  'tRNS', 'bKGD', 'pHYs', 'hIST', 'sPLT',
  'acTL', 'fcTL', 'fdAT',
]);
const PNG_CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);

export function stripPng(b: Buffer): Buffer {
  if (b.length < 8 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) throw malformed('png: bad signature');
  const out: Buffer[] = [b.subarray(0, 8)];
  let pos = 8;
  let first = true;
  let sawIdat = false;
  for (;;) {
    if (pos + 12 > b.length) throw malformed('png: truncated chunk (no IEND)');
    const dataLen = b.readUInt32BE(pos);
    if (dataLen > 0x7fffffff || pos + 12 + dataLen > b.length) throw malformed('png: chunk overruns the file');
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw malformed('png: invalid chunk type');
    const end = pos + 12 + dataLen;
    const crc = b.readUInt32BE(end - 4);
    if (zlib.crc32(b.subarray(pos + 4, end - 4)) !== crc) throw malformed(`png: bad CRC in ${type}`);
    if (first && type !== 'IHDR') throw malformed('png: IHDR is not first');
    first = false;
    const critical = type.charCodeAt(0) < 0x61; // upper-case first letter
    if (critical && !PNG_CRITICAL.has(type)) throw malformed(`png: unknown critical chunk ${type}`);
    if (type === 'IDAT') sawIdat = true;
    if (PNG_KEEP.has(type)) out.push(b.subarray(pos, end));
    pos = end;
    if (type === 'IEND') break; // anything after IEND is dropped
  }
  if (!sawIdat) throw malformed('png: no IDAT');
  return Buffer.concat(out);
}

// --- WebP ------------------------------------------------------------------------------

/** VP8X flag bits (byte 0 of the VP8X payload). */
export const VP8X_ICC = 0x20;
export const VP8X_ALPHA = 0x10;
export const VP8X_EXIF = 0x08;
export const VP8X_XMP = 0x04;
export const VP8X_ANIMATION = 0x02;

const WEBP_KEEP = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ICCP', 'ANIM', 'ANMF']);
const WEBP_IMAGE = new Set(['VP8 ', 'VP8L', 'ANMF']);

/** RIFF container: keeps image, alpha, colour and animation chunks; drops EXIF, XMP and unknown chunks. */
export function stripWebp(b: Buffer): Buffer {
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP') throw malformed('webp: bad header');
  const riffSize = b.readUInt32LE(4);
  if (riffSize < 4 || riffSize + 8 > b.length) throw malformed('webp: RIFF size overruns the file');
  const end = 8 + riffSize; // bytes after the RIFF container are dropped
  const chunks: Buffer[] = [];
  let pos = 12;
  let first = true;
  let sawImage = false;
  while (pos < end) {
    if (pos + 8 > end) throw malformed('webp: truncated chunk header');
    const fourcc = b.toString('latin1', pos, pos + 4);
    const size = b.readUInt32LE(pos + 4);
    const dataStart = pos + 8;
    if (size > end - dataStart) throw malformed(`webp: chunk ${fourcc.trim()} overruns the file`);
    const data = b.subarray(dataStart, dataStart + size);
    if (first && fourcc !== 'VP8X' && fourcc !== 'VP8 ' && fourcc !== 'VP8L') throw malformed('webp: no image chunk first');
    first = false;
    if (WEBP_IMAGE.has(fourcc)) sawImage = true;
    if (fourcc === 'VP8X') {
      if (size < 10) throw malformed('webp: VP8X too short');
      const copy = Buffer.from(data);
      copy[0] = copy[0]! & ~(VP8X_EXIF | VP8X_XMP);
      chunks.push(webpChunk(fourcc, copy));
    } else if (WEBP_KEEP.has(fourcc)) {
      chunks.push(webpChunk(fourcc, data));
    }
    pos = dataStart + size + (size & 1);
  }
  if (!sawImage) throw malformed('webp: no image data');
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

function webpChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat(data.length & 1 ? [head, data, Buffer.alloc(1)] : [head, data]);
}

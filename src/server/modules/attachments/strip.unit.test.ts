import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildJpeg, buildPdf, buildPng, buildWebp, COMMENT_MARKER, GPS_MARKER, IPTC_MARKER, jpegMarkers, pngChunks, TEXT_MARKER, webpChunks, XMP_MARKER,
} from '../../../../test/helpers/attachments.js';
import { FileRejected } from './errors.js';
import { sanitizeFile, stripJpeg, stripPng, stripWebp } from './strip.js';

const has = (b: Buffer, s: string) => b.includes(Buffer.from(s, 'latin1'));
const METADATA_MARKERS = [GPS_MARKER, XMP_MARKER, COMMENT_MARKER, IPTC_MARKER, TEXT_MARKER, 'Exif\0\0', 'GPS'];

function expectRejected(fn: () => unknown) {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(FileRejected);
  expect((caught as FileRejected).reason).toBe('malformed');
}

describe('JPEG metadata stripping', () => {
  it('drops Exif with its GPS block, XMP, IPTC, comments and non-ICC APP2, keeping the image segments in order', () => {
    const input = buildJpeg({ exif: true, xmp: true, iptc: true, comment: true, icc: true, adobe: true });
    expect(has(input, GPS_MARKER)).toBe(true);
    expect(jpegMarkers(input)).toEqual(['D8', 'E0', 'E1', 'E1', 'E2', 'ED', 'EE', 'FE', 'DB', 'C0', 'C4', 'DD', 'DA', 'D9']);
    const out = stripJpeg(input);
    for (const m of METADATA_MARKERS) expect(has(out, m), m).toBe(false);
    expect(jpegMarkers(out)).toEqual(['D8', 'E0', 'E2', 'EE', 'DB', 'C0', 'C4', 'DD', 'DA', 'D9']);
    expect(has(out, 'ICC_PROFILE\0fake')).toBe(false); // the ICC header is followed by seq numbers
    expect(has(out, 'fake-icc-profile-data')).toBe(true);
    // the image data (with its stuffed 0xFF00 and RST0) is byte-identical
    const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78]);
    expect(out.includes(scan)).toBe(true);
    // idempotent: a clean file stays the same
    expect(stripJpeg(out).equals(out)).toBe(true);
  });

  it('walks every scan of a progressive file and drops a comment between scans and trailer bytes after EOI', () => {
    const input = buildJpeg({ progressive: true, trailer: true });
    const out = stripJpeg(input);
    expect(jpegMarkers(out)).toEqual(['D8', 'E0', 'DB', 'C0', 'C4', 'DD', 'DA', 'C4', 'DA', 'D9']);
    expect(has(out, COMMENT_MARKER)).toBe(false);
    expect(has(out, GPS_MARKER)).toBe(false);
    expect(out.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
  });

  it('removes a JFIF thumbnail but keeps the JFIF header', () => {
    const thumbJfif = Buffer.from([...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 1, 1, 0xaa, 0xbb, 0xcc]);
    const seg = Buffer.concat([Buffer.from([0xff, 0xe0, 0, thumbJfif.length + 2]), thumbJfif]);
    const base = buildJpeg({ exif: false });
    // replace the plain APP0 (bytes 2..20) with the one carrying a thumbnail
    const input = Buffer.concat([base.subarray(0, 2), seg, base.subarray(20)]);
    const out = stripJpeg(input);
    expect(jpegMarkers(out)[1]).toBe('E0');
    expect(out.readUInt16BE(4)).toBe(16);
    expect(out.subarray(6, 20).equals(Buffer.from([...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]))).toBe(true);
  });

  it('keeps the file byte for byte when metadata is kept, but still refuses a broken one', () => {
    const input = buildJpeg({ exif: true });
    const kept = sanitizeFile(input, 'image/jpeg', { keepMetadata: true });
    expect(kept.data.equals(input)).toBe(true);
    expect(kept.removedBytes).toBe(0);
    const stripped = sanitizeFile(input, 'image/jpeg', { keepMetadata: false });
    expect(stripped.removedBytes).toBe(input.length - stripped.data.length);
    expect(stripped.removedBytes).toBeGreaterThan(0);
    expectRejected(() => sanitizeFile(input.subarray(0, 40), 'image/jpeg', { keepMetadata: true }));
  });

  it('refuses malformed JPEGs', () => {
    const good = buildJpeg();
    expectRejected(() => stripJpeg(Buffer.from([0xff, 0xd8, 0xff])));
    expectRejected(() => stripJpeg(good.subarray(0, good.length - 2))); // no EOI
    expectRejected(() => stripJpeg(Buffer.concat([good.subarray(0, 4), Buffer.from([0xff, 0xff]), good.subarray(6)]))); // APP0 length overruns
    expectRejected(() => stripJpeg(Buffer.concat([good.subarray(0, 4), Buffer.from([0x00, 0x01]), good.subarray(6)]))); // length < 2
    expectRejected(() => stripJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))); // no image data
    expectRejected(() => stripJpeg(Buffer.from([0xff, 0xd8, 0x12, 0x34, 0xff, 0xd9]))); // garbage instead of a marker
  });
});

describe('PNG metadata stripping', () => {
  it('drops tEXt, eXIf, tIME, iTXt and zTXt and keeps critical, colour and transparency chunks with valid CRCs', () => {
    const input = buildPng({ text: true, exif: true, time: true, itxt: true, ztxt: true, colour: true });
    expect(has(input, TEXT_MARKER)).toBe(true);
    expect(has(input, GPS_MARKER)).toBe(true);
    const out = stripPng(input);
    const chunks = pngChunks(out); // verifies every CRC
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'sRGB', 'gAMA', 'pHYs', 'tRNS', 'IDAT', 'IEND']);
    for (const m of METADATA_MARKERS) expect(has(out, m), m).toBe(false);
    // the pixels still decode
    const idat = chunks.find((c) => c.type === 'IDAT')!.data;
    expect([...zlib.inflateSync(idat)]).toEqual([0, 0xc0, 0x40, 0x20]);
    expect(stripPng(out).equals(out)).toBe(true);
  });

  it('drops unknown ancillary chunks and bytes after IEND', () => {
    const base = buildPng({ text: false, exif: false });
    const priv = Buffer.alloc(12 + 5);
    priv.writeUInt32BE(5, 0);
    priv.write('prVt', 4, 'latin1');
    priv.write('hello', 8, 'latin1');
    priv.writeUInt32BE(zlib.crc32(priv.subarray(4, 13)), 13);
    const ihdrEnd = 8 + 25;
    const input = Buffer.concat([base.subarray(0, ihdrEnd), priv, base.subarray(ihdrEnd), Buffer.from('trailing junk')]);
    const out = stripPng(input);
    expect(pngChunks(out).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(has(out, 'hello')).toBe(false);
    expect(has(out, 'trailing junk')).toBe(false);
  });

  it('refuses bad CRCs, truncation, unknown critical chunks and a missing IHDR', () => {
    const good = buildPng();
    const badCrc = Buffer.from(good);
    badCrc[8 + 12] ^= 0xff; // a byte of IHDR's data
    expectRejected(() => stripPng(badCrc));
    expectRejected(() => stripPng(good.subarray(0, good.length - 12))); // no IEND
    expectRejected(() => stripPng(good.subarray(0, 20)));
    const huge = Buffer.from(good);
    huge.writeUInt32BE(0xfffffff0, 8);
    expectRejected(() => stripPng(huge));
    const critical = Buffer.from(good);
    critical.write('ABCD', 12, 'latin1');
    critical.writeUInt32BE(zlib.crc32(critical.subarray(12, 12 + 4 + 13)), 12 + 4 + 13);
    expectRejected(() => stripPng(critical));
  });
});

describe('WebP metadata stripping', () => {
  it('drops EXIF and XMP chunks, clears their VP8X flags, keeps ICC and the image, fixes the RIFF size', () => {
    const input = buildWebp({ exif: true, xmp: true, icc: true });
    const before = webpChunks(input);
    expect(before.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8L', 'EXIF', 'XMP ']);
    expect(before[0]!.data[0]).toBe(0x20 | 0x08 | 0x04);
    const out = stripWebp(input);
    const after = webpChunks(out); // verifies RIFF size and padding
    expect(after.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8L']);
    expect(after[0]!.data[0]).toBe(0x20);
    expect(after[0]!.data.subarray(1).equals(before[0]!.data.subarray(1))).toBe(true);
    expect(after[2]!.data.equals(before[2]!.data)).toBe(true);
    for (const m of METADATA_MARKERS) expect(has(out, m), m).toBe(false);
    expect(stripWebp(out).equals(out)).toBe(true);
  });

  it('refuses malformed WebPs', () => {
    const good = buildWebp();
    const bigRiff = Buffer.from(good);
    bigRiff.writeUInt32LE(good.length, 4);
    expectRejected(() => stripWebp(bigRiff));
    const bigChunk = Buffer.from(good);
    bigChunk.writeUInt32LE(0x7fffffff, 16);
    expectRejected(() => stripWebp(bigChunk));
    const noImage = Buffer.from('RIFF\x04\x00\x00\x00WEBP', 'latin1');
    expectRejected(() => stripWebp(noImage));
    const shortVp8x = Buffer.from('RIFF\x0e\x00\x00\x00WEBPVP8X\x02\x00\x00\x00\x00\x00', 'latin1');
    expectRejected(() => stripWebp(shortVp8x));
  });
});

describe('never a crash', () => {
  it('every truncation and many single-byte corruptions either succeed or throw FileRejected', () => {
    const samples: Array<[Buffer, 'image/jpeg' | 'image/png' | 'image/webp']> = [
      [buildJpeg({ xmp: true, icc: true, progressive: true }), 'image/jpeg'],
      [buildPng({ time: true, colour: true }), 'image/png'],
      [buildWebp({ xmp: true, icc: true }), 'image/webp'],
    ];
    let checked = 0;
    for (const [file, type] of samples) {
      const variants: Buffer[] = [];
      for (let n = 0; n < file.length; n++) variants.push(file.subarray(0, n));
      for (let i = 0; i < file.length; i++) {
        for (const v of [0x00, 0xff, 0x7f]) {
          const c = Buffer.from(file);
          c[i] = v;
          variants.push(c);
        }
      }
      for (const v of variants) {
        for (const keepMetadata of [false, true]) {
          try {
            const r = sanitizeFile(v, type, { keepMetadata });
            expect(Buffer.isBuffer(r.data)).toBe(true);
          } catch (err) {
            expect(err).toBeInstanceOf(FileRejected);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('leaves PDFs as they are', () => {
    const pdf = buildPdf();
    expect(sanitizeFile(pdf, 'application/pdf', { keepMetadata: false }).data.equals(pdf)).toBe(true);
  });
});

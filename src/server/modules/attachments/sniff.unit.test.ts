import { describe, expect, it } from 'vitest';
import { buildJpeg, buildPdf, buildPng, buildWebp } from '../../../../test/helpers/attachments.js';
import { FileRejected } from './errors.js';
import { checkFileType, extensionOf, sniffType, typeFromDeclared, typeFromName } from './sniff.js';

function rejection(fn: () => unknown): FileRejected {
  try {
    fn();
  } catch (err) {
    if (err instanceof FileRejected) return err;
    throw err;
  }
  throw new Error('not rejected');
}

describe('sniffType (magic bytes only)', () => {
  it('recognises JPEG, PNG, WebP and PDF', () => {
    expect(sniffType(buildJpeg())).toBe('image/jpeg');
    expect(sniffType(buildPng())).toBe('image/png');
    expect(sniffType(buildWebp())).toBe('image/webp');
    expect(sniffType(buildPdf())).toBe('application/pdf');
  });

  it('refuses everything else, including near misses', () => {
    expect(sniffType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffType(Buffer.from('GIF89a....'))).toBeNull();
    expect(sniffType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]))).toBeNull();
    expect(sniffType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffType(Buffer.from('%PDF'))).toBeNull();
    expect(sniffType(Buffer.from(' %PDF-1.4'))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
  });
});

describe('name and declared type', () => {
  it('reads extensions and declared types', () => {
    expect(extensionOf('Foto.JPG')).toBe('jpg');
    expect(extensionOf('C:\\Users\\x\\foto.jpeg')).toBe('jpeg');
    expect(extensionOf('.hidden')).toBe('');
    expect(extensionOf('noext')).toBe('');
    expect(typeFromName('a.jpg')).toBe('image/jpeg');
    expect(typeFromName('a.html')).toBe('other');
    expect(typeFromName('a')).toBeNull();
    expect(typeFromDeclared('image/jpg')).toBe('image/jpeg');
    expect(typeFromDeclared('application/octet-stream')).toBeNull();
    expect(typeFromDeclared('text/html; charset=utf-8')).toBe('other');
    expect(typeFromDeclared(undefined)).toBeNull();
  });

  it('accepts a file whose name and declared type agree with the content (or say nothing)', () => {
    expect(checkFileType(buildJpeg(), 'foto.jpg', 'image/jpeg')).toBe('image/jpeg');
    expect(checkFileType(buildJpeg(), 'foto', 'application/octet-stream')).toBe('image/jpeg');
    expect(checkFileType(buildPng(), 'layar.PNG', 'image/png')).toBe('image/png');
    expect(checkFileType(buildWebp(), 'a.webp', '')).toBe('image/webp');
    expect(checkFileType(buildPdf(), 'surat.pdf', 'application/pdf')).toBe('application/pdf');
  });

  it('refuses a PDF named .jpg, a JPEG declared as PNG, an HTML page named .jpg and empty files', () => {
    const pdfAsJpg = rejection(() => checkFileType(buildPdf(), 'foto.jpg', 'image/jpeg'));
    expect(pdfAsJpg.reason).toBe('mismatch');
    expect(pdfAsJpg.extra.actual).toBe('application/pdf');
    expect(rejection(() => checkFileType(buildPdf(), 'foto.pdf', 'image/jpeg')).reason).toBe('mismatch');
    expect(rejection(() => checkFileType(buildJpeg(), 'foto.jpg', 'image/png')).reason).toBe('mismatch');
    expect(rejection(() => checkFileType(buildJpeg(), 'foto.html', 'image/jpeg')).reason).toBe('mismatch');
    expect(rejection(() => checkFileType(Buffer.from('<html></html>'), 'foto.jpg', 'image/jpeg')).reason).toBe('unsupported');
    expect(rejection(() => checkFileType(Buffer.alloc(0), 'foto.jpg', 'image/jpeg')).reason).toBe('empty');
  });
});

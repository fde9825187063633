/**
 * What a file really is, from its first bytes only. The file name and the Content-Type the
 * client declared are never trusted: they are only compared with the content, and a file
 * whose name or declared type says something else than its bytes is refused (a "photo"
 * that is really a PDF or an HTML page). Pure functions, no I/O.
 */
import { FileRejected } from './errors.js';

export type AttachmentType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
export const ATTACHMENT_TYPES: readonly AttachmentType[] = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type of `data` from its magic bytes, or null when it is none of the accepted types. */
export function sniffType(data: Uint8Array): AttachmentType | null {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

/** File name extensions and what they claim. Unknown extensions claim "something else". */
const EXTENSIONS: Record<string, AttachmentType> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', jfif: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/** Declared MIME types (lower case, parameters removed) and their canonical type. */
const DECLARED: Record<string, AttachmentType> = {
  'image/jpeg': 'image/jpeg', 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg',
  'image/png': 'image/png', 'image/x-png': 'image/png',
  'image/webp': 'image/webp',
  'application/pdf': 'application/pdf', 'application/x-pdf': 'application/pdf',
};

/** Declared types that say nothing about the content (browsers send them for unknown files). */
const NEUTRAL_DECLARED = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/** The extension of a file name (lower case, without the dot), or '' when it has none. */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : '';
}

/** What the name claims: a type, 'other' for an unknown extension, null for no extension. */
export function typeFromName(filename: string): AttachmentType | 'other' | null {
  const ext = extensionOf(filename);
  if (!ext) return null;
  return EXTENSIONS[ext] ?? 'other';
}

/** What the declared Content-Type claims: a type, 'other', or null when it claims nothing. */
export function typeFromDeclared(declared: string | null | undefined): AttachmentType | 'other' | null {
  const mime = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (NEUTRAL_DECLARED.has(mime)) return null;
  return DECLARED[mime] ?? 'other';
}

/**
 * The accepted type of an upload: sniffed from the content, and consistent with the name's
 * extension and the declared Content-Type when they claim anything. Throws FileRejected.
 */
export function checkFileType(data: Uint8Array, filename: string, declared: string | null | undefined): AttachmentType {
  if (data.length === 0) throw new FileRejected('empty');
  const actual = sniffType(data);
  if (!actual) throw new FileRejected('unsupported');
  for (const claimed of [typeFromName(filename), typeFromDeclared(declared)]) {
    if (claimed !== null && claimed !== actual) throw new FileRejected('mismatch', { actual });
  }
  return actual;
}

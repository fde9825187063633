/** Attachment rows → API shapes (never the row itself, never the bytes in JSON). */
import type { AttachmentMeta } from './repo.js';

export interface AttachmentView {
  id: string;
  filename: string;
  contentType: AttachmentMeta['content_type'];
  size: number;
}

export function presentAttachment(row: Pick<AttachmentMeta, 'id' | 'filename' | 'content_type' | 'size_bytes'>): AttachmentView {
  return { id: row.id, filename: row.filename, contentType: row.content_type, size: row.size_bytes };
}

/**
 * `Content-Disposition: inline` with a safe file name: an ASCII fallback (quotes,
 * backslashes, control and non-ASCII characters replaced) and the exact UTF-8 name in
 * RFC 5987/6266 `filename*` form.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'lampiran';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Open311 wire formats: the resource suffix picks XML (the spec's base format) or JSON;
 * Content-Type is exactly `text/xml` or `application/json` (validators compare it to the
 * letter, so the body goes out as a Buffer and Fastify adds no charset); errors are
 * `[{"code": 400, "description": "…"}]` / `<errors><error><code>…`; date-times are
 * ISO 8601 with the tenant's UTC offset.
 */
import type { FastifyReply } from 'fastify';
import { toXmlDocument, type XmlValue } from './xml.js';

export type Format = 'xml' | 'json';

export const CONTENT_TYPE: Record<Format, string> = { xml: 'text/xml', json: 'application/json' };

/** Splits `name.ext` into the name and a known format (null when the suffix is missing or unknown). */
export function splitFormat(file: string): { name: string; format: Format | null } {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return { name: file, format: null };
  const ext = file.slice(dot + 1).toLowerCase();
  return { name: file.slice(0, dot), format: ext === 'xml' || ext === 'json' ? ext : null };
}

/** Item element names of every list in the spec's documents. */
export const ITEM_TAGS: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

/** A document in both renderings: its XML root (and, for lists, the JSON is the array). */
export interface Document {
  root: string;
  value: XmlValue;
}

export function render(format: Format, doc: Document): string {
  return format === 'json' ? JSON.stringify(doc.value) : toXmlDocument(doc.root, doc.value, ITEM_TAGS);
}

export function send(reply: FastifyReply, format: Format, status: number, doc: Document): FastifyReply {
  return reply
    .status(status)
    .header('content-type', CONTENT_TYPE[format])
    .send(Buffer.from(render(format, doc), 'utf8'));
}

export function errorDocument(status: number, description: string): Document {
  return { root: 'errors', value: [{ code: status, description }] };
}

/** The UTC offset of a time zone at an instant, as `+08:00`. */
export function utcOffset(at: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}

/** `2026-03-17T09:00:00+08:00`: the instant in the tenant's local time with its offset. */
export function isoWithOffset(at: Date | null | undefined, timeZone: string): string | null {
  if (!at) return null;
  const offset = utcOffset(at, timeZone);
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(at.getTime() + minutes * 60_000).toISOString();
  return `${local.slice(0, 19)}${offset}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses a W3C/ISO 8601 date-time from a query. Without a zone it is read in the tenant's
 * time zone; a date alone means its midnight. Null when malformed.
 */
export function parseDateTime(text: string, timeZone: string): Date | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const base = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  let at: Date;
  if (zone) {
    const z = zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    at = new Date(`${base}${z}`);
  } else {
    const guess = new Date(`${base}Z`);
    at = new Date(`${base}${utcOffset(guess, timeZone)}`);
  }
  if (Number.isNaN(at.getTime())) return null;
  // Refuse dates that do not exist (2026-02-30 would roll over silently).
  if (new Date(`${base}Z`).getUTCDate() !== Number(d)) return null;
  return at;
}

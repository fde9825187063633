/**
 * POST requests input: the spec's form fields (application/x-www-form-urlencoded) or the
 * same names in a JSON object, checked and turned into a complaint intake. Pure: no
 * database, so every rule is unit-tested.
 */
import { DESCRIPTION_MAX } from '../complaints/intake-service.js';
import type { ComplaintKind } from '../complaints/tables.js';
import { Open311Error } from './errors.js';

/** The complaint intake fields Open311 can fill (B1's NewComplaint minus what Open311 lacks). */
export interface Open311Intake {
  serviceCode: string;
  kind: ComplaintKind;
  title: string;
  description: string;
  latitude: number | null;
  longitude: number | null;
  addressText: string | null;
  regionCode: string | null;
  eventDate: string | null;
  isAnonymous: boolean;
  isConfidential: boolean;
  reporter: { name: string | null; email: string | null; phone: string | null } | null;
  mediaUrl: string | null;
  apiKey: string | null;
  jurisdictionId: string | null;
}

const FIELDS = new Set([
  'jurisdiction_id', 'api_key', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id',
  'account_id', 'first_name', 'last_name', 'phone', 'description', 'media_url', 'attribute',
]);

export const TITLE_MAX = 80;
const LIMITS = { description: DESCRIPTION_MAX, address_string: 500, address_id: 40, first_name: 100, last_name: 100, email: 254, phone: 30, media_url: 2000, device_id: 200, account_id: 200, api_key: 200, jurisdiction_id: 100, service_code: 61 } as const;

export const KINDS: readonly ComplaintKind[] = ['pengaduan', 'aspirasi', 'permintaan_informasi'];
export const ATTRIBUTE_CODES = ['kind', 'anonymous', 'confidential', 'event_date'] as const;

type Raw = Record<string, unknown>;

/** Flattens a parsed body: `attribute[code]` keys and a JSON `attribute` object both become attributes. */
function split(body: Raw): { fields: Map<string, unknown>; attributes: Map<string, unknown> } {
  const fields = new Map<string, unknown>();
  const attributes = new Map<string, unknown>();
  for (const [key, value] of Object.entries(body)) {
    const m = /^attribute\[([^\]]*)\](\[\])?$/.exec(key);
    if (m) {
      attributes.set(m[1], value);
      continue;
    }
    if (!FIELDS.has(key)) throw new Open311Error(400, 'open311.error.unknownField', { field: key.slice(0, 60) });
    if (key === 'attribute') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Open311Error(400, 'open311.error.invalidField', { field: 'attribute' });
      for (const [code, v] of Object.entries(value as Raw)) attributes.set(code, v);
      continue;
    }
    fields.set(key, value);
  }
  return { fields, attributes };
}

function text(fields: Map<string, unknown>, name: keyof typeof LIMITS): string | null {
  const v = fields.get(name);
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw new Open311Error(400, 'open311.error.invalidField', { field: name });
  const s = String(v).trim();
  if (!s) return null;
  if (s.length > LIMITS[name]) throw new Open311Error(400, 'open311.error.tooLong', { field: name, max: LIMITS[name] });
  return s;
}

function coordinate(fields: Map<string, unknown>, name: 'lat' | 'long', max: number): number | null {
  const v = fields.get(name);
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d{1,3}(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || Math.abs(n) > max) throw new Open311Error(400, 'open311.error.latLong');
  return n;
}

function flag(code: string, v: unknown): boolean {
  if (v === true || v === 'true' || v === '1') return true;
  if (v === false || v === 'false' || v === '0' || v === '' || v === null || v === undefined) return false;
  throw new Open311Error(400, 'open311.error.attributeValue', { code });
}

/** Title of the report: the description's first sentence, at most 80 characters (cut at a word). */
export function titleFrom(description: string, fallback: string): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  const sentence = (/^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat).trim();
  const chosen = sentence.replace(/^[\s.!?]+$/, '') || fallback;
  if ([...chosen].length <= TITLE_MAX) return chosen;
  const cut = [...chosen].slice(0, TITLE_MAX - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function parseRequestInput(body: unknown): Omit<Open311Intake, 'title'> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Open311Error(400, 'open311.error.body');
  const { fields, attributes } = split(body as Raw);

  const serviceCode = text(fields, 'service_code');
  if (!serviceCode) throw new Open311Error(400, 'open311.error.serviceCodeRequired');
  const description = text(fields, 'description');
  if (!description) throw new Open311Error(400, 'open311.error.descriptionRequired');

  const latitude = coordinate(fields, 'lat', 90);
  const longitude = coordinate(fields, 'long', 180);
  if ((latitude === null) !== (longitude === null)) throw new Open311Error(400, 'open311.error.latLong');
  const addressText = text(fields, 'address_string');
  const regionCode = text(fields, 'address_id');
  if (latitude === null && !addressText && !regionCode) throw new Open311Error(400, 'open311.error.locationRequired');
  if (regionCode && !/^\d{2}(\.\d{2}){1,2}(\.\d{4})?$/.test(regionCode)) throw new Open311Error(400, 'open311.error.invalidField', { field: 'address_id' });

  const email = text(fields, 'email');
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Open311Error(400, 'open311.error.invalidField', { field: 'email' });
  const phone = text(fields, 'phone');
  if (phone && !/^\+?[0-9 ()-]{6,30}$/.test(phone)) throw new Open311Error(400, 'open311.error.invalidField', { field: 'phone' });
  const name = [text(fields, 'first_name'), text(fields, 'last_name')].filter(Boolean).join(' ') || null;
  const mediaUrl = text(fields, 'media_url');
  if (mediaUrl) {
    let ok = false;
    try {
      const u = new URL(mediaUrl);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch { /* refused below */ }
    if (!ok) throw new Open311Error(400, 'open311.error.invalidField', { field: 'media_url' });
  }
  text(fields, 'device_id');
  text(fields, 'account_id');

  let kind: ComplaintKind = 'pengaduan';
  let isAnonymous = false;
  let isConfidential = false;
  let eventDate: string | null = null;
  for (const [code, value] of attributes) {
    if (code === 'kind') {
      if (value === '' || value === null || value === undefined) continue;
      if (typeof value !== 'string' || !(KINDS as readonly string[]).includes(value)) throw new Open311Error(400, 'open311.error.attributeValue', { code });
      kind = value as ComplaintKind;
    } else if (code === 'anonymous') isAnonymous = flag(code, value);
    else if (code === 'confidential') isConfidential = flag(code, value);
    else if (code === 'event_date') {
      if (value === '' || value === null || value === undefined) continue;
      const m = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(value.trim()) : null;
      if (!m || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`)) || new Date(`${m[1]}T00:00:00Z`).toISOString().slice(0, 10) !== m[1]) {
        throw new Open311Error(400, 'open311.error.attributeValue', { code });
      }
      eventDate = m[1];
    } else throw new Open311Error(400, 'open311.error.attributeUnknown', { code: code.slice(0, 60) });
  }

  return {
    serviceCode,
    kind,
    description,
    latitude,
    longitude,
    addressText,
    regionCode,
    eventDate,
    isAnonymous,
    isConfidential,
    reporter: name || email || phone ? { name, email, phone } : null,
    mediaUrl,
    apiKey: text(fields, 'api_key'),
    jurisdictionId: text(fields, 'jurisdiction_id'),
  };
}

/** Open311 pure parts: the XML writer and checker, formats and dates, POST input rules, GET filters. */
import { describe, expect, it } from 'vitest';
import { Open311Error } from './errors.js';
import { isoWithOffset, parseDateTime, render, splitFormat, utcOffset } from './format.js';
import { parseRequestInput, titleFrom } from './input.js';
import { msg, open311Messages } from './messages.js';
import { CLOSED_STATUSES, OPEN_STATUSES, open311Status, requestFilter } from './requests.js';
import { checkWellFormed, escapeXml, toXmlDocument } from './xml.js';
import type { ComplaintStatus } from '../complaints/state-machine.js';

// Every status (the Record type makes the compiler refuse a missing one).
const EVERY: Record<ComplaintStatus, true> = {
  received: true, held: true, verified: true, rejected: true, archived: true, routed: true,
  accepted: true, in_progress: true, resolved: true, closed: true, merged: true,
};
const STATUSES = Object.keys(EVERY) as ComplaintStatus[];

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof Open311Error) return `${e.status} ${e.key}`;
    throw e;
  }
  return 'ok';
}

describe('xml', () => {
  it('escapes the five special characters and drops characters XML cannot carry', () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    expect(escapeXml('x\u0000y\u0001z\u001F\uFFFE\uD800!')).toBe('xyz!');
    expect(escapeXml('tab\tnl\ncr\r 😀 العربية')).toBe('tab\tnl\ncr\r 😀 العربية');
  });

  it('renders one root, nested objects, lists with item tags, empty elements for null', () => {
    const xml = toXmlDocument('services', [{ service_code: 'a', metadata: true, keywords: null, n: 2 }], { services: 'service' });
    expect(xml).toBe('<?xml version="1.0" encoding="utf-8"?><services><service><service_code>a</service_code><metadata>true</metadata><keywords></keywords><n>2</n></service></services>');
    expect(checkWellFormed(xml)).toBe('services');
    expect(() => toXmlDocument('x', [1])).toThrow(/item element/);
    expect(() => toXmlDocument('bad tag', 1)).toThrow(/element name/);
  });

  it('naughty text stays well-formed', () => {
    const naughty = ['<script>alert(1)</script>', ']]>', '&amp;', '\u0000\u0007', '\uDC00', "'; DROP TABLE complaint;--", '<?xml?>', '<!-- -->'].join(' ');
    expect(checkWellFormed(toXmlDocument('r', { d: naughty }))).toBe('r');
  });

  it('the checker refuses malformed documents', () => {
    expect(() => checkWellFormed('<a></a>')).toThrow(/declaration/);
    const d = '<?xml version="1.0" encoding="utf-8"?>';
    expect(() => checkWellFormed(`${d}<a><b></a></b>`)).toThrow();
    expect(() => checkWellFormed(`${d}<a></a><b></b>`)).toThrow(/root/);
    expect(() => checkWellFormed(`${d}<a>x & y</a>`)).toThrow(/unescaped/);
    expect(() => checkWellFormed(`${d}<a>`)).toThrow(/unclosed/);
    expect(() => checkWellFormed(`${d}<a><b/></a>`)).not.toThrow();
  });
});

describe('formats and dates', () => {
  it('splits the format suffix', () => {
    expect(splitFormat('services.xml')).toEqual({ name: 'services', format: 'xml' });
    expect(splitFormat('PRM-ABCD-EFGH.json')).toEqual({ name: 'PRM-ABCD-EFGH', format: 'json' });
    expect(splitFormat('a.b.JSON')).toEqual({ name: 'a.b', format: 'json' });
    expect(splitFormat('services.yaml').format).toBeNull();
    expect(splitFormat('services').format).toBeNull();
  });

  it('renders the same document as JSON and XML', () => {
    const doc = { root: 'errors', value: [{ code: 400, description: 'x < y' }] };
    expect(render('json', doc)).toBe('[{"code":400,"description":"x < y"}]');
    expect(render('xml', doc)).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>x &lt; y</description></error></errors>');
  });

  it('dates carry the tenant offset', () => {
    const at = new Date('2026-03-17T01:00:00Z');
    expect(isoWithOffset(at, 'Asia/Makassar')).toBe('2026-03-17T09:00:00+08:00');
    expect(isoWithOffset(at, 'Asia/Jakarta')).toBe('2026-03-17T08:00:00+07:00');
    expect(isoWithOffset(new Date('2026-12-31T20:30:00Z'), 'Asia/Jayapura')).toBe('2027-01-01T05:30:00+09:00');
    expect(isoWithOffset(null, 'Asia/Jakarta')).toBeNull();
    expect(utcOffset(at, 'UTC')).toBe('+00:00');
  });

  it('parses ISO 8601 query dates, in the tenant zone when none is given', () => {
    expect(parseDateTime('2026-03-17T09:00:00+08:00', 'Asia/Jakarta')?.toISOString()).toBe('2026-03-17T01:00:00.000Z');
    expect(parseDateTime('2026-03-17T01:00:00Z', 'Asia/Jakarta')?.toISOString()).toBe('2026-03-17T01:00:00.000Z');
    expect(parseDateTime('2026-03-17T09:00:00+0800', 'Asia/Jakarta')?.toISOString()).toBe('2026-03-17T01:00:00.000Z');
    expect(parseDateTime('2026-03-17T08:00', 'Asia/Jakarta')?.toISOString()).toBe('2026-03-17T01:00:00.000Z');
    expect(parseDateTime('2026-03-17', 'Asia/Makassar')?.toISOString()).toBe('2026-03-16T16:00:00.000Z');
    for (const bad of ['kemarin', '2026-02-30', '2026-13-01', '2026-03-17T25:00:00Z', '17/03/2026', '']) expect(parseDateTime(bad, 'Asia/Jakarta')).toBeNull();
  });
});

describe('POST input', () => {
  const base = { service_code: 'jalan-rusak', lat: '-3.4', long: '115.9', description: 'Lubang.' };

  it('takes the spec fields, attributes in both shapes, and defaults', () => {
    const a = parseRequestInput({ ...base, first_name: 'Siti', last_name: 'R', email: 'S@contoh.id', 'attribute[kind]': 'aspirasi', 'attribute[anonymous]': 'true' });
    expect(a).toMatchObject({ serviceCode: 'jalan-rusak', latitude: -3.4, longitude: 115.9, kind: 'aspirasi', isAnonymous: true, isConfidential: false, reporter: { name: 'Siti R', email: 'S@contoh.id', phone: null } });
    const b = parseRequestInput({ ...base, lat: -3.4, long: 115.9, attribute: { confidential: true, event_date: '2026-03-01' } });
    expect(b).toMatchObject({ kind: 'pengaduan', isConfidential: true, eventDate: '2026-03-01', reporter: null });
    expect(parseRequestInput({ service_code: 's', address_string: 'Jl. A', description: 'd' })).toMatchObject({ latitude: null, addressText: 'Jl. A' });
    expect(parseRequestInput({ service_code: 's', address_id: '63.10.01.2001', description: 'd' })).toMatchObject({ regionCode: '63.10.01.2001' });
    expect(parseRequestInput({ ...base, device_id: 'abc', account_id: '1' }).kind).toBe('pengaduan');
  });

  it('refuses what the spec requires and what is malformed', () => {
    expect(code(() => parseRequestInput(null))).toBe('400 open311.error.body');
    expect(code(() => parseRequestInput([]))).toBe('400 open311.error.body');
    expect(code(() => parseRequestInput({ ...base, service_code: '' }))).toBe('400 open311.error.serviceCodeRequired');
    expect(code(() => parseRequestInput({ ...base, description: '  ' }))).toBe('400 open311.error.descriptionRequired');
    expect(code(() => parseRequestInput({ ...base, description: 'x'.repeat(10_001) }))).toBe('400 open311.error.tooLong');
    expect(code(() => parseRequestInput({ service_code: 's', description: 'd' }))).toBe('400 open311.error.locationRequired');
    expect(code(() => parseRequestInput({ ...base, long: undefined }))).toBe('400 open311.error.latLong');
    expect(code(() => parseRequestInput({ ...base, lat: '1e3' }))).toBe('400 open311.error.latLong');
    expect(code(() => parseRequestInput({ ...base, long: '181' }))).toBe('400 open311.error.latLong');
    expect(code(() => parseRequestInput({ ...base, address_id: 'desa saya' }))).toBe('400 open311.error.invalidField');
    expect(code(() => parseRequestInput({ ...base, email: 'a@b' }))).toBe('400 open311.error.invalidField');
    expect(code(() => parseRequestInput({ ...base, phone: 'call me' }))).toBe('400 open311.error.invalidField');
    expect(code(() => parseRequestInput({ ...base, media_url: 'file:///etc/passwd' }))).toBe('400 open311.error.invalidField');
    expect(code(() => parseRequestInput({ ...base, description: ['a', 'b'] }))).toBe('400 open311.error.invalidField');
    expect(code(() => parseRequestInput({ ...base, zipcode: '70111' }))).toBe('400 open311.error.unknownField');
    expect(code(() => parseRequestInput({ ...base, 'attribute[color]': 'x' }))).toBe('400 open311.error.attributeUnknown');
    expect(code(() => parseRequestInput({ ...base, attribute: 'x' }))).toBe('400 open311.error.invalidField');
    expect(code(() => parseRequestInput({ ...base, 'attribute[anonymous]': 'maybe' }))).toBe('400 open311.error.attributeValue');
    expect(code(() => parseRequestInput({ ...base, 'attribute[event_date]': '2026-02-30' }))).toBe('400 open311.error.attributeValue');
  });

  it('the title is the first sentence, at most 80 characters', () => {
    expect(titleFrom('Lubang besar. Sudah lama.', 'Jalan')).toBe('Lubang besar.');
    expect(titleFrom('  banyak\n\nspasi  di sini ', 'Jalan')).toBe('banyak spasi di sini');
    expect(titleFrom('...', 'Jalan rusak')).toBe('Jalan rusak');
    const long = titleFrom('kata '.repeat(40), 'x');
    expect([...long].length).toBeLessThanOrEqual(80);
    expect(long.endsWith('…')).toBe(true);
    expect([...titleFrom('😀'.repeat(100), 'x')].length).toBe(80);
  });
});

describe('GET requests filters', () => {
  const now = new Date('2026-06-10T02:00:00Z');
  it('maps every Prima status to open or closed', () => {
    for (const s of STATUSES) expect(['open', 'closed']).toContain(open311Status(s));
    expect(new Set([...OPEN_STATUSES, ...CLOSED_STATUSES]).size).toBe(STATUSES.length);
    expect(open311Status('resolved')).toBe('closed');
    expect(open311Status('routed')).toBe('open');
  });

  it('defaults to the last 90 days and 1000 requests; service_request_id overrides the rest', () => {
    const f = requestFilter({}, 'Asia/Makassar', now);
    expect(f.to).toEqual(now);
    expect(now.getTime() - f.from!.getTime()).toBe(90 * 86_400_000);
    expect(f.limit).toBe(1000);
    expect(requestFilter({ service_request_id: 'prm-abcd-efgh, x', status: 'bogus' }, 'Asia/Makassar', now)).toEqual({ trackingCodes: [expect.any(String), 'x'], limit: 1000 });
    expect(requestFilter({ status: 'closed', service_code: 'a,b' }, 'Asia/Makassar', now)).toMatchObject({ statuses: CLOSED_STATUSES, serviceCodes: ['a', 'b'] });
    const only = requestFilter({ start_date: '2026-01-01T00:00:00Z' }, 'Asia/Makassar', now);
    expect(only.to!.getTime() - only.from!.getTime()).toBe(90 * 86_400_000);
  });

  it('refuses bad dates, spans over 90 days, unknown statuses', () => {
    expect(code(() => requestFilter({ start_date: 'x' }, 'Asia/Makassar', now))).toBe('400 open311.error.date');
    expect(code(() => requestFilter({ end_date: ['a', 'b'] }, 'Asia/Makassar', now))).toBe('400 open311.error.date');
    expect(code(() => requestFilter({ start_date: '2026-01-01', end_date: '2026-05-01' }, 'Asia/Makassar', now))).toBe('400 open311.error.dateSpan');
    expect(code(() => requestFilter({ start_date: '2026-05-01', end_date: '2026-01-01' }, 'Asia/Makassar', now))).toBe('400 open311.error.dateSpan');
    expect(code(() => requestFilter({ status: 'pending' }, 'Asia/Makassar', now))).toBe('400 open311.error.status');
  });
});

describe('messages', () => {
  it('Indonesian and English have the same keys, and placeholders match', () => {
    expect(Object.keys(open311Messages.en).sort()).toEqual(Object.keys(open311Messages.id).sort());
    for (const k of Object.keys(open311Messages.id) as Array<keyof typeof open311Messages.id>) {
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(open311Messages.en[k])).toEqual(ph(open311Messages.id[k]));
    }
    expect(msg('en', 'open311.error.jurisdictionUnknown', { value: '99.99' })).toBe('Unknown jurisdiction_id: 99.99.');
    expect(msg('id', 'open311.notice.received', { code: 'PRM-1' })).toContain('PRM-1');
  });
});

/**
 * The report form without a browser: what the client refuses before sending, the body it
 * sends, how the server's field errors land on the form, which failures it retries, and
 * that a draft keeps one Idempotency-Key across reloads.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR } from '../../api/client.js';
import { t as translate } from '../../../shared/i18n/index.js';
import type { T } from '../../app/i18n.js';
import { clearDraft, emptyDraft, isDirty, loadDraft, saveDraft, type Draft } from './draft.js';
import { DESCRIPTION_MAX, FILING_LIMIT_DAYS, TITLE_MAX, retriable, serverFieldErrors, toBody, todayIso, validate } from './form.js';

const t: T = (key, params) => translate('id', key, params);
const draft = (over: Partial<Draft> = {}): Draft => ({ ...emptyDraft(), title: 'Jalan berlubang', description: 'Di depan SDN 3', ...over });

describe('validate', () => {
  it('accepts a report with only the required fields', () => {
    expect(validate(draft(), t)).toBeNull();
  });

  it('names the empty required fields by their labels', () => {
    const err = validate(draft({ title: '  ', description: '' }), t);
    expect(err?.fields).toEqual({ title: 'Judul laporan wajib diisi', description: 'Uraian wajib diisi' });
  });

  it('refuses text over the limits the server enforces', () => {
    const err = validate(draft({ title: 'x'.repeat(TITLE_MAX + 1), description: 'y'.repeat(DESCRIPTION_MAX + 1) }), t);
    expect(Object.keys(err?.fields ?? {})).toEqual(['title', 'description']);
    expect(validate(draft({ title: 'x'.repeat(TITLE_MAX), description: 'y'.repeat(DESCRIPTION_MAX) }), t)).toBeNull();
  });

  it('wants both coordinates, in range, or neither', () => {
    expect(validate(draft({ latitude: '-3.4', longitude: '' }), t)?.fields).toHaveProperty('longitude');
    expect(validate(draft({ latitude: '91', longitude: '115.9' }), t)?.fields).toHaveProperty('latitude');
    expect(validate(draft({ latitude: '-3.41234', longitude: '115.98765' }), t)).toBeNull();
  });

  it('refuses an event date in the future or past the filing limit', () => {
    expect(validate(draft({ eventDate: todayIso(1) }), t)?.fields).toHaveProperty('eventDate');
    expect(validate(draft({ eventDate: todayIso(-FILING_LIMIT_DAYS - 1) }), t)?.fields.eventDate).toContain(`${FILING_LIMIT_DAYS} hari`);
    expect(validate(draft({ eventDate: todayIso(-FILING_LIMIT_DAYS) }), t)).toBeNull();
  });

  it('checks the shape of optional contact details only when given', () => {
    expect(validate(draft({ email: 'bukan-email' }), t)?.fields).toHaveProperty('email');
    expect(validate(draft({ phone: 'abc' }), t)?.fields).toHaveProperty('phone');
    expect(validate(draft({ email: 'warga@contoh.id', phone: '+62 812-3456-7890' }), t)).toBeNull();
  });
});

describe('toBody', () => {
  it('leaves every empty optional field out, and sends no reporter without contact details', () => {
    expect(toBody(draft(), 'id')).toEqual({ kind: 'pengaduan', title: 'Jalan berlubang', description: 'Di depan SDN 3', isAnonymous: false, isConfidential: false });
  });

  it('sends the desa/kelurahan when chosen, else the kecamatan', () => {
    expect(toBody(draft({ kecamatan: '63.10.05', village: '63.10.05.2001' }), 'id').regionCode).toBe('63.10.05.2001');
    expect(toBody(draft({ kecamatan: '63.10.05' }), 'id').regionCode).toBe('63.10.05');
  });

  it('sends coordinates as numbers, the attachments by id, and the privacy choices as given', () => {
    const body = toBody(draft({ latitude: '-3.41', longitude: '115.98', attachments: [{ id: 'a1', filename: 'f.jpg', contentType: 'image/jpeg', size: 10 }], isAnonymous: true, isConfidential: true }), 'en');
    expect(body).toMatchObject({ latitude: -3.41, longitude: 115.98, attachmentIds: ['a1'], isAnonymous: true, isConfidential: true });
  });

  it('asks for updates only when there is somewhere to send them', () => {
    expect(toBody(draft({ name: 'Siti' }), 'id').reporter).toEqual({ name: 'Siti', locale: 'id', wantsUpdates: false });
    expect(toBody(draft({ email: ' siti@contoh.id ' }), 'en').reporter).toEqual({ email: 'siti@contoh.id', locale: 'en', wantsUpdates: true });
    expect(toBody(draft({ email: 'siti@contoh.id', wantsUpdates: false }), 'id').reporter?.wantsUpdates).toBe(false);
  });
});

describe('server errors and retries', () => {
  it("maps the server's field paths onto the form's fields", () => {
    const err = new ApiError(400, 'VALIDATION', 'x', [
      { field: 'reporter.email', message: 'Kontak tidak valid' },
      { field: '/title', message: 'Terlalu panjang' },
      { field: 'eventDate', message: 'Terlalu lama' },
    ]);
    expect(serverFieldErrors(err)).toEqual({ email: 'Kontak tidak valid', title: 'Terlalu panjang', eventDate: 'Terlalu lama' });
  });

  it('retries a lost connection or a gateway failure, never a refusal', () => {
    expect(retriable(new ApiError(0, NETWORK_ERROR, ''))).toBe(true);
    expect(retriable(new ApiError(503, 'HTTP_503', ''))).toBe(true);
    expect(retriable(new ApiError(400, 'VALIDATION', ''))).toBe(false);
    expect(retriable(new ApiError(422, 'IDEMPOTENCY_CONFLICT', ''))).toBe(false);
    expect(retriable(new ApiError(429, 'RATE_LIMITED', ''))).toBe(false);
  });
});

describe('draft', () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
  });
  afterEach(() => {
    store.clear();
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('makes a fresh UUID key per draft', () => {
    const a = emptyDraft().key;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(emptyDraft().key).not.toBe(a);
  });

  it('keeps every field and the same key across a reload, and starts afresh once cleared', () => {
    const d = draft({ email: 'siti@contoh.id', isConfidential: true });
    saveDraft('k', d);
    expect(loadDraft('k')).toEqual(d);
    expect(isDirty(loadDraft('k'))).toBe(true);
    clearDraft('k');
    const fresh = loadDraft('k');
    expect(fresh.key).not.toBe(d.key);
    expect(isDirty(fresh)).toBe(false);
  });

  it('survives a damaged entry', () => {
    store.set('k', '{not json');
    expect(loadDraft('k').title).toBe('');
  });
});

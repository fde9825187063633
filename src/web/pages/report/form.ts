/**
 * The report form's logic without React: what the client checks before sending, the
 * request body made from a draft (empty optional fields left out), and the server's field
 * errors mapped back to the form's fields.
 */
import { ApiError, NETWORK_ERROR } from '../../api/client.js';
import type { NewComplaintBody } from '../../api/complaints.js';
import type { T } from '../../app/i18n.js';
import { FormError, fieldErrorsOf } from '../../components/Alert.js';
import type { Draft } from './draft.js';

/** Limits of intake (complaints/intake-service.ts), checked here first. */
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 10_000;
export const ADDRESS_MAX = 500;
/** UU 25/2009: a complaint may be filed up to 30 (calendar) days after the service. */
export const FILING_LIMIT_DAYS = 30;
export function todayIso(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Checks what the client can check, with messages naming the visible labels. */
export function validate(d: Draft, t: T): FormError | null {
  const f: Record<string, string> = {};
  if (!d.title.trim()) f.title = t('validation.required', { field: t('web.report.title') });
  else if (d.title.trim().length > TITLE_MAX) f.title = t('web.report.tooLong', { field: t('web.report.title'), max: TITLE_MAX });
  if (!d.description.trim()) f.description = t('validation.required', { field: t('web.report.description') });
  else if (d.description.length > DESCRIPTION_MAX) f.description = t('web.report.tooLong', { field: t('web.report.description'), max: DESCRIPTION_MAX });
  const lat = d.latitude.trim();
  const lng = d.longitude.trim();
  if (lat || lng) {
    const la = Number(lat);
    const lo = Number(lng);
    if (!lat || !Number.isFinite(la) || la < -90 || la > 90) f.latitude = t('web.report.badLatitude');
    if (!lng || !Number.isFinite(lo) || lo < -180 || lo > 180) f.longitude = t('web.report.badLongitude');
  }
  if (d.eventDate && d.eventDate > todayIso()) f.eventDate = t('web.report.futureDate');
  else if (d.eventDate && d.eventDate < todayIso(-FILING_LIMIT_DAYS)) f.eventDate = t('web.report.tooOld', { days: FILING_LIMIT_DAYS });
  if (d.addressText.trim().length > ADDRESS_MAX) f.addressText = t('web.report.tooLong', { field: t('web.report.address'), max: ADDRESS_MAX });
  if (d.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) f.email = t('web.report.badEmail');
  if (d.phone.trim() && !/^\+?[0-9 ()-]{6,20}$/.test(d.phone.trim())) f.phone = t('web.report.badPhone');
  return Object.keys(f).length ? new FormError(t('web.form.fixFields'), f) : null;
}

export function toBody(d: Draft, locale: 'id' | 'en'): NewComplaintBody {
  const body: NewComplaintBody = {
    kind: d.kind,
    title: d.title.trim(),
    description: d.description.trim(),
    isAnonymous: d.isAnonymous,
    isConfidential: d.isConfidential,
  };
  if (d.categoryId) body.categoryId = d.categoryId;
  if (d.village || d.kecamatan) body.regionCode = d.village || d.kecamatan;
  if (d.latitude.trim() && d.longitude.trim()) {
    body.latitude = Number(d.latitude);
    body.longitude = Number(d.longitude);
  }
  if (d.eventDate) body.eventDate = d.eventDate;
  if (d.addressText.trim()) body.addressText = d.addressText.trim();
  if (d.attachments.length) body.attachmentIds = d.attachments.map((a) => a.id);
  const name = d.name.trim();
  const phone = d.phone.trim();
  const email = d.email.trim();
  if (name || phone || email) {
    body.reporter = { locale, wantsUpdates: d.wantsUpdates && !!(phone || email) };
    if (name) body.reporter.name = name;
    if (phone) body.reporter.phone = phone;
    if (email) body.reporter.email = email;
  }
  return body;
}

/** The server's field paths ('/title', 'body/reporter/email', 'reporter.email') → form fields. */
export function serverFieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fieldErrorsOf(err))) {
    const last = k.replace(/^\/?(body[./])?/, '').split(/[./]/).pop() ?? k;
    out[last] ??= v;
  }
  return out;
}

/** A failure worth retrying with the same key: the answer may never have arrived. */
export const retriable = (err: unknown) => err instanceof ApiError && (err.code === NETWORK_ERROR || err.status === 502 || err.status === 503 || err.status === 504);

/** Dates and times in the user's language and the tenant's time zone (WIB/WITA/WIT). */
import type { Locale } from '../../shared/i18n/index.js';

const tag = (l: Locale) => (l === 'id' ? 'id-ID' : 'en-GB');

export function formatDateTime(iso: string | null | undefined, locale: Locale, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // Explicit fields: dateStyle/timeStyle cannot be combined with timeZoneName.
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(d);
}

/** A calendar date 'YYYY-MM-DD' (no time zone: a date is the same day everywhere). */
export function formatDate(date: string | null | undefined, locale: Locale): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(tag(locale), { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

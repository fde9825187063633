/** Number formats of the SKM pages: values are exact from the server and rounded only here, for display. */
import type { Locale } from '../../../shared/i18n/index.js';

export const localeTag = (l: Locale) => (l === 'id' ? 'id-ID' : 'en-GB');

export function fmt(locale: Locale, value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(localeTag(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

export function fmtInt(locale: Locale, value: number): string {
  return new Intl.NumberFormat(localeTag(locale)).format(value);
}

export function fmtDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return new Intl.DateTimeFormat(localeTag(locale), { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/**
 * Where the page is and what it asks: the unit, counter and officer from the QR link
 * (`/survei/{unitId}?loket=CODE&petugas=CODE`, optionally under a `/r/{slug}` tenant
 * prefix), and the form definition from GET /public/skm/form, kept in localStorage so the
 * survey still opens on a device that has seen it once and has no signal now.
 */
import { detectBase } from '../app/base.js';
import { getLocale } from './i18n.js';
import type { SurveyForm } from './types.js';

export interface SurveyLink {
  /** '/r/{slug}/api/v1' or '/api/v1'. */
  api: string;
  unitId: string | null;
  loket: string | null;
  petugas: string | null;
  kiosk: boolean;
}

export function parseLink(loc: { pathname: string; search: string }): SurveyLink {
  const base = detectBase(loc.pathname);
  const rest = loc.pathname.slice(base.basename.length);
  const m = /^\/survei\/([^/]+)/.exec(rest);
  const q = new URLSearchParams(loc.search);
  const kiosk = q.get('kiosk');
  return {
    api: base.api,
    unitId: m ? decodeURIComponent(m[1]) : null,
    loket: q.get('loket') || null,
    petugas: q.get('petugas') || null,
    kiosk: kiosk === '1' || kiosk === 'true' || kiosk === 'ya',
  };
}

export type FormLoad =
  | { kind: 'ok'; form: SurveyForm; fromCache: boolean }
  | { kind: 'unknown' }
  | { kind: 'unavailable' };

const FETCH_TIMEOUT_MS = 8_000;

export function cacheKey(link: SurveyLink): string {
  return `prima.skm.form.v1|${link.api}|${link.unitId}|${link.loket ?? ''}|${link.petugas ?? ''}`;
}

function readCache(key: string): SurveyForm | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as SurveyForm) : null;
  } catch {
    return null;
  }
}

/**
 * The network first (a changed questionnaire shows at once), the device's copy when the
 * network fails or is too slow; a unit the server does not know is not served from cache.
 */
export async function loadForm(link: SurveyLink): Promise<FormLoad> {
  if (!link.unitId) return { kind: 'unknown' };
  const key = cacheKey(link);
  const qs = new URLSearchParams({ unit: link.unitId });
  if (link.loket) qs.set('loket', link.loket);
  if (link.petugas) qs.set('petugas', link.petugas);
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), FETCH_TIMEOUT_MS);
  try {
    const res = await fetch(`${link.api}/public/skm/form?${qs}`, {
      headers: { accept: 'application/json', 'accept-language': getLocale() },
      credentials: 'omit',
      signal: ctrl.signal,
    });
    if (res.ok) {
      const form = (await res.json()) as SurveyForm;
      try {
        localStorage.setItem(key, JSON.stringify(form));
      } catch {
        // Storage full or disabled: the survey still works while the page is open.
      }
      return { kind: 'ok', form, fromCache: false };
    }
    if (res.status === 404 || res.status === 400) {
      localStorage.removeItem(key);
      return { kind: 'unknown' };
    }
  } catch {
    // Offline, or too slow: fall through to the device's copy.
  } finally {
    clearTimeout(timer);
  }
  const cached = readCache(key);
  return cached ? { kind: 'ok', form: cached, fromCache: true } : { kind: 'unavailable' };
}

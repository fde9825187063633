/**
 * Names for the ids a report carries (category, region, OPD). The case and tracking
 * views send ids; the lists behind them are small and public (categories, regions) or
 * staff-only (OPDs), so they are loaded once per page load and looked up here.
 */
import { useEffect, useState } from 'react';
import { complaintsApi, type Category } from '../../api/complaints.js';
import { api } from '../../api/client.js';
import type { Opd, Region, Tenant } from '../../api/types.js';
import { orgApi } from '../organisation/orgApi.js';

const cache = new Map<string, Promise<unknown>>();
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    // A failed load is retried on the next use rather than remembered.
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

function useAsync<T>(load: (() => Promise<T>) | null, deps: unknown[]): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    setValue(null);
    if (load) load().then((v) => { if (live) setValue(v); }, () => {});
    return () => { live = false; };
  }, deps);
  return value;
}

export function useCategoryName(id: string | null | undefined, given?: string | null): string | null {
  const list = useAsync<Category[]>(id && !given ? () => once('categories', () => complaintsApi.categories().then((r) => r.items)) : null, [id, given]);
  return given ?? list?.find((c) => c.id === id)?.name ?? null;
}

/** "Desa X, Kecamatan Y" for a desa/kelurahan code, "Kecamatan Y" for a kecamatan code. */
export function useRegionLabel(code: string | null | undefined, given?: string | null): string | null {
  const parent = code && code.split('.').length === 4 ? code.split('.').slice(0, 3).join('.') : null;
  const kecs = useAsync<Region[]>(code && !given ? () => once('kecamatan', () => complaintsApi.kecamatan().then((r) => r.items)) : null, [code, given]);
  const villages = useAsync<Region[]>(parent && !given ? () => once(`villages:${parent}`, () => complaintsApi.villages(parent).then((r) => r.items)) : null, [parent, given]);
  if (given) return given;
  if (!code) return null;
  const kec = kecs?.find((r) => r.code === (parent ?? code));
  const village = parent ? villages?.find((r) => r.code === code) : null;
  if (village && kec) return `${village.level === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${village.name}, Kecamatan ${kec.name}`;
  if (kec) return `Kecamatan ${kec.name}`;
  return null;
}

/** Staff only: GET /opds needs a session. */
export function useOpdName(id: string | null | undefined, given?: string | null): string | null {
  const list = useAsync<Opd[]>(id && !given ? () => once('opds', () => orgApi.opds().then((r) => r.items)) : null, [id, given]);
  return given ?? list?.find((o) => o.id === id)?.name ?? null;
}

/** The tenant's time zone for public pages (GET /tenant is public), so times read WIB/WITA/WIT. */
export function useTenantTimeZone(): string | undefined {
  const tenant = useAsync<Tenant>(() => once('tenant', () => api.get<Tenant>('/tenant', undefined, { quiet401: true })), []);
  return tenant?.timezone;
}

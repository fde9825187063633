/** Calls of the organisation API (OPDs, service units, services, regions, CSV import). */
import { api, apiUrl } from '../../api/client.js';
import type { ImportKind, Items, Opd, Region, Service, Unit } from '../../api/types.js';

export type OpdInput = { name: string; shortName: string; type: string; headName: string; headTitle: string; regionCode: string };
export type UnitInput = { name: string; address: string; regionCode: string };
export type ServiceInput = { name: string; description: string };

/**
 * Form values → request body. Optional text left empty is omitted on create and sent as
 * null on update (clearing what was there).
 */
export function body<T extends Record<string, string>>(values: T, required: (keyof T)[], mode: 'create' | 'update'): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, raw] of Object.entries(values)) {
    const v = raw.trim();
    if (v || required.includes(k)) out[k] = v;
    else if (mode === 'update') out[k] = null;
  }
  return out;
}

export const orgApi = {
  opds: (includeInactive = false) => api.get<Items<Opd>>('/opds', { includeInactive: includeInactive || undefined }),
  opd: (id: string) => api.get<Opd>(`/opds/${id}`),
  createOpd: (v: OpdInput) => api.post<Opd>('/opds', body(v, ['name', 'shortName', 'type'], 'create')),
  updateOpd: (id: string, v: Partial<Record<string, unknown>>) => api.patch<Opd>(`/opds/${id}`, v),

  units: (opdId?: string, includeInactive = false) => api.get<Items<Unit>>('/units', { opdId, includeInactive: includeInactive || undefined }),
  unit: (id: string) => api.get<Unit>(`/units/${id}`),
  createUnit: (opdId: string, v: UnitInput) => api.post<Unit>('/units', { opdId, ...body(v, ['name'], 'create') }),
  updateUnit: (id: string, v: Partial<Record<string, unknown>>) => api.patch<Unit>(`/units/${id}`, v),

  services: (unitId: string, includeInactive = false) => api.get<Items<Service>>('/services', { unitId, includeInactive: includeInactive || undefined }),
  service: (id: string) => api.get<Service>(`/services/${id}`),
  createService: (unitId: string, v: ServiceInput) => api.post<Service>('/services', { unitId, ...body(v, ['name'], 'create') }),
  updateService: (id: string, v: Partial<Record<string, unknown>>) => api.patch<Service>(`/services/${id}`, v),

  regions: () => api.get<Items<Region>>('/regions'),

  importCsv: (kind: ImportKind, csv: string) => api.postText<{ imported: number }>(`/org/import/${kind}`, csv, 'text/csv'),
  templateUrl: (kind: ImportKind) => apiUrl(`/org/import/${kind}/template`),
};

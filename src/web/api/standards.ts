/** Calls of the standards API (issue #5 [D]): the staff side and the public catalogue. */
import type { Static } from '@sinclair/typebox';
import { api, apiUrl } from './client.js';
import type * as S from '../../shared/schemas/standards.js';

export type StandardListItem = Static<typeof S.StandardListItem>;
export type Standard = S.TStandard;
export type Components = S.TComponents;
export type Maklumat = S.TMaklumat;
export type CatalogueItem = S.TCatalogueItem;
export type PublicService = S.TPublicService;
export type StandardActionBody = S.TStandardActionBody;

export const standardsApi = {
  list: (q: { opdId?: string; unitId?: string; q?: string } = {}) => api.get<{ items: StandardListItem[] }>('/standards', q),
  get: (id: string) => api.get<Standard>(`/standards/${id}`),
  create: (serviceId: string) => api.post<Standard>('/standards', { serviceId }),
  patch: (id: string, components: Components) => api.patch<Standard>(`/standards/${id}`, { components }),
  act: (id: string, body: StandardActionBody) => api.post<Standard>(`/standards/${id}/actions`, body),
  upload: (id: string, which: 'signed-pdf' | 'flow-diagram', file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.postForm<Standard>(`/standards/${id}/${which}`, form);
  },
  fileUrl: (id: string, which: 'signed-pdf' | 'flow-diagram') => apiUrl(`/standards/${id}/${which}`),
  answer: (commentId: string, answer: string) => api.post(`/standards/comments/${commentId}/answer`, { answer }),
  settings: () => api.get<S.TSettings>('/standards/settings'),
  saveSettings: (body: S.TSettings) => api.put<S.TSettings>('/standards/settings', body),
  maklumat: (q: { unitId?: string; opdId?: string } = {}) => api.get<{ items: Maklumat[] }>('/maklumat', q),
  createMaklumat: (body: { unitId: string; body?: string; signerName?: string; signerTitle?: string }) => api.post<Maklumat>('/maklumat', body),
  patchMaklumat: (id: string, body: { body?: string; signerName?: string; signerTitle?: string }) => api.patch<Maklumat>(`/maklumat/${id}`, body),
  actMaklumat: (id: string, action: 'establish' | 'publish' | 'revise') => api.post<Maklumat>(`/maklumat/${id}/actions`, { action }),
};

export const catalogueApi = {
  search: (q: { q?: string; opdId?: string; limit?: number; offset?: number }) => api.get<{ items: CatalogueItem[]; total: number }>('/public/catalogue', q),
  opds: () => api.get<{ items: Array<{ id: string; name: string; shortName: string }> }>('/public/catalogue/opds'),
  service: (id: string, version?: number) => api.get<PublicService>(`/public/services/${id}`, { version }),
  comment: (standardId: string, body: { body: string; name?: string }) => api.post<{ id: string; createdAt: string }>(`/public/standards/${standardId}/comments`, body),
  posterUrl: (serviceId: string) => apiUrl(`/public/services/${serviceId}/poster.pdf`),
  flowDiagramUrl: (standardId: string) => apiUrl(`/public/standards/${standardId}/flow-diagram`),
};

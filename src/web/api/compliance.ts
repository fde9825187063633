/** Calls of the compliance API (issue #5): methods, assessments, scores, overrides, evidence, roll-up. */
import { api, apiUrl } from './client.js';
import type { Items } from './types.js';
import type {
  TAssessmentDetail, TAssessmentSummary, TCreateMethodBody, TEvidence, TMethod, TMethodKind, TMethodSummary, TResults,
} from '../../shared/schemas/compliance.js';

export type { TAssessmentDetail, TAssessmentSummary, TCreateMethodBody, TEvidence, TMethod, TMethodKind, TMethodSummary, TResults };
export type Zone = NonNullable<TAssessmentSummary['zone']>;
export type AssessmentAction = 'submit' | 'return' | 'verify';

export const complianceApi = {
  methods: (kind?: TMethodKind) => api.get<Items<TMethodSummary>>('/compliance/methods', { kind }),
  method: (id: string) => api.get<TMethod>(`/compliance/methods/${id}`),
  createMethod: (body: TCreateMethodBody) => api.post<TMethod>('/compliance/methods', body),
  assessments: (q: { year?: number; kind?: TMethodKind; methodId?: string }) => api.get<Items<TAssessmentSummary>>('/compliance/assessments', q),
  assessment: (id: string) => api.get<TAssessmentDetail>(`/compliance/assessments/${id}`),
  create: (body: { methodId: string; year: number; unitId?: string; opdId?: string }) => api.post<TAssessmentDetail>('/compliance/assessments', body),
  score: (id: string, code: string, body: { value?: number | null; note?: string | null; gapOwner?: string | null; gapDueDate?: string | null }) =>
    api.patch<TAssessmentDetail>(`/compliance/assessments/${id}/indicators/${encodeURIComponent(code)}`, body),
  override: (id: string, code: string, body: { value: number; reason: string }) => api.post<TAssessmentDetail>(`/compliance/assessments/${id}/indicators/${encodeURIComponent(code)}/override`, body),
  act: (id: string, action: AssessmentAction) => api.post<TAssessmentDetail>(`/compliance/assessments/${id}/actions/${action}`, {}),
  addLink: (id: string, code: string, url: string) => api.post<TEvidence>(`/compliance/assessments/${id}/indicators/${encodeURIComponent(code)}/links`, { url }),
  upload: (id: string, code: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.postForm<TEvidence>(`/compliance/assessments/${id}/indicators/${encodeURIComponent(code)}/files`, form);
  },
  removeEvidence: (evidenceId: string) => api.del(`/compliance/evidence/${evidenceId}`),
  evidenceUrl: (evidenceId: string) => apiUrl(`/compliance/evidence/${evidenceId}`),
  results: (year: number, methodId: string) => api.get<TResults>('/compliance/results', { year, methodId }),
};


/**
 * The SKM/IKM API as the web client uses it (issue #4): static types of the shared TypeBox
 * schemas (src/shared/schemas/skm.ts, imported as types only, so no schema code enters the
 * bundle) and one function per call. Files the server renders (PDF, PNG, SVG, templates)
 * are plain links (`*Url`), opened or downloaded by the browser itself.
 */
import type * as Skm from '../../shared/schemas/skm.js';
import { api, apiUrl } from './client.js';

export type PublicResults = Skm.TSkmPublicResults;
export type PublicResultItem = PublicResults['items'][number];
export type NrrItem = Skm.TSkmNrrItem;
export type Questionnaire = Skm.TSkmQuestionnaire;
export type NewQuestionnaire = Skm.TSkmNewQuestionnaireBody;
export type Period = Skm.TSkmPeriod;
export type PeriodKind = Period['kind'];
export type NewPeriod = Skm.TSkmCreatePeriodBody;
export type Counter = Skm.TSkmCounter;
export type CounterList = Skm.TSkmCounterList;
export type Results = Skm.TSkmResults;
export type ResultsQuery = Skm.TSkmResultsQuery;
export type ResponseItem = Skm.TSkmResponseItem;
export type ImportRowError = Skm.TSkmImportRowError;
export type Followup = Skm.TSkmFollowup;
export type FollowupList = Skm.TSkmFollowupList;
export type FollowupStatus = Followup['status'];
export type NewFollowup = Skm.TSkmCreateFollowupBody;
export type Publication = Skm.TSkmPublication;
export type PublicationList = Skm.TSkmPublicationList;
export type Channel = Publication['channel'];
export type NewPublication = Skm.TSkmCreatePublicationBody;

/** Repeated from the schemas (SKM_PERIOD_KINDS, SkmFollowupStatus, SkmChannel) so no schema code enters the bundle. */
export const PERIOD_KINDS = ['year', 'semester', 'quarter', 'month'] as const satisfies readonly PeriodKind[];
export const FOLLOWUP_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const satisfies readonly FollowupStatus[];
export const CHANNELS = ['website', 'media_sosial', 'papan_pengumuman', 'media_cetak', 'forum', 'lainnya'] as const satisfies readonly Channel[];
/** How many parts a year has for each kind of period (semester 1–2, quarter 1–4, month 1–12). */
export const PARTS: Record<PeriodKind, number> = { year: 0, semester: 2, quarter: 4, month: 12 };

type Items<T> = { items: T[] };
type QrTarget = { unitId: string; loket?: string; petugas?: string };

export const skmApi = {
  publicResults: (unit?: string) => api.get<PublicResults>('/public/skm/results', { unit }),

  questionnaires: () => api.get<Items<Questionnaire>>('/skm/questionnaires'),
  createQuestionnaire: (body: NewQuestionnaire) => api.post<Questionnaire>('/skm/questionnaires', body),

  periods: (q: { unitId?: string; opdId?: string; year?: number } = {}) => api.get<Items<Period>>('/skm/periods', q),
  period: (id: string) => api.get<Period>(`/skm/periods/${id}`),
  createPeriod: (body: NewPeriod) => api.post<Period>('/skm/periods', body),
  patchPeriod: (id: string, population: number | null) => api.patch<Period>(`/skm/periods/${id}`, { population }),

  counters: (unitId: string) => api.get<CounterList>(`/skm/units/${unitId}/counters`),
  createCounter: (unitId: string, body: { code: string; name: string }) => api.post<Counter>(`/skm/units/${unitId}/counters`, body),
  qrUrl: (t: QrTarget, format: 'png' | 'svg') => apiUrl('/skm/qr', { ...t, format }),
  posterUrl: (t: QrTarget, size: 'A4' | 'A5') => apiUrl('/skm/poster', { ...t, size }),

  results: (q: ResultsQuery) => api.get<Results>('/skm/results', q),
  reportUrl: (periodId: string) => apiUrl(`/skm/periods/${periodId}/report.pdf`),

  responses: (q: { periodId?: string; unitId?: string; status?: 'flagged' | 'excluded' | 'all' }) => api.get<Items<ResponseItem>>('/skm/responses', q),
  exclude: (id: string, reason: string) => api.post<ResponseItem>(`/skm/responses/${id}/exclude`, { reason }),
  restore: (id: string) => api.post<ResponseItem>(`/skm/responses/${id}/restore`),

  templateUrl: (periodId: string, format: 'csv' | 'xlsx') => apiUrl(`/skm/periods/${periodId}/import-template`, { format }),
  importFile: (periodId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.postForm<Skm.TSkmImportResult>(`/skm/periods/${periodId}/import`, form);
  },

  followups: (periodId: string) => api.get<FollowupList>(`/skm/periods/${periodId}/followups`),
  createFollowup: (periodId: string, body: NewFollowup) => api.post<Followup>(`/skm/periods/${periodId}/followups`, body),
  patchFollowup: (id: string, body: Skm.TSkmPatchFollowupBody) => api.patch<Followup>(`/skm/followups/${id}`, body),
  addEvidence: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.postForm<Followup['evidence'][number]>(`/skm/followups/${id}/evidence`, form);
  },

  publications: (periodId: string) => api.get<PublicationList>(`/skm/periods/${periodId}/publications`),
  createPublication: (periodId: string, body: NewPublication) => api.post<Publication>(`/skm/periods/${periodId}/publications`, body),
};

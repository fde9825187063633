/**
 * Issue [G] on the desk's pages: the top-3 OPD suggestion for a case's text (POST
 * /routing/suggest), each a one-click choice for the disposisi form, "tidak yakin" when
 * the model is not sure; and the accuracy figure (GET /routing/stats) for the inbox.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import type { StaffComplaint } from '../../api/complaints.js';
import type { TRoutingStats, TSuggestResponse } from '../../../shared/schemas/routing.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';

export const routingApi = {
  suggest: (body: { text: string; categoryId?: string; regionCode?: string; complaintId?: string }) => api.post<TSuggestResponse>('/routing/suggest', body),
  stats: () => api.get<TRoutingStats>('/routing/stats'),
};

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function RoutingSuggestions({ complaint, value, onPick }: { complaint: StaffComplaint; value: string; onPick(opdId: string): void }) {
  const { t } = useI18n();
  const text = `${complaint.title ?? ''}\n${complaint.description ?? ''}`.slice(0, 20_000);
  const s = useLoad(
    () => routingApi.suggest({ text, complaintId: complaint.id, categoryId: complaint.categoryId ?? undefined, regionCode: complaint.regionCode ?? undefined }),
    [complaint.id],
  );
  const top = s.data?.opds[0];
  // A confident suggestion fills the form; the desk confirms with the route button or picks another.
  useEffect(() => {
    if (s.data?.confident && top && !value) onPick(top.opdId);
  }, [s.data]);
  if (s.loading) return <p className="muted" aria-live="polite">{t('routing.web.loading')}</p>;
  if (s.error || !s.data) return <p className="muted">{t('routing.web.error')}</p>;
  const d = s.data;
  const source = d.source === 'model' ? t('routing.source.model', { version: d.modelVersion ?? 0 }) : d.source === 'keywords' ? t('routing.source.keywords') : t('routing.source.none');
  return (
    <div className="routing-suggestions" role="group" aria-labelledby={`rs-${complaint.id}`} data-testid="routing-suggestions">
      <p id={`rs-${complaint.id}`} className="small"><strong>{t('routing.web.title')}</strong> <span className="muted">({source})</span></p>
      {d.message ? <p className="muted small" role="status">{d.message}</p> : null}
      {d.opds.length ? (
        <div className="actions">
          {d.opds.map((o) => (
            <button key={o.opdId} type="button" className="btn btn--small" aria-pressed={value === o.opdId} onClick={() => onPick(o.opdId)}
              title={o.name}>
              {o.shortName} · {t('routing.web.score', { score: pct(o.score) })}
            </button>
          ))}
        </div>
      ) : null}
      {d.categories.length ? <p className="muted small">{t('routing.web.categories')}: {d.categories.map((c) => `${c.name} (${pct(c.score)})`).join(', ')}</p> : null}
    </div>
  );
}

/**
 * Desk intake: likely categories for the text typed so far (asked once the typing pauses and
 * there are a few words), each a one-click choice for the category field.
 */
export function CategorySuggestions({ text, value, onPick }: { text: string; value: string; onPick(categoryId: string): void }) {
  const { t } = useI18n();
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setSettled(text.trim()), 800);
    return () => clearTimeout(id);
  }, [text]);
  const [data, setData] = useState<TSuggestResponse | null>(null);
  useEffect(() => {
    if (settled.split(/\s+/).length < 3) return setData(null);
    let live = true;
    routingApi.suggest({ text: settled.slice(0, 20_000) }).then((d) => { if (live) setData(d); }, () => { if (live) setData(null); });
    return () => { live = false; };
  }, [settled]);
  if (!data?.categories.length) return null;
  return (
    <div className="routing-suggestions" data-testid="category-suggestions">
      <p className="small muted">{t('routing.web.categories')}{data.confident ? '' : ` — ${data.message ?? ''}`}</p>
      <div className="actions">
        {data.categories.map((c) => (
          <button key={c.categoryId} type="button" className="btn btn--small" aria-pressed={value === c.categoryId} onClick={() => onPick(c.categoryId)}>
            {c.name} · {pct(c.score)}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The share of suggestions the desk accepted, last 30 and 90 days (desk inbox). */
export function RoutingAccuracy() {
  const { t } = useI18n();
  const s = useLoad(() => routingApi.stats(), []);
  if (!s.data) return null;
  return (
    <section className="card routing-accuracy" aria-labelledby="routing-accuracy" data-testid="routing-accuracy">
      <h2 id="routing-accuracy" className="small">{t('routing.web.accuracy')}</h2>
      <ul className="plain">
        {s.data.windows.map((w) => (
          <li key={w.days} className="small">
            {w.total && w.acceptedRate !== null
              ? t('routing.web.accuracyLine', { days: w.days, rate: pct(w.acceptedRate), accepted: w.accepted, total: w.total, top3: pct(w.top3 / w.total) })
              : t('routing.web.accuracyNone', { days: w.days })}
          </li>
        ))}
      </ul>
    </section>
  );
}

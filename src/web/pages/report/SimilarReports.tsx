/**
 * "Mungkin sudah dilaporkan" (issue #3): once the title and description are filled, the
 * form asks, debounced, for similar open reports of the same category and area, and lists
 * them with links (citizens: /lacak/:code; the desk: /pengaduan/:id) so the reporter can
 * follow one instead. Advisory only: it never blocks or delays submitting, and a failed
 * lookup simply shows nothing.
 */
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import { useI18n } from '../../app/i18n.js';
import { DESCRIPTION_MAX, TITLE_MAX } from './form.js';

/** Wait this long after the last keystroke before asking. */
export const SIMILAR_DEBOUNCE_MS = 700;

interface Suggestion {
  key: string;
  to: string;
  title: string;
  code: string;
  reporterCount: number;
}

interface Props {
  /** 'public': the citizen's form (no login); 'desk': the desk's intake. */
  mode: 'public' | 'desk';
  title: string;
  description: string;
  categoryId?: string;
  regionCode?: string;
}

export function SimilarReports({ mode, title, description, categoryId, regionCode }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [items, setItems] = useState<Suggestion[]>([]);
  const t0 = title.trim();
  const d0 = description.trim();

  useEffect(() => {
    if (!t0 || !d0 || t0.length > TITLE_MAX) {
      setItems([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      const body = {
        title: t0,
        description: d0.slice(0, DESCRIPTION_MAX),
        ...(categoryId ? { categoryId } : {}),
        ...(regionCode ? { regionCode } : {}),
      };
      const ask = mode === 'public'
        ? api.post<{ items: Array<{ trackingCode: string; title: string; reporterCount: number }> }>('/public/complaints/similar', body, { quiet401: true })
          .then((r) => r.items.map((i) => ({ key: i.trackingCode, to: `/lacak/${encodeURIComponent(i.trackingCode)}`, title: i.title, code: i.trackingCode, reporterCount: i.reporterCount })))
        : api.post<{ items: Array<{ id: string; trackingCode: string; title: string; reporterCount: number }> }>('/complaints/similar', body)
          .then((r) => r.items.map((i) => ({ key: i.id, to: `/pengaduan/${i.id}`, title: i.title, code: i.trackingCode, reporterCount: i.reporterCount })));
      ask.then((s) => { if (live) setItems(s); }, () => { if (live) setItems([]); });
    }, SIMILAR_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [mode, t0, d0, categoryId, regionCode]);

  if (!items.length) return null;
  return (
    <section className="alert alert--info" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('web.similar.title')}</h2>
      <p>{t(mode === 'public' ? 'web.similar.leadPublic' : 'web.similar.leadDesk')}</p>
      <ul>
        {items.map((s) => (
          <li key={s.key}>
            <Link to={s.to} target={mode === 'public' ? undefined : '_blank'}>{s.title}</Link>{' '}
            <span className="hint">{t('web.similar.meta', { code: s.code, count: s.reporterCount })}</span>
          </li>
        ))}
      </ul>
      <p className="hint">{t('web.similar.stillSend')}</p>
    </section>
  );
}

/** Citizens' consultation comments on a version, each answered by the unit's team. */
import { useState } from 'react';
import { standardsApi, type Standard } from '../../api/standards.js';
import { useI18n } from '../../app/i18n.js';
import { ErrorAlert } from '../../components/Alert.js';
import { TextAreaField } from '../../components/Field.js';

export function CommentsPanel({ s, canAnswer, onChange }: { s: Standard; canAnswer: boolean; onChange(): void }) {
  const { t } = useI18n();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  if (s.comments.length === 0 && s.status !== 'consultation') return null;
  async function answer(id: string) {
    setError(null);
    try {
      await standardsApi.answer(id, (drafts[id] ?? '').trim());
      setDrafts({ ...drafts, [id]: '' });
      onChange();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section className="section" aria-labelledby="comments-h">
      <h2 id="comments-h">{t('standards.web.comments', { n: s.comments.length })}</h2>
      <ErrorAlert error={error} />
      {s.comments.length === 0 ? <p className="empty">{t('standards.web.noComments')}</p> : (
        <ul className="plain-list stack">
          {s.comments.map((c) => (
            <li key={c.id} className="card">
              <p className="small muted">{c.authorName ?? t('standards.web.anonymous')} · {new Date(c.createdAt).toLocaleString()}</p>
              <p className="pre-wrap">{c.body}</p>
              {c.answer ? <p className="pre-wrap"><strong>{t('standards.web.answer')}:</strong> {c.answer}</p> : canAnswer ? (
                <div>
                  <TextAreaField label={t('standards.web.answerLabel')} rows={2} value={drafts[c.id] ?? ''} onChange={(e) => setDrafts({ ...drafts, [c.id]: e.target.value })} />
                  <button type="button" className="btn btn--small" disabled={!(drafts[c.id] ?? '').trim()} onClick={() => answer(c.id)}>{t('standards.web.sendAnswer')}</button>
                </div>
              ) : <p className="small muted">{t('standards.web.awaitingAnswer')}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * /layanan/:serviceId/konsultasi — public consultation of a draft standard: the proposed
 * service-delivery components, the comments so far with the unit's answers, and a form
 * (no login) while the window is open.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { catalogueApi } from '../../api/standards.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, FormError, Loading, Notice, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { TextAreaField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SdView } from './SdView.js';

export function ConsultationPage() {
  const { t, locale } = useI18n();
  const { serviceId = '' } = useParams();
  const page = useLoad(() => catalogueApi.service(serviceId), [serviceId]);
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const date = (s: string) => new Date(s).toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' });
  const back = <Link to={`/layanan/${serviceId}`}>{t('standards.web.backToService')}</Link>;

  if (page.error) return <><PageHeader title={t('standards.web.consultationTitle')} back={back} /><ErrorAlert error={page.error} /></>;
  if (!page.data) return <Loading />;
  const c = page.data.consultation;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!c || busy) return;
    const missing = checkRequired(t, [['body', body, t('standards.web.commentLabel')]]);
    if (missing) return setError(missing);
    setBusy(true);
    setError(null);
    try {
      await catalogueApi.comment(c.standardId, { body: body.trim(), ...(name.trim() ? { name: name.trim() } : {}) });
      setSent(true);
      setBody('');
      page.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fields = error instanceof FormError ? error.fields : fieldErrorsOf(error);
  return (
    <div className="narrow">
      <PageHeader title={t('standards.web.consultationTitle')} lead={page.data.name} back={back} />
      {!c ? <p className="alert alert--info">{t('standards.web.noConsultation')}</p> : (
        <>
          <p>{t('standards.web.window', { start: date(c.start), end: date(c.end) })}</p>
          {c.open ? (
            <form className="form" onSubmit={submit} noValidate>
              <ErrorAlert error={error} />
              {sent ? <Notice>{t('standards.web.commentSent')}</Notice> : null}
              <TextAreaField label={t('standards.web.commentLabel')} hint={t('standards.web.commentHint')} required rows={5} maxLength={4000} value={body} error={fields.body} onChange={(e) => setBody(e.target.value)} />
              <TextField label={t('standards.web.nameLabel')} hint={t('standards.web.nameHint')} maxLength={120} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
              <div className="form-actions"><button className="btn btn--primary" type="submit" disabled={busy}>{t('standards.web.sendComment')}</button></div>
            </form>
          ) : <p className="alert alert--info">{t('standards.web.consultationClosed')}</p>}
          <section className="section">
            <h2>{t('standards.web.proposal', { n: c.version })}</h2>
            <SdView c={c.components} headingLevel={3} />
          </section>
          <section className="section">
            <h2>{t('standards.web.comments', { n: c.comments.length })}</h2>
            {c.comments.length === 0 ? <p className="empty">{t('standards.web.noComments')}</p> : (
              <ul className="plain-list stack">
                {c.comments.map((m) => (
                  <li key={m.id} className="card">
                    <p className="pre-wrap">{m.body}</p>
                    {m.answer ? <p className="pre-wrap"><strong>{t('standards.web.answer')}:</strong> {m.answer}</p> : <p className="small muted">{t('standards.web.awaitingAnswer')}</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

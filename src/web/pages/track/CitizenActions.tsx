/**
 * What the citizen can do on the tracking page: confirm and rate a resolved report (1–5
 * and a comment) or dispute it, which reopens it at the OPD; add information to a report
 * the desk holds. Anyone holding the code may act (the server's rule).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { complaintsApi, type PublicComplaint } from '../../api/complaints.js';
import { useI18n } from '../../app/i18n.js';
import { ErrorAlert, FormError, Notice } from '../../components/Alert.js';
import { TextAreaField } from '../../components/Field.js';

export const RATINGS = [1, 2, 3, 4, 5] as const;

function RateForm({ code, onDone }: { code: string; onDone(msg: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (error) alertRef.current?.focus(); }, [error]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!rating) return setError(new FormError(t('web.form.fixFields'), { rating: t('web.track.ratingRequired') }));
    setBusy(true);
    setError(null);
    try {
      await complaintsApi.confirm(code, rating, comment);
      onDone(t('web.track.confirmed'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const ratingError = error instanceof FormError ? error.fields.rating : undefined;
  return (
    <form className="form card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('web.track.confirmTitle')}</h3>
      <p className="hint">{t('web.track.confirmLead')}</p>
      <ErrorAlert ref={alertRef} error={error} />
      <fieldset className={ratingError ? 'field--error' : undefined} aria-describedby={ratingError ? `${id}-rating-error` : undefined}>
        <legend>{t('web.track.ratingLabel')}</legend>
        <div className="rating">
          {RATINGS.map((r) => (
            <div className="check" key={r}>
              <input type="radio" id={`${id}-r${r}`} name={`${id}-rating`} value={r} checked={rating === r} onChange={() => setRating(r)} />
              <label htmlFor={`${id}-r${r}`}>{t(`web.track.rating.${r}`)}</label>
            </div>
          ))}
        </div>
        {ratingError ? <p id={`${id}-rating-error`} className="field-error">{ratingError}</p> : null}
      </fieldset>
      <TextAreaField label={t('web.track.comment')} hint={t('web.track.optional')} rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>{t('web.track.confirmSubmit')}</button>
      </div>
    </form>
  );
}

function NoteForm({ title, lead, label, submitLabel, doneText, send, onDone }: { title: string; lead: string; label: string; submitLabel: string; doneText: string; send(text: string): Promise<unknown>; onDone(msg: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (error) alertRef.current?.focus(); }, [error]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return setError(new FormError(t('web.form.fixFields'), { text: t('validation.required', { field: label }) }));
    setBusy(true);
    setError(null);
    try {
      await send(text.trim());
      onDone(doneText);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="hint">{lead}</p>
      <ErrorAlert ref={alertRef} error={error} />
      <TextAreaField label={label} required rows={4} maxLength={2000} value={text} error={error instanceof FormError ? error.fields.text : undefined} onChange={(e) => setText(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={busy}>{submitLabel}</button>
      </div>
    </form>
  );
}

export function CitizenActions({ report, onDone }: { report: PublicComplaint; onDone(): void }) {
  const { t } = useI18n();
  const [flash, setFlash] = useState<string | null>(null);
  const done = (msg: string) => {
    setFlash(msg);
    onDone();
  };
  const code = report.trackingCode;
  return (
    <>
      {flash ? <Notice>{flash}</Notice> : null}
      {report.status === 'resolved' ? (
        <section className="section stack" aria-labelledby="act-title">
          <h2 id="act-title">{t('web.track.resolvedTitle')}</h2>
          <p>{t('web.track.resolvedLead')}</p>
          <RateForm code={code} onDone={done} />
          <NoteForm
            title={t('web.track.disputeTitle')}
            lead={t('web.track.disputeLead')}
            label={t('web.track.disputeReason')}
            submitLabel={t('web.track.disputeSubmit')}
            doneText={t('web.track.disputed')}
            send={(reason) => complaintsApi.dispute(code, reason)}
            onDone={done}
          />
        </section>
      ) : null}
      {report.status === 'held' ? (
        <section className="section" aria-labelledby="info-title">
          <h2 id="info-title" className="visually-hidden">{t('web.track.infoTitle')}</h2>
          <NoteForm
            title={t('web.track.infoTitle')}
            lead={t('web.track.infoLead')}
            label={t('web.track.infoLabel')}
            submitLabel={t('web.track.infoSubmit')}
            doneText={t('web.track.infoSent')}
            send={(note) => complaintsApi.info(code, note)}
            onDone={done}
          />
        </section>
      ) : null}
    </>
  );
}

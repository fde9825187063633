/**
 * What the reporter can do on the tracking page: confirm and rate a resolved report (1–5
 * and a comment) or dispute it, which reopens it at the OPD; add information to a report
 * the desk holds. Only the reporter may (the server's rule, ADR 0027): with the reporter
 * key this phone holds, or signed in with the account they reported with. Anyone else
 * holding the code sees a field for the key instead of the forms.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { complaintsApi, type PublicComplaint } from '../../api/complaints.js';
import { useI18n } from '../../app/i18n.js';
import { ErrorAlert, FormError, Notice } from '../../components/Alert.js';
import { TextAreaField, TextField } from '../../components/Field.js';

export const RATINGS = [1, 2, 3, 4, 5] as const;

function RateForm({ code, reporterKey, onDone }: { code: string; reporterKey: string | null; onDone(msg: string): void }) {
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
      await complaintsApi.confirm(code, reporterKey, rating, comment);
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

/** "Are you the reporter?": the key unlocks the reporter's steps on this phone. */
function KeyForm({ rejected, onKey }: { rejected: boolean; onKey(key: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const k = key.trim().toUpperCase();
    if (!k) return setError(t('validation.required', { field: t('web.track.key') }));
    setError(null);
    onKey(k);
  }
  return (
    <form className="form card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('web.track.keyTitle')}</h3>
      <p className="hint">{t('web.track.keyLead')}</p>
      <TextField
        label={t('web.track.key')}
        hint={t('web.track.keyHint')}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
        value={key}
        error={error ?? (rejected ? t('web.track.keyRejected') : null)}
        onChange={(e) => setKey(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="btn">{t('web.track.keySubmit')}</button>
      </div>
    </form>
  );
}

export function CitizenActions({ report, reporterKey, onKey, onDone }: { report: PublicComplaint; reporterKey: string | null; onKey(key: string): void; onDone(): void }) {
  const { t } = useI18n();
  const [flash, setFlash] = useState<string | null>(null);
  const done = (msg: string) => {
    setFlash(msg);
    onDone();
  };
  const code = report.trackingCode;
  const actionable = report.status === 'resolved' || report.status === 'held';
  if (actionable && !report.isReporter) {
    return (
      <section className="section" aria-label={t('web.track.keyTitle')}>
        <KeyForm rejected={!!reporterKey} onKey={onKey} />
      </section>
    );
  }
  return (
    <>
      {flash ? <Notice>{flash}</Notice> : null}
      {report.status === 'resolved' ? (
        <section className="section stack" aria-labelledby="act-title">
          <h2 id="act-title">{t('web.track.resolvedTitle')}</h2>
          <p>{t('web.track.resolvedLead')}</p>
          <RateForm code={code} reporterKey={reporterKey} onDone={done} />
          <NoteForm
            title={t('web.track.disputeTitle')}
            lead={t('web.track.disputeLead')}
            label={t('web.track.disputeReason')}
            submitLabel={t('web.track.disputeSubmit')}
            doneText={t('web.track.disputed')}
            send={(reason) => complaintsApi.dispute(code, reporterKey, reason)}
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
            send={(note) => complaintsApi.info(code, reporterKey, note)}
            onDone={done}
          />
        </section>
      ) : null}
    </>
  );
}

/**
 * The actions the server allows on a case (allowedActions of GET /complaints/:id), each
 * with a note, a choice of who sees the note, and for a disposisi ('route') the OPD,
 * pre-filled with the routing table's suggestion (GET /routing/resolve). Nothing is
 * offered that the server did not list; the server still checks each one.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { complaintsApi, type ComplaintAction, type StaffComplaint } from '../../api/complaints.js';
import type { Items, Opd } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, FormError } from '../../components/Alert.js';
import { CheckboxField, SelectField, TextAreaField } from '../../components/Field.js';
import { orgApi } from '../organisation/orgApi.js';
import { RoutingSuggestions } from './RoutingSuggestions.js';

/** Actions whose note the citizen must be able to read (the reason is the point). */
const NOTE_REQUIRED: readonly ComplaintAction[] = ['hold', 'reject', 'return', 'respond', 'update', 'resolve'];
/** Actions that never show on the public timeline: their note stays internal. */
const ALWAYS_INTERNAL: readonly ComplaintAction[] = ['return'];
/** Staff never take these from the case page (citizen or system actions). */
const NOT_FOR_STAFF: readonly ComplaintAction[] = ['confirm', 'dispute', 'auto_close', 'merge'];
const DANGER: readonly ComplaintAction[] = ['reject', 'archive'];
export const NOTE_MAX = 4000;

function RouteOpdField({ complaint, value, onChange, error }: { complaint: StaffComplaint; value: string; onChange(v: string): void; error?: string }) {
  const { t } = useI18n();
  const opds = useLoad<Items<Opd>>(() => orgApi.opds(), []);
  // No category, no suggestion: the routing table is category × region.
  const suggestion = useLoad(
    () => (complaint.categoryId ? complaintsApi.resolveRouting(complaint.categoryId, complaint.regionCode).then((r) => r.suggestion, () => null) : Promise.resolve(null)),
    [complaint.categoryId, complaint.regionCode],
  );
  const suggested = suggestion.data?.opdId ?? null;
  const suggestedName = suggestion.data?.opdName ?? opds.data?.items.find((o) => o.id === suggested)?.name;
  useEffect(() => {
    if (!value && suggested) onChange(suggested);
  }, [suggested]);
  return (
    <>
      <RoutingSuggestions complaint={complaint} value={value} onPick={onChange} />
      <SelectField
        label={t('web.case.routeTo')}
        required
        hint={suggested ? t('web.case.routeSuggested', { opd: suggestedName ?? '' }) : suggestion.loading ? t('web.loading') : t('web.case.routeNoSuggestion')}
        value={value}
        error={error}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{t('web.report.choose')}</option>
        {(opds.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </SelectField>
    </>
  );
}

function ActionForm({ complaint, action, onCancel, onDone }: { complaint: StaffComplaint; action: ComplaintAction; onCancel(): void; onDone(msg: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const [note, setNote] = useState('');
  const [internal, setInternal] = useState(ALWAYS_INTERNAL.includes(action));
  const [opdId, setOpdId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => { if (error) alertRef.current?.focus(); }, [error]);
  const noteRequired = NOTE_REQUIRED.includes(action);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const f: Record<string, string> = {};
    if (noteRequired && !note.trim()) f.note = t('validation.required', { field: t('web.case.note') });
    if (action === 'route' && !opdId) f.opdId = t('validation.required', { field: t('web.case.routeTo') });
    if (Object.keys(f).length) return setError(new FormError(t('web.form.fixFields'), f));
    setBusy(true);
    setError(null);
    try {
      const body: { note?: string; visibility: 'public' | 'internal'; opdId?: string } = { visibility: internal ? 'internal' : 'public' };
      if (note.trim()) body.note = note.trim();
      if (action === 'route') body.opdId = opdId;
      await complaintsApi.act(complaint.id, action, body);
      onDone(t('web.case.done', { action: t(`web.complaint.action.${action}`) }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  const fields = error instanceof FormError ? error.fields : {};
  return (
    <form className="form card action-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>{t(`web.complaint.action.${action}`)}</h3>
      <p className="hint">{t(`web.case.actionHelp.${action}` as 'web.case.actionHelp.verify')}</p>
      <ErrorAlert ref={alertRef} error={error} />
      {action === 'route' ? <RouteOpdField complaint={complaint} value={opdId} onChange={setOpdId} error={fields.opdId} /> : null}
      <TextAreaField label={t('web.case.note')} hint={noteRequired ? undefined : t('web.track.optional')} required={noteRequired} rows={4} maxLength={NOTE_MAX} value={note} error={fields.note} onChange={(e) => setNote(e.target.value)} />
      <CheckboxField label={t('web.case.internal')} hint={t('web.case.internalHint')} checked={internal} disabled={ALWAYS_INTERNAL.includes(action)} onChange={(e) => setInternal(e.target.checked)} />
      <div className="form-actions">
        <button type="submit" className={`btn ${DANGER.includes(action) ? 'btn--danger' : 'btn--primary'}`} disabled={busy}>{t(`web.complaint.action.${action}`)}</button>
        <button type="button" className="btn btn--plain" onClick={onCancel}>{t('web.action.cancel')}</button>
      </div>
    </form>
  );
}

function EscalationRequestForm({ complaint, onCancel, onDone }: { complaint: StaffComplaint; onCancel(): void; onDone(msg: string): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setError(new FormError(t('web.form.fixFields'), { reason: t('validation.required', { field: t('web.case.escalationReason') }) }));
    setBusy(true);
    try {
      await complaintsApi.requestEscalation(complaint.id, reason.trim());
      onDone(t('web.case.escalationRequested'));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <form className="form card action-form" onSubmit={submit} noValidate aria-labelledby="esc-title">
      <h3 id="esc-title">{t('web.case.requestEscalation')}</h3>
      <p className="hint">{t('web.case.requestEscalationHelp')}</p>
      <ErrorAlert error={error} />
      <TextAreaField label={t('web.case.escalationReason')} required rows={4} maxLength={NOTE_MAX} value={reason} error={error instanceof FormError ? error.fields.reason : undefined} onChange={(e) => setReason(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>{t('web.case.requestEscalation')}</button>
        <button type="button" className="btn btn--plain" onClick={onCancel}>{t('web.action.cancel')}</button>
      </div>
    </form>
  );
}

export function ActionPanel({ complaint, allowed, canAskEscalation, onDone }: { complaint: StaffComplaint; allowed: ComplaintAction[]; canAskEscalation: boolean; onDone(msg: string): void }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<ComplaintAction | 'escalation' | null>(null);
  const actions = allowed.filter((a) => !NOT_FOR_STAFF.includes(a));
  if (actions.length === 0 && !canAskEscalation) return <p className="muted">{t('web.case.noActions')}</p>;
  const finish = (msg: string) => {
    setChosen(null);
    onDone(msg);
  };
  return (
    <div className="stack">
      <div className="actions" role="group" aria-label={t('web.case.actions')}>
        {actions.map((a) => (
          <button key={a} type="button" className={`btn btn--small${DANGER.includes(a) ? ' btn--danger-outline' : ''}`} aria-pressed={chosen === a} onClick={() => setChosen(a)}>
            {t(`web.complaint.action.${a}`)}
          </button>
        ))}
        {canAskEscalation ? (
          <button type="button" className="btn btn--small" aria-pressed={chosen === 'escalation'} onClick={() => setChosen('escalation')}>{t('web.case.requestEscalation')}</button>
        ) : null}
      </div>
      {chosen === 'escalation' ? <EscalationRequestForm complaint={complaint} onCancel={() => setChosen(null)} onDone={finish} /> : null}
      {chosen && chosen !== 'escalation' ? <ActionForm key={chosen} complaint={complaint} action={chosen} onCancel={() => setChosen(null)} onDone={finish} /> : null}
    </div>
  );
}

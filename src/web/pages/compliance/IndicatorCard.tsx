/**
 * One indicator of an assessment: its text and weight, the score selector (saved at once),
 * the note, the evidence (upload a photo/PDF or add a link), and the Inspektorat's
 * override with both values shown.
 */
import { useState, type FormEvent } from 'react';
import { complianceApi, type TAssessmentDetail } from '../../api/compliance.js';
import { formatDateTime } from '../../app/format.js';
import { useI18n, type T } from '../../app/i18n.js';
import { ErrorAlert } from '../../components/Alert.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { formatPct } from './shared.js';

type Indicator = TAssessmentDetail['indicators'][number];

function options(ind: Indicator, t: T): Array<[string, string]> {
  if (ind.scale.kind === 'yesno') return [['1', t('compliance.detail.yes')], ['0', t('compliance.detail.no')]];
  const out: Array<[string, string]> = [];
  for (let v = ind.scale.max; v >= ind.scale.min; v--) out.push([String(v), String(v)]);
  return out;
}

export function IndicatorCard({ a, ind, canEdit, canOverride, onChange }: {
  a: TAssessmentDetail;
  ind: Indicator;
  canEdit: boolean;
  canOverride: boolean;
  onChange(next: TAssessmentDetail | null): void;
}) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState(ind.note ?? '');
  const [link, setLink] = useState('');
  const [ovValue, setOvValue] = useState(ind.value === null ? '' : String(ind.value));
  const [ovReason, setOvReason] = useState('');

  async function run(fn: () => Promise<TAssessmentDetail | null | unknown>, reloadOnly = false) {
    setBusy(true);
    setError(null);
    try {
      const res = await fn();
      onChange(reloadOnly ? null : (res as TAssessmentDetail));
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }

  const saveValue = (v: string) => run(() => complianceApi.score(a.id, ind.code, { value: v === '' ? null : Number(v) }));
  const saveNote = () => { if ((ind.note ?? '') !== note.trim()) void run(() => complianceApi.score(a.id, ind.code, { note: note.trim() || null })); };
  async function addLink(e: FormEvent) {
    e.preventDefault();
    if (!link.trim()) return;
    if (await run(() => complianceApi.addLink(a.id, ind.code, link.trim()), true)) setLink('');
  }
  async function upload(file: File | undefined, input: HTMLInputElement) {
    if (!file) return;
    await run(() => complianceApi.upload(a.id, ind.code, file), true);
    input.value = '';
  }
  async function override(e: FormEvent) {
    e.preventDefault();
    if (await run(() => complianceApi.override(a.id, ind.code, { value: Number(ovValue), reason: ovReason.trim() }))) setOvReason('');
  }

  return (
    <li className="indicator" id={`ind-${ind.code}`}>
      <div className="indicator-head">
        <span className="mono">{ind.code}</span>
        <span>{ind.text}</span>
        <span className="muted small">{t('compliance.detail.weight')} {formatPct(ind.weight, locale)}</span>
      </div>
      {ind.evidenceHint ? <p className="hint small">{t('compliance.detail.evidenceHint', { hint: ind.evidenceHint })}</p> : null}
      <ErrorAlert error={error} />
      <div className="indicator-grid">
        <div>
          <SelectField label={t('compliance.detail.valueOf', { code: ind.code })} value={ind.selfValue === null ? '' : String(ind.selfValue)} disabled={!canEdit || busy} onChange={(e) => void saveValue(e.target.value)}>
            <option value="">{t('compliance.detail.unscored')}</option>
            {options(ind, t).map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </SelectField>
        </div>
        <div>
          {canEdit ? (
            <TextAreaField label={t('compliance.detail.note')} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} onBlur={saveNote} />
          ) : ind.note ? <p className="pre-wrap">{ind.note}</p> : null}
        </div>
      </div>
      {ind.override ? (
        <p className="override-note">
          {t('compliance.detail.overrideShown', { value: ind.override.value, self: ind.override.selfValue ?? '—', by: ind.override.by, reason: ind.override.reason })}
          {' '}<span className="muted small">({formatDateTime(ind.override.at, locale)})</span>
        </p>
      ) : null}

      <h4 className="small">{t('compliance.detail.evidence')}</h4>
      {ind.evidence.length ? (
        <ul className="evidence-list">
          {ind.evidence.map((e) => (
            <li key={e.id}>
              {e.kind === 'link'
                ? <a href={e.url ?? '#'} target="_blank" rel="noopener noreferrer">{e.label ?? e.url}</a>
                : <a href={complianceApi.evidenceUrl(e.id)} target="_blank" rel="noopener">{e.filename}</a>}
              {canEdit ? <ConfirmButton label={t('compliance.detail.removeEvidence')} confirmLabel={t('compliance.detail.removeEvidenceConfirm')} onConfirm={() => { void run(() => complianceApi.removeEvidence(e.id), true); }} /> : null}
            </li>
          ))}
        </ul>
      ) : <p className="muted small">—</p>}
      {canEdit ? (
        <div className="inline-form">
          <div className="field">
            <label htmlFor={`up-${ind.code}`}>{t('compliance.detail.upload', { code: ind.code })}</label>
            <input id={`up-${ind.code}`} className="compliance-file" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" disabled={busy} onChange={(e) => void upload(e.target.files?.[0], e.target)} />
          </div>
          <form className="inline-form" onSubmit={addLink} noValidate>
            <TextField label={t('compliance.detail.link', { code: ind.code })} type="url" inputMode="url" placeholder="https://" value={link} onChange={(e) => setLink(e.target.value)} />
            <button type="submit" className="btn btn--small" disabled={busy || !link.trim()}>{t('compliance.detail.addLink')}</button>
          </form>
        </div>
      ) : null}

      {canOverride ? (
        <form className="inline-form" onSubmit={override} noValidate aria-label={t('compliance.detail.override')}>
          <SelectField label={t('compliance.detail.overrideValue', { code: ind.code })} value={ovValue} onChange={(e) => setOvValue(e.target.value)}>
            <option value="">—</option>
            {options(ind, t).map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </SelectField>
          <TextField label={t('compliance.detail.overrideReason', { code: ind.code })} required minLength={5} maxLength={2000} value={ovReason} onChange={(e) => setOvReason(e.target.value)} />
          <button type="submit" className="btn btn--small" disabled={busy || ovValue === ''}>{t('compliance.detail.overrideSave')}</button>
        </form>
      ) : null}
    </li>
  );
}

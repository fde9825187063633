/**
 * /lapor — a citizen files a pengaduan, aspirasi or permintaan informasi, with no account.
 * Built for a cheap phone on a weak network: no map tiles, every field kept in
 * localStorage as it is typed, and one Idempotency-Key per draft so a retry after a lost
 * answer files the report once. Only the kind, title and description are required.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { KINDS, complaintsApi } from '../../api/complaints.js';
import { base } from '../../app/base.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, FormError } from '../../components/Alert.js';
import { CheckboxField, SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { AttachmentsField } from './AttachmentsField.js';
import { DescriptionField } from './DescriptionField.js';
import { ADDRESS_MAX, DESCRIPTION_MAX, FILING_LIMIT_DAYS, TITLE_MAX, retriable, serverFieldErrors, toBody, todayIso, validate } from './form.js';
import { clearDraft, draftStorageKey, emptyDraft, isDirty, loadDraft, saveDraft, type Draft } from './draft.js';
import { LocationField } from './LocationField.js';
import { PrivacyFieldset } from './PrivacyFieldset.js';
import { RegionPicker } from './RegionPicker.js';
import { SimilarReports } from './SimilarReports.js';
import { ReportDone } from './ReportDone.js';
import { rememberReport } from './my-reports.js';

/** One automatic retry after a dropped connection; then the citizen decides. */
const RETRY_DELAY_MS = 2000;
const STORAGE_KEY = draftStorageKey(base.basename);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function ReportPage() {
  const { t, locale } = useI18n();
  const formId = useId();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(STORAGE_KEY));
  const [restored] = useState(() => isDirty(draft));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ code: string; reporterKey: string | null; confidential: boolean } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const categories = useLoad(() => complaintsApi.categories(), []);
  const fields = error instanceof FormError ? error.fields : serverFieldErrors(error);

  useEffect(() => {
    if (!done) saveDraft(STORAGE_KEY, draft);
  }, [draft, done]);
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const invalid = validate(draft, t);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    const body = toBody(draft, locale);
    try {
      let res;
      try {
        res = await complaintsApi.submit(body, draft.key);
      } catch (err) {
        if (!retriable(err)) throw err;
        // The same key again: if the first attempt did reach the server, this returns it.
        await wait(RETRY_DELAY_MS);
        res = await complaintsApi.submit(body, draft.key);
      }
      // The phone keeps the reporter key with the code: the key is what lets the reporter act later.
      rememberReport({ code: res.trackingCode, title: body.title, at: new Date().toISOString(), key: res.reporterKey });
      clearDraft(STORAGE_KEY);
      setDone({ code: res.trackingCode, reporterKey: res.reporterKey ?? null, confidential: draft.isConfidential });
      window.scrollTo(0, 0);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function startOver() {
    clearDraft(STORAGE_KEY);
    setDraft(emptyDraft());
    setDone(null);
    setError(null);
  }

  if (done) {
    return (
      <div className="narrow">
        <PageHeader title={t('web.report.pageTitle')} />
        <ReportDone code={done.code} reporterKey={done.reporterKey} confidential={done.confidential} onAnother={startOver} />
      </div>
    );
  }

  const conflict = error instanceof ApiError && error.code === 'IDEMPOTENCY_CONFLICT';
  return (
    <div className="narrow">
      <PageHeader title={t('web.report.pageTitle')} lead={t('web.report.lead')} />
      {restored ? <p className="alert alert--info">{t('web.report.restored')}</p> : null}
      <ErrorAlert ref={alertRef} error={error} title={error instanceof ApiError && retriable(error) ? t('web.report.notSent') : undefined} />
      {error instanceof ApiError && retriable(error) ? <p className="alert alert--info">{t('web.report.keptRetry')}</p> : null}
      {conflict ? (
        <div className="alert alert--info">
          <p>{t('web.report.conflict')}</p>
          <button type="button" className="btn btn--small" onClick={() => { setDraft((d) => ({ ...d, key: emptyDraft().key })); setError(null); }}>
            {t('web.report.sendAsNew')}
          </button>
        </div>
      ) : null}
      <form id={formId} className="form" onSubmit={submit} noValidate aria-describedby={`${formId}-req`}>
        <p id={`${formId}-req`} className="hint">{t('web.report.requiredNote')}</p>
        <fieldset>
          <legend>{t('web.report.kind')}</legend>
          {KINDS.map((k) => (
            <div className="check" key={k}>
              <input type="radio" id={`${formId}-kind-${k}`} name="kind" value={k} checked={draft.kind === k} onChange={() => set('kind', k)} aria-describedby={`${formId}-kind-${k}-hint`} />
              <label htmlFor={`${formId}-kind-${k}`}>{t(`web.complaint.kind.${k}`)}</label>
              <p id={`${formId}-kind-${k}-hint`} className="hint">{t(`web.report.kindHint.${k}`)}</p>
            </div>
          ))}
        </fieldset>

        <TextField label={t('web.report.title')} hint={t('web.report.titleHint')} required maxLength={TITLE_MAX} value={draft.title} error={fields.title} onChange={(e) => set('title', e.target.value)} />
        <DescriptionField value={draft.description} max={DESCRIPTION_MAX} error={fields.description} onChange={(v) => set('description', v)} />
        <SimilarReports mode="public" title={draft.title} description={draft.description} categoryId={draft.categoryId || undefined} regionCode={draft.village || draft.kecamatan || undefined} />

        <SelectField label={t('web.report.category')} hint={t('web.report.categoryHint')} value={draft.categoryId} error={fields.categoryId} onChange={(e) => set('categoryId', e.target.value)}>
          <option value="">{t('web.report.categoryUnknown')}</option>
          {(categories.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </SelectField>

        <fieldset>
          <legend>{t('web.report.where')}</legend>
          <RegionPicker kecamatan={draft.kecamatan} village={draft.village} error={fields.regionCode} onChange={(kecamatan, village) => setDraft((d) => ({ ...d, kecamatan, village }))} />
        </fieldset>
        <TextField label={t('web.report.address')} hint={t('web.report.addressHint')} maxLength={ADDRESS_MAX} value={draft.addressText} error={fields.addressText} onChange={(e) => set('addressText', e.target.value)} />
        <LocationField latitude={draft.latitude} longitude={draft.longitude} errors={fields} onChange={(latitude, longitude) => setDraft((d) => ({ ...d, latitude, longitude }))} />

        <TextField label={t('web.report.eventDate')} hint={t('web.report.eventDateHint', { days: FILING_LIMIT_DAYS })} type="date" min={todayIso(-FILING_LIMIT_DAYS)} max={todayIso()} value={draft.eventDate} error={fields.eventDate} onChange={(e) => set('eventDate', e.target.value)} />

        <AttachmentsField files={draft.attachments} keepLocation={draft.keepLocation} onChange={(files) => set('attachments', files)} onKeepLocation={(v) => set('keepLocation', v)} />

        <fieldset>
          <legend>{t('web.report.contact')}</legend>
          <p className="hint">{t('web.report.contactHint')}</p>
          <TextField label={t('web.report.name')} autoComplete="name" value={draft.name} error={fields.name} onChange={(e) => set('name', e.target.value)} />
          <TextField label={t('web.report.phone')} type="tel" autoComplete="tel" inputMode="tel" value={draft.phone} error={fields.phone} onChange={(e) => set('phone', e.target.value)} />
          <TextField label={t('web.report.email')} type="email" autoComplete="email" value={draft.email} error={fields.email} onChange={(e) => set('email', e.target.value)} />
          <CheckboxField label={t('web.report.wantsUpdates')} checked={draft.wantsUpdates} onChange={(e) => set('wantsUpdates', e.target.checked)} />
        </fieldset>

        <PrivacyFieldset isAnonymous={draft.isAnonymous} isConfidential={draft.isConfidential} onChange={(v) => setDraft((d) => ({ ...d, ...v }))} />

        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {busy ? t('web.report.sending') : retriable(error) ? t('web.report.sendAgain') : t('web.report.send')}
          </button>
        </div>
        <p className="hint">{t('web.report.draftSaved')}</p>
      </form>
    </div>
  );
}

/**
 * The desk records a report on a citizen's behalf (walk-in, phone, WhatsApp, SMS, letter,
 * outreach, e-mail), the channel kept with it (POST /complaints). Same fields and checks
 * as the citizen's form; one Idempotency-Key per form, so a double click or a retry after
 * a lost answer records it once. Then the case page opens.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { KINDS, STAFF_CHANNELS, complaintsApi, type StaffChannel } from '../../api/complaints.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, FormError } from '../../components/Alert.js';
import { CheckboxField, SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DescriptionField } from '../report/DescriptionField.js';
import { emptyDraft, type Draft } from '../report/draft.js';
import { ADDRESS_MAX, DESCRIPTION_MAX, FILING_LIMIT_DAYS, TITLE_MAX, serverFieldErrors, toBody, todayIso, validate } from '../report/form.js';
import { PrivacyFieldset } from '../report/PrivacyFieldset.js';
import { RegionPicker } from '../report/RegionPicker.js';
import { SimilarReports } from '../report/SimilarReports.js';
import { CategorySuggestions } from '../case/RoutingSuggestions.js';

export function IntakePage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => ({ ...emptyDraft(), wantsUpdates: true }));
  const [channel, setChannel] = useState<StaffChannel | ''>('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const categories = useLoad(() => complaintsApi.categories(), []);
  const fields = error instanceof FormError ? error.fields : serverFieldErrors(error);
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const invalid = validate(draft, t);
    const f = { ...(invalid?.fields ?? {}) };
    if (!channel) f.channel = t('validation.required', { field: t('web.intake.channel') });
    if (Object.keys(f).length) return setError(new FormError(t('web.form.fixFields'), f));
    setBusy(true);
    setError(null);
    try {
      const res = await complaintsApi.intake({ ...toBody(draft, locale), channel: channel as StaffChannel }, draft.key);
      // The walk-in reporter leaves with the code and their reporter key (ADR 0027).
      const flash = res.reporterKey ? t('web.intake.doneWithKey', { code: res.trackingCode, key: res.reporterKey }) : t('web.intake.done', { code: res.trackingCode });
      navigate(`/pengaduan/${res.id}`, { state: { flash } });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeader title={t('web.intake.title')} lead={t('web.intake.lead')} back={<Link to="/meja">{t('web.desk.title')}</Link>} />
      <ErrorAlert ref={alertRef} error={error} />
      <form className="form" onSubmit={submit} noValidate>
        <SelectField label={t('web.intake.channel')} required value={channel} error={fields.channel} onChange={(e) => setChannel(e.target.value as StaffChannel)}>
          <option value="">{t('web.report.choose')}</option>
          {STAFF_CHANNELS.map((c) => <option key={c} value={c}>{t(`web.case.channel.${c}`)}</option>)}
        </SelectField>
        <SelectField label={t('web.report.kind')} value={draft.kind} onChange={(e) => set('kind', e.target.value as Draft['kind'])}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`web.complaint.kind.${k}`)}</option>)}
        </SelectField>
        <TextField label={t('web.report.title')} required maxLength={TITLE_MAX} value={draft.title} error={fields.title} onChange={(e) => set('title', e.target.value)} />
        <DescriptionField value={draft.description} max={DESCRIPTION_MAX} error={fields.description} onChange={(v) => set('description', v)} />
        <SimilarReports mode="desk" title={draft.title} description={draft.description} categoryId={draft.categoryId || undefined} regionCode={draft.village || draft.kecamatan || undefined} />
        <SelectField label={t('web.report.category')} value={draft.categoryId} error={fields.categoryId} onChange={(e) => set('categoryId', e.target.value)}>
          <option value="">{t('web.report.categoryUnknown')}</option>
          {(categories.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </SelectField>
        <CategorySuggestions text={`${draft.title}\n${draft.description}`} value={draft.categoryId} onPick={(id) => set('categoryId', id)} />
        <fieldset>
          <legend>{t('web.report.where')}</legend>
          <RegionPicker kecamatan={draft.kecamatan} village={draft.village} error={fields.regionCode} onChange={(kecamatan, village) => setDraft((d) => ({ ...d, kecamatan, village }))} />
          <TextField label={t('web.report.address')} maxLength={ADDRESS_MAX} value={draft.addressText} error={fields.addressText} onChange={(e) => set('addressText', e.target.value)} />
        </fieldset>
        <TextField label={t('web.report.eventDate')} hint={t('web.report.eventDateHint', { days: FILING_LIMIT_DAYS })} type="date" min={todayIso(-FILING_LIMIT_DAYS)} max={todayIso()} value={draft.eventDate} error={fields.eventDate} onChange={(e) => set('eventDate', e.target.value)} />
        <fieldset>
          <legend>{t('web.intake.reporter')}</legend>
          <TextField label={t('web.report.name')} value={draft.name} error={fields.name} onChange={(e) => set('name', e.target.value)} />
          <TextField label={t('web.report.phone')} type="tel" value={draft.phone} error={fields.phone} onChange={(e) => set('phone', e.target.value)} />
          <TextField label={t('web.report.email')} type="email" value={draft.email} error={fields.email} onChange={(e) => set('email', e.target.value)} />
          <CheckboxField label={t('web.intake.wantsUpdates')} checked={draft.wantsUpdates} onChange={(e) => set('wantsUpdates', e.target.checked)} />
        </fieldset>
        <PrivacyFieldset isAnonymous={draft.isAnonymous} isConfidential={draft.isConfidential} onChange={(v) => setDraft((d) => ({ ...d, ...v }))} />
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>{t('web.intake.submit')}</button>
        </div>
      </form>
    </div>
  );
}

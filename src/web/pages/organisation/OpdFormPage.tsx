/** Create or edit an OPD (admin). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { OPD_TYPES } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { body, orgApi, type OpdInput } from './orgApi.js';
import { RegionOptions, opdTypeLabel } from './shared.js';

const EMPTY: OpdInput = { name: '', shortName: '', type: 'dinas', headName: '', headTitle: '', regionCode: '' };

export function OpdFormPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const [values, setValues] = useState<OpdInput>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const existing = useLoad(() => (id ? orgApi.opd(id) : Promise.resolve(null)), [id]);
  const regions = useLoad(() => orgApi.regions().catch(() => ({ items: [] })), []);

  useEffect(() => {
    const o = existing.data;
    if (o) setValues({ name: o.name, shortName: o.shortName, type: o.type, headName: o.headName ?? '', headTitle: o.headTitle ?? '', regionCode: o.regionCode ?? '' });
  }, [existing.data]);
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  const set = (k: keyof OpdInput) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const fields = fieldErrorsOf(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkRequired(t, [['name', values.name, t('web.opd.name')], ['shortName', values.shortName, t('web.opd.shortName')]]);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    try {
      const saved = id ? await orgApi.updateOpd(id, body(values, ['name', 'shortName', 'type'], 'update')) : await orgApi.createOpd(values);
      navigate('/organisation', { state: { flash: t(id ? 'web.opd.saved' : 'web.opd.created', { name: saved.name }) } });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const title = id ? t('web.opd.editTitle') : t('web.opd.createTitle');
  if (id && existing.loading) return <Loading />;
  if (id && existing.error) return <><PageHeader title={title} /><ErrorAlert error={existing.error} /></>;

  return (
    <div className="narrow">
      <PageHeader title={title} back={<Link to="/organisation">{t('web.opd.backToList')}</Link>} />
      <ErrorAlert ref={alertRef} error={error} />
      <form className="form card" onSubmit={submit} noValidate>
        <TextField label={t('web.opd.name')} hint={t('web.opd.nameHint')} required maxLength={200} value={values.name} onChange={set('name')} error={fields.name} />
        <TextField label={t('web.opd.shortName')} hint={t('web.opd.shortNameHint')} required maxLength={40} value={values.shortName} onChange={set('shortName')} error={fields.shortName} />
        <SelectField label={t('web.opd.type')} required value={values.type} onChange={set('type')} error={fields.type}>
          {OPD_TYPES.map((ty) => <option key={ty} value={ty}>{opdTypeLabel(ty, t)}</option>)}
        </SelectField>
        <TextField label={t('web.opd.headName')} maxLength={200} value={values.headName} onChange={set('headName')} error={fields.headName} />
        <TextField label={t('web.opd.headTitle')} hint={t('web.opd.headTitleHint')} maxLength={200} value={values.headTitle} onChange={set('headTitle')} error={fields.headTitle} />
        <SelectField label={t('web.opd.region')} hint={t('web.opd.regionHint')} value={values.regionCode} onChange={set('regionCode')} error={fields.regionCode}>
          <option value="">{t('web.opd.regionNone')}</option>
          <RegionOptions regions={regions.data?.items ?? []} current={values.regionCode} />
        </SelectField>
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>{id ? t('web.action.save') : t('web.opd.add')}</button>
          <Link to="/organisation" className="btn btn--plain">{t('web.action.cancel')}</Link>
        </div>
      </form>
    </div>
  );
}

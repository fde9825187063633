/** Create a service unit in an OPD, or edit one (admin). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { body, orgApi, type UnitInput } from './orgApi.js';
import { RegionOptions } from './shared.js';

export function UnitFormPage() {
  const { t } = useI18n();
  const { id, opdId: opdParam } = useParams();
  const navigate = useNavigate();
  const [values, setValues] = useState<UnitInput>({ name: '', address: '', regionCode: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const existing = useLoad(() => (id ? orgApi.unit(id) : Promise.resolve(null)), [id]);
  const opdId = opdParam ?? existing.data?.opdId ?? '';
  const opd = useLoad(() => (opdId ? orgApi.opd(opdId) : Promise.resolve(null)), [opdId]);
  const regions = useLoad(() => orgApi.regions().catch(() => ({ items: [] })), []);

  useEffect(() => {
    const u = existing.data;
    if (u) setValues({ name: u.name, address: u.address ?? '', regionCode: u.regionCode ?? '' });
  }, [existing.data]);
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  const set = (k: keyof UnitInput) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const fields = fieldErrorsOf(error);
  const back = `/organisation/opds/${opdId}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkRequired(t, [['name', values.name, t('web.unit.name')]]);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    try {
      const saved = id ? await orgApi.updateUnit(id, body(values, ['name'], 'update')) : await orgApi.createUnit(opdId, values);
      navigate(back, { state: { flash: t(id ? 'web.unit.saved' : 'web.unit.created', { name: saved.name }) } });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const title = id ? t('web.unit.editTitle') : t('web.unit.createTitle');
  if (id && existing.loading) return <Loading />;
  if (id && existing.error) return <><PageHeader title={title} /><ErrorAlert error={existing.error} /></>;

  return (
    <div className="narrow">
      <PageHeader title={title} lead={opd.data ? t('web.unit.ofOpd', { opd: opd.data.name }) : undefined} back={<Link to={back}>{t('web.unit.backToOpd')}</Link>} />
      <ErrorAlert ref={alertRef} error={error} />
      <form className="form card" onSubmit={submit} noValidate>
        <TextField label={t('web.unit.name')} required maxLength={200} value={values.name} onChange={set('name')} error={fields.name} />
        <TextAreaField label={t('web.unit.address')} rows={2} maxLength={500} value={values.address} onChange={set('address')} error={fields.address} />
        <SelectField label={t('web.opd.region')} value={values.regionCode} onChange={set('regionCode')} error={fields.regionCode}>
          <option value="">{t('web.opd.regionNone')}</option>
          <RegionOptions regions={regions.data?.items ?? []} current={values.regionCode} />
        </SelectField>
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy || !opdId}>{id ? t('web.action.save') : t('web.unit.add')}</button>
          <Link to={back} className="btn btn--plain">{t('web.action.cancel')}</Link>
        </div>
      </form>
    </div>
  );
}

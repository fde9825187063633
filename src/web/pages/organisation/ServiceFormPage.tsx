/** Create a service (jenis layanan) in a unit, or edit one (admin). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { TextAreaField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { body, orgApi, type ServiceInput } from './orgApi.js';

export function ServiceFormPage() {
  const { t } = useI18n();
  const { id, unitId: unitParam } = useParams();
  const navigate = useNavigate();
  const [values, setValues] = useState<ServiceInput>({ name: '', description: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const existing = useLoad(() => (id ? orgApi.service(id) : Promise.resolve(null)), [id]);
  const unitId = unitParam ?? existing.data?.unitId ?? '';
  const unit = useLoad(() => (unitId ? orgApi.unit(unitId) : Promise.resolve(null)), [unitId]);

  useEffect(() => {
    const s = existing.data;
    if (s) setValues({ name: s.name, description: s.description ?? '' });
  }, [existing.data]);
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  const set = (k: keyof ServiceInput) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const fields = fieldErrorsOf(error);
  const back = `/organisation/units/${unitId}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkRequired(t, [['name', values.name, t('web.service.name')]]);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    try {
      const saved = id ? await orgApi.updateService(id, body(values, ['name'], 'update')) : await orgApi.createService(unitId, values);
      navigate(back, { state: { flash: t(id ? 'web.service.saved' : 'web.service.created', { name: saved.name }) } });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const title = id ? t('web.service.editTitle') : t('web.service.createTitle');
  if (id && existing.loading) return <Loading />;
  if (id && existing.error) return <><PageHeader title={title} /><ErrorAlert error={existing.error} /></>;

  return (
    <div className="narrow">
      <PageHeader title={title} lead={unit.data ? t('web.service.ofUnit', { unit: unit.data.name }) : undefined} back={<Link to={back}>{t('web.service.backToUnit')}</Link>} />
      <ErrorAlert ref={alertRef} error={error} />
      <form className="form card" onSubmit={submit} noValidate>
        <TextField label={t('web.service.name')} required maxLength={200} value={values.name} onChange={set('name')} error={fields.name} />
        <TextAreaField label={t('web.service.description')} rows={4} maxLength={2000} value={values.description} onChange={set('description')} error={fields.description} />
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy || !unitId}>{id ? t('web.action.save') : t('web.service.add')}</button>
          <Link to={back} className="btn btn--plain">{t('web.action.cancel')}</Link>
        </div>
      </form>
    </div>
  );
}

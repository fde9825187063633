/** Tenants of the install (superadmin): list, add a regional government by its code, set host names. */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Items, Tenant } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table, type Column } from '../../components/Table.js';
import { HostnamesForm } from './HostnamesForm.js';

const TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export function TenantsPage() {
  const { t } = useI18n();
  const tenants = useLoad(() => api.get<Items<Tenant>>('/tenants'), []);
  const [code, setCode] = useState('');
  const [slug, setSlug] = useState('');
  const [timezone, setTimezone] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Tenant | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorsOf(error);

  const tzLabel = (tz: string) =>
    tz === 'Asia/Jakarta' ? t('web.tz.wib') : tz === 'Asia/Makassar' ? t('web.tz.wita') : tz === 'Asia/Jayapura' ? t('web.tz.wit') : tz;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkRequired(t, [['code', code, t('web.tenant.code')], ['slug', slug, t('web.tenant.slug')]]);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const body: Record<string, string> = { code: code.trim(), slug: slug.trim() };
      if (timezone) body.timezone = timezone;
      setCreated(await api.post<Tenant>('/tenants', body));
      setCode('');
      setSlug('');
      setTimezone('');
      tenants.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const columns: Column<Tenant>[] = [
    { header: t('web.tenant.name'), cell: (x) => <>{x.name}{x.isDemo ? <> <span className="demo-badge">{t('app.demoBadge')}</span></> : null}</> },
    { header: t('web.tenant.code'), cell: (x) => x.code },
    { header: t('web.tenant.level'), cell: (x) => x.level },
    { header: t('web.tenant.timezone'), cell: (x) => tzLabel(x.timezone) },
    { header: t('web.tenant.address'), cell: (x) => <span className="break">/r/{x.slug}/{x.hostnames.length ? ` · ${x.hostnames.join(', ')}` : ''}</span> },
  ];

  return (
    <>
      <PageHeader title={t('web.tenant.title')} lead={t('web.tenant.lead')} />
      <ErrorAlert error={tenants.error} />
      {tenants.data ? <Table caption={t('web.tenant.title')} columns={columns} rows={tenants.data.items} rowKey={(x) => x.id} /> : tenants.error ? null : <Loading />}
      <section aria-labelledby="tenant-new" className="section">
        <h2 id="tenant-new">{t('web.tenant.createTitle')}</h2>
        {created ? <Notice>{t('web.tenant.created', { name: created.name })}</Notice> : null}
        <ErrorAlert error={error} />
        <form className="form card" onSubmit={submit} noValidate>
          <TextField label={t('web.tenant.code')} hint={t('web.tenant.codeHint')} required value={code} onChange={(e) => setCode(e.target.value)} error={fields.code} />
          <TextField label={t('web.tenant.slug')} hint={t('web.tenant.slugHint')} required value={slug} onChange={(e) => setSlug(e.target.value)} error={fields.slug} />
          <SelectField label={t('web.tenant.timezone')} hint={t('web.tenant.timezoneHint')} value={timezone} onChange={(e) => setTimezone(e.target.value)} error={fields.timezone}>
            <option value="">{t('web.tenant.timezoneAuto')}</option>
            {TIMEZONES.map((tz) => <option key={tz} value={tz}>{tzLabel(tz)}</option>)}
          </SelectField>
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" disabled={busy}>{t('web.tenant.create')}</button>
          </div>
        </form>
      </section>
      {tenants.data ? <HostnamesForm tenants={tenants.data.items} onSaved={tenants.reload} /> : null}
    </>
  );
}

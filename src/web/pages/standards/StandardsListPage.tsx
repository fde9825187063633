/**
 * /standar — staff: every service per OPD and unit with the status of its standard, the
 * availability level (0–5, computed by the server), the review date and comments waiting
 * for an answer. The unit's team starts a standard here; the editor is /standar/:id. An
 * admin sets the periodic review interval here too.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { catalogueApi, standardsApi, type StandardListItem } from '../../api/standards.js';
import { useI18n } from '../../app/i18n.js';
import { canWriteUnitsOf, isAdmin } from '../../app/roles.js';
import { useSession } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table } from '../../components/Table.js';
import { LevelBadge } from '../catalogue/SdView.js';

export function StandardsListPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const opdId = params.get('opd') ?? '';
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [error, setError] = useState<unknown>(null);
  const opds = useLoad(() => catalogueApi.opds(), []);
  const list = useLoad(() => standardsApi.list({ opdId: opdId || undefined, q: q || undefined }), [opdId, q]);

  const set = (k: string, v: string) => {
    const p = new URLSearchParams(params);
    v ? p.set(k, v) : p.delete(k);
    setParams(p);
  };
  async function start(serviceId: string) {
    setError(null);
    try {
      const s = await standardsApi.create(serviceId);
      navigate(`/standar/${s.id}`);
    } catch (err) {
      setError(err);
    }
  }
  const due = (s: string | null) => (s ? new Date(s).toLocaleDateString(locale === 'id' ? 'id-ID' : 'en-GB') : '—');
  const items = list.data?.items ?? [];
  const reviewDue = items.filter((i) => i.status === 'under_review').length;

  return (
    <>
      <PageHeader title={t('standards.web.staffTitle')} lead={t('standards.web.staffLead')} actions={<Link className="btn" to="/layanan">{t('standards.web.catalogueTitle')}</Link>} />
      <form className="filters" onSubmit={(e: FormEvent) => { e.preventDefault(); set('q', text.trim()); }}>
        <SelectField label={t('standards.web.opd')} value={opdId} onChange={(e) => set('opd', e.target.value)}>
          <option value="">{t('standards.web.allOpds')}</option>
          {(opds.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </SelectField>
        <TextField label={t('standards.web.search')} type="search" value={text} onChange={(e) => setText(e.target.value)} />
        <div className="form-actions"><button className="btn" type="submit">{t('standards.web.searchButton')}</button></div>
      </form>
      <ErrorAlert error={error ?? list.error} />
      {reviewDue ? <p className="alert alert--info">{t('standards.web.reviewDueNotice', { n: reviewDue })}</p> : null}
      {isAdmin(user) ? <ReviewIntervalPanel /> : null}
      {list.loading && !list.data ? <Loading /> : (
        <Table<StandardListItem>
          caption={t('standards.web.staffTitle')}
          rows={items}
          rowKey={(r) => r.serviceId}
          columns={[
            { header: t('standards.web.service'), cell: (r) => (r.standardId ? <Link to={`/standar/${r.standardId}`}>{r.serviceName}</Link> : r.serviceName) },
            { header: t('standards.web.unit'), cell: (r) => <div>{r.unitName}<br /><span className="small muted">{r.opdName}</span></div> },
            { header: t('standards.web.status'), cell: (r) => (r.status ? `${t(`standards.status.${r.status}` as 'standards.status.draft')} (v${r.version})` : t('standards.status.none')) },
            { header: t('standards.web.level'), cell: (r) => <LevelBadge level={r.level} /> },
            { header: t('standards.web.reviewDue'), cell: (r) => due(r.reviewDueAt) },
            { header: t('standards.web.openComments'), className: 'num', cell: (r) => r.openComments },
            {
              header: t('standards.web.actions'), className: 'actions',
              cell: (r) => (r.standardId ? <Link className="btn btn--small" to={`/standar/${r.standardId}`}>{t('standards.web.open')}</Link>
                : canWriteUnitsOf(user, r.opdId) ? <button type="button" className="btn btn--small" onClick={() => start(r.serviceId)}>{t('standards.web.start')}</button> : null),
            },
          ]}
        />
      )}
    </>
  );
}

/** Admin: how long a published standard stays before its periodic review (PUT /standards/settings). */
function ReviewIntervalPanel() {
  const { t } = useI18n();
  const current = useLoad(() => standardsApi.settings(), []);
  const [months, setMonths] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const shown = months || (current.data ? String(current.data.reviewIntervalMonths) : '');
  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const r = await standardsApi.saveSettings({ reviewIntervalMonths: Number(shown) });
      setSaved(r.reviewIntervalMonths);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section className="card" aria-labelledby="review-settings-title">
      <h2 id="review-settings-title">{t('standards.web.reviewSettingsTitle')}</h2>
      <p className="small muted">{t('standards.web.reviewSettingsLead')}</p>
      <form className="filters" onSubmit={save}>
        <TextField label={t('standards.web.reviewInterval')} type="number" min={1} max={60} step={1} required value={shown} onChange={(e) => setMonths(e.target.value)} />
        <div className="form-actions"><button className="btn" type="submit" disabled={!current.data}>{t('standards.web.saveSettings')}</button></div>
      </form>
      <ErrorAlert error={error ?? current.error} />
      {saved !== null ? <p role="status" className="alert alert--ok">{t('standards.web.settingsSaved', { months: saved })}</p> : null}
    </section>
  );
}

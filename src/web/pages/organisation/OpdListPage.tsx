/** The OPDs of the tenant: everyone on staff can read the list; an admin manages it. */
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { Opd } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { isAdmin } from '../../app/roles.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice } from '../../components/Alert.js';
import { CheckboxField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { StatusBadge, Table, type Column } from '../../components/Table.js';
import { orgApi } from './orgApi.js';
import { ActiveToggle, opdTypeLabel } from './shared.js';

export function OpdListPage() {
  const { t } = useI18n();
  const admin = isAdmin(useUser());
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const [includeInactive, setIncludeInactive] = useState(false);
  const [q, setQ] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const { data, error, loading, reload } = useLoad(() => orgApi.opds(includeInactive), [includeInactive]);

  const needle = q.trim().toLowerCase();
  const rows = (data?.items ?? []).filter((o) => !needle || `${o.name} ${o.shortName}`.toLowerCase().includes(needle));

  const columns: Column<Opd>[] = [
    { header: t('web.opd.name'), cell: (o) => <Link to={`/organisation/opds/${o.id}`}>{o.name}</Link> },
    { header: t('web.opd.shortName'), cell: (o) => o.shortName },
    { header: t('web.opd.type'), cell: (o) => opdTypeLabel(o.type, t) },
    { header: t('web.opd.head'), cell: (o) => (o.headName ? `${o.headName}${o.headTitle ? ` (${o.headTitle})` : ''}` : '—') },
    { header: t('web.status'), cell: (o) => <StatusBadge active={o.isActive} /> },
  ];
  if (admin) {
    columns.push({
      header: t('web.actions'),
      className: 'actions',
      cell: (o) => (
        <>
          <Link className="btn btn--small" to={`/organisation/opds/${o.id}/edit`} aria-label={t('web.action.editNamed', { name: o.shortName })}>{t('web.action.edit')}</Link>
          <ActiveToggle active={o.isActive} name={o.shortName} onToggle={(isActive) => orgApi.updateOpd(o.id, { isActive })} onDone={reload} onError={setActionError} />
        </>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('web.opd.listTitle')}
        lead={t('web.opd.listLead')}
        actions={admin ? (
          <>
            <Link className="btn btn--primary" to="/organisation/opds/new">{t('web.opd.add')}</Link>
            <Link className="btn" to="/organisation/import">{t('web.import.title')}</Link>
          </>
        ) : undefined}
      />
      {flash ? <Notice>{flash}</Notice> : null}
      <ErrorAlert error={actionError} />
      <div className="filters" role="search" aria-label={t('web.filter.label')}>
        <TextField label={t('web.filter.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <CheckboxField label={t('web.filter.includeInactive')} checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
      </div>
      {loading && !data ? <Loading /> : null}
      <ErrorAlert error={error} />
      {data ? (
        <>
          <p className="muted" aria-live="polite">{t('web.opd.count', { count: rows.length })}</p>
          <Table caption={t('web.opd.listTitle')} columns={columns} rows={rows} rowKey={(o) => o.id} />
        </>
      ) : null}
    </>
  );
}

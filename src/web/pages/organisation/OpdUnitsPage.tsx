/** One OPD and its service units (unit layanan). */
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { Unit } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { canWriteUnitsOf, isAdmin } from '../../app/roles.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice } from '../../components/Alert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { StatusBadge, Table, type Column } from '../../components/Table.js';
import { orgApi } from './orgApi.js';
import { ActiveToggle, opdTypeLabel } from './shared.js';

export function OpdUnitsPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const user = useUser();
  const admin = isAdmin(user);
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const [actionError, setActionError] = useState<unknown>(null);
  const opd = useLoad(() => orgApi.opd(id), [id]);
  const units = useLoad(() => orgApi.units(id, canWriteUnitsOf(user, id)), [id]);

  if (opd.loading && !opd.data) return <Loading />;
  if (!opd.data) return <><PageHeader title={t('web.opd.detailTitle')} /><ErrorAlert error={opd.error} /></>;
  const o = opd.data;
  const writer = canWriteUnitsOf(user, o.id);

  const columns: Column<Unit>[] = [
    { header: t('web.unit.name'), cell: (u) => <Link to={`/organisation/units/${u.id}`}>{u.name}</Link> },
    { header: t('web.unit.address'), cell: (u) => u.address ?? '—' },
    { header: t('web.status'), cell: (u) => <StatusBadge active={u.isActive} /> },
  ];
  if (writer) {
    columns.push({
      header: t('web.actions'),
      className: 'actions',
      cell: (u) => (
        <>
          <Link className="btn btn--small" to={`/organisation/units/${u.id}/edit`} aria-label={t('web.action.editNamed', { name: u.name })}>{t('web.action.edit')}</Link>
          <ActiveToggle active={u.isActive} name={u.name} onToggle={(isActive) => orgApi.updateUnit(u.id, { isActive })} onDone={units.reload} onError={setActionError} />
        </>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={o.name}
        back={<Link to="/organisation">{t('web.opd.backToList')}</Link>}
        actions={admin ? <Link className="btn" to={`/organisation/opds/${o.id}/edit`}>{t('web.opd.edit')}</Link> : undefined}
      />
      {flash ? <Notice>{flash}</Notice> : null}
      <dl className="facts">
        <div><dt>{t('web.opd.shortName')}</dt><dd>{o.shortName}</dd></div>
        <div><dt>{t('web.opd.type')}</dt><dd>{opdTypeLabel(o.type, t)}</dd></div>
        <div><dt>{t('web.opd.head')}</dt><dd>{o.headName ? `${o.headName}${o.headTitle ? ` (${o.headTitle})` : ''}` : '—'}</dd></div>
        <div><dt>{t('web.opd.region')}</dt><dd>{o.regionCode ?? '—'}</dd></div>
        <div><dt>{t('web.status')}</dt><dd><StatusBadge active={o.isActive} /></dd></div>
      </dl>
      <section aria-labelledby="units-heading" className="section">
        <div className="page-header-row">
          <h2 id="units-heading">{t('web.unit.listTitle')}</h2>
          {writer ? <Link className="btn btn--primary" to={`/organisation/opds/${o.id}/units/new`}>{t('web.unit.add')}</Link> : null}
        </div>
        <ErrorAlert error={actionError} />
        <ErrorAlert error={units.error} />
        {units.data ? <Table caption={t('web.unit.listCaption', { opd: o.name })} columns={columns} rows={units.data.items} rowKey={(u) => u.id} empty={t('web.unit.empty')} /> : units.error ? null : <Loading />}
      </section>
    </>
  );
}

/** One service unit and its service catalogue (jenis layanan). */
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { Service } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { canWriteUnitsOf } from '../../app/roles.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice } from '../../components/Alert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { StatusBadge, Table, type Column } from '../../components/Table.js';
import { orgApi } from './orgApi.js';
import { ActiveToggle } from './shared.js';

export function UnitServicesPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const user = useUser();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const [actionError, setActionError] = useState<unknown>(null);
  const unit = useLoad(() => orgApi.unit(id), [id]);
  const services = useLoad(() => orgApi.services(id, true), [id]);

  if (unit.loading && !unit.data) return <Loading />;
  if (!unit.data) return <><PageHeader title={t('web.unit.detailTitle')} /><ErrorAlert error={unit.error} /></>;
  const u = unit.data;
  const writer = canWriteUnitsOf(user, u.opdId);

  const columns: Column<Service>[] = [
    { header: t('web.service.name'), cell: (s) => s.name },
    { header: t('web.service.description'), cell: (s) => s.description ?? '—' },
    { header: t('web.status'), cell: (s) => <StatusBadge active={s.isActive} /> },
  ];
  if (writer) {
    columns.push({
      header: t('web.actions'),
      className: 'actions',
      cell: (s) => (
        <>
          <Link className="btn btn--small" to={`/organisation/services/${s.id}/edit`} aria-label={t('web.action.editNamed', { name: s.name })}>{t('web.action.edit')}</Link>
          <ActiveToggle active={s.isActive} name={s.name} onToggle={(isActive) => orgApi.updateService(s.id, { isActive })} onDone={services.reload} onError={setActionError} />
        </>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={u.name}
        lead={u.opdName}
        back={<Link to={`/organisation/opds/${u.opdId}`}>{t('web.unit.backToOpd')}</Link>}
        actions={writer ? <Link className="btn" to={`/organisation/units/${u.id}/edit`}>{t('web.unit.edit')}</Link> : undefined}
      />
      {flash ? <Notice>{flash}</Notice> : null}
      <dl className="facts">
        <div><dt>{t('web.unit.address')}</dt><dd>{u.address ?? '—'}</dd></div>
        <div><dt>{t('web.opd.region')}</dt><dd>{u.regionCode ?? '—'}</dd></div>
        <div><dt>{t('web.status')}</dt><dd><StatusBadge active={u.isActive} /></dd></div>
      </dl>
      <section aria-labelledby="services-heading" className="section">
        <div className="page-header-row">
          <h2 id="services-heading">{t('web.service.listTitle')}</h2>
          {writer ? <Link className="btn btn--primary" to={`/organisation/units/${u.id}/services/new`}>{t('web.service.add')}</Link> : null}
        </div>
        <ErrorAlert error={actionError} />
        <ErrorAlert error={services.error} />
        {services.data ? <Table caption={t('web.service.listCaption', { unit: u.name })} columns={columns} rows={services.data.items} rowKey={(s) => s.id} empty={t('web.service.empty')} /> : services.error ? null : <Loading />}
      </section>
    </>
  );
}

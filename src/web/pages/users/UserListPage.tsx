/** Users of the tenant (admin): search, filter by role or OPD, deactivate. */
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { ROLES, type User } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { formatDateTime } from '../../app/format.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table, type Column } from '../../components/Table.js';
import { orgApi } from '../organisation/orgApi.js';
import { ActiveToggle } from '../organisation/shared.js';
import { roleLabel } from './roleLabel.js';
import { usersApi } from './usersApi.js';

export function UserListPage() {
  const { t, locale } = useI18n();
  const me = useUser();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [opdId, setOpdId] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const opds = useLoad(() => orgApi.opds(), []);
  const users = useLoad(() => usersApi.list({ q: q.trim() || undefined, role: role || undefined, opdId: opdId || undefined }), [q, role, opdId]);

  const status = (u: User) => {
    if (!u.isActive) return <span className="badge badge--muted">{t('web.status.inactive')}</span>;
    if (u.lockedUntil && new Date(u.lockedUntil) > new Date()) return <span className="badge badge--warn">{t('web.user.locked')}</span>;
    return <span className="badge badge--ok">{t('web.status.active')}</span>;
  };

  const columns: Column<User>[] = [
    { header: t('web.user.name'), cell: (u) => <Link to={`/users/${u.id}`}>{u.name}</Link> },
    { header: t('web.user.email'), cell: (u) => <span className="break">{u.email}</span> },
    { header: t('web.user.roles'), cell: (u) => u.roles.map((g) => roleLabel(g.role, t) + (g.opdName ? ` (${g.opdName})` : '')).join(', ') || '—' },
    { header: t('web.user.lastLogin'), cell: (u) => formatDateTime(u.lastLoginAt, locale, me.tenant.timezone) },
    { header: t('web.status'), cell: status },
    {
      header: t('web.actions'),
      className: 'actions',
      cell: (u) => (u.id === me.id ? null : <ActiveToggle active={u.isActive} name={u.name} onToggle={(isActive) => usersApi.update(u.id, { isActive })} onDone={users.reload} onError={setActionError} />),
    },
  ];

  return (
    <>
      <PageHeader title={t('web.user.listTitle')} actions={<Link className="btn btn--primary" to="/users/new">{t('web.user.add')}</Link>} />
      {flash ? <Notice>{flash}</Notice> : null}
      <ErrorAlert error={actionError} />
      <div className="filters" role="search" aria-label={t('web.filter.label')}>
        <TextField label={t('web.filter.search')} hint={t('web.user.searchHint')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <SelectField label={t('web.user.role')} value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="">{t('web.filter.all')}</option>
          {ROLES.map((r) => <option key={r} value={r}>{roleLabel(r, t)}</option>)}
        </SelectField>
        <SelectField label={t('web.user.opd')} value={opdId} onChange={(e) => setOpdId(e.target.value)}>
          <option value="">{t('web.filter.all')}</option>
          {(opds.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </SelectField>
      </div>
      <ErrorAlert error={users.error} />
      {users.data ? (
        <>
          <p className="muted" aria-live="polite">{t('web.user.count', { count: users.data.items.length })}</p>
          <Table caption={t('web.user.listTitle')} columns={columns} rows={users.data.items} rowKey={(u) => u.id} />
        </>
      ) : users.error ? null : <Loading />}
    </>
  );
}

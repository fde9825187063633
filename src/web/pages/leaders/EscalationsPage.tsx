/** Leaders (Sekda, Bupati): cases escalated past the OPD, most escalated and oldest first. */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { categoryNameOf, complaintsApi, type InboxItem } from '../../api/complaints.js';
import { useI18n } from '../../app/i18n.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table, type Column } from '../../components/Table.js';
import { ComplaintStatusBadge, DueLine } from '../case/parts.js';

export function EscalationsPage() {
  const { t } = useI18n();
  const user = useUser();
  const list = useLoad(() => complaintsApi.escalations(), []);
  const [more, setMore] = useState<InboxItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => setCursor(list.data?.nextCursor ?? null), [list.data]);
  async function loadMore() {
    if (!cursor) return;
    try {
      const page = await complaintsApi.escalations(cursor);
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor ?? null);
    } catch (err) {
      setMoreError(err);
    }
  }
  const columns: Column<InboxItem>[] = [
    { header: t('web.complaint.code'), cell: (c) => <Link to={`/pengaduan/${c.id}`} className="mono">{c.trackingCode}</Link> },
    { header: t('web.complaint.titleLabel'), cell: (c) => <span className="break">{c.title}</span> },
    { header: t('web.leaders.level'), cell: (c) => t(`web.leaders.level.${Math.min(Math.max(c.escalationLevel ?? 1, 1), 3)}` as 'web.leaders.level.1') },
    { header: t('web.complaint.opd'), cell: (c) => c.opdName ?? '—' },
    { header: t('web.complaint.category'), cell: (c) => categoryNameOf(c) ?? '—' },
    { header: t('web.status'), cell: (c) => <ComplaintStatusBadge status={c.status} /> },
    { header: t('web.complaint.due'), cell: (c) => <DueLine dueAt={c.dueAt} stage={c.dueStage} timeZone={user.tenant.timezone} /> },
  ];
  return (
    <>
      <PageHeader title={t('web.leaders.title')} lead={t('web.leaders.lead')} />
      <ErrorAlert error={list.error} />
      {list.data ? (
        <>
          <Table caption={t('web.leaders.title')} columns={columns} rows={[...list.data.items, ...more]} rowKey={(c) => c.id} empty={t('web.leaders.empty')} />
          <ErrorAlert error={moreError} />
          {cursor ? <div className="pager"><button type="button" className="btn" onClick={() => void loadMore()}>{t('web.inbox.more')}</button></div> : null}
        </>
      ) : list.error ? null : <Loading />}
    </>
  );
}

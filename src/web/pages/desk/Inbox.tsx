/**
 * A complaints inbox (GET /complaints): views by deadline (new, due soon, overdue,
 * escalated, all), Indonesian full-text search and filters, all kept in the URL so a
 * case opened from the list comes back to the same list. The desk and each OPD use it
 * with their own views; the server decides which cases each may see.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { STATUSES, categoryNameOf, complaintsApi, type InboxItem, type InboxPage, type InboxView } from '../../api/complaints.js';
import type { Items, Opd, Region } from '../../api/types.js';
import { formatDateTime } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { Table, type Column } from '../../components/Table.js';
import { orgApi } from '../organisation/orgApi.js';
import { ComplaintStatusBadge, DueLine } from '../case/parts.js';

const FILTERS = ['q', 'status', 'categoryId', 'regionCode', 'opdId', 'from', 'to'] as const;

export function Inbox({ views, showOpdFilter, caption }: { views: InboxView[]; showOpdFilter: boolean; caption: string }) {
  const { t, locale } = useI18n();
  const user = useUser();
  const tz = user.tenant.timezone;
  const [params, setParams] = useSearchParams();
  const view = (views.includes(params.get('view') as InboxView) ? params.get('view') : views[0]) as InboxView;
  const query: Record<string, string | undefined> = { view };
  for (const f of FILTERS) query[f] = params.get(f) || undefined;
  const [q, setQ] = useState(params.get('q') ?? '');
  const [more, setMore] = useState<InboxItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const key = params.toString();
  const list = useLoad<InboxPage>(() => complaintsApi.inbox(query), [key]);
  useEffect(() => {
    setMore([]);
    setCursor(list.data?.nextCursor ?? null);
  }, [list.data]);

  const categories = useLoad<Items<{ id: string; name: string }>>(() => complaintsApi.staffCategories().catch(() => complaintsApi.categories()), []);
  const kecamatan = useLoad<Items<Region>>(() => complaintsApi.kecamatan(), []);
  const opds = useLoad<Items<Opd> | null>(() => (showOpdFilter ? orgApi.opds() : Promise.resolve(null)), [showOpdFilter]);

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }
  function search(e: FormEvent) {
    e.preventDefault();
    setParam('q', q.trim());
  }
  async function loadMore() {
    if (!cursor) return;
    setMoreError(null);
    try {
      const page = await complaintsApi.inbox({ ...query, cursor });
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor ?? null);
    } catch (err) {
      setMoreError(err);
    }
  }

  const columns: Column<InboxItem>[] = [
    { header: t('web.complaint.code'), cell: (c) => <Link to={`/pengaduan/${c.id}`} className="mono">{c.trackingCode}</Link> },
    { header: t('web.complaint.titleLabel'), cell: (c) => <span className="break">{c.title}</span> },
    { header: t('web.status'), cell: (c) => <ComplaintStatusBadge status={c.status} /> },
    { header: t('web.complaint.category'), cell: (c) => categoryNameOf(c) ?? '—' },
    { header: t('web.complaint.region'), cell: (c) => c.regionName ?? '—' },
    ...(showOpdFilter ? [{ header: t('web.complaint.opd'), cell: (c: InboxItem) => c.opdName ?? '—' }] : []),
    { header: t('web.complaint.due'), cell: (c) => <DueLine dueAt={c.dueAt} stage={c.dueStage} timeZone={tz} /> },
    { header: t('web.complaint.filedAt'), cell: (c) => formatDateTime(c.receivedAt ?? c.createdAt, locale, tz) },
  ];
  const rows = [...(list.data?.items ?? []), ...more];

  return (
    <>
      <nav className="views" aria-label={t('web.inbox.views')}>
        <ul>
          {views.map((v) => (
            <li key={v}>
              <Link to={`?view=${v}`} aria-current={v === view ? 'page' : undefined} className={v === view ? 'view view--current' : 'view'}>
                {t(`web.inbox.view.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="search-row" role="search" aria-label={t('web.inbox.searchLabel')} onSubmit={search}>
        <TextField label={t('web.filter.search')} hint={t('web.inbox.searchHint')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="btn">{t('web.filter.search')}</button>
      </form>
      <details className="filters-box" open={FILTERS.some((f) => f !== 'q' && params.get(f)) || undefined}>
        <summary>{t('web.inbox.filters')}</summary>
        <div className="filters">
          <SelectField label={t('web.status')} value={params.get('status') ?? ''} onChange={(e) => setParam('status', e.target.value)}>
            <option value="">{t('web.filter.all')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`web.complaint.status.${s}`)}</option>)}
          </SelectField>
          <SelectField label={t('web.complaint.category')} value={params.get('categoryId') ?? ''} onChange={(e) => setParam('categoryId', e.target.value)}>
            <option value="">{t('web.filter.all')}</option>
            {(categories.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </SelectField>
          <SelectField label={t('web.report.kecamatan')} value={params.get('regionCode') ?? ''} onChange={(e) => setParam('regionCode', e.target.value)}>
            <option value="">{t('web.filter.all')}</option>
            {(kecamatan.data?.items ?? []).map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
          </SelectField>
          {showOpdFilter ? (
            <SelectField label={t('web.complaint.opd')} value={params.get('opdId') ?? ''} onChange={(e) => setParam('opdId', e.target.value)}>
              <option value="">{t('web.filter.all')}</option>
              {(opds.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </SelectField>
          ) : null}
          <TextField label={t('web.inbox.from')} type="date" value={params.get('from') ?? ''} onChange={(e) => setParam('from', e.target.value)} />
          <TextField label={t('web.inbox.to')} type="date" value={params.get('to') ?? ''} onChange={(e) => setParam('to', e.target.value)} />
          <div className="form-actions">
            <Link className="btn btn--plain" to={`?view=${view}`} onClick={() => setQ('')}>{t('web.filter.reset')}</Link>
          </div>
        </div>
      </details>
      <ErrorAlert error={list.error} />
      {list.data ? (
        <>
          <p className="muted" aria-live="polite">{t('web.inbox.count', { count: rows.length })}{cursor ? '+' : ''}</p>
          <Table caption={caption} columns={columns} rows={rows} rowKey={(c) => c.id} empty={t('web.inbox.empty')} />
          <ErrorAlert error={moreError} />
          {cursor ? (
            <div className="pager">
              <button type="button" className="btn" onClick={() => void loadMore()}>{t('web.inbox.more')}</button>
            </div>
          ) : null}
        </>
      ) : list.error ? null : <Loading />}
    </>
  );
}

/**
 * /skm/ditandai — answers flagged as suspicious repeats or bursts (issue #4). They are
 * stored and counted until someone excludes them, with a reason (audited); an exclusion
 * can be undone. Filter by period (?period=) or unit (?unit=).
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { skmApi, type ResponseItem } from '../../api/skm.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { CheckboxField, SelectField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table } from '../../components/Table.js';
import { orgApi } from '../organisation/orgApi.js';
import { localeTag } from './format.js';

function ExcludeForm({ item, when, onDone, onError }: { item: ResponseItem; when: string; onDone(): void; onError(e: unknown): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  async function run(fn: () => Promise<unknown>) {
    setBusy(true);
    try {
      await fn();
      onDone();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }
  if (item.excluded) {
    return <button type="button" className="btn btn--small" disabled={busy} aria-label={t('skmWeb.flagged.restoreNamed', { when })} onClick={() => void run(() => skmApi.restore(item.id))}>{t('skmWeb.flagged.restore')}</button>;
  }
  if (!open) {
    return <button type="button" className="btn btn--small btn--danger-outline" aria-label={t('skmWeb.flagged.excludeNamed', { when })} onClick={() => setOpen(true)}>{t('skmWeb.flagged.exclude')}</button>;
  }
  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); void run(() => skmApi.exclude(item.id, reason.trim())); }} noValidate>
      <label className="field">
        <span className="label">{t('skmWeb.flagged.excludeReason')}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} autoFocus />
      </label>
      <span className="cell-actions">
        <button type="submit" className="btn btn--small btn--danger" disabled={busy}>{t('skmWeb.flagged.exclude')}</button>
        <button type="button" className="btn btn--small btn--plain" onClick={() => setOpen(false)}>{t('web.action.cancel')}</button>
      </span>
    </form>
  );
}

export function FlaggedPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const periodId = params.get('period') ?? undefined;
  const unitId = params.get('unit') ?? undefined;
  const [all, setAll] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const units = useLoad(() => orgApi.units(), []);
  const list = useLoad(() => skmApi.responses({ periodId, unitId, status: all ? 'all' : 'flagged' }), [periodId, unitId, all]);
  const when = (iso: string) => new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  return (
    <>
      <PageHeader title={t('skmWeb.flagged.title')} lead={t('skmWeb.flagged.lead')} back={<Link to={periodId ? `/skm/periode/${periodId}` : '/skm'}>{t(periodId ? 'skmWeb.period' : 'skmWeb.home.title')}</Link>} />
      <div className="filters" role="search" aria-label={t('web.filter.label')}>
        {!periodId ? (
          <SelectField label={t('skmWeb.unit')} value={unitId ?? ''} onChange={(e) => setParams(e.target.value ? { unit: e.target.value } : {}, { replace: true })}>
            <option value="">{t('skmWeb.allUnits')}</option>
            {(units.data?.items ?? []).map((u) => <option key={u.id} value={u.id}>{u.name} — {u.opdName}</option>)}
          </SelectField>
        ) : null}
        <CheckboxField label={t('skmWeb.flagged.includeExcluded')} checked={all} onChange={(e) => setAll(e.target.checked)} />
      </div>
      <ErrorAlert error={actionError} />
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {list.data ? (
        <Table
          caption={t('skmWeb.flagged.title')}
          columns={[
            { header: t('skmWeb.flagged.when'), cell: (r: ResponseItem) => <>{when(r.answeredAt)}{r.counterCode ? <><br /><span className="muted small">{r.counterCode} · {r.source}</span></> : null}</> },
            { header: t('skmWeb.flagged.why'), cell: (r: ResponseItem) => (r.flagReason ? t(`skmWeb.flagged.reason.${r.flagReason}`) : '—') },
            { header: t('skmWeb.flagged.answers'), cell: (r: ResponseItem) => <span className="mono small">{Object.entries(r.answers).map(([k, v]) => `${k}=${v}`).join(' ')}</span> },
            {
              header: t('skmWeb.flagged.state'),
              cell: (r: ResponseItem) => (r.excluded
                ? <span className="badge badge--muted">{t('skmWeb.flagged.excludedBecause', { reason: r.excludedReason ?? '' })}</span>
                : <span className="badge badge--warn">{t('skmWeb.flagged.counted')}</span>),
            },
            {
              header: t('web.actions'),
              className: 'actions',
              cell: (r: ResponseItem) => <ExcludeForm item={r} when={when(r.answeredAt)} onDone={() => { setActionError(null); list.reload(); }} onError={setActionError} />,
            },
          ]}
          rows={list.data.items}
          rowKey={(r) => r.id}
          empty={t('skmWeb.flagged.empty')}
        />
      ) : null}
    </>
  );
}

/**
 * The audit trail (admin, inspektorat): filter, page back through history, and verify the
 * hash chain. Paging uses the server's cursor (`before`); earlier cursors are kept so the
 * user can step forward again.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { AuditEntry, AuditPage as Page, AuditVerify } from '../../api/types.js';
import { formatDateTime } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table, type Column } from '../../components/Table.js';

const PAGE_SIZE = 50;
const FILTERS = ['entityType', 'entityId', 'actorId', 'action'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const NO_FILTERS: Filters = { entityType: '', entityId: '', actorId: '', action: '' };

export function AuditPage() {
  const { t, locale } = useI18n();
  const tz = useUser().tenant.timezone;
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  /** Cursors of the pages before the current one; the last is the current page's cursor. */
  const [cursors, setCursors] = useState<number[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => api.get<Page>('/audit', { ...filters, before: cursor, limit: PAGE_SIZE }), [filters, cursor]);
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);

  function apply(e: FormEvent) {
    e.preventDefault();
    setCursors([]);
    setFilters({ ...draft });
  }

  async function runVerify() {
    setVerifying(true);
    setVerify(null);
    setVerifyError(null);
    try {
      setVerify(await api.get<AuditVerify>('/audit/verify'));
    } catch (err) {
      setVerifyError(err);
    } finally {
      setVerifying(false);
    }
  }

  const label: Record<keyof Filters, string> = {
    entityType: t('web.audit.entityType'),
    entityId: t('web.audit.entityId'),
    actorId: t('web.audit.actorId'),
    action: t('web.audit.action'),
  };

  const columns: Column<AuditEntry>[] = [
    { header: t('web.audit.at'), cell: (a) => formatDateTime(a.at, locale, tz) },
    { header: t('web.audit.actor'), cell: (a) => a.actorLabel ?? a.actorId ?? t('web.audit.system') },
    { header: t('web.audit.action'), cell: (a) => <code>{a.action}</code> },
    { header: t('web.audit.entity'), cell: (a) => <span className="break">{a.entityType}{a.entityId ? ` · ${a.entityId}` : ''}</span> },
    { header: t('web.audit.chain'), cell: (a) => (a.sealed ? t('web.audit.sealedAt', { pos: a.chainPos ?? '' }) : t('web.audit.unsealed')) },
    {
      header: t('web.audit.change'),
      cell: (a) => (
        <details>
          <summary>{t('web.audit.show')}</summary>
          <p className="small muted break">{t('web.audit.requestId')}: {a.requestId ?? '—'}</p>
          <p className="small"><strong>{t('web.audit.before')}</strong></p>
          <pre className="json">{JSON.stringify(a.before, null, 1)}</pre>
          <p className="small"><strong>{t('web.audit.after')}</strong></p>
          <pre className="json">{JSON.stringify(a.after, null, 1)}</pre>
        </details>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('web.audit.title')} lead={t('web.audit.lead')} />
      <section aria-labelledby="audit-verify" className="section card">
        <h2 id="audit-verify">{t('web.audit.verifyTitle')}</h2>
        <p>{t('web.audit.verifyLead')}</p>
        <button type="button" className="btn btn--primary" onClick={runVerify} disabled={verifying}>
          {verifying ? t('web.audit.verifying') : t('web.audit.verify')}
        </button>
        <div aria-live="polite">
          {verify ? (
            verify.ok ? (
              <p className="alert alert--ok">{t('web.audit.verifyOk', { checked: verify.checked, unsealed: verify.unsealed })}</p>
            ) : (
              <div className="alert alert--error">
                <p className="alert-title">{t('web.audit.verifyBroken')}</p>
                {verify.problem ? <p>{t('web.audit.verifyProblem', { pos: verify.problem.chainPos, id: verify.problem.id ?? '—', kind: verify.problem.kind })}</p> : null}
                {verify.problem?.message ? <p>{verify.problem.message}</p> : null}
              </div>
            )
          ) : null}
        </div>
        <ErrorAlert error={verifyError} />
      </section>

      <form className="filters" role="search" aria-label={t('web.filter.label')} onSubmit={apply} noValidate>
        {FILTERS.map((f) => (
          <TextField key={f} label={label[f]} value={draft[f]} onChange={(e) => setDraft((d) => ({ ...d, [f]: e.target.value }))} />
        ))}
        <div className="form-actions">
          <button type="submit" className="btn">{t('web.filter.apply')}</button>
          <button type="button" className="btn btn--plain" onClick={() => { setDraft(NO_FILTERS); setFilters(NO_FILTERS); setCursors([]); }}>{t('web.filter.reset')}</button>
        </div>
      </form>

      <ErrorAlert error={page.error} />
      {page.loading && !page.data ? <Loading /> : null}
      {page.data ? (
        <>
          <Table caption={t('web.audit.title')} columns={columns} rows={page.data.items} rowKey={(a) => String(a.id)} empty={t('web.audit.empty')} />
          <nav className="pager" aria-label={t('web.pager.label')}>
            <button type="button" className="btn" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('web.pager.newer')}</button>
            <span className="muted">{t('web.pager.page', { page: cursors.length + 1 })}</span>
            <button type="button" className="btn" disabled={!page.data.nextCursor} onClick={() => setCursors((c) => [...c, page.data!.nextCursor!])}>{t('web.pager.older')}</button>
          </nav>
        </>
      ) : null}
    </>
  );
}

/**
 * /lacak and /lacak/:code — anyone holding a tracking code follows the report: status,
 * the public timeline, the deadline now running, how many citizens reported it. The
 * reporter — who holds the reporter key (kept on this phone, or read from the '#kunci=' of
 * a message link) or is signed in with the account they reported with — also confirms and
 * rates it or disputes it when the OPD marks it resolved, adds information when the desk
 * holds it, and follows it even when it is rahasia (ADR 0027).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError, apiUrl } from '../../api/client.js';
import { complaintsApi, eventsOf, type PublicComplaint } from '../../api/complaints.js';
import { formatDateTime } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ComplaintStatusBadge, CompletionFact, DueLine, Timeline } from '../case/parts.js';
import { useCategoryName, useRegionLabel, useTenantTimeZone } from '../case/names.js';
import { keyFromHash, myReports, rememberReporterKey, reporterKeyOf } from '../report/my-reports.js';
import { CitizenActions } from './CitizenActions.js';

function LookupForm({ initial }: { initial?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState(initial ?? '');
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    if (!c) return setError(t('validation.required', { field: t('web.track.code') }));
    setError(null);
    if (key.trim()) rememberReporterKey(c, key.trim().toUpperCase());
    navigate(`/lacak/${encodeURIComponent(c)}`);
  }
  return (
    <form className="form card" onSubmit={submit} noValidate role="search" aria-label={t('web.track.lookup')}>
      <TextField label={t('web.track.code')} hint={t('web.track.codeHint')} autoComplete="off" autoCapitalize="characters" spellCheck={false} required value={code} error={error} onChange={(e) => setCode(e.target.value)} />
      <TextField label={t('web.track.key')} hint={t('web.track.keyLookupHint')} autoComplete="off" autoCapitalize="characters" spellCheck={false} value={key} onChange={(e) => setKey(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary">{t('web.track.find')}</button>
      </div>
    </form>
  );
}

/** Recent public reports (never rahasia, never personal data): what others are reporting. */
function RecentReports() {
  const { t, locale } = useI18n();
  const tz = useTenantTimeZone();
  const recent = useLoad(() => complaintsApi.recent(10), []);
  if (!recent.data || recent.data.items.length === 0) return null;
  return (
    <section className="section" aria-labelledby="recent">
      <h2 id="recent">{t('web.track.recent')}</h2>
      <ul className="plain-list recent-list">
        {recent.data.items.map((r) => (
          <li key={r.trackingCode}>
            <Link to={`/lacak/${encodeURIComponent(r.trackingCode)}`}>{r.title}</Link>{' '}
            <ComplaintStatusBadge status={r.status} />
            <span className="small muted"> · {formatDateTime(r.receivedAt, locale, tz)}{(r.reporterCount ?? 1) > 1 ? ` · ${t('web.track.reportersCount', { count: r.reporterCount ?? 1 })}` : ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TrackLookupPage() {
  const { t, locale } = useI18n();
  const mine = myReports();
  return (
    <div className="narrow">
      <PageHeader title={t('web.track.title')} lead={t('web.track.lead')} />
      <LookupForm />
      {mine.length ? (
        <section className="section" aria-labelledby="mine">
          <h2 id="mine">{t('web.track.mine')}</h2>
          <ul className="plain-list">
            {mine.map((r) => (
              <li key={r.code}>
                <Link to={`/lacak/${encodeURIComponent(r.code)}`} className="mono">{r.code}</Link> — {r.title} <span className="muted small">({formatDateTime(r.at, locale)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="section"><Link to="/lapor">{t('web.track.fileNew')}</Link></p>
      <RecentReports />
    </div>
  );
}

export function TrackPage() {
  const { t, locale } = useI18n();
  const { code = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const canonical = code.trim().toUpperCase();
  // A message link carries the key after '#': it is used at once, kept on this phone, and
  // taken out of the address bar (and the browser history) right away.
  const [key, setKey] = useState<string | null>(() => keyFromHash(location.hash) ?? reporterKeyOf(canonical) ?? null);
  useEffect(() => {
    const fromLink = keyFromHash(location.hash);
    if (!fromLink) return;
    rememberReporterKey(canonical, fromLink);
    setKey(fromLink);
    navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [location.hash, location.pathname, location.search, canonical, navigate]);
  const report = useLoad(() => complaintsApi.track(code, key), [code, key]);
  const takeKey = (k: string) => {
    rememberReporterKey(canonical, k, report.data?.title ?? '');
    setKey(k);
  };
  const notFound = report.error instanceof ApiError && report.error.status === 404;
  const categoryName = useCategoryName(report.data?.categoryId, report.data?.categoryName);
  const regionLabel = useRegionLabel(report.data?.regionCode, report.data?.regionName);
  const tz = useTenantTimeZone();

  if (report.loading && !report.data) return <Loading />;
  if (report.error || !report.data) {
    return (
      <div className="narrow">
        <PageHeader title={t('web.track.title')} />
        {notFound ? (
          <div className="alert alert--error" role="alert">
            <p>{t('web.track.notFound', { code })}</p>
            <p>{t('web.track.notFoundKey')}</p>
          </div>
        ) : (
          <ErrorAlert error={report.error} />
        )}
        <LookupForm initial={code} />
      </div>
    );
  }
  const c: PublicComplaint = report.data;
  const filedAt = c.receivedAt ?? c.createdAt;
  const open = !['closed', 'rejected', 'archived', 'merged'].includes(c.status);
  return (
    <div className="narrow">
      <PageHeader title={t('web.track.reportTitle', { code: c.trackingCode })} back={<Link to="/lacak">{t('web.track.title')}</Link>} />
      <section className="card" aria-labelledby="track-summary">
        <h2 id="track-summary" className="visually-hidden">{t('web.track.summary')}</h2>
        <p className="status-line"><ComplaintStatusBadge status={c.status} /> <span className="muted">{t(`web.complaint.statusHelp.${c.status}`)}</span></p>
        {c.title ? <p className="report-title">{c.title}</p> : <p className="muted">{t('web.track.confidentialNote')}</p>}
        {c.isConfidential && c.isReporter ? <p className="hint">{t('web.track.confidentialReporter')}</p> : null}
        <dl className="facts">
          <div><dt>{t('web.complaint.kind')}</dt><dd>{t(`web.complaint.kind.${c.kind}`)}</dd></div>
          {categoryName ? <div><dt>{t('web.complaint.category')}</dt><dd>{categoryName}</dd></div> : null}
          {regionLabel ? <div><dt>{t('web.complaint.region')}</dt><dd>{regionLabel}</dd></div> : null}
          {c.opdName ? <div><dt>{t('web.complaint.opd')}</dt><dd>{c.opdName}</dd></div> : null}
          {filedAt ? <div><dt>{t('web.complaint.filedAt')}</dt><dd>{formatDateTime(filedAt, locale, tz)}</dd></div> : null}
          {open ? <div><dt>{t('web.complaint.due')}</dt><dd><DueLine dueAt={c.dueAt} stage={c.dueStage} timeZone={tz} provisionalYear={c.dueProvisionalYear} /></dd></div> : null}
          {open ? <CompletionFact completion={c.completion} timeZone={tz} open={c.status !== 'resolved'} /> : null}
          <div><dt>{t('web.track.reporters')}</dt><dd>{t('web.track.reportersCount', { count: c.reporterCount ?? 1 })}</dd></div>
          {c.rating ? <div><dt>{t('web.track.rating')}</dt><dd>{t('web.track.ratingValue', { rating: c.rating })}</dd></div> : null}
        </dl>
        {c.description ? <p className="pre-wrap break">{c.description}</p> : null}
        {c.attachments?.length ? (
          <ul className="plain-list" aria-label={t('web.report.attachments')}>
            {c.attachments.map((a) => (
              <li key={a.id}><a href={apiUrl(`/public/attachments/${a.id}`)} target="_blank" rel="noopener">{a.filename}</a></li>
            ))}
          </ul>
        ) : null}
      </section>

      <CitizenActions report={c} reporterKey={key} onKey={takeKey} onDone={report.reload} />

      <section className="section" aria-labelledby="track-timeline">
        <h2 id="track-timeline">{t('web.track.timeline')}</h2>
        <Timeline events={eventsOf(c)} timeZone={tz} />
      </section>
      <p className="muted small section">{t('web.track.deadlinesNote')}</p>
    </div>
  );
}

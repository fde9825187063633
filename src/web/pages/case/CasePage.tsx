/**
 * A case as staff see it (GET /complaints/:id): the report, its attachments, the reporter
 * only when the server sends it (never to the OPD or leaders for an anonim report), the
 * full timeline with internal notes, and the actions the server allows this user.
 */
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { apiUrl } from '../../api/client.js';
import { complaintsApi, eventsOf, type StaffComplaint } from '../../api/complaints.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { hasRole } from '../../app/roles.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice } from '../../components/Alert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatSize } from '../report/AttachmentsField.js';
import { ActionPanel } from './ActionPanel.js';
import { ComplaintStatusBadge, CompletionFact, DueLine, Timeline } from './parts.js';
import { useCategoryName, useOpdName, useRegionLabel } from './names.js';
import { SimilarReports } from './SimilarReports.js';

const AT_OPD = ['routed', 'accepted', 'in_progress'];
const FINISHED = ['resolved', 'closed', 'rejected', 'archived', 'merged'];

function Reporters({ c }: { c: StaffComplaint }) {
  const { t } = useI18n();
  // A reporter row without name or contact carries nothing to show.
  const list = (c.reporters ?? []).filter((r) => r.name || r.phone || r.email);
  if (list.length === 0) {
    return <p className="muted">{c.reportersHidden || c.isAnonymous ? t('web.case.reporterHidden') : t('web.case.reporterNone')}</p>;
  }
  return (
    <ul className="plain-list">
      {list.map((r, i) => (
        <li key={r.id ?? i}>
          <strong>{r.name || t('web.case.reporterNoName')}</strong>
          {r.phone ? <> · <a href={`tel:${r.phone}`}>{r.phone}</a></> : null}
          {r.email ? <> · <a className="break" href={`mailto:${r.email}`}>{r.email}</a></> : null}
        </li>
      ))}
    </ul>
  );
}

export function CasePage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const tz = user.tenant.timezone;
  const { id = '' } = useParams();
  const item = useLoad(() => complaintsApi.get(id), [id]);
  const arrived = (useLocation().state as { flash?: string } | null)?.flash ?? null;
  const [flash, setFlash] = useState<string | null>(arrived);
  const c0 = item.data?.complaint;
  const categoryName = useCategoryName(c0?.categoryId, c0?.categoryName);
  const regionLabel = useRegionLabel(c0?.regionCode, c0?.regionName);
  const opdName = useOpdName(c0?.opdId, c0?.opdName);

  if (item.loading && !item.data) return <Loading />;
  if (!item.data) {
    return (
      <>
        <PageHeader title={t('web.case.title')} />
        <ErrorAlert error={item.error} />
      </>
    );
  }
  const c = item.data.complaint;
  const canAskEscalation = item.data.canRequestEscalation && AT_OPD.includes(c.status);
  const back = hasRole(user, 'verifikator', 'admin', 'superadmin') ? '/meja' : hasRole(user, 'operator_opd', 'kepala_opd') ? '/kotak-masuk' : '/eskalasi';

  return (
    <>
      <PageHeader
        title={c.title ?? c.trackingCode}
        back={<Link to={back}>{t('web.case.back')}</Link>}
        lead={<><span className="mono">{c.trackingCode}</span> · <ComplaintStatusBadge status={c.status} /></>}
      />
      {flash ? <Notice>{flash}</Notice> : null}
      <ErrorAlert error={item.error} />
      <div className="case-grid">
          <section className="card case-report" aria-labelledby="case-report">
            <h2 id="case-report">{t('web.case.report')}</h2>
            <dl className="facts">
              <div><dt>{t('web.complaint.kind')}</dt><dd>{t(`web.complaint.kind.${c.kind}`)}</dd></div>
              {c.channel ? <div><dt>{t('web.case.channel')}</dt><dd>{t(`web.case.channel.${c.channel}` as 'web.case.channel.web')}</dd></div> : null}
              <div><dt>{t('web.complaint.category')}</dt><dd>{categoryName ?? '—'}</dd></div>
              <div><dt>{t('web.complaint.region')}</dt><dd>{regionLabel ?? c.regionCode ?? '—'}</dd></div>
              <div><dt>{t('web.complaint.opd')}</dt><dd>{opdName ?? '—'}</dd></div>
              <div><dt>{t('web.complaint.filedAt')}</dt><dd>{formatDateTime(c.receivedAt ?? c.createdAt, locale, tz)}</dd></div>
              <div><dt>{t('web.complaint.due')}</dt><dd><DueLine dueAt={c.dueAt} stage={c.dueStage} timeZone={tz} provisionalYear={c.dueProvisionalYear} /></dd></div>
              <CompletionFact completion={c.completion} timeZone={tz} open={!FINISHED.includes(c.status)} />
              {c.eventDate ? <div><dt>{t('web.report.eventDate')}</dt><dd>{formatDate(c.eventDate, locale)}</dd></div> : null}
              {c.escalationLevel ? <div><dt>{t('web.leaders.level')}</dt><dd>{t(`web.leaders.level.${Math.min(c.escalationLevel, 3)}` as 'web.leaders.level.1')}</dd></div> : null}
              {c.escalationDueAt && c.escalationLevel && c.escalationLevel < 3 ? (
                <div>
                  <dt>{t('web.case.nextEscalation')}</dt>
                  <dd>
                    {t('web.case.nextEscalationValue', { level: t(`web.leaders.level.${c.escalationLevel + 1}` as 'web.leaders.level.2'), date: formatDateTime(c.escalationDueAt, locale, tz) })}
                    {c.escalationDueProvisionalYear ? (
                      <span className="due-provisional">{t('calendar.web.dueProvisional', { year: c.escalationDueProvisionalYear })}</span>
                    ) : null}
                  </dd>
                </div>
              ) : null}
              <div><dt>{t('web.track.reporters')}</dt><dd>{t('web.track.reportersCount', { count: c.reporterCount ?? 1 })}</dd></div>
              {c.latitude != null && c.longitude != null ? <div><dt>{t('web.report.location')}</dt><dd className="mono">{c.latitude}, {c.longitude}</dd></div> : null}
              {c.addressText ? <div><dt>{t('web.case.address')}</dt><dd>{c.addressText}</dd></div> : null}
            </dl>
            <div className="badges">
              {c.isAnonymous ? <span className="badge badge--warn">{t('web.case.anonymous')}</span> : null}
              {c.isConfidential ? <span className="badge badge--warn">{t('web.case.confidential')}</span> : null}
            </div>
            <h3>{t('web.report.description')}</h3>
            <p className="pre-wrap break">{c.description}</p>
            {c.attachments?.length ? (
              <>
                <h3>{t('web.report.attachments')}</h3>
                <ul className="plain-list">
                  {c.attachments.map((a) => (
                    <li key={a.id}><a href={apiUrl(complaintsApi.attachmentUrl(a.id))} target="_blank" rel="noopener">{a.filename}</a> <span className="muted small">({formatSize(a.size)})</span></li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

        <aside className="case-side" aria-label={t('web.case.side')}>
          <section className="card" aria-labelledby="case-actions">
            <h2 id="case-actions">{t('web.case.actions')}</h2>
            <ActionPanel complaint={c} allowed={item.data.allowedActions} canAskEscalation={canAskEscalation} onDone={(msg) => { setFlash(msg); item.reload(); }} />
          </section>
          {item.data.audience === 'desk' ? <SimilarReports complaint={c} timeZone={tz} onMerged={(msg) => { setFlash(msg); item.reload(); }} /> : null}
          <section className="card" aria-labelledby="case-reporter">
            <h2 id="case-reporter">{t('web.case.reporter')}</h2>
            <Reporters c={c} />
          </section>
        </aside>
        <section className="case-timeline" aria-labelledby="case-timeline">
          <h2 id="case-timeline">{t('web.case.timeline')}</h2>
          <Timeline events={eventsOf(c)} timeZone={tz} showInternal />
        </section>
      </div>
    </>
  );
}

/**
 * Pieces shared by the citizen's tracking page and the staff pages: the status badge,
 * the due date with its stage (and whether it is still provisional), and the timeline of
 * a report.
 */
import type { CompletionClock, ComplaintEvent, ComplaintStatus, DeadlineStage } from '../../api/complaints.js';
import { formatDateTime } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';

const TONE: Record<ComplaintStatus, 'ok' | 'warn' | 'muted' | 'info'> = {
  received: 'info', held: 'warn', verified: 'info', routed: 'info', accepted: 'info', in_progress: 'info',
  resolved: 'ok', closed: 'ok', rejected: 'muted', archived: 'muted', merged: 'muted',
};

export function ComplaintStatusBadge({ status }: { status: ComplaintStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge--${TONE[status] ?? 'muted'}`}>{t(`web.complaint.status.${status}`)}</span>;
}

/** True when the deadline has passed. */
export const isOverdue = (dueAt: string | null | undefined, now = Date.now()) => !!dueAt && new Date(dueAt).getTime() < now;

/**
 * The deadline, its stage and whether it is late. `provisionalYear`: the date counts into a
 * year whose national days off are not loaded yet, so it may still move (ADR 0025).
 */
export function DueLine({ dueAt, stage, timeZone, provisionalYear }: { dueAt?: string | null; stage?: DeadlineStage | null; timeZone?: string; provisionalYear?: number | null }) {
  const { t, locale } = useI18n();
  if (!dueAt) return <span className="muted">—</span>;
  const late = isOverdue(dueAt);
  return (
    <span className={late ? 'due due--late' : 'due'}>
      {stage ? <>{t(`web.complaint.stage.${stage}`)}: </> : null}
      {formatDateTime(dueAt, locale, timeZone)}
      {late ? <> <span className="badge badge--danger">{t('web.complaint.overdue')}</span></> : null}
      {provisionalYear ? <span className="due-provisional">{t('calendar.web.dueProvisional', { year: provisionalYear })}</span> : null}
    </span>
  );
}

type T = ReturnType<typeof useI18n>['t'];

/** "Batas penyelesaian (60 hari sejak berkas lengkap)": the rule's count and what started the clock. */
function completionLabel(c: CompletionClock, t: T): string {
  if (c.days == null) return t('web.complaint.completion');
  const unit = c.dayType === 'working' ? 'working' : 'calendar';
  return t(`web.complaint.completion.${c.basis}.${unit}` as 'web.complaint.completion.file_complete.calendar', { days: c.days });
}

/**
 * The completion clock as a row of a facts list (UU 25/2009: 60 days after the file is
 * complete), with when it started; marked late only while the case is still open.
 */
export function CompletionFact({ completion, timeZone, open }: { completion?: CompletionClock | null; timeZone?: string; open: boolean }) {
  const { t, locale } = useI18n();
  if (!completion) return null;
  const late = open && isOverdue(completion.dueAt);
  const since = completion.basis === 'dispute' ? 'web.complaint.completion.disputedAt' : 'web.complaint.completion.fileCompleteAt';
  return (
    <div data-testid="completion-due">
      <dt>{completionLabel(completion, t)}</dt>
      <dd>
        <span className={late ? 'due due--late' : 'due'}>
          {formatDateTime(completion.dueAt, locale, timeZone)}
          {late ? <> <span className="badge badge--danger">{t('web.complaint.overdue')}</span></> : null}
        </span>
        {completion.startedAt ? <span className="small muted"> · {t(since, { date: formatDateTime(completion.startedAt, locale, timeZone) })}</span> : null}
        {completion.provisionalYear ? <span className="due-provisional">{t('calendar.web.dueProvisional', { year: completion.provisionalYear })}</span> : null}
      </dd>
    </div>
  );
}

/** What happened, in words: the status it moved to, else the event's type. */
function eventLabel(e: ComplaintEvent, t: T): string {
  const key = `web.complaint.event.${e.type}`;
  const known = t(key as never);
  if (known !== key) return known;
  if (e.toStatus) return t(`web.complaint.status.${e.toStatus}`);
  return e.type;
}

export function Timeline({ events, timeZone, showInternal }: { events: ComplaintEvent[]; timeZone?: string; showInternal?: boolean }) {
  const { t, locale } = useI18n();
  if (events.length === 0) return <p className="empty">{t('web.complaint.noEvents')}</p>;
  return (
    <ol className="timeline">
      {events.map((e, i) => (
        <li key={e.id ?? i} className={e.visibility === 'internal' ? 'timeline-item timeline-item--internal' : 'timeline-item'}>
          <p className="timeline-head">
            <strong>{eventLabel(e, t)}</strong>
            {showInternal && (e.visibility === 'internal' || e.noteInternal) ? <> <span className="badge badge--warn">{e.visibility === 'internal' ? t('web.complaint.internal') : t('web.complaint.noteInternal')}</span></> : null}
            {e.isLate ? <> <span className="badge badge--danger">{t('web.complaint.late')}</span></> : null}
          </p>
          <p className="small muted">
            <time dateTime={e.at}>{formatDateTime(e.at, locale, timeZone)}</time>
            {e.actorLabel ? <> · {e.actorLabel}</> : e.by ? <> · {t(`web.complaint.by.${e.by}`)}</> : null}
            {e.opdName ? <> · {e.opdName}</> : null}
          </p>
          {e.note ? <p className="timeline-note">{e.note}</p> : null}
          {e.completionDueAt ? <p className="small">{t('web.complaint.completionDueAt', { date: formatDateTime(e.completionDueAt, locale, timeZone) })}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * One assessment (/kepatuhan/penilaian/:id): the result (score, grade, zone — announced
 * when it changes), the dimensions, the indicators grouped by dimension with their score
 * selector, evidence and overrides, the gap list with owner and due date, and the status
 * actions (the unit submits; the Inspektorat returns or verifies).
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { complianceApi, type AssessmentAction, type TAssessmentDetail } from '../../api/compliance.js';
import { formatDateTime } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table } from '../../components/Table.js';
import { GapList } from './GapList.js';
import { IndicatorCard } from './IndicatorCard.js';
import { ResultBadge, StatusBadge, canEditOpd, canVerify, formatPct, formatScore } from './shared.js';

export function AssessmentPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { user } = useSession();
  const loaded = useLoad(() => complianceApi.assessment(id), [id]);
  const [a, setA] = useState<TAssessmentDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { if (loaded.data) setA(loaded.data); }, [loaded.data]);

  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!a) return <Loading />;

  const editable = canEditOpd(user, a.opdId);
  const canEdit = editable && a.status === 'draft';
  const canOverride = canVerify(user) && a.status === 'submitted';
  const subject = a.unitName ?? a.opdName;
  const scoreLabel = a.kind === 'pekppp' ? t('compliance.index') : t('compliance.score');
  const onChange = (next: TAssessmentDetail | null) => (next ? setA(next) : loaded.reload());

  async function act(action: AssessmentAction) {
    setBusy(true);
    setError(null);
    try {
      setA(await complianceApi.act(a!.id, action));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const back = a.kind === 'pekppp' ? '/pekppp' : '/kepatuhan';
  return (
    <>
      <PageHeader
        title={t('compliance.detail.title', { subject, year: a.year })}
        back={<Link to={back}>{t('compliance.detail.back')}</Link>}
        lead={`${a.methodName} (${a.methodVersion})${a.unitName ? ` · ${a.opdName}` : ''}`}
      />
      <section aria-labelledby="cmp-result" className="section">
        <h2 id="cmp-result">{t('compliance.detail.result')}</h2>
        <div className="card">
          <dl className="facts" aria-live="polite" data-testid="result">
            <div><dt>{scoreLabel}</dt><dd className="score-big" data-testid="score">{formatScore(a.score, locale)}</dd></div>
            <div><dt>{t('compliance.grade')}</dt><dd><ResultBadge grade={a.grade} zone={a.zone} label={a.label} t={t} /></dd></div>
            <div><dt>{t('compliance.statusLabel')}</dt><dd><StatusBadge status={a.status} t={t} /></dd></div>
            <div><dt>{t('compliance.progress')}</dt><dd>{t('compliance.progressValue', { scored: a.scoredCount, total: a.indicatorCount })}</dd></div>
          </dl>
          {a.verifiedAt ? <p className="muted small">{t('compliance.detail.verifiedBy', { by: a.verifiedBy ?? '—', at: formatDateTime(a.verifiedAt, locale) })}</p> : null}
          <ErrorAlert error={error} />
          <div className="form-actions">
            {editable && a.status === 'draft' ? <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void act('submit')}>{t('compliance.detail.submit')}</button> : null}
            {canVerify(user) && a.status === 'submitted' ? (
              <>
                <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void act('verify')}>{t('compliance.detail.verify')}</button>
                <button type="button" className="btn" disabled={busy} onClick={() => void act('return')}>{t('compliance.detail.return')}</button>
              </>
            ) : null}
          </div>
        </div>
        <h3>{t('compliance.detail.dimensions')}</h3>
        <Table caption={t('compliance.detail.dimensions')} rowKey={(d) => d.code} rows={a.dimensions} columns={[
          { header: t('compliance.detail.dimensions'), cell: (d) => d.name },
          { header: t('compliance.detail.weight'), className: 'num', cell: (d) => formatPct(d.weight, locale) },
          { header: t('compliance.detail.reached'), className: 'num', cell: (d) => `${formatScore(d.score, locale)} %` },
        ]} />
      </section>

      <GapList a={a} canPlan={editable} onChange={onChange} />

      <section aria-labelledby="cmp-ind" className="section">
        <h2 id="cmp-ind">{t('compliance.detail.indicators')}</h2>
        {a.dimensions.map((d) => (
          <section key={d.code} aria-labelledby={`dim-${d.code}`}>
            <h3 id={`dim-${d.code}`}>{d.name} ({formatPct(d.weight, locale)})</h3>
            <ul className="indicator-list">
              {a.indicators.filter((i) => i.dimension === d.code).map((ind) => (
                <IndicatorCard key={ind.code} a={a} ind={ind} canEdit={canEdit} canOverride={canOverride} onChange={onChange} />
              ))}
            </ul>
          </section>
        ))}
      </section>
    </>
  );
}

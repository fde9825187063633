/**
 * /kepatuhan (Ombudsman methods, one assessment per service unit) and /pekppp (PEKPPP, one
 * per OPD): the assessments of a year under one method version with their score, grade and
 * zone, the OPD and tenant roll-up, and a form to start an assessment.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { complianceApi, type TAssessmentSummary, type TMethodKind, type TMethodSummary } from '../../api/compliance.js';
import { useI18n } from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { SelectField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table, type Column } from '../../components/Table.js';
import { orgApi } from '../organisation/orgApi.js';
import { ResultBadge, StatusBadge, canCreateAny, canEditOpd, formatScore, seesAll } from './shared.js';

/** The method version in force for a year: the latest valid_from_year not after it. */
export function methodFor(methods: TMethodSummary[], year: number): TMethodSummary | undefined {
  return [...methods].filter((m) => m.validFromYear <= year).sort((a, b) => b.validFromYear - a.validFromYear || b.version.localeCompare(a.version))[0];
}

export function CompliancePage({ kind }: { kind: TMethodKind }) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [methodId, setMethodId] = useState('');
  const methods = useLoad(() => complianceApi.methods(kind), [kind]);
  useEffect(() => {
    if (methods.data) setMethodId(methodFor(methods.data.items, year)?.id ?? methods.data.items[0]?.id ?? '');
  }, [methods.data, year]);
  const method = methods.data?.items.find((m) => m.id === methodId);
  const list = useLoad(() => (methodId ? complianceApi.assessments({ year, methodId }) : Promise.resolve({ items: [] })), [year, methodId]);
  const results = useLoad(() => (methodId ? complianceApi.results(year, methodId) : Promise.resolve(null)), [year, methodId]);
  const subjects = useLoad(async () => {
    if (!canCreateAny(user)) return [];
    if (kind === 'pekppp') return (await orgApi.opds()).items.filter((o) => canEditOpd(user, o.id)).map((o) => ({ id: o.id, name: o.name }));
    return (await orgApi.units()).items.filter((u) => canEditOpd(user, u.opdId)).map((u) => ({ id: u.id, name: `${u.name} — ${u.opdName}` }));
  }, [kind, user?.id]);
  const [subjectId, setSubjectId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function start(e: FormEvent) {
    e.preventDefault();
    if (!subjectId || !methodId) return;
    setBusy(true);
    setError(null);
    try {
      const created = await complianceApi.create({ methodId, year, ...(kind === 'pekppp' ? { opdId: subjectId } : { unitId: subjectId }) });
      navigate(`/kepatuhan/penilaian/${created.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const title = kind === 'pekppp' ? t('compliance.pekppp.title') : t('compliance.list.title');
  const subjectOf = (a: TAssessmentSummary) => a.unitName ?? a.opdName;
  const scoreHeader = kind === 'pekppp' ? t('compliance.index') : t('compliance.score');
  const cols: Column<TAssessmentSummary>[] = [
    { header: kind === 'pekppp' ? t('compliance.opd') : t('compliance.unit'), cell: (a) => <Link to={`/kepatuhan/penilaian/${a.id}`} aria-label={t('compliance.openNamed', { name: subjectOf(a) })}>{subjectOf(a)}</Link> },
    ...(kind === 'pekppp' ? [] : [{ header: t('compliance.opd'), cell: (a: TAssessmentSummary) => a.opdName }]),
    { header: scoreHeader, className: 'num', cell: (a) => formatScore(a.score, locale) },
    { header: t('compliance.grade'), cell: (a) => <ResultBadge grade={a.grade} zone={a.zone} label={a.label} t={t} /> },
    { header: t('compliance.statusLabel'), cell: (a) => <StatusBadge status={a.status} t={t} /> },
    { header: t('compliance.progress'), cell: (a) => t('compliance.progressValue', { scored: a.scoredCount, total: a.indicatorCount }) },
  ];
  const r = results.data;

  return (
    <>
      <PageHeader
        title={title}
        lead={kind === 'pekppp' ? t('compliance.pekppp.lead') : t('compliance.list.lead')}
        actions={<Link className="btn" to={`/kepatuhan/metode?kind=${kind}`}>{t('compliance.methods.link')}</Link>}
      />
      <div className="filters">
        <SelectField label={t('compliance.year')} value={String(year)} onChange={(e) => setYear(Number(e.target.value))}>
          {[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => <option key={y} value={y}>{y}</option>)}
        </SelectField>
        <SelectField label={t('compliance.method')} value={methodId} onChange={(e) => setMethodId(e.target.value)}>
          {(methods.data?.items ?? []).map((m) => <option key={m.id} value={m.id}>{m.name} ({m.version})</option>)}
        </SelectField>
      </div>
      <ErrorAlert error={methods.error ?? list.error ?? results.error} />
      {method ? <p className="muted small">{t('compliance.methods.legalSource')}: {method.legalSource}</p> : null}

      {r?.tenant ? (
        <section aria-labelledby="cmp-rollup" className="section">
          <h2 id="cmp-rollup">{t('compliance.rollup.title', { year })}</h2>
          <div className="card">
            <p>{seesAll(user) ? t('compliance.rollup.tenant', { count: r.tenant.count }) : t('compliance.rollup.own', { count: r.tenant.count })}</p>
            <p><span className="score-big">{formatScore(r.tenant.score, locale)}</span> <ResultBadge grade={r.tenant.grade} zone={r.tenant.zone} label={r.tenant.label} t={t} /></p>
          </div>
          {kind === 'ombudsman' ? (
            <>
              <h3>{t('compliance.rollup.opds')}</h3>
              <Table caption={t('compliance.rollup.opds')} rowKey={(o) => o.opdId} rows={r.opds} columns={[
                { header: t('compliance.opd'), cell: (o) => o.opdName },
                { header: scoreHeader, className: 'num', cell: (o) => formatScore(o.score, locale) },
                { header: t('compliance.grade'), cell: (o) => <ResultBadge grade={o.grade} zone={o.zone} label={o.label} t={t} /> },
                { header: t('compliance.rollup.count'), className: 'num', cell: (o) => o.count },
              ]} />
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="cmp-list" className="section">
        <h2 id="cmp-list">{title} {year}</h2>
        {list.data ? <Table caption={`${title} ${year}`} columns={cols} rows={list.data.items} rowKey={(a) => a.id} empty={t('compliance.empty')} /> : <Loading />}
      </section>

      {subjects.data && subjects.data.length > 0 && method ? (
        <section aria-labelledby="cmp-new" className="section">
          <h2 id="cmp-new">{t('compliance.new.title')}</h2>
          <ErrorAlert error={error} />
          <form className="form card" onSubmit={start} noValidate>
            <SelectField label={kind === 'pekppp' ? t('compliance.opd') : t('compliance.unit')} required value={subjectId} onChange={(e) => setSubjectId(e.target.value)}>
              <option value="">{t('compliance.new.choose')}</option>
              {subjects.data.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </SelectField>
            <p className="muted small">{method.name} ({method.version}) · {year}</p>
            <div className="form-actions">
              <button type="submit" className="btn btn--primary" disabled={busy || !subjectId}>{t('compliance.new.create')}</button>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}

/**
 * /skm/periode/:id — one unit's survey period (issue #4): its results (with the Laporan
 * SKM PDF), the population N for the sample check, paper-form import, the follow-up plan
 * and the publication records. Managing needs the unit's OPD (or admin); leaders read.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { skmApi, type Period } from '../../api/skm.js';
import { useI18n } from '../../app/i18n.js';
import { canWriteUnitsOf } from '../../app/roles.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { FollowupSection } from './FollowupSection.js';
import { ImportSection } from './ImportSection.js';
import { PublicationSection } from './PublicationSection.js';
import { ResultsView } from './ResultsView.js';
import { fmtDate, fmtInt } from './format.js';
import './skm.css';

function PopulationForm({ period, onSaved }: { period: Period; onSaved(): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(period.population === null ? '' : String(period.population));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await skmApi.patchPeriod(period.id, value.trim() ? Number(value) : null);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="search-row" onSubmit={submit} noValidate>
      <TextField label={t('skmWeb.period.population')} hint={t('skmWeb.period.populationHint')} type="number" inputMode="numeric" min={1} value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="btn">{t('web.action.save')}</button>
      {saved ? <span role="status" className="badge badge--ok">✓</span> : null}
      <ErrorAlert error={error} />
    </form>
  );
}

export function PeriodPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const user = useUser();
  const period = useLoad(() => skmApi.period(id), [id]);
  const results = useLoad(() => skmApi.results({ periodId: id }), [id]);
  const p = period.data;
  const canManage = !!p && canWriteUnitsOf(user, p.opdId);

  return (
    <>
      <PageHeader
        title={p ? `${p.unitName} · ${p.label}` : t('skmWeb.period')}
        lead={p?.opdName}
        back={<Link to="/skm">{t('skmWeb.home.title')}</Link>}
      />
      {period.loading && !p ? <Loading /> : null}
      <ErrorAlert error={period.error} />
      {p ? (
        <>
          <dl className="facts">
            <div><dt>{t('skmWeb.period.range')}</dt><dd>{fmtDate(locale, p.startsOn)} – {fmtDate(locale, p.endsOn)}</dd></div>
            <div><dt>{t('skmWeb.period.population')}</dt><dd>{p.population === null ? '–' : fmtInt(locale, p.population)}</dd></div>
            <div><dt>{t('skmWeb.pub.title')}</dt><dd>{p.published ? '✓' : '–'}</dd></div>
          </dl>
          {canManage ? <PopulationForm period={p} onSaved={() => { period.reload(); results.reload(); }} /> : null}
          <p className="actions section">
            <Link className="btn btn--small" to={`/skm/ditandai?period=${p.id}`}>{t('skmWeb.tools.flagged')}</Link>
            <Link className="btn btn--small" to={`/skm/qr?unit=${p.unitId}`}>{t('skmWeb.tools.qr')}</Link>
          </p>
        </>
      ) : null}
      {results.loading && !results.data ? <Loading /> : null}
      <ErrorAlert error={results.error} />
      {results.data ? (
        <section className="section" aria-label={t('skmWeb.results.title')}>
          {results.data.respondents === 0 ? <p className="empty">{t('skmWeb.results.none')}</p> : null}
          <ResultsView results={results.data} reportUrl={skmApi.reportUrl(id)} />
        </section>
      ) : null}
      {p ? (
        <>
          <FollowupSection period={p} canManage={canManage} unsur={(results.data?.nrr ?? []).map((n) => ({ key: n.key, name: n.name, value: n.value }))} />
          <PublicationSection period={p} canManage={canManage} onChange={period.reload} />
          {canManage ? <ImportSection period={p} onImported={results.reload} /> : null}
        </>
      ) : null}
    </>
  );
}

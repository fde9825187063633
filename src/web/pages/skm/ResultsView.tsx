/**
 * The results of one unit, OPD or the whole tenant for a period (GET /skm/results): the
 * converted IKM, mutu and kinerja, respondents (and how many answers were excluded), the
 * sample-adequacy check ("sampel belum memenuhi" never blocks anything), NRR per unsur
 * with the weakest highlighted, the pooling method in a sentence, breakdowns by profile,
 * the trend across periods and, for an OPD or the tenant, the units lowest first.
 */
import { Link } from 'react-router-dom';
import type { Results } from '../../api/skm.js';
import { useI18n } from '../../app/i18n.js';
import { MutuBadge, NrrBars } from './NrrBars.js';
import { fmt, fmtInt } from './format.js';

type Breakdowns = Results['breakdowns'];
const PROFILE_KEYS = ['sex', 'ageBand', 'education', 'occupation'] as const satisfies readonly (keyof Breakdowns)[];

function SampleNotice({ sample }: { sample: Results['sample'] }) {
  const { t, locale } = useI18n();
  if (sample.population === null || sample.required === null || sample.adequate === null) {
    return <p className="alert alert--info">{t('skmWeb.results.sampleUnknown')}</p>;
  }
  const params = { respondents: fmtInt(locale, sample.respondents), required: fmtInt(locale, sample.required), population: fmtInt(locale, sample.population) };
  return sample.adequate
    ? <p className="alert alert--ok">{t('skmWeb.results.sampleOk', params)}</p>
    : <p className="alert alert--error" data-testid="sample-short">{t('skmWeb.results.sampleShort', params)}</p>;
}

function BreakdownTable({ name, rows }: { name: (typeof PROFILE_KEYS)[number]; rows: Breakdowns[keyof Breakdowns] }) {
  const { t, locale } = useI18n();
  const title = t(`skmWeb.results.profile.${name}`);
  if (!rows.length) return null;
  return (
    <div>
      <h3>{title}</h3>
      <table className="table">
        <caption className="visually-hidden">{`${t('skmWeb.results.profile')}: ${title}`}</caption>
        <thead>
          <tr>
            <th scope="col">{t('skmWeb.results.profile.value')}</th>
            <th scope="col" className="num">{t('skmWeb.results.profile.count')}</th>
            <th scope="col" className="num">{t('skmWeb.results.profile.ikm')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.value ?? ''}>
              <td data-label={t('skmWeb.results.profile.value')}>{r.value === null ? t('skmWeb.results.profile.unknown') : name === 'sex' && (r.value === 'L' || r.value === 'P') ? t(`skmSurvey.sex.${r.value}`) : r.value}</td>
              <td className="num" data-label={t('skmWeb.results.profile.count')}>{fmtInt(locale, r.respondents)}</td>
              <td className="num" data-label={t('skmWeb.results.profile.ikm')}>{fmt(locale, r.converted, 2)}{r.mutu ? ` (${r.mutu})` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Converted IKM per period as columns (25–100 scale); the figures are in the column labels. */
function Trend({ trend }: { trend: Results['trend'] }) {
  const { t, locale } = useI18n();
  if (trend.length < 2) return null;
  return (
    <section className="section" aria-labelledby="skm-trend">
      <h2 id="skm-trend">{t('skmWeb.results.trend')}</h2>
      <ol className="trend plain-list" aria-label={t('skmWeb.results.trendCaption')}>
        {trend.map((p) => {
          const height = p.converted === null ? 0 : Math.max(2, ((p.converted - 25) / 75) * 100);
          return (
            <li key={p.startsOn} className="trend-col">
              <strong>{fmt(locale, p.converted, 2)}{p.mutu ? ` ${p.mutu}` : ''}</strong>
              <span className="trend-bar" style={{ height: `${height}%` }} aria-hidden="true" />
              <span>{p.label}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function ResultsView({ results, reportUrl }: { results: Results; reportUrl?: string | null }) {
  const { t, locale } = useI18n();
  const weakest = new Set(results.weakest.map((w) => w.key));
  const where = results.unit?.name ?? results.opd?.name ?? t('skmWeb.results.scope.tenant');
  return (
    <div className="stack">
      <dl className="kpis">
        <div><dt>{t('skmWeb.results.converted')}</dt><dd data-testid="ikm-converted">{fmt(locale, results.converted, 2)}</dd></div>
        <div><dt>{t('skmWeb.results.mutu')}</dt><dd><MutuBadge mutu={results.mutu} kinerja={results.kinerja} /></dd></div>
        <div><dt>{t('skmWeb.results.ikm')}</dt><dd>{fmt(locale, results.ikm, 3)}</dd></div>
        <div><dt>{t('skmWeb.results.respondents')}</dt><dd>{fmtInt(locale, results.respondents)}</dd></div>
        <div><dt>{t('skmWeb.results.excluded')}</dt><dd>{fmtInt(locale, results.excluded)}</dd></div>
        <div><dt>{t('skmWeb.results.flagged')}</dt><dd>{fmtInt(locale, results.flagged)}</dd></div>
      </dl>
      <SampleNotice sample={results.sample} />
      {reportUrl ? (
        <p><a className="btn btn--primary" href={reportUrl} target="_blank" rel="noopener">{t('skmWeb.results.report')}</a></p>
      ) : null}
      <section aria-labelledby="skm-nrr">
        <h2 id="skm-nrr">{t('skmWeb.results.nrr')}</h2>
        {results.weakest.length ? <p>{t('skmWeb.results.weakest', { names: results.weakest.map((w) => w.name).join(', ') })}</p> : null}
        <NrrBars items={results.nrr} weakest={weakest} label={t('skmWeb.nrrOf', { unit: where, period: results.period.label })} />
      </section>
      <p className="small muted"><strong>{t('skmWeb.results.pooling')}:</strong> {results.pooling}</p>
      {results.units.length ? (
        <section aria-labelledby="skm-units">
          <h2 id="skm-units">{t('skmWeb.results.units')}</h2>
          <table className="table">
            <caption className="visually-hidden">{t('skmWeb.results.units')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('skmWeb.unit')}</th>
                <th scope="col" className="num">{t('skmWeb.results.respondents')}</th>
                <th scope="col" className="num">{t('skmWeb.results.converted')}</th>
              </tr>
            </thead>
            <tbody>
              {results.units.map((u) => (
                <tr key={u.unitId}>
                  <td data-label={t('skmWeb.unit')}>
                    <Link to={`/skm/hasil?unit=${u.unitId}&kind=${results.period.kind}&year=${results.period.year}${results.period.part ? `&part=${results.period.part}` : ''}`}>{u.unitName}</Link>
                    <br /><span className="muted small">{u.opdName}</span>
                  </td>
                  <td className="num" data-label={t('skmWeb.results.respondents')}>{fmtInt(locale, u.respondents)}</td>
                  <td className="num" data-label={t('skmWeb.results.converted')}>{fmt(locale, u.converted, 2)}{u.mutu ? ` (${u.mutu})` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section aria-labelledby="skm-profile">
        <h2 id="skm-profile">{t('skmWeb.results.profile')}</h2>
        <div className="profile-grid">
          {PROFILE_KEYS.map((k) => <BreakdownTable key={k} name={k} rows={results.breakdowns[k]} />)}
        </div>
      </section>
      <Trend trend={results.trend} />
    </div>
  );
}

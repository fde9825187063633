/**
 * /ikm — the published satisfaction results (issue #4), for everyone, no sign-in: per
 * service unit and period the converted IKM, mutu and kinerja, the number of respondents
 * and NRR per unsur. Only periods the unit has published appear (GET /public/skm/results).
 */
import { useMemo, useState } from 'react';
import { skmApi, type PublicResultItem } from '../../api/skm.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { SelectField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { MutuBadge, NrrBars } from './NrrBars.js';
import { fmt, fmtDate, fmtInt } from './format.js';
import './skm.css';

function ResultCard({ item }: { item: PublicResultItem }) {
  const { t, locale } = useI18n();
  return (
    <li className="card">
      <h2>{item.unitName}</h2>
      <p className="muted small">{item.opdName} · {item.periodLabel}</p>
      <p className="ikm-figure">{fmt(locale, item.converted, 2)}</p>
      <p><MutuBadge mutu={item.mutu} kinerja={item.kinerja} /></p>
      <p className="small">
        {t('skmWeb.respondents', { count: fmtInt(locale, item.respondents) })} · {t('skmWeb.ikmScale', { ikm: fmt(locale, item.ikm, 3) })}
      </p>
      <details>
        <summary>{t('skmWeb.nrrDetails')}</summary>
        <NrrBars items={item.nrr} label={t('skmWeb.nrrOf', { unit: item.unitName, period: item.periodLabel })} />
      </details>
      <p className="small muted">{t('skmWeb.publishedAt', { date: fmtDate(locale, item.publishedAt) })}</p>
    </li>
  );
}

export function PublicResultsPage() {
  const { t } = useI18n();
  const results = useLoad(() => skmApi.publicResults(), []);
  const [unit, setUnit] = useState('');
  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const i of results.data?.items ?? []) seen.set(i.unitId, `${i.unitName} — ${i.opdName}`);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1]));
  }, [results.data]);
  const items = (results.data?.items ?? []).filter((i) => !unit || i.unitId === unit);

  return (
    <>
      <PageHeader title={t('skmWeb.public.title')} lead={t('skmWeb.public.lead')} />
      {results.loading && !results.data ? <Loading /> : null}
      <ErrorAlert error={results.error} />
      {results.data ? (
        <>
          {units.length > 1 ? (
            <form className="filters" role="search" aria-label={t('skmWeb.public.filter')} onSubmit={(e) => e.preventDefault()}>
              <SelectField label={t('skmWeb.unit')} value={unit} onChange={(e) => setUnit(e.target.value)}>
                <option value="">{t('skmWeb.allUnits')}</option>
                {units.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
              </SelectField>
            </form>
          ) : null}
          {items.length ? (
            <ul className="result-cards">
              {items.map((i) => <ResultCard key={`${i.unitId}-${i.periodLabel}`} item={i} />)}
            </ul>
          ) : (
            <p className="empty">{t('skmWeb.public.empty')}</p>
          )}
          <p className="section small muted">{t('skmWeb.public.method')}</p>
        </>
      ) : null}
    </>
  );
}

/**
 * /skm/hasil — the IKM dashboard (issue #4): a unit, an OPD (its units pooled) or the
 * whole tenant, for a year, semester, quarter or month. The choice lives in the URL
 * (?unit= | ?opd=, kind, year, part) so a view can be bookmarked and shared.
 */
import { useSearchParams } from 'react-router-dom';
import { PARTS, PERIOD_KINDS, skmApi, type PeriodKind, type ResultsQuery } from '../../api/skm.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Link } from 'react-router-dom';
import { orgApi } from '../organisation/orgApi.js';
import { ResultsView } from './ResultsView.js';
import './skm.css';

type Scope = 'unit' | 'opd' | 'tenant';

export function DashboardPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? '';
  const opd = params.get('opd') ?? '';
  const scope: Scope = unit ? 'unit' : opd ? 'opd' : (params.get('scope') as Scope | null) ?? 'tenant';
  const kind = (PERIOD_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as PeriodKind) : 'year';
  const year = Number(params.get('year')) || new Date().getFullYear();
  const rawPart = Number(params.get('part'));
  const part = kind === 'year' ? undefined : rawPart >= 1 && rawPart <= PARTS[kind] ? rawPart : 1;

  const units = useLoad(() => orgApi.units(), []);
  const opds = useLoad(() => orgApi.opds(), []);
  const ready = scope === 'tenant' || (scope === 'unit' && unit) || (scope === 'opd' && opd);
  const query: ResultsQuery = { kind, year, ...(part ? { part } : {}), ...(scope === 'unit' ? { unitId: unit } : scope === 'opd' ? { opdId: opd } : {}) };
  const results = useLoad(() => (ready ? skmApi.results(query) : Promise.resolve(null)), [scope, unit, opd, kind, year, part]);

  function set(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  }

  function pickScope(s: Scope) {
    set({ scope: s, unit: null, opd: null });
  }

  const periodId = results.data?.period.id ?? null;
  return (
    <>
      <PageHeader title={t('skmWeb.results.title')} back={<Link to="/skm">{t('skmWeb.home.title')}</Link>} />
      <form className="filters" role="search" aria-label={t('skmWeb.results.title')} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('skmWeb.results.scope')} value={scope} onChange={(e) => pickScope(e.target.value as Scope)}>
          {(['unit', 'opd', 'tenant'] as const).map((s) => <option key={s} value={s}>{t(`skmWeb.results.scope.${s}`)}</option>)}
        </SelectField>
        {scope === 'unit' ? (
          <SelectField label={t('skmWeb.unit')} value={unit} onChange={(e) => set({ unit: e.target.value, opd: null })}>
            <option value="">—</option>
            {(units.data?.items ?? []).map((u) => <option key={u.id} value={u.id}>{u.name} — {u.opdName}</option>)}
          </SelectField>
        ) : null}
        {scope === 'opd' ? (
          <SelectField label={t('skmWeb.opd')} value={opd} onChange={(e) => set({ opd: e.target.value, unit: null })}>
            <option value="">—</option>
            {(opds.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </SelectField>
        ) : null}
        <SelectField label={t('skmWeb.period.kind')} value={kind} onChange={(e) => set({ kind: e.target.value, part: null })}>
          {PERIOD_KINDS.map((k) => <option key={k} value={k}>{t(`skmWeb.period.kind.${k}`)}</option>)}
        </SelectField>
        <TextField label={t('skmWeb.period.year')} type="number" inputMode="numeric" min={2000} max={2100} value={String(year)} onChange={(e) => set({ year: e.target.value })} />
        {kind !== 'year' ? (
          <SelectField label={t('skmWeb.period.part')} value={String(part)} onChange={(e) => set({ part: e.target.value })}>
            {Array.from({ length: PARTS[kind] }, (_, i) => <option key={i + 1} value={i + 1}>{i + 1}</option>)}
          </SelectField>
        ) : null}
      </form>
      {!ready ? <p className="muted">{t('skmWeb.results.pick')}</p> : null}
      {results.loading && !results.data ? <Loading /> : null}
      <ErrorAlert error={results.error} />
      {results.data ? (
        <div aria-busy={results.loading || undefined}>
          <h2>
            {results.data.unit?.name ?? results.data.opd?.name ?? t('skmWeb.results.scope.tenant')} · {results.data.period.label}
          </h2>
          {periodId ? <p><Link to={`/skm/periode/${periodId}`}>{t('skmWeb.period')}: {results.data.period.label}</Link></p> : null}
          {results.data.respondents === 0 ? <p className="empty">{t('skmWeb.results.none')}</p> : null}
          <ResultsView results={results.data} reportUrl={periodId ? skmApi.reportUrl(periodId) : null} />
        </div>
      ) : null}
    </>
  );
}

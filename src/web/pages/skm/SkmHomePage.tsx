/**
 * /skm — survey periods of the units the user may see (issue #4), a form to open a new
 * period (unit, year/semester/quarter/month, population N), and the survey tools. A
 * period belongs to one service unit; its row links to its results, report, import,
 * follow-up plan and publication records (PeriodPage).
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { PARTS, PERIOD_KINDS, skmApi, type Period, type PeriodKind } from '../../api/skm.js';
import type { Unit } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { canWriteUnitsOf, isAdmin } from '../../app/roles.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice, fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table, type Column } from '../../components/Table.js';
import { orgApi } from '../organisation/orgApi.js';
import { fmtDate, fmtInt } from './format.js';
import './skm.css';

function NewPeriodForm({ units, onCreated }: { units: Unit[]; onCreated(p: Period): void }) {
  const { t } = useI18n();
  const [unitId, setUnitId] = useState('');
  const [kind, setKind] = useState<PeriodKind>('semester');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [part, setPart] = useState('1');
  const [population, setPopulation] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorsOf(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await skmApi.createPeriod({
        unitId,
        kind,
        year: Number(year),
        part: kind === 'year' ? null : Number(part),
        population: population.trim() ? Number(population) : null,
      });
      onCreated(created);
      setPopulation('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form card" onSubmit={submit} noValidate aria-labelledby="skm-new-period">
      <h2 id="skm-new-period">{t('skmWeb.period.new')}</h2>
      <ErrorAlert error={error} />
      <SelectField label={t('skmWeb.unit')} required value={unitId} onChange={(e) => setUnitId(e.target.value)} error={fields.unitId}>
        <option value="">—</option>
        {units.map((u) => <option key={u.id} value={u.id}>{u.name} — {u.opdName}</option>)}
      </SelectField>
      <div className="grid-2">
        <SelectField label={t('skmWeb.period.kind')} value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)} error={fields.kind}>
          {PERIOD_KINDS.map((k) => <option key={k} value={k}>{t(`skmWeb.period.kind.${k}`)}</option>)}
        </SelectField>
        <TextField label={t('skmWeb.period.year')} type="number" inputMode="numeric" min={2000} max={2100} required value={year} onChange={(e) => setYear(e.target.value)} error={fields.year} />
      </div>
      {kind !== 'year' ? (
        <SelectField label={t('skmWeb.period.part')} hint={t('skmWeb.period.partHint')} value={part} onChange={(e) => setPart(e.target.value)} error={fields.part}>
          {Array.from({ length: PARTS[kind] }, (_, i) => <option key={i + 1} value={i + 1}>{i + 1}</option>)}
        </SelectField>
      ) : null}
      <TextField label={t('skmWeb.period.population')} hint={t('skmWeb.period.populationHint')} type="number" inputMode="numeric" min={1} value={population} onChange={(e) => setPopulation(e.target.value)} error={fields.population} />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>{t('skmWeb.period.create')}</button>
      </div>
    </form>
  );
}

export function SkmHomePage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const admin = isAdmin(user);
  const [unitFilter, setUnitFilter] = useState('');
  const [flash, setFlash] = useState<string | null>(null);
  const units = useLoad(() => orgApi.units(), []);
  const periods = useLoad(() => skmApi.periods(unitFilter ? { unitId: unitFilter } : {}), [unitFilter]);
  const writable = (units.data?.items ?? []).filter((u) => u.isActive && canWriteUnitsOf(user, u.opdId));

  const columns: Column<Period>[] = [
    { header: t('skmWeb.period'), cell: (p) => <Link to={`/skm/periode/${p.id}`}>{p.label}</Link> },
    { header: t('skmWeb.unit'), cell: (p) => <>{p.unitName}<br /><span className="muted small">{p.opdName}</span></> },
    { header: t('skmWeb.period.range'), cell: (p) => `${fmtDate(locale, p.startsOn)} – ${fmtDate(locale, p.endsOn)}` },
    { header: t('skmWeb.period.population'), className: 'num', cell: (p) => (p.population === null ? '–' : fmtInt(locale, p.population)) },
    { header: t('skmWeb.pub.title'), cell: (p) => (p.published ? <span className="badge badge--ok">✓</span> : <span className="badge badge--muted">–</span>) },
    {
      header: t('web.actions'),
      className: 'actions',
      cell: (p) => <Link className="btn btn--small" to={`/skm/periode/${p.id}`} aria-label={t('skmWeb.period.openResultsNamed', { label: `${p.unitName} ${p.label}` })}>{t('skmWeb.period.openResults')}</Link>,
    },
  ];

  return (
    <>
      <PageHeader title={t('skmWeb.home.title')} lead={t('skmWeb.home.lead')} />
      <nav aria-label={t('skmWeb.tools')} className="section">
        <ul className="actions plain-list">
          <li><Link className="btn" to="/skm/hasil">{t('skmWeb.tools.results')}</Link></li>
          <li><Link className="btn" to="/skm/qr">{t('skmWeb.tools.qr')}</Link></li>
          <li><Link className="btn" to="/skm/ditandai">{t('skmWeb.tools.flagged')}</Link></li>
          <li><Link className="btn" to="/skm/kuesioner">{t('skmWeb.tools.questionnaire')}</Link></li>
          <li><Link className="btn" to="/ikm">{t('skmWeb.tools.public')}</Link></li>
        </ul>
      </nav>
      {flash ? <Notice>{flash}</Notice> : null}
      <section className="section" aria-labelledby="skm-periods">
        <h2 id="skm-periods">{t('skmWeb.periods')}</h2>
        <div className="filters" role="search" aria-label={t('web.filter.label')}>
          <SelectField label={t('skmWeb.unit')} value={unitFilter} onChange={(e) => setUnitFilter(e.target.value)}>
            <option value="">{t('skmWeb.allUnits')}</option>
            {(units.data?.items ?? []).map((u) => <option key={u.id} value={u.id}>{u.name} — {u.opdName}</option>)}
          </SelectField>
        </div>
        {periods.loading && !periods.data ? <Loading /> : null}
        <ErrorAlert error={periods.error} />
        {periods.data ? <Table caption={t('skmWeb.periods')} columns={columns} rows={periods.data.items} rowKey={(p) => p.id} empty={t('skmWeb.period.empty')} /> : null}
      </section>
      {admin || writable.length ? (
        <section className="section">
          <NewPeriodForm
            units={writable}
            onCreated={(p) => {
              setFlash(t('skmWeb.period.created', { label: `${p.unitName} ${p.label}` }));
              periods.reload();
            }}
          />
        </section>
      ) : null}
    </>
  );
}

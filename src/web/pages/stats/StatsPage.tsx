/**
 * /statistik — public statistics for citizens (issue #3): how many reports came in, how
 * many are with the desk, with an OPD, resolved or stopped, and the share resolved on
 * time, per OPD and per kecamatan. GET /public/stats sends counts only (no titles, no
 * personal data), so confidential reports are counted without revealing anything.
 */
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.js';
import { STATUSES, type ComplaintStatus } from '../../api/complaints.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { SelectField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import type { Locale } from '../../../shared/i18n/index.js';
import './stats.css';

/** One row of GET /public/stats (StatsResponse in shared/schemas/complaints-staff.ts). */
export interface StatsRow {
  id: string | null;
  name: string;
  total: number;
  byStatus: Record<string, number>;
  finished: number;
  onTime: number;
  onTimeRate: number | null;
}

export interface PublicStats {
  total: number;
  byStatus: Record<string, number>;
  perOpd: StatsRow[];
  perKecamatan: StatsRow[];
}

/** Stages of handling shown as columns: each groups statuses (merged reports are not counted). */
const STAGES = {
  verifying: ['received', 'held', 'verified'],
  handling: ['routed', 'accepted', 'in_progress'],
  done: ['resolved', 'closed'],
  stopped: ['rejected', 'archived'],
} as const satisfies Record<string, readonly ComplaintStatus[]>;
type Stage = keyof typeof STAGES;
const STAGE_KEYS = Object.keys(STAGES) as Stage[];

const tag = (l: Locale) => (l === 'id' ? 'id-ID' : 'en-GB');
const stageCount = (row: Pick<StatsRow, 'byStatus'>, stage: Stage) => STAGES[stage].reduce((n, s) => n + (row.byStatus[s] ?? 0), 0);

/** The years a citizen can pick: this one and the four before it. */
function recentYears(): number[] {
  const now = new Date().getFullYear();
  return [0, 1, 2, 3, 4].map((i) => now - i);
}

function GroupTable({ rows, caption, nameHeader }: { rows: StatsRow[]; caption: string; nameHeader: string }) {
  const { t, locale } = useI18n();
  const num = new Intl.NumberFormat(tag(locale));
  const pct = new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 1 });
  if (rows.length === 0) return <p className="empty">{t('web.stats.empty')}</p>;
  const col = (stage: Stage) => t(`web.stats.col.${stage}`);
  return (
    <table className="table stats-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{nameHeader}</th>
          <th scope="col" className="num">{t('web.stats.col.total')}</th>
          {STAGE_KEYS.map((s) => (
            <th key={s} scope="col" className="num">{col(s)}</th>
          ))}
          <th scope="col" className="num">{t('web.stats.col.onTime')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id ?? ''}>
            <th scope="row">{r.name}</th>
            <td className="num" data-label={t('web.stats.col.total')}>{num.format(r.total)}</td>
            {STAGE_KEYS.map((s) => (
              <td key={s} className="num" data-label={col(s)}>{num.format(stageCount(r, s))}</td>
            ))}
            <td className="num" data-label={t('web.stats.col.onTime')}>
              {r.onTimeRate === null
                ? <span className="muted">{t('web.stats.onTimeNone')}</span>
                : t('web.stats.onTimeValue', { rate: pct.format(r.onTimeRate), onTime: num.format(r.onTime), finished: num.format(r.finished) })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Summary({ stats }: { stats: PublicStats }) {
  const { t, locale } = useI18n();
  const num = new Intl.NumberFormat(tag(locale));
  const present = STATUSES.filter((s) => s !== 'merged' && (stats.byStatus[s] ?? 0) > 0);
  return (
    <section className="section" aria-labelledby="stats-summary">
      <h2 id="stats-summary">{t('web.stats.summary')}</h2>
      <p className="stats-total">{t('web.stats.total')}: <span data-testid="stats-total">{num.format(stats.total)}</span></p>
      {present.length ? (
        <table className="table stats-table">
          <caption className="visually-hidden">{t('web.stats.summaryCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('web.stats.status')}</th>
              <th scope="col" className="num">{t('web.stats.count')}</th>
            </tr>
          </thead>
          <tbody>
            {present.map((s) => (
              <tr key={s}>
                <th scope="row">{t(`web.complaint.status.${s}`)}</th>
                <td className="num" data-label={t('web.stats.count')}>{num.format(stats.byStatus[s] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function StatsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const years = recentYears();
  const raw = Number(params.get('tahun'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : undefined;
  const stats = useLoad(() => api.get<PublicStats>('/public/stats', { year }), [year]);

  function pickYear(value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set('tahun', value);
    else next.delete('tahun');
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageHeader title={t('web.stats.title')} lead={t('web.stats.lead')} />
      <form className="filters" role="search" aria-label={t('web.stats.filterLabel')} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('web.stats.year')} value={year ? String(year) : ''} onChange={(e) => pickYear(e.target.value)}>
          <option value="">{t('web.stats.allYears')}</option>
          {(year && !years.includes(year) ? [year, ...years] : years).map((y) => (
            <option key={y} value={y}>{y}</option>
          ))}
        </SelectField>
      </form>
      {stats.loading && !stats.data ? <Loading /> : null}
      <ErrorAlert error={stats.error} />
      {stats.data ? (
        <div aria-busy={stats.loading || undefined}>
          <Summary stats={stats.data} />
          <section className="section" aria-labelledby="stats-opd">
            <h2 id="stats-opd">{t('web.stats.perOpd')}</h2>
            <p className="muted">{t('web.stats.perOpdLead')}</p>
            <GroupTable rows={stats.data.perOpd} caption={t('web.stats.perOpdCaption')} nameHeader={t('web.stats.opd')} />
          </section>
          <section className="section" aria-labelledby="stats-kecamatan">
            <h2 id="stats-kecamatan">{t('web.stats.perKecamatan')}</h2>
            <p className="muted">{t('web.stats.perKecamatanLead')}</p>
            <GroupTable rows={stats.data.perKecamatan} caption={t('web.stats.perKecamatanCaption')} nameHeader={t('web.stats.kecamatan')} />
          </section>
          <p className="section small muted">{t('web.stats.note')}</p>
        </div>
      ) : null}
    </>
  );
}

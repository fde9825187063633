/**
 * Results: the IKM of a unit, an OPD or the whole tenant over a period, read from the
 * monthly aggregates (ADR 0018); breakdowns by respondent profile; trend across periods;
 * the weakest unsur; sample adequacy; excluded and flagged counts.
 *
 * Pooling (ADR 0017): an OPD or tenant figure pools the respondents of its units — per
 * unsur key, the sums and counts of all units (and of all questionnaire versions used in
 * the range) are added, NRR = Σ sum / Σ count, and the IKM is computed from those NRR with
 * the weights of the newest version used (unsur that version lacks are left out). It is
 * not an average of unit IKMs, so a unit with many respondents weighs more.
 */
import type { Db, Executor } from '../../db/index.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { t } from '../../../shared/i18n/index.js';
import { computeIkm, formatWeight, type IkmResult, type UnsurTally } from './ikm.js';
import { periodRange, monthOf } from './period.js';
import { currentQuestionnaire, getQuestionnaires, type Questionnaire } from './questionnaire-service.js';
import { sampleAdequacy, type SampleAdequacy } from './sample-size.js';
import * as repo from './repo.js';
import type { SkmPeriodKind } from './tables.js';

export interface Range {
  kind: SkmPeriodKind;
  year: number;
  part: number | null;
  startsOn: string;
  endsOn: string;
}

export interface ScopeFigures {
  respondents: number;
  excluded: number;
  flagged: number;
  ikm: IkmResult;
  questionnaire: Questionnaire;
  versions: number[];
}

export function periodLabel(locale: Locale, kind: SkmPeriodKind, year: number, part: number | null): string {
  return t(locale, `skm.period.${kind}`, { year, part: part ?? '' });
}

function pool(rows: repo.AggRow[]): Record<string, UnsurTally> {
  const out: Record<string, UnsurTally> = {};
  for (const r of rows) {
    const x = (out[r.unsur_key] ??= { sum: 0, count: 0 });
    x.sum += r.sum;
    x.count += r.count;
  }
  return out;
}

/** Figures for some units (null = every unit of the tenant) over whole months. */
export async function figures(db: Db, tenantId: string, unitIds: string[] | null, startsOn: string, endsOn: string): Promise<ScopeFigures> {
  const [tallies, resp] = await Promise.all([
    repo.aggregateTallies(db, tenantId, unitIds, monthOf(startsOn), monthOf(endsOn)),
    repo.aggregateRespondents(db, tenantId, unitIds, monthOf(startsOn), monthOf(endsOn)),
  ]);
  return figuresFrom(db, tenantId, tallies, resp);
}

export async function figuresFrom(db: Db, tenantId: string, tallies: repo.AggRow[], resp: repo.RespondentAggRow[]): Promise<ScopeFigures> {
  const versionIds = [...new Set([...tallies.map((r) => r.questionnaire_id), ...resp.map((r) => r.questionnaire_id)])];
  const versions = await getQuestionnaires(db, tenantId, versionIds);
  const newest = [...versions.values()].sort((a, b) => b.version - a.version)[0] ?? (await currentQuestionnaire(db, tenantId));
  const ikm = computeIkm(newest.unsur, pool(tallies));
  return {
    respondents: resp.reduce((s, r) => s + r.respondents, 0),
    excluded: resp.reduce((s, r) => s + r.excluded, 0),
    flagged: resp.reduce((s, r) => s + r.flagged, 0),
    ikm,
    questionnaire: newest,
    versions: [...versions.values()].map((v) => v.version).sort((a, b) => a - b),
  };
}

export function nrrList(f: ScopeFigures) {
  return f.questionnaire.unsur.map((u) => ({ key: u.key, name: u.name, value: f.ikm.nrr[u.key] ?? null, weight: formatWeight(u.weight) }));
}

export interface Breakdown {
  value: string | null;
  respondents: number;
  converted: number | null;
  mutu: string | null;
}

export async function breakdowns(db: Db, tenantId: string, unitIds: string[] | null, range: { startsOn: string; endsOn: string }, q: Questionnaire) {
  // Ranges are whole months (periods are years, semesters, quarters or months): the monthly aggregates cover them exactly.
  const rows = await repo.profileBreakdown(db, tenantId, unitIds, monthOf(range.startsOn), monthOf(range.endsOn));
  const out: Record<'sex' | 'ageBand' | 'education' | 'occupation', Breakdown[]> = { sex: [], ageBand: [], education: [], occupation: [] };
  const dimName = { sex: 'sex', age_band: 'ageBand', education: 'education', occupation: 'occupation' } as const;
  const groups = new Map<string, { dim: keyof typeof out; value: string | null; rows: repo.AggRow[]; respondents: number }>();
  for (const r of rows) {
    if (!r.dimension) continue;
    const k = `${r.dimension}|${r.value ?? ''}`;
    const g = groups.get(k) ?? { dim: dimName[r.dimension], value: r.value, rows: [], respondents: 0 };
    g.rows.push({ unit_id: '', questionnaire_id: '', unsur_key: r.unsur_key, sum: r.sum, count: r.count });
    g.respondents = Math.max(g.respondents, r.respondents);
    groups.set(k, g);
  }
  for (const g of groups.values()) {
    const ikm = computeIkm(q.unsur, pool(g.rows));
    out[g.dim].push({ value: g.value, respondents: g.respondents, converted: ikm.converted, mutu: ikm.mutu });
  }
  for (const list of Object.values(out)) list.sort((a, b) => (a.value ?? '~').localeCompare(b.value ?? '~'));
  return out;
}

/** The `n` ranges of the same kind ending with `r` (oldest first). */
export function previousRanges(r: Pick<Range, 'kind' | 'year' | 'part'>, n: number): Range[] {
  const per = { year: 1, semester: 2, quarter: 4, month: 12 }[r.kind];
  const out: Range[] = [];
  let year = r.year;
  let part = r.part ?? 1;
  for (let i = 0; i < n; i++) {
    const p = r.kind === 'year' ? null : part;
    const rg = periodRange(r.kind, year, p)!;
    out.unshift({ kind: r.kind, year, part: p, ...rg });
    if (r.kind === 'year' || part === 1) {
      year -= 1;
      part = per;
    } else part -= 1;
  }
  return out;
}

export function adequacy(population: number | null, respondents: number, locale: Locale): SampleAdequacy & { message: string | null } {
  const a = sampleAdequacy(population, respondents);
  return { ...a, message: a.adequate === false ? t(locale, 'skm.sampleShort') : null };
}

/** Sum of the populations of the units' periods of exactly this range (null when none is set). */
export async function pooledPopulation(db: Executor, tenantId: string, unitIds: string[] | null, r: Range): Promise<number | null> {
  const periods = await repo.listPeriods(db, tenantId, { unitIds, year: r.year });
  const same = periods.filter((p) => p.kind === r.kind && (p.part ?? null) === (r.part ?? null) && p.population != null);
  return same.length ? same.reduce((s, p) => s + (p.population ?? 0), 0) : null;
}

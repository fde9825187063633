/**
 * The results a dashboard shows (unit, OPD or tenant over a period) and the public list
 * of published results. Reads the aggregates through results-service.ts.
 */
import type { Db } from '../../db/index.js';
import type { Actor, TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import type { TSkmPublicResults, TSkmResults, TSkmResultsQuery } from '../../../shared/schemas/skm.js';
import { can } from './policy.js';
import { periodRange } from './period.js';
import { adequacy, breakdowns, figures, nrrList, periodLabel, pooledPopulation, previousRanges, type Range } from './results-service.js';
import { periodFor, readableUnits, unitFor } from './staff-service.js';
import * as repo from './repo.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export async function getResults(db: Db, actor: Actor, tenant: TenantRef, locale: Locale, q: TSkmResultsQuery): Promise<TSkmResults> {
  const tenantId = tenant.id;
  let scope: TSkmResults['scope'];
  let unit: repo.UnitInfo | null = null;
  let opd: { id: string; name: string } | null = null;
  let range: Range;
  let periodId: string | null = null;
  let population: number | null;
  let unitIds: string[] | null;

  if (q.periodId) {
    const found = await periodFor(db, actor, tenantId, q.periodId, 'skm.read');
    unit = found.unit;
    const p = found.period;
    scope = 'unit';
    periodId = p.id;
    range = { kind: p.kind, year: p.year, part: p.part, startsOn: p.starts_on, endsOn: p.ends_on };
    population = p.population;
    unitIds = [unit.id];
  } else {
    if (!q.year) throw new AppError('VALIDATION', { detail: 'year' }, [{ field: 'year' }], 'skm.resultsScope');
    const kind = q.kind ?? 'year';
    const part = kind === 'year' ? null : (q.part ?? null);
    const rg = periodRange(kind, q.year, part);
    if (!rg) throw new AppError('VALIDATION', { kind, detail: 'part' }, [{ field: 'part' }], 'skm.periodPart');
    range = { kind, year: q.year, part, ...rg };
    if (q.unitId) {
      unit = await unitFor(db, actor, tenantId, q.unitId, 'skm.read');
      scope = 'unit';
      unitIds = [unit.id];
    } else if (q.opdId) {
      authorize(can(actor, 'skm.read', { tenantId, opdId: q.opdId }));
      const o = await db.selectFrom('opd').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', '=', q.opdId).executeTakeFirst();
      if (!o) throw new AppError('NOT_FOUND');
      opd = o;
      scope = 'opd';
      unitIds = (await repo.listUnits(db, tenantId, o.id)).map((u) => u.id);
    } else {
      authorize(can(actor, 'skm.read', { tenantId }));
      scope = 'tenant';
      unitIds = null;
    }
    population = await pooledPopulation(db, tenantId, unitIds, range);
  }

  const f = await figures(db, tenantId, unitIds, range.startsOn, range.endsOn);
  const nrr = nrrList(f);
  const names = new Map(nrr.map((n) => [n.key, n.name]));

  // Trend: a unit's own periods of the same kind; for OPD/tenant the last 4 ranges of the kind.
  let trendRanges: Range[];
  if (scope === 'unit' && periodId) {
    const periods = await repo.listPeriods(db, tenantId, { unitIds: [unit!.id] });
    trendRanges = periods.filter((p) => p.kind === range.kind).map((p) => ({ kind: p.kind, year: p.year, part: p.part, startsOn: p.starts_on, endsOn: p.ends_on })).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  } else trendRanges = previousRanges(range, 4);
  const trend = await Promise.all(
    trendRanges.map(async (r) => {
      const x = r.startsOn === range.startsOn && r.endsOn === range.endsOn ? f : await figures(db, tenantId, unitIds, r.startsOn, r.endsOn);
      return { label: periodLabel(locale, r.kind, r.year, r.part), startsOn: r.startsOn, endsOn: r.endsOn, respondents: x.respondents, converted: x.ikm.converted, mutu: x.ikm.mutu };
    }),
  );

  let units: TSkmResults['units'] = [];
  if (scope !== 'unit') {
    const list = await readableUnits(db, actor, tenantId, opd?.id ?? null);
    const per = await Promise.all(list.map(async (u) => ({ u, x: await figures(db, tenantId, [u.id], range.startsOn, range.endsOn) })));
    units = per
      .filter(({ x }) => x.respondents > 0)
      .map(({ u, x }) => ({ unitId: u.id, unitName: u.name, opdName: u.opd_name, respondents: x.respondents, converted: x.ikm.converted, mutu: x.ikm.mutu }))
      .sort((a, b) => (a.converted ?? 0) - (b.converted ?? 0));
  }

  return {
    scope,
    unit: unit ? { id: unit.id, name: unit.name, opdName: unit.opd_name } : null,
    opd,
    period: { id: periodId, kind: range.kind, year: range.year, part: range.part, label: periodLabel(locale, range.kind, range.year, range.part), startsOn: range.startsOn, endsOn: range.endsOn },
    respondents: f.respondents,
    excluded: f.excluded,
    flagged: f.flagged,
    ikm: f.ikm.ikm,
    converted: f.ikm.converted,
    mutu: f.ikm.mutu,
    kinerja: f.ikm.kinerja,
    nrr,
    weakest: f.ikm.weakest.map((k) => ({ key: k, name: names.get(k) ?? k, value: f.ikm.nrr[k] ?? null })),
    sample: adequacy(population, f.respondents, locale),
    pooling: t(locale, 'skm.poolingMethod'),
    questionnaireVersions: f.versions,
    breakdowns: await breakdowns(db, tenantId, unitIds, range, f.questionnaire),
    trend,
    units,
  };
}

/** Published periods (at least one publication record) with their figures; no personal data. */
export async function publicResults(db: Db, tenant: TenantRef, locale: Locale, unitId?: string): Promise<TSkmPublicResults> {
  const periods = (await repo.publishedPeriods(db, tenant.id, unitId)).slice(0, 60);
  const units = new Map((await repo.listUnits(db, tenant.id)).map((u) => [u.id, u]));
  const items = await Promise.all(
    periods.map(async (p) => {
      const u = units.get(p.unit_id);
      const f = await figures(db, tenant.id, [p.unit_id], p.starts_on, p.ends_on);
      return {
        unitId: p.unit_id,
        unitName: u?.name ?? '',
        opdName: u?.opd_name ?? '',
        periodLabel: periodLabel(locale, p.kind, p.year, p.part),
        respondents: f.respondents,
        ikm: f.ikm.ikm,
        converted: f.ikm.converted,
        mutu: f.ikm.mutu,
        kinerja: f.ikm.kinerja,
        nrr: nrrList(f).map(({ key, name, value }) => ({ key, name, value })),
        publishedAt: iso(p.published_at),
      };
    }),
  );
  return { items };
}

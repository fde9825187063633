/**
 * SQL of the survey aggregates (ADR 0018): public answers are folded in by the job
 * skm.fold (fold-repo.ts); exclusion/restore of a folded answer and paper imports adjust
 * them in the writer's transaction; readers add the unfolded tail. The profile breakdowns
 * have their own aggregate (skm_agg_profile). Also the naive aggregates over raw answers
 * (tests, benchmark). Filters by tenant_id.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/index.js';

/** Rows per aggregate key (a random one per write): concurrent answers for one unit rarely wait on one row lock. */
export const AGG_SHARDS = 16;

/**
 * Adds (sign +1) or removes (sign −1) one response's answers to/from the aggregates.
 * Rows are upserted in key order, so concurrent writers lock them in the same order.
 */
export async function applyToAggregates(
  db: Executor,
  r: { tenantId: string; unitId: string; month: string; questionnaireId: string; answers: Record<string, number> },
  sign: 1 | -1,
  counts: { respondents: number; excluded: number; flagged: number },
): Promise<void> {
  const keys = Object.keys(r.answers).sort();
  const shard = Math.floor(Math.random() * AGG_SHARDS);
  if (keys.length) {
    await db
      .insertInto('skm_agg_unsur')
      .values(keys.map((k) => ({ tenant_id: r.tenantId, unit_id: r.unitId, month: r.month, questionnaire_id: r.questionnaireId, unsur_key: k, shard, sum: sign * r.answers[k], count: sign })))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'unit_id', 'month', 'questionnaire_id', 'unsur_key', 'shard']).doUpdateSet({
          sum: sql`skm_agg_unsur.sum + excluded.sum`,
          count: sql`skm_agg_unsur.count + excluded.count`,
        }),
      )
      .execute();
  }
  await db
    .insertInto('skm_agg_respondent')
    .values({ tenant_id: r.tenantId, unit_id: r.unitId, month: r.month, questionnaire_id: r.questionnaireId, shard, ...counts })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'unit_id', 'month', 'questionnaire_id', 'shard']).doUpdateSet({
        respondents: sql`skm_agg_respondent.respondents + excluded.respondents`,
        excluded: sql`skm_agg_respondent.excluded + excluded.excluded`,
        flagged: sql`skm_agg_respondent.flagged + excluded.flagged`,
      }),
    )
    .execute();
}

/**
 * The respondent profile dimensions of the breakdowns as (dimension, value) rows of the
 * response aliased `alias`, for a CROSS JOIN LATERAL (the fold, the writers, the reader).
 */
export const profileValues = (alias: string) =>
  `(VALUES ('sex', ${alias}.sex), ('age_band', ${alias}.age_band), ('education', ${alias}.education), ('occupation', ${alias}.occupation))`;
const PROFILE_VALUES = sql.raw(profileValues('r'));

/**
 * Adds (sign +1) or removes (sign −1) stored answers to/from the profile aggregates
 * (skm_agg_profile), computed from the rows themselves: the answers named by id (an
 * exclusion or restore of a folded answer) or by clientId (rows a paper import or the demo
 * seed inserted already folded). `countedOnly` skips excluded rows (inserts).
 */
export async function applyToProfileAggregates(
  db: Executor,
  tenantId: string,
  which: { ids: string[] } | { clientIds: string[] },
  sign: 1 | -1,
  opts: { countedOnly: boolean },
): Promise<void> {
  const list = 'ids' in which ? which.ids : which.clientIds;
  if (!list.length) return;
  const match = 'ids' in which ? sql`r.id = ANY(${list}::uuid[])` : sql`r.client_id = ANY(${list}::uuid[])`;
  await sql`
    INSERT INTO skm_agg_profile (tenant_id, unit_id, month, questionnaire_id, dimension, value, unsur_key, sum, count)
    SELECT r.tenant_id, r.unit_id, r.month, r.questionnaire_id, p.dimension, coalesce(p.value, ''), a.key, ${sign}::int * sum(a.value::int), ${sign}::int * count(*)
    FROM skm_response r CROSS JOIN LATERAL ${PROFILE_VALUES} AS p(dimension, value) CROSS JOIN LATERAL jsonb_each_text(r.answers) AS a
    WHERE r.tenant_id = ${tenantId} AND ${match} ${opts.countedOnly ? sql`AND NOT r.excluded` : sql``}
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (tenant_id, unit_id, month, questionnaire_id, dimension, value, unsur_key)
    DO UPDATE SET sum = skm_agg_profile.sum + excluded.sum, count = skm_agg_profile.count + excluded.count`.execute(db);
}

export interface AggRow {
  unit_id: string;
  questionnaire_id: string;
  unsur_key: string;
  sum: number;
  count: number;
}

/**
 * Tallies per unit × version × unsur over whole months [fromMonth, toMonth]: the folded
 * aggregates plus the unfolded tail (answers the job has not folded yet, read through the
 * partial index skm_response_unfolded_idx), in ONE statement so both parts see the same
 * snapshot — a fold committing meanwhile can neither be missed nor counted twice.
 */
export async function aggregateTallies(db: Executor, tenantId: string, unitIds: string[] | null, fromMonth: string, toMonth: string): Promise<AggRow[]> {
  if (unitIds && !unitIds.length) return [];
  const aggUnits = unitIds ? sql`AND unit_id IN (${sql.join(unitIds)})` : sql``;
  const tailUnits = unitIds ? sql`AND r.unit_id IN (${sql.join(unitIds)})` : sql``;
  const res = await sql<AggRow>`
    SELECT unit_id, questionnaire_id, unsur_key, sum(sum)::bigint AS sum, sum(count)::bigint AS count FROM (
      SELECT unit_id, questionnaire_id, unsur_key, sum, count FROM skm_agg_unsur
      WHERE tenant_id = ${tenantId} AND month >= ${fromMonth}::date AND month <= ${toMonth}::date ${aggUnits}
      UNION ALL
      SELECT r.unit_id, r.questionnaire_id, a.key, a.value::int, 1 FROM skm_response r, jsonb_each_text(r.answers) a
      WHERE r.tenant_id = ${tenantId} AND NOT r.folded AND NOT r.excluded AND r.month >= ${fromMonth}::date AND r.month <= ${toMonth}::date ${tailUnits}
    ) t GROUP BY unit_id, questionnaire_id, unsur_key`.execute(db);
  return res.rows.map((r) => ({ ...r, sum: Number(r.sum), count: Number(r.count) }));
}

export interface RespondentAggRow {
  unit_id: string;
  questionnaire_id: string;
  respondents: number;
  excluded: number;
  flagged: number;
}

/** Respondents (counted, excluded, flagged) per unit × version: aggregates plus the unfolded tail, one statement. */
export async function aggregateRespondents(db: Executor, tenantId: string, unitIds: string[] | null, fromMonth: string, toMonth: string): Promise<RespondentAggRow[]> {
  if (unitIds && !unitIds.length) return [];
  const units = unitIds ? sql`AND unit_id IN (${sql.join(unitIds)})` : sql``;
  const res = await sql<RespondentAggRow>`
    SELECT unit_id, questionnaire_id, sum(respondents)::bigint AS respondents, sum(excluded)::bigint AS excluded, sum(flagged)::bigint AS flagged FROM (
      SELECT unit_id, questionnaire_id, respondents, excluded, flagged FROM skm_agg_respondent
      WHERE tenant_id = ${tenantId} AND month >= ${fromMonth}::date AND month <= ${toMonth}::date ${units}
      UNION ALL
      SELECT unit_id, questionnaire_id, (NOT excluded)::int, excluded::int, flagged::int FROM skm_response
      WHERE tenant_id = ${tenantId} AND NOT folded AND month >= ${fromMonth}::date AND month <= ${toMonth}::date ${units}
    ) t GROUP BY unit_id, questionnaire_id`.execute(db);
  return res.rows.map((r) => ({ ...r, respondents: Number(r.respondents), excluded: Number(r.excluded), flagged: Number(r.flagged) }));
}

/**
 * The naive aggregate straight over the raw answers (used by tests and the benchmark to
 * check the aggregates; never by the dashboard).
 */
export async function rawTallies(db: Executor, tenantId: string, unitIds: string[] | null, from: string, to: string): Promise<AggRow[]> {
  const unitFilter = unitIds ? sql`AND r.unit_id IN (${sql.join(unitIds.length ? unitIds : ['00000000-0000-0000-0000-000000000000'])})` : sql``;
  const res = await sql<AggRow>`
    SELECT r.unit_id, r.questionnaire_id, a.key AS unsur_key, sum(a.value::int)::bigint AS sum, count(*)::bigint AS count
    FROM skm_response r, jsonb_each_text(r.answers) a
    WHERE r.tenant_id = ${tenantId} AND NOT r.excluded AND r.answered_on BETWEEN ${from} AND ${to} ${unitFilter}
    GROUP BY r.unit_id, r.questionnaire_id, a.key`.execute(db);
  return res.rows.map((r) => ({ ...r, sum: Number(r.sum), count: Number(r.count) }));
}

export interface BreakdownRow {
  dimension: 'sex' | 'age_band' | 'education' | 'occupation';
  value: string | null;
  unsur_key: string;
  sum: number;
  count: number;
  respondents: number;
}

/**
 * Per profile value: tallies per unsur, and respondents (the most answers of any unsur: one
 * answer per unsur per respondent), over whole months — the profile aggregates plus the
 * unfolded tail, in ONE statement (one snapshot), like aggregateTallies.
 */
export async function profileBreakdown(db: Executor, tenantId: string, unitIds: string[] | null, fromMonth: string, toMonth: string): Promise<BreakdownRow[]> {
  if (unitIds && !unitIds.length) return [];
  const aggUnits = unitIds ? sql`AND unit_id IN (${sql.join(unitIds)})` : sql``;
  const tailUnits = unitIds ? sql`AND r.unit_id IN (${sql.join(unitIds)})` : sql``;
  const res = await sql<{ dimension: BreakdownRow['dimension']; value: string; unsur_key: string; sum: number; count: number }>`
    SELECT dimension, value, unsur_key, sum(sum)::bigint AS sum, sum(count)::bigint AS count FROM (
      SELECT dimension, value, unsur_key, sum, count FROM skm_agg_profile
      WHERE tenant_id = ${tenantId} AND month >= ${fromMonth}::date AND month <= ${toMonth}::date ${aggUnits}
      UNION ALL
      SELECT p.dimension, coalesce(p.value, ''), a.key, a.value::int, 1
      FROM skm_response r CROSS JOIN LATERAL ${PROFILE_VALUES} AS p(dimension, value) CROSS JOIN LATERAL jsonb_each_text(r.answers) AS a
      WHERE r.tenant_id = ${tenantId} AND NOT r.folded AND NOT r.excluded AND r.month >= ${fromMonth}::date AND r.month <= ${toMonth}::date ${tailUnits}
    ) t GROUP BY dimension, value, unsur_key
    HAVING sum(count) <> 0`.execute(db); // a group emptied by exclusions keeps a zero row
  return withRespondents(res.rows.map((r) => ({ dimension: r.dimension, value: r.value === '' ? null : r.value, unsur_key: r.unsur_key, sum: Number(r.sum), count: Number(r.count), respondents: 0 })));
}

/** respondents of a (dimension, value) group = the most answers any of its unsur got. */
function withRespondents(rows: BreakdownRow[]): BreakdownRow[] {
  const most = new Map<string, number>();
  for (const r of rows) most.set(`${r.dimension}|${r.value}`, Math.max(most.get(`${r.dimension}|${r.value}`) ?? 0, r.count));
  return rows.map((r) => ({ ...r, respondents: most.get(`${r.dimension}|${r.value}`)! }));
}

/** The breakdowns straight over the raw answers, one pass with grouping sets (tests and the benchmark check the aggregates with it). */
export async function rawProfileBreakdown(db: Executor, tenantId: string, unitIds: string[] | null, from: string, to: string): Promise<BreakdownRow[]> {
  const unitFilter = unitIds ? sql`AND r.unit_id IN (${sql.join(unitIds.length ? unitIds : ['00000000-0000-0000-0000-000000000000'])})` : sql``;
  const res = await sql<{ sex: string | null; age_band: string | null; education: string | null; occupation: string | null; g: number; unsur_key: string; sum: number; count: number; respondents: number }>`
    SELECT r.sex, r.age_band, r.education, r.occupation,
           GROUPING(r.sex, r.age_band, r.education, r.occupation) AS g,
           a.key AS unsur_key, sum(a.value::int)::bigint AS sum, count(*)::bigint AS count, count(DISTINCT r.id)::bigint AS respondents
    FROM skm_response r, jsonb_each_text(r.answers) a
    WHERE r.tenant_id = ${tenantId} AND NOT r.excluded AND r.answered_on BETWEEN ${from} AND ${to} ${unitFilter}
    GROUP BY GROUPING SETS ((r.sex, a.key), (r.age_band, a.key), (r.education, a.key), (r.occupation, a.key))`.execute(db);
  // GROUPING bits: sex=8, age_band=4, education=2, occupation=1 (1 = not grouped by it)
  const dimOf: Record<number, BreakdownRow['dimension']> = { 7: 'sex', 11: 'age_band', 13: 'education', 14: 'occupation' };
  const rows = res.rows.map((r) => {
    const dimension = dimOf[Number(r.g)];
    return { dimension, value: (r as Record<string, unknown>)[dimension] as string | null, unsur_key: r.unsur_key, sum: Number(r.sum), count: Number(r.count), respondents: Number(r.respondents) };
  });
  // the group's respondents: those who answered anything (as the aggregates count them)
  return withRespondents(rows);
}

/** Adds many answers of one unit × month × version at once (paper imports). */
export async function applyBulkToAggregates(
  db: Executor,
  k: { tenantId: string; unitId: string; month: string; questionnaireId: string },
  tallies: Record<string, { sum: number; count: number }>,
  respondents: number,
): Promise<void> {
  const keys = Object.keys(tallies).sort();
  if (keys.length) {
    await db
      .insertInto('skm_agg_unsur')
      .values(keys.map((u) => ({ tenant_id: k.tenantId, unit_id: k.unitId, month: k.month, questionnaire_id: k.questionnaireId, unsur_key: u, sum: tallies[u].sum, count: tallies[u].count })))
      .onConflict((oc) => oc.columns(['tenant_id', 'unit_id', 'month', 'questionnaire_id', 'unsur_key', 'shard']).doUpdateSet({ sum: sql`skm_agg_unsur.sum + excluded.sum`, count: sql`skm_agg_unsur.count + excluded.count` }))
      .execute();
  }
  await db
    .insertInto('skm_agg_respondent')
    .values({ tenant_id: k.tenantId, unit_id: k.unitId, month: k.month, questionnaire_id: k.questionnaireId, respondents, excluded: 0, flagged: 0 })
    .onConflict((oc) => oc.columns(['tenant_id', 'unit_id', 'month', 'questionnaire_id', 'shard']).doUpdateSet({ respondents: sql`skm_agg_respondent.respondents + excluded.respondents` }))
    .execute();
}


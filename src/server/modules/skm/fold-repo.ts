/**
 * Folding answers into the aggregates (ADR 0018): public answers are inserted unfolded
 * (ingest-repo.ts); the job `skm.fold` (jobs.ts) calls foldPending, which claims a bounded
 * batch of unfolded rows and adds them to skm_agg_unsur / skm_agg_respondent /
 * skm_agg_profile in ONE statement. The claim is `FOR UPDATE SKIP LOCKED` and re-checks `NOT folded` on the
 * locked row, so two runners (or a runner and a staff exclusion holding the row) never
 * fold a row twice; the flag and the sums commit together or not at all.
 *
 * The fold works across tenants (it is a system job; every row keeps its tenant_id in the
 * aggregate key). Readers add the unfolded tail themselves (agg-repo.ts).
 */
import { CompiledQuery, sql } from 'kysely';
import type { Db, Executor } from '../../db/index.js';
import { pgCode } from '../../platform/errors.js';
import { preparedStatement } from '../../db/index.js';
import { AGG_SHARDS, profileValues } from './agg-repo.js';

/** Rows claimed per statement. */
export const FOLD_BATCH = 2000;
/** A run of the job stops after this long (the next slot continues). */
export const FOLD_BUDGET_MS = 4000;

const FOLD_SQL = preparedStatement(
  'skm_fold_v2',
  `WITH pick AS MATERIALIZED (
  SELECT tenant_id, id FROM skm_response WHERE NOT folded LIMIT $1::int FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE skm_response r SET folded = true
  FROM pick WHERE r.tenant_id = pick.tenant_id AND r.id = pick.id AND NOT r.folded
  RETURNING r.tenant_id, r.unit_id, r.month, r.questionnaire_id, r.answers, r.excluded, r.flagged, r.sex, r.age_band, r.education, r.occupation
), tallies AS (
  SELECT c.tenant_id, c.unit_id, c.month, c.questionnaire_id, a.key AS unsur_key, sum(a.value::int)::bigint AS sum, count(*)::bigint AS count
  FROM claimed c, jsonb_each_text(c.answers) a WHERE NOT c.excluded
  GROUP BY c.tenant_id, c.unit_id, c.month, c.questionnaire_id, a.key
), agg AS (
  INSERT INTO skm_agg_unsur (tenant_id, unit_id, month, questionnaire_id, unsur_key, shard, sum, count)
  SELECT tenant_id, unit_id, month, questionnaire_id, unsur_key, $2::int2, sum, count FROM tallies
  ORDER BY tenant_id, unit_id, month, questionnaire_id, unsur_key
  ON CONFLICT (tenant_id, unit_id, month, questionnaire_id, unsur_key, shard)
  DO UPDATE SET sum = skm_agg_unsur.sum + excluded.sum, count = skm_agg_unsur.count + excluded.count
), resp AS (
  INSERT INTO skm_agg_respondent (tenant_id, unit_id, month, questionnaire_id, shard, respondents, excluded, flagged)
  SELECT tenant_id, unit_id, month, questionnaire_id, $2::int2,
    count(*) FILTER (WHERE NOT excluded), count(*) FILTER (WHERE excluded), count(*) FILTER (WHERE flagged)
  FROM claimed GROUP BY tenant_id, unit_id, month, questionnaire_id
  ORDER BY tenant_id, unit_id, month, questionnaire_id
  ON CONFLICT (tenant_id, unit_id, month, questionnaire_id, shard)
  DO UPDATE SET respondents = skm_agg_respondent.respondents + excluded.respondents,
    excluded = skm_agg_respondent.excluded + excluded.excluded, flagged = skm_agg_respondent.flagged + excluded.flagged
), prof AS (
  INSERT INTO skm_agg_profile (tenant_id, unit_id, month, questionnaire_id, dimension, value, unsur_key, sum, count)
  SELECT c.tenant_id, c.unit_id, c.month, c.questionnaire_id, p.dimension, coalesce(p.value, ''), a.key, sum(a.value::int)::bigint, count(*)::bigint
  FROM claimed c
    CROSS JOIN LATERAL ${profileValues('c')} AS p(dimension, value)
    CROSS JOIN LATERAL jsonb_each_text(c.answers) AS a
  WHERE NOT c.excluded
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (tenant_id, unit_id, month, questionnaire_id, dimension, value, unsur_key)
  DO UPDATE SET sum = skm_agg_profile.sum + excluded.sum, count = skm_agg_profile.count + excluded.count
)
SELECT count(*)::int AS n FROM claimed`,
);

/**
 * How long the fold waits for an aggregate row another transaction holds (an exclusion, a
 * paper import, the demo seed) before it gives way. It is well under PostgreSQL's
 * deadlock_timeout (1 s), so in any lock cycle with a citizen's or a staff member's
 * transaction it is always the fold that steps back — it loses nothing and tries again.
 */
export const FOLD_LOCK_TIMEOUT_MS = 200;
const FOLD_ATTEMPTS = 5;
const LOCK_GIVEN_UP = new Set(['55P03', '40P01']);

/** Folds one batch of at most `limit` unfolded rows; the number folded. */
export async function foldBatch(db: Db, limit = FOLD_BATCH): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const shard = Math.floor(Math.random() * AGG_SHARDS);
    try {
      return await db.transaction().execute(async (tx) => {
        await sql`SET LOCAL lock_timeout = ${sql.lit(`${FOLD_LOCK_TIMEOUT_MS}ms`)}`.execute(tx);
        const { rows } = await tx.executeQuery<{ n: number }>(CompiledQuery.raw(FOLD_SQL, [limit, shard]));
        return Number(rows[0]?.n ?? 0);
      });
    } catch (err) {
      // The whole statement rolled back: nothing was folded, so trying again is safe.
      if (!LOCK_GIVEN_UP.has(pgCode(err) ?? '') || attempt >= FOLD_ATTEMPTS) throw err;
    }
  }
}

/** Folds batches until none is left or the time budget is spent. */
export async function foldPending(db: Db, opts: { batch?: number; budgetMs?: number } = {}): Promise<{ folded: number; batches: number; done: boolean }> {
  const batch = opts.batch ?? FOLD_BATCH;
  const until = Date.now() + (opts.budgetMs ?? FOLD_BUDGET_MS);
  let folded = 0;
  let batches = 0;
  for (;;) {
    const n = await foldBatch(db, batch);
    folded += n;
    batches++;
    if (n < batch) return { folded, batches, done: true };
    if (Date.now() >= until) return { folded, batches, done: false };
  }
}

/** Unfolded rows of a tenant (tests, benchmark, status). */
export async function unfoldedCount(db: Executor, tenantId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM skm_response WHERE tenant_id = ${tenantId} AND NOT folded`.execute(db);
  return Number(r.rows[0].n);
}

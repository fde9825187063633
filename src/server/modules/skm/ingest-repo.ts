/**
 * The write of one public answer as ONE statement (ADR 0018): the anti-stuffing look-back
 * and the insert (a known clientId inserts nothing), atomically and in one round trip. A
 * prepared statement on PostgreSQL. The row is stored unfolded: the job `skm.fold`
 * (fold-repo.ts) adds it to the aggregates a few seconds later; readers add the unfolded
 * tail, so results are exact at once.
 *
 * The look-back is one ordered, bounded range scan of skm_response_fp_idx (tenant,
 * fingerprint, created_at), read backwards: the device's latest answers in the flag window
 * (at most 200), of this unit. The unit is compared with IS NOT DISTINCT FROM, which no
 * index can use, on purpose: with `unit_id =` the plan cached for the prepared statement
 * picked skm_response_unit_idx on a table without statistics and read every answer of
 * the unit on each insert (the cost grew with the table). A device answering for the
 * first time now costs one empty index probe.
 */
import { CompiledQuery } from 'kysely';
import type { Executor } from '../../db/index.js';
import { preparedStatement } from '../../db/index.js';
import { ALONE } from '../../db/group-writer.js';

const INGEST_SQL = preparedStatement(
  'skm_ingest_v2',
  `WITH recent AS MATERIALIZED (
  SELECT answers_hash, created_at FROM skm_response
  WHERE tenant_id = $1::uuid AND fingerprint = $20::text AND created_at >= now() - make_interval(secs => $24::float8) AND unit_id IS NOT DISTINCT FROM $3::uuid
  ORDER BY created_at DESC LIMIT 200
), flag AS MATERIALIZED (
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM recent WHERE answers_hash = $21::text AND created_at >= now() - make_interval(secs => $22::float8)) THEN 'repeat'
    WHEN (SELECT count(*) FROM recent) >= $23::int THEN 'burst' END AS reason
), ins AS (
  INSERT INTO skm_response (tenant_id, client_id, unit_id, counter_id, officer_code, questionnaire_id, answers, sex, age, age_band, education, occupation,
    service_id, answered_at, answered_on, month, time_slot, suggestion, source, fingerprint, answers_hash, flagged, flag_reason)
  SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::text, $6::uuid, $7::jsonb, $8::text, $9::int, $10::text, $11::text, $12::text,
    $13::uuid, $14::timestamptz, $15::date, $16::date, $17::text, $18::text, $19::text, $20::text, $21::text, flag.reason IS NOT NULL, flag.reason
  FROM flag
  ON CONFLICT (tenant_id, client_id) DO NOTHING
  RETURNING id
)
SELECT id FROM ins`,
);

/** The input columns of the multi-row ingest, in ingestParameters' order, with their types. */
const INGEST_INPUT = [
  ['tenant_id', 'uuid'], ['client_id', 'uuid'], ['unit_id', 'uuid'], ['counter_id', 'uuid'], ['officer_code', 'text'], ['questionnaire_id', 'uuid'],
  ['answers', 'text'], ['sex', 'text'], ['age', 'int4'], ['age_band', 'text'], ['education', 'text'], ['occupation', 'text'], ['service_id', 'uuid'],
  ['answered_at', 'timestamptz'], ['answered_on', 'date'], ['month', 'date'], ['time_slot', 'text'], ['suggestion', 'text'], ['source', 'text'],
  ['fingerprint', 'text'], ['answers_hash', 'text'], ['repeat_secs', 'float8'], ['burst_limit', 'int4'], ['flag_secs', 'float8'],
] as const;

/**
 * INGEST_SQL for many answers at once (group writes, ADR 0023): each parameter is the
 * array of one column over the answers. The look-back runs per answer (LATERAL), against
 * the rows stored before this statement and the answers before it in the batch, so a
 * device sending many at once is flagged as if it had sent them one after another.
 * A clientId already stored (or twice in the batch) inserts nothing for that answer.
 */
const INGEST_MANY_SQL = preparedStatement(
  'skm_ingest_many_v2',
  `WITH i AS (
  SELECT * FROM unnest(${INGEST_INPUT.map(([, type], n) => `$${n + 1}::${type}[]`).join(', ')})
    WITH ORDINALITY AS t(${INGEST_INPUT.map(([name]) => name).join(', ')}, ord)
), f AS (
  SELECT i.*, CASE WHEN rec.repeated OR peers.repeated THEN 'repeat' WHEN rec.n + peers.n >= i.burst_limit THEN 'burst' END AS reason
  FROM i CROSS JOIN LATERAL (
    SELECT count(*) AS n, coalesce(bool_or(x.answers_hash = i.answers_hash AND x.created_at >= now() - make_interval(secs => i.repeat_secs)), false) AS repeated
    FROM (
      SELECT answers_hash, created_at FROM skm_response
      WHERE tenant_id = i.tenant_id AND fingerprint = i.fingerprint AND created_at >= now() - make_interval(secs => i.flag_secs) AND unit_id IS NOT DISTINCT FROM i.unit_id
      ORDER BY created_at DESC LIMIT 200
    ) x
  ) rec
  -- answers earlier in this batch count as if they had arrived just before: a device
  -- sending many at once is flagged as it would be sending them one after another
  CROSS JOIN LATERAL (
    SELECT count(*) AS n, coalesce(bool_or(p.answers_hash = i.answers_hash), false) AS repeated
    FROM i p WHERE p.ord < i.ord AND p.tenant_id = i.tenant_id AND p.fingerprint = i.fingerprint AND p.unit_id IS NOT DISTINCT FROM i.unit_id
  ) peers
), ins AS (
  INSERT INTO skm_response (tenant_id, client_id, unit_id, counter_id, officer_code, questionnaire_id, answers, sex, age, age_band, education, occupation,
    service_id, answered_at, answered_on, month, time_slot, suggestion, source, fingerprint, answers_hash, flagged, flag_reason)
  SELECT tenant_id, client_id, unit_id, counter_id, officer_code, questionnaire_id, answers::jsonb, sex, age, age_band, education, occupation,
    service_id, answered_at, answered_on, month, time_slot, suggestion, source, fingerprint, answers_hash, reason IS NOT NULL, reason
  FROM f
  ON CONFLICT (tenant_id, client_id) DO NOTHING
  RETURNING tenant_id, client_id, id
)
SELECT tenant_id, client_id, id FROM ins`,
);

export interface IngestRow {
  tenantId: string;
  clientId: string;
  unitId: string;
  counterId: string | null;
  officerCode: string | null;
  questionnaireId: string;
  answers: Record<string, number>;
  sex: string | null;
  age: number | null;
  ageBand: string | null;
  education: string | null;
  occupation: string | null;
  serviceId: string | null;
  answeredAt: Date;
  answeredOn: string;
  month: string;
  timeSlot: string;
  suggestion: string | null;
  source: 'online' | 'kiosk';
  fingerprint: string;
  answersHash: string;
  repeatWindowSeconds: number;
  burstLimit: number;
  flagWindowSeconds: number;
}

function ingestParameters(r: IngestRow): unknown[] {
  return [
    r.tenantId, r.clientId, r.unitId, r.counterId, r.officerCode, r.questionnaireId, JSON.stringify(r.answers), r.sex, r.age, r.ageBand, r.education, r.occupation,
    r.serviceId, r.answeredAt.toISOString(), r.answeredOn, r.month, r.timeSlot, r.suggestion, r.source, r.fingerprint, r.answersHash, r.repeatWindowSeconds, r.burstLimit,
    r.flagWindowSeconds,
  ];
}

/** Inserts the answer (unfolded); the new id, or null when the clientId was known. */
export async function ingestResponse(db: Executor, r: IngestRow): Promise<string | null> {
  const { rows } = await db.executeQuery<{ id: string }>(CompiledQuery.raw(INGEST_SQL, ingestParameters(r)));
  return rows[0]?.id ?? null;
}

/**
 * Inserts many answers in one statement: per answer its new id, or ALONE when nothing was
 * inserted for it (clientId known, or twice in the batch): ingestResponse answers those.
 */
export async function ingestResponses(db: Executor, rs: IngestRow[]): Promise<Array<string | typeof ALONE>> {
  // A clientId twice in one batch (a resend racing its first send): the first goes in the
  // statement, the later one alone after it, so the first arrival is the one stored.
  const keyOf = (r: { tenantId: string; clientId: string }) => `${r.tenantId}|${r.clientId}`;
  const seen = new Set<string>();
  const sent = rs.map((r) => !seen.has(keyOf(r)) && !!seen.add(keyOf(r)));
  const columns: unknown[][] = INGEST_INPUT.map(() => []);
  rs.forEach((r, i) => sent[i] && ingestParameters(r).forEach((v, n) => columns[n].push(v)));
  const { rows } = await db.executeQuery<{ tenant_id: string; client_id: string; id: string }>(CompiledQuery.raw(INGEST_MANY_SQL, columns));
  const ids = new Map(rows.map((x) => [`${x.tenant_id}|${x.client_id}`, String(x.id)]));
  return rs.map((r, i) => (sent[i] && ids.get(keyOf(r))) || ALONE);
}

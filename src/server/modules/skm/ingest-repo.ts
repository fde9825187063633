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

/** Inserts the answer (unfolded); the new id, or null when the clientId was known. */
export async function ingestResponse(db: Executor, r: IngestRow): Promise<string | null> {
  const { rows } = await db.executeQuery<{ id: string }>(
    CompiledQuery.raw(INGEST_SQL, [
      r.tenantId, r.clientId, r.unitId, r.counterId, r.officerCode, r.questionnaireId, JSON.stringify(r.answers), r.sex, r.age, r.ageBand, r.education, r.occupation,
      r.serviceId, r.answeredAt.toISOString(), r.answeredOn, r.month, r.timeSlot, r.suggestion, r.source, r.fingerprint, r.answersHash, r.repeatWindowSeconds, r.burstLimit,
      r.flagWindowSeconds,
    ]),
  );
  return rows[0]?.id ?? null;
}

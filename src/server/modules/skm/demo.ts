/**
 * Demo surveys for the Tanah Bumbu demo region (called once from demo/seed.ts inside its
 * transaction): five units with periods 2025 S1, 2025 S2 and 2026 S1, counters, a few
 * hundred answers per period with plausible profiles (one unit below B, a few flagged
 * repeats, one excluded), a follow-up plan and publication records. Deterministic
 * (seeded generator), bulk inserts, aggregates written from the same numbers.
 */
import crypto from 'node:crypto';
import type { Executor } from '../../db/index.js';
import { SKM_EDUCATION, SKM_OCCUPATION } from '../../../shared/schemas/skm.js';
import { ageBand, monthOf, periodRange, timeSlot } from './period.js';
import { DEFAULT_UNSUR, insertDefaultQuestionnaire } from './questionnaire-service.js';
import { answersHash } from './submit-service.js';
import * as repo from './repo.js';
import { seededRandom } from '../../platform/random.js';


const PLAN = [
  { unit: 'Pelayanan Dukcapil Kantor Dinas', mean: 3.35, counters: [['L1', 'Loket 1 KTP-el'], ['L2', 'Loket 2 KK & Akta']], population: 220 },
  { unit: 'Loket Dukcapil Mal Pelayanan Publik', mean: 3.5, counters: [['MPP1', 'Loket Dukcapil MPP']], population: 220 },
  { unit: 'Mal Pelayanan Publik Tanah Bumbu', mean: 3.2, counters: [['A', 'Loket A Perizinan'], ['B', 'Loket B Konsultasi']], population: 220 },
  { unit: 'Instalasi Rawat Jalan', mean: 2.75, counters: [['POLI', 'Pendaftaran Poliklinik']], population: 2000 },
] as const;
/** Per-unsur offsets: waktu and sarana lag, perilaku and biaya lead (the usual picture). */
const BIAS: Record<string, number> = { waktu: -0.35, sarana: -0.2, pengaduan: -0.15, biaya: 0.3, perilaku: 0.15 };
const PERIODS = [
  { year: 2025, part: 1, n: 150, drift: -0.1 },
  { year: 2025, part: 2, n: 160, drift: 0 },
  { year: 2026, part: 1, n: 170, drift: 0.08 },
];

export async function seedDemoSkm(tx: Executor, tenantId: string): Promise<void> {
  const questionnaireId = await insertDefaultQuestionnaire(tx, tenantId);
  if (!questionnaireId) return;
  const units = await tx.selectFrom('service_unit').select(['id', 'name']).where('tenant_id', '=', tenantId).where('name', 'in', PLAN.map((p) => p.unit)).execute();
  const services = await tx.selectFrom('service').select(['id', 'unit_id']).where('tenant_id', '=', tenantId).execute();
  // Deterministic, so the demo looks the same every time.
  const rand = seededRandom(20261122);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const responses: repo.NewResponse[] = [];
  const aggs = new Map<string, { unitId: string; month: string; tallies: Record<string, { sum: number; count: number }>; respondents: number; excluded: number; flagged: number }>();
  const periodIds: Record<string, string[]> = {};

  for (const plan of PLAN) {
    const unit = units.find((u) => u.name === plan.unit);
    if (!unit) continue;
    const counters = await tx.insertInto('skm_counter').values(plan.counters.map(([code, name]) => ({ tenant_id: tenantId, unit_id: unit.id, code, name }))).returning(['id']).execute();
    const unitServices = services.filter((s) => s.unit_id === unit.id);
    periodIds[plan.unit] = [];
    for (const per of PERIODS) {
      const range = periodRange('semester', per.year, per.part)!;
      const p = await repo.insertPeriod(tx, { tenant_id: tenantId, unit_id: unit.id, kind: 'semester', year: per.year, part: per.part, starts_on: range.startsOn, ends_on: range.endsOn, population: plan.population });
      periodIds[plan.unit].push(p.id);
      const start = Date.parse(`${range.startsOn}T00:00:00Z`);
      const days = Math.round((Date.parse(`${range.endsOn}T00:00:00Z`) - start) / 86_400_000) + 1;
      for (let i = 0; i < per.n; i++) {
        const date = new Date(start + Math.floor(rand() * days) * 86_400_000).toISOString().slice(0, 10);
        const hour = 8 + Math.floor(rand() * 7);
        const answers: Record<string, number> = {};
        for (const u of DEFAULT_UNSUR) {
          if (rand() < 0.02) continue; // now and then an unsur is skipped
          const x = plan.mean + per.drift + (BIAS[u.key] ?? 0) + (rand() + rand() + rand() - 1.5) * 0.9;
          answers[u.key] = Math.min(4, Math.max(1, Math.round(x)));
        }
        const age = 17 + Math.floor(rand() * 50);
        // the unit below B gets three identical answers from one phone (flagged), one excluded
        const dup = plan.mean < 3 && per.year === 2026 && i >= per.n - 3;
        const flagged = dup && i >= per.n - 2;
        const excluded = flagged && i === per.n - 1;
        if (dup) for (const k of Object.keys(answers)) answers[k] = 1;
        const month = monthOf(date);
        responses.push({
          tenant_id: tenantId, client_id: crypto.randomUUID(), unit_id: unit.id, counter_id: pick(counters).id, officer_code: null, questionnaire_id: questionnaireId,
          answers: JSON.stringify(answers), sex: rand() < 0.52 ? 'P' : 'L', age, age_band: ageBand(age), education: pick(SKM_EDUCATION.slice(0, 6)), occupation: pick(SKM_OCCUPATION),
          service_id: unitServices.length ? pick(unitServices).id : null,
          // demo tenant is on Asia/Makassar (UTC+8)
          answered_at: new Date(Date.parse(`${date}T00:00:00Z`) + (hour - 8) * 3600_000 + Math.floor(rand() * 60) * 60_000),
          answered_on: date, month, time_slot: timeSlot(hour),
          suggestion: rand() < 0.08 ? pick(['Antrean mohon dipercepat.', 'Ruang tunggu panas, mohon tambah kipas.', 'Petugas ramah, terima kasih.', 'Informasi persyaratan mohon dipasang di depan loket.']) : null,
          source: rand() < 0.15 ? 'paper' : rand() < 0.3 ? 'kiosk' : 'online', import_id: null, fingerprint: dup ? 'demo-fingerprint' : null, answers_hash: answersHash(answers),
          flagged, flag_reason: flagged ? 'repeat' : null,
          excluded, excluded_reason: excluded ? 'Jawaban berulang identik dari satu perangkat dalam 2 menit' : null, excluded_by: null, excluded_at: excluded ? new Date('2026-06-30T03:00:00Z') : null,
          folded: true, // the aggregates are written below, in this transaction
        });
        const key = `${unit.id}|${month}`;
        const a = aggs.get(key) ?? { unitId: unit.id, month, tallies: {}, respondents: 0, excluded: 0, flagged: 0 };
        if (flagged) a.flagged++;
        if (excluded) a.excluded++;
        else {
          a.respondents++;
          for (const [k, v] of Object.entries(answers)) {
            const x = (a.tallies[k] ??= { sum: 0, count: 0 });
            x.sum += v;
            x.count++;
          }
        }
        aggs.set(key, a);
      }
    }
  }
  await repo.insertResponses(tx, responses);
  await repo.applyToProfileAggregates(tx, tenantId, { clientIds: responses.map((r) => r.client_id) }, 1, { countedOnly: true });
  for (const a of aggs.values()) {
    await repo.applyBulkToAggregates(tx, { tenantId, unitId: a.unitId, month: a.month, questionnaireId }, a.tallies, a.respondents);
    if (a.excluded || a.flagged) {
      await tx.updateTable('skm_agg_respondent').set({ excluded: a.excluded, flagged: a.flagged }).where('tenant_id', '=', tenantId).where('unit_id', '=', a.unitId).where('month', '=', a.month).where('questionnaire_id', '=', questionnaireId).where('shard', '=', 0).execute();
    }
  }

  // Follow-up plan for the unit below B (2026 S1): its weakest unsur, one done, one late.
  const weak = periodIds['Instalasi Rawat Jalan']?.[2];
  if (weak) {
    await tx.insertInto('skm_followup').values([
      { tenant_id: tenantId, period_id: weak, unsur_key: 'waktu', action: 'Sistem antrean daring untuk pendaftaran poliklinik', owner: 'Kepala Instalasi Rawat Jalan', due_on: '2026-09-30', status: 'in_progress', evidence_note: null, done_on: null, reminded_at: null },
      { tenant_id: tenantId, period_id: weak, unsur_key: 'sarana', action: 'Tambah kursi dan kipas angin di ruang tunggu poliklinik', owner: 'Kepala Bagian Umum', due_on: '2026-08-31', status: 'done', evidence_note: 'Foto ruang tunggu setelah perbaikan', done_on: '2026-08-20', reminded_at: null },
      { tenant_id: tenantId, period_id: weak, unsur_key: 'pengaduan', action: 'Kotak saran dan nomor WhatsApp pengaduan di setiap poli', owner: 'Humas RSUD', due_on: '2026-12-31', status: 'planned', evidence_note: null, done_on: null, reminded_at: null },
    ]).execute();
  }
  // Published results of 2025 S2 for the Dukcapil units (website + notice board).
  const pubs = ['Pelayanan Dukcapil Kantor Dinas', 'Loket Dukcapil Mal Pelayanan Publik'].flatMap((u) => (periodIds[u]?.[1] ? [periodIds[u][1]] : []));
  for (const period_id of pubs) {
    await tx.insertInto('skm_publication').values([
      { tenant_id: tenantId, period_id, channel: 'website', published_on: '2026-01-15', url: 'https://tanahbumbukab.go.id/ikm', notes: null, created_by: null },
      { tenant_id: tenantId, period_id, channel: 'papan_pengumuman', published_on: '2026-01-12', url: null, notes: 'Dipasang di ruang tunggu', created_by: null },
    ]).execute();
  }
}

/**
 * Demo data of the compliance module (called from modules/demo/seed.ts inside the demo
 * transaction): Ombudsman four-dimension self-assessments for 2025 (verified) and 2026 for
 * a few demo units with a spread of zones — one of them overridden by the Inspektorat with
 * its reason — and a PEKPPP self-evaluation of Disdukcapil. Values are deterministic, so
 * the demo shows the same picture on every start. A handful of inserts: well under 2 s.
 */
import type { Executor } from '../../db/index.js';
import { recordAudit } from '../audit/record.js';
import { systemContext } from '../../platform/context.js';
import { effectiveValues, methodDef } from './assessment-service.js';
import * as repo from './repo.js';
import { scoreAssessment } from './scoring.js';

const FOUR_D = '00000000-0000-4000-8000-000000c02022';
const PEKPPP_2023 = '00000000-0000-4000-8000-000000e02023';
const INSPEKTORAT = 'Auditor Inspektorat Demo';

/**
 * Unit name → level per year (0–1: how far along its indicators are). Chosen for a spread:
 * the MPP in hijau (A), Dukcapil counters in hijau/kuning, RSUD kuning, PUPR Bina Marga merah.
 */
const UNITS: Array<{ name: string; levels: Record<number, number> }> = [
  { name: 'Mal Pelayanan Publik Tanah Bumbu', levels: { 2025: 0.86, 2026: 0.9 } },
  { name: 'Pelayanan Dukcapil Kantor Dinas', levels: { 2025: 0.7, 2026: 0.8 } },
  { name: 'Loket Dukcapil Mal Pelayanan Publik', levels: { 2025: 0.62, 2026: 0.74 } },
  { name: 'Instalasi Rawat Jalan', levels: { 2025: 0.5, 2026: 0.66 } },
  { name: 'Bidang Bina Marga', levels: { 2025: 0.28, 2026: 0.4 } },
];

/** A value on 0..max for indicator i at a level, varied by the indicator's position. */
function valueAt(level: number, i: number, min: number, max: number): number {
  const wobble = [0.2, -0.25, 0.1, -0.1, 0.3, -0.3, 0, 0.15][i % 8]!;
  return Math.max(min, Math.min(max, Math.round(min + (level + wobble * (1 - level)) * (max - min))));
}

async function seedOne(
  tx: Executor,
  tenantId: string,
  input: { methodId: string; year: number; opdId: string; unitId: string | null; level: number; status: 'draft' | 'submitted' | 'verified'; override?: { code: string; value: number; reason: string }; gaps?: boolean },
) {
  const method = (await repo.findMethod(tx, tenantId, input.methodId))!;
  const { id } = await repo.insertAssessment(tx, { tenant_id: tenantId, method_id: method.id, year: input.year, opd_id: input.opdId, unit_id: input.unitId, created_by: null, score: 0, grade: null, zone: null, label: null });
  const rows = method.indicators.map((ind, i) => {
    const { min, max } = ind.scale.kind === 'yesno' ? { min: 0, max: 1 } : ind.scale;
    const value = valueAt(input.level, i, min, max);
    const ov = input.override?.code === ind.code ? input.override : null;
    const isGap = input.gaps && value < max;
    return {
      tenant_id: tenantId, assessment_id: id, indicator_code: ind.code, value, note: null,
      gap_owner: isGap ? (i % 2 ? 'Sekretariat OPD' : 'Kepala unit layanan') : null,
      gap_due_date: isGap ? `${input.year}-${i % 2 ? '09' : '06'}-30` : null,
      override_value: ov?.value ?? null, override_reason: ov?.reason ?? null, override_by: null, override_by_label: ov ? INSPEKTORAT : null,
      override_at: ov ? new Date(`${input.year}-10-15T02:00:00Z`) : null, updated_by: null,
    };
  });
  await tx.insertInto('compliance_score').values(rows).execute();
  const result = scoreAssessment(methodDef(method), effectiveValues(rows));
  const when = new Date(`${input.year}-10-20T03:00:00Z`);
  await tx.updateTable('compliance_assessment').set({
    score: result.score, grade: result.band?.grade ?? null, zone: result.band?.zone ?? null, label: result.band?.label ?? null,
    scored_count: result.scoredCount, override_count: input.override ? 1 : 0, status: input.status,
    submitted_at: input.status === 'draft' ? null : when, verified_at: input.status === 'verified' ? when : null,
    verified_by_label: input.status === 'verified' ? INSPEKTORAT : null,
  }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  return { id, result };
}

export async function seedDemoCompliance(tx: Executor, tenantId: string): Promise<void> {
  const units = await tx.selectFrom('service_unit').select(['id', 'opd_id', 'name']).where('tenant_id', '=', tenantId).where('name', 'in', UNITS.map((u) => u.name)).execute();
  const byName = new Map(units.map((u) => [u.name, u]));
  const created: string[] = [];
  for (const [k, u] of UNITS.entries()) {
    const unit = byName.get(u.name);
    if (!unit) continue;
    for (const year of [2025, 2026]) {
      const status = year === 2025 ? 'verified' : k === 2 ? 'submitted' : 'draft';
      const override = year === 2026 && k === 2 ? { code: 'OUT-1', value: 1, reason: 'Wawancara 10 pengguna: 3 menyebut diminta biaya cetak di luar ketentuan.' } : undefined;
      const { id } = await seedOne(tx, tenantId, { methodId: FOUR_D, year, opdId: unit.opd_id, unitId: unit.id, level: u.levels[year]!, status, override, gaps: year === 2026 });
      created.push(id);
    }
  }
  const dukcapil = byName.get('Pelayanan Dukcapil Kantor Dinas');
  if (dukcapil) {
    const { id } = await seedOne(tx, tenantId, { methodId: PEKPPP_2023, year: 2026, opdId: dukcapil.opd_id, unitId: null, level: 0.68, status: 'submitted', gaps: true });
    created.push(id);
  }
  await recordAudit(tx, systemContext(null, 'seed-demo'), tenantId, { action: 'compliance.demo.seed', entityType: 'compliance_assessment', entityId: null, before: null, after: { assessments: created.length } });
}

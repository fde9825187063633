/**
 * Questionnaires: the regulation's 9 unsur (DOMAIN.md §1) as version 1, created lazily per
 * tenant; new versions add unsur or re-weight them (weights are exact fractions that must
 * sum to exactly 1). Answers keep the version they were given under.
 */
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record.js';
import { add, frac, formatWeight, parseWeight, type Fraction } from './ikm.js';
import * as repo from './repo.js';

export interface UnsurDef {
  key: string;
  position: number;
  name: string;
  options: string[];
  weight: Fraction;
}

export interface Questionnaire {
  id: string;
  version: number;
  note: string | null;
  createdAt: Date;
  unsur: UnsurDef[];
}

/**
 * PermenPANRB 14/2017, in the order of its sample questionnaire (Sarana Q8, Pengaduan Q9;
 * the order is configurable and unsur are keyed by name, DOMAIN.md §1). Weights exactly 1/9.
 */
export const DEFAULT_UNSUR: Array<Omit<UnsurDef, 'weight' | 'position'>> = [
  { key: 'persyaratan', name: 'Persyaratan', options: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'] },
  { key: 'prosedur', name: 'Sistem, Mekanisme, dan Prosedur', options: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'] },
  { key: 'waktu', name: 'Waktu Penyelesaian', options: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'] },
  { key: 'biaya', name: 'Biaya/Tarif', options: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'] },
  { key: 'produk', name: 'Produk Spesifikasi Jenis Pelayanan', options: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'] },
  { key: 'kompetensi', name: 'Kompetensi Pelaksana', options: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'] },
  { key: 'perilaku', name: 'Perilaku Pelaksana', options: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'] },
  { key: 'sarana', name: 'Sarana dan Prasarana', options: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'] },
  { key: 'pengaduan', name: 'Penanganan Pengaduan, Saran dan Masukan', options: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'] },
];

function toQuestionnaire(q: repo.QuestionnaireRow, unsur: repo.UnsurRow[]): Questionnaire {
  return {
    id: q.id,
    version: q.version,
    note: q.note,
    createdAt: q.created_at,
    unsur: unsur
      .filter((u) => u.questionnaire_id === q.id)
      .sort((a, b) => a.position - b.position)
      .map((u) => ({ key: u.key, position: u.position, name: u.name, options: u.options, weight: frac(BigInt(u.weight_num), BigInt(u.weight_den)) })),
  };
}

async function insertVersion(tx: Executor, tenantId: string, version: number, note: string | null, unsur: UnsurDef[], createdBy: string | null) {
  const q = await repo.insertQuestionnaire(tx, { tenant_id: tenantId, version, note, created_by: createdBy });
  if (!q) return null;
  await repo.insertUnsur(
    tx,
    unsur.map((u) => ({
      tenant_id: tenantId, questionnaire_id: q.id, key: u.key, position: u.position, name: u.name, options: u.options,
      weight_num: u.weight.num.toString(), weight_den: u.weight.den.toString(),
    })),
  );
  return q;
}

/** Version 1 (the regulation's default) inside the caller's transaction (demo seeding). */
export async function insertDefaultQuestionnaire(tx: Executor, tenantId: string): Promise<string | null> {
  const unsur = DEFAULT_UNSUR.map((u, i) => ({ ...u, position: i + 1, weight: frac(1, DEFAULT_UNSUR.length) }));
  return (await insertVersion(tx, tenantId, 1, 'PermenPANRB 14/2017 (bawaan)', unsur, null))?.id ?? null;
}

/** The tenant's newest version; version 1 (the regulation's default) is created on first use. */
export async function currentQuestionnaire(db: Db, tenantId: string): Promise<Questionnaire> {
  let q = await repo.latestQuestionnaire(db, tenantId);
  if (!q) {
    const unsur = DEFAULT_UNSUR.map((u, i) => ({ ...u, position: i + 1, weight: frac(1, DEFAULT_UNSUR.length) }));
    // Two first requests at once: one insert wins (unique version), the other reads it.
    await db.transaction().execute((tx) => insertVersion(tx, tenantId, 1, 'PermenPANRB 14/2017 (bawaan)', unsur, null));
    q = await repo.latestQuestionnaire(db, tenantId);
  }
  return toQuestionnaire(q!, await repo.listUnsur(db, tenantId, [q!.id]));
}

export async function getQuestionnaire(db: Executor, tenantId: string, id: string): Promise<Questionnaire | null> {
  const q = await repo.findQuestionnaire(db, tenantId, id);
  return q ? toQuestionnaire(q, await repo.listUnsur(db, tenantId, [q.id])) : null;
}

export async function getQuestionnaires(db: Executor, tenantId: string, ids: string[]): Promise<Map<string, Questionnaire>> {
  const all = await repo.listQuestionnaires(db, tenantId);
  const wanted = all.filter((q) => ids.includes(q.id));
  const unsur = await repo.listUnsur(db, tenantId, wanted.map((q) => q.id));
  return new Map(wanted.map((q) => [q.id, toQuestionnaire(q, unsur)]));
}

export async function listQuestionnaires(db: Db, tenantId: string): Promise<Questionnaire[]> {
  await currentQuestionnaire(db, tenantId);
  const all = await repo.listQuestionnaires(db, tenantId);
  const unsur = await repo.listUnsur(db, tenantId, all.map((q) => q.id));
  return all.map((q) => toQuestionnaire(q, unsur));
}

export interface NewVersionInput {
  note?: string | null;
  unsur: Array<{ key: string; name: string; options: string[]; weight: string }>;
}

/** Parses and checks the weights of a new version: each a fraction/decimal, Σ exactly 1. */
export function checkUnsur(input: NewVersionInput['unsur']): UnsurDef[] {
  const seen = new Set<string>();
  const out: UnsurDef[] = [];
  input.forEach((u, i) => {
    if (seen.has(u.key)) throw new AppError('VALIDATION', { detail: `unsur.${i}.key` }, [{ field: `unsur.${i}.key` }], 'skm.duplicateUnsur');
    seen.add(u.key);
    const weight = parseWeight(u.weight);
    if (!weight) throw new AppError('VALIDATION', { key: u.key }, [{ field: `unsur.${i}.weight` }], 'skm.weightInvalid');
    out.push({ key: u.key, position: i + 1, name: u.name.trim(), options: u.options.map((o) => o.trim()), weight });
  });
  const sum = out.reduce((s, u) => add(s, u.weight), frac(0));
  if (!(sum.num === 1n && sum.den === 1n)) {
    const shown = `${formatWeight(sum)} ≈ ${(Number(sum.num) / Number(sum.den)).toFixed(6)}`;
    throw new AppError('VALIDATION', { sum: shown }, [{ field: 'unsur.weight', message: `sum ${shown}` }], 'skm.weightsNotOne');
  }
  return out;
}

/** A new version (admin): the next version number; the old versions stay for their answers. */
export async function createVersion(db: Db, ctx: RequestContext, tenantId: string, input: NewVersionInput): Promise<Questionnaire> {
  const unsur = checkUnsur(input.unsur);
  await currentQuestionnaire(db, tenantId);
  const id = await db.transaction().execute(async (tx) => {
    const latest = await repo.latestQuestionnaire(tx, tenantId);
    const q = await insertVersion(tx, tenantId, (latest?.version ?? 0) + 1, input.note?.trim() || null, unsur, ctx.actor?.userId ?? null);
    if (!q) throw new AppError('CONFLICT');
    await recordAudit(tx, ctx, tenantId, {
      action: 'skm.questionnaire.create', entityType: 'skm_questionnaire', entityId: q.id,
      after: { version: q.version, unsur: unsur.map((u) => ({ key: u.key, name: u.name, weight: formatWeight(u.weight) })) },
    });
    return q.id;
  });
  return (await getQuestionnaire(db, tenantId, id))!;
}

/** Unsur names by key over every version (newer names win); a follow-up names an unsur by key. */
export async function unsurNames(db: Db, tenantId: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (const q of [...(await listQuestionnaires(db, tenantId))].sort((a, b) => a.version - b.version)) for (const u of q.unsur) m.set(u.key, u.name);
  return m;
}

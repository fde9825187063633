/**
 * Deadlines of a report's stages (DOMAIN.md §2), from the tenant's versioned deadline
 * rules, on the tenant's working-day calendar (modules/calendar).
 *
 * The rule in force for (stage, kind, category) on a date: among the rules with
 * valid_from ≤ that date, the most specific level that has one (category+kind, category,
 * kind, neither), and within it the latest valid_from (then the newest row). A tenant
 * with no rule at all for a stage falls back to the DOMAIN.md default, so a deadline is
 * never missing.
 */
import type { Executor } from '../../db/index.js';
import { loadWorkCalendar } from '../calendar/service.js';
import { deadline, localDate, yearsNeeded, type TimeZone } from '../calendar/workdays.js';
import type { DeadlineStage, RuleStage } from './state-machine.js';
import type { ComplaintKind } from './tables.js';

export interface DeadlineRuleLike {
  id: string | null;
  stage: RuleStage;
  kind: ComplaintKind | null;
  category_id: string | null;
  days: number;
  day_type: 'working' | 'calendar';
  legal_source: string;
  valid_from: string;
  created_at?: Date;
}

/** From the start of the platform's data; a tenant adds versions with later dates. */
export const DEFAULT_VALID_FROM = '2000-01-01';

/**
 * DOMAIN.md §2 defaults, seeded per tenant. The two escalation rules have no regulation
 * behind them: 5 working days per level mirrors the SP4N-LAPOR! first-response window
 * (docs/adr/0024-escalation-ladder.md); a tenant sets its own through the same API.
 */
export const DEFAULT_DEADLINE_RULES: ReadonlyArray<Omit<DeadlineRuleLike, 'id' | 'kind' | 'category_id' | 'valid_from'>> = [
  { stage: 'verification', days: 3, day_type: 'working', legal_source: 'SP4N-LAPOR! (Perpres 76/2013; PermenPANRB 62/2018): verifikasi dan penerusan ≤ 3 hari kerja' },
  { stage: 'first_response', days: 5, day_type: 'working', legal_source: 'SP4N-LAPOR! (PermenPANRB 62/2018): tindak lanjut pertama OPD ≤ 5 hari kerja' },
  { stage: 'resolution', days: 60, day_type: 'calendar', legal_source: 'UU 25/2009 Pasal 36; Perpres 76/2013: penyelesaian ≤ 60 hari' },
  { stage: 'auto_close', days: 10, day_type: 'working', legal_source: 'SP4N-LAPOR!: ditutup otomatis 10 hari kerja tanpa tanggapan' },
  {
    stage: 'escalation_sekda',
    days: 5,
    day_type: 'working',
    legal_source: 'Tidak diatur peraturan; bawaan Prima (ADR 0024): Kepala OPD diberi 5 hari kerja sebelum Sekda diberi tahu, mengikuti batas tindak lanjut pertama SP4N-LAPOR! (PermenPANRB 62/2018)',
  },
  {
    stage: 'escalation_bupati',
    days: 5,
    day_type: 'working',
    legal_source: 'Tidak diatur peraturan; bawaan Prima (ADR 0024): Sekda diberi 5 hari kerja sebelum Bupati/Wali Kota diberi tahu, mengikuti batas tindak lanjut pertama SP4N-LAPOR! (PermenPANRB 62/2018)',
  },
];

export function defaultRule(stage: RuleStage): DeadlineRuleLike {
  const d = DEFAULT_DEADLINE_RULES.find((r) => r.stage === stage)!;
  return { id: null, kind: null, category_id: null, valid_from: DEFAULT_VALID_FROM, ...d };
}

function specificity(r: DeadlineRuleLike): number {
  return (r.category_id ? 2 : 0) + (r.kind ? 1 : 0);
}

/** The rule in force (pure; `rules` may hold any stages, kinds, categories). */
export function pickRule<R extends DeadlineRuleLike>(
  rules: readonly R[],
  q: { stage: RuleStage; kind: ComplaintKind; categoryId: string | null | undefined; onDate: string },
): R | null {
  let best: R | null = null;
  for (const r of rules) {
    if (r.stage !== q.stage || r.valid_from > q.onDate) continue;
    if (r.kind && r.kind !== q.kind) continue;
    if (r.category_id && r.category_id !== (q.categoryId ?? null)) continue;
    if (!best) {
      best = r;
      continue;
    }
    const ds = specificity(r) - specificity(best);
    if (ds > 0 || (ds === 0 && (r.valid_from > best.valid_from || (r.valid_from === best.valid_from && (r.created_at?.getTime() ?? 0) > (best.created_at?.getTime() ?? 0))))) best = r;
  }
  return best;
}

export async function listRules(db: Executor, tenantId: string, stage?: RuleStage) {
  let q = db.selectFrom('deadline_rule').selectAll().where('tenant_id', '=', tenantId);
  if (stage) q = q.where('stage', '=', stage);
  const rows = await q.orderBy('stage').orderBy('valid_from', 'desc').orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ ...r, valid_from: dateText(r.valid_from) }));
}

/**
 * A tenant's rules, cached per process for a few seconds outside transactions (intake is
 * the hot path; rules change rarely). Writes in this process invalidate at once; another
 * process sees a new rule version after at most RULES_TTL_MS.
 */
const RULES_TTL_MS = 5_000;
const rulesCache = new Map<string, { at: number; db: Executor; rules: Awaited<ReturnType<typeof listRules>> }>();

export function invalidateDeadlineRules(tenantId: string): void {
  rulesCache.delete(tenantId);
}

async function rulesOf(db: Executor, tenantId: string) {
  if (db.isTransaction) return listRules(db, tenantId);
  const hit = rulesCache.get(tenantId);
  if (hit && hit.db === db && Date.now() - hit.at < RULES_TTL_MS) return hit.rules;
  const rules = await listRules(db, tenantId);
  if (rulesCache.size > 1_000) rulesCache.clear();
  rulesCache.set(tenantId, { at: Date.now(), db, rules });
  return rules;
}

/** PGlite and node-postgres may hand a `date` back as a Date or a string. */
export function dateText(v: unknown): string {
  if (v instanceof Date) {
    const y = v.getFullYear();
    return `${String(y).padStart(4, '0')}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  }
  return String(v).slice(0, 10);
}

export interface ComputedDue {
  dueAt: Date;
  dueDate: string;
  rule: DeadlineRuleLike;
  /** The instant counting started from (stored as due_from, so the deadline can be computed again). */
  from: Date;
  /**
   * The first year a working-day count reached whose SKB is not loaded, or null: the date is
   * final (calendar/workdays.ts `deadline`). Stored as due_provisional_year.
   */
  provisionalYear: number | null;
}

/** The complaint columns of a running stage's deadline (due_at and what is needed to compute it again). */
export function dueColumns(stage: DeadlineStage, due: ComputedDue) {
  return { due_at: due.dueAt, due_stage: stage, due_from: due.from, due_rule_id: due.rule.id, due_provisional_year: due.provisionalYear };
}

/** The deadline columns of a case with no running stage. */
export const NO_DUE = { due_at: null, due_stage: null, due_from: null, due_rule_id: null, due_provisional_year: null } as const;

/** The completion-clock columns of a case whose file is not (or no longer) complete (ADR 0024). */
export const NO_COMPLETION = { completion_due_at: null, completion_from: null, completion_rule_id: null, completion_provisional_year: null } as const;

/** The escalation climb's columns: when the next level falls due, under which rule, provisional for which year. */
export function climbColumns(next: ComputedDue | null) {
  return { escalation_due_at: next?.dueAt ?? null, escalation_rule_id: next?.rule.id ?? null, escalation_provisional_year: next?.provisionalYear ?? null };
}

/** No pending climb (level 0 or 3, or the OPD started a new stage). */
export const NO_CLIMB = climbColumns(null);

async function dueUnder(
  tx: Executor,
  tenant: { id: string; timezone: TimeZone },
  rule: DeadlineRuleLike,
  from: Date,
  unitId: string | null | undefined,
): Promise<ComputedDue> {
  const year = Number(localDate(from, tenant.timezone).slice(0, 4));
  const cal = await loadWorkCalendar(tx, tenant.id, { unitId: unitId ?? null, fromYear: year, toYear: year + yearsNeeded(rule.days) });
  const d = deadline(cal, from, rule.days, rule.day_type, tenant.timezone);
  return { dueAt: d.dueAt, dueDate: d.dueDate, rule, from, provisionalYear: d.provisionalYear };
}

/**
 * When the `stage` that starts at `from` is due, on the tenant's (or the unit's) calendar in
 * the tenant's time zone. Counting starts the day after the local day of `from`
 * (calendar/workdays.ts `deadline`). Outside a transaction the rules and the calendar come
 * from short per-process caches.
 */
export async function computeDue(
  tx: Executor,
  tenant: { id: string; timezone: TimeZone },
  input: { stage: RuleStage; kind: ComplaintKind; categoryId?: string | null; from: Date; unitId?: string | null },
): Promise<ComputedDue> {
  const onDate = localDate(input.from, tenant.timezone);
  const rules = await rulesOf(tx, tenant.id);
  const rule = pickRule(rules, { stage: input.stage, kind: input.kind, categoryId: input.categoryId ?? null, onDate }) ?? defaultRule(input.stage);
  return dueUnder(tx, tenant, rule, input.from, input.unitId);
}

/**
 * The same deadline computed again on today's calendar, under the rule version it was first
 * computed with (`ruleId`; null: the stage's default) — a rule added since, even one valid
 * from an earlier date, does not apply to a stage already running. A rule id that no
 * longer exists falls back to the rule in force at `from`.
 */
export async function recomputeDue(
  tx: Executor,
  tenant: { id: string; timezone: TimeZone },
  input: { stage: RuleStage; ruleId: string | null; kind: ComplaintKind; categoryId?: string | null; from: Date; unitId?: string | null },
): Promise<ComputedDue> {
  if (input.ruleId === null) return dueUnder(tx, tenant, defaultRule(input.stage), input.from, input.unitId);
  const rule = (await rulesOf(tx, tenant.id)).find((r) => r.id === input.ruleId);
  if (!rule) return computeDue(tx, tenant, input);
  return dueUnder(tx, tenant, rule, input.from, input.unitId);
}

/**
 * Seeds the DOMAIN.md §2 defaults for a tenant (kind and category open, valid from
 * 2000-01-01). Idempotent: a stage that already has a tenant-wide default rule is left alone.
 */
export async function seedDefaultDeadlineRules(tx: Executor, tenantId: string): Promise<number> {
  const existing = await tx
    .selectFrom('deadline_rule')
    .select('stage')
    .where('tenant_id', '=', tenantId)
    .where('kind', 'is', null)
    .where('category_id', 'is', null)
    .execute();
  const have = new Set(existing.map((r) => r.stage));
  const rows = DEFAULT_DEADLINE_RULES.filter((r) => !have.has(r.stage)).map((r) => ({
    tenant_id: tenantId,
    stage: r.stage,
    kind: null,
    category_id: null,
    days: r.days,
    day_type: r.day_type,
    legal_source: r.legal_source,
    valid_from: DEFAULT_VALID_FROM,
  }));
  if (rows.length) await tx.insertInto('deadline_rule').values(rows).execute();
  invalidateDeadlineRules(tenantId);
  return rows.length;
}

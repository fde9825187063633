/**
 * The life of a report, as SP4N-LAPOR! and DOMAIN.md §2 describe it, as data: which
 * action may move a report from which status to which, who may take it, and which
 * deadline starts. Pure: no database, no clock. Services call `planTransition` and refuse
 * what it refuses; the unit tests walk every pair.
 *
 *   received ─verify→ verified ─route→ routed ─accept→ accepted ─respond→ in_progress
 *   received ─hold→ held ─provide_info→ received
 *   received|held|verified ─reject→ rejected (not the region's authority)
 *   received|held|verified ─archive→ archived (spam, duplicate)
 *   routed|accepted ─return→ verified (wrongly routed; the desk re-routes)
 *   in_progress ─resolve→ resolved ─confirm→ closed | ─dispute→ in_progress | ─auto_close→ closed
 *   any open ─merge→ merged (into another report)
 */

export type ComplaintStatus =
  | 'received' | 'held' | 'verified' | 'rejected' | 'archived' | 'routed'
  | 'accepted' | 'in_progress' | 'resolved' | 'closed' | 'merged';

/** The stage whose deadline a report is running (`complaint.due_stage`). */
export type DeadlineStage = 'verification' | 'first_response' | 'resolution' | 'auto_close';
/**
 * Deadline rules that are no stage of a report: how many working days an escalation level
 * has before the next one is alerted (ADR 0024). Named after the level they lead to.
 */
export type EscalationStage = 'escalation_sekda' | 'escalation_bupati';
/** What a deadline rule (`deadline_rule.stage`) may be for. */
export type RuleStage = DeadlineStage | EscalationStage;
export const ESCALATION_RULE_STAGES: readonly EscalationStage[] = ['escalation_sekda', 'escalation_bupati'];
export const isEscalationStage = (s: string): s is EscalationStage => (ESCALATION_RULE_STAGES as readonly string[]).includes(s);

/** Who takes an action: the complaint desk, the responsible OPD, the reporter, or the system. */
export type ActorKind = 'desk' | 'opd' | 'citizen' | 'system';

export type ComplaintAction =
  | 'verify' | 'hold' | 'provide_info' | 'reject' | 'archive' | 'route' | 'accept'
  | 'return' | 'respond' | 'update' | 'resolve' | 'confirm' | 'dispute' | 'auto_close' | 'merge';

interface Rule {
  from: readonly ComplaintStatus[];
  to: ComplaintStatus | 'same';
  by: readonly ActorKind[];
  /** The deadline that starts with the new status; null clears it; 'keep' leaves it. */
  starts: DeadlineStage | null | 'keep';
  /** Shown on the public timeline (the note may still be internal). */
  publicEvent: boolean;
}

const OPEN_BEFORE_ROUTING = ['received', 'held', 'verified'] as const;
const OPEN_AT_OPD = ['routed', 'accepted', 'in_progress'] as const;

export const RULES: Record<ComplaintAction, Rule> = {
  verify: { from: ['received', 'held'], to: 'verified', by: ['desk'], starts: 'keep', publicEvent: true },
  hold: { from: ['received', 'verified'], to: 'held', by: ['desk'], starts: null, publicEvent: true },
  provide_info: { from: ['held'], to: 'received', by: ['citizen', 'desk'], starts: 'verification', publicEvent: true },
  reject: { from: OPEN_BEFORE_ROUTING, to: 'rejected', by: ['desk'], starts: null, publicEvent: true },
  archive: { from: OPEN_BEFORE_ROUTING, to: 'archived', by: ['desk'], starts: null, publicEvent: true },
  // Disposisi, and re-routing (transfer) of a case already at an OPD.
  route: { from: [...OPEN_BEFORE_ROUTING, ...OPEN_AT_OPD], to: 'routed', by: ['desk'], starts: 'first_response', publicEvent: true },
  accept: { from: ['routed'], to: 'accepted', by: ['opd'], starts: 'keep', publicEvent: true },
  return: { from: ['routed', 'accepted'], to: 'verified', by: ['opd'], starts: 'verification', publicEvent: false },
  respond: { from: ['routed', 'accepted'], to: 'in_progress', by: ['opd'], starts: 'resolution', publicEvent: true },
  update: { from: ['in_progress'], to: 'same', by: ['opd'], starts: 'keep', publicEvent: true },
  resolve: { from: ['in_progress'], to: 'resolved', by: ['opd'], starts: 'auto_close', publicEvent: true },
  confirm: { from: ['resolved'], to: 'closed', by: ['citizen'], starts: null, publicEvent: true },
  dispute: { from: ['resolved'], to: 'in_progress', by: ['citizen'], starts: 'resolution', publicEvent: true },
  auto_close: { from: ['resolved'], to: 'closed', by: ['system'], starts: null, publicEvent: true },
  merge: { from: [...OPEN_BEFORE_ROUTING, ...OPEN_AT_OPD], to: 'merged', by: ['desk'], starts: null, publicEvent: true },
};

export const OPEN_STATUSES: readonly ComplaintStatus[] = ['received', 'held', 'verified', 'routed', 'accepted', 'in_progress', 'resolved'];
export const FINAL_STATUSES: readonly ComplaintStatus[] = ['rejected', 'archived', 'closed', 'merged'];

export type TransitionPlan =
  | { ok: true; to: ComplaintStatus; starts: DeadlineStage | null | 'keep'; publicEvent: boolean }
  | { ok: false; reason: 'not_allowed_from_status' | 'not_allowed_for_actor' };

export function planTransition(from: ComplaintStatus, action: ComplaintAction, by: ActorKind): TransitionPlan {
  const rule = RULES[action];
  if (!rule.from.includes(from)) return { ok: false, reason: 'not_allowed_from_status' };
  if (!rule.by.includes(by)) return { ok: false, reason: 'not_allowed_for_actor' };
  return { ok: true, to: rule.to === 'same' ? from : rule.to, starts: rule.starts, publicEvent: rule.publicEvent };
}

/** Actions the given actor may take on a report in `status` (for buttons in the UI). */
export function allowedActions(status: ComplaintStatus, by: ActorKind): ComplaintAction[] {
  return (Object.keys(RULES) as ComplaintAction[]).filter((a) => planTransition(status, a, by).ok);
}

/**
 * Escalation ladder (DOMAIN.md §2: solve at the OPD first): level 1 reminds the head of the
 * OPD, level 2 goes to the Sekda, level 3 to the Bupati/Wali Kota. A level is reached when
 * an OPD deadline is missed, when the OPD asks, or — the case still untouched — when the
 * `after` rule's days have passed since the level below was alerted (ADR 0024).
 */
export const ESCALATION_LEVELS = [
  { level: 1, to: 'kepala_opd', after: null },
  { level: 2, to: 'sekda', after: 'escalation_sekda' },
  { level: 3, to: 'bupati', after: 'escalation_bupati' },
] as const satisfies ReadonlyArray<{ level: number; to: string; after: EscalationStage | null }>;
export const MAX_ESCALATION_LEVEL = 3;

/** Who a level alerts ('kepala_opd', 'sekda', 'bupati'). */
export function escalationTarget(level: number): (typeof ESCALATION_LEVELS)[number]['to'] {
  return ESCALATION_LEVELS.find((l) => l.level === level)?.to ?? 'bupati';
}

/** The rule that times the climb from `level` to the next one; null at the top (nothing left to climb). */
export function nextEscalationStage(level: number): EscalationStage | null {
  return ESCALATION_LEVELS.find((l) => l.level === level + 1)?.after ?? null;
}

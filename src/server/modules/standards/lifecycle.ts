/**
 * The life cycle of a service standard and of a maklumat as data (ADR 0019): for each
 * action, the statuses it starts from, the status it leads to and who may take it.
 *  - team: the unit's standards team (operator_opd / kepala_opd of the OPD) and admins
 *  - head: kepala_opd of the OPD and admins (establishing and publishing bind the OPD)
 *  - system: the review job
 * Pure; the service applies a step only if the row still has the status it read.
 */
import type { MaklumatStatus, StandardAction, StandardStatus } from '../../../shared/schemas/standards.js';

export type Performer = 'team' | 'head' | 'system';

export interface Step<S extends string> {
  from: readonly S[];
  to: S;
  by: readonly Performer[];
}

export const STANDARD_STEPS: Record<StandardAction, Step<StandardStatus>> = {
  open_consultation: { from: ['draft'], to: 'consultation', by: ['team', 'head'] },
  reopen_draft: { from: ['consultation'], to: 'draft', by: ['team', 'head'] },
  establish: { from: ['draft', 'consultation'], to: 'established', by: ['head'] },
  publish: { from: ['established'], to: 'published', by: ['head'] },
  start_review: { from: ['published'], to: 'under_review', by: ['team', 'head', 'system'] },
  complete_review: { from: ['under_review'], to: 'published', by: ['team', 'head'] },
  // The reviewed version stays in force as 'revised' while a new draft version (a copy)
  // is prepared; publishing that one supersedes it.
  revise: { from: ['published', 'under_review'], to: 'revised', by: ['team', 'head'] },
};

export type MaklumatAction = 'establish' | 'publish' | 'revise';
export const MAKLUMAT_STEPS: Record<MaklumatAction, Step<MaklumatStatus>> = {
  establish: { from: ['draft'], to: 'established', by: ['head'] },
  publish: { from: ['established'], to: 'published', by: ['head'] },
  revise: { from: ['published'], to: 'revised', by: ['team', 'head'] },
};

/** Statuses in which the components may be edited. */
export const EDITABLE: readonly StandardStatus[] = ['draft'];
/** Statuses of a version in force (established by decree, not yet replaced). */
export const IN_FORCE: readonly StandardStatus[] = ['established', 'published', 'under_review', 'revised'];
/** Statuses the public may see (the version published and not replaced). */
export const PUBLIC_STATUSES: readonly StandardStatus[] = ['published', 'under_review', 'revised', 'superseded'];

export type Plan<S extends string> = { ok: true; to: S } | { ok: false; reason: 'status' | 'performer' };

export function plan<A extends string, S extends string>(steps: Record<A, Step<S>>, action: A, from: S, performers: readonly Performer[]): Plan<S> {
  const step = steps[action];
  if (!step || !step.from.includes(from)) return { ok: false, reason: 'status' };
  if (!step.by.some((p) => performers.includes(p))) return { ok: false, reason: 'performer' };
  return { ok: true, to: step.to };
}

/** Actions open from a status to someone acting as `performers`. */
export function allowedActions<A extends string, S extends string>(steps: Record<A, Step<S>>, from: S, performers: readonly Performer[]): A[] {
  return (Object.keys(steps) as A[]).filter((a) => plan(steps, a, from, performers).ok);
}

import { describe, expect, it } from 'vitest';
import { FINAL_STATUSES, RULES, allowedActions, planTransition, type ActorKind, type ComplaintAction, type ComplaintStatus } from './state-machine.js';

const STATUSES: ComplaintStatus[] = ['received', 'held', 'verified', 'rejected', 'archived', 'routed', 'accepted', 'in_progress', 'resolved', 'closed', 'merged'];
const ACTORS: ActorKind[] = ['desk', 'opd', 'citizen', 'system'];

// The allowed table, written out by hand from DOMAIN.md §2 so a change to RULES must be deliberate.
const ALLOWED: Record<ComplaintAction, [ComplaintStatus[], ActorKind[], ComplaintStatus | 'same']> = {
  verify: [['received', 'held'], ['desk'], 'verified'],
  hold: [['received', 'verified'], ['desk'], 'held'],
  provide_info: [['held'], ['citizen', 'desk'], 'received'],
  reject: [['received', 'held', 'verified'], ['desk'], 'rejected'],
  archive: [['received', 'held', 'verified'], ['desk'], 'archived'],
  route: [['received', 'held', 'verified', 'routed', 'accepted', 'in_progress'], ['desk'], 'routed'],
  accept: [['routed'], ['opd'], 'accepted'],
  return: [['routed', 'accepted'], ['opd'], 'verified'],
  respond: [['routed', 'accepted'], ['opd'], 'in_progress'],
  update: [['in_progress'], ['opd'], 'same'],
  resolve: [['in_progress'], ['opd'], 'resolved'],
  confirm: [['resolved'], ['citizen'], 'closed'],
  dispute: [['resolved'], ['citizen'], 'in_progress'],
  auto_close: [['resolved'], ['system'], 'closed'],
  merge: [['received', 'held', 'verified', 'routed', 'accepted', 'in_progress'], ['desk'], 'merged'],
};

describe('complaint state machine', () => {
  for (const action of Object.keys(RULES) as ComplaintAction[]) {
    const [froms, actors, to] = ALLOWED[action];
    it(`${action}: allowed exactly from ${froms.join(', ')} by ${actors.join(', ')}`, () => {
      for (const from of STATUSES) {
        for (const by of ACTORS) {
          const plan = planTransition(from, action, by);
          if (froms.includes(from) && actors.includes(by)) {
            expect(plan, `${from} ${action} by ${by}`).toMatchObject({ ok: true, to: to === 'same' ? from : to });
          } else {
            expect(plan.ok, `${from} ${action} by ${by}`).toBe(false);
            expect((plan as { reason: string }).reason).toBe(froms.includes(from) ? 'not_allowed_for_actor' : 'not_allowed_from_status');
          }
        }
      }
    });
  }

  it('lets nothing leave a final status', () => {
    for (const s of FINAL_STATUSES) for (const by of ACTORS) expect(allowedActions(s, by)).toEqual([]);
  });

  it('refuses a dispute of a closed case (the citizen may only dispute a resolution)', () => {
    expect(planTransition('closed', 'dispute', 'citizen')).toEqual({ ok: false, reason: 'not_allowed_from_status' });
  });

  it('starts the SP4N-LAPOR! deadlines at the right steps', () => {
    expect(planTransition('verified', 'route', 'desk')).toMatchObject({ starts: 'first_response' });
    expect(planTransition('routed', 'respond', 'opd')).toMatchObject({ starts: 'resolution' });
    expect(planTransition('in_progress', 'resolve', 'opd')).toMatchObject({ starts: 'auto_close' });
    expect(planTransition('received', 'hold', 'desk')).toMatchObject({ starts: null });
    expect(planTransition('routed', 'return', 'opd')).toMatchObject({ starts: 'verification', publicEvent: false });
  });
});

/** The life cycle as data: every action from every status, for every kind of performer. */
import { describe, expect, it } from 'vitest';
import { MAKLUMAT_STATUSES, STANDARD_ACTIONS, STANDARD_STATUSES, type StandardAction, type StandardStatus } from '../../../shared/schemas/standards.js';
import { MAKLUMAT_STEPS, STANDARD_STEPS, allowedActions, plan, type MaklumatAction, type Performer } from './lifecycle.js';

/** The expected table, written out by hand: action → [from, to, who]. */
const EXPECTED: Record<StandardAction, { from: StandardStatus[]; to: StandardStatus; by: Performer[] }> = {
  open_consultation: { from: ['draft'], to: 'consultation', by: ['team', 'head'] },
  reopen_draft: { from: ['consultation'], to: 'draft', by: ['team', 'head'] },
  establish: { from: ['draft', 'consultation'], to: 'established', by: ['head'] },
  publish: { from: ['established'], to: 'published', by: ['head'] },
  start_review: { from: ['published'], to: 'under_review', by: ['team', 'head', 'system'] },
  complete_review: { from: ['under_review'], to: 'published', by: ['team', 'head'] },
  revise: { from: ['published', 'under_review'], to: 'revised', by: ['team', 'head'] },
};
const PERFORMERS: Performer[] = ['team', 'head', 'system'];

describe('standard life cycle', () => {
  for (const action of STANDARD_ACTIONS) {
    for (const from of STANDARD_STATUSES) {
      for (const who of PERFORMERS) {
        const e = EXPECTED[action];
        const fromOk = e.from.includes(from);
        const whoOk = e.by.includes(who);
        it(`${action} from ${from} by ${who}: ${fromOk && whoOk ? `→ ${e.to}` : 'refused'}`, () => {
          const p = plan(STANDARD_STEPS, action, from, [who]);
          if (fromOk && whoOk) expect(p).toEqual({ ok: true, to: e.to });
          else expect(p).toEqual({ ok: false, reason: fromOk ? 'performer' : 'status' });
        });
      }
    }
  }

  it('superseded and revised versions are final for every action', () => {
    expect(allowedActions(STANDARD_STEPS, 'superseded', PERFORMERS)).toEqual([]);
    expect(allowedActions(STANDARD_STEPS, 'revised', PERFORMERS)).toEqual([]);
  });

  it('an operator (team) cannot establish or publish; a head can do everything a team can', () => {
    expect(allowedActions(STANDARD_STEPS, 'draft', ['team'])).toEqual(['open_consultation']);
    expect(allowedActions(STANDARD_STEPS, 'draft', ['team', 'head'])).toEqual(['open_consultation', 'establish']);
    expect(allowedActions(STANDARD_STEPS, 'established', ['team'])).toEqual([]);
  });
});

describe('maklumat life cycle', () => {
  const expected: Record<MaklumatAction, { from: string[]; to: string; by: Performer[] }> = {
    establish: { from: ['draft'], to: 'established', by: ['head'] },
    publish: { from: ['established'], to: 'published', by: ['head'] },
    revise: { from: ['published'], to: 'revised', by: ['team', 'head'] },
  };
  for (const action of Object.keys(expected) as MaklumatAction[]) {
    for (const from of MAKLUMAT_STATUSES) {
      for (const who of PERFORMERS) {
        const e = expected[action];
        const ok = e.from.includes(from) && e.by.includes(who);
        it(`${action} from ${from} by ${who}: ${ok ? 'allowed' : 'refused'}`, () => {
          const p = plan(MAKLUMAT_STEPS, action, from, [who]);
          expect(p.ok).toBe(ok);
          if (p.ok) expect(p.to).toBe(e.to);
        });
      }
    }
  }
});

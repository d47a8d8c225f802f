import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_STATES,
  ASSIGNMENT_TRANSITIONS,
  deriveAssignmentState,
  nextAssignmentState,
  OPEN_ASSIGNMENT_STATES,
} from './assignment-state.js';

describe('assignment state (RR 4/2017 art. 15)', () => {
  it('follows offer, acceptance, decision and contract', () => {
    const path = ['offered', 'accepted', 'decided', 'contract_signed'] as const;
    expect(deriveAssignmentState(path.map((kind) => ({ kind })))).toEqual({ ok: true, state: 'contracted' });
  });

  it('art. 15 c.2: the decision is preceded by the acceptance', () => {
    expect(deriveAssignmentState([{ kind: 'offered' }, { kind: 'decided' }])).toMatchObject({
      ok: false,
      state: 'offered',
    });
    expect(nextAssignmentState('confirmed', 'decided').ok).toBe(false);
  });

  it('a refusal or a cancellation ends the assignment and frees the unit', () => {
    expect(deriveAssignmentState([{ kind: 'offered' }, { kind: 'refused' }])).toEqual({ ok: true, state: 'refused' });
    expect(nextAssignmentState('refused', 'accepted')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Rinuncia'),
    });
    expect(OPEN_ASSIGNMENT_STATES.has('refused')).toBe(false);
    expect(OPEN_ASSIGNMENT_STATES.has('cancelled')).toBe(false);
    expect(OPEN_ASSIGNMENT_STATES.has('offered')).toBe(true);
  });

  it('has a row for every state', () => {
    expect(Object.keys(ASSIGNMENT_TRANSITIONS).sort()).toEqual([...ASSIGNMENT_STATES].sort());
  });
});

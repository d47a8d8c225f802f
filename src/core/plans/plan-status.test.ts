import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../kernel/plain-date.js';
import { canMoveAction, derivePlanStatus } from './plan-status.js';

const d = (s: string) => s as PlainDate;
const today = d('2026-11-26');

describe('accompaniment plan status, derived from its actions', () => {
  it('to define, in progress, late, completed, closed', () => {
    expect(derivePlanStatus({ closedOn: null, actions: [] }, today)).toBe('to_define');
    expect(derivePlanStatus({ closedOn: null, actions: [{ status: 'planned', dueOn: d('2026-12-01') }] }, today)).toBe(
      'in_progress',
    );
    expect(
      derivePlanStatus({ closedOn: null, actions: [{ status: 'in_progress', dueOn: d('2026-11-25') }] }, today),
    ).toBe('late');
    expect(
      derivePlanStatus(
        {
          closedOn: null,
          actions: [
            { status: 'done', dueOn: null },
            { status: 'cancelled', dueOn: null },
          ],
        },
        today,
      ),
    ).toBe('completed');
    expect(derivePlanStatus({ closedOn: d('2026-11-01'), actions: [{ status: 'planned', dueOn: null }] }, today)).toBe(
      'closed',
    );
  });
  it('an action that is done or cancelled does not move again', () => {
    expect(canMoveAction('planned', 'done')).toBe(true);
    expect(canMoveAction('in_progress', 'planned')).toBe(false);
    expect(canMoveAction('done', 'in_progress')).toBe(false);
  });
});

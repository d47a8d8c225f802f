import { UNIT_STATE_LABELS, type UnitState } from '../../../shared/units.js';
import { UNIT_STATE_BADGES } from './labels.js';

export function UnitStateBadge({ state, testId }: { readonly state: UnitState; readonly testId?: string }) {
  return (
    <span className={`badge ${UNIT_STATE_BADGES[state]}`} data-testid={testId}>
      {UNIT_STATE_LABELS[state]}
    </span>
  );
}

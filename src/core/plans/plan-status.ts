// The status of an accompaniment plan (progetto individualizzato) DERIVED from its actions: nobody
// sets it by hand. Pure: the day is a parameter.

import type { PlainDate } from '../kernel/plain-date.js';

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const PLAN_STATUSES = ['to_define', 'in_progress', 'late', 'completed', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  to_define: 'Da definire (nessuna azione)',
  in_progress: 'In corso',
  late: 'In ritardo (azioni scadute)',
  completed: 'Azioni completate',
  closed: 'Chiuso',
};

/** Allowed changes of an action's status: one table, as for every state here. */
export const ACTION_TRANSITIONS = {
  planned: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
} as const satisfies Record<ActionStatus, readonly ActionStatus[]>;

export function canMoveAction(from: ActionStatus, to: ActionStatus): boolean {
  return (ACTION_TRANSITIONS[from] as readonly ActionStatus[]).includes(to);
}

export interface PlanFacts {
  readonly closedOn: PlainDate | null;
  readonly actions: readonly { readonly status: ActionStatus; readonly dueOn: PlainDate | null }[];
}

export function derivePlanStatus(plan: PlanFacts, today: PlainDate): PlanStatus {
  if (plan.closedOn !== null && plan.closedOn <= today) return 'closed';
  if (plan.actions.length === 0) return 'to_define';
  const open = plan.actions.filter((a) => a.status === 'planned' || a.status === 'in_progress');
  if (open.length === 0) return plan.actions.some((a) => a.status === 'done') ? 'completed' : 'to_define';
  if (open.some((a) => a.dueOn !== null && a.dueOn < today)) return 'late';
  return 'in_progress';
}

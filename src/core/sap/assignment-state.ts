// The life of an assignment (RR 4/2017 art. 15, rules.md §2.8), derived from its append-only
// events by one table of allowed transitions: the officer confirms a proposed unit, the unit is
// offered, the applicant accepts or refuses (c.2: acceptance precedes the decision), the
// assignment is decided, the contract is signed. A cancellation ends it at any open step.

export const ASSIGNMENT_STATES = [
  'confirmed',
  'offered',
  'accepted',
  'decided',
  'contracted',
  'refused',
  'cancelled',
] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

export const ASSIGNMENT_EVENTS = ['offered', 'accepted', 'refused', 'decided', 'contract_signed', 'cancelled'] as const;
export type AssignmentEventKind = (typeof ASSIGNMENT_EVENTS)[number];

export const ASSIGNMENT_TRANSITIONS = {
  confirmed: { offered: 'offered', cancelled: 'cancelled' },
  offered: { accepted: 'accepted', refused: 'refused', cancelled: 'cancelled' },
  accepted: { decided: 'decided', cancelled: 'cancelled' },
  decided: { contract_signed: 'contracted' },
  contracted: {},
  refused: {},
  cancelled: {},
} as const satisfies Record<AssignmentState, Partial<Record<AssignmentEventKind, AssignmentState>>>;

/** States in which the unit and the household stay held by this assignment. */
export const OPEN_ASSIGNMENT_STATES: ReadonlySet<AssignmentState> = new Set([
  'confirmed',
  'offered',
  'accepted',
  'decided',
  'contracted',
]);

export const ASSIGNMENT_STATE_LABELS: Record<AssignmentState, string> = {
  confirmed: 'Proposta confermata',
  offered: 'Alloggio offerto',
  accepted: 'Accettato',
  decided: 'Assegnazione disposta',
  contracted: 'Contratto firmato',
  refused: 'Rinuncia',
  cancelled: 'Annullata',
};

const EVENT_LABELS: Record<AssignmentEventKind, string> = {
  offered: 'l’offerta dell’alloggio',
  accepted: 'l’accettazione',
  refused: 'la rinuncia',
  decided: 'il provvedimento di assegnazione',
  contract_signed: 'la firma del contratto',
  cancelled: 'l’annullamento',
};

export type AssignmentStateResult =
  | { readonly ok: true; readonly state: AssignmentState }
  | { readonly ok: false; readonly state: AssignmentState; readonly message: string };

export function nextAssignmentState(state: AssignmentState, event: AssignmentEventKind): AssignmentStateResult {
  const to = (ASSIGNMENT_TRANSITIONS[state] as Partial<Record<AssignmentEventKind, AssignmentState>>)[event];
  if (to === undefined) {
    return {
      ok: false,
      state,
      message: `Non si può registrare ${EVENT_LABELS[event]}: l’assegnazione è nello stato «${ASSIGNMENT_STATE_LABELS[state]}».`,
    };
  }
  return { ok: true, state: to };
}

export function deriveAssignmentState(
  events: readonly { readonly kind: AssignmentEventKind }[],
): AssignmentStateResult {
  let state: AssignmentState = 'confirmed';
  for (const e of events) {
    const r = nextAssignmentState(state, e.kind);
    if (!r.ok) return r;
    state = r.state;
  }
  return { ok: true, state };
}

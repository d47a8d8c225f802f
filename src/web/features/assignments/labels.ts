import {
  ASSIGNMENT_TRANSITIONS,
  type AssignmentEventKind,
  type AssignmentState,
} from '../../../core/sap/assignment-state.js';
import { REFUSAL_POLICIES } from '../../../core/sap/assignment.js';
import { ASSIGNMENT_BASIS_LABELS } from '../../../shared/assignments.js';

/** Badge colours of Bootstrap Italia, all with AA contrast for their white text. */
export const ASSIGNMENT_STATE_BADGES: Record<AssignmentState, string> = {
  confirmed: 'bg-primary',
  offered: 'bg-primary',
  accepted: 'bg-success',
  decided: 'bg-success',
  contracted: 'bg-success',
  refused: 'bg-danger',
  cancelled: 'bg-secondary',
};

/** An event as the history lists it. */
export const EVENT_LABELS: Record<AssignmentEventKind, string> = {
  offered: 'Offerta dell’alloggio',
  accepted: 'Accettazione',
  refused: 'Rinuncia',
  decided: 'Provvedimento di assegnazione',
  contract_signed: 'Firma del contratto',
  cancelled: 'Annullamento',
};

/** The button that records the event. */
export const EVENT_ACTIONS: Record<AssignmentEventKind, string> = {
  offered: 'Registra offerta',
  accepted: 'Registra accettazione',
  refused: 'Registra rinuncia',
  decided: 'Registra assegnazione',
  contract_signed: 'Registra contratto',
  cancelled: 'Annulla assegnazione',
};

/** What was recorded, for the status message. */
export const EVENT_DONE: Record<AssignmentEventKind, string> = {
  offered: 'Offerta registrata',
  accepted: 'Accettazione registrata',
  refused: 'Rinuncia registrata',
  decided: 'Assegnazione disposta',
  contract_signed: 'Firma del contratto registrata',
  cancelled: 'Assegnazione annullata',
};

/** Refusals and cancellations need a written reason. */
export const EVENTS_WITH_REASON: ReadonlySet<AssignmentEventKind> = new Set(['refused', 'cancelled']);

/** The steps that may follow a state, in the order of the transition table. */
export function nextEvents(state: AssignmentState): AssignmentEventKind[] {
  return Object.keys(ASSIGNMENT_TRANSITIONS[state]) as AssignmentEventKind[];
}

export function eventLabel(kind: string): string {
  return kind in EVENT_LABELS ? EVENT_LABELS[kind as AssignmentEventKind] : kind;
}

export function basisLabel(basis: string): string {
  return basis in ASSIGNMENT_BASIS_LABELS
    ? ASSIGNMENT_BASIS_LABELS[basis as keyof typeof ASSIGNMENT_BASIS_LABELS]
    : basis;
}

export function refusalPolicyText(id: string): string {
  return REFUSAL_POLICIES.find((p) => p.id === id)?.text ?? id;
}

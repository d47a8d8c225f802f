// The life of an application to a measure (STYLE.md principle 4): the status follows from the
// append-only events; this one table says which event may come in which status.
export const APPLICATION_STATUSES = [
  'submitted',
  'review_passed',
  'review_failed',
  'approved',
  'not_approved',
  'paid',
  'revoked',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_EVENTS = [
  'submitted',
  'document_added',
  'review_passed',
  'review_failed',
  'approved',
  'not_approved',
  'paid',
  'payment_cancelled',
  'recovered',
] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

/** Status → events allowed in it, and the status each leads to. */
export const TRANSITIONS = {
  submitted: { document_added: 'submitted', review_passed: 'review_passed', review_failed: 'review_failed' },
  review_passed: {
    document_added: 'review_passed',
    review_passed: 'review_passed',
    review_failed: 'review_failed',
    approved: 'approved',
    not_approved: 'not_approved',
  },
  review_failed: { document_added: 'review_failed', review_passed: 'review_passed' },
  approved: { paid: 'paid' },
  not_approved: {},
  // A cancelled payment (never reached the payee) makes the grant payable again; a recovery revokes it.
  paid: { payment_cancelled: 'approved', recovered: 'revoked' },
  revoked: {},
} as const satisfies Record<ApplicationStatus, Partial<Record<ApplicationEvent, ApplicationStatus>>>;

export function nextStatus(status: ApplicationStatus, event: ApplicationEvent): ApplicationStatus | null {
  const row = TRANSITIONS[status] as Partial<Record<ApplicationEvent, ApplicationStatus>>;
  return row[event] ?? null;
}

/** The status after a sequence of events, from 'submitted'; null if some event was not allowed. */
export function statusFromEvents(events: readonly ApplicationEvent[]): ApplicationStatus | null {
  let status: ApplicationStatus = 'submitted';
  for (const e of events.slice(events[0] === 'submitted' ? 1 : 0)) {
    const next = nextStatus(status, e);
    if (next === null) return null;
    status = next;
  }
  return status;
}

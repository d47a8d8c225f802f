// The life of an eviction procedure (rules.md §6.2), DERIVED from its append-only events by one
// table of allowed transitions. The stages follow the c.p.c.: notice with summons (artt. 657–658),
// validation hearing and order (art. 663; art. 665 ordinanza), date of release set by the judge,
// precetto (art. 480), the bailiff's notice ≥ 10 days before the access and the accesses (art. 608),
// release. A procedure may also close without release (arrears cleared, agreement, the landlord
// renounces — e.g. with the arrears fund, DM 30/3/2016 art. 5 lett. a) or the household may leave
// before the bailiff.

import { formatPlainDateIt, type PlainDate } from '../kernel/plain-date.js';

export const EVICTION_STATUSES = [
  'reported',
  'notice_served',
  'hearing_held',
  'validated',
  'release_date_set',
  'precetto_served',
  'bailiff_notified',
  'access_postponed',
  'executed',
  'released_voluntarily',
  'closed',
] as const;
export type EvictionStatus = (typeof EVICTION_STATUSES)[number];

/** What a user records. A bailiff visit is one kind whose outcome decides the move. */
export const EVICTION_EVENT_KINDS = [
  'notice_served',
  'hearing',
  'validated',
  'release_date_set',
  'precetto',
  'bailiff_notice',
  'bailiff_visit',
  'voluntary_release',
  'closed',
] as const;
export type EvictionEventKind = (typeof EVICTION_EVENT_KINDS)[number];

export const BAILIFF_VISIT_OUTCOMES = ['postponed', 'executed'] as const;
export type BailiffVisitOutcome = (typeof BAILIFF_VISIT_OUTCOMES)[number];

export const HEARING_OUTCOMES = ['postponed', 'grace_period', 'opposed'] as const;
export type HearingOutcome = (typeof HEARING_OUTCOMES)[number];

/** The moves of the transition table: event kinds, with the bailiff visit split by its outcome. */
export const EVICTION_MOVES = [
  'notice_served',
  'hearing',
  'validated',
  'release_date_set',
  'precetto',
  'bailiff_notice',
  'bailiff_visit_postponed',
  'bailiff_visit_executed',
  'voluntary_release',
  'closed',
] as const;
export type EvictionMove = (typeof EVICTION_MOVES)[number];

const TERMINAL = {} as const;

/** THE table: from each status, the moves allowed and where they lead. Nothing else is allowed. */
export const EVICTION_TRANSITIONS = {
  reported: { notice_served: 'notice_served', closed: 'closed' },
  notice_served: { hearing: 'hearing_held', validated: 'validated', closed: 'closed' },
  hearing_held: { hearing: 'hearing_held', validated: 'validated', closed: 'closed' },
  validated: {
    release_date_set: 'release_date_set',
    precetto: 'precetto_served',
    voluntary_release: 'released_voluntarily',
    closed: 'closed',
  },
  release_date_set: {
    release_date_set: 'release_date_set',
    precetto: 'precetto_served',
    voluntary_release: 'released_voluntarily',
    closed: 'closed',
  },
  precetto_served: {
    release_date_set: 'precetto_served',
    bailiff_notice: 'bailiff_notified',
    voluntary_release: 'released_voluntarily',
    closed: 'closed',
  },
  bailiff_notified: {
    release_date_set: 'bailiff_notified',
    bailiff_visit_postponed: 'access_postponed',
    bailiff_visit_executed: 'executed',
    voluntary_release: 'released_voluntarily',
    closed: 'closed',
  },
  access_postponed: {
    release_date_set: 'access_postponed',
    bailiff_notice: 'bailiff_notified',
    bailiff_visit_postponed: 'access_postponed',
    bailiff_visit_executed: 'executed',
    voluntary_release: 'released_voluntarily',
    closed: 'closed',
  },
  executed: TERMINAL,
  released_voluntarily: TERMINAL,
  closed: TERMINAL,
} as const satisfies Record<EvictionStatus, Partial<Record<EvictionMove, EvictionStatus>>>;

export const EVICTION_STATUS_LABELS: Record<EvictionStatus, string> = {
  reported: 'Segnalato (morosità o disdetta)',
  notice_served: 'Intimazione notificata',
  hearing_held: 'Udienza tenuta, in attesa di convalida',
  validated: 'Sfratto convalidato',
  release_date_set: 'Data di rilascio fissata',
  precetto_served: 'Precetto notificato',
  bailiff_notified: 'Preavviso di rilascio dell’ufficiale giudiziario',
  access_postponed: 'Accesso rinviato',
  executed: 'Eseguito con l’ufficiale giudiziario',
  released_voluntarily: 'Alloggio lasciato spontaneamente',
  closed: 'Chiuso senza rilascio',
};

export const EVICTION_EVENT_LABELS: Record<EvictionEventKind, string> = {
  notice_served: 'Notifica dell’intimazione con citazione per la convalida',
  hearing: 'Udienza (rinvio, termine di grazia, opposizione)',
  validated: 'Convalida (provvedimento esecutivo di rilascio)',
  release_date_set: 'Data di rilascio fissata o differita',
  precetto: 'Atto di precetto',
  bailiff_notice: 'Preavviso di rilascio (avviso dell’ufficiale giudiziario)',
  bailiff_visit: 'Accesso dell’ufficiale giudiziario',
  voluntary_release: 'Rilascio spontaneo dell’alloggio',
  closed: 'Chiusura senza rilascio (sanatoria, accordo, rinuncia)',
};

const MOVE_PHRASES: Record<EvictionMove, string> = {
  notice_served: 'la notifica dell’intimazione',
  hearing: 'un’udienza',
  validated: 'la convalida',
  release_date_set: 'la data di rilascio',
  precetto: 'il precetto',
  bailiff_notice: 'il preavviso di rilascio',
  bailiff_visit_postponed: 'un accesso dell’ufficiale giudiziario',
  bailiff_visit_executed: 'l’esecuzione con l’ufficiale giudiziario',
  voluntary_release: 'il rilascio spontaneo',
  closed: 'la chiusura',
};

/** Why a move needs an earlier stage: the clear message says what is missing. */
const PREREQUISITE: Partial<Record<EvictionMove, string>> = {
  hearing: 'serve prima la notifica dell’intimazione con citazione (c.p.c. artt. 657–658)',
  validated: 'serve prima la notifica dell’intimazione con citazione per la convalida (c.p.c. art. 663)',
  release_date_set: 'la data di rilascio si fissa con o dopo la convalida (rules.md §6.2 p. 3)',
  precetto: 'il precetto presuppone il titolo esecutivo, cioè la convalida (c.p.c. art. 480)',
  bailiff_notice: 'il preavviso dell’ufficiale giudiziario segue il precetto (c.p.c. art. 608)',
  bailiff_visit_postponed: 'un accesso segue il preavviso di rilascio (c.p.c. art. 608)',
  bailiff_visit_executed: 'l’esecuzione segue convalida, precetto e preavviso di rilascio (c.p.c. art. 608)',
  voluntary_release: 'il rilascio spontaneo si registra dopo la convalida',
};

export function isTerminal(status: EvictionStatus): boolean {
  return Object.keys(EVICTION_TRANSITIONS[status]).length === 0;
}

export interface EvictionEvent {
  readonly kind: EvictionEventKind;
  readonly occurredOn: PlainDate;
  /** bailiff_visit only. */
  readonly visitOutcome?: BailiffVisitOutcome | null;
  readonly policePresent?: boolean | null;
  /** The day set for the release (release_date_set), the access (bailiff_notice) or the next access (postponed visit). */
  readonly plannedOn?: PlainDate | null;
}

export function moveOf(e: Pick<EvictionEvent, 'kind' | 'visitOutcome'>): EvictionMove {
  if (e.kind === 'bailiff_visit') {
    return e.visitOutcome === 'executed' ? 'bailiff_visit_executed' : 'bailiff_visit_postponed';
  }
  return e.kind;
}

export type EvictionStepResult =
  | { readonly ok: true; readonly status: EvictionStatus }
  | {
      readonly ok: false;
      readonly status: EvictionStatus;
      readonly code: 'TRANSITION_NOT_ALLOWED';
      readonly message: string;
    };

export function nextEvictionStatus(status: EvictionStatus, move: EvictionMove): EvictionStepResult {
  const to = (EVICTION_TRANSITIONS[status] as Partial<Record<EvictionMove, EvictionStatus>>)[move];
  if (to !== undefined) return { ok: true, status: to };
  const why = isTerminal(status) ? 'la procedura è conclusa' : (PREREQUISITE[move] ?? 'il passaggio non è previsto');
  return {
    ok: false,
    status,
    code: 'TRANSITION_NOT_ALLOWED',
    message: `Non si può registrare ${MOVE_PHRASES[move]}: la procedura è nello stato «${EVICTION_STATUS_LABELS[status]}» e ${why}.`,
  };
}

export interface EvictionSummary {
  readonly status: EvictionStatus;
  readonly noticeServedOn: PlainDate | null;
  readonly validatedOn: PlainDate | null;
  /** The release day as last set (by the judge, a deferral, the bailiff's notice or a postponed access). */
  readonly plannedReleaseOn: PlainDate | null;
  readonly executionRequestedOn: PlainDate | null;
  readonly executedOn: PlainDate | null;
  readonly releasedOn: PlainDate | null;
  readonly closedOn: PlainDate | null;
  readonly visits: number;
  readonly visitsWithPolice: number;
}

export type EvictionDerivation =
  | ({ readonly ok: true } & EvictionSummary)
  | {
      readonly ok: false;
      readonly code: 'TRANSITION_NOT_ALLOWED' | 'DATE_OUT_OF_ORDER' | 'PLANNED_DATE_MISSING';
      readonly message: string;
      /** Index of the refused event. */
      readonly at: number;
    };

const NEEDS_PLANNED_DATE: ReadonlySet<EvictionMove> = new Set(['release_date_set', 'bailiff_notice']);

/**
 * The status of a procedure from its events, in the order recorded. Every event must be allowed by
 * the table and dated no earlier than the one before; a refusal names the event and says why.
 */
export function deriveEviction(events: readonly EvictionEvent[]): EvictionDerivation {
  let status: EvictionStatus = 'reported';
  let previous: PlainDate | null = null;
  const s = {
    noticeServedOn: null as PlainDate | null,
    validatedOn: null as PlainDate | null,
    plannedReleaseOn: null as PlainDate | null,
    executionRequestedOn: null as PlainDate | null,
    executedOn: null as PlainDate | null,
    releasedOn: null as PlainDate | null,
    closedOn: null as PlainDate | null,
    visits: 0,
    visitsWithPolice: 0,
  };
  for (const [i, e] of events.entries()) {
    const move = moveOf(e);
    const step = nextEvictionStatus(status, move);
    if (!step.ok) return { ok: false, code: step.code, message: step.message, at: i };
    if (previous !== null && e.occurredOn < previous) {
      return {
        ok: false,
        code: 'DATE_OUT_OF_ORDER',
        message: `La data di ${MOVE_PHRASES[move]} (${formatPlainDateIt(e.occurredOn)}) è precedente a quella dell’ultimo passaggio registrato (${formatPlainDateIt(previous)}).`,
        at: i,
      };
    }
    if (NEEDS_PLANNED_DATE.has(move) && !e.plannedOn) {
      return {
        ok: false,
        code: 'PLANNED_DATE_MISSING',
        message: `Per ${MOVE_PHRASES[move]} indicare il giorno fissato per il rilascio o per l’accesso.`,
        at: i,
      };
    }
    if (e.plannedOn && e.plannedOn < e.occurredOn) {
      return {
        ok: false,
        code: 'DATE_OUT_OF_ORDER',
        message: `Il giorno fissato (${formatPlainDateIt(e.plannedOn)}) è precedente alla data dell’atto (${formatPlainDateIt(e.occurredOn)}).`,
        at: i,
      };
    }
    previous = e.occurredOn;
    status = step.status;
    switch (move) {
      case 'notice_served':
        s.noticeServedOn = e.occurredOn;
        break;
      case 'validated':
        s.validatedOn = e.occurredOn;
        break;
      case 'bailiff_notice':
        // The first request to the bailiff counts once per procedure (Ministry: richieste di esecuzione).
        s.executionRequestedOn ??= e.occurredOn;
        s.plannedReleaseOn = e.plannedOn ?? s.plannedReleaseOn;
        break;
      case 'release_date_set':
        s.plannedReleaseOn = e.plannedOn ?? s.plannedReleaseOn;
        break;
      case 'bailiff_visit_postponed':
        s.visits += 1;
        if (e.policePresent) s.visitsWithPolice += 1;
        s.plannedReleaseOn = e.plannedOn ?? s.plannedReleaseOn;
        break;
      case 'bailiff_visit_executed':
        s.visits += 1;
        if (e.policePresent) s.visitsWithPolice += 1;
        s.executedOn = e.occurredOn;
        s.releasedOn = e.occurredOn;
        break;
      case 'voluntary_release':
        s.releasedOn = e.occurredOn;
        break;
      case 'closed':
        s.closedOn = e.occurredOn;
        break;
      default:
        break;
    }
  }
  return { ok: true, status, ...s };
}

/** The moves a user may record next, for the form that offers only what the table allows. */
export function allowedMoves(status: EvictionStatus): EvictionMove[] {
  return Object.keys(EVICTION_TRANSITIONS[status]) as EvictionMove[];
}

/** The event kinds the next-step form offers (a bailiff visit stands for both its outcomes). */
export function allowedEventKinds(status: EvictionStatus): EvictionEventKind[] {
  const kinds = new Set<EvictionEventKind>();
  for (const m of allowedMoves(status)) {
    kinds.add(m === 'bailiff_visit_postponed' || m === 'bailiff_visit_executed' ? 'bailiff_visit' : m);
  }
  return EVICTION_EVENT_KINDS.filter((k) => kinds.has(k));
}

/** Open procedures: the agency can still act before a release. */
export function isOpen(status: EvictionStatus): boolean {
  return !isTerminal(status);
}

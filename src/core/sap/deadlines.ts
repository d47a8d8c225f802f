// Deadlines of a SAP call and its rankings: RR 4/2017 art. 8 c.2 (application window) and art. 12
// (rankings, rules.md §2.5 [P]: several municipal pages quoting the same regional text).
//
// ASSUMPTION: every "day" here is a CALENDAR day, and a term of N days "from" an event ends on the
// event's day + N (the day of the event is not counted, as in c.c. art. 2963 and c.p.c. art. 155).
// We do not move a term that ends on a Sunday or public holiday to the next working day; if the
// agency's practice does, that is a change to make here, in one place.

import { addDays, daysBetween, type PlainDate } from '../kernel/plain-date.js';
import { formatDateIt, type Reason, type RuleError } from './explained.js';

export const CALL_WINDOW_MIN_DAYS = 30;
export const PROVISIONAL_RANKING_DAYS = 5;
export const CORRECTION_WINDOW_DAYS = 15;
export const CORRECTION_DECISION_DAYS = 15;
export const FINAL_WITHOUT_REQUESTS_DAYS = 15;
export const FINAL_PUBLICATION_DAYS = 5;

const SOURCE_WINDOW = 'R.R. 4/2017 art. 8 c.2';
const SOURCE_RANKINGS = 'R.R. 4/2017 art. 12 (come modificato da R.R. 3/2019 art. 9)';

export type CallWindowErrorCode = 'CALL_CLOSES_BEFORE_OPENING' | 'CALL_WINDOW_TOO_SHORT';

/**
 * The application window must last at least 30 days (RR 4/2017 art. 8 c.2). ASSUMPTION: both the
 * opening and the closing day are days on which one can apply, so 1–30 March is 30 days.
 */
export function checkCallWindow(
  opensOn: PlainDate,
  closesOn: PlainDate,
):
  | { readonly ok: true; readonly days: number }
  | { readonly ok: false; readonly error: RuleError<CallWindowErrorCode> } {
  if (closesOn < opensOn) {
    return {
      ok: false,
      error: {
        code: 'CALL_CLOSES_BEFORE_OPENING',
        text: `La chiusura (${formatDateIt(closesOn)}) precede l’apertura (${formatDateIt(opensOn)}).`,
        source: SOURCE_WINDOW,
      },
    };
  }
  const days = daysBetween(opensOn, closesOn) + 1;
  if (days < CALL_WINDOW_MIN_DAYS) {
    return {
      ok: false,
      error: {
        code: 'CALL_WINDOW_TOO_SHORT',
        text: `L’avviso resta aperto ${days} giorni (dal ${formatDateIt(opensOn)} al ${formatDateIt(closesOn)}, estremi inclusi): ne servono almeno ${CALL_WINDOW_MIN_DAYS}.`,
        source: SOURCE_WINDOW,
      },
    };
  }
  return { ok: true, days };
}

export interface Deadline {
  readonly code:
    | 'provisional_ranking_due'
    | 'correction_window_closes'
    | 'final_without_requests'
    | 'final_ranking'
    | 'final_publication_due';
  readonly on: PlainDate;
  readonly text: string;
  readonly source: string;
}

export interface CorrectionRequestDates {
  readonly filedOn: PlainDate;
  readonly decidedOn?: PlainDate | null;
}

/** Provisional rankings are approved within 5 days of the closing date (RR art. 12). */
export function provisionalRankingDueBy(closesOn: PlainDate): PlainDate {
  return addDays(closesOn, PROVISIONAL_RANKING_DAYS);
}

/** Correction requests may be filed from the publication day to 15 days after it (RR art. 12). */
export function correctionWindow(provisionalPublishedOn: PlainDate): {
  readonly from: PlainDate;
  readonly until: PlainDate;
} {
  return { from: provisionalPublishedOn, until: addDays(provisionalPublishedOn, CORRECTION_WINDOW_DAYS) };
}

/** The owner decides within 15 days of the request (RR art. 12); after that, silence means granted. */
export function correctionDecisionDueBy(filedOn: PlainDate): PlainDate {
  return addDays(filedOn, CORRECTION_DECISION_DAYS);
}

/**
 * The day the provisional ranking becomes final (RR art. 12): 15 days after publication when no
 * request is filed; otherwise when the last request is settled, by decision or by silence on its
 * 15th day, and never before the correction window has closed.
 */
export function finalRankingOn(
  provisionalPublishedOn: PlainDate,
  requests: readonly CorrectionRequestDates[],
): PlainDate {
  let last = addDays(provisionalPublishedOn, FINAL_WITHOUT_REQUESTS_DAYS);
  for (const request of requests) {
    const due = correctionDecisionDueBy(request.filedOn);
    const settled = request.decidedOn && request.decidedOn <= due ? request.decidedOn : due;
    if (settled > last) last = settled;
  }
  return last;
}

/** Every deadline of a call known so far, for the call page. */
export function callDeadlines(input: {
  readonly closesOn: PlainDate;
  readonly provisionalPublishedOn?: PlainDate | null;
  readonly correctionRequests?: readonly CorrectionRequestDates[];
}): Deadline[] {
  const out: Deadline[] = [
    {
      code: 'provisional_ranking_due',
      on: provisionalRankingDueBy(input.closesOn),
      text: `Graduatorie provvisorie entro il ${formatDateIt(provisionalRankingDueBy(input.closesOn))} (5 giorni dalla chiusura).`,
      source: SOURCE_RANKINGS,
    },
  ];
  const published = input.provisionalPublishedOn;
  if (!published) return out;
  const window = correctionWindow(published);
  const requests = input.correctionRequests ?? [];
  const finalOn = finalRankingOn(published, requests);
  out.push({
    code: 'correction_window_closes',
    on: window.until,
    text: `Istanze di rettifica fino al ${formatDateIt(window.until)} (15 giorni dalla pubblicazione del ${formatDateIt(published)}).`,
    source: SOURCE_RANKINGS,
  });
  out.push(
    requests.length === 0
      ? {
          code: 'final_without_requests',
          on: finalOn,
          text: `Senza istanze di rettifica, la graduatoria diventa definitiva il ${formatDateIt(finalOn)} (15 giorni dalla pubblicazione).`,
          source: SOURCE_RANKINGS,
        }
      : {
          code: 'final_ranking',
          on: finalOn,
          text: `Con ${requests.length} istanze di rettifica, la graduatoria diventa definitiva al più tardi il ${formatDateIt(finalOn)} (decisione entro 15 giorni da ogni istanza; il silenzio vale accoglimento).`,
          source: SOURCE_RANKINGS,
        },
  );
  const publicationDue = addDays(finalOn, FINAL_PUBLICATION_DAYS);
  out.push({
    code: 'final_publication_due',
    on: publicationDue,
    text: `Pubblicazione della graduatoria definitiva entro il ${formatDateIt(publicationDue)} (5 giorni).`,
    source: SOURCE_RANKINGS,
  });
  return out;
}

export type CorrectionOutcomeCode = 'pending' | 'granted' | 'rejected' | 'granted_by_silence';

export interface CorrectionOutcome extends Reason<CorrectionOutcomeCode> {
  readonly decisionDueBy: PlainDate;
  /** The day the outcome took effect; null while pending. */
  readonly effectiveOn: PlainDate | null;
  readonly source: string;
}

/**
 * The outcome of a correction request on a given day (RR art. 12): the owner's decision when taken
 * within 15 days; past the 15th day without a decision the request is granted by silence, and a
 * later decision no longer changes it (a tacit grant can only be withdrawn by a new act in
 * self-protection, which is outside this rule).
 */
export function correctionRequestOutcome(input: {
  readonly filedOn: PlainDate;
  readonly decidedOn?: PlainDate | null;
  readonly decision?: 'granted' | 'rejected' | null;
  readonly today: PlainDate;
}): CorrectionOutcome {
  const due = correctionDecisionDueBy(input.filedOn);
  const decided = input.decidedOn ?? null;
  if ((decided === null) !== (input.decision === undefined || input.decision === null)) {
    throw new RangeError('A decision needs both its date and its content');
  }
  if (decided !== null && decided < input.filedOn) throw new RangeError('A decision cannot precede its request');
  const base = { decisionDueBy: due, source: SOURCE_RANKINGS };
  const knownDecision = decided !== null && decided <= input.today ? decided : null;
  if (knownDecision !== null && knownDecision <= due) {
    const granted = input.decision === 'granted';
    return {
      ...base,
      code: granted ? 'granted' : 'rejected',
      effectiveOn: knownDecision,
      text: `Istanza presentata il ${formatDateIt(input.filedOn)}, ${granted ? 'accolta' : 'respinta'} il ${formatDateIt(knownDecision)}.`,
    };
  }
  if (input.today > due) {
    const late =
      knownDecision !== null ? ` La decisione del ${formatDateIt(knownDecision)} è arrivata oltre il termine.` : '';
    return {
      ...base,
      code: 'granted_by_silence',
      effectiveOn: due,
      text: `Istanza presentata il ${formatDateIt(input.filedOn)}, accolta per silenzio: nessuna decisione entro il ${formatDateIt(due)} (15 giorni).${late}`,
    };
  }
  return {
    ...base,
    code: 'pending',
    effectiveOn: null,
    text: `Istanza presentata il ${formatDateIt(input.filedOn)}, in attesa di decisione entro il ${formatDateIt(due)}; in mancanza, sarà accolta per silenzio.`,
  };
}

export type CorrectionSubject = 'civil_invalidity_percentage' | 'other';

export type CorrectionRefusalCode =
  | 'SUBJECT_NOT_ALLOWED'
  | 'PROCEDURE_START_MISSING'
  | 'PROCEDURE_STARTED_AFTER_CLOSING'
  | 'FILED_BEFORE_PUBLICATION'
  | 'FILED_AFTER_WINDOW';

/**
 * A correction request may only concern the recognition of a civil-invalidity percentage obtained
 * through a procedure started before the call's closing date (RR art. 12); it must be filed within
 * 15 days of the provisional ranking's publication. ASSUMPTION: "before the deadline" includes the
 * closing day itself, the last day on which one could apply.
 */
export function validateCorrectionRequest(input: {
  readonly subject: CorrectionSubject;
  readonly invalidityProcedureStartedOn: PlainDate | null;
  readonly callClosesOn: PlainDate;
  readonly provisionalPublishedOn: PlainDate;
  readonly filedOn: PlainDate;
}): { readonly ok: true } | { readonly ok: false; readonly errors: readonly RuleError<CorrectionRefusalCode>[] } {
  const errors: RuleError<CorrectionRefusalCode>[] = [];
  const window = correctionWindow(input.provisionalPublishedOn);
  if (input.filedOn < window.from) {
    errors.push({
      code: 'FILED_BEFORE_PUBLICATION',
      text: `L’istanza (${formatDateIt(input.filedOn)}) precede la pubblicazione della graduatoria provvisoria (${formatDateIt(window.from)}).`,
      source: SOURCE_RANKINGS,
    });
  } else if (input.filedOn > window.until) {
    errors.push({
      code: 'FILED_AFTER_WINDOW',
      text: `L’istanza (${formatDateIt(input.filedOn)}) è fuori termine: le rettifiche si presentano entro il ${formatDateIt(window.until)} (15 giorni dalla pubblicazione).`,
      source: SOURCE_RANKINGS,
    });
  }
  if (input.subject !== 'civil_invalidity_percentage') {
    errors.push({
      code: 'SUBJECT_NOT_ALLOWED',
      text: 'La rettifica del punteggio è ammessa solo per il riconoscimento di una percentuale di invalidità civile.',
      source: SOURCE_RANKINGS,
    });
  } else if (input.invalidityProcedureStartedOn === null) {
    errors.push({
      code: 'PROCEDURE_START_MISSING',
      text: 'Manca la data di avvio del procedimento di riconoscimento dell’invalidità civile.',
      source: SOURCE_RANKINGS,
    });
  } else if (input.invalidityProcedureStartedOn > input.callClosesOn) {
    errors.push({
      code: 'PROCEDURE_STARTED_AFTER_CLOSING',
      text: `Il procedimento di invalidità è stato avviato il ${formatDateIt(input.invalidityProcedureStartedOn)}, dopo la chiusura dell’avviso (${formatDateIt(input.callClosesOn)}).`,
      source: SOURCE_RANKINGS,
    });
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

// Alerts for the agency's work list from the eviction register. Pure: the day is a parameter.

import { addDays, daysBetween, formatPlainDateIt, type PlainDate } from '../kernel/plain-date.js';
import type { EvictionStatus } from './eviction-state.js';
import { isOpen } from './eviction-state.js';

export type AlertSeverity = 'high' | 'medium' | 'low';

/** One line of the work list: what needs doing, about which record, by when. */
export interface WorkAlert {
  readonly code: string;
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly detail: string;
  readonly subjectType: 'eviction' | 'placement';
  readonly subjectId: string;
  readonly subjectCode: string;
  readonly householdId: string;
  readonly dueOn: PlainDate | null;
}

export interface EvictionAlertFacts {
  readonly id: string;
  readonly code: string;
  readonly householdId: string;
  readonly status: EvictionStatus;
  readonly plannedReleaseOn: PlainDate | null;
  readonly socialWorkerAssigned: boolean;
  /** Outcome of the arrears-fund requirements (core/measures/arrears-fund.ts): to_verify when facts are missing. */
  readonly arrearsFund: 'eligible' | 'not_eligible' | 'to_verify';
  /** Whether the household has applied to the arrears fund; null while the measures register is absent. */
  readonly appliedToArrearsFund: boolean | null;
}

export interface EvictionAlertOptions {
  readonly today: PlainDate;
  /** Days ahead in which a release raises an alert (the issue: 30). */
  readonly releaseWindowDays: number;
}

/** Statuses in which the arrears fund can still stop or defer the eviction (rules.md §6.2: from the notice to before the execution). */
const FUND_USEFUL: ReadonlySet<EvictionStatus> = new Set([
  'notice_served',
  'hearing_held',
  'validated',
  'release_date_set',
  'precetto_served',
  'bailiff_notified',
  'access_postponed',
]);

export function evictionAlerts(e: EvictionAlertFacts, o: EvictionAlertOptions): WorkAlert[] {
  if (!isOpen(e.status)) return [];
  const out: WorkAlert[] = [];
  const base = { subjectType: 'eviction' as const, subjectId: e.id, subjectCode: e.code, householdId: e.householdId };
  if (e.plannedReleaseOn !== null) {
    const days = daysBetween(o.today, e.plannedReleaseOn);
    if (days < 0) {
      out.push({
        ...base,
        code: 'release_date_passed',
        severity: 'high',
        title: 'Data di rilascio passata senza esito registrato',
        detail: `Il rilascio era fissato al ${formatPlainDateIt(e.plannedReleaseOn)}: registrare l’esito dell’accesso o il nuovo rinvio.`,
        dueOn: e.plannedReleaseOn,
      });
    } else if (e.plannedReleaseOn <= addDays(o.today, o.releaseWindowDays)) {
      out.push({
        ...base,
        code: 'release_within_window',
        severity: days <= 7 ? 'high' : 'medium',
        title: `Rilascio entro ${o.releaseWindowDays} giorni`,
        detail: `Rilascio fissato al ${formatPlainDateIt(e.plannedReleaseOn)} (${days === 0 ? 'oggi' : days === 1 ? 'domani' : `tra ${days} giorni`}).`,
        dueOn: e.plannedReleaseOn,
      });
    }
  }
  if (!e.socialWorkerAssigned) {
    out.push({
      ...base,
      code: 'no_social_worker',
      severity: 'medium',
      title: 'Nessun assistente sociale assegnato',
      detail: 'Assegnare un assistente sociale alla procedura.',
      dueOn: null,
    });
  }
  if (e.arrearsFund !== 'not_eligible' && FUND_USEFUL.has(e.status) && e.appliedToArrearsFund !== true) {
    out.push({
      ...base,
      code: 'arrears_fund_not_applied',
      severity: 'medium',
      title: 'Possibile accesso al fondo morosità incolpevole senza domanda',
      detail:
        e.arrearsFund === 'eligible'
          ? 'I requisiti del DM 30/3/2016 art. 3 risultano soddisfatti e non risulta una domanda al fondo.'
          : 'Nessun requisito del DM 30/3/2016 art. 3 risulta mancante, alcuni sono da verificare; non risulta una domanda al fondo.',
      dueOn: null,
    });
  }
  return out;
}

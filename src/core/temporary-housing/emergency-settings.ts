// The housing-emergency settings an administrator of the agency may change without a new release:
// the rules of each kind of stay (first period, renewals, longest stay) and the alert windows of the
// work list. Stored values are checked here before they are saved, and merged over the defaults.
import { DEFAULT_STAY_RULES, type StayKind, type StayRules } from './placement-rules.js';

export interface AlertWindows {
  /** Days before a set release date when the eviction shows on the work list (issue 5: 30). */
  readonly releaseWithinDays: number;
  /** Days before a stay's planned end by which an exit plan is expected (issue 5: 30). */
  readonly exitPlanDays: number;
  /** How often the educator reports to the agency's team (the seed gives no period: 30). */
  readonly reportEveryDays: number;
}

export interface EmergencySettings {
  readonly stayRules: Readonly<Record<StayKind, StayRules>>;
  readonly alerts: AlertWindows;
}

export const DEFAULT_ALERT_WINDOWS: AlertWindows = { releaseWithinDays: 30, exitPlanDays: 30, reportEveryDays: 30 };

export const DEFAULT_EMERGENCY_SETTINGS: EmergencySettings = {
  stayRules: DEFAULT_STAY_RULES,
  alerts: DEFAULT_ALERT_WINDOWS,
};

/**
 * SAT: at most 5 years in all (DGR XI/2063 of 31/07/2019 as applied from 2023; rules.md §1.4, [P]).
 * A setting may shorten a SAT stay, never lengthen it past the law.
 */
export const SAT_MAX_TOTAL_MONTHS = 60;

/** The durations an administrator may set for a kind of stay. */
export interface StayDurations {
  readonly initialMonths: number;
  readonly renewalMonths: number;
  readonly maxRenewals: number;
  readonly maxTotalMonths: number;
}

export interface SettingProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** What is wrong with the durations of a kind of stay (empty: they may be saved). */
export function checkStayDurations(kind: StayKind, d: StayDurations): SettingProblem[] {
  const at = (field: keyof StayDurations) => `stayRules.${kind}.${field}`;
  const problems: SettingProblem[] = [];
  const whole = (field: keyof StayDurations, min: number, max: number, label: string) => {
    const v = d[field];
    if (!Number.isInteger(v) || v < min || v > max) {
      problems.push({
        path: at(field),
        code: 'out_of_range',
        message: `${label}: un numero intero da ${min} a ${max}.`,
      });
    }
  };
  whole('initialMonths', 1, 120, 'Primo periodo (mesi)');
  whole('renewalMonths', 1, 120, 'Durata di un rinnovo (mesi)');
  whole('maxRenewals', 0, 20, 'Numero massimo di rinnovi');
  whole('maxTotalMonths', 1, 240, 'Durata massima complessiva (mesi)');
  if (problems.length > 0) return problems;
  if (d.maxTotalMonths < d.initialMonths) {
    problems.push({
      path: at('maxTotalMonths'),
      code: 'shorter_than_first_period',
      message: 'La durata massima complessiva non può essere più breve del primo periodo.',
    });
  }
  if (d.maxTotalMonths > d.initialMonths + d.maxRenewals * d.renewalMonths) {
    problems.push({
      path: at('maxTotalMonths'),
      code: 'unreachable',
      message: `Con ${d.maxRenewals} rinnovi di ${d.renewalMonths} mesi la permanenza arriva al massimo a ${d.initialMonths + d.maxRenewals * d.renewalMonths} mesi: ridurre la durata massima o aumentare i rinnovi.`,
    });
  }
  if (kind === 'sat' && d.maxTotalMonths > SAT_MAX_TOTAL_MONTHS) {
    problems.push({
      path: at('maxTotalMonths'),
      code: 'over_legal_limit',
      message: `I servizi abitativi transitori durano al massimo ${SAT_MAX_TOTAL_MONTHS} mesi (5 anni, DGR XI/2063/2019).`,
    });
  }
  return problems;
}

/** What is wrong with the alert windows (empty: they may be saved). */
export function checkAlertWindows(a: AlertWindows): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const labels: Record<keyof AlertWindows, string> = {
    releaseWithinDays: 'Avviso di rilascio imminente (giorni)',
    exitPlanDays: 'Avviso di piano di uscita mancante (giorni)',
    reportEveryDays: 'Periodicità delle relazioni dell’educatore (giorni)',
  };
  for (const field of Object.keys(labels) as (keyof AlertWindows)[]) {
    const v = a[field];
    if (!Number.isInteger(v) || v < 1 || v > 365) {
      problems.push({
        path: `alerts.${field}`,
        code: 'out_of_range',
        message: `${labels[field]}: un numero intero da 1 a 365.`,
      });
    }
  }
  return problems;
}

/** The settings in force: the stored durations and windows over the defaults (labels and sources stay). */
export function mergeEmergencySettings(stored: {
  readonly stayRules?: Partial<Record<StayKind, StayDurations>> | undefined;
  readonly alerts?: AlertWindows | undefined;
}): EmergencySettings {
  const rules = (kind: StayKind): StayRules => {
    const base = DEFAULT_STAY_RULES[kind];
    const s = stored.stayRules?.[kind];
    if (!s) return base;
    const same =
      s.initialMonths === base.initialMonths &&
      s.renewalMonths === base.renewalMonths &&
      s.maxRenewals === base.maxRenewals &&
      s.maxTotalMonths === base.maxTotalMonths;
    return {
      ...base,
      source: same ? base.source : `${base.source}; durate impostate dall’Agenzia`,
      initialMonths: s.initialMonths,
      renewalMonths: s.renewalMonths,
      maxRenewals: s.maxRenewals,
      maxTotalMonths: s.maxTotalMonths,
    };
  };
  return {
    stayRules: { hospitality: rules('hospitality'), sat: rules('sat') },
    alerts: stored.alerts ?? DEFAULT_ALERT_WINDOWS,
  };
}

// Eviction statistics by year in the Ministry of the Interior's terms (rules.md §6.1, "Gli sfratti
// in Italia"): enforceable release orders issued, split by reason (landlord's need, end of lease,
// arrears and other cause), execution requests filed with the bailiff, evictions executed with the
// bailiff. Years before the register come from imported yearly totals (the seed's 2012–2017 table).

import type { PlainDate } from '../kernel/plain-date.js';

export const EVICTION_MOTIVES = ['landlord_need', 'end_of_lease', 'arrears', 'other'] as const;
export type EvictionMotive = (typeof EVICTION_MOTIVES)[number];

export const EVICTION_MOTIVE_LABELS: Record<EvictionMotive, string> = {
  landlord_need: 'Necessità del locatore',
  end_of_lease: 'Finita locazione',
  arrears: 'Morosità',
  other: 'Altra causa',
};

/** The Ministry's three reasons: arrears and "other cause" are one column in its report (§6.1). */
export type MinistryCategory = 'landlord_need' | 'end_of_lease' | 'arrears_other';

export const MINISTRY_CATEGORY_LABELS: Record<MinistryCategory, string> = {
  landlord_need: 'Necessità del locatore',
  end_of_lease: 'Finita locazione',
  arrears_other: 'Morosità e altra causa',
};

export function ministryCategory(motive: EvictionMotive): MinistryCategory {
  return motive === 'landlord_need' ? 'landlord_need' : motive === 'end_of_lease' ? 'end_of_lease' : 'arrears_other';
}

/** What statistics need of a procedure: its reason and the days its stages happened. */
export interface ProcedureFacts {
  readonly motive: EvictionMotive;
  readonly validatedOn: PlainDate | null;
  readonly executionRequestedOn: PlainDate | null;
  readonly executedOn: PlainDate | null;
}

export interface YearlyTotals {
  readonly year: number;
  /** Provvedimenti esecutivi di rilascio emessi (the seed's "sfratti convalidati"). */
  readonly issued: number;
  readonly issuedLandlordNeed: number | null;
  readonly issuedEndOfLease: number | null;
  readonly issuedArrearsOther: number | null;
  /** Richieste di esecuzione presentate all'Ufficiale Giudiziario. */
  readonly executionRequests: number | null;
  /** Sfratti eseguiti con l'intervento dell'Ufficiale Giudiziario. */
  readonly executed: number | null;
}

export interface YearlyStatistic extends YearlyTotals {
  /** 'history': imported yearly totals; 'register': counted from the procedures recorded here. */
  readonly origin: 'history' | 'register';
  readonly source: string;
  /** Issued + executed, as the Comune's own table adds them up ("TOTALE"). */
  readonly total: number;
}

const yearOf = (d: PlainDate | null) => (d === null ? null : Number(d.slice(0, 4)));

/** Counts the register's procedures per year: a stage counts in the year it happened. */
export function countByYear(procedures: readonly ProcedureFacts[]): YearlyTotals[] {
  const years = new Map<
    number,
    { issued: number; need: number; end: number; arrears: number; requests: number; executed: number }
  >();
  const row = (y: number) => {
    let r = years.get(y);
    if (!r) {
      r = { issued: 0, need: 0, end: 0, arrears: 0, requests: 0, executed: 0 };
      years.set(y, r);
    }
    return r;
  };
  for (const p of procedures) {
    const v = yearOf(p.validatedOn);
    if (v !== null) {
      const r = row(v);
      r.issued += 1;
      const c = ministryCategory(p.motive);
      if (c === 'landlord_need') r.need += 1;
      else if (c === 'end_of_lease') r.end += 1;
      else r.arrears += 1;
    }
    const q = yearOf(p.executionRequestedOn);
    if (q !== null) row(q).requests += 1;
    const e = yearOf(p.executedOn);
    if (e !== null) row(e).executed += 1;
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, r]) => ({
      year,
      issued: r.issued,
      issuedLandlordNeed: r.need,
      issuedEndOfLease: r.end,
      issuedArrearsOther: r.arrears,
      executionRequests: r.requests,
      executed: r.executed,
    }));
}

export interface HistoricalTotals extends YearlyTotals {
  readonly source: string;
}

/**
 * One row per year, oldest first. An imported total is the official figure for its year and wins
 * over the register (which started later and may be incomplete for that year).
 */
export function yearlyStatistics(
  procedures: readonly ProcedureFacts[],
  history: readonly HistoricalTotals[],
  registerSource = 'Registro degli sfratti di Abitare',
): YearlyStatistic[] {
  const byYear = new Map<number, YearlyStatistic>();
  for (const r of countByYear(procedures)) {
    byYear.set(r.year, { ...r, origin: 'register', source: registerSource, total: r.issued + (r.executed ?? 0) });
  }
  for (const h of history) {
    byYear.set(h.year, {
      year: h.year,
      issued: h.issued,
      issuedLandlordNeed: h.issuedLandlordNeed,
      issuedEndOfLease: h.issuedEndOfLease,
      issuedArrearsOther: h.issuedArrearsOther,
      executionRequests: h.executionRequests,
      executed: h.executed,
      origin: 'history',
      source: h.source,
      total: h.issued + (h.executed ?? 0),
    });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export interface HistoryRowError {
  readonly row: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** Checks imported yearly totals before anything is written: all rows are good, or none is taken. */
export function checkHistoricalTotals(rows: readonly YearlyTotals[], currentYear: number): HistoryRowError[] {
  const errors: HistoryRowError[] = [];
  const seen = new Set<number>();
  rows.forEach((r, i) => {
    const n = i + 1;
    if (!Number.isInteger(r.year) || r.year < 1950 || r.year > currentYear) {
      errors.push({
        row: n,
        field: 'year',
        code: 'year_out_of_range',
        message: `Riga ${n}: anno non valido (1950–${currentYear}).`,
      });
    }
    if (seen.has(r.year)) {
      errors.push({
        row: n,
        field: 'year',
        code: 'year_duplicate',
        message: `Riga ${n}: l’anno ${r.year} compare più volte.`,
      });
    }
    seen.add(r.year);
    const split = [r.issuedLandlordNeed, r.issuedEndOfLease, r.issuedArrearsOther];
    if (split.every((x) => x !== null)) {
      const sum = split.reduce<number>((s, x) => s + (x ?? 0), 0);
      if (sum !== r.issued) {
        errors.push({
          row: n,
          field: 'issued',
          code: 'split_mismatch',
          message: `Riga ${n}: la somma per motivo (${sum}) è diversa dal totale dei provvedimenti (${r.issued}).`,
        });
      }
    } else if (split.some((x) => x !== null && x > r.issued)) {
      errors.push({
        row: n,
        field: 'issued',
        code: 'split_exceeds_total',
        message: `Riga ${n}: un motivo supera il totale dei provvedimenti (${r.issued}).`,
      });
    }
  });
  return errors;
}

/** The seed's table: "Procedure di sfratto segnalate dal Comune", Cinisello Balsamo 2012–2017. */
export const CINISELLO_2012_2017: readonly HistoricalTotals[] = [
  [2012, 58, 15],
  [2013, 75, 20],
  [2014, 84, 25],
  [2015, 66, 46],
  [2016, 59, 66],
  [2017, 14, 19],
].map(([year, issued, executed]) => ({
  year: year as number,
  issued: issued as number,
  issuedLandlordNeed: null,
  issuedEndOfLease: null,
  issuedArrearsOther: null,
  executionRequests: null,
  executed: executed as number,
  source:
    'Agenzia per la Casa di Cinisello Balsamo, presentazione «Qualche numero»: sfratti convalidati ed eseguiti segnalati dal Comune',
}));

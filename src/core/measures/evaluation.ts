// What every measure's rule returns: a verdict with its reasons (each with the legal source) and,
// where the measure has a formula, the estimated amount with its breakdown (STYLE.md principle 2).
import type { Check, CheckOutcome } from '../sap/explained.js';

export type Verdict = 'eligible' | 'not_eligible' | 'missing_information';

export interface AmountLine {
  readonly code: string;
  /** Italian text with the values used. */
  readonly label: string;
  readonly amountCents: number;
  readonly source: string;
}

export interface AmountEstimate {
  readonly amountCents: number;
  readonly lines: readonly AmountLine[];
}

export interface MeasureEvaluation {
  readonly verdict: Verdict;
  readonly checks: readonly Check[];
  readonly estimate: AmountEstimate | null;
  /** Preference criteria that apply (for measures that rank or prioritise). */
  readonly preferences: readonly { readonly code: string; readonly text: string; readonly source: string }[];
}

/** A check not met decides; otherwise missing data keeps the verdict open; otherwise eligible. */
export function verdictOf(checks: readonly Check[]): Verdict {
  if (checks.some((c) => c.outcome === 'not_met')) return 'not_eligible';
  if (checks.some((c) => c.outcome === 'missing_information')) return 'missing_information';
  return 'eligible';
}

export function check(code: string, outcome: CheckOutcome, evidence: string, source: string): Check {
  return { code, outcome, evidence, source };
}

/** A yes/no fact that must have a given value. */
export function boolCheck(
  code: string,
  value: boolean | null | undefined,
  wanted: boolean,
  texts: { readonly met: string; readonly notMet: string; readonly missing: string },
  source: string,
): Check {
  if (value === null || value === undefined) return check(code, 'missing_information', texts.missing, source);
  return value === wanted ? check(code, 'met', texts.met, source) : check(code, 'not_met', texts.notMet, source);
}

/** Rounds a product of cents and a ratio to the nearest cent, half away from zero. */
export function percentOf(amountCents: number, percent: number): number {
  return Math.round((amountCents * percent) / 100);
}

export const UNVERIFIED_NOTE = 'valore non verificato sulla fonte ufficiale, impostato dall’amministratore';

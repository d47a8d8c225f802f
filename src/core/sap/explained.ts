// Shared shapes for rules that explain themselves (STYLE.md principles 2 and 7): every outcome
// carries a stable code, an Italian text for staff and citizens, and the legal source.

import type { PlainDate } from '../kernel/plain-date.js';

/** Outcome of one requirement: missing data is never a silent pass. */
export type CheckOutcome = 'met' | 'not_met' | 'missing_information';

export interface Check<Code extends string = string> {
  readonly code: Code;
  readonly outcome: CheckOutcome;
  /** Italian text with the values compared. */
  readonly evidence: string;
  readonly source: string;
}

export interface Reason<Code extends string = string> {
  readonly code: Code;
  /** Italian text, shown as is. */
  readonly text: string;
}

/** An expected refusal, returned as a value: a stable code, an Italian explanation and its source. */
export interface RuleError<Code extends string = string> extends Reason<Code> {
  readonly source: string;
}

/** A rule parameter set applies to calls and applications dated inside its interval (rules.md §0, rule 1). */
export interface Validity {
  readonly validFrom: PlainDate;
  /** Last day in force, included; null while in force. */
  readonly validTo: PlainDate | null;
}

export function isInForce(validity: Validity, on: PlainDate): boolean {
  return validity.validFrom <= on && (validity.validTo === null || on <= validity.validTo);
}

/** The parameter set in force on a day, if any. */
export function findInForce<T extends Validity>(versions: readonly T[], on: PlainDate): T | undefined {
  return versions.find((v) => isInForce(v, on));
}

/** The parameter set in force on a day; a day no version covers is a configuration bug. */
export function getInForce<T extends Validity & { readonly version: string }>(
  versions: readonly T[],
  on: PlainDate,
): T {
  const found = findInForce(versions, on);
  if (!found) throw new RangeError(`No rule version in force on ${on}`);
  return found;
}

/**
 * Whether two versions of the same rules would both apply on some day. A version without an end
 * is superseded by the next one: it ends the day before a later version starts, so adding a new
 * version never requires changing an old one (versions are never edited). Two versions starting
 * on the same day, or an explicit end on or after the next start, do conflict.
 */
export function versionsConflict(a: Validity, b: Validity): boolean {
  if (a.validFrom === b.validFrom) return true;
  const [earlier, later] = a.validFrom < b.validFrom ? [a, b] : [b, a];
  if (earlier.validTo === null) return false;
  return earlier.validTo >= later.validFrom;
}

/**
 * The version in force on a day among versions that do not conflict (versionsConflict): the one
 * that started last on or before that day, unless its own end has passed.
 */
export function findLatestInForce<T extends Validity>(versions: readonly T[], on: PlainDate): T | undefined {
  let latest: T | undefined;
  for (const v of versions)
    if (v.validFrom <= on && (latest === undefined || v.validFrom > latest.validFrom)) latest = v;
  return latest && (latest.validTo === null || on <= latest.validTo) ? latest : undefined;
}

/** Italian number with up to two decimals (ISBAR, percentages, PSE). */
export function formatNumberIt(value: number): string {
  return NUMBER_IT.format(value);
}

const NUMBER_IT = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

/** 'YYYY-MM-DD' as the Italian 'DD/MM/YYYY'. */
export function formatDateIt(date: PlainDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

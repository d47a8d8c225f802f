import { addMonths, endOfYear, type PlainDate } from '../kernel/plain-date.js';

export const ISEE_KINDS = ['ordinario', 'corrente', 'minorenni', 'socio_sanitario'] as const;
export type IseeKind = (typeof ISEE_KINDS)[number];

/**
 * The last day an ISEE attestation is valid, from its DSU submission day (rules.md §7.2).
 * - DSU submitted from 1/1/2020: valid until 31 December of the same year
 *   (DL 34/2019 conv. L. 58/2019; DL 101/2019).
 * - DSU submitted in 2019: valid until 31 December 2019 (DL 4/2019 for January–August,
 *   DL 101/2019 art. 7 for September–December; INPS msg. 3418/2019).
 * - DSU submitted before 2019: valid until 15 January of the following year (DPCM 159/2013 art. 10 c.1).
 * - ISEE corrente: 6 months from 23/10/2019 (DL 34/2019 art. 28-bis, d.lgs. 147/2017 art. 10 c.5),
 *   2 months before; never beyond the validity of the DSU it updates, which we do not hold,
 *   so the 6 months are the bound.
 */
export function iseeLegalValidUntil(kind: IseeKind, dsuSubmittedOn: PlainDate): PlainDate {
  if (kind === 'corrente') {
    const months = dsuSubmittedOn >= '2019-10-23' ? 6 : 2;
    return addMonths(dsuSubmittedOn, months);
  }
  if (dsuSubmittedOn < '2019-01-01') {
    const nextYear = Number(dsuSubmittedOn.slice(0, 4)) + 1;
    return `${nextYear}-01-15` as PlainDate;
  }
  return endOfYear(dsuSubmittedOn);
}

export type IseeValidityProblem = 'dsu_in_future' | 'expired' | 'beyond_legal_validity' | 'before_submission';

/**
 * Checks a new ISEE record: a record entered must be in force today (an expired attestation
 * cannot support any application), and a declared end of validity cannot go beyond what the law allows.
 */
export function checkIseeValidity(input: {
  readonly kind: IseeKind;
  readonly dsuSubmittedOn: PlainDate;
  readonly validUntil?: PlainDate | undefined;
  readonly today: PlainDate;
}):
  | { readonly ok: true; readonly validUntil: PlainDate }
  | { readonly ok: false; readonly problem: IseeValidityProblem } {
  if (input.dsuSubmittedOn > input.today) return { ok: false, problem: 'dsu_in_future' };
  const legal = iseeLegalValidUntil(input.kind, input.dsuSubmittedOn);
  const validUntil = input.validUntil ?? legal;
  if (validUntil < input.dsuSubmittedOn) return { ok: false, problem: 'before_submission' };
  if (validUntil > legal) return { ok: false, problem: 'beyond_legal_validity' };
  if (validUntil < input.today) return { ok: false, problem: 'expired' };
  return { ok: true, validUntil };
}

/** True when the attestation is in force on the given day ("in corso di validità", rules.md §7.2). */
export function isIseeInForce(
  record: { readonly dsuSubmittedOn: PlainDate; readonly validUntil: PlainDate },
  on: PlainDate,
): boolean {
  return record.dsuSubmittedOn <= on && on <= record.validUntil;
}

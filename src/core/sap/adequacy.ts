// Unit adequacy (alloggio adeguato): RR 4/2017 art. 9 (rules.md §2.4), on the usable residential
// floor area (superficie utile residenziale: balconies, terraces, cellars and similar excluded).
// Areas are integer dm² (1 m² = 100 dm²) so that the edges of the table compare exactly.

import type { PlainDate } from '../kernel/plain-date.js';
import { findInForce, formatNumberIt, type Reason, type Validity } from './explained.js';

export interface AdequacyRow {
  /** Smallest household size the row applies to. */
  readonly membersFrom: number;
  /** Largest household size the row applies to, included; null for "and more". */
  readonly membersTo: number | null;
  /** Smallest adequate area, included. */
  readonly minDm2: number;
  /** Largest adequate area, included; null for "largest available". */
  readonly maxDm2: number | null;
}

export interface AdequacyTable extends Validity {
  readonly version: string;
  readonly rows: readonly AdequacyRow[];
  /** A household of one person may take a unit below the row minimum. */
  readonly singlePersonMayGoBelowMinimum: boolean;
  /**
   * A household with a member at or above this civil-invalidity percentage needs an accessibility
   * check on a unit not declared accessible. The rule says adequacy "also considers the type of
   * disability" without a number [V text, U threshold]: 66% is our choice, being the lowest
   * invalidity band the ISBAR scores (rules.md §2.6) and the usual threshold of the Lombard rules.
   * An administrator can change it in a new version of the table.
   */
  readonly accessibilityInvalidityPercent: number;
  readonly source: string;
}

export const ADEQUACY_TABLE_RR_4_2017: AdequacyTable = {
  version: 'rr-4-2017-art-9',
  validFrom: '2018-02-08' as PlainDate, // RR 4/2017 in force after the trial period (rules.md §2)
  validTo: null,
  rows: [
    { membersFrom: 1, membersTo: 1, minDm2: 2_800, maxDm2: 4_600 },
    { membersFrom: 2, membersTo: 2, minDm2: 3_800, maxDm2: 5_500 },
    { membersFrom: 3, membersTo: 3, minDm2: 4_800, maxDm2: 6_500 },
    { membersFrom: 4, membersTo: 4, minDm2: 5_800, maxDm2: 8_000 },
    { membersFrom: 5, membersTo: 5, minDm2: 6_800, maxDm2: 9_300 },
    { membersFrom: 6, membersTo: null, minDm2: 7_800, maxDm2: null },
  ],
  singlePersonMayGoBelowMinimum: true,
  accessibilityInvalidityPercent: 66,
  source: 'R.R. 4/2017 art. 9 (come modificato da R.R. 3/2019 e R.R. 6/2021)',
};

export const ADEQUACY_TABLES: readonly AdequacyTable[] = [ADEQUACY_TABLE_RR_4_2017];

/** The table in force on a day (of the call), if a version covers it. */
export function findAdequacyTable(on: PlainDate, tables: readonly AdequacyTable[] = ADEQUACY_TABLES) {
  return findInForce(tables, on);
}

export type AdequacyReasonCode = 'within_range' | 'single_person_below_minimum' | 'below_minimum' | 'above_maximum';

export interface AdequacyHousehold {
  readonly membersCount: number;
  /** Highest civil-invalidity percentage among the members; null when nobody has one. */
  readonly highestInvalidityPercent: number | null;
}

export interface AdequacyUnit {
  readonly usableAreaDm2: number;
  /** Accessible for people with disabilities; null when not known (treated as not accessible). */
  readonly accessible: boolean | null;
}

export interface AdequacyResult {
  readonly adequate: boolean;
  /** A member's disability calls for checking the unit's accessibility before the offer. */
  readonly accessibilityCheck: boolean;
  readonly reason: Reason<AdequacyReasonCode>;
  readonly row: AdequacyRow;
  readonly tableVersion: string;
  readonly source: string;
}

export function squareMetresToDm2(squareMetres: number): number {
  return Math.round(squareMetres * 100);
}

/**
 * '46 m²', '45,99 m²', '45,5 m²': Italian decimal comma, by hand because assignment explains
 * 100,000 applications (Intl is slow); it-IT does not group four-digit numbers, and no dwelling
 * reaches 10,000 m².
 */
export function formatDm2(dm2: number): string {
  if (!Number.isSafeInteger(dm2) || dm2 < 0 || dm2 >= 1_000_000) return `${formatNumberIt(dm2 / 100)} m²`;
  const whole = Math.floor(dm2 / 100);
  const hundredths = dm2 - whole * 100;
  if (hundredths === 0) return `${whole} m²`;
  return `${whole},${hundredths % 10 === 0 ? hundredths / 10 : String(hundredths).padStart(2, '0')} m²`;
}

export function adequacyRowFor(membersCount: number, table: AdequacyTable): AdequacyRow {
  if (!Number.isInteger(membersCount) || membersCount < 1) {
    throw new RangeError(`A household has at least one member: ${membersCount}`);
  }
  for (const row of table.rows) {
    if (membersCount >= row.membersFrom && (row.membersTo === null || membersCount <= row.membersTo)) return row;
  }
  throw new RangeError(`Adequacy table ${table.version} has no row for ${membersCount} members`);
}

/** The verdict alone, without texts: for the assignment's hot loop over every household's choices. */
export function isAdequate(membersCount: number, usableAreaDm2: number, table: AdequacyTable): boolean {
  const row = adequacyRowFor(membersCount, table);
  if (usableAreaDm2 < row.minDm2) return membersCount === 1 && table.singlePersonMayGoBelowMinimum;
  return row.maxDm2 === null || usableAreaDm2 <= row.maxDm2;
}

function rangeText(row: AdequacyRow): string {
  const members = row.membersTo === null ? `${row.membersFrom} o più componenti` : plural(row.membersFrom);
  const max = row.maxDm2 === null ? 'senza limite massimo' : `massimo ${formatDm2(row.maxDm2)}`;
  return `per ${members}: minimo ${formatDm2(row.minDm2)}, ${max}`;
}

function plural(members: number): string {
  return members === 1 ? '1 componente' : `${members} componenti`;
}

/** Is the unit adequate for the household (RR 4/2017 art. 9, rules.md §2.4)? Both edges of a row are included. */
export function checkAdequacy(
  household: AdequacyHousehold,
  unit: AdequacyUnit,
  table: AdequacyTable = ADEQUACY_TABLE_RR_4_2017,
): AdequacyResult {
  const row = adequacyRowFor(household.membersCount, table);
  const area = formatDm2(unit.usableAreaDm2);
  const range = rangeText(row);
  let reason: Reason<AdequacyReasonCode>;
  if (unit.usableAreaDm2 < row.minDm2) {
    reason =
      household.membersCount === 1 && table.singlePersonMayGoBelowMinimum
        ? {
            code: 'single_person_below_minimum',
            text: `Alloggio di ${area}, sotto il minimo (${range}), ammesso perché il nucleo è di una sola persona.`,
          }
        : { code: 'below_minimum', text: `Alloggio di ${area}, troppo piccolo (${range}).` };
  } else if (row.maxDm2 !== null && unit.usableAreaDm2 > row.maxDm2) {
    reason = { code: 'above_maximum', text: `Alloggio di ${area}, troppo grande (${range}).` };
  } else {
    reason = { code: 'within_range', text: `Alloggio di ${area}, adeguato (${range}).` };
  }
  const disabled =
    household.highestInvalidityPercent !== null &&
    household.highestInvalidityPercent >= table.accessibilityInvalidityPercent;
  const accessibilityCheck = disabled && unit.accessible !== true;
  if (accessibilityCheck) {
    const accessibility = unit.accessible === false ? 'non è accessibile' : 'non risulta accessibile (dato mancante)';
    reason = {
      code: reason.code,
      text: `${reason.text} Nel nucleo c’è una persona con invalidità del ${formatNumberIt(household.highestInvalidityPercent ?? 0)}% e l’alloggio ${accessibility}: verificare l’accessibilità prima dell’offerta.`,
    };
  }
  return {
    adequate: reason.code === 'within_range' || reason.code === 'single_person_below_minimum',
    accessibilityCheck,
    reason,
    row,
    tableVersion: table.version,
    source: table.source,
  };
}

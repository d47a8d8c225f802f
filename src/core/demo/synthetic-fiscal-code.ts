// Fiscal codes for synthetic people, composed with the real algorithm (DM Finanze 23/12/1976, rules.md §7.1)
// so that demo files pass the same checks as real ones. Only the demo uses this: the application never
// composes a code to stand in for the one a person declares (rules.md §7.1).
import { fiscalCodeCheckCharacter } from '../kernel/fiscal-code.js';
import type { PlainDate } from '../kernel/plain-date.js';

const MONTH_LETTERS = 'ABCDEHLMPRST';
/** Omocodia letters for the digits 0–9 (rules.md §7.1). */
const OMOCODE_LETTERS = 'LMNPQRSTUV';
/** Digit positions (0-based) replaced by omocodia, from the right as the Agenzia delle Entrate does. */
const OMOCODE_ORDER = [14, 13, 12, 10, 9, 7, 6];
export const MAX_OMOCODE_LEVEL = OMOCODE_ORDER.length;

/** Upper-case Latin letters only: accents, apostrophes and spaces are dropped. */
export function fiscalCodeLetters(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

function split(value: string): { consonants: string; vowels: string } {
  const letters = fiscalCodeLetters(value);
  return { consonants: letters.replace(/[AEIOU]/g, ''), vowels: letters.replace(/[^AEIOU]/g, '') };
}

/** Surname: consonants in order, then vowels, padded with X. */
export function surnamePart(lastName: string): string {
  const { consonants, vowels } = split(lastName);
  return `${consonants}${vowels}XXX`.slice(0, 3);
}

/** Name: with 4 or more consonants the 1st, 3rd and 4th; otherwise as for the surname. */
export function firstNamePart(firstName: string): string {
  const { consonants, vowels } = split(firstName);
  if (consonants.length >= 4) return `${consonants[0]}${consonants[2]}${consonants[3]}`;
  return `${consonants}${vowels}XXX`.slice(0, 3);
}

export interface FiscalCodePerson {
  readonly lastName: string;
  readonly firstName: string;
  readonly birthDate: PlainDate;
  readonly sex: 'F' | 'M';
  /** Cadastral code of the Comune of birth, or Z + 3 digits for a foreign state. */
  readonly placeCode: string;
}

/**
 * The code of a person; `omocodeLevel` > 0 replaces that many digits, from the right, with the
 * omocodia letters, as the Agenzia delle Entrate does for the second holder of an identical code.
 */
export function composeFiscalCode(person: FiscalCodePerson, omocodeLevel = 0): string {
  if (omocodeLevel < 0 || omocodeLevel > MAX_OMOCODE_LEVEL) {
    throw new RangeError(`Omocodia level out of range: ${omocodeLevel}`);
  }
  const [year, month, day] = person.birthDate.split('-').map(Number) as [number, number, number];
  const chars = [
    surnamePart(person.lastName),
    firstNamePart(person.firstName),
    String(year % 100).padStart(2, '0'),
    MONTH_LETTERS.charAt(month - 1),
    String(person.sex === 'F' ? day + 40 : day).padStart(2, '0'),
    person.placeCode,
  ]
    .join('')
    .split('');
  for (const pos of OMOCODE_ORDER.slice(0, omocodeLevel)) {
    chars[pos] = OMOCODE_LETTERS.charAt(Number(chars[pos]));
  }
  const first15 = chars.join('');
  return `${first15}${fiscalCodeCheckCharacter(first15)}`;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fiscalCodeBase,
  fiscalCodeCheckCharacter,
  fiscalCodeMismatches,
  normalizeFiscalCode,
  validateFiscalCode,
  type DecodedFiscalCode,
} from './fiscal-code.js';

// All rules below are DM Finanze 23/12/1976 as summarised in rules.md §7.1.
const DM = 'DM Finanze 23/12/1976 (rules.md §7.1)';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const MONTH_LETTERS = 'ABCDEHLMPRST';
const OMOCODE_LETTERS = 'LMNPQRSTUV';
/** 1-based positions that hold digits and may carry omocodia letters, from the right as the Agenzia replaces them. */
const OMOCODE_POSITIONS_FROM_RIGHT = [15, 14, 13, 11, 10, 8, 7];

/** The characters the format allows at each 0-based position. */
const CLASS_AT: readonly string[] = [
  LETTERS,
  LETTERS,
  LETTERS,
  LETTERS,
  LETTERS,
  LETTERS,
  DIGITS + OMOCODE_LETTERS,
  DIGITS + OMOCODE_LETTERS,
  MONTH_LETTERS,
  DIGITS + OMOCODE_LETTERS,
  DIGITS + OMOCODE_LETTERS,
  LETTERS,
  DIGITS + OMOCODE_LETTERS,
  DIGITS + OMOCODE_LETTERS,
  DIGITS + OMOCODE_LETTERS,
  LETTERS,
];

function withCheck(first15: string): string {
  return first15 + fiscalCodeCheckCharacter(first15);
}

function replaceAt(code: string, index: number, ch: string): string {
  return code.slice(0, index) + ch + code.slice(index + 1);
}

/** Applies omocodia to the `count` rightmost digit positions and recomputes the check character. */
function omocode(code: string, count: number): string {
  let first15 = code.slice(0, 15);
  for (const pos of OMOCODE_POSITIONS_FROM_RIGHT.slice(0, count)) {
    const digit = Number(first15.charAt(pos - 1));
    first15 = replaceAt(first15, pos - 1, OMOCODE_LETTERS.charAt(digit));
  }
  return withCheck(first15);
}

function decode(code: string): DecodedFiscalCode {
  const result = validateFiscalCode(code);
  if (!result.ok) throw new Error(`expected ${code} to be valid, got ${result.error}`);
  return result.decoded;
}

const two = (n: number) => String(n).padStart(2, '0');

const syntheticCode = fc
  .record({
    surnameAndName: fc.array(fc.constantFrom(...LETTERS), { minLength: 6, maxLength: 6 }),
    year: fc.integer({ min: 0, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    sex: fc.constantFrom('F' as const, 'M' as const),
    placeLetter: fc.constantFrom(...LETTERS),
    placeNumber: fc.integer({ min: 0, max: 999 }),
  })
  .map((r) => {
    const first15 =
      r.surnameAndName.join('') +
      two(r.year) +
      MONTH_LETTERS.charAt(r.month - 1) +
      two(r.sex === 'F' ? r.day + 40 : r.day) +
      r.placeLetter +
      String(r.placeNumber).padStart(3, '0');
    return { ...r, code: withCheck(first15), placeCode: first15.slice(11, 15) };
  });

describe(`codice fiscale, ${DM}`, () => {
  describe('the two examples rules.md §7.1 was checked on', () => {
    it('RSSMRA80A01H501U is valid: male, born 1 January (19)80 in Roma (H501)', () => {
      expect(validateFiscalCode('RSSMRA80A01H501U')).toEqual({
        ok: true,
        code: 'RSSMRA80A01H501U',
        decoded: {
          base: 'RSSMRA80A01H501U',
          omocode: false,
          sex: 'M',
          yearTwoDigits: 80,
          month: 1,
          day: 1,
          placeCode: 'H501',
        },
      });
    });

    it('MRTMTT25D09F205Z is valid: male, born 9 April (19)25 in Milano (F205)', () => {
      expect(validateFiscalCode('MRTMTT25D09F205Z')).toEqual({
        ok: true,
        code: 'MRTMTT25D09F205Z',
        decoded: {
          base: 'MRTMTT25D09F205Z',
          omocode: false,
          sex: 'M',
          yearTwoDigits: 25,
          month: 4,
          day: 9,
          placeCode: 'F205',
        },
      });
    });

    it('their check characters are U and Z by the odd/even tables', () => {
      expect(fiscalCodeCheckCharacter('RSSMRA80A01H501')).toBe('U');
      expect(fiscalCodeCheckCharacter('MRTMTT25D09F205')).toBe('Z');
    });
  });

  describe('normalisation', () => {
    it('accepts lower case and spaces, and returns the normalised code', () => {
      expect(normalizeFiscalCode(' rssmra 80a01\th501u\n')).toBe('RSSMRA80A01H501U');
      const result = validateFiscalCode(' rssmra 80a01 h501u ');
      expect(result.ok && result.code).toBe('RSSMRA80A01H501U');
    });
  });

  describe('rejections, with the error the operator sees', () => {
    it.each([
      ['15 characters', 'RSSMRA80A01H501'],
      ['17 characters', 'RSSMRA80A01H501UX'],
      ['empty', ''],
      ['only spaces', '    '],
    ])('rejects a code of the wrong length (%s) with "length"', (_label, input) => {
      expect(validateFiscalCode(input)).toEqual({ ok: false, error: 'length' });
    });

    it.each([
      ['a digit in the surname', 'RSS1RA80A01H501U'],
      ['a letter that is not an omocodia letter in the year', 'RSSMRAA0A01H501U'],
      ['a month letter that does not exist (F)', 'RSSMRA80F01H501U'],
      ['a digit where the place letter goes', 'RSSMRA80A011501U'],
      ['O (not an omocodia letter) in the place number', 'RSSMRA80A01H5O1U'],
      ['a digit as check character', 'RSSMRA80A01H5011'],
      ['sixteen digits', '1234567890123456'],
      ['punctuation', 'RSSMRA80A01H501-'],
    ])('rejects a malformed code (%s) with "format"', (_label, input) => {
      expect(validateFiscalCode(input)).toEqual({ ok: false, error: 'format' });
    });

    it('rejects a wrong check character with "check_character"', () => {
      expect(validateFiscalCode('RSSMRA80A01H501V')).toEqual({ ok: false, error: 'check_character' });
      expect(validateFiscalCode('MRTMTT25D09F205A')).toEqual({ ok: false, error: 'check_character' });
    });

    it.each([
      ['day 00', 'RSSMRA80A00H501'],
      ['day 32 (neither a man nor a woman + 40)', 'RSSMRA80A32H501'],
      ['day 40', 'RSSMRA80A40H501'],
      ['day 72 (a woman born on the 32nd)', 'RSSMRA80A72H501'],
      ['day 99', 'RSSMRA80A99H501'],
    ])('rejects a well-formed code whose day cannot exist (%s) with "date"', (_label, first15) => {
      expect(validateFiscalCode(withCheck(first15))).toEqual({ ok: false, error: 'date' });
    });
  });

  describe('women: day of birth + 40', () => {
    it('RSSMRA80A41H501 decodes as a woman born on the 1st, and 71 as the 31st', () => {
      expect(decode(withCheck('RSSMRA80A41H501'))).toMatchObject({ sex: 'F', day: 1 });
      expect(decode(withCheck('RSSMRA80A71H501'))).toMatchObject({ sex: 'F', day: 31 });
      expect(decode(withCheck('RSSMRA80A31H501'))).toMatchObject({ sex: 'M', day: 31 });
    });

    it('any day 1–31 with + 40 decodes as F and the same day (property)', () => {
      fc.assert(
        fc.property(syntheticCode, (s) => {
          const d = decode(s.code);
          expect(d.sex).toBe(s.sex);
          expect(d.day).toBe(s.day);
        }),
        { seed: 42, numRuns: 500 },
      );
    });
  });

  describe('omocodia: digits at positions 7, 8, 10, 11, 13, 14, 15 replaced by L–V from the right', () => {
    it('the omocodia letters stand for 0–9 in the order L M N P Q R S T U V', () => {
      // 8 0 A 0 1 H 5 0 1 → U L A L M H R L M
      const full = omocode('RSSMRA80A01H501U', 7);
      expect(full.slice(0, 15)).toBe('RSSMRAULALMHRLM');
      expect(fiscalCodeBase(full).slice(0, 15)).toBe('RSSMRA80A01H501');
      expect(fiscalCodeBase('RSSMRAMNAPQHRSTX').slice(0, 15)).toBe('RSSMRA12A34H567');
    });

    it.each([1, 2, 3, 4, 5, 6, 7])(
      'with the %i rightmost digit(s) replaced and the check character recomputed, both examples still validate and decode the same',
      (count) => {
        for (const original of ['RSSMRA80A01H501U', 'MRTMTT25D09F205Z']) {
          const code = omocode(original, count);
          expect(code).not.toBe(original);
          const plain = decode(original);
          const d = decode(code);
          expect(d.omocode).toBe(true);
          // The base maps the letters back; it keeps the check character of the code it came from.
          expect(d.base.slice(0, 15)).toBe(original.slice(0, 15));
          expect(d.base.charAt(15)).toBe(code.charAt(15));
          expect({ sex: d.sex, year: d.yearTwoDigits, month: d.month, day: d.day, place: d.placeCode }).toEqual({
            sex: plain.sex,
            year: plain.yearTwoDigits,
            month: plain.month,
            day: plain.day,
            place: plain.placeCode,
          });
        }
      },
    );

    it('an omocode whose check character was not recomputed is rejected', () => {
      const code = omocode('RSSMRA80A01H501U', 1);
      const stale = replaceAt(code, 15, 'U');
      expect(code.charAt(15)).not.toBe('U');
      expect(validateFiscalCode(stale)).toEqual({ ok: false, error: 'check_character' });
    });

    it('random synthetic codes with any amount of omocodia decode to the same person (property)', () => {
      fc.assert(
        fc.property(syntheticCode, fc.integer({ min: 1, max: 7 }), (s, count) => {
          const d = decode(omocode(s.code, count));
          expect(d.omocode).toBe(true);
          expect(d.base.slice(0, 15)).toBe(s.code.slice(0, 15));
          expect([d.sex, d.yearTwoDigits, d.month, d.day, d.placeCode]).toEqual([
            s.sex,
            s.year,
            s.month,
            s.day,
            s.placeCode,
          ]);
        }),
        { seed: 42, numRuns: 500 },
      );
    });
  });

  describe('the check character', () => {
    // The odd-position table as transcribed in rules.md §7.1, kept here independently of the code's copy.
    // prettier-ignore
    const ODD_FROM_RULES: Record<string, number> = {
      '0': 1, A: 1, '1': 0, B: 0, '2': 5, C: 5, '3': 7, D: 7, '4': 9, E: 9, '5': 13, F: 13, '6': 15, G: 15,
      '7': 17, H: 17, '8': 19, I: 19, '9': 21, J: 21, K: 2, L: 4, M: 18, N: 20, O: 11, P: 3, Q: 6, R: 8,
      S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
    };

    it.each([...DIGITS, ...LETTERS])('odd positions: %s has the value of the rules.md table', (ch) => {
      // ch at position 1, then 'A' (odd: 1) and '0' (even: 0) alternating: the sum is ODD[ch] + 7.
      const first15 = ch + '0A'.repeat(7);
      const expected = String.fromCharCode(65 + (((ODD_FROM_RULES[ch] ?? Number.NaN) + 7) % 26));
      expect(fiscalCodeCheckCharacter(first15)).toBe(expected);
    });

    it.each([...DIGITS, ...LETTERS])('even positions: %s counts as its digit value or A = 0 … Z = 25', (ch) => {
      // ch at position 2, then alternating 'B' (odd: 0) and '0' (even: 0): the sum is the even value of ch.
      const first15 = 'B' + ch + 'B0'.repeat(6) + 'B';
      const value = DIGITS.includes(ch) ? Number(ch) : LETTERS.indexOf(ch);
      expect(fiscalCodeCheckCharacter(first15)).toBe(String.fromCharCode(65 + value));
    });

    it('random synthetic codes built with fiscalCodeCheckCharacter validate and decode (property)', () => {
      fc.assert(
        fc.property(syntheticCode, (s) => {
          const d = decode(s.code);
          expect(d.omocode).toBe(false);
          expect(d.base).toBe(s.code);
          expect([d.yearTwoDigits, d.month, d.placeCode]).toEqual([s.year, s.month, s.placeCode]);
        }),
        { seed: 42, numRuns: 500 },
      );
    });

    // Why this holds: within every position's character class the values added to the sum are pairwise
    // distinct and lie in 0–25 (odd positions: the table is a permutation of 0–25; even positions: digits 0–9,
    // letters 0–25), so any single substitution changes the sum mod 26. Adjacent transpositions are NOT
    // always caught, so nothing here claims that.
    it('changing any one of the 16 characters to another of its class fails with "check_character" (both examples, exhaustive)', () => {
      let tried = 0;
      for (const code of ['RSSMRA80A01H501U', 'MRTMTT25D09F205Z']) {
        for (let i = 0; i < 16; i++) {
          for (const ch of CLASS_AT[i] ?? '') {
            if (ch === code.charAt(i)) continue;
            expect(validateFiscalCode(replaceAt(code, i, ch)), `${code} with ${ch} at ${i + 1}`).toEqual({
              ok: false,
              error: 'check_character',
            });
            tried++;
          }
        }
      }
      expect(tried).toBeGreaterThan(500);
    });

    it('changing any one character of a random valid code (omocode or not) within its class fails (property)', () => {
      fc.assert(
        fc.property(
          syntheticCode,
          fc.integer({ min: 0, max: 7 }),
          fc.integer({ min: 0, max: 15 }),
          fc.nat(),
          (s, omocodeCount, index, pick) => {
            const code = omocodeCount === 0 ? s.code : omocode(s.code, omocodeCount);
            const others = (CLASS_AT[index] ?? '').replace(code.charAt(index), '');
            const changed = replaceAt(code, index, others.charAt(pick % others.length));
            expect(validateFiscalCode(changed)).toEqual({ ok: false, error: 'check_character' });
          },
        ),
        { seed: 42, numRuns: 500 },
      );
    });
  });

  describe('fiscalCodeMismatches: consistency with the declared personal data', () => {
    // Decoded inside each test, so a broken decoder fails the tests rather than the file.
    const rossi = () => decode('RSSMRA80A01H501U');

    it('finds nothing when birth date and sex match', () => {
      expect(fiscalCodeMismatches(rossi(), { birthDate: '1980-01-01', sex: 'M' })).toEqual([]);
    });

    it('does not know the century: 2080-01-01 matches YY = 80', () => {
      expect(fiscalCodeMismatches(rossi(), { birthDate: '2080-01-01', sex: 'M' })).toEqual([]);
    });

    it.each([
      ['day', '1980-01-02'],
      ['month', '1980-02-01'],
      ['year', '1981-01-01'],
    ])('detects a wrong birth date (%s)', (_label, birthDate) => {
      expect(fiscalCodeMismatches(rossi(), { birthDate, sex: 'M' })).toEqual(['birth_date']);
    });

    it('detects a wrong sex, and both together', () => {
      expect(fiscalCodeMismatches(rossi(), { birthDate: '1980-01-01', sex: 'F' })).toEqual(['sex']);
      expect(fiscalCodeMismatches(rossi(), { birthDate: '1980-01-31', sex: 'F' })).toEqual(['birth_date', 'sex']);
    });

    it('compares a woman by her real day, not by day + 40', () => {
      const woman = decode(withCheck('RSSMRA80A41H501'));
      expect(fiscalCodeMismatches(woman, { birthDate: '1980-01-01', sex: 'F' })).toEqual([]);
      expect(fiscalCodeMismatches(woman, { birthDate: '1980-01-01', sex: 'M' })).toEqual(['sex']);
    });

    it('compares an omocode by its decoded date', () => {
      const d = decode(omocode('RSSMRA80A01H501U', 7));
      expect(fiscalCodeMismatches(d, { birthDate: '1980-01-01', sex: 'M' })).toEqual([]);
      expect(fiscalCodeMismatches(d, { birthDate: '1980-01-02', sex: 'M' })).toEqual(['birth_date']);
    });
  });
});

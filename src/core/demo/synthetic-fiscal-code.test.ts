import { describe, expect, it } from 'vitest';
import { fiscalCodeMismatches, validateFiscalCode } from '../kernel/fiscal-code.js';
import type { PlainDate } from '../kernel/plain-date.js';
import { composeFiscalCode, firstNamePart, surnamePart } from './synthetic-fiscal-code.js';

const day = (s: string) => s as PlainDate;

describe('composeFiscalCode (DM 23/12/1976, rules.md §7.1)', () => {
  it('gives the two codes the rules were checked on', () => {
    expect(
      composeFiscalCode({
        lastName: 'Rossi',
        firstName: 'Mario',
        birthDate: day('1980-01-01'),
        sex: 'M',
        placeCode: 'H501',
      }),
    ).toBe('RSSMRA80A01H501U');
    expect(
      composeFiscalCode({
        lastName: 'Moretti',
        firstName: 'Matteo',
        birthDate: day('1925-04-09'),
        sex: 'M',
        placeCode: 'F205',
      }),
    ).toBe('MRTMTT25D09F205Z');
  });

  it('takes the 1st, 3rd and 4th consonant of a name with four or more', () => {
    expect(firstNamePart('Gianfranco')).toBe('GFR');
    expect(firstNamePart('Maria Cristina')).toBe('MCR');
    expect(firstNamePart('Luca')).toBe('LCU');
  });

  it('pads short names with vowels and X, and ignores accents, apostrophes and spaces', () => {
    expect(surnamePart('Hu')).toBe('HUX');
    expect(firstNamePart('Li')).toBe('LIX');
    expect(surnamePart('D’Angelo')).toBe('DNG');
    expect(surnamePart('Lo Russo')).toBe('LRS');
    expect(firstNamePart('Nicolò')).toBe('NCL');
    expect(surnamePart('Ștefan')).toBe('STF');
  });

  it('adds 40 to the day of birth of women and uses Z codes for foreign states', () => {
    const code = composeFiscalCode({
      lastName: 'Popescu',
      firstName: 'Elena',
      birthDate: day('1990-07-15'),
      sex: 'F',
      placeCode: 'Z129',
    });
    expect(code.slice(6, 15)).toBe('90L55Z129');
    const result = validateFiscalCode(code);
    expect(result.ok).toBe(true);
    if (result.ok) expect(fiscalCodeMismatches(result.decoded, { birthDate: '1990-07-15', sex: 'F' })).toEqual([]);
  });

  it('replaces digits from the right with omocodia letters, and the code still decodes to the same person', () => {
    const person = {
      lastName: 'Rossi',
      firstName: 'Mario',
      birthDate: day('1980-01-01'),
      sex: 'M' as const,
      placeCode: 'H501',
    };
    const one = composeFiscalCode(person, 1);
    const two = composeFiscalCode(person, 2);
    expect(one.slice(0, 15)).toBe('RSSMRA80A01H50M');
    expect(two.slice(0, 15)).toBe('RSSMRA80A01H5LM');
    for (const code of [one, two, composeFiscalCode(person, 7)]) {
      const result = validateFiscalCode(code);
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.decoded.omocode).toBe(true);
        expect(result.decoded.base.slice(0, 15)).toBe('RSSMRA80A01H501');
      }
    }
    expect(() => composeFiscalCode(person, 8)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { ibanCheckDigits, validateIban } from './iban.js';

describe('IBAN (ISO 13616, check digits mod 97 ISO 7064)', () => {
  it('accepts a valid Italian IBAN of 27 characters, with spaces', () => {
    expect(validateIban('IT60 X054 2811 1010 0000 0123 456')).toEqual({
      ok: true,
      iban: 'IT60X0542811101000000123456',
    });
  });
  it('refuses a wrong check digit', () => {
    expect(validateIban('IT61X0542811101000000123456')).toEqual({ ok: false, error: 'check_digits' });
  });
  it('refuses an Italian IBAN of the wrong length', () => {
    expect(validateIban('IT60X054281110100000012345')).toEqual({ ok: false, error: 'length' });
  });
  it('refuses garbage', () => {
    expect(validateIban('not an iban')).toEqual({ ok: false, error: 'format' });
  });
  it('accepts a valid foreign IBAN (DE, 22 characters)', () => {
    expect(validateIban('DE89370400440532013000').ok).toBe(true);
  });
  it('computes the check digits that make an IBAN valid', () => {
    const bban = 'X0542811101000000123456';
    expect(ibanCheckDigits('IT', bban)).toBe('60');
    expect(validateIban(`IT${ibanCheckDigits('IT', 'A0306909606100000063471')}A0306909606100000063471`).ok).toBe(true);
  });
});

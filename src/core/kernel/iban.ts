// IBAN validation (ISO 13616): country, check digits verified by mod 97 (ISO 7064), length per
// country where we know it. Italian IBANs are 27 characters: IT + 2 check digits + CIN + ABI (5)
// + CAB (5) + account (12).

export type IbanError = 'format' | 'length' | 'check_digits';

/** Lengths of the countries whose IBANs we expect to see (SEPA payees of the agency). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  IT: 27,
  SM: 27,
  VA: 22,
  DE: 22,
  FR: 27,
  ES: 24,
  AT: 20,
  BE: 16,
  NL: 18,
  PT: 25,
  CH: 21,
  RO: 24,
  PL: 28,
  GB: 22,
  IE: 22,
  LU: 20,
};

export function normalizeIban(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** ISO 7064 mod 97-10 over the rearranged IBAN, computed piecewise to stay within safe integers. */
export function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

export type IbanResult =
  { readonly ok: true; readonly iban: string } | { readonly ok: false; readonly error: IbanError };

export function validateIban(input: string): IbanResult {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return { ok: false, error: 'format' };
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return { ok: false, error: 'length' };
  if (iban.slice(0, 2) === 'IT' && !/^IT\d{2}[A-Z]\d{10}[A-Z0-9]{12}$/.test(iban))
    return { ok: false, error: 'format' };
  if (ibanMod97(iban) !== 1) return { ok: false, error: 'check_digits' };
  return { ok: true, iban };
}

/** The two check digits that make `country + '00' + bban` a valid IBAN (for tests and demo data). */
export function ibanCheckDigits(country: string, bban: string): string {
  const remainder = ibanMod97(`${country}00${bban}`);
  return String(98 - remainder).padStart(2, '0');
}

export const IBAN_ERROR_MESSAGES: Record<IbanError, string> = {
  format: 'IBAN non valido: formato errato.',
  length: 'IBAN non valido: lunghezza errata (un IBAN italiano ha 27 caratteri).',
  check_digits: 'IBAN non valido: le cifre di controllo non corrispondono.',
};

/** "IT60 X054 …", grouped by four for display. */
export function formatIban(iban: string): string {
  return normalizeIban(iban)
    .replace(/(.{4})/g, '$1 ')
    .trim();
}

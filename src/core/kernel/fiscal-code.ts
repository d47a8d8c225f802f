// Codice fiscale of a natural person: DM Finanze 23/12/1976 (rules.md §7.1).
// We validate only; we never generate a code to stand in for a declared one.

const ODD_VALUES: Record<string, number> = {
  '0': 1,
  '1': 0,
  '2': 5,
  '3': 7,
  '4': 9,
  '5': 13,
  '6': 15,
  '7': 17,
  '8': 19,
  '9': 21,
  A: 1,
  B: 0,
  C: 5,
  D: 7,
  E: 9,
  F: 13,
  G: 15,
  H: 17,
  I: 19,
  J: 21,
  K: 2,
  L: 4,
  M: 18,
  N: 20,
  O: 11,
  P: 3,
  Q: 6,
  R: 8,
  S: 12,
  T: 14,
  U: 16,
  V: 10,
  W: 22,
  X: 25,
  Y: 24,
  Z: 23,
};

const MONTH_LETTERS = 'ABCDEHLMPRST';
/** Omocodia: the Agenzia delle Entrate replaces digits with these letters (0–9). */
const OMOCODE_LETTERS = 'LMNPQRSTUV';
/** Positions (0-based) that hold digits in the original code and may carry omocodia letters. */
const OMOCODE_POSITIONS = [6, 7, 9, 10, 12, 13, 14];

const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export type FiscalCodeError = 'length' | 'format' | 'check_character' | 'date';

export interface DecodedFiscalCode {
  /** The code with omocodia letters mapped back to digits. */
  readonly base: string;
  readonly omocode: boolean;
  readonly sex: 'F' | 'M';
  /** Two-digit year: the century is not part of the code. */
  readonly yearTwoDigits: number;
  readonly month: number;
  readonly day: number;
  /** Cadastral code of the Comune, or Z + 3 digits for a foreign state. */
  readonly placeCode: string;
}

export type FiscalCodeResult =
  | { readonly ok: true; readonly code: string; readonly decoded: DecodedFiscalCode }
  | { readonly ok: false; readonly error: FiscalCodeError };

export function normalizeFiscalCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Check character per DM 23/12/1976: odd positions by table, even positions by value. */
export function fiscalCodeCheckCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15.charAt(i);
    if ((i + 1) % 2 === 1) {
      sum += ODD_VALUES[ch] ?? 0;
    } else {
      sum += /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
    }
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Maps omocodia letters back to digits (rules.md §7.1). */
export function fiscalCodeBase(code: string): string {
  const chars = code.split('');
  for (const pos of OMOCODE_POSITIONS) {
    const ch = chars[pos];
    if (ch !== undefined) {
      const idx = OMOCODE_LETTERS.indexOf(ch);
      if (idx >= 0) chars[pos] = String(idx);
    }
  }
  return chars.join('');
}

export function validateFiscalCode(input: string): FiscalCodeResult {
  const code = normalizeFiscalCode(input);
  if (code.length !== 16) return { ok: false, error: 'length' };
  if (!SHAPE.test(code)) return { ok: false, error: 'format' };
  if (fiscalCodeCheckCharacter(code.slice(0, 15)) !== code.charAt(15)) {
    return { ok: false, error: 'check_character' };
  }
  const base = fiscalCodeBase(code);
  const month = MONTH_LETTERS.indexOf(base.charAt(8)) + 1;
  const rawDay = Number(base.slice(9, 11));
  // Women: day of birth + 40.
  const sex = rawDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? rawDay - 40 : rawDay;
  if (day < 1 || day > 31) return { ok: false, error: 'date' };
  return {
    ok: true,
    code,
    decoded: {
      base,
      omocode: base !== code,
      sex,
      yearTwoDigits: Number(base.slice(6, 8)),
      month,
      day,
      placeCode: base.slice(11, 15),
    },
  };
}

export type ConsistencyMismatch = 'birth_date' | 'sex';

/** Optional consistency with the declared personal data (birth date YYYY-MM-DD and sex). */
export function fiscalCodeMismatches(
  decoded: DecodedFiscalCode,
  person: { readonly birthDate: string; readonly sex: 'F' | 'M' },
): ConsistencyMismatch[] {
  const out: ConsistencyMismatch[] = [];
  const [y, m, d] = person.birthDate.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return ['birth_date'];
  if (y % 100 !== decoded.yearTwoDigits || m !== decoded.month || d !== decoded.day) out.push('birth_date');
  if (person.sex !== decoded.sex) out.push('sex');
  return out;
}

export const FISCAL_CODE_ERROR_MESSAGES: Record<FiscalCodeError, string> = {
  length: 'Il codice fiscale deve avere 16 caratteri.',
  format: 'Il codice fiscale non ha il formato previsto (6 lettere, 2 cifre, lettera del mese, …).',
  check_character: 'Il codice fiscale non è valido: il carattere di controllo non corrisponde.',
  date: 'Il codice fiscale non è valido: il giorno di nascita indicato non esiste.',
};

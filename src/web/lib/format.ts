// Everything the user reads is formatted for Italy: it-IT, and instants shown in Europe/Rome.

const TIME_ZONE = 'Europe/Rome';

const dateTimeFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

// A calendar day has no time zone: format it as the same day in UTC so it never shifts.
const plainDateFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'UTC',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

const euroFormat = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

/** 'YYYY-MM-DD' → '26/11/2026'; anything else is shown as it is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  return plainDateFormat.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** A UTC ISO instant → '26/11/2026, 14:30' in Rome. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return dateTimeFormat.format(d);
}

export function formatEuro(cents: number): string {
  return euroFormat.format(cents / 100);
}

/**
 * Reads an amount in euros as typed by an operator and returns integer cents, or null when it is
 * not an amount. Accepts "12.345,67", "12345,67", "12345.67", "12.345", "€ 1.000" and "1,234.56".
 * A single dot followed by exactly three digits is read as a thousands separator, as in Italy.
 */
export function parseEuroToCents(input: string): number | null {
  const text = input.replace(/[€\s\u00a0]/g, '');
  if (!/^\d[\d.,]*$/.test(text)) return null;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let integerPart: string;
  let decimalPart = '';
  let thousands: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimalSeparator = lastComma > lastDot ? ',' : '.';
    thousands = decimalSeparator === ',' ? '.' : ',';
    const at = text.lastIndexOf(decimalSeparator);
    integerPart = text.slice(0, at);
    decimalPart = text.slice(at + 1);
  } else if (lastComma >= 0 || lastDot >= 0) {
    const separator = lastComma >= 0 ? ',' : '.';
    const parts = text.split(separator);
    const last = parts[parts.length - 1] ?? '';
    if (parts.length === 2 && last.length !== 3) {
      thousands = '';
      integerPart = parts[0] ?? '';
      decimalPart = last;
    } else if (parts.length === 2 && separator === ',') {
      // "12,345" is ambiguous; in Italy the comma is the decimal separator.
      thousands = '';
      integerPart = parts[0] ?? '';
      decimalPart = last;
    } else {
      thousands = separator;
      integerPart = text;
    }
  } else {
    thousands = '';
    integerPart = text;
  }
  if (thousands !== '') {
    const groups = integerPart.split(thousands);
    const [first, ...rest] = groups;
    if (!first || first.length > 3 || rest.some((g) => g.length !== 3)) return null;
    integerPart = groups.join('');
  }
  if (!/^\d+$/.test(integerPart) || !/^\d{0,2}$/.test(decimalPart)) return null;
  const cents = Number(integerPart) * 100 + Number(decimalPart.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents → "12345,67" for an input field (no thousands separator, so it parses back the same). */
export function centsToInput(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}

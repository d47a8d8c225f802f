// Dates and amounts as an Italian letter writes them: "26 novembre 2026", "€ 1.234,50".
import type { PlainDate } from '../kernel/plain-date.js';

const MONTHS = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
] as const;

const WEEKDAYS = ['domenica', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato'] as const;

/** '2026-11-01' → '1° novembre 2026' (the first of the month is written as an ordinal in Italian). */
export function formatDateLong(date: PlainDate | string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = d === 1 ? '1°' : String(d);
  return `${day} ${MONTHS[m - 1] ?? '?'} ${y}`;
}

/** '2026-11-26' → 'giovedì 26 novembre 2026'. */
export function formatDateWithWeekday(date: PlainDate | string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? '';
  return `${weekday} ${formatDateLong(date)}`;
}

/** Integer cents → '€ 1.234,50' (thousands always grouped, two decimals, never floating-point). */
export function formatEuroLetter(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Cents must be a safe integer: ${cents}`);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}€ ${euros},${rest}`;
}

// Calendar days as 'YYYY-MM-DD' strings, computed in UTC so the result never depends on the host zone.

declare const plainDateBrand: unique symbol;
export type PlainDate = string & { readonly [plainDateBrand]: true };

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isPlainDate(value: string): value is PlainDate {
  const m = PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function plainDate(value: string): PlainDate {
  if (!isPlainDate(value)) throw new RangeError(`Not a calendar date: ${value}`);
  return value;
}

function toUtc(date: PlainDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(d: Date): PlainDate {
  return d.toISOString().slice(0, 10) as PlainDate;
}

export function addDays(date: PlainDate, days: number): PlainDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Adds calendar months; a day past the end of the target month is clamped to its last day. */
export function addMonths(date: PlainDate, months: number): PlainDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return fromUtc(target);
}

export function daysBetween(from: PlainDate, to: PlainDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole years of age on a given day (the birthday counts on the day itself). */
export function ageOn(birthDate: PlainDate, on: PlainDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export function endOfYear(date: PlainDate): PlainDate {
  return `${date.slice(0, 4)}-12-31` as PlainDate;
}

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a given IANA zone (the agency works in Europe/Rome). */
export function plainDateOf(instant: Date, timeZone = 'Europe/Rome'): PlainDate {
  let format = DAY_FORMATS.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(timeZone, format);
  }
  return format.format(instant) as PlainDate;
}

/** 'YYYY-MM-DD' as Italians write it: 'DD/MM/YYYY'. */
export function formatPlainDateIt(date: PlainDate | string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

const WALL_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone's wall clock is ahead of UTC at an instant (Rome: 60 in winter, 120 in summer). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  let format = WALL_FORMATS.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    WALL_FORMATS.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The same wall-clock time `days` days later in the zone: a weekly 9:00 slot stays at 9:00 across the
 * change to or from summer time (adding 7 × 24 hours would move it by an hour).
 */
export function addLocalDays(instant: Date, days: number, timeZone = 'Europe/Rome'): Date {
  const wall = instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000 + days * 86_400_000;
  return instantOfWallTime(wall, timeZone);
}

/**
 * The instant at which the zone's clock shows a wall time, the wall time given in milliseconds as if
 * it were UTC (e.g. Date.UTC(2026, 10, 26, 9, 0) for 9:00 on 26 November in Rome → 08:00Z).
 */
export function instantOfWallTime(wallMs: number, timeZone = 'Europe/Rome'): Date {
  const first = wallMs - zoneOffsetMinutes(new Date(wallMs), timeZone) * 60_000;
  return new Date(wallMs - zoneOffsetMinutes(new Date(first), timeZone) * 60_000);
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addLocalDays,
  addMonths,
  ageOn,
  compareDates,
  daysBetween,
  endOfYear,
  isPlainDate,
  plainDate,
  plainDateOf,
  type PlainDate,
} from './plain-date.js';

const d = plainDate;

/** Any calendar day from 1900-01-01 to 2199-12-31. */
const anyDate = fc.integer({ min: 0, max: 109_572 }).map((n) => addDays(d('1900-01-01'), n));

describe('isPlainDate and plainDate', () => {
  it.each(['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '1900-02-28'])('accepts %s', (value) => {
    expect(isPlainDate(value)).toBe(true);
    expect(plainDate(value)).toBe(value);
  });

  it.each([
    ['30 February', '2026-02-30'],
    ['29 February of a common year', '2025-02-29'],
    ['29 February 1900 (not a leap year)', '1900-02-29'],
    ['month 13', '2026-13-01'],
    ['month 00', '2026-00-10'],
    ['day 00', '2026-01-00'],
    ['31 April', '2026-04-31'],
    ['unpadded month and day', '2026-1-1'],
    ['a timestamp', '2026-01-01T00:00:00Z'],
    ['day-month-year', '01-01-2026'],
    ['empty', ''],
  ])('rejects %s (%s)', (_label, value) => {
    expect(isPlainDate(value)).toBe(false);
    expect(() => plainDate(value)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 3, '2026-03-31'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 365, '2024-12-31'],
    ['2026-05-10', 0, '2026-05-10'],
  ])('%s + %i days = %s', (from, days, expected) => {
    expect(addDays(d(from), days)).toBe(expected);
  });

  it('addDays(d, n) then daysBetween gives n, and addDays(·, -n) goes back (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -40_000, max: 40_000 }), (date, n) => {
        const later = addDays(date, n);
        expect(isPlainDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(n);
        expect(addDays(later, -n)).toBe(date);
        expect(Math.sign(compareDates(later, date))).toBe(Math.sign(n));
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28', 'clamped to the end of February'],
    ['2024-01-31', 1, '2024-02-29', 'clamped to 29 February in a leap year'],
    ['2026-03-31', 1, '2026-04-30', 'clamped to 30 April'],
    ['2026-03-31', -1, '2026-02-28', 'backwards, clamped'],
    ['2026-08-31', 6, '2027-02-28', 'across the year end, clamped'],
    ['2026-11-15', 3, '2027-02-15', 'across the year end'],
    ['2026-01-15', -1, '2025-12-15', 'backwards across the year start'],
    ['2024-02-29', 12, '2025-02-28', 'a year after 29 February'],
    ['2026-05-15', 0, '2026-05-15', 'zero months'],
  ])('%s + %i month(s) = %s (%s)', (from, months, expected) => {
    expect(addMonths(d(from), months)).toBe(expected);
  });

  it('keeps the day when the target month has it, otherwise gives its last day (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -120, max: 120 }), (date, months) => {
        const result = addMonths(date, months);
        expect(isPlainDate(result)).toBe(true);
        const [y, m] = date.split('-').map(Number) as [number, number];
        const monthIndex = y * 12 + (m - 1) + months;
        expect(result.slice(0, 7)).toBe(
          `${String(Math.floor(monthIndex / 12)).padStart(4, '0')}-${String((monthIndex % 12) + 1).padStart(2, '0')}`,
        );
        const day = Number(date.slice(8));
        const resultDay = Number(result.slice(8));
        if (resultDay !== day) {
          expect(resultDay).toBeLessThan(day);
          expect(addDays(result, 1).slice(8)).toBe('01');
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('ageOn', () => {
  it('counts the birthday on the day itself', () => {
    expect(ageOn(d('2008-06-15'), d('2026-06-14'))).toBe(17);
    expect(ageOn(d('2008-06-15'), d('2026-06-15'))).toBe(18);
    expect(ageOn(d('2008-06-15'), d('2026-06-16'))).toBe(18);
  });

  it('is 0 on the day of birth and the day before the first birthday', () => {
    expect(ageOn(d('2026-03-10'), d('2026-03-10'))).toBe(0);
    expect(ageOn(d('2026-03-10'), d('2027-03-09'))).toBe(0);
    expect(ageOn(d('2026-03-10'), d('2027-03-10'))).toBe(1);
  });

  it('compares month before day (born 31 January, on 1 February and 30 January)', () => {
    expect(ageOn(d('1961-01-31'), d('2026-02-01'))).toBe(65);
    expect(ageOn(d('1961-01-31'), d('2026-01-30'))).toBe(64);
  });

  // A choice, not a statute we found: someone born on 29 February has the birthday on 1 March in common years.
  // Art. 2963 c.c. (terms in months end on the last day of a shorter month) would give 28 February instead.
  it('29 February births: the birthday is 29 February in leap years and 1 March in common years', () => {
    expect(ageOn(d('2008-02-29'), d('2026-02-28'))).toBe(17);
    expect(ageOn(d('2008-02-29'), d('2026-03-01'))).toBe(18);
    expect(ageOn(d('2008-02-29'), d('2028-02-28'))).toBe(19);
    expect(ageOn(d('2008-02-29'), d('2028-02-29'))).toBe(20);
  });

  it('grows by exactly one on each birthday (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 100 }), (birth, years) => {
        const birthday = addMonths(birth, years * 12);
        // addMonths clamps 29 February to 28 February; the age ticks over the next day.
        const firstDayOfAge = birthday.slice(5) === birth.slice(5) ? birthday : addDays(birthday, 1);
        expect(ageOn(birth, firstDayOfAge)).toBe(years);
        expect(ageOn(birth, addDays(firstDayOfAge, -1))).toBe(years - 1);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('daysBetween, compareDates, endOfYear', () => {
  it.each([
    ['2026-01-01', '2026-12-31', 364],
    ['2024-01-01', '2024-12-31', 365],
    ['2026-12-31', '2026-01-01', -364],
    ['2026-02-28', '2026-03-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
    ['2026-05-10', '2026-05-10', 0],
  ])('from %s to %s is %i days', (from, to, expected) => {
    expect(daysBetween(d(from), d(to))).toBe(expected);
  });

  it('compares dates chronologically', () => {
    expect(compareDates(d('2026-01-31'), d('2026-02-01'))).toBe(-1);
    expect(compareDates(d('2027-01-01'), d('2026-12-31'))).toBe(1);
    expect(compareDates(d('2026-06-01'), d('2026-06-01'))).toBe(0);
  });

  it('endOfYear is 31 December of the same year', () => {
    expect(endOfYear(d('2026-01-01'))).toBe('2026-12-31');
    expect(endOfYear(d('2024-12-31'))).toBe('2024-12-31');
  });
});

describe('plainDateOf: the calendar day of an instant in Europe/Rome', () => {
  it.each([
    ['2026-06-30T22:30:00Z', '2026-07-01', 'summer time: 00:30 in Rome'],
    ['2026-06-30T21:59:59Z', '2026-06-30', 'summer time: 23:59:59 in Rome'],
    ['2026-06-30T22:00:00Z', '2026-07-01', 'summer time: midnight in Rome'],
    ['2026-01-31T23:30:00Z', '2026-02-01', 'winter time: 00:30 in Rome'],
    ['2026-01-31T22:59:59Z', '2026-01-31', 'winter time: 23:59:59 in Rome'],
    ['2026-12-31T23:00:00Z', '2027-01-01', 'New Year in Rome, still 31 December in UTC'],
  ])('%s is %s (%s)', (instant, expected) => {
    expect(plainDateOf(new Date(instant))).toBe(expected);
  });

  it('uses the zone it is given', () => {
    const instant = new Date('2026-06-30T22:30:00Z');
    expect(plainDateOf(instant, 'UTC')).toBe('2026-06-30');
    expect(plainDateOf(instant, 'Europe/Rome')).toBe('2026-07-01');
  });

  it('returns a PlainDate', () => {
    const result: PlainDate = plainDateOf(new Date('2026-03-29T01:30:00Z'));
    expect(isPlainDate(result)).toBe(true);
    expect(result).toBe('2026-03-29');
  });
});

describe('addLocalDays', () => {
  it('keeps the wall-clock time in Rome across the change to and from summer time', () => {
    // 22 March 2027, 9:00 in Rome (UTC+1); summer time starts on 28 March.
    expect(addLocalDays(new Date('2027-03-22T08:00:00Z'), 7).toISOString()).toBe('2027-03-29T07:00:00.000Z');
    // 25 October 2027, back to UTC+1 on 31 October.
    expect(addLocalDays(new Date('2027-10-25T07:00:00Z'), 7).toISOString()).toBe('2027-11-01T08:00:00.000Z');
    // Within one offset it is plain days.
    expect(addLocalDays(new Date('2026-11-26T09:30:00Z'), 14).toISOString()).toBe('2026-12-10T09:30:00.000Z');
    expect(addLocalDays(new Date('2026-11-26T09:30:00Z'), 0).toISOString()).toBe('2026-11-26T09:30:00.000Z');
  });
});

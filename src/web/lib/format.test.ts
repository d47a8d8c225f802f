import { describe, expect, it } from 'vitest';
import { centsToInput, formatDate, formatDateTime, formatEuro, parseEuroToCents } from './format.js';

describe('parseEuroToCents', () => {
  it.each([
    ['12.345,67', 1_234_567],
    ['12345,67', 1_234_567],
    ['12345.67', 1_234_567],
    ['12345,6', 1_234_560],
    ['12.345', 1_234_500],
    ['1.234.567', 123_456_700],
    ['1,234.56', 123_456],
    ['€ 1.000', 100_000],
    ['0', 0],
  ])('reads %s as %i cents', (input, expected) => {
    expect(parseEuroToCents(input)).toBe(expected);
  });

  it.each(['', 'abc', '12,3456', '1.23.4', '-5', '12..3', '1.2345,00', '12,345'])('rejects %s', (input) => {
    expect(parseEuroToCents(input)).toBeNull();
  });

  it('round-trips through centsToInput', () => {
    for (const cents of [0, 5, 100, 1_234_567, 999_999_999]) {
      expect(parseEuroToCents(centsToInput(cents))).toBe(cents);
    }
  });
});

describe('formatting', () => {
  it('formats a calendar day without shifting it', () => {
    expect(formatDate('2026-01-01')).toBe('01/01/2026');
  });

  it('formats instants in Europe/Rome', () => {
    expect(formatDateTime('2026-07-01T22:30:00Z')).toBe('02/07/2026, 00:30');
  });

  it('formats euros the Italian way', () => {
    expect(formatEuro(1_234_567).replace(/\s/g, ' ')).toBe('12.345,67 €');
  });
});

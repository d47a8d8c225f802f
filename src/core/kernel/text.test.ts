import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLike, normalizeForSearch } from './text.js';

describe('normalizeForSearch', () => {
  it.each([
    ["Niccolò D'Àlessio", "niccolo d'alessio"],
    ["FRANCESCA DELL'ACQUA", "francesca dell'acqua"],
    ['José María Peña', 'jose maria pena'],
    ['Ètienne Çelik Müller', 'etienne celik muller'],
    ['Città di Sesto San Giovanni', 'citta di sesto san giovanni'],
    ['  Maria   Grazia\tDe\nLuca  ', 'maria grazia de luca'],
    ['Nguyễn Thị', 'nguyen thi'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it('a name typed without accents in any case finds the accented one', () => {
    expect(normalizeForSearch('NICCOLO')).toBe(normalizeForSearch('Niccolò'));
    expect(normalizeForSearch('niccolò')).toBe(normalizeForSearch('NICCOLÒ'));
  });

  it('handles precomposed and decomposed accents alike', () => {
    expect(normalizeForSearch('Nicol\u00f2')).toBe('nicolo');
    expect(normalizeForSearch('Nicolo\u0300')).toBe('nicolo');
  });

  it('is idempotent and leaves no combining marks, upper-case letters or edge spaces (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const once = normalizeForSearch(s);
        expect(normalizeForSearch(once)).toBe(once);
        expect(once).not.toMatch(/[\u0300-\u036f]/);
        expect(once).not.toMatch(/[A-Z]/);
        expect(once).toBe(once.trim());
        expect(once).not.toMatch(/\s\s/);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe("escapeLike (used with ESCAPE '\\')", () => {
  it.each([
    ['100%', '100\\%'],
    ['a_b', 'a\\_b'],
    ['c:\\temp', 'c:\\\\temp'],
    ['%_\\', '\\%\\_\\\\'],
    ['Rossi', 'Rossi'],
  ])('%j → %j', (input, expected) => {
    expect(escapeLike(input)).toBe(expected);
  });

  it('leaves no unescaped wildcard, and unescaping gives the input back (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '%', '_', '\\', ' ', 'è'), maxLength: 30 }), (s) => {
        const escaped = escapeLike(s);
        // Read left to right: a backslash always escapes the next character, which must be one of \ % _.
        let unescaped = '';
        for (let i = 0; i < escaped.length; i++) {
          const ch = escaped.charAt(i);
          if (ch === '\\') {
            const next = escaped.charAt(i + 1);
            expect(['\\', '%', '_']).toContain(next);
            unescaped += next;
            i++;
          } else {
            expect(['%', '_']).not.toContain(ch);
            unescaped += ch;
          }
        }
        expect(unescaped).toBe(s);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

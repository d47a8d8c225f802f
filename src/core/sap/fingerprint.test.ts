import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv1a32, fnv1a64Hex } from './fingerprint.js';

describe('fingerprints for reproducible runs (STYLE.md principle 3)', () => {
  // Reference vectors of the FNV specification (draft-eastlake-fnv), computed outside this code base.
  it.each([
    ['', 0x811c9dc5, 'cbf29ce484222325'],
    ['a', 0xe40c292c, 'af63dc4c8601ec8c'],
    ['foobar', 0xbf9cf968, '85944171f73967e8'],
  ])('FNV-1a of %j matches the reference vectors', (text, h32, h64) => {
    expect(fnv1a32(text)).toBe(h32);
    expect(fnv1a64Hex(text)).toBe(h64);
  });

  it('hashes UTF-8 bytes, so accented and astral characters are stable', () => {
    expect(fnv1a64Hex('è')).toBe(fnv1a64Hex('\u00e8'));
    expect(fnv1a64Hex('è')).not.toBe(fnv1a64Hex('e'));
    expect(fnv1a64Hex('😀')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('canonical JSON sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined, b: 'x' } })).toBe('{"a":{"b":"x","d":[2,1]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('canonical JSON is independent of key insertion order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
        expect(JSON.parse(canonicalJson(record))).toEqual(record);
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });
});

describe('fingerprints hash the UTF-8 encoding exactly (property)', () => {
  it('FNV-1a of any string equals FNV-1a of its TextEncoder bytes', () => {
    const reference32 = (text: string) => {
      let h = 0x811c9dc5;
      for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193);
      return h >>> 0;
    };
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(fnv1a32(text)).toBe(reference32(text));
      }),
      { seed: 20261126, numRuns: 500 },
    );
    expect(fnv1a32('\ud800x')).toBe(reference32('\ud800x'));
    expect(fnv1a32('x\udc00')).toBe(reference32('x\udc00'));
  });
});

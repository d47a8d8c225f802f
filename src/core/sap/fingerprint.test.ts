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

/** The member-by-member canonical JSON, as first written: the fast path must give the same text. */
function canonicalJsonReference(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new RangeError('Cannot fingerprint a non-finite number');
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`Cannot fingerprint a ${typeof value}`);
    return text;
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJsonReference(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJsonReference(record[key])}`);
  return `{${members.join(',')}}`;
}

/** FNV-1a 64 on four 16-bit limbs over the TextEncoder bytes, as first written. */
function fnv1a64Reference(text: string): string {
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  for (const byte of new TextEncoder().encode(text)) {
    v0 ^= byte;
    const t0 = v0 * 0x1b3;
    const t1 = v1 * 0x1b3 + (t0 >>> 16);
    const t2 = v2 * 0x1b3 + (v0 << 8) + (t1 >>> 16);
    const t3 = v3 * 0x1b3 + (v1 << 8) + (t2 >>> 16);
    v0 = t0 & 0xffff;
    v1 = t1 & 0xffff;
    v2 = t2 & 0xffff;
    v3 = t3 & 0xffff;
  }
  const hex = (limb: number) => limb.toString(16).padStart(4, '0');
  return hex(v3) + hex(v2) + hex(v1) + hex(v0);
}

describe('the fast fingerprints give the same results as the reference ones (property)', () => {
  it('FNV-1a 64 on two 32-bit halves equals the 16-bit limb version on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(fnv1a64Hex(text)).toBe(fnv1a64Reference(text));
      }),
      { seed: 20261126, numRuns: 1000 },
    );
    const long = 'x'.repeat(10_000) + 'àè😀\ud800';
    expect(fnv1a64Hex(long)).toBe(fnv1a64Reference(long));
  });

  it('canonical JSON through the property list equals the member-by-member text on any JSON-like value', () => {
    const withUndefined = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(undefined),
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string({ unit: 'binary' }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(withUndefined, (value) => {
        if (value === undefined) return;
        expect(canonicalJson(value)).toBe(canonicalJsonReference(value));
      }),
      { seed: 20261126, numRuns: 1000 },
    );
  });

  it('values that are not plain data take the member-by-member path: same text, same errors', () => {
    const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 });
    const cases: unknown[] = [
      { when: new Date(0), list: [1, 2] },
      JSON.parse('{"__proto__":{"x":1},"a":1}'),
      { a: nullProto, constructor: 'c', toString: 's', z: { y: 1 } },
      { hasOwnProperty: 1, nested: { value: 1 } },
      { toJSON: 'not a function', a: 1 },
    ];
    for (const value of cases) expect(canonicalJson(value)).toBe(canonicalJsonReference(value));
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(RangeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson([Symbol('s')])).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

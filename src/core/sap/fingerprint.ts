// Small pure hashes for reproducibility (STYLE.md principle 3). They are FINGERPRINTS that detect a
// changed input, not security hashes: anyone can build a collision on purpose. Core cannot use
// node:crypto; the server may store a SHA-256 beside them.

/**
 * The UTF-8 bytes of the non-ASCII character at `i` and how many UTF-16 units it spans, so that a
 * fingerprint does not depend on the JavaScript string encoding. A lone surrogate is encoded as the
 * replacement character, as TextEncoder does.
 */
function encodeNonAscii(text: string, i: number): { readonly bytes: number[]; readonly units: number } {
  let code = text.charCodeAt(i);
  let units = 1;
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (low >= 0xdc00 && low <= 0xdfff) {
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      units = 2;
    } else code = 0xfffd;
  } else if (code >= 0xdc00 && code <= 0xdfff) code = 0xfffd;
  if (code < 0x800) return { bytes: [0xc0 | (code >> 6), 0x80 | (code & 0x3f)], units };
  if (code < 0x10000) return { bytes: [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)], units };
  return {
    bytes: [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)],
    units,
  };
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of the text, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      hash = Math.imul(hash ^ code, 0x01000193);
      i++;
      continue;
    }
    const encoded = encodeNonAscii(text, i);
    for (const byte of encoded.bytes) hash = Math.imul(hash ^ byte, 0x01000193);
    i += encoded.units;
  }
  return hash >>> 0;
}

/**
 * FNV-1a, 64 bits, over the UTF-8 bytes of the text, as 16 lower-case hex digits. The 64-bit
 * product is computed on four 16-bit limbs so that it stays exact in doubles.
 */
export function fnv1a64Hex(text: string): string {
  // offset basis 0xcbf29ce484222325; prime 0x100000001b3 = 2^40 + 0x1b3
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  const step = (byte: number) => {
    v0 ^= byte;
    const t0 = v0 * 0x1b3;
    const t1 = v1 * 0x1b3 + (t0 >>> 16);
    const t2 = v2 * 0x1b3 + (v0 << 8) + (t1 >>> 16);
    const t3 = v3 * 0x1b3 + (v1 << 8) + (t2 >>> 16);
    v0 = t0 & 0xffff;
    v1 = t1 & 0xffff;
    v2 = t2 & 0xffff;
    v3 = t3 & 0xffff;
  };
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      step(code);
      i++;
      continue;
    }
    const encoded = encodeNonAscii(text, i);
    for (const byte of encoded.bytes) step(byte);
    i += encoded.units;
  }
  const hex = (limb: number) => limb.toString(16).padStart(4, '0');
  return hex(v3) + hex(v2) + hex(v1) + hex(v0);
}

/**
 * JSON with object keys sorted at every level and `undefined` members left out, so that two
 * equal values always give the same text. Arrays keep their order: callers sort lists whose order
 * carries no meaning before hashing.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new RangeError('Cannot fingerprint a non-finite number');
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`Cannot fingerprint a ${typeof value}`);
    return text;
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

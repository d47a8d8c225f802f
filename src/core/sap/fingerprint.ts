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
 * FNV-1a, 64 bits, over the UTF-8 bytes of the text, as 16 lower-case hex digits. The hash is kept
 * as two 32-bit halves in int32 arithmetic: the prime is 2^40 + 0x1b3, so a step multiplies the low
 * half by 0x1b3 (on 16-bit pieces, exact) and adds the low half shifted left by 40 bits into the
 * high half. Snapshots of 100,000 applications are tens of megabytes: the ASCII loop is kept tight.
 */
export function fnv1a64Hex(text: string): string {
  // offset basis 0xcbf29ce484222325
  let hi = 0xcbf29ce4 | 0;
  let lo = 0x84222325 | 0;
  const length = text.length;
  for (let i = 0; i < length;) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      const x = lo ^ code;
      const low = (x & 0xffff) * 0x1b3;
      const high = (x >>> 16) * 0x1b3 + (low >>> 16);
      lo = (low & 0xffff) | (high << 16);
      hi = (Math.imul(hi, 0x1b3) + (high >>> 16) + (x << 8)) | 0;
      i++;
      continue;
    }
    const encoded = encodeNonAscii(text, i);
    for (const byte of encoded.bytes) {
      const x = lo ^ byte;
      const low = (x & 0xffff) * 0x1b3;
      const high = (x >>> 16) * 0x1b3 + (low >>> 16);
      lo = (low & 0xffff) | (high << 16);
      hi = (Math.imul(hi, 0x1b3) + (high >>> 16) + (x << 8)) | 0;
    }
    i += encoded.units;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/**
 * JSON with object keys sorted at every level and `undefined` members left out, so that two
 * equal values always give the same text. Arrays keep their order: callers sort lists whose order
 * carries no meaning before hashing.
 *
 * Plain data (the case of every snapshot) is checked in one walk that also collects every member
 * name; the text is then written by the engine's JSON.stringify with the sorted names as its
 * property list, which emits each object's members in that order. Anything else (class instances,
 * functions, non-finite numbers, sparse arrays, a `__proto__` member) takes the member-by-member
 * path, which gives the same text or throws.
 */
export function canonicalJson(value: unknown): string {
  const names = new Set<string>();
  if (isPlainData(value, names, 0) && !names.has('__proto__')) {
    return JSON.stringify(value, [...names].sort());
  }
  return canonicalJsonSlow(value);
}

/** Deep enough for any snapshot; deeper (or cyclic) values take the member-by-member path. */
const MAX_DEPTH = 64;

function isPlainData(value: unknown, names: Set<string>, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth > MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return false;
          const item: unknown = value[i];
          if (item !== undefined && !isPlainData(item, names, depth + 1)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const member = record[key];
        if (member === undefined) continue;
        names.add(key);
        if (!isPlainData(member, names, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function canonicalJsonSlow(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new RangeError('Cannot fingerprint a non-finite number');
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`Cannot fingerprint a ${typeof value}`);
    return text;
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJsonSlow(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJsonSlow(record[key])}`);
  return `{${members.join(',')}}`;
}

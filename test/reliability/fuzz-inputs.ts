// Generators of malformed, oversized and hostile inputs, derived from a route's OpenAPI schema.
import fc from 'fast-check';
import type { JsonSchema, OpenApiOperation } from './helpers.js';

export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE households; --",
  '1; DELETE FROM audit_log',
  '" OR ""="',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/dev/zero',
  'file:///etc/shadow',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  '𝕬𝖇𝖎𝖙𝖆𝖗𝖊 🏠',
  'a\r\nSet-Cookie: x=y',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '2026-02-30',
  '9999-99-99',
  '0000-00-00',
  '',
  ' ',
  'RSSMRA80A01F205X'.repeat(3),
  'x'.repeat(5000),
];

export const HOSTILE_IDS: readonly string[] = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  "1' OR '1'='1",
  '%00',
  '%FF%FE',
  '-1',
  '0',
  '99999999999999999999999',
  'null',
  'undefined',
  '%F0%9F%8F%A0',
  '<script>',
  'a'.repeat(190),
  'a'.repeat(400),
];

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308),
  fc.constant([]),
  fc.constant({}),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 20_000, maxLength: 30_000 }).map((s) => s || 'x'.repeat(20_000)),
);

export function deepJson(depth: number): unknown {
  let v: unknown = 'fondo';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.constant(deepJson(400)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')),
  },
);

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  return [];
}

const DATE_LIKE = fc.constantFrom('2026-11-26', '2026-01-01', '2025-12-31', '1970-01-01', '2100-01-01');

/** A value that mostly fits the schema, with a hostile value in some places. */
export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return hostileValue;
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (alternatives.length > 0) return fc.oneof(...alternatives.map((a) => fromSchema(a, depth + 1)), hostileValue);
  if (schema.allOf && schema.allOf.length > 0) return fromSchema(schema.allOf[0], depth + 1);
  let fitting: fc.Arbitrary<unknown>;
  if (schema.enum && schema.enum.length > 0) {
    fitting = fc.constantFrom(...schema.enum);
  } else {
    const type = typesOf(schema)[0];
    switch (type) {
      case 'string':
        fitting =
          schema.format === 'date' || (schema.pattern ?? '').includes('\\d{4}')
            ? DATE_LIKE
            : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 60) });
        break;
      case 'integer':
        fitting = fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1_000_000 });
        break;
      case 'number':
        fitting = fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
        break;
      case 'boolean':
        fitting = fc.boolean();
        break;
      case 'array':
        fitting = fc.array(fromSchema(schema.items, depth + 1), { maxLength: 4 });
        break;
      case 'object': {
        const props = schema.properties ?? {};
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(props)) record[k] = fromSchema(v, depth + 1);
        fitting = fc.record(record, { requiredKeys: Object.keys(props).filter((k) => schema.required?.includes(k)) });
        break;
      }
      default:
        fitting = fc.jsonValue({ maxDepth: 2 });
    }
  }
  return fc.oneof({ weight: 4, arbitrary: fitting }, { weight: 1, arbitrary: hostileValue });
}

export interface FuzzRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
  readonly label: string;
}

/** Percent-encoding that also carries lone surrogates (as the invalid UTF-8 bytes %ED%A0%80). */
export function enc(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return [...v].map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

function queryArb(op: OpenApiOperation): fc.Arbitrary<string> {
  const params = (op.parameters ?? []).filter((p) => p.in === 'query');
  const pairs = params.map((p) =>
    fc.option(
      fc
        .oneof(
          fromSchema(p.schema).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
          fc.constantFrom(...HOSTILE_STRINGS),
        )
        .map((v) => `${enc(p.name)}=${enc(v)}`),
      { nil: undefined },
    ),
  );
  const extra = fc.constantFrom(
    '',
    '__proto__[polluted]=1',
    'limit=-1&limit=99999',
    'q=a&q=b',
    'offset=1e309',
    'page=%FF',
  );
  return fc
    .tuple(fc.tuple(...pairs), extra)
    .map(([ps, e]) => [...ps.filter((x) => x !== undefined), e].filter(Boolean).join('&'));
}

/** Hostile requests for one route: path params, query, and a body as JSON or as raw bytes. */
export function requestArb(
  path: string,
  op: OpenApiOperation,
  method: string,
  realIds: readonly string[],
): fc.Arbitrary<FuzzRequest> {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const param = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(realIds.length > 0 ? realIds : ['x'])) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_IDS).map((s) => ({ raw: s })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
  );
  const urlArb = fc
    .tuple(fc.array(param, { minLength: names.length, maxLength: names.length }), queryArb(op))
    .map(([vals, q]) => {
      let i = 0;
      const p = path.replace(/\{[^}]+\}/g, () => {
        const v = vals[i++];
        return typeof v === 'object' && v !== null ? v.raw : enc(String(v));
      });
      return q ? `${p}?${q}` : p;
    });
  if (method === 'GET' || method === 'DELETE') {
    return urlArb.map((url) => ({ url, headers: {}, label: 'url' }));
  }
  const bodySchema = Object.values(op.requestBody?.content ?? {})[0]?.schema;
  const json = fromSchema(bodySchema).map((b) => ({
    payload: JSON.stringify(b) ?? 'null',
    headers: { 'content-type': 'application/json' },
    label: 'json',
  }));
  const raw = fc.constantFrom(
    { payload: '{"a":', headers: { 'content-type': 'application/json' }, label: 'malformed json' },
    { payload: '', headers: { 'content-type': 'application/json' }, label: 'empty json' },
    {
      payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
      headers: { 'content-type': 'application/json' },
      label: 'invalid utf-8',
    },
    {
      payload: Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
      headers: { 'content-type': 'text/csv' },
      label: 'invalid utf-8 csv',
    },
    {
      payload: `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
      headers: { 'content-type': 'application/json' },
      label: 'deep json',
    },
    {
      payload: JSON.stringify({ x: 'y'.repeat(1_200_000) }),
      headers: { 'content-type': 'application/json' },
      label: 'oversized',
    },
    { payload: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' }, label: 'form' },
    {
      payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="../../etc/passwd"\r\n\r\nciao\r\n--x--',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      label: 'multipart traversal',
    },
    { payload: 'id;nome\n1;<script>\n', headers: { 'content-type': 'text/plain' }, label: 'text' },
    { payload: '{"a":1}', headers: { 'content-type': 'application/json; charset=utf-16' }, label: 'charset' },
    { payload: 'null', headers: { 'content-type': 'application/json' }, label: 'null' },
    { payload: '[]', headers: { 'content-type': 'application/json' }, label: 'array' },
  );
  return fc
    .tuple(urlArb, fc.oneof({ weight: 5, arbitrary: json }, { weight: 2, arbitrary: raw }))
    .map(([url, b]) => ({ url, ...b }));
}

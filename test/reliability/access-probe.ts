// Requests that pass validation, built from a route's OpenAPI schema and real rows of the demo
// data, so that what answers is the route's access rule and not its input check.
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/client.js';
import { syntheticFiscalCode } from '../builders.js';
import type { ApiRoute, JsonSchema } from './helpers.js';

const TABLE_OF_SEGMENT: Record<string, string> = {
  corrections: 'correction_requests',
  'request-documents': 'document_requests',
  bookings: 'appointment_bookings',
  contacts: 'frontdesk_contacts',
  plans: 'support_plans',
  'temporary-units': 'temporary_units',
  'assignment-runs': 'assignment_runs',
  'ranking-runs': 'ranking_runs',
  'payment-batches': 'payment_batches',
  'measure-applications': 'measure_applications',
};

const TABLE_OF_FIELD: Record<string, string> = {
  householdId: 'households',
  unitId: 'units',
  partnerId: 'partners',
  comuneId: 'comuni',
  measureId: 'measures',
  fundId: 'funds',
  landlordId: 'landlords',
  slotId: 'appointment_slots',
  socialWorkerId: 'users',
  runId: 'assignment_runs',
  vulnerabilityId: 'vulnerabilities',
  conflictId: 'placement_conflicts',
  actionId: 'plan_actions',
};

export class RealIds {
  private readonly cache = new Map<string, string | null>();
  constructor(private readonly db: Db) {}

  async of(table: string): Promise<string | null> {
    if (this.cache.has(table)) return this.cache.get(table) ?? null;
    let id: string | null = null;
    try {
      const r = await sql<{ id: string }>`select id from ${sql.table(table)} order by id limit 1`.execute(
        this.db.kysely,
      );
      id = r.rows[0]?.id ?? null;
    } catch {
      id = null;
    }
    this.cache.set(table, id);
    return id;
  }

  async forParam(path: string, name: string): Promise<string> {
    const zero = '00000000-0000-7000-8000-000000000000';
    if (name === 'fiscalCode')
      return syntheticFiscalCode({ surname3: 'RSS', name3: 'MRA', birthDate: '1980-01-01', sex: 'M' });
    if (name === 'code' || name === 'version') {
      const s = await sql<{ code: string; version: string }>`select code, version from scoring_schemes limit 1`.execute(
        this.db.kysely,
      );
      return (name === 'code' ? s.rows[0]?.code : s.rows[0]?.version) ?? 'x';
    }
    if (TABLE_OF_FIELD[name]) return (await this.of(TABLE_OF_FIELD[name] as string)) ?? zero;
    const segments = path.split('/').filter(Boolean);
    const at = segments.indexOf(`{${name}}`);
    const segment = segments[at - 1] ?? '';
    const table = TABLE_OF_SEGMENT[segment] ?? segment.replace(/-/g, '_');
    return (await this.of(table)) ?? zero;
  }
}

/** A value that satisfies the schema, with real ids where a field names an entity. */
export async function validValue(
  schema: JsonSchema | undefined,
  ids: RealIds,
  field = '',
  depth = 0,
): Promise<unknown> {
  if (!schema || depth > 6) return 'Testo di prova';
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt && alt.length > 0) {
    const nonNull = alt.find((a) => a.type !== 'null' && !(a.enum && a.enum.length === 1 && a.enum[0] === null));
    return validValue(nonNull ?? alt[0], ids, field, depth + 1);
  }
  if (schema.allOf && schema.allOf.length > 0) return validValue(schema.allOf[0], ids, field, depth + 1);
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type)
    ? schema.type.find((t) => t !== 'null')
    : (schema.type ?? (schema.properties ? 'object' : 'string'));
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) {
        if (!(schema.required ?? []).includes(k) && !['version'].includes(k)) continue;
        out[k] = await validValue(v, ids, k, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(
        schema.minItems ?? 0,
        field === 'members' || field === 'unitIds' || field === 'documents' ? 1 : 0,
      );
      const items: unknown[] = [];
      for (let i = 0; i < n; i++) items.push(await validValue(schema.items, ids, field.replace(/s$/, 'Id'), depth + 1));
      return items;
    }
    case 'integer':
    case 'number': {
      if (field === 'version') return 1;
      const min = schema.minimum ?? 0;
      const v = Math.max(min, field.endsWith('Cents') ? 10_000 : 1);
      return schema.maximum !== undefined ? Math.min(v, schema.maximum) : v;
    }
    case 'boolean':
      return false;
    default: {
      if (TABLE_OF_FIELD[field]) return (await ids.of(TABLE_OF_FIELD[field] as string)) ?? 'x';
      if (/fiscalCode$/i.test(field))
        return syntheticFiscalCode({ surname3: 'RSS', name3: 'MRA', birthDate: '1980-01-01', sex: 'M' });
      if (/iban$/i.test(field)) return 'IT60X0542811101000000123456';
      if (/(On|From|To)$/.test(field) || schema.format === 'date') return '2026-11-26';
      if (/At$/.test(field) || schema.format === 'date-time') return '2026-11-26T10:00:00.000Z';
      if (/Month$/.test(field)) return '2026-11';
      if (/email$/i.test(field)) return 'prova@example.org';
      const base = 'Testo di prova per il controllo degli accessi';
      const min = schema.minLength ?? 0;
      const text = base.length >= min ? base : base.padEnd(min, 'x');
      return schema.maxLength !== undefined ? text.slice(0, Math.max(schema.maxLength, min)) : text;
    }
  }
}

export async function probeRequest(route: ApiRoute, ids: RealIds) {
  let url = route.path;
  for (const m of route.path.matchAll(/\{([^}]+)\}/g)) {
    url = url.replace(m[0], encodeURIComponent(await ids.forParam(route.path, m[1] as string)));
  }
  const bodySchema = Object.values(route.operation.requestBody?.content ?? {})[0]?.schema;
  const payload =
    route.method === 'GET' || route.method === 'DELETE'
      ? undefined
      : bodySchema
        ? await validValue(bodySchema, ids)
        : {};
  const query: string[] = [];
  for (const p of route.operation.parameters ?? []) {
    if (p.in !== 'query' || !p.required) continue;
    query.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(String(await validValue(p.schema, ids, p.name)))}`);
  }
  return { url: query.length > 0 ? `${url}?${query.join('&')}` : url, payload };
}

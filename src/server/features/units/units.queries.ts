import { sql, type Insertable, type Updateable } from 'kysely';
import { escapeLike } from '../../../core/kernel/text.js';
import type { UnitListQuery } from '../../../shared/units.js';
import type { DbExecutor } from '../../db/client.js';
import type { FileImportsTable, UnitsTable, UnitStateChangesTable } from '../../db/schema.js';

/** Rows per statement when writing many units: well below the bind-parameter limits of both databases. */
const CHUNK = 500;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function unitsWithNames(db: DbExecutor) {
  return db
    .selectFrom('units')
    .innerJoin('owners', 'owners.id', 'units.owner_id')
    .innerJoin('comuni', 'comuni.id', 'units.comune_id');
}

const SUMMARY_COLUMNS = [
  'units.id',
  'units.code',
  'units.owner_id',
  'owners.name as owner_name',
  'units.comune_id',
  'comuni.name as comune_name',
  'units.programme',
  'units.address_street',
  'units.address_number',
  'units.floor_area_dm2',
  'units.rooms',
  'units.floor',
  'units.has_lift',
  'units.accessible',
  'units.state',
  'units.works_cost_cents',
  'units.reserve_category',
] as const;

export async function listUnits(db: DbExecutor, params: UnitListQuery) {
  let q = unitsWithNames(db);
  if (params.ownerId) q = q.where('units.owner_id', '=', params.ownerId);
  if (params.comuneId) q = q.where('units.comune_id', '=', params.comuneId);
  if (params.state) q = q.where('units.state', '=', params.state);
  if (params.programme) q = q.where('units.programme', '=', params.programme);
  if (params.accessible !== undefined) q = q.where('units.accessible', '=', params.accessible ? 1 : 0);
  if (params.minAreaM2 !== undefined) q = q.where('units.floor_area_dm2', '>=', Math.round(params.minAreaM2 * 100));
  if (params.maxAreaM2 !== undefined) q = q.where('units.floor_area_dm2', '<=', Math.round(params.maxAreaM2 * 100));
  const words = (params.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  for (const w of words) {
    const pattern = `%${escapeLike(w)}%`;
    // lower() on both sides: LIKE is case-sensitive on PostgreSQL.
    q = q.where(
      sql<boolean>`(lower(units.code) like ${pattern} escape '\\' or lower(units.address_street) like ${pattern} escape '\\' or lower(coalesce(units.address_number, '')) like ${pattern} escape '\\')`,
    );
  }
  const [rows, count] = await Promise.all([
    q
      .select(SUMMARY_COLUMNS)
      .orderBy('comuni.name')
      .orderBy('units.code')
      .limit(params.limit)
      .offset(params.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type UnitSummaryRow = Awaited<ReturnType<typeof listUnits>>['rows'][number];

export async function findUnit(db: DbExecutor, id: string) {
  return unitsWithNames(db)
    .select([...SUMMARY_COLUMNS, 'units.created_at', 'units.updated_at'])
    .where('units.id', '=', id)
    .executeTakeFirst();
}

export async function listUnitHistory(db: DbExecutor, unitId: string) {
  return db
    .selectFrom('unit_state_changes')
    .leftJoin('users', 'users.id', 'unit_state_changes.changed_by')
    .selectAll('unit_state_changes')
    .select('users.display_name as changed_by_name')
    .where('unit_state_changes.unit_id', '=', unitId)
    .orderBy('unit_state_changes.changed_at', 'desc')
    .orderBy('unit_state_changes.id', 'desc')
    .execute();
}

export async function listUnitCalls(db: DbExecutor, unitId: string) {
  return db
    .selectFrom('call_units')
    .innerJoin('calls', 'calls.id', 'call_units.call_id')
    .select(['calls.id', 'calls.code', 'calls.name'])
    .where('call_units.unit_id', '=', unitId)
    .orderBy('calls.opens_on', 'desc')
    .execute();
}

export async function listOwners(db: DbExecutor) {
  const rows = await db.selectFrom('owners').select(['id', 'name', 'kind', 'comune_id']).orderBy('name').execute();
  return rows.map((o) => ({ id: o.id, name: o.name, kind: o.kind, comuneId: o.comune_id }));
}

export async function listComuni(db: DbExecutor) {
  return db.selectFrom('comuni').select(['id', 'name']).orderBy('name').execute();
}

/** The units of the stock with these codes, and whether an open assignment holds each one. */
export async function findUnitsByCodes(db: DbExecutor, codes: readonly string[]) {
  const out = [];
  for (const part of chunks(codes, 1000)) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom('units')
      .leftJoin('unit_claims', 'unit_claims.unit_id', 'units.id')
      .selectAll('units')
      .select('unit_claims.assignment_id as claimed_by')
      .where('units.code', 'in', part)
      .execute();
    out.push(...rows);
  }
  return out;
}

export type StockUnitRow = Awaited<ReturnType<typeof findUnitsByCodes>>[number];

export async function isUnitClaimed(db: DbExecutor, unitId: string): Promise<boolean> {
  const row = await db.selectFrom('unit_claims').select('unit_id').where('unit_id', '=', unitId).executeTakeFirst();
  return row !== undefined;
}

export async function insertUnits(db: DbExecutor, rows: readonly Insertable<UnitsTable>[]): Promise<void> {
  for (const part of chunks(rows)) {
    if (part.length > 0) await db.insertInto('units').values(part).execute();
  }
}

export async function updateUnit(db: DbExecutor, id: string, changes: Updateable<UnitsTable>): Promise<void> {
  await db.updateTable('units').set(changes).where('id', '=', id).execute();
}

export async function insertStateChanges(
  db: DbExecutor,
  rows: readonly Insertable<UnitStateChangesTable>[],
): Promise<void> {
  for (const part of chunks(rows)) {
    if (part.length > 0) await db.insertInto('unit_state_changes').values(part).execute();
  }
}

export async function findFileImport(db: DbExecutor, kind: string, callKey: string, sha256: string) {
  return db
    .selectFrom('file_imports')
    .selectAll()
    .where('kind', '=', kind)
    .where('call_key', '=', callKey)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertFileImport(db: DbExecutor, row: Insertable<FileImportsTable>): Promise<void> {
  await db.insertInto('file_imports').values(row).execute();
}

/** A call by its id or by its code (what an office types on the command line). */
export async function findCall(db: DbExecutor, idOrCode: string) {
  return db
    .selectFrom('calls')
    .select(['id', 'code', 'name'])
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .orderBy('id')
    .executeTakeFirst();
}

export async function listCallUnitIds(db: DbExecutor, callId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('call_units').select('unit_id').where('call_id', '=', callId).execute();
  return new Set(rows.map((r) => r.unit_id));
}

export async function insertCallUnits(
  db: DbExecutor,
  rows: readonly {
    call_id: string;
    unit_id: string;
    reserve_category: string | null;
    added_at: string;
    import_id: string | null;
  }[],
): Promise<void> {
  for (const part of chunks(rows)) {
    if (part.length > 0) await db.insertInto('call_units').values(part).execute();
  }
}

import { sql } from 'kysely';
import { escapeLike } from '../../../core/kernel/text.js';
import type { DbExecutor } from '../../db/client.js';
import type { CallsTable } from '../../db/schema.js';

export async function findFirstAmbitoId(db: DbExecutor): Promise<string | undefined> {
  const row = await db.selectFrom('ambiti').select('id').orderBy('created_at').orderBy('id').executeTakeFirst();
  return row?.id;
}

export async function schemeExists(db: DbExecutor, code: string, version: string): Promise<boolean> {
  const row = await db
    .selectFrom('scoring_schemes')
    .select('id')
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listOwners(db: DbExecutor) {
  return db.selectFrom('owners').select(['id', 'name', 'kind']).orderBy('name').execute();
}

export async function insertCall(
  db: DbExecutor,
  row: CallsTable,
  quotas: readonly { ownerId: string; reservePercent: number; policePercent: number }[],
): Promise<void> {
  await db.insertInto('calls').values(row).execute();
  if (quotas.length > 0) {
    await db
      .insertInto('call_owner_quotas')
      .values(
        quotas.map((q) => ({
          call_id: row.id,
          owner_id: q.ownerId,
          reserve_percent: q.reservePercent,
          police_percent: q.policePercent,
        })),
      )
      .execute();
  }
}

export async function listCalls(db: DbExecutor) {
  return db
    .selectFrom('calls')
    .selectAll('calls')
    .select((eb) => [
      eb
        .selectFrom('call_units')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('call_units.call_id', '=', 'calls.id')
        .as('units_count'),
      eb
        .selectFrom('applications')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('applications.call_id', '=', 'calls.id')
        .as('applications_count'),
    ])
    .orderBy('calls.opens_on', 'desc')
    .orderBy('calls.code', 'desc')
    .execute();
}

export async function findCall(db: DbExecutor, id: string) {
  return db
    .selectFrom('calls')
    .leftJoin('users', 'users.id', 'calls.created_by')
    .selectAll('calls')
    .select('users.display_name as created_by_name')
    .select((eb) => [
      eb
        .selectFrom('applications')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('applications.call_id', '=', 'calls.id')
        .as('applications_count'),
    ])
    .where('calls.id', '=', id)
    .executeTakeFirst();
}

/** A call by its id or its code (AVV-2026-001), for the command line. */
export async function findCallByIdOrCode(db: DbExecutor, key: string) {
  return db
    .selectFrom('calls')
    .select(['id', 'code'])
    .where((eb) => eb.or([eb('id', '=', key), eb('code', '=', key.toUpperCase())]))
    .executeTakeFirst();
}

export async function listCallQuotas(db: DbExecutor, callId: string) {
  return db
    .selectFrom('call_owner_quotas')
    .innerJoin('owners', 'owners.id', 'call_owner_quotas.owner_id')
    .select([
      'call_owner_quotas.owner_id',
      'owners.name as owner_name',
      'call_owner_quotas.reserve_percent',
      'call_owner_quotas.police_percent',
    ])
    .where('call_owner_quotas.call_id', '=', callId)
    .orderBy('owners.name')
    .execute();
}

function unitColumns() {
  return [
    'units.id',
    'units.code',
    'units.owner_id',
    'owners.name as owner_name',
    'owners.kind as owner_kind',
    'units.comune_id',
    'comuni.name as comune_name',
    'units.address_street',
    'units.address_number',
    'units.floor_area_dm2',
    'units.rooms',
    'units.floor',
    'units.has_lift',
    'units.accessible',
    'units.state',
    'units.programme',
  ] as const;
}

/** The units a call offers, with how many of its applications chose each. */
export async function listCallUnits(db: DbExecutor, callId: string) {
  return db
    .selectFrom('call_units')
    .innerJoin('units', 'units.id', 'call_units.unit_id')
    .innerJoin('owners', 'owners.id', 'units.owner_id')
    .innerJoin('comuni', 'comuni.id', 'units.comune_id')
    .select(unitColumns())
    .select('call_units.reserve_category')
    .select((eb) =>
      eb
        .selectFrom('applications')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .where('applications.call_id', '=', callId)
        .where((e2) =>
          e2.or([
            e2('applications.choice_1_unit_id', '=', e2.ref('units.id')),
            e2('applications.choice_2_unit_id', '=', e2.ref('units.id')),
          ]),
        )
        .as('chosen_by'),
    )
    .where('call_units.call_id', '=', callId)
    .orderBy('comuni.name')
    .orderBy('owners.name')
    .orderBy('units.code')
    .execute();
}

export interface CandidateFilter {
  readonly ambitoId: string;
  readonly programme: string;
  readonly states: readonly string[];
  readonly comuneId?: string | undefined;
  readonly ownerId?: string | undefined;
  readonly q?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Units of the Ambito that the call could offer and does not offer yet. */
export async function listCandidateUnits(db: DbExecutor, callId: string, f: CandidateFilter) {
  let q = db
    .selectFrom('units')
    .innerJoin('owners', 'owners.id', 'units.owner_id')
    .innerJoin('comuni', 'comuni.id', 'units.comune_id')
    .where('comuni.ambito_id', '=', f.ambitoId)
    .where('units.programme', '=', f.programme as 'sap')
    .where('units.state', 'in', [...f.states])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('call_units')
            .select('call_units.unit_id')
            .whereRef('call_units.unit_id', '=', 'units.id')
            .where('call_units.call_id', '=', callId),
        ),
      ),
    );
  if (f.comuneId) q = q.where('units.comune_id', '=', f.comuneId);
  if (f.ownerId) q = q.where('units.owner_id', '=', f.ownerId);
  if (f.q) {
    const term = `%${escapeLike(f.q.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(units.code) like ${term} escape '\\'`,
        sql<boolean>`lower(units.address_street) like ${term} escape '\\'`,
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .select(unitColumns())
      .select('units.reserve_category')
      .orderBy('comuni.name')
      .orderBy('units.code')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The units asked for, with the Ambito of their Comune. */
export async function findUnitsByIds(db: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('units')
    .innerJoin('comuni', 'comuni.id', 'units.comune_id')
    .select(['units.id', 'units.code', 'units.state', 'units.programme', 'units.reserve_category', 'comuni.ambito_id'])
    .where('units.id', 'in', [...ids])
    .execute();
}

export async function listCallUnitIds(db: DbExecutor, callId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('call_units').select('unit_id').where('call_id', '=', callId).execute();
  return new Set(rows.map((r) => r.unit_id));
}

export async function insertCallUnits(
  db: DbExecutor,
  rows: readonly { callId: string; unitId: string; reserveCategory: string | null; at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('call_units')
    .values(
      rows.map((r) => ({
        call_id: r.callId,
        unit_id: r.unitId,
        reserve_category: r.reserveCategory,
        added_at: r.at,
        import_id: null,
      })),
    )
    .execute();
}

export async function countApplicationsChoosing(db: DbExecutor, callId: string, unitId: string): Promise<number> {
  const row = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('call_id', '=', callId)
    .where((eb) => eb.or([eb('choice_1_unit_id', '=', unitId), eb('choice_2_unit_id', '=', unitId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteCallUnit(db: DbExecutor, callId: string, unitId: string): Promise<number> {
  const result = await db
    .deleteFrom('call_units')
    .where('call_id', '=', callId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

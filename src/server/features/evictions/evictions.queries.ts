import type { PlainDate } from '../../../core/kernel/plain-date.js';
import { sql } from 'kysely';
import { escapeLike, normalizeForSearch } from '../../../core/kernel/text.js';
import type { DbExecutor } from '../../db/client.js';
import type { EvictionYearlyTotalsTable } from '../../db/schema-emergency.js';

export function evictionRows(db: DbExecutor) {
  return db
    .selectFrom('evictions')
    .innerJoin('households', 'households.id', 'evictions.household_id')
    .innerJoin('comuni', 'comuni.id', 'evictions.comune_id')
    .leftJoin('users as sw', 'sw.id', 'evictions.social_worker_id')
    .selectAll('evictions')
    .select([
      'households.code as household_code',
      'comuni.name as comune_name',
      'sw.display_name as social_worker_name',
    ]);
}
export type EvictionRow = Awaited<ReturnType<ReturnType<typeof evictionRows>['executeTakeFirstOrThrow']>>;

export async function findEviction(db: DbExecutor, id: string): Promise<EvictionRow | undefined> {
  return evictionRows(db).where('evictions.id', '=', id).executeTakeFirst();
}

export async function listEvictionRows(
  db: DbExecutor,
  f: {
    statuses?: readonly string[] | undefined;
    motive?: string | undefined;
    householdId?: string | undefined;
    q?: string | undefined;
    comuneIds: readonly string[] | 'all';
  },
): Promise<EvictionRow[]> {
  let q = evictionRows(db);
  if (f.statuses) q = q.where('evictions.status', 'in', [...f.statuses]);
  if (f.motive) q = q.where('evictions.motive', '=', f.motive as EvictionRow['motive']);
  if (f.householdId) q = q.where('evictions.household_id', '=', f.householdId);
  if (f.comuneIds !== 'all') {
    if (f.comuneIds.length === 0) return [];
    q = q.where('evictions.comune_id', 'in', [...f.comuneIds]);
  }
  const term = f.q ? normalizeForSearch(f.q) : '';
  if (term) {
    const pattern = `%${escapeLike(term)}%`;
    q = q.where(
      sql<boolean>`(lower(evictions.code) like ${pattern} escape '\\' or households.search_text like ${pattern} escape '\\' or lower(coalesce(evictions.case_number, '')) like ${pattern} escape '\\')`,
    );
  }
  return q.orderBy('evictions.planned_release_on').orderBy('evictions.reported_on', 'desc').limit(500).execute();
}

export async function listEvictionEvents(db: DbExecutor, evictionId: string) {
  return db
    .selectFrom('eviction_events')
    .leftJoin('users', 'users.id', 'eviction_events.created_by')
    .selectAll('eviction_events')
    .select('users.display_name as created_by_name')
    .where('eviction_id', '=', evictionId)
    .orderBy('seq')
    .execute();
}

/** Events of many procedures at once (alerts, statistics), grouped by procedure in their order. */
export async function eventsByEviction(db: DbExecutor, ids?: readonly string[]) {
  let q = db.selectFrom('eviction_events').selectAll();
  if (ids) {
    if (ids.length === 0) return new Map<string, never[]>();
    q = q.where('eviction_id', 'in', [...ids]);
  }
  const rows = await q.orderBy('eviction_id').orderBy('seq').execute();
  const out = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = out.get(r.eviction_id) ?? [];
    list.push(r);
    out.set(r.eviction_id, list);
  }
  return out;
}

/** Every procedure's reason and id, for statistics (no personal data). */
export async function listEvictionMotives(db: DbExecutor) {
  return db.selectFrom('evictions').select(['id', 'motive']).execute();
}

export async function listHistory(db: DbExecutor, scope?: string) {
  let q = db.selectFrom('eviction_yearly_totals').selectAll();
  if (scope) q = q.where('scope', '=', scope);
  return q.orderBy('year').execute();
}

export async function replaceHistory(db: DbExecutor, rows: readonly EvictionYearlyTotalsTable[]): Promise<void> {
  for (const r of rows) {
    await db.deleteFrom('eviction_yearly_totals').where('scope', '=', r.scope).where('year', '=', r.year).execute();
  }
  if (rows.length > 0)
    await db
      .insertInto('eviction_yearly_totals')
      .values([...rows])
      .execute();
}

/** The ISEE in force on a day and the members' citizenship, for the arrears-fund check. */
export async function arrearsFundInputs(db: DbExecutor, householdId: string, on: PlainDate) {
  const [isee, members] = await Promise.all([
    db
      .selectFrom('isee_records')
      .select(['value_cents', 'kind'])
      .where('household_id', '=', householdId)
      .where('dsu_submitted_on', '<=', on)
      .where('valid_until', '>=', on)
      .orderBy('dsu_submitted_on', 'desc')
      .executeTakeFirst(),
    db
      .selectFrom('members')
      .select(['citizenship', 'permit_kind', 'permit_expires_on'])
      .where('household_id', '=', householdId)
      .execute(),
  ]);
  return { iseeCents: isee ? Number(isee.value_cents) : null, members };
}

/**
 * Whether each household applied to the arrears fund: a row of the measures area's
 * `measure_applications` (issue 4) for the measure with code 'morosita_incolpevole', in any status.
 */
export async function appliedToArrearsFund(
  db: DbExecutor,
  householdIds: readonly string[],
): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>(householdIds.map((id) => [id, false]));
  if (householdIds.length === 0) return out;
  const rows = await db
    .selectFrom('measure_applications')
    .innerJoin('measures', 'measures.id', 'measure_applications.measure_id')
    .select('measure_applications.household_id')
    .where('measures.code', '=', 'morosita_incolpevole')
    .where('measure_applications.household_id', 'in', [...new Set(householdIds)])
    .execute();
  for (const r of rows) out.set(r.household_id, true);
  return out;
}

export async function socialWorkerExists(db: DbExecutor, userId: string): Promise<boolean> {
  const u = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('active', '=', 1)
    .where('role', 'in', ['social_worker', 'manager'])
    .executeTakeFirst();
  return u !== undefined;
}

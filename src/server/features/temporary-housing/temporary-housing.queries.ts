import { sql } from 'kysely';
import type { DbExecutor } from '../../db/client.js';
import type { PlacementScope } from './temporary-housing.access.js';

export function unitRows(db: DbExecutor) {
  return db
    .selectFrom('temporary_units')
    .innerJoin('partners', 'partners.id', 'temporary_units.partner_id')
    .selectAll('temporary_units')
    .select('partners.name as partner_name');
}
export type UnitRow = Awaited<ReturnType<ReturnType<typeof unitRows>['executeTakeFirstOrThrow']>>;

export async function listUnitRows(db: DbExecutor, partnerId?: string): Promise<UnitRow[]> {
  let q = unitRows(db).where('temporary_units.active', '=', 1);
  if (partnerId !== undefined) q = q.where('temporary_units.partner_id', '=', partnerId);
  return q.orderBy('temporary_units.code').execute();
}

export async function findUnitRow(db: DbExecutor, id: string): Promise<UnitRow | undefined> {
  return unitRows(db).where('temporary_units.id', '=', id).executeTakeFirst();
}

/**
 * Takes the unit's row lock (an update that changes nothing) so that two placements in the same
 * unit cannot both pass the capacity check, on PostgreSQL as on SQLite.
 */
export async function lockUnit(db: DbExecutor, id: string): Promise<void> {
  await db
    .updateTable('temporary_units')
    .set({ active: sql<number>`active` })
    .where('id', '=', id)
    .execute();
}

export function placementRows(db: DbExecutor) {
  return db
    .selectFrom('placements')
    .innerJoin('temporary_units', 'temporary_units.id', 'placements.unit_id')
    .innerJoin('partners', 'partners.id', 'temporary_units.partner_id')
    .innerJoin('households', 'households.id', 'placements.household_id')
    .selectAll('placements')
    .select([
      'temporary_units.code as unit_code',
      'temporary_units.partner_id as unit_partner_id',
      'temporary_units.target_group as unit_target_group',
      'partners.name as partner_name',
      'households.code as household_code',
      'households.comune_id as household_comune_id',
      (eb) =>
        eb
          .selectFrom('placement_renewals')
          .select((e2) => e2.fn.countAll<number>().as('n'))
          .whereRef('placement_renewals.placement_id', '=', 'placements.id')
          .as('renewals'),
    ]);
}
export type PlacementRow = Awaited<ReturnType<ReturnType<typeof placementRows>['executeTakeFirstOrThrow']>>;

export async function findPlacementRow(db: DbExecutor, id: string): Promise<PlacementRow | undefined> {
  return placementRows(db).where('placements.id', '=', id).executeTakeFirst();
}

export async function listPlacementRows(
  db: DbExecutor,
  scope: PlacementScope,
  f: { unitId?: string | undefined; householdId?: string | undefined; openOnly?: boolean },
): Promise<PlacementRow[]> {
  if (scope.kind === 'none') return [];
  let q = placementRows(db);
  if (scope.kind === 'partner') q = q.where('temporary_units.partner_id', '=', scope.partnerId);
  if (scope.kind === 'comuni' && scope.comuneIds !== 'all') {
    if (scope.comuneIds.length === 0) return [];
    q = q.where('households.comune_id', 'in', [...scope.comuneIds]);
  }
  if (f.unitId) q = q.where('placements.unit_id', '=', f.unitId);
  if (f.householdId) q = q.where('placements.household_id', '=', f.householdId);
  if (f.openOnly) q = q.where('placements.exited_on', 'is', null);
  return q.orderBy('placements.starts_on', 'desc').limit(1000).execute();
}

/** Stays that hold or will hold places in a unit (not ended before `from`). */
export async function occupyingStays(db: DbExecutor, unitId: string) {
  return db
    .selectFrom('placements')
    .select(['id', 'places_used', 'starts_on', 'planned_end_on', 'exited_on'])
    .where('unit_id', '=', unitId)
    .execute();
}

export async function placementChildren(db: DbExecutor, id: string) {
  const [renewals, payments, reports, conflicts] = await Promise.all([
    db.selectFrom('placement_renewals').selectAll().where('placement_id', '=', id).orderBy('decided_on').execute(),
    db
      .selectFrom('placement_payments')
      .selectAll()
      .where('placement_id', '=', id)
      .orderBy('period_month')
      .orderBy('paid_on')
      .execute(),
    db
      .selectFrom('placement_reports')
      .innerJoin('users', 'users.id', 'placement_reports.author_id')
      .selectAll('placement_reports')
      .select('users.display_name as author_name')
      .where('placement_id', '=', id)
      .orderBy('reported_on', 'desc')
      .execute(),
    db
      .selectFrom('placement_conflicts')
      .selectAll()
      .where('placement_id', '=', id)
      .orderBy('occurred_on', 'desc')
      .execute(),
  ]);
  return { renewals, payments, reports, conflicts };
}

/** For alerts over many stays: the latest report day and the payments per month. */
export async function followUpFacts(db: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0)
    return { lastReport: new Map<string, string>(), paid: new Map<string, Record<string, number>>() };
  const [reports, payments] = await Promise.all([
    db
      .selectFrom('placement_reports')
      .select(['placement_id', (eb) => eb.fn.max('reported_on').as('last')])
      .where('placement_id', 'in', [...ids])
      .groupBy('placement_id')
      .execute(),
    db
      .selectFrom('placement_payments')
      .select(['placement_id', 'period_month', 'amount_cents'])
      .where('placement_id', 'in', [...ids])
      .execute(),
  ]);
  const paid = new Map<string, Record<string, number>>();
  for (const p of payments) {
    const m = paid.get(p.placement_id) ?? {};
    m[p.period_month] = (m[p.period_month] ?? 0) + Number(p.amount_cents);
    paid.set(p.placement_id, m);
  }
  return { lastReport: new Map(reports.map((r) => [r.placement_id, String(r.last)])), paid };
}

/**
 * Households the agency follows: an eviction procedure not closed without release (open, or
 * executed: the household lost its home), or an open accompaniment plan.
 */
export async function followedHouseholds(db: DbExecutor, comuneIds: readonly string[] | 'all', on: string) {
  let ev = db.selectFrom('evictions').select(['household_id', 'status']).where('status', '!=', 'closed');
  let plans = db
    .selectFrom('support_plans')
    .select('household_id')
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', on)]));
  if (comuneIds !== 'all') {
    if (comuneIds.length === 0) return { evictions: [], plans: [] };
    const ids = [...comuneIds];
    ev = ev.where('comune_id', 'in', ids);
    plans = plans.where('household_id', 'in', db.selectFrom('households').select('id').where('comune_id', 'in', ids));
  }
  const [evictions, withPlans] = await Promise.all([ev.execute(), plans.execute()]);
  return { evictions, plans: withPlans };
}

/** Households currently in a stay (not exited), so the selection leaves them out. */
export async function householdsInStay(db: DbExecutor): Promise<Set<string>> {
  const rows = await db.selectFrom('placements').select('household_id').where('exited_on', 'is', null).execute();
  return new Set(rows.map((r) => r.household_id));
}

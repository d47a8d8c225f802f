import type { DbExecutor } from '../../db/client.js';

/** Provisional rankings published on or after `since`, with each application's positions. */
export async function listProvisionalPublications(db: DbExecutor, since: string) {
  return db
    .selectFrom('ranking_run_events as e')
    .innerJoin('ranking_runs as r', 'r.id', 'e.run_id')
    .innerJoin('calls as c', 'c.id', 'r.call_id')
    .select(['e.run_id', 'e.on_date', 'c.name as call_name', 'c.id as call_id'])
    .where('e.kind', '=', 'provisional_published')
    .where('e.on_date', '>=', since)
    .orderBy('e.on_date')
    .execute();
}

export async function listRunPositions(db: DbExecutor, runId: string) {
  const rows = await db
    .selectFrom('ranking_entries as re')
    .innerJoin('applications as a', 'a.id', 're.application_id')
    .innerJoin('owners as o', 'o.id', 're.owner_id')
    .innerJoin('comuni as c', 'c.id', 're.comune_id')
    .select([
      're.application_id',
      're.position',
      're.owner_id',
      're.comune_id',
      'a.household_id',
      'a.protocol',
      'o.name as owner_name',
      'c.name as comune_name',
    ])
    .where('re.run_id', '=', runId)
    .execute();
  const totals = await db
    .selectFrom('ranking_entries')
    .select(['owner_id', 'comune_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .groupBy(['owner_id', 'comune_id'])
    .execute();
  const total = new Map(totals.map((t) => [`${t.owner_id}|${t.comune_id}`, Number(t.n)]));
  return rows.map((r) => ({ ...r, total: total.get(`${r.owner_id}|${r.comune_id}`) ?? 0 }));
}

/** The latest ISEE of each household, when it ends between the two days. */
export async function listIseeExpiring(db: DbExecutor, from: string, to: string) {
  const rows = await db
    .selectFrom('isee_records as i')
    .select(['i.household_id', 'i.valid_until', 'i.protocol'])
    .where('i.valid_until', '>=', from)
    .where('i.valid_until', '<=', to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('isee_records as later')
            .select('later.id')
            .whereRef('later.household_id', '=', 'i.household_id')
            .whereRef('later.valid_until', '>', 'i.valid_until'),
        ),
      ),
    )
    .execute();
  return rows.map((r) => ({ ...r, valid_until: String(r.valid_until) }));
}

/** Stays in temporary housing that end between the two days and have not ended yet. */
export async function listStaysEnding(db: DbExecutor, from: string, to: string) {
  const rows = await db
    .selectFrom('placements as p')
    .innerJoin('temporary_units as t', 't.id', 'p.unit_id')
    .select(['p.id', 'p.household_id', 'p.planned_end_on', 't.address', 'p.educator_name'])
    .where('p.exited_on', 'is', null)
    .where('p.planned_end_on', '>=', from)
    .where('p.planned_end_on', '<=', to)
    .execute();
  return rows.map((r) => ({ ...r, planned_end_on: String(r.planned_end_on) }));
}

/** Desk appointments (front desk slots) booked between the two instants and not cancelled. */
export async function listAppointmentsBetween(db: DbExecutor, from: string, to: string) {
  return db
    .selectFrom('appointment_bookings as b')
    .innerJoin('appointment_slots as s', 's.id', 'b.slot_id')
    .select(['b.id', 'b.household_id', 'b.purpose', 's.starts_at', 's.place'])
    .where('b.cancelled_at', 'is', null)
    .where('s.starts_at', '>=', from)
    .where('s.starts_at', '<', to)
    .execute();
}

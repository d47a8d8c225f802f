// The observatory's aggregates: counts only, never a name or a fiscal code. Every query takes the
// same filter (Comune, year) and groups portably on SQLite and PostgreSQL.
import { sql, type RawBuilder } from 'kysely';
import type { DbExecutor, Dialect } from '../../db/client.js';

export interface ObservatoryFilter {
  readonly comuneId?: string | undefined;
  readonly year?: number | undefined;
}

/** The calendar year of an instant or day column, as text ('2026'), in UTC on both dialects. */
function yearOf(dialect: Dialect, column: string): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`to_char(${sql.ref(column)}, 'YYYY')`
    : sql<string>`substr(${sql.ref(column)}, 1, 4)`;
}

function yearBounds(year: number) {
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

const n = (v: unknown) => Number(v ?? 0);

// ---- Supply --------------------------------------------------------------------------------------------

export async function stockByOwnerComuneState(db: DbExecutor, _dialect: Dialect, f: ObservatoryFilter) {
  let q = db
    .selectFrom('units as u')
    .innerJoin('owners as o', 'o.id', 'u.owner_id')
    .innerJoin('comuni as c', 'c.id', 'u.comune_id')
    .select(['o.name as owner', 'c.name as comune', 'u.state', (eb) => eb.fn.countAll<number>().as('units')])
    .groupBy(['o.name', 'c.name', 'u.state']);
  if (f.comuneId) q = q.where('u.comune_id', '=', f.comuneId);
  const rows = await q.execute();
  return rows
    .map((r) => ({ owner: r.owner, comune: r.comune, state: r.state, units: n(r.units) }))
    .sort((a, b) => (a.owner + a.comune + a.state < b.owner + b.comune + b.state ? -1 : 1));
}

/** Application submitted → unit assigned, one pair per assignment (a few dozen a year). */
// ---- Emergency (tables of the emergency area) ---------------------------------------------------------

export async function evictionYearlyTotals(db: DbExecutor, _dialect: Dialect, f: ObservatoryFilter) {
  let q = db.selectFrom('eviction_yearly_totals').selectAll();
  if (f.year) q = q.where('year', '=', f.year);
  const rows = await q.orderBy('scope').orderBy('year').execute();
  return rows.map((r) => ({
    scope: r.scope,
    year: String(r.year),
    issued: n(r.issued),
    executionRequests: r.execution_requests === null ? null : n(r.execution_requests),
    executed: r.executed === null ? null : n(r.executed),
    source: r.source,
  }));
}

/** Places of temporary housing and how many are taken on a day. */
export async function occupancyOn(db: DbExecutor, _dialect: Dialect, f: ObservatoryFilter, on: string) {
  let units = db
    .selectFrom('temporary_units as t')
    .innerJoin('comuni as c', 'c.id', 't.comune_id')
    .select(['c.name as comune', 't.stay_kind', (eb) => eb.fn.sum<number>('t.capacity_places').as('capacity')])
    .where('t.active', '=', 1)
    .groupBy(['c.name', 't.stay_kind']);
  let used = db
    .selectFrom('placements as p')
    .innerJoin('temporary_units as t', 't.id', 'p.unit_id')
    .innerJoin('comuni as c', 'c.id', 't.comune_id')
    .select(['c.name as comune', 't.stay_kind', (eb) => eb.fn.sum<number>('p.places_used').as('used')])
    .where('p.starts_on', '<=', on)
    .where((eb) => eb.or([eb('p.exited_on', 'is', null), eb('p.exited_on', '>', on)]))
    .groupBy(['c.name', 't.stay_kind']);
  if (f.comuneId) {
    units = units.where('t.comune_id', '=', f.comuneId);
    used = used.where('t.comune_id', '=', f.comuneId);
  }
  const [u, p] = await Promise.all([units.execute(), used.execute()]);
  const taken = new Map(p.map((r) => [`${r.comune}|${r.stay_kind}`, n(r.used)]));
  return u.map((r) => ({
    comune: r.comune,
    stayKind: r.stay_kind,
    capacity: n(r.capacity),
    used: taken.get(`${r.comune}|${r.stay_kind}`) ?? 0,
  }));
}

// ---- Measures (tables of the measures area) ------------------------------------------------------------

export async function fundsByYear(db: DbExecutor, _dialect: Dialect, f: ObservatoryFilter) {
  let q = db.selectFrom('funds').select(['year', 'name', 'budget_cents', 'committed_cents', 'paid_cents']);
  if (f.year) q = q.where('year', '=', f.year);
  const rows = await q.orderBy('year').orderBy('name').execute();
  return rows.map((r) => ({
    year: String(r.year),
    fund: r.name,
    budgetCents: n(r.budget_cents),
    committedCents: n(r.committed_cents),
    paidCents: n(r.paid_cents),
  }));
}

export async function beneficiariesByMeasure(db: DbExecutor, dialect: Dialect, f: ObservatoryFilter) {
  let q = db
    .selectFrom('measure_applications as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .innerJoin('households as h', 'h.id', 'a.household_id')
    .select([
      yearOf(dialect, 'a.applied_on').as('year'),
      'm.name as measure',
      (eb) => eb.fn.count<number>('a.household_id').distinct().as('households'),
      (eb) => eb.fn.sum<number>('a.committed_cents').as('committed'),
      (eb) => eb.fn.sum<number>('a.paid_cents').as('paid'),
    ])
    .where((eb) => eb.or([eb('a.committed_cents', '>', 0), eb('a.paid_cents', '>', 0)]))
    .groupBy([yearOf(dialect, 'a.applied_on'), 'm.name']);
  if (f.comuneId) q = q.where('h.comune_id', '=', f.comuneId);
  if (f.year) {
    const b = yearBounds(f.year);
    q = q.where('a.applied_on', '>=', b.from).where('a.applied_on', '<', b.to);
  }
  const rows = await q.execute();
  return rows
    .map((r) => ({
      year: r.year,
      measure: r.measure,
      households: n(r.households),
      committedCents: n(r.committed),
      paidCents: n(r.paid),
    }))
    .sort((a, b) => (a.year + a.measure < b.year + b.measure ? -1 : 1));
}

// ---- Filters, plan, microdata export ------------------------------------------------------------------

export async function listComuniOfAmbito(db: DbExecutor) {
  return db.selectFrom('comuni').select(['id', 'name']).orderBy('name').execute();
}

/** Units the plan counts as expected to become available: free now or waiting for works. */
export async function listPlanUnits(db: DbExecutor, f: ObservatoryFilter) {
  let q = db
    .selectFrom('units as u')
    .innerJoin('owners as o', 'o.id', 'u.owner_id')
    .innerJoin('comuni as c', 'c.id', 'u.comune_id')
    .select(['u.id', 'u.state', 'o.name as owner_name', 'o.kind as owner_kind', 'c.name as comune'])
    .where('u.state', 'in', ['available', 'works_needed'])
    .where('u.programme', '=', 'sap');
  if (f.comuneId) q = q.where('u.comune_id', '=', f.comuneId);
  return q.execute();
}

/** Applications without any personal data, a page at a time (keyset on id), for the streamed export. */
export async function applicationsMicrodataPage(
  db: DbExecutor,
  dialect: Dialect,
  f: ObservatoryFilter,
  after: string,
  limit: number,
) {
  let q = db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select([
      'a.id',
      'c.code as call_code',
      'a.residence_comune_name as comune',
      yearOf(dialect, 'a.submitted_at').as('year'),
      'a.members_count',
      'a.isee_cents',
      'a.isbar_milli',
      'a.indigent',
    ])
    .where('a.id', '>', after)
    .orderBy('a.id')
    .limit(limit);
  if (f.comuneId) q = q.where('a.residence_comune_id', '=', f.comuneId);
  if (f.year) {
    const b = yearBounds(f.year);
    q = q.where('a.submitted_at', '>=', b.from).where('a.submitted_at', '<', b.to);
  }
  return q.execute();
}

// ---- Pre-aggregated cells ------------------------------------------------------------------------------

export const CELL_DATASETS = [
  'assignments',
  'waiting-times',
  'applications-by-call',
  'households-followed',
  'needs-by-category',
  'units-available',
  'evictions',
  'placements',
] as const;
export type CellDataset = (typeof CELL_DATASETS)[number];

const REFRESHED_KEY = 'observatory.refreshed_at';

/**
 * Rebuilds the cells from the events, in one transaction per run (readers see the old cells or the
 * new ones, never a mix). Each cell keeps the Comune and the year, so a filtered dashboard selects
 * cells and never adds up distinct counts across them.
 */
export async function refreshObservatoryCells(db: DbExecutor, dialect: Dialect, at: string): Promise<void> {
  const y = (column: string) => yearOf(dialect, column);
  const cols = ['dataset', 'comune_id', 'year', 'key1', 'key2', 'n1', 'n2'] as const;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('observatory_cells').execute();
    await trx
      .insertInto('observatory_cells')
      .columns(cols)
      .expression(
        trx
          .selectFrom('applications as a')
          .innerJoin('calls as c', 'c.id', 'a.call_id')
          .select([
            sql.lit('applications-by-call').as('dataset'),
            sql<string>`coalesce(${sql.ref('a.residence_comune_id')}, '')`.as('comune_id'),
            y('a.submitted_at').as('year'),
            'c.name as key1',
            'a.residence_comune_name as key2',
            (eb) => eb.fn.countAll<number>().as('n1'),
            (eb) => eb.fn.count<number>('a.household_id').distinct().as('n2'),
          ])
          .groupBy(['a.residence_comune_id', y('a.submitted_at'), 'c.name', 'a.residence_comune_name']),
      )
      .execute();
    await trx
      .insertInto('observatory_cells')
      .columns(cols)
      .expression(
        trx
          .selectFrom('households as h')
          .select([
            sql.lit('households-followed').as('dataset'),
            'h.comune_id',
            y('h.created_at').as('year'),
            sql.lit('').as('key1'),
            sql.lit('').as('key2'),
            (eb) => eb.fn.countAll<number>().as('n1'),
            sql.lit(0).as('n2'),
          ])
          .groupBy(['h.comune_id', y('h.created_at')]),
      )
      .execute();
    await trx
      .insertInto('observatory_cells')
      .columns(cols)
      .expression(
        trx
          .selectFrom('vulnerabilities as v')
          .innerJoin('households as h', 'h.id', 'v.household_id')
          .select([
            sql.lit('needs-by-category').as('dataset'),
            'h.comune_id',
            y('v.created_at').as('year'),
            'v.code as key1',
            sql.lit('').as('key2'),
            (eb) => eb.fn.count<number>('v.household_id').distinct().as('n1'),
            sql.lit(0).as('n2'),
          ])
          .groupBy(['h.comune_id', y('v.created_at'), 'v.code']),
      )
      .execute();
    await trx
      .insertInto('observatory_cells')
      .columns(cols)
      .expression(
        trx
          .selectFrom('unit_state_changes as s')
          .innerJoin('units as u', 'u.id', 's.unit_id')
          .select([
            sql.lit('units-available').as('dataset'),
            'u.comune_id',
            y('s.changed_at').as('year'),
            sql.lit('').as('key1'),
            sql.lit('').as('key2'),
            (eb) => eb.fn.countAll<number>().as('n1'),
            sql.lit(0).as('n2'),
          ])
          .where('s.state', '=', 'available')
          .groupBy(['u.comune_id', y('s.changed_at')]),
      )
      .execute();
    await trx
      .insertInto('observatory_cells')
      .columns(cols)
      .expression(
        trx
          .selectFrom('evictions as e')
          .select([
            sql.lit('evictions').as('dataset'),
            'e.comune_id',
            y('e.reported_on').as('year'),
            'e.motive as key1',
            'e.status as key2',
            (eb) => eb.fn.count<number>('e.household_id').distinct().as('n1'),
            sql.lit(0).as('n2'),
          ])
          .groupBy(['e.comune_id', y('e.reported_on'), 'e.motive', 'e.status']),
      )
      .execute();
    await trx
      .insertInto('observatory_cells')
      .columns(cols)
      .expression(
        trx
          .selectFrom('placements as p')
          .innerJoin('temporary_units as t', 't.id', 'p.unit_id')
          .select([
            sql.lit('placements').as('dataset'),
            't.comune_id',
            y('p.starts_on').as('year'),
            'p.stay_kind as key1',
            sql.lit('').as('key2'),
            (eb) => eb.fn.countAll<number>().as('n1'),
            (eb) => eb.fn.count<number>('p.household_id').distinct().as('n2'),
          ])
          .groupBy(['t.comune_id', y('p.starts_on'), 'p.stay_kind']),
      )
      .execute();
    await trx
      .insertInto('observatory_cells')
      .columns(cols)
      .expression(
        trx
          .selectFrom('assignments as s')
          .innerJoin('units as u', 'u.id', 's.unit_id')
          .select([
            sql.lit('assignments').as('dataset'),
            'u.comune_id',
            y('s.created_at').as('year'),
            sql.lit('').as('key1'),
            sql.lit('').as('key2'),
            (eb) => eb.fn.countAll<number>().as('n1'),
            sql.lit(0).as('n2'),
          ])
          .groupBy(['u.comune_id', y('s.created_at')]),
      )
      .execute();
    // Waiting times: the median is not additive, so each (Comune, year) cell keeps its own, computed here.
    const waits = new Map<string, { comune: string; year: string; days: number[] }>();
    const pairs = await trx
      .selectFrom('assignments as s')
      .innerJoin('applications as a', 'a.id', 's.application_id')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select(['u.comune_id', y('s.created_at').as('year'), 'a.submitted_at', 's.created_at'])
      .execute();
    for (const p of pairs) {
      const key = `${p.comune_id}|${p.year}`;
      const cell = waits.get(key) ?? { comune: p.comune_id, year: p.year, days: [] };
      cell.days.push(Math.round((Date.parse(p.created_at) - Date.parse(p.submitted_at)) / 86_400_000));
      waits.set(key, cell);
    }
    const waitRows = [...waits.values()].map((c) => {
      const sorted = c.days.sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
      return {
        dataset: 'waiting-times',
        comune_id: c.comune,
        year: c.year,
        key1: '',
        key2: '',
        n1: sorted.length,
        n2: median,
        n3: sorted.reduce((s, d) => s + d, 0),
      };
    });
    for (let i = 0; i < waitRows.length; i += 500) {
      await trx
        .insertInto('observatory_cells')
        .values(waitRows.slice(i, i + 500))
        .execute();
    }
    await trx
      .insertInto('settings')
      .values({ key: REFRESHED_KEY, value: at, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: at, updated_at: at }))
      .execute();
  });
}

export async function observatoryRefreshedAt(db: DbExecutor): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', REFRESHED_KEY).executeTakeFirst();
  return row?.value ?? null;
}

/** The cells of a dataset for the filter, with the Comune's name. */
export async function readCells(db: DbExecutor, dataset: CellDataset, f: ObservatoryFilter) {
  let q = db
    .selectFrom('observatory_cells as o')
    .leftJoin('comuni as c', 'c.id', 'o.comune_id')
    .select(['o.comune_id', 'c.name as comune', 'o.year', 'o.key1', 'o.key2', 'o.n1', 'o.n2', 'o.n3'])
    .where('o.dataset', '=', dataset);
  if (f.comuneId) q = q.where('o.comune_id', '=', f.comuneId);
  if (f.year) q = q.where('o.year', '=', String(f.year));
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, comune: r.comune ?? '', n1: n(r.n1), n2: n(r.n2), n3: n(r.n3) }));
}

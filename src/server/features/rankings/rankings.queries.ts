import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import {
  compareForOrder,
  type Ranking,
  type RankingApplication,
  type RankingKeyValues,
  type RankingRun,
  type RankingUnit,
  type TieBreakKey,
} from '../../../core/sap/ranking.js';
import type { Cents } from '../../../core/kernel/money.js';
import type { DbExecutor } from '../../db/client.js';
import type { Database } from '../../db/schema.js';

/**
 * Bound parameters per statement: SQLite's limit (32,766 since 3.32; PostgreSQL allows 65,535).
 * Fewer, larger statements cost less to parse and to round-trip than many small ones.
 */
const MAX_PARAMETERS = 32_766;

/**
 * Inserts many rows, each a list of values in the order of `columns`, with multi-row statements as
 * large as the parameter limit allows. The statement text is written once per batch size instead
 * of being built through the query builder for every batch: at 100,000 rows building and compiling
 * the builder's tree cost more than the database's own work.
 */
export async function insertMany<T extends keyof Database & string>(
  db: DbExecutor,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const width = columns.length;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / width));
  const numbered = db.getExecutor().adapter instanceof PostgresAdapter;
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  const statement = (count: number) => {
    const tuples: string[] = [];
    for (let r = 0; r < count; r++) {
      const marks: string[] = [];
      for (let c = 1; c <= width; c++) marks.push(numbered ? `$${r * width + c}` : '?');
      tuples.push(`(${marks.join(', ')})`);
    }
    return head + tuples.join(', ');
  };
  let full: string | undefined;
  for (let i = 0; i < rows.length; i += perStatement) {
    const count = Math.min(perStatement, rows.length - i);
    const parameters: unknown[] = new Array<unknown>(count * width);
    for (let r = 0; r < count; r++) {
      const row = rows[i + r] as readonly unknown[];
      if (row.length !== width) throw new RangeError(`insertMany(${table}): ${row.length} values for ${width} columns`);
      for (let c = 0; c < width; c++) parameters[r * width + c] = row[c];
    }
    const text = count === perStatement ? (full ??= statement(count)) : statement(count);
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

export async function findCall(db: DbExecutor, idOrCode: string) {
  return db
    .selectFrom('calls')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

/** The units a call offers, keyed for the rules by their platform code (id_alloggio). */
export async function loadCallUnits(db: DbExecutor, callId: string) {
  return db
    .selectFrom('call_units')
    .innerJoin('units', 'units.id', 'call_units.unit_id')
    .innerJoin('owners', 'owners.id', 'units.owner_id')
    .innerJoin('comuni', 'comuni.id', 'units.comune_id')
    .select([
      'units.id',
      'units.code',
      'units.owner_id',
      'owners.name as owner_name',
      'owners.kind as owner_kind',
      'units.comune_id',
      'comuni.name as comune_name',
      'units.floor_area_dm2',
      'units.accessible',
      'units.state',
      'call_units.reserve_category',
    ])
    .where('call_units.call_id', '=', callId)
    .orderBy('units.code')
    .execute();
}

/**
 * Applications that take part in the ranking: every application of the call whose latest review
 * is not an exclusion (the requirements are checked again before assignment, RR 4/2017 art. 7).
 */
export async function loadRankableApplications(db: DbExecutor, callId: string) {
  const rows = await db
    .selectFrom('applications as a')
    .leftJoin('units as u1', 'u1.id', 'a.choice_1_unit_id')
    .leftJoin('units as u2', 'u2.id', 'a.choice_2_unit_id')
    .select([
      'a.id',
      'a.platform_id',
      'a.household_id',
      'a.isbar_milli',
      'a.isee_cents',
      'a.submitted_at',
      'a.members_count',
      'a.max_invalidity_percent',
      'a.indigent',
      'a.indigence_attested',
      'a.residence_comune_id',
      'a.reserve_categories',
      'u1.code as choice_1',
      'u2.code as choice_2',
      (eb) =>
        eb
          .selectFrom('application_reviews as r')
          .select('r.decision')
          .whereRef('r.application_id', '=', 'a.id')
          .orderBy('r.decided_at', 'desc')
          .orderBy('r.id', 'desc')
          .limit(1)
          .as('decision'),
    ])
    .where('a.call_id', '=', callId)
    .execute();
  return rows;
}

export type RankableRow = Awaited<ReturnType<typeof loadRankableApplications>>[number];

export function toRankingApplication(row: RankableRow): RankingApplication {
  return {
    id: row.platform_id,
    score: row.isbar_milli / 1000,
    indigent: row.indigent === 1 && row.indigence_attested === 1,
    iseeCents: Number(row.isee_cents) as Cents,
    submittedAt: row.submitted_at,
    membersCount: row.members_count,
    highestInvalidityPercent: row.max_invalidity_percent,
    unitIds: [row.choice_1, row.choice_2].filter((u): u is string => typeof u === 'string'),
  };
}

export function toRankingUnit(row: Awaited<ReturnType<typeof loadCallUnits>>[number]): RankingUnit {
  return { id: row.code, ownerId: row.owner_id, comune: row.comune_id };
}

export async function insertRankingRun(
  db: DbExecutor,
  run: {
    id: string;
    callId: string;
    rulesetVersion: string;
    tieBreakKeys: readonly TieBreakKey[];
    seed: number;
    inputHash: string;
    inputsSnapshot: string;
    /** The compact order (core/sap/ranking-order.ts) the assignment reads. */
    orderIndex: string;
    supersedesId: string | null;
    at: string;
    by: string;
  },
  entries: {
    ownerId: string;
    comuneId: string;
    applicationId: string;
    position: number;
    isbarMilli: number;
    indigent: boolean;
    unitIds: readonly string[];
    sortKeys: string;
    scoreDetail?: string | null;
  }[],
): Promise<void> {
  await db
    .insertInto('ranking_runs')
    .values({
      id: run.id,
      call_id: run.callId,
      ruleset_version: run.rulesetVersion,
      tie_break_keys: JSON.stringify(run.tieBreakKeys),
      seed: run.seed,
      input_hash: run.inputHash,
      inputs_snapshot: run.inputsSnapshot,
      order_index: run.orderIndex,
      supersedes_id: run.supersedesId,
      created_at: run.at,
      created_by: run.by,
    })
    .execute();
  // Entries of the same application share their chosen units: serialised once per application.
  const unitIdsJson = new Map<readonly string[], string>();
  const json = (unitIds: readonly string[]) => {
    let text = unitIdsJson.get(unitIds);
    if (text === undefined) {
      text = JSON.stringify(unitIds);
      unitIdsJson.set(unitIds, text);
    }
    return text;
  };
  await insertMany(
    db,
    'ranking_entries',
    [
      'run_id',
      'owner_id',
      'comune_id',
      'application_id',
      'position',
      'isbar_milli',
      'indigent',
      'unit_ids',
      'sort_keys',
      'score_detail',
    ],
    entries.map((e) => [
      run.id,
      e.ownerId,
      e.comuneId,
      e.applicationId,
      e.position,
      e.isbarMilli,
      e.indigent ? 1 : 0,
      json(e.unitIds),
      e.sortKeys,
      e.scoreDetail ?? null,
    ]),
  );
}

/**
 * Every column of a run but the two large ones: its input snapshot (20 MB for 100,000 applications),
 * which only verification reads (findRunSnapshot), and its compact order, which only the assignment
 * reads (findRunOrderIndex). Ranking pages and the assignment read a run on every request.
 */
const RUN_COLUMNS = [
  'id',
  'call_id',
  'ruleset_version',
  'tie_break_keys',
  'seed',
  'input_hash',
  'supersedes_id',
  'created_at',
  'created_by',
] as const;

export async function findLatestRun(db: DbExecutor, callId: string) {
  return db
    .selectFrom('ranking_runs')
    .select(RUN_COLUMNS)
    .where('call_id', '=', callId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findRun(db: DbExecutor, runId: string) {
  return db.selectFrom('ranking_runs').select(RUN_COLUMNS).where('id', '=', runId).executeTakeFirst();
}

/** The stored input snapshot of a run, for `abitare sap verify`. */
export async function findRunSnapshot(db: DbExecutor, runId: string): Promise<string | undefined> {
  const row = await db.selectFrom('ranking_runs').select('inputs_snapshot').where('id', '=', runId).executeTakeFirst();
  return row?.inputs_snapshot;
}

/** The run's compact order (core/sap/ranking-order.ts); null for runs made before it was stored. */
export async function findRunOrderIndex(db: DbExecutor, runId: string): Promise<string | null> {
  const row = await db.selectFrom('ranking_runs').select('order_index').where('id', '=', runId).executeTakeFirst();
  return row?.order_index ?? null;
}

export async function listRunEvents(db: DbExecutor, runId: string) {
  return db.selectFrom('ranking_run_events').selectAll().where('run_id', '=', runId).orderBy('at').execute();
}

export async function insertRunEvent(
  db: DbExecutor,
  e: { id: string; runId: string; kind: string; onDate: string; at: string; by: string; note?: string | null },
) {
  await db
    .insertInto('ranking_run_events')
    .values({
      id: e.id,
      run_id: e.runId,
      kind: e.kind,
      on_date: e.onDate,
      at: e.at,
      by_user: e.by,
      note: e.note ?? null,
    })
    .execute();
}

/** Entries of a run with the names needed to show them: owner, Comune, platform id, applicant. */
export async function loadRunEntries(db: DbExecutor, runId: string) {
  return db
    .selectFrom('ranking_entries as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .innerJoin('owners as o', 'o.id', 'e.owner_id')
    .innerJoin('comuni as c', 'c.id', 'e.comune_id')
    .select([
      'e.owner_id',
      'o.name as owner_name',
      'e.comune_id',
      'c.name as comune_name',
      'e.application_id',
      'a.platform_id',
      'a.household_id',
      'a.applicant_last_name',
      'a.applicant_first_name',
      'e.position',
      'e.isbar_milli',
      'e.indigent',
      'e.unit_ids',
      'e.sort_keys',
    ])
    .where('e.run_id', '=', runId)
    .orderBy('o.name')
    .orderBy('c.name')
    .orderBy('e.position')
    .execute();
}

export type RunEntryRow = Awaited<ReturnType<typeof loadRunEntries>>[number];

/** The (owner, Comune) rankings of a run with their names, in publication order (owner, then Comune, by name). */
export async function listRunRankings(db: DbExecutor, runId: string) {
  return db
    .selectFrom('ranking_entries as e')
    .innerJoin('owners as o', 'o.id', 'e.owner_id')
    .innerJoin('comuni as c', 'c.id', 'e.comune_id')
    .select(['e.owner_id', 'o.name as owner_name', 'e.comune_id', 'c.name as comune_name'])
    .where('e.run_id', '=', runId)
    .groupBy(['e.owner_id', 'o.name', 'e.comune_id', 'c.name'])
    .orderBy('o.name')
    .orderBy('c.name')
    .orderBy('e.owner_id')
    .orderBy('e.comune_id')
    .execute();
}

/**
 * One page of a ranking for publication — position, platform id, score, indigence, chosen units,
 * never names — after `afterPosition`, read through the (run, owner, Comune, position) index
 * (keyset pagination: the cost of a page does not grow with its offset).
 */
export async function loadPublicationPage(
  db: DbExecutor,
  page: { runId: string; ownerId: string; comuneId: string; afterPosition: number; limit: number },
) {
  return db
    .selectFrom('ranking_entries as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .select(['e.position', 'a.platform_id', 'e.isbar_milli', 'e.indigent', 'e.unit_ids'])
    .where('e.run_id', '=', page.runId)
    .where('e.owner_id', '=', page.ownerId)
    .where('e.comune_id', '=', page.comuneId)
    .where('e.position', '>', page.afterPosition)
    .orderBy('e.position')
    .limit(page.limit)
    .execute();
}

/**
 * Entries of a run as the rules need them (for the assignment): no names and no join (the caller
 * has the call's applications), ordered by the (run, owner, Comune, position) index so that the
 * database does not sort 100,000 rows by name.
 */
export async function loadRunEntriesForRules(db: DbExecutor, runId: string) {
  return db
    .selectFrom('ranking_entries as e')
    .select([
      'e.owner_id',
      'e.comune_id',
      'e.application_id',
      'e.position',
      'e.isbar_milli',
      'e.indigent',
      'e.unit_ids',
      'e.sort_keys',
    ])
    .where('e.run_id', '=', runId)
    .orderBy('e.owner_id')
    .orderBy('e.comune_id')
    .orderBy('e.position')
    .execute();
}

/** Internal and platform ids (id_domanda) of every application of a call. */
export async function findPlatformIdsOfCall(db: DbExecutor, callId: string) {
  return db.selectFrom('applications').select(['id', 'platform_id']).where('call_id', '=', callId).execute();
}

/** Platform ids (id_domanda) of applications by internal id. */
export async function findPlatformIds(db: DbExecutor, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return [];
  return db.selectFrom('applications').select(['id', 'platform_id']).where('id', 'in', applicationIds).execute();
}

/** The columns of a stored entry the rules' view is rebuilt from. */
export type CoreEntryRow = Pick<
  RunEntryRow,
  'owner_id' | 'comune_id' | 'platform_id' | 'position' | 'isbar_milli' | 'indigent' | 'unit_ids' | 'sort_keys'
>;

/** Rebuilds the rules' view of a stored run (for explanations and for the assignment). */
export function toCoreRun(
  run: { tie_break_keys: string; seed: number },
  entries: readonly CoreEntryRow[],
  scoreLabel = 'ISBAR',
): RankingRun {
  const tieBreakKeys = JSON.parse(run.tie_break_keys) as TieBreakKey[];
  const groups = new Map<string, Ranking & { entries: Ranking['entries'][number][] }>();
  const keysById = new Map<string, RankingKeyValues>();
  // An application has one entry per (owner, Comune) it chose, with the same stored texts: each
  // text is parsed once per application (a text that differs is parsed on its own).
  const parsed = new Map<
    string,
    { unitIdsText: string; unitIds: string[]; keysText: string; keys: RankingKeyValues }
  >();
  for (const e of entries) {
    const key = `${e.owner_id}|${e.comune_id}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        ownerId: e.owner_id,
        comune: e.comune_id,
        tieBreakKeys,
        seed: Number(run.seed),
        scoreLabel,
        entries: [],
      };
      groups.set(key, group);
    }
    let texts = parsed.get(e.platform_id);
    if (!texts) {
      texts = {
        unitIdsText: e.unit_ids,
        unitIds: JSON.parse(e.unit_ids) as string[],
        keysText: e.sort_keys,
        keys: JSON.parse(e.sort_keys) as RankingKeyValues,
      };
      parsed.set(e.platform_id, texts);
      keysById.set(e.platform_id, texts.keys);
    }
    group.entries.push({
      position: e.position,
      applicationId: e.platform_id,
      score: e.isbar_milli / 1000,
      indigent: e.indigent === 1,
      unitIds: e.unit_ids === texts.unitIdsText ? texts.unitIds : (JSON.parse(e.unit_ids) as string[]),
      keys: e.sort_keys === texts.keysText ? texts.keys : (JSON.parse(e.sort_keys) as RankingKeyValues),
    });
  }
  const rankings = [...groups.values()].sort((a, b) =>
    a.ownerId === b.ownerId ? a.comune.localeCompare(b.comune) : a.ownerId.localeCompare(b.ownerId),
  );
  for (const r of rankings) r.entries.sort((a, b) => a.position - b.position);
  // The single order the per-(owner, Comune) rankings are slices of, from the stored key values.
  const order = [...keysById.values()].sort((a, b) => compareForOrder(a, b, tieBreakKeys)).map((k) => k.applicationId);
  return { tieBreakKeys, seed: Number(run.seed), scoreLabel, order, rankings };
}

export async function countEntries(db: DbExecutor, runId: string): Promise<number> {
  const row = await db
    .selectFrom('ranking_entries')
    .select(sql<number>`count(*)`.as('n'))
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

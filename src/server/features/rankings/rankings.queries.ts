import { sql } from 'kysely';
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

/** Rows are written in batches small enough for SQLite's bound-parameter limit. */
const BATCH = 400;

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
      supersedes_id: run.supersedesId,
      created_at: run.at,
      created_by: run.by,
    })
    .execute();
  for (let i = 0; i < entries.length; i += BATCH) {
    await db
      .insertInto('ranking_entries')
      .values(
        entries.slice(i, i + BATCH).map((e) => ({
          run_id: run.id,
          owner_id: e.ownerId,
          comune_id: e.comuneId,
          application_id: e.applicationId,
          position: e.position,
          isbar_milli: e.isbarMilli,
          indigent: e.indigent ? 1 : 0,
          unit_ids: JSON.stringify(e.unitIds),
          sort_keys: e.sortKeys,
        })),
      )
      .execute();
  }
}

export async function findLatestRun(db: DbExecutor, callId: string) {
  return db
    .selectFrom('ranking_runs')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findRun(db: DbExecutor, runId: string) {
  return db.selectFrom('ranking_runs').selectAll().where('id', '=', runId).executeTakeFirst();
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

/** Rebuilds the rules' view of a stored run (for explanations and for the assignment). */
export function toCoreRun(
  run: { tie_break_keys: string; seed: number },
  entries: readonly RunEntryRow[],
  scoreLabel = 'ISBAR',
): RankingRun {
  const tieBreakKeys = JSON.parse(run.tie_break_keys) as TieBreakKey[];
  const groups = new Map<string, Ranking & { entries: Ranking['entries'][number][] }>();
  const keysById = new Map<string, RankingKeyValues>();
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
    group.entries.push({
      position: e.position,
      applicationId: e.platform_id,
      score: e.isbar_milli / 1000,
      indigent: e.indigent === 1,
      unitIds: JSON.parse(e.unit_ids) as string[],
      keys: JSON.parse(e.sort_keys) as RankingKeyValues,
    });
    if (!keysById.has(e.platform_id)) keysById.set(e.platform_id, JSON.parse(e.sort_keys) as RankingKeyValues);
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

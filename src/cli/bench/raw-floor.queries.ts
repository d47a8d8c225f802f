// The raw-driver floor of the ranking benchmark: the same reads, sort and writes as `rankCall`, done
// with the bare driver (better-sqlite3 or pg) and no application code. It writes the same rows into
// the same tables (a run with its inputs snapshot and hash, then one entry per application and
// (owner, Comune) ranking), with their keys, indexes and foreign keys, in one transaction, and with
// the connection settings of src/server/db/client.ts. Only the work between the connection being
// open and the commit is timed; the rows are deleted afterwards, outside the timing, so that the
// application's next run finds the call as it was.
import { createHash, randomUUID } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/** The call's units (what `loadCallUnits` reads). */
const UNITS_SQL = `
  select u.id, u.code, u.owner_id, u.comune_id
  from call_units cu join units u on u.id = cu.unit_id
  where cu.call_id = $1
  order by u.code`;

/** The applications with their chosen units and latest review (what `loadRankableApplications` reads). */
const APPLICATIONS_SQL = `
  select a.id, a.platform_id, a.household_id, a.isbar_milli, a.isee_cents, a.submitted_at, a.members_count,
         a.max_invalidity_percent, a.indigent, a.indigence_attested, a.residence_comune_id, a.reserve_categories,
         u1.code as choice_1, u2.code as choice_2,
         (select r.decision from application_reviews r where r.application_id = a.id
           order by r.decided_at desc, r.id desc limit 1) as decision
  from applications a
  left join units u1 on u1.id = a.choice_1_unit_id
  left join units u2 on u2.id = a.choice_2_unit_id
  where a.call_id = $1`;

const RUN_SQL = `insert into ranking_runs (id, call_id, ruleset_version, tie_break_keys, seed, input_hash,
  inputs_snapshot, supersedes_id, created_at, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

const ENTRY_COLUMNS =
  'run_id, owner_id, comune_id, application_id, position, isbar_milli, indigent, unit_ids, sort_keys, score_detail';
const ENTRY_WIDTH = 10;
/** As many rows per statement as the application writes: 32,766 bound parameters (SQLite's limit). */
const ROWS_PER_STATEMENT = Math.floor(32_766 / ENTRY_WIDTH);

interface UnitRow {
  id: string;
  code: string;
  owner_id: string;
  comune_id: string;
}

interface ApplicationRow {
  id: string;
  platform_id: string;
  isbar_milli: number;
  isee_cents: number | string;
  submitted_at: string | Date;
  members_count: number;
  max_invalidity_percent: number | null;
  indigent: number;
  indigence_attested: number;
  choice_1: string | null;
  choice_2: string | null;
  decision: string | null;
}

type Entry = [string, string, string, string, number, number, number, string, string, null];

interface Ranked {
  readonly entries: Entry[];
  readonly snapshot: string;
  readonly hash: string;
}

/** Filter, sort (score, lower ISEE, earlier submission, id) and slice per (owner, Comune), as `rankCall` does. */
function rankRows(units: UnitRow[], rows: ApplicationRow[], runId: string): Ranked {
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const ms = (v: string | Date) => (typeof v === 'string' ? Date.parse(v) : v.getTime());
  const kept = rows
    .filter((r) => r.decision !== 'excluded')
    .map((r) => ({
      row: r,
      submittedAt: typeof r.submitted_at === 'string' ? r.submitted_at : r.submitted_at.toISOString(),
      submittedAtMs: ms(r.submitted_at),
      isee: Number(r.isee_cents),
      unitIds: [r.choice_1, r.choice_2].filter((c): c is string => c !== null && unitByCode.has(c)),
    }))
    .filter((k) => k.unitIds.length > 0);
  // The inputs snapshot and its fingerprint (a native hash: the floor takes the cheapest way).
  const snapshot = JSON.stringify({
    applications: kept.map((k) => ({
      id: k.row.platform_id,
      score: k.row.isbar_milli / 1000,
      indigent: k.row.indigent === 1 && k.row.indigence_attested === 1,
      iseeCents: k.isee,
      submittedAt: k.submittedAt,
      membersCount: k.row.members_count,
      highestInvalidityPercent: k.row.max_invalidity_percent,
      unitIds: k.unitIds,
    })),
    units: units.map((u) => ({ id: u.code, ownerId: u.owner_id, comune: u.comune_id })),
  });
  const hash = createHash('sha256').update(snapshot).digest('hex');
  kept.sort(
    (a, b) =>
      b.row.isbar_milli - a.row.isbar_milli ||
      a.isee - b.isee ||
      a.submittedAtMs - b.submittedAtMs ||
      (a.row.platform_id < b.row.platform_id ? -1 : 1),
  );
  const groups = new Map<string, number>();
  const entries: Entry[] = [];
  for (const k of kept) {
    const r = k.row;
    const seen = new Set<string>();
    // The same payload the application stores: chosen units and the compared key values.
    const keys = JSON.stringify({
      score: r.isbar_milli / 1000,
      iseeCents: k.isee,
      submittedAt: k.submittedAt,
      submittedAtMs: k.submittedAtMs,
      draw: 0,
      membersCount: r.members_count,
      highestInvalidityPercent: r.max_invalidity_percent,
      applicationId: r.platform_id,
    });
    const unitIds = JSON.stringify(k.unitIds);
    const indigent = r.indigent === 1 && r.indigence_attested === 1 ? 1 : 0;
    for (const code of k.unitIds) {
      const unit = unitByCode.get(code) as UnitRow;
      const key = `${unit.owner_id}|${unit.comune_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const position = (groups.get(key) ?? 0) + 1;
      groups.set(key, position);
      entries.push([
        runId,
        unit.owner_id,
        unit.comune_id,
        r.id,
        position,
        r.isbar_milli,
        indigent,
        unitIds,
        keys,
        null,
      ]);
    }
  }
  return { entries, snapshot, hash };
}

function runRow(runId: string, callId: string, ranked: Ranked): unknown[] {
  const keys = JSON.stringify(['lower_isee', 'earlier_submission', 'seeded_draw']);
  return [
    runId,
    callId,
    'bench-raw-floor',
    keys,
    7,
    ranked.hash,
    ranked.snapshot,
    null,
    new Date().toISOString(),
    'system',
  ];
}

export interface FloorResult {
  readonly entries: number;
  /** Milliseconds from the open connection to the commit. */
  readonly ms: number;
}

export function rawFloorSqlite(file: string, callId: string): FloorResult {
  const db = new SqliteDatabase(file);
  const runId = `raw-floor-${randomUUID()}`;
  try {
    // The connection settings of src/server/db/client.ts.
    db.pragma('foreign_keys = ON');
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const started = process.hrtime.bigint();
    let count = 0;
    db.transaction(() => {
      const units = db.prepare(UNITS_SQL.replace('$1', '?')).all(callId) as UnitRow[];
      const rows = db.prepare(APPLICATIONS_SQL.replace('$1', '?')).all(callId) as ApplicationRow[];
      const ranked = rankRows(units, rows, runId);
      db.prepare(RUN_SQL.replace(/\$\d+/g, '?')).run(...runRow(runId, callId, ranked));
      // One prepared statement, run per row: the cheapest way with better-sqlite3.
      const insert = db.prepare(`insert into ranking_entries (${ENTRY_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const e of ranked.entries) insert.run(...e);
      count = ranked.entries.length;
    })();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    db.transaction(() => {
      db.prepare('delete from ranking_entries where run_id = ?').run(runId);
      db.prepare('delete from ranking_runs where id = ?').run(runId);
    })();
    return { entries: count, ms };
  } finally {
    db.close();
  }
}

export async function rawFloorPostgres(url: string, schema: string, callId: string): Promise<FloorResult> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema} -c TimeZone=UTC` });
  await client.connect();
  const runId = `raw-floor-${randomUUID()}`;
  try {
    const started = process.hrtime.bigint();
    await client.query('begin');
    const units = (await client.query<UnitRow>(UNITS_SQL, [callId])).rows;
    const rows = (await client.query<ApplicationRow>(APPLICATIONS_SQL, [callId])).rows;
    const ranked = rankRows(units, rows, runId);
    await client.query(RUN_SQL, runRow(runId, callId, ranked));
    for (let i = 0; i < ranked.entries.length; i += ROWS_PER_STATEMENT) {
      const batch = ranked.entries.slice(i, i + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      const values = batch.map((e, j) => {
        params.push(...e);
        const b = j * ENTRY_WIDTH;
        return `(${Array.from({ length: ENTRY_WIDTH }, (_, k) => `$${b + k + 1}`).join(', ')})`;
      });
      await client.query(`insert into ranking_entries (${ENTRY_COLUMNS}) values ${values.join(', ')}`, params);
    }
    await client.query('commit');
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    await client.query('delete from ranking_entries where run_id = $1', [runId]);
    await client.query('delete from ranking_runs where id = $1', [runId]);
    return { entries: ranked.entries.length, ms };
  } finally {
    await client.end();
  }
}

/** A fresh schema for one benchmark run (dropped at the end through the application's connection). */
export async function createPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
}

// The raw-driver floor of the ranking benchmark: the same reads, sort and writes as `rankCall`,
// done with the bare driver (better-sqlite3 or pg) and no application code, into a scratch table.
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

const READ_SQL = `
  select a.id, a.platform_id, a.isbar_milli, a.isee_cents, a.submitted_at,
         u1.code as c1, u1.owner_id as o1, u1.comune_id as m1,
         u2.code as c2, u2.owner_id as o2, u2.comune_id as m2,
         (select r.decision from application_reviews r where r.application_id = a.id
           order by r.decided_at desc, r.id desc limit 1) as decision
  from applications a
  left join units u1 on u1.id = a.choice_1_unit_id
  left join units u2 on u2.id = a.choice_2_unit_id
  where a.call_id = $1`;

const SCRATCH_SQL = `create table if not exists bench_ranking_entries (
  run_id text not null, owner_id text not null, comune_id text not null, application_id text not null,
  position integer not null, isbar_milli integer not null, indigent integer not null, unit_ids text not null,
  sort_keys text not null)`;

interface Row {
  id: string;
  platform_id: string;
  isbar_milli: number;
  isee_cents: number | string;
  submitted_at: string | Date;
  c1: string | null;
  o1: string | null;
  m1: string | null;
  c2: string | null;
  o2: string | null;
  m2: string | null;
  decision: string | null;
}

type Entry = [string, string, string, string, number, number, number, string, string];

function rankRows(rows: Row[], runId: string): Entry[] {
  const kept = rows.filter((r) => r.decision !== 'excluded');
  const ms = (v: string | Date) => (typeof v === 'string' ? Date.parse(v) : v.getTime());
  kept.sort(
    (a, b) =>
      b.isbar_milli - a.isbar_milli ||
      Number(a.isee_cents) - Number(b.isee_cents) ||
      ms(a.submitted_at) - ms(b.submitted_at) ||
      (a.platform_id < b.platform_id ? -1 : 1),
  );
  const groups = new Map<string, number>();
  const out: Entry[] = [];
  for (const r of kept) {
    const seen = new Set<string>();
    for (const [o, m] of [
      [r.o1, r.m1],
      [r.o2, r.m2],
    ] as const) {
      if (!o || !m) continue;
      const key = `${o}|${m}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const position = (groups.get(key) ?? 0) + 1;
      groups.set(key, position);
      // The same payload the application stores: chosen units and the compared key values.
      const keys = JSON.stringify({
        score: r.isbar_milli / 1000,
        iseeCents: Number(r.isee_cents),
        submittedAt: r.submitted_at,
        submittedAtMs: ms(r.submitted_at),
        draw: 0,
        membersCount: 0,
        highestInvalidityPercent: null,
        applicationId: r.platform_id,
      });
      out.push([runId, o, m, r.id, position, r.isbar_milli, 0, JSON.stringify([r.c1, r.c2].filter(Boolean)), keys]);
    }
  }
  return out;
}

export function rawFloorSqlite(file: string, callId: string): { entries: number } {
  const db = new SqliteDatabase(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SCRATCH_SQL);
    const rows = db.prepare(READ_SQL.replace('$1', '?')).all(callId) as Row[];
    const entries = rankRows(rows, 'raw');
    const insert = db.prepare('insert into bench_ranking_entries values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (const e of entries) insert.run(...e);
    })();
    db.exec('delete from bench_ranking_entries');
    return { entries: entries.length };
  } finally {
    db.close();
  }
}

export async function rawFloorPostgres(url: string, schema: string, callId: string): Promise<{ entries: number }> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(SCRATCH_SQL);
    const rows = (await client.query<Row>(READ_SQL, [callId])).rows;
    const entries = rankRows(rows, 'raw');
    await client.query('begin');
    for (let i = 0; i < entries.length; i += 400) {
      const batch = entries.slice(i, i + 400);
      const params: unknown[] = [];
      const values = batch.map((e, j) => {
        params.push(...e);
        const b = j * 9;
        return `(${Array.from({ length: 9 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
      });
      await client.query(`insert into bench_ranking_entries values ${values.join(', ')}`, params);
    }
    await client.query('commit');
    await client.query('delete from bench_ranking_entries');
    return { entries: entries.length };
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

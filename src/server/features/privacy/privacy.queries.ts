// The SQL of the data-protection duties. The export walks the schema as it is (every table, the
// other areas' included, found by their columns), so that a table added later is exported too.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, DbExecutor } from '../../db/client.js';
import {
  AREA_TABLES_PSEUDONYMISED,
  householdsWithOpenProcedures,
  pseudonymiseAreas,
} from './retention-areas.queries.js';

type Row = Record<string, unknown>;

/** Tables never exported as the person's data: accounts, reference data, bookkeeping. */
const NOT_PERSONAL = new Set([
  'users',
  'user_comuni',
  'sessions',
  'login_attempts',
  'ambiti',
  'comuni',
  'owners',
  'partners',
  'units',
  'calls',
  'settings',
  'emergency_settings',
  'sequences',
  'idempotency_keys',
  'retention_runs',
  'kysely_migration',
  'kysely_migration_lock',
]);

export async function listColumns(db: Db): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (db.dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely);
    for (const { name } of tables.rows) {
      const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db.kysely);
      out.set(
        name,
        cols.rows.map((c) => c.name),
      );
    }
    return out;
  }
  const cols = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db.kysely);
  for (const c of cols.rows) out.set(c.table_name, [...(out.get(c.table_name) ?? []), c.column_name]);
  return out;
}

async function rowsWhereIn(db: DbExecutor, table: string, column: string, values: readonly string[]): Promise<Row[]> {
  const out: Row[] = [];
  for (let i = 0; i < values.length; i += 500) {
    const chunk = values.slice(i, i + 500);
    const r =
      await sql<Row>`select * from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(chunk)})`.execute(db);
    out.push(...r.rows);
  }
  return out;
}

const isLink = (column: string) => column.endsWith('_id') && column !== 'household_id';
const isFiscalCode = (column: string) => column === 'fiscal_code' || column.endsWith('_fiscal_code');

export interface PersonData {
  readonly householdIds: string[];
  /** Rows per table, each once. */
  readonly tables: Record<string, Row[]>;
}

/**
 * Everything held about a fiscal code: the rows that carry it, the household files it belongs to,
 * every row of every table linked to those files (by household_id), and the rows linked to those
 * (by *_id columns), up to three steps; the audit rows about the files and the rows found.
 */
export async function collectPersonData(db: Db, fiscalCode: string): Promise<PersonData> {
  const columns = await listColumns(db);
  const tables = new Map<string, Map<string, Row>>();
  const ids = new Set<string>();
  const households = new Set<string>();
  const keyOf = (row: Row) =>
    JSON.stringify(
      Object.keys(row)
        .sort()
        .map((k) => [k, row[k]]),
    );
  const add = (table: string, rows: Row[]) => {
    const bucket = tables.get(table) ?? new Map<string, Row>();
    tables.set(table, bucket);
    let added = 0;
    for (const row of rows) {
      const key = keyOf(row);
      if (bucket.has(key)) continue;
      bucket.set(key, row);
      added++;
      if (table !== 'audit_log' && typeof row.id === 'string') ids.add(row.id);
      if (typeof row.household_id === 'string') households.add(row.household_id);
    }
    return added;
  };
  const personal = [...columns].filter(([t]) => !NOT_PERSONAL.has(t) && t !== 'audit_log');
  for (const [table, cols] of personal) {
    for (const c of cols.filter(isFiscalCode)) add(table, await rowsWhereIn(db.kysely, table, c, [fiscalCode]));
  }
  // The member rows name the household files; the files are rows of `households` too.
  for (let pass = 0; pass < 3; pass++) {
    let added = 0;
    const hh = [...households];
    added += add('households', await rowsWhereIn(db.kysely, 'households', 'id', hh));
    const known = [...ids];
    for (const [table, cols] of personal) {
      if (cols.includes('household_id')) added += add(table, await rowsWhereIn(db.kysely, table, 'household_id', hh));
      for (const c of cols.filter(isLink)) added += add(table, await rowsWhereIn(db.kysely, table, c, known));
    }
    if (added === 0) break;
  }
  add('audit_log', await rowsWhereIn(db.kysely, 'audit_log', 'household_id', [...households]));
  add('audit_log', await rowsWhereIn(db.kysely, 'audit_log', 'entity_id', [...ids, fiscalCode]));
  const out: Record<string, Row[]> = {};
  for (const [table, rows] of [...tables].sort(([a], [b]) => a.localeCompare(b))) {
    if (rows.size > 0) out[table] = [...rows.values()];
  }
  return { householdIds: [...households].sort(), tables: out };
}

// ---- Retention ------------------------------------------------------------------------------

/** Last activity of each household file: the latest instant of any row linked to it by household_id. */
export async function householdsInactiveSince(db: Db, cutoff: string): Promise<string[]> {
  const columns = await listColumns(db);
  const candidates = await db.kysely
    .selectFrom('households')
    .select('id')
    .where('updated_at', '<', cutoff)
    .where('id', 'not in', db.kysely.selectFrom('pseudonymised_households').select('household_id'))
    .execute();
  let ids = new Set(candidates.map((c) => c.id));
  for (const [table, cols] of columns) {
    if (!cols.includes('household_id') || table === 'pseudonymised_households' || table === 'audit_log') continue;
    for (const c of cols.filter((x) => ['created_at', 'updated_at', 'at', 'closed_at', 'decided_at'].includes(x))) {
      const recent = await sql<{ household_id: string }>`
        select distinct household_id from ${sql.table(table)} where ${sql.ref(c)} >= ${cutoff}`.execute(db.kysely);
      for (const r of recent.rows) ids.delete(r.household_id);
    }
  }
  if (ids.size === 0) return [];
  // An open procedure keeps the file: a live claim on a unit (an assignment in progress).
  const live = await sql<{ household_id: string }>`
    select distinct a.household_id from application_claims c join applications a on a.id = c.application_id`.execute(
    db.kysely,
  );
  for (const r of live.rows) ids.delete(r.household_id);
  // An open procedure of the other areas keeps it too: an eviction not closed, a stay without an
  // exit, a plan in progress, a measure application not final, a referral awaiting a decision.
  for (const h of await householdsWithOpenProcedures(db.kysely)) ids.delete(h);
  ids = new Set([...ids].sort());
  return [...ids];
}

/** Counts kept for statistics: files per Comune and year of opening, members, applications. */
export async function statisticsOf(db: DbExecutor, householdIds: readonly string[]) {
  const stats: Record<string, { households: number; members: number; applications: number }> = {};
  for (let i = 0; i < householdIds.length; i += 500) {
    const chunk = householdIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('households as h')
      .innerJoin('comuni as c', 'c.id', 'h.comune_id')
      .select(['h.id', 'c.name as comune', 'h.created_at'])
      .where('h.id', 'in', chunk)
      .execute();
    const members = await db
      .selectFrom('members')
      .select(['household_id', (e) => e.fn.countAll<number>().as('n')])
      .where('household_id', 'in', chunk)
      .groupBy('household_id')
      .execute();
    const apps = await db
      .selectFrom('applications')
      .select(['household_id', (e) => e.fn.countAll<number>().as('n')])
      .where('household_id', 'in', chunk)
      .groupBy('household_id')
      .execute();
    const m = new Map(members.map((r) => [r.household_id, Number(r.n)]));
    const a = new Map(apps.map((r) => [r.household_id, Number(r.n)]));
    for (const r of rows) {
      const key = `${r.comune} ${r.created_at.slice(0, 4)}`;
      const s = (stats[key] ??= { households: 0, members: 0, applications: 0 });
      s.households++;
      s.members += m.get(r.id) ?? 0;
      s.applications += a.get(r.id) ?? 0;
    }
  }
  return stats;
}

export function pseudonymFor(runId: string, householdId: string): string {
  return `PSEUDO-${createHash('sha256').update(`${runId}:${householdId}`).digest('hex').slice(0, 12).toUpperCase()}`;
}

const REMOVED = 'Testo rimosso (conservazione dei dati)';

/**
 * Replaces what identifies a person in one household file with pseudonyms; keeps the Comune, the
 * years, the amounts and the counts. Append-only records (reviews, audit log) are left as they are.
 */
export async function pseudonymiseHousehold(
  db: DbExecutor,
  householdId: string,
  pseudonym: string,
): Promise<{ rowsChanged: number; documentFiles: string[] }> {
  let changed = 0;
  // Each fiscal code of the file → its pseudonym, the same in every table (issues 4–6 included).
  const fiscalCodes = new Map<string, string>();
  const count = (r: { numUpdatedRows: bigint }[]) => r.reduce((n, x) => n + Number(x.numUpdatedRows), 0);
  changed += count(
    await db
      .updateTable('households')
      .set({
        address_street: 'Indirizzo rimosso',
        address_number: null,
        address_postcode: null,
        phone: null,
        email: null,
        pec: null,
        search_text: pseudonym.toLowerCase(),
      })
      .where('id', '=', householdId)
      .execute(),
  );
  const members = await db
    .selectFrom('members')
    .select(['id', 'position', 'birth_date', 'fiscal_code'])
    .where('household_id', '=', householdId)
    .execute();
  for (const m of members) {
    fiscalCodes.set(m.fiscal_code, `${pseudonym}-${m.position}`);
    changed += count(
      await db
        .updateTable('members')
        .set({
          fiscal_code: `${pseudonym}-${m.position}`,
          first_name: 'Omissis',
          last_name: pseudonym,
          last_name_norm: pseudonym.toLowerCase(),
          // The year of birth stays, for the statistics by age.
          birth_date: `${m.birth_date.slice(0, 4)}-01-01`,
          permit_kind: null,
          permit_expires_on: null,
        })
        .where('id', '=', m.id)
        .execute(),
    );
  }
  changed += count(
    await db
      .updateTable('isee_records')
      .set({ protocol: 'omissis', isee_members: null })
      .where('household_id', '=', householdId)
      .execute(),
  );
  changed += count(
    await db.updateTable('vulnerabilities').set({ note: null }).where('household_id', '=', householdId).execute(),
  );
  changed += count(
    await db.updateTable('household_notes').set({ body: REMOVED }).where('household_id', '=', householdId).execute(),
  );
  changed += count(
    await db
      .updateTable('timeline_events')
      .set({ title: REMOVED, detail: null })
      .where('household_id', '=', householdId)
      .execute(),
  );
  changed += count(
    await db
      .updateTable('household_shares')
      .set({ reason: 'omissis' })
      .where('household_id', '=', householdId)
      .execute(),
  );
  const apps = await db
    .selectFrom('applications')
    .select(['id', 'applicant_fiscal_code'])
    .where('household_id', '=', householdId)
    .execute();
  for (const [i, a] of apps.entries()) {
    changed += count(
      await db
        .updateTable('applications')
        .set({
          applicant_fiscal_code: fiscalCodes.get(a.applicant_fiscal_code) ?? `${pseudonym}-A${i}`,
          applicant_last_name: pseudonym,
          applicant_first_name: 'Omissis',
        })
        .where('id', '=', a.id)
        .execute(),
    );
    const am = await db
      .selectFrom('application_members')
      .select(['id', 'birth_date'])
      .where('application_id', '=', a.id)
      .execute();
    for (const [j, m] of am.entries()) {
      changed += count(
        await db
          .updateTable('application_members')
          .set({
            fiscal_code: `${pseudonym}-A${i}-${j}`,
            last_name: pseudonym,
            first_name: 'Omissis',
            birth_date: m.birth_date ? `${m.birth_date.slice(0, 4)}-01-01` : null,
          })
          .where('id', '=', m.id)
          .execute(),
      );
    }
    changed += count(
      await db.updateTable('correction_requests').set({ note: null }).where('application_id', '=', a.id).execute(),
    );
  }
  const areas = await pseudonymiseAreas(db, householdId, pseudonym, fiscalCodes);
  return { rowsChanged: changed + areas.rowsChanged, documentFiles: areas.documentFiles };
}

/** Tables the retention job rewrites; the other tables linked to household files are reported in each run. */
export const PSEUDONYMISED_TABLES = [
  'households',
  'members',
  'isee_records',
  'vulnerabilities',
  'household_notes',
  'timeline_events',
  'household_shares',
  'applications',
  'application_members',
  'correction_requests',
  ...AREA_TABLES_PSEUDONYMISED,
] as const;

export async function insertRetentionRun(
  db: DbExecutor,
  run: {
    id: string;
    startedAt: string;
    finishedAt: string;
    dryRun: boolean;
    years: number;
    cutoffOn: string;
    households: number;
    summary: unknown;
    runBy: string | null;
  },
) {
  await db
    .insertInto('retention_runs')
    .values({
      id: run.id,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      dry_run: run.dryRun ? 1 : 0,
      years: run.years,
      cutoff_on: run.cutoffOn,
      households_count: run.households,
      summary: JSON.stringify(run.summary),
      run_by: run.runBy,
    })
    .execute();
}

export async function markPseudonymised(
  db: DbExecutor,
  row: { householdId: string; runId: string; pseudonym: string; at: string },
) {
  await db
    .insertInto('pseudonymised_households')
    .values({ household_id: row.householdId, run_id: row.runId, pseudonym: row.pseudonym, pseudonymised_at: row.at })
    .execute();
}

export async function purgeExpired(db: DbExecutor, now: string, idempotencyBefore: string) {
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  const keys = await db.deleteFrom('idempotency_keys').where('created_at', '<', idempotencyBefore).executeTakeFirst();
  // Expired citizen sessions carry the citizen's fiscal code and name: not kept after they end.
  const citizens = await db.deleteFrom('citizen_sessions').where('expires_at', '<', now).executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows) + Number(citizens.numDeletedRows),
    idempotencyKeys: Number(keys.numDeletedRows),
  };
}

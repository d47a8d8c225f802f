// SQL of the demo loader: portable multi-row inserts in batches, and the few reads that guard them.
import type { DemoData } from '../../../core/demo/generate.js';
import type { DbExecutor } from '../../db/client.js';

export const DEMO_LOADED_KEY = 'demo_loaded';

/**
 * Bound parameters per statement. SQLite allows 32,766 since 3.32 (better-sqlite3 ships a newer one),
 * PostgreSQL 65,535; staying under 30,000 and 500 rows keeps every statement fast on both.
 */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 500;

async function inBatches<R extends object>(
  rows: readonly R[],
  insert: (batch: R[]) => Promise<unknown>,
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / Object.keys(first).length)));
  for (let i = 0; i < rows.length; i += size) {
    await insert(rows.slice(i, i + size));
  }
}

export async function findSetting(db: DbExecutor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function upsertSetting(db: DbExecutor, key: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

/** The built-in 'system' account of the command line does not count as a user. */
export async function hasAnyRow(db: DbExecutor, table: 'users' | 'comuni' | 'households'): Promise<boolean> {
  const row = await db.selectFrom(table).select('id').where('id', '!=', 'system').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Raises a named sequence to at least `value` (never lowers it), so that later numbers do not collide. */
export async function raiseSequence(db: DbExecutor, name: string, value: number): Promise<void> {
  const row = await db.selectFrom('sequences').select('value').where('name', '=', name).executeTakeFirst();
  if (row === undefined) {
    await db.insertInto('sequences').values({ name, value }).execute();
  } else if (Number(row.value) < value) {
    await db.updateTable('sequences').set({ value }).where('name', '=', name).execute();
  }
}

export interface DemoRowsExtra {
  /** The hash of the one password of the demo accounts. */
  readonly passwordHash: string;
  /** The snapshot of the requirement checks (JSON) of each review, by review id. */
  readonly reviewChecks: ReadonlyMap<string, string>;
}

/** Inserts every demo row, parents before children (the foreign keys are checked per statement). */
export async function insertDemoRows(db: DbExecutor, data: DemoData, extra: DemoRowsExtra): Promise<void> {
  const { passwordHash } = extra;
  await inBatches(data.ambiti, (b) => db.insertInto('ambiti').values(b).execute());
  await inBatches(data.comuni, (b) => db.insertInto('comuni').values(b).execute());
  await inBatches(data.owners, (b) => db.insertInto('owners').values(b).execute());
  await inBatches(data.partners, (b) => db.insertInto('partners').values(b).execute());
  const users = data.users.map((u) => ({ ...u, password_hash: passwordHash }));
  await inBatches(users, (b) => db.insertInto('users').values(b).execute());
  await inBatches(data.units, (b) => db.insertInto('units').values(b).execute());
  await inBatches(data.households, (b) => db.insertInto('households').values(b).execute());
  await inBatches(data.members, (b) => db.insertInto('members').values(b).execute());
  await inBatches(data.iseeRecords, (b) => db.insertInto('isee_records').values(b).execute());
  await inBatches(data.vulnerabilities, (b) => db.insertInto('vulnerabilities').values(b).execute());
  await inBatches(data.notes, (b) => db.insertInto('household_notes').values(b).execute());
  await inBatches(data.calls, (b) => db.insertInto('calls').values(b).execute());
  await inBatches(data.callQuotas, (b) => db.insertInto('call_owner_quotas').values(b).execute());
  await inBatches(data.callUnits, (b) => db.insertInto('call_units').values(b).execute());
  await inBatches(data.applications, (b) => db.insertInto('applications').values(b).execute());
  const reviews = data.reviews.map((r) => ({ ...r, checks: extra.reviewChecks.get(r.id) ?? '[]' }));
  await inBatches(reviews, (b) => db.insertInto('application_reviews').values(b).execute());
  await inBatches(data.timelineEvents, (b) => db.insertInto('timeline_events').values(b).execute());
  await inBatches(data.shares, (b) => db.insertInto('household_shares').values(b).execute());
}

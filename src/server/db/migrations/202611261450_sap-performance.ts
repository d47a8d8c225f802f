// Frozen once landed on main: never edit it afterwards; add a new migration instead.
// The ranking run keeps its single order in one compact text (core/sap/ranking-order.ts), so an
// assignment run reads one row instead of every entry of every (owner, Comune) ranking; assignment
// runs derive each application's outcome from their stored snapshot instead of writing one row per
// application. Older runs keep working from their entries and outcome rows.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ranking_runs').addColumn('order_index', 'text').execute();
  // The latest review of each application, read for every application of a call, straight from
  // the index (no sort, no table access).
  await db.schema
    .createIndex('application_reviews_latest_idx')
    .on('application_reviews')
    .columns(['application_id', 'decided_at', 'id', 'decision'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible: restore a backup instead.');
}

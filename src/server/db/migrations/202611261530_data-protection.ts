// Frozen once landed on main with content: never edit it afterwards; add a new migration instead.
// Reliability and data-protection duties (issue 7): idempotency keys of state-changing API
// requests, runs of the retention job and the files it pseudonymised, personal-data exports.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const instant = isPg ? ('timestamptz' as const) : ('text' as const);
  const day = isPg ? ('date' as const) : ('text' as const);

  // One row per (user, Idempotency-Key): a retried request replays the stored response instead of
  // acting twice. Kept in the database, not in memory, so that every app process sees it.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // Null while the first request is still being handled.
    .addColumn('status_code', 'integer')
    .addColumn('content_type', 'text')
    .addColumn('response_body', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('completed_at', instant)
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();

  // Each run of the retention job (also dry runs): when, with which cut-off, what it did.
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', instant, (c) => c.notNull())
    .addColumn('finished_at', instant, (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('years', 'integer', (c) => c.notNull())
    .addColumn('cutoff_on', day, (c) => c.notNull())
    .addColumn('households_count', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('run_by', 'text')
    .execute();

  // The files a retention run pseudonymised: never again, and the export says so.
  await db.schema
    .createTable('pseudonymised_households')
    .addColumn('household_id', 'text', (c) => c.primaryKey().references('households.id'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('retention_runs.id'))
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('pseudonymised_at', instant, (c) => c.notNull())
    .execute();

  for (const table of ['retention_runs', 'pseudonymised_households']) {
    if (isPg) {
      await sql`
        create function ${sql.id(`${table}_append_only_fn`)}() returns trigger language plpgsql as $$
        begin
          raise exception 'append-only table: %', tg_table_name;
        end $$`.execute(db);
      await sql`
        create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.id(table)}
        for each row execute function ${sql.id(`${table}_append_only_fn`)}()`.execute(db);
    } else {
      await sql`
        create trigger ${sql.id(`${table}_no_update`)} before update on ${sql.id(table)}
        begin select raise(abort, 'append-only table'); end`.execute(db);
      await sql`
        create trigger ${sql.id(`${table}_no_delete`)} before delete on ${sql.id(table)}
        begin select raise(abort, 'append-only table'); end`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible: restore a backup instead.');
}

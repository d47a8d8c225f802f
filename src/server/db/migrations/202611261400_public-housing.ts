// Frozen migration: public housing (SAP) — housing stock history, calls, applications, reviews,
// rankings, corrections and assignments. Decisions are append-only tables; locks keep the
// "one unit per household, one household per unit" invariants under concurrency.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

function types(db: Kysely<unknown>) {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    instant: isPg ? ('timestamptz' as const) : ('text' as const),
    day: isPg ? ('date' as const) : ('text' as const),
    cents: 'bigint' as const,
  };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  // The command line acts as this account (never able to log in: inactive, no usable password),
  // so that batch work is attributed in the audit log and in created_by columns.
  const at = new Date().toISOString();
  await sql`
    insert into users (id, username, display_name, email, password_hash, role, partner_id, active, created_at, password_changed_at)
    values ('system', 'system', 'Riga di comando (abitare)', null, '!', 'admin', null, 0, ${at}, ${at})`.execute(db);

  await db.schema.alterTable('units').addColumn('works_cost_cents', t.cents).execute();
  await db.schema.alterTable('units').addColumn('reserve_category', 'text').execute();
  await db.schema.alterTable('units').addColumn('updated_at', t.instant).execute();

  await db.schema
    .createTable('unit_state_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('works_cost_cents', t.cents)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('changed_at', t.instant, (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('unit_state_changes_unit_idx')
    .on('unit_state_changes')
    .columns(['unit_id', 'changed_at'])
    .execute();

  // One row per imported file: the hash makes a re-import of the same file a no-op.
  await db.schema
    .createTable('file_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('call_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('rows_count', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('imported_at', t.instant, (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('file_imports_once', ['kind', 'call_key', 'sha256'])
    .execute();

  // Points schemes for calls scored locally: versioned data, one row per (code, version), never edited.
  await db.schema
    .createTable('scoring_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('valid_from', t.day, (c) => c.notNull())
    .addColumn('valid_to', t.day)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('scoring_schemes_version_once', ['code', 'version'])
    .execute();

  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('ambito_id', 'text', (c) => c.notNull().references('ambiti.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('opens_on', t.day, (c) => c.notNull())
    .addColumn('closes_on', t.day, (c) => c.notNull())
    .addColumn('scoring', 'text', (c) => c.notNull())
    .addColumn('scheme_code', 'text')
    .addColumn('scheme_version', 'text')
    .addColumn('indigent_percent', 'integer', (c) => c.notNull())
    .addColumn('tie_break_keys', 'text', (c) => c.notNull())
    .addColumn('draw_seed', 'bigint', (c) => c.notNull())
    .addColumn('refusal_policy', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('call_owner_quotas')
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('owners.id'))
    .addColumn('reserve_percent', 'integer', (c) => c.notNull())
    .addColumn('police_percent', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_owner_quotas_pk', ['call_id', 'owner_id'])
    .execute();

  await db.schema
    .createTable('call_units')
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('reserve_category', 'text')
    .addColumn('added_at', t.instant, (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.references('file_imports.id'))
    .addPrimaryKeyConstraint('call_units_pk', ['call_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id'))
    .addColumn('platform_id', 'text', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('submitted_at', t.instant, (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('applicant_fiscal_code', 'text', (c) => c.notNull())
    .addColumn('applicant_last_name', 'text', (c) => c.notNull())
    .addColumn('applicant_first_name', 'text', (c) => c.notNull())
    .addColumn('residence_comune_id', 'text', (c) => c.references('comuni.id'))
    .addColumn('residence_comune_name', 'text', (c) => c.notNull())
    .addColumn('work_comune_id', 'text', (c) => c.references('comuni.id'))
    .addColumn('work_comune_name', 'text')
    .addColumn('members_count', 'integer', (c) => c.notNull())
    .addColumn('isee_cents', t.cents, (c) => c.notNull())
    // ISBAR × 1000, an integer so that ordering and equality are exact on both databases.
    .addColumn('isbar_milli', 'integer', (c) => c.notNull())
    .addColumn('indigent', 'integer', (c) => c.notNull())
    .addColumn('indigence_attested', 'integer', (c) => c.notNull())
    .addColumn('reserve_categories', 'text', (c) => c.notNull())
    .addColumn('max_invalidity_percent', 'integer')
    .addColumn('choice_1_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('choice_2_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.references('file_imports.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('applications_platform_id_once', ['call_id', 'platform_id'])
    .execute();
  await db.schema.createIndex('applications_household_idx').on('applications').column('household_id').execute();

  await db.schema
    .createTable('application_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('fiscal_code', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', t.day)
    .addColumn('relation', 'text')
    .addColumn('invalidity_percent', 'integer')
    .execute();
  await db.schema
    .createIndex('application_members_application_idx')
    .on('application_members')
    .column('application_id')
    .execute();

  // Requirement review (istruttoria): append-only; the latest row per application is in force.
  await db.schema
    .createTable('application_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('admitted', 'excluded')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('decided_at', t.instant, (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema
    .createIndex('application_reviews_application_idx')
    .on('application_reviews')
    .columns(['application_id', 'decided_at'])
    .execute();

  await db.schema
    .createTable('ranking_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id'))
    .addColumn('ruleset_version', 'text', (c) => c.notNull())
    .addColumn('tie_break_keys', 'text', (c) => c.notNull())
    .addColumn('seed', 'bigint', (c) => c.notNull())
    .addColumn('input_hash', 'text', (c) => c.notNull())
    // The exact inputs (canonical JSON), so that `abitare sap verify` recomputes the same run.
    .addColumn('inputs_snapshot', 'text', (c) => c.notNull())
    .addColumn('supersedes_id', 'text', (c) => c.references('ranking_runs.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  // The state of a run (draft → provisional → final) is derived from these events.
  await db.schema
    .createTable('ranking_run_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('ranking_runs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', t.day, (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('ranking_entries')
    .addColumn('run_id', 'text', (c) => c.notNull().references('ranking_runs.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('owners.id'))
    .addColumn('comune_id', 'text', (c) => c.notNull().references('comuni.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('isbar_milli', 'integer', (c) => c.notNull())
    .addColumn('indigent', 'integer', (c) => c.notNull())
    .addColumn('unit_ids', 'text', (c) => c.notNull())
    .addColumn('sort_keys', 'text', (c) => c.notNull())
    // For calls scored locally: the points scheme's breakdown (JSON), so the position can be explained.
    .addColumn('score_detail', 'text')
    .addPrimaryKeyConstraint('ranking_entries_pk', ['run_id', 'owner_id', 'comune_id', 'application_id'])
    .execute();
  await db.schema
    .createIndex('ranking_entries_position_idx')
    .on('ranking_entries')
    .columns(['run_id', 'owner_id', 'comune_id', 'position'])
    .execute();
  await db.schema
    .createIndex('ranking_entries_application_idx')
    .on('ranking_entries')
    .columns(['application_id', 'run_id'])
    .execute();

  await db.schema
    .createTable('correction_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('ranking_run_id', 'text', (c) => c.notNull().references('ranking_runs.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('invalidity_percent', 'integer', (c) => c.notNull())
    .addColumn('procedure_started_on', t.day, (c) => c.notNull())
    .addColumn('filed_on', t.day, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createTable('correction_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('correction_requests.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('granted', 'rejected')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_on', t.day, (c) => c.notNull())
    .addColumn('decided_at', t.instant, (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();

  await db.schema
    .createTable('assignment_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id'))
    .addColumn('ranking_run_id', 'text', (c) => c.notNull().references('ranking_runs.id'))
    .addColumn('input_hash', 'text', (c) => c.notNull())
    .addColumn('refusal_policy', 'text', (c) => c.notNull())
    .addColumn('inputs_snapshot', 'text', (c) => c.notNull())
    .addColumn('supersedes_id', 'text', (c) => c.references('assignment_runs.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createTable('assignment_proposals')
    .addColumn('run_id', 'text', (c) => c.notNull().references('assignment_runs.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignment_proposals_pk', ['run_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('assignment_outcomes')
    .addColumn('run_id', 'text', (c) => c.notNull().references('assignment_runs.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignment_outcomes_pk', ['run_id', 'application_id'])
    .execute();

  // An officer's assignment of a unit, and its append-only history (confirmed, offered,
  // accepted/refused, decided, contract signed, cancelled): the status is derived from events.
  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('run_id', 'text', (c) => c.references('assignment_runs.id'))
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createTable('assignment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', t.day, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('justified', 'integer')
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('assignment_events_assignment_idx')
    .on('assignment_events')
    .columns(['assignment_id', 'at'])
    .execute();
  // Live claims: a unit, and an application, can be held by one open assignment at a time. The
  // primary keys make the database refuse a second claim even under concurrent requests.
  await db.schema
    .createTable('unit_claims')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .execute();
  await db.schema
    .createTable('application_claims')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function append_only_table() returns trigger language plpgsql as $$
      begin
        raise exception 'append-only table: %', tg_table_name;
      end $$`.execute(db);
  }
  for (const table of [
    'unit_state_changes',
    'application_reviews',
    'ranking_run_events',
    'correction_decisions',
    'assignment_events',
  ]) {
    await appendOnly(db, table);
  }
}

async function appendOnly(db: Kysely<unknown>, table: string): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.id(table)}
      for each row execute function append_only_table()`.execute(db);
  } else {
    await sql`
      create trigger ${sql.id(`${table}_no_update`)} before update on ${sql.id(table)}
      begin select raise(abort, 'append-only table'); end`.execute(db);
    await sql`
      create trigger ${sql.id(`${table}_no_delete`)} before delete on ${sql.id(table)}
      begin select raise(abort, 'append-only table'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted: restore a backup instead.');
}

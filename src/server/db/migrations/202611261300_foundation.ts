// Frozen migration: never edit after it lands; add a new timestamped file instead.
// It imports nothing from the application, so that it means the same thing forever.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

function types(db: Kysely<unknown>) {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    // Instants are UTC ISO strings on SQLite and timestamptz on PostgreSQL (read back as ISO).
    instant: isPg ? ('timestamptz' as const) : ('text' as const),
    // Calendar days are 'YYYY-MM-DD' text on SQLite and date on PostgreSQL (read back as text).
    day: isPg ? ('date' as const) : ('text' as const),
    // Money in integer cents; bigint on PostgreSQL (read back as number).
    cents: 'bigint' as const,
  };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  await db.schema
    .createTable('ambiti')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('comuni')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ambito_id', 'text', (c) => c.notNull().references('ambiti.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('istat_code', 'text', (c) => c.notNull().unique())
    .addColumn('belfiore_code', 'text', (c) => c.notNull().unique())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('is_lead', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('owners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('comune', 'aler', 'other')`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('comune_id', 'text', (c) => c.references('comuni.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fiscal_code', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`role in ('admin', 'manager', 'front_desk', 'social_worker', 'housing_officer', 'partner', 'observer')`,
        ),
    )
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('password_changed_at', t.instant, (c) => c.notNull())
    .execute();

  // An empty scope means every Comune of the Ambito.
  await db.schema
    .createTable('user_comuni')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('comune_id', 'text', (c) => c.notNull().references('comuni.id'))
    .addPrimaryKeyConstraint('user_comuni_pk', ['user_id', 'comune_id'])
    .execute();

  // The cookie carries a random token; only its SHA-256 is stored here.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('last_seen_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('attempted_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_attempts_lookup_idx')
    .on('login_attempts')
    .columns(['username', 'attempted_at'])
    .execute();

  // Append-only: the application never updates or deletes a row (triggers below enforce it).
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('household_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('ok', 'denied', 'failed')`))
    .addColumn('request_id', 'text')
    .addColumn('method', 'text')
    .addColumn('path', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_user_idx').on('audit_log').columns(['user_id', 'at']).execute();
  await db.schema.createIndex('audit_log_household_idx').on('audit_log').columns(['household_id', 'at']).execute();

  await db.schema
    .createTable('households')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('comune_id', 'text', (c) => c.notNull().references('comuni.id'))
    .addColumn('address_street', 'text', (c) => c.notNull())
    .addColumn('address_number', 'text')
    .addColumn('address_postcode', 'text')
    .addColumn('address_city', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('pec', 'text')
    .addColumn('lone_parent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('households_comune_idx').on('households').column('comune_id').execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('fiscal_code', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('last_name_norm', 'text', (c) => c.notNull())
    .addColumn('birth_date', t.day, (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('F', 'M')`))
    .addColumn('relation', 'text', (c) => c.notNull())
    // Null when unknown (e.g. a file opened by an import from the regional platform, which carries none).
    .addColumn('citizenship', 'text')
    .addColumn('permit_kind', 'text')
    .addColumn('permit_expires_on', t.day)
    .addColumn('disability_percent', 'integer')
    .addColumn('disability_kind', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_household_idx').on('members').column('household_id').execute();
  await db.schema.createIndex('members_fiscal_code_idx').on('members').column('fiscal_code').execute();
  await db.schema.createIndex('members_last_name_idx').on('members').column('last_name_norm').execute();

  await db.schema
    .createTable('isee_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('ordinario', 'corrente', 'minorenni', 'socio_sanitario')`),
    )
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('value_cents', t.cents, (c) => c.notNull())
    .addColumn('dsu_submitted_on', t.day, (c) => c.notNull())
    .addColumn('valid_until', t.day, (c) => c.notNull())
    .addColumn('members_count', 'integer', (c) => c.notNull())
    .addColumn('isee_members', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('isee_household_idx').on('isee_records').column('household_id').execute();

  await db.schema
    .createTable('vulnerabilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('vulnerabilities_household_idx').on('vulnerabilities').column('household_id').execute();

  // 'audience' limits who may read a note: 'all' staff of the file, 'social' (social workers and managers) only.
  await db.schema
    .createTable('household_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('all', 'social')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('timeline_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('timeline_household_idx').on('timeline_events').columns(['household_id', 'at']).execute();

  // What a partner organisation may see: a household is shared with it explicitly, and the share can end.
  await db.schema
    .createTable('household_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('granted_at', t.instant, (c) => c.notNull())
    .addColumn('revoked_at', t.instant)
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('household_shares_partner_idx')
    .on('household_shares')
    .columns(['partner_id', 'household_id'])
    .execute();

  // Named counters for human-readable numbers (household codes, protocol numbers), one row per sequence.
  await db.schema
    .createTable('sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  // The housing stock: the public-housing feature extends it (states history, calls, adequacy).
  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('owners.id'))
    .addColumn('comune_id', 'text', (c) => c.notNull().references('comuni.id'))
    .addColumn('programme', 'text', (c) => c.notNull().check(sql`programme in ('sap', 'por', 'sas', 'sat', 'other')`))
    .addColumn('address_street', 'text', (c) => c.notNull())
    .addColumn('address_number', 'text')
    .addColumn('floor_area_dm2', 'integer', (c) => c.notNull())
    .addColumn('rooms', 'integer', (c) => c.notNull())
    .addColumn('floor', 'integer', (c) => c.notNull())
    .addColumn('has_lift', 'integer', (c) => c.notNull())
    .addColumn('accessible', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_owner_idx').on('units').columns(['owner_id', 'comune_id']).execute();

  // Key/value facts about the installation (e.g. whether demo data was loaded).
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only';
      end $$`.execute(db);
    await sql`
      create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`
      create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`
      create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted: restore a backup instead.');
}

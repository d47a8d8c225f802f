// Frozen once landed on main with content: never edit it afterwards; add a new migration instead.
// Communications (protocol register, messages, letters, outbox), scheduled jobs, citizen portal
// sessions and document requests. The protocol register is append-only.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

function types(db: Kysely<unknown>) {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    isPg,
    instant: isPg ? ('timestamptz' as const) : ('text' as const),
    day: isPg ? ('date' as const) : ('text' as const),
  };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  // Scheduled jobs: one row per registered job, one row per (job, slot) claimed by a runner.
  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('registered_at', t.instant, (c) => c.notNull())
    .addColumn('last_slot', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_finished_at', t.instant)
    .execute();
  // The unique (job, slot) key is what makes a slot run once across processes; the lease lets
  // another runner take over a run whose process died.
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('runner_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('started_at', t.instant, (c) => c.notNull())
    .addColumn('lease_until', t.instant, (c) => c.notNull())
    .addColumn('finished_at', t.instant)
    .addColumn('error', 'text')
    .addUniqueConstraint('job_runs_once', ['job_name', 'slot'])
    .execute();

  // The local protocol register: one gapless number sequence per year (sequence 'protocol-YYYY').
  await db.schema
    .createTable('protocol_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull().unique())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('out', 'in')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('correspondent', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.references('households.id'))
    .addColumn('registered_at', t.instant, (c) => c.notNull())
    .addColumn('registered_by', 'text')
    .addUniqueConstraint('protocol_entries_number', ['year', 'number'])
    .execute();

  // A message to a household: the rendered text of a template, kept as sent.
  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_fiscal_code', 'text')
    .addColumn('comune_id', 'text', (c) => c.notNull().references('comuni.id'))
    .addColumn('protocol_entry_id', 'text', (c) => c.references('protocol_entries.id'))
    // Reminders carry a key so that the scheduled job never writes the same reminder twice.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('messages_household_idx')
    .on('messages')
    .columns(['household_id', 'created_at'])
    .execute();

  // The outbox: one row per (message, channel). The idempotency key goes to the provider.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'io')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('pending', 'sending', 'sent', 'failed', 'uncertain')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', t.instant, (c) => c.notNull())
    .addColumn('lease_until', t.instant)
    .addColumn('provider_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_message_idx').on('outbox').column('message_id').execute();

  // Citizens are not staff: their own sessions, never in `sessions`, so no staff route accepts them.
  await db.schema
    .createTable('citizen_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('fiscal_code', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('last_seen_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  // An OpenID Connect login in progress: state, nonce and PKCE verifier until the callback.
  await db.schema
    .createTable('portal_login_requests')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  // What the office asks a household to provide; the files go to the document store (`documents`,
  // owner_kind 'document_request').
  await db.schema
    .createTable('document_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('message_id', 'text', (c) => c.references('messages.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('due_on', t.day, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('document_requests_household_idx')
    .on('document_requests')
    .column('household_id')
    .execute();

  // The observatory's pre-aggregated cells (one row per dataset, Comune, year and keys), rebuilt by a
  // scheduled job, so that the dashboards read a few thousand rows instead of millions of events.
  await db.schema
    .createTable('observatory_cells')
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('comune_id', 'text', (c) => c.notNull())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('key1', 'text', (c) => c.notNull())
    .addColumn('key2', 'text', (c) => c.notNull())
    .addColumn('n1', 'bigint', (c) => c.notNull())
    .addColumn('n2', 'bigint', (c) => c.notNull())
    .addColumn('n3', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('observatory_cells_lookup_idx')
    .on('observatory_cells')
    .columns(['dataset', 'comune_id', 'year'])
    .execute();

  if (t.isPg) {
    await sql`
      create function protocol_entries_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'protocol_entries is append-only';
      end $$`.execute(db);
    await sql`
      create trigger protocol_entries_no_change before update or delete on protocol_entries
      for each row execute function protocol_entries_append_only()`.execute(db);
  } else {
    await sql`
      create trigger protocol_entries_no_update before update on protocol_entries
      begin select raise(abort, 'protocol_entries is append-only'); end`.execute(db);
    await sql`
      create trigger protocol_entries_no_delete before delete on protocol_entries
      begin select raise(abort, 'protocol_entries is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible: restore a backup instead.');
}

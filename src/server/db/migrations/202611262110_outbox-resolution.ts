// Frozen once landed on main: never edit it afterwards; add a new migration instead.
// An operator resolves a delivery that failed for good or whose outcome is unknown (the process
// stopped between the provider's answer and the record): confirmed delivered, sent again, or
// abandoned, with a note. The decision is kept on the outbox row, and on the timeline and audit log.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('resolution', 'text', (c) => c.check(sql`resolution in ('delivered', 'resend', 'abandoned')`))
    .execute();
  await db.schema.alterTable('outbox').addColumn('resolution_note', 'text').execute();
  await db.schema
    .alterTable('outbox')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .execute();
  const instant = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';
  await db.schema.alterTable('outbox').addColumn('resolved_at', instant).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible: restore a backup instead.');
}

// Frozen once landed on main: never edit it afterwards; add a new migration instead.
// Each application keeps the decision of its latest review (applications.latest_decision), set by a
// trigger when a review is recorded: the assignment run reads 100,000 applications with their
// decision in one scan, without looking up each one's reviews (issue 3, performance). Reviews stay
// append-only and remain the record; the column is derived from them and never written otherwise.
// On PostgreSQL the run's input snapshot (about 14 MB for 100,000 applications) is compressed with
// lz4 instead of the default pglz, which takes most of a run's write time; a server built without
// lz4 stores it uncompressed instead.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('latest_decision', 'text').execute();
  await sql`
    update applications set latest_decision = (
      select r.decision from application_reviews r where r.application_id = applications.id
      order by r.decided_at desc, r.id desc limit 1)`.execute(db);
  // "Latest" as everywhere else: the latest decided_at, then the greatest id.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function application_latest_decision() returns trigger language plpgsql as $$
      begin
        if not exists (
          select 1 from application_reviews r
          where r.application_id = new.application_id
            and (r.decided_at > new.decided_at or (r.decided_at = new.decided_at and r.id > new.id))
        ) then
          update applications set latest_decision = new.decision where id = new.application_id;
        end if;
        return null;
      end $$`.execute(db);
    await sql`
      create trigger application_reviews_latest after insert on application_reviews
      for each row execute function application_latest_decision()`.execute(db);
    await sql`
      do $$ begin
        alter table assignment_runs alter column inputs_snapshot set compression lz4;
      exception when others then
        alter table assignment_runs alter column inputs_snapshot set storage external;
      end $$`.execute(db);
  } else {
    await sql`
      create trigger application_reviews_latest after insert on application_reviews
      when not exists (
        select 1 from application_reviews r
        where r.application_id = new.application_id
          and (r.decided_at > new.decided_at or (r.decided_at = new.decided_at and r.id > new.id))
      )
      begin
        update applications set latest_decision = new.decision where id = new.application_id;
      end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible: restore a backup instead.');
}

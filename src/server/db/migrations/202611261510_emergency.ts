// Frozen once landed on main with content: never edit it afterwards; add a new migration instead.
// Housing emergency (issue 5): partner network (partners extended, contacts, locations, agreements,
// referrals), evictions with their append-only events and the historical yearly totals, temporary
// units run by partners with placements, renewals, co-payments, educator reports, conflicts, and
// accompaniment plans. It imports nothing from the application.
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

  // ---- Partner network -------------------------------------------------------------------
  await db.schema.alterTable('partners').addColumn('services', 'text').execute();
  await db.schema.alterTable('partners').addColumn('notes', 'text').execute();
  await db.schema.alterTable('partners').addColumn('updated_at', t.instant).execute();

  await db.schema
    .createTable('partner_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role_label', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_contacts_partner_idx').on('partner_contacts').column('partner_id').execute();

  await db.schema
    .createTable('partner_locations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('comune_id', 'text', (c) => c.references('comuni.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_locations_partner_idx').on('partner_locations').column('partner_id').execute();

  // Convenzioni: subject, dates, places and the monthly cost per place.
  await db.schema
    .createTable('agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('starts_on', t.day, (c) => c.notNull())
    .addColumn('ends_on', t.day, (c) => c.notNull())
    .addColumn('places', 'integer', (c) => c.notNull().check(sql`places >= 0`))
    .addColumn('cost_per_place_month_cents', t.cents, (c) => c.notNull().check(sql`cost_per_place_month_cents >= 0`))
    .addColumn('notes', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addCheckConstraint('agreements_dates', sql`ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex('agreements_partner_idx').on('agreements').column('partner_id').execute();

  // A referral between the agency and a partner, with its legal basis; the share it opened is revoked
  // when the referral is declined or revoked.
  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('to_partner', 'to_agency')`))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'accepted', 'declined', 'revoked')`),
    )
    .addColumn('share_id', 'text', (c) => c.references('household_shares.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', t.instant)
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decision_note', 'text')
    .addColumn('revoked_at', t.instant)
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .addColumn('revocation_reason', 'text')
    .execute();
  await db.schema.createIndex('referrals_partner_idx').on('referrals').columns(['partner_id', 'status']).execute();
  await db.schema.createIndex('referrals_household_idx').on('referrals').column('household_id').execute();

  // ---- Evictions (rules.md §6) -------------------------------------------------------------
  await db.schema
    .createTable('evictions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('comune_id', 'text', (c) => c.notNull().references('comuni.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('court', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text')
    .addColumn('landlord_name', 'text', (c) => c.notNull())
    .addColumn('landlord_kind', 'text', (c) =>
      c.notNull().check(sql`landlord_kind in ('private', 'aler', 'comune', 'other_public', 'company')`),
    )
    .addColumn('motive', 'text', (c) =>
      c.notNull().check(sql`motive in ('landlord_need', 'end_of_lease', 'arrears', 'other')`),
    )
    .addColumn('arrears_cents', t.cents)
    .addColumn('reported_by', 'text', (c) =>
      c.notNull().check(sql`reported_by in ('court', 'landlord', 'household', 'social_services', 'other')`),
    )
    .addColumn('reported_on', t.day, (c) => c.notNull())
    .addColumn('social_worker_id', 'text', (c) => c.references('users.id'))
    .addColumn('notes', 'text')
    // Cached from the events by the pure derivation, for lists and filters; the events are the truth.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('planned_release_on', t.day)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evictions_household_idx').on('evictions').column('household_id').execute();
  await db.schema
    .createIndex('evictions_status_idx')
    .on('evictions')
    .columns(['status', 'planned_release_on'])
    .execute();

  await db.schema
    .createTable('eviction_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('eviction_id', 'text', (c) => c.notNull().references('evictions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', t.day, (c) => c.notNull())
    .addColumn('planned_on', t.day)
    .addColumn('visit_outcome', 'text')
    .addColumn('police_present', 'integer')
    .addColumn('hearing_outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('eviction_events_seq_once', ['eviction_id', 'seq'])
    .execute();

  // Yearly totals from before the register (the seed's 2012–2017 table) or from the Ministry's report.
  await db.schema
    .createTable('eviction_yearly_totals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('issued', 'integer', (c) => c.notNull())
    .addColumn('issued_landlord_need', 'integer')
    .addColumn('issued_end_of_lease', 'integer')
    .addColumn('issued_arrears_other', 'integer')
    .addColumn('execution_requests', 'integer')
    .addColumn('executed', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', t.instant, (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('eviction_yearly_totals_once', ['scope', 'year'])
    .execute();

  // ---- Temporary housing ---------------------------------------------------------------------
  await db.schema
    .createTable('temporary_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('agreement_id', 'text', (c) => c.references('agreements.id'))
    .addColumn('comune_id', 'text', (c) => c.notNull().references('comuni.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('capacity_places', 'integer', (c) => c.notNull().check(sql`capacity_places > 0`))
    .addColumn('rooms', 'integer', (c) => c.notNull().check(sql`rooms > 0`))
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('target_group', 'text', (c) => c.notNull())
    .addColumn('stay_kind', 'text', (c) => c.notNull().check(sql`stay_kind in ('hospitality', 'sat')`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('notes', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('placements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('temporary_units.id'))
    .addColumn('eviction_id', 'text', (c) => c.references('evictions.id'))
    .addColumn('places_used', 'integer', (c) => c.notNull().check(sql`places_used > 0`))
    .addColumn('stay_kind', 'text', (c) => c.notNull().check(sql`stay_kind in ('hospitality', 'sat')`))
    .addColumn('starts_on', t.day, (c) => c.notNull())
    .addColumn('planned_end_on', t.day, (c) => c.notNull())
    .addColumn('monthly_grant_cents', t.cents, (c) => c.notNull())
    .addColumn('monthly_copayment_cents', t.cents, (c) => c.notNull())
    .addColumn('educator_name', 'text')
    .addColumn('exit_plan', 'text')
    .addColumn('exit_plan_on', t.day)
    .addColumn('exited_on', t.day)
    .addColumn('exit_destination', 'text')
    .addColumn('exit_note', 'text')
    .addColumn('share_id', 'text', (c) => c.references('household_shares.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('placements_dates', sql`planned_end_on > starts_on`)
    .execute();
  await db.schema.createIndex('placements_unit_idx').on('placements').columns(['unit_id', 'exited_on']).execute();
  await db.schema.createIndex('placements_household_idx').on('placements').column('household_id').execute();

  await db.schema
    .createTable('placement_renewals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('placement_id', 'text', (c) => c.notNull().references('placements.id'))
    .addColumn('decided_on', t.day, (c) => c.notNull())
    .addColumn('previous_end_on', t.day, (c) => c.notNull())
    .addColumn('new_end_on', t.day, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('placement_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('placement_id', 'text', (c) => c.notNull().references('placements.id'))
    .addColumn('period_month', 'text', (c) => c.notNull())
    .addColumn('amount_cents', t.cents, (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('paid_on', t.day, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('placement_payments_idx').on('placement_payments').column('placement_id').execute();

  await db.schema
    .createTable('placement_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('placement_id', 'text', (c) => c.notNull().references('placements.id'))
    .addColumn('reported_on', t.day, (c) => c.notNull())
    .addColumn('period_from', t.day, (c) => c.notNull())
    .addColumn('period_to', t.day, (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('author_partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('placement_reports_period', sql`period_to >= period_from`)
    .execute();
  await db.schema.createIndex('placement_reports_idx').on('placement_reports').column('placement_id').execute();

  await db.schema
    .createTable('placement_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('placement_id', 'text', (c) => c.notNull().references('placements.id'))
    .addColumn('occurred_on', t.day, (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('low', 'medium', 'high')`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('follow_up', 'text')
    .addColumn('resolved_on', t.day)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('placement_conflicts_idx').on('placement_conflicts').column('placement_id').execute();

  // ---- Accompaniment plans -----------------------------------------------------------------
  await db.schema
    .createTable('support_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('opened_on', t.day, (c) => c.notNull())
    .addColumn('next_review_on', t.day)
    .addColumn('closed_on', t.day)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('support_plans_household_idx').on('support_plans').column('household_id').execute();

  await db.schema
    .createTable('plan_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('support_plans.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('support_plans.id'))
    .addColumn('goal_id', 'text', (c) => c.references('plan_goals.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('responsible_kind', 'text', (c) =>
      c.notNull().check(sql`responsible_kind in ('agency', 'social_worker', 'partner', 'educator', 'household')`),
    )
    .addColumn('responsible_name', 'text', (c) => c.notNull())
    .addColumn('responsible_partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('due_on', t.day)
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('planned', 'in_progress', 'done', 'cancelled')`),
    )
    .addColumn('done_on', t.day)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_actions_plan_idx').on('plan_actions').column('plan_id').execute();

  await db.schema
    .createTable('plan_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('support_plans.id'))
    .addColumn('reviewed_on', t.day, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();

  // The équipe: agency staff (user_id) and people of partner organisations (partner_id + name).
  await db.schema
    .createTable('plan_team_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('support_plans.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role_label', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  // Decisions and history are append-only (the function was created by the public-housing migration).
  for (const table of [
    'eviction_events',
    'placement_renewals',
    'placement_payments',
    'placement_reports',
    'plan_reviews',
  ]) {
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
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible: restore a backup instead.');
}

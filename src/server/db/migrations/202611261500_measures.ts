// Frozen once landed on main with content: never edit it afterwards; add a new migration instead.
// Front desk, support measures, funds and payments (issue 4), and the project's document store.
// Money in bigint cents; decisions, fund movements and payments are append-only (corrections are new rows).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

function types(db: Kysely<unknown>) {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    isPg,
    instant: isPg ? ('timestamptz' as const) : ('text' as const),
    day: isPg ? ('date' as const) : ('text' as const),
    cents: 'bigint' as const,
  };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  // The document store of the whole project: files live outside the web root under a random
  // name; this row is the only way to find them again.
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.references('households.id'))
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('stored_at', t.instant, (c) => c.notNull())
    .addColumn('stored_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('documents_owner_idx').on('documents').columns(['owner_kind', 'owner_id']).execute();
  await db.schema.createIndex('documents_household_idx').on('documents').column('household_id').execute();

  // Funds: a budget per year; committed and paid totals are moved only by conditional updates
  // (committed + x <= budget), so two approvals racing for the last euros cannot both win.
  await db.schema
    .createTable('funds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('budget_cents', t.cents, (c) => c.notNull().check(sql`budget_cents >= 0`))
    .addColumn('committed_cents', t.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('paid_cents', t.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('funds_code_year_once', ['code', 'year'])
    .addCheckConstraint('funds_committed_within_budget', sql`committed_cents >= 0 and committed_cents <= budget_cents`)
    .addCheckConstraint('funds_paid_within_committed', sql`paid_cents >= 0 and paid_cents <= committed_cents`)
    .execute();

  await db.schema
    .createTable('measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('fund_code', 'text', (c) => c.notNull())
    .addColumn('payee', 'text', (c) => c.notNull().check(sql`payee in ('tenant', 'landlord')`))
    .addColumn('valid_from', t.day, (c) => c.notNull())
    .addColumn('valid_to', t.day)
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('required_documents', 'text', (c) => c.notNull())
    .addColumn('approval_steps', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();

  // Parameters of a measure's rule, versioned by validity: a version is never edited.
  await db.schema
    .createTable('measure_parameter_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('valid_from', t.day, (c) => c.notNull())
    .addColumn('valid_to', t.day)
    .addColumn('parameters', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('measure_parameter_versions_once', ['measure_id', 'version'])
    .execute();

  // Landlords and agreed-rent contracts (canone concordato, L. 431/1998 art. 2 c.3).
  await db.schema
    .createTable('landlords')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fiscal_code', 'text', (c) => c.notNull())
    .addColumn('iban', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createTable('agreed_rent_contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('landlord_id', 'text', (c) => c.notNull().references('landlords.id'))
    .addColumn('household_id', 'text', (c) => c.references('households.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('comune_id', 'text', (c) => c.notNull().references('comuni.id'))
    .addColumn('local_agreement', 'text', (c) => c.notNull())
    .addColumn('duration_years', 'integer', (c) => c.notNull())
    .addColumn('extension_years', 'integer', (c) => c.notNull())
    .addColumn('monthly_rent_cents', t.cents, (c) => c.notNull())
    .addColumn('starts_on', t.day, (c) => c.notNull())
    .addColumn('registered_on', t.day)
    .addColumn('guarantee_cents', t.cents)
    .addColumn('guarantee_months', 'integer')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('measure_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id'))
    .addColumn('parameter_version_id', 'text', (c) => c.notNull().references('measure_parameter_versions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('applied_on', t.day, (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('applicant_fiscal_code', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('payee_kind', 'text', (c) => c.notNull())
    .addColumn('payee_name', 'text', (c) => c.notNull())
    .addColumn('payee_fiscal_code', 'text', (c) => c.notNull())
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('landlord_id', 'text', (c) => c.references('landlords.id'))
    .addColumn('contract_id', 'text', (c) => c.references('agreed_rent_contracts.id'))
    .addColumn('isee_record_id', 'text')
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('amount_cents', t.cents)
    .addColumn('breakdown', 'text')
    .addColumn('fund_id', 'text', (c) => c.references('funds.id'))
    .addColumn('committed_cents', t.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('paid_cents', t.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('measure_applications_household_idx')
    .on('measure_applications')
    .column('household_id')
    .execute();
  await db.schema
    .createIndex('measure_applications_status_idx')
    .on('measure_applications')
    .columns(['status', 'fund_id'])
    .execute();

  // What happened to an application (submitted, reviewed, approved, paid, …): the status is a projection of these.
  await db.schema
    .createTable('measure_application_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('measure_applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('reason', 'text')
    .addColumn('amount_cents', t.cents)
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('measure_application_events_app_idx')
    .on('measure_application_events')
    .columns(['application_id', 'at'])
    .execute();

  // The fund's ledger: commitment on approval, payment, cancellation, recovery, release; never edited.
  await db.schema
    .createTable('fund_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('fund_id', 'text', (c) => c.notNull().references('funds.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_cents', t.cents, (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.references('measure_applications.id'))
    .addColumn('payment_id', 'text')
    .addColumn('note', 'text')
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('fund_entries_fund_idx').on('fund_entries').columns(['fund_id', 'at']).execute();

  await db.schema
    .createTable('payment_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('fund_id', 'text', (c) => c.notNull().references('funds.id'))
    .addColumn('accounting_reference', 'text', (c) => c.notNull())
    .addColumn('paid_on', t.day, (c) => c.notNull())
    .addColumn('payments_count', 'integer', (c) => c.notNull())
    .addColumn('total_cents', t.cents, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.references('payment_batches.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('payment', 'cancellation', 'recovery')`))
    .addColumn('corrects_payment_id', 'text', (c) => c.references('payments.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('measure_applications.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('fund_id', 'text', (c) => c.notNull().references('funds.id'))
    .addColumn('measure_code', 'text', (c) => c.notNull())
    .addColumn('beneficiary_fiscal_code', 'text', (c) => c.notNull())
    .addColumn('payee_name', 'text', (c) => c.notNull())
    .addColumn('payee_fiscal_code', 'text', (c) => c.notNull())
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('amount_cents', t.cents, (c) => c.notNull())
    .addColumn('on_date', t.day, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('payments_batch_idx').on('payments').column('batch_id').execute();
  await db.schema.createIndex('payments_application_idx').on('payments').column('application_id').execute();
  await db.schema.createIndex('payments_fund_idx').on('payments').columns(['fund_id', 'on_date']).execute();

  // Front desk: contacts, questionnaires, screenings, referrals, appointment slots and bookings.
  await db.schema
    .createTable('frontdesk_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_note', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('operator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('frontdesk_contacts_household_idx')
    .on('frontdesk_contacts')
    .column('household_id')
    .execute();
  await db.schema.createIndex('frontdesk_contacts_at_idx').on('frontdesk_contacts').column('at').execute();
  await db.schema
    .createTable('frontdesk_questionnaires')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('frontdesk_contacts.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createTable('frontdesk_screenings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('frontdesk_contacts.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('as_of', t.day, (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createTable('frontdesk_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('frontdesk_contacts.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('measure_id', 'text', (c) => c.references('measures.id'))
    .addColumn('call_id', 'text', (c) => c.references('calls.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('application_id', 'text', (c) => c.references('measure_applications.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('frontdesk_referrals_partner_idx')
    .on('frontdesk_referrals')
    .column('partner_id')
    .execute();
  await db.schema
    .createTable('appointment_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('starts_at', t.instant, (c) => c.notNull())
    .addColumn('ends_at', t.instant, (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('appointment_slots_once', ['operator_id', 'starts_at'])
    .execute();
  await db.schema
    .createTable('appointment_bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // One live booking per slot: a cancelled booking frees the slot by moving its key aside.
    .addColumn('slot_key', 'text', (c) => c.notNull().unique())
    .addColumn('slot_id', 'text', (c) => c.notNull().references('appointment_slots.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('contact_id', 'text', (c) => c.references('frontdesk_contacts.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('booked_at', t.instant, (c) => c.notNull())
    .addColumn('booked_by', 'text', (c) => c.references('users.id'))
    .addColumn('cancelled_at', t.instant)
    .execute();
  await db.schema.createIndex('appointment_bookings_slot_idx').on('appointment_bookings').column('slot_id').execute();

  for (const table of ['measure_application_events', 'fund_entries', 'payments', 'measure_parameter_versions']) {
    await appendOnly(db, table, t.isPg);
  }
}

async function appendOnly(db: Kysely<unknown>, table: string, isPg: boolean): Promise<void> {
  if (isPg) {
    // append_only_table() was created by the public-housing migration.
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
  throw new Error('Migrations are not reversible: restore a backup instead.');
}

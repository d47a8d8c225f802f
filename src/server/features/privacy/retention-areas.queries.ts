// Retention (GDPR art. 5.1.e, art. 89): the SQL that pseudonymises a closed household file in the
// tables of the front desk and measures (issue 4), the housing emergency (issue 5) and the
// communications (issue 6), and the open procedures of those areas that keep a file open.
// Kept: Comune, dates and years, amounts, measure, categories, statuses and counts (the observatory's
// aggregates are the same before and after). Removed: names, fiscal codes, IBANs, addresses, free text,
// and the files of the stored documents (their metadata row stays, without the original name).
import { PostgresAdapter, sql } from 'kysely';
import type { DbExecutor } from '../../db/client.js';

export const TEXT_REMOVED = 'Testo rimosso (conservazione dei dati)';
const OMISSIS = 'Omissis';
const ADDRESS_REMOVED = 'Indirizzo rimosso';

/** Eviction statuses that end the procedure (core/evictions/eviction-state.ts TERMINAL). */
const EVICTION_FINAL = ['executed', 'released_voluntarily', 'closed'] as const;
/** Measure-application statuses after which nothing more happens (core/measures/application-state.ts). */
const MEASURE_APPLICATION_FINAL = ['not_approved', 'paid', 'revoked'] as const;

/**
 * Append-only tables whose personal columns the retention job rewrites, under a documented exception
 * (docs/privacy/register-of-processing.md): inside the retention transaction only, their "no update"
 * trigger is suspended and restored before the commit; the run's summary and audit row name them.
 * The rows stay (no delete), their amounts, dates and kinds stay; only names, fiscal codes, IBANs and
 * free text are replaced. The audit log, the SAP reviews/decisions and the protocol register
 * (protocol_entries: a registration may not be modified, art. 53 c. 3 DPR 445/2000) are not rewritten.
 */
export const APPEND_ONLY_REWRITTEN = [
  'measure_application_events',
  'fund_entries',
  'payments',
  'eviction_events',
  'placement_renewals',
  'placement_reports',
  'plan_reviews',
] as const;

/** Tables of issues 4–6 rewritten by pseudonymiseAreas (for the run's summary). */
export const AREA_TABLES_PSEUDONYMISED = [
  'measure_applications',
  'measure_application_events',
  'fund_entries',
  'payments',
  'frontdesk_contacts',
  'frontdesk_referrals',
  'appointment_bookings',
  'agreed_rent_contracts',
  'documents',
  'evictions',
  'eviction_events',
  'placements',
  'placement_renewals',
  'placement_reports',
  'placement_conflicts',
  'support_plans',
  'plan_goals',
  'plan_actions',
  'plan_reviews',
  'referrals',
  'messages',
  'outbox',
  'document_requests',
] as const;

const isPg = (db: DbExecutor) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Suspends the "no update" triggers of the given append-only tables for the current transaction
 * and returns the function that restores them. Both dialects have transactional DDL: if the
 * transaction fails, the rollback restores the triggers as well.
 */
export async function suspendAppendOnly(db: DbExecutor, tables: readonly string[]): Promise<() => Promise<void>> {
  const restore: (() => Promise<void>)[] = [];
  if (isPg(db)) {
    for (const table of tables) {
      const triggers = await sql<{ tgname: string }>`
        select tgname from pg_trigger where tgrelid = to_regclass(${table}) and not tgisinternal`.execute(db);
      for (const { tgname } of triggers.rows) {
        await sql`alter table ${sql.table(table)} disable trigger ${sql.id(tgname)}`.execute(db);
        restore.push(async () => {
          await sql`alter table ${sql.table(table)} enable trigger ${sql.id(tgname)}`.execute(db);
        });
      }
    }
  } else {
    for (const table of tables) {
      const triggers = await sql<{ name: string; sql: string }>`
        select name, sql from sqlite_master
        where type = 'trigger' and tbl_name = ${table} and lower(sql) like '%before update%'`.execute(db);
      for (const t of triggers.rows) {
        await sql`drop trigger ${sql.id(t.name)}`.execute(db);
        // Re-created from its own stored definition, identical to the migration's.
        restore.push(async () => {
          await sql.raw(t.sql).execute(db);
        });
      }
    }
  }
  return async () => {
    for (const r of restore) await r();
  };
}

/** Households with a procedure still open in the areas of issues 4–6: their files are not closed. */
export async function householdsWithOpenProcedures(db: DbExecutor): Promise<Set<string>> {
  const open = new Set<string>();
  const add = (rows: { household_id: string }[]) => {
    for (const r of rows) open.add(r.household_id);
  };
  // An eviction not yet executed, released or closed.
  add(
    await db
      .selectFrom('evictions')
      .select('household_id')
      .distinct()
      .where('status', 'not in', [...EVICTION_FINAL])
      .execute(),
  );
  // A stay in temporary housing without an exit.
  add(await db.selectFrom('placements').select('household_id').distinct().where('exited_on', 'is', null).execute());
  // An accompaniment plan not closed.
  add(await db.selectFrom('support_plans').select('household_id').distinct().where('closed_on', 'is', null).execute());
  // An application to a measure not final (to review, reviewed, approved and not yet paid).
  add(
    await db
      .selectFrom('measure_applications')
      .select('household_id')
      .distinct()
      .where('status', 'not in', [...MEASURE_APPLICATION_FINAL])
      .execute(),
  );
  // A referral waiting for the receiver's decision.
  add(await db.selectFrom('referrals').select('household_id').distinct().where('status', '=', 'pending').execute());
  return open;
}

const changedOf = (r: readonly { numUpdatedRows: bigint }[]) => r.reduce((n, x) => n + Number(x.numUpdatedRows), 0);

export interface AreaPseudonymisation {
  readonly rowsChanged: number;
  /** Storage keys of the document files to delete once the transaction has committed. */
  readonly documentFiles: string[];
}

/**
 * Pseudonymises one household file in the tables of issues 4–6. `fiscalCodes` maps each fiscal code
 * of the file (its members) to the pseudonym already given to it, so that the same person keeps one
 * pseudonym across tables; other fiscal codes (a landlord paid directly) get one of their own.
 */
export async function pseudonymiseAreas(
  db: DbExecutor,
  householdId: string,
  pseudonym: string,
  fiscalCodes: ReadonlyMap<string, string>,
): Promise<AreaPseudonymisation> {
  let changed = 0;
  const pseudonyms = new Map(fiscalCodes);
  const cf = (value: string | null): string | null => {
    if (value === null) return null;
    let p = pseudonyms.get(value);
    if (p === undefined) {
      p = `${pseudonym}-X${pseudonyms.size}`;
      pseudonyms.set(value, p);
    }
    return p;
  };

  // ---- Front desk and measures (issue 4) ----
  const applications = await db
    .selectFrom('measure_applications')
    .select(['id', 'applicant_fiscal_code', 'payee_fiscal_code'])
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();
  for (const a of applications) {
    changed += changedOf(
      await db
        .updateTable('measure_applications')
        .set({
          applicant_fiscal_code: cf(a.applicant_fiscal_code) ?? pseudonym,
          applicant_name: pseudonym,
          payee_name: OMISSIS,
          payee_fiscal_code: cf(a.payee_fiscal_code) ?? pseudonym,
          iban: OMISSIS,
        })
        .where('id', '=', a.id)
        .execute(),
    );
  }
  const applicationIds = applications.map((a) => a.id);
  if (applicationIds.length > 0) {
    changed += changedOf(
      await db
        .updateTable('measure_application_events')
        .set({ reason: TEXT_REMOVED })
        .where('application_id', 'in', applicationIds)
        .where('reason', 'is not', null)
        .execute(),
    );
    changed += changedOf(
      await db
        .updateTable('fund_entries')
        .set({ note: TEXT_REMOVED })
        .where('application_id', 'in', applicationIds)
        .where('note', 'is not', null)
        .execute(),
    );
  }
  const payments = await db
    .selectFrom('payments')
    .select(['id', 'beneficiary_fiscal_code', 'payee_fiscal_code'])
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();
  for (const p of payments) {
    changed += changedOf(
      await db
        .updateTable('payments')
        .set({
          beneficiary_fiscal_code: cf(p.beneficiary_fiscal_code) ?? pseudonym,
          payee_name: OMISSIS,
          payee_fiscal_code: cf(p.payee_fiscal_code) ?? pseudonym,
          iban: OMISSIS,
        })
        .where('id', '=', p.id)
        .execute(),
    );
  }
  changed += changedOf(
    await db
      .updateTable('payments')
      .set({ reason: TEXT_REMOVED })
      .where('household_id', '=', householdId)
      .where('reason', 'is not', null)
      .execute(),
  );
  changed += changedOf(
    await db
      .updateTable('frontdesk_contacts')
      .set({ person_name: pseudonym, reason_note: null, outcome_note: null })
      .where('household_id', '=', householdId)
      .execute(),
  );
  changed += changedOf(
    await db
      .updateTable('frontdesk_referrals')
      .set({ note: null })
      .where('household_id', '=', householdId)
      .where('note', 'is not', null)
      .execute(),
  );
  changed += changedOf(
    await db
      .updateTable('appointment_bookings')
      .set({ purpose: TEXT_REMOVED })
      .where('household_id', '=', householdId)
      .execute(),
  );
  changed += changedOf(
    await db
      .updateTable('agreed_rent_contracts')
      .set({ address: ADDRESS_REMOVED })
      .where('household_id', '=', householdId)
      .execute(),
  );
  // Documents of the file: of the household, of its measure applications, of its document requests.
  const requestIds = (
    await db.selectFrom('document_requests').select('id').where('household_id', '=', householdId).execute()
  ).map((r) => r.id);
  const documents = await db
    .selectFrom('documents')
    .select(['id', 'storage_key', 'category'])
    .where((eb) => {
      const ors = [eb('household_id', '=', householdId)];
      if (applicationIds.length > 0) {
        ors.push(eb.and([eb('owner_kind', '=', 'measure_application'), eb('owner_id', 'in', applicationIds)]));
      }
      if (requestIds.length > 0) {
        ors.push(eb.and([eb('owner_kind', '=', 'document_request'), eb('owner_id', 'in', requestIds)]));
      }
      return eb.or(ors);
    })
    .execute();
  const documentFiles: string[] = [];
  for (const d of documents) {
    if (!d.storage_key.startsWith('rimosso/')) documentFiles.push(d.storage_key);
    changed += changedOf(
      await db
        .updateTable('documents')
        .set({ original_name: `documento-rimosso-${d.category ?? 'senza-categoria'}`, storage_key: `rimosso/${d.id}` })
        .where('id', '=', d.id)
        .execute(),
    );
  }

  // ---- Housing emergency (issue 5) ----
  changed += changedOf(
    await db
      .updateTable('evictions')
      .set({ address: ADDRESS_REMOVED, case_number: null, landlord_name: OMISSIS, notes: null })
      .where('household_id', '=', householdId)
      .execute(),
  );
  const evictionIds = (
    await db.selectFrom('evictions').select('id').where('household_id', '=', householdId).execute()
  ).map((e) => e.id);
  if (evictionIds.length > 0) {
    changed += changedOf(
      await db
        .updateTable('eviction_events')
        .set({ note: null })
        .where('eviction_id', 'in', evictionIds)
        .where('note', 'is not', null)
        .execute(),
    );
  }
  changed += changedOf(
    await db
      .updateTable('placements')
      .set((eb) => ({
        educator_name: null,
        exit_plan: eb.case().when('exit_plan', 'is not', null).then(TEXT_REMOVED).else(null).end(),
        exit_note: null,
      }))
      .where('household_id', '=', householdId)
      .execute(),
  );
  const placementIds = (
    await db.selectFrom('placements').select('id').where('household_id', '=', householdId).execute()
  ).map((p) => p.id);
  if (placementIds.length > 0) {
    changed += changedOf(
      await db
        .updateTable('placement_renewals')
        .set({ note: null })
        .where('placement_id', 'in', placementIds)
        .where('note', 'is not', null)
        .execute(),
    );
    changed += changedOf(
      await db
        .updateTable('placement_reports')
        .set({ body: TEXT_REMOVED })
        .where('placement_id', 'in', placementIds)
        .execute(),
    );
    changed += changedOf(
      await db
        .updateTable('placement_conflicts')
        .set({ description: TEXT_REMOVED, follow_up: null })
        .where('placement_id', 'in', placementIds)
        .execute(),
    );
  }
  const planIds = (
    await db.selectFrom('support_plans').select('id').where('household_id', '=', householdId).execute()
  ).map((p) => p.id);
  changed += changedOf(
    await db
      .updateTable('support_plans')
      .set({ title: TEXT_REMOVED })
      .where('household_id', '=', householdId)
      .execute(),
  );
  if (planIds.length > 0) {
    changed += changedOf(
      await db.updateTable('plan_goals').set({ description: TEXT_REMOVED }).where('plan_id', 'in', planIds).execute(),
    );
    changed += changedOf(
      await db
        .updateTable('plan_actions')
        .set({ description: TEXT_REMOVED, responsible_name: OMISSIS })
        .where('plan_id', 'in', planIds)
        .execute(),
    );
    changed += changedOf(
      await db
        .updateTable('plan_reviews')
        .set({ outcome: TEXT_REMOVED, note: null })
        .where('plan_id', 'in', planIds)
        .execute(),
    );
  }
  changed += changedOf(
    await db
      .updateTable('referrals')
      .set((eb) => ({
        reason: TEXT_REMOVED,
        decision_note: null,
        revocation_reason: eb.case().when('revocation_reason', 'is not', null).then(TEXT_REMOVED).else(null).end(),
      }))
      .where('household_id', '=', householdId)
      .execute(),
  );

  // ---- Communications (issue 6) ----
  const messages = await db
    .selectFrom('messages')
    .select(['id', 'recipient_fiscal_code'])
    .where('household_id', '=', householdId)
    .execute();
  for (const m of messages) {
    changed += changedOf(
      await db
        .updateTable('messages')
        .set({
          subject: TEXT_REMOVED,
          body: TEXT_REMOVED,
          markdown: TEXT_REMOVED,
          params: '{}',
          recipient_name: pseudonym,
          recipient_fiscal_code: cf(m.recipient_fiscal_code),
        })
        .where('id', '=', m.id)
        .execute(),
    );
  }
  if (messages.length > 0) {
    changed += changedOf(
      await db
        .updateTable('outbox')
        .set({ recipient: OMISSIS, last_error: null })
        .where(
          'message_id',
          'in',
          messages.map((m) => m.id),
        )
        .execute(),
    );
  }
  changed += changedOf(
    await db
      .updateTable('document_requests')
      .set({ description: TEXT_REMOVED })
      .where('household_id', '=', householdId)
      .execute(),
  );
  return { rowsChanged: changed, documentFiles };
}

// All SQL of funds, the fund ledger, payment batches and payments. The budget is enforced by
// conditional updates: "committed + x <= budget" is checked and written in one statement, which
// PostgreSQL runs under the row's lock and SQLite under its single writer, so two approvals racing
// for the last euros cannot both succeed.
import { sql, type Insertable } from 'kysely';
import type { DbExecutor } from '../../db/client.js';
import type { FundsTable, PaymentsTable } from '../../db/schema-measures.js';

export async function listFundRows(db: DbExecutor) {
  const [funds, payable] = await Promise.all([
    db.selectFrom('funds').selectAll().orderBy('year', 'desc').orderBy('code').execute(),
    db
      .selectFrom('measure_applications')
      .select([
        'fund_id',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.sum<number>(sql<number>`committed_cents - paid_cents`).as('cents'),
      ])
      .where('status', '=', 'approved')
      .groupBy('fund_id')
      .execute(),
  ]);
  const byFund = new Map(payable.map((p) => [p.fund_id, { n: Number(p.n), cents: Number(p.cents ?? 0) }]));
  return funds.map((f) => ({ ...f, payable: byFund.get(f.id) ?? { n: 0, cents: 0 } }));
}

export async function findFundRow(db: DbExecutor, id: string) {
  return db.selectFrom('funds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findFundByCodeYear(db: DbExecutor, code: string, year: number) {
  return db.selectFrom('funds').selectAll().where('code', '=', code).where('year', '=', year).executeTakeFirst();
}

export async function insertFund(db: DbExecutor, row: Insertable<FundsTable>) {
  await db.insertInto('funds').values(row).execute();
}

/** Commits money on approval; false when the budget does not cover it (nothing written). */
export async function commitToFund(db: DbExecutor, fundId: string, amountCents: number): Promise<boolean> {
  const res = await db
    .updateTable('funds')
    .set((eb) => ({ committed_cents: eb('committed_cents', '+', amountCents) }))
    .where('id', '=', fundId)
    .where(sql<boolean>`committed_cents + ${amountCents} <= budget_cents`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Changes the budget by a later act; false when a reduction would leave less than is already
 * committed (nothing written). The same conditional update as a commitment, so a reduction and an
 * approval racing for the same euros cannot both succeed.
 */
export async function changeFundBudget(db: DbExecutor, fundId: string, deltaCents: number): Promise<boolean> {
  const res = await db
    .updateTable('funds')
    .set((eb) => ({ budget_cents: eb('budget_cents', '+', deltaCents) }))
    .where('id', '=', fundId)
    .where(sql<boolean>`budget_cents + ${deltaCents} >= committed_cents`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Pays committed money; false when it would exceed what is committed (nothing written). */
export async function payFromFund(db: DbExecutor, fundId: string, amountCents: number): Promise<boolean> {
  const res = await db
    .updateTable('funds')
    .set((eb) => ({ paid_cents: eb('paid_cents', '+', amountCents) }))
    .where('id', '=', fundId)
    .where(sql<boolean>`paid_cents + ${amountCents} <= committed_cents`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Gives back paid (and, for a recovery, committed) money after a correction. */
export async function reverseFromFund(db: DbExecutor, fundId: string, amountCents: number, releaseCommitment: boolean) {
  const res = await db
    .updateTable('funds')
    .set((eb) => ({
      paid_cents: eb('paid_cents', '-', amountCents),
      ...(releaseCommitment ? { committed_cents: eb('committed_cents', '-', amountCents) } : {}),
    }))
    .where('id', '=', fundId)
    .where('paid_cents', '>=', amountCents)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface FundEntryRow {
  id: string;
  fund_id: string;
  kind: string;
  amount_cents: number;
  application_id: string | null;
  payment_id: string | null;
  note: string | null;
  at: string;
  by_user: string | null;
}

export async function insertFundEntries(db: DbExecutor, rows: readonly FundEntryRow[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('fund_entries')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function listFundEntryRows(db: DbExecutor, fundId: string, limit = 500) {
  return db
    .selectFrom('fund_entries')
    .selectAll()
    .where('fund_id', '=', fundId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Approved, committed and not yet (fully) paid applications of a fund, in order of approval. */
export async function listPayableApplications(db: DbExecutor, fundId: string, ids?: readonly string[]) {
  let q = db
    .selectFrom('measure_applications as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .select([
      'a.id',
      'a.code',
      'a.household_id',
      'a.status',
      'a.version',
      'a.applicant_fiscal_code',
      'a.payee_name',
      'a.payee_fiscal_code',
      'a.iban',
      'a.committed_cents',
      'a.paid_cents',
      'm.code as measure_code',
    ])
    .where('a.fund_id', '=', fundId)
    .where('a.status', '=', 'approved');
  if (ids) q = q.where('a.id', 'in', [...ids]);
  return q.orderBy('a.updated_at').orderBy('a.id').execute();
}

/**
 * Marks approved applications as paid for what was committed (a batch pays committed − paid, so
 * afterwards paid = committed): one statement per chunk, whatever the amounts.
 */
export async function markApplicationsPaid(db: DbExecutor, ids: readonly string[], at: string) {
  let updated = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const res = await db
      .updateTable('measure_applications')
      .set((eb) => ({
        status: 'paid',
        paid_cents: eb.ref('committed_cents'),
        version: eb('version', '+', 1),
        updated_at: at,
      }))
      .where('status', '=', 'approved')
      .where('id', 'in', ids.slice(i, i + 1000))
      .executeTakeFirst();
    updated += Number(res.numUpdatedRows);
  }
  return updated;
}

export async function insertRows<T extends 'payments' | 'measure_application_events' | 'timeline_events'>(
  db: DbExecutor,
  table: T,
  rows: readonly Record<string, unknown>[],
) {
  for (let i = 0; i < rows.length; i += 400) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 400) as never)
      .execute();
  }
}

export async function insertBatch(
  db: DbExecutor,
  row: {
    id: string;
    code: string;
    fund_id: string;
    accounting_reference: string;
    paid_on: string;
    payments_count: number;
    total_cents: number;
    created_at: string;
    created_by: string | null;
  },
) {
  await db.insertInto('payment_batches').values(row).execute();
}

export async function listBatchRows(db: DbExecutor) {
  return db
    .selectFrom('payment_batches as b')
    .innerJoin('funds as f', 'f.id', 'b.fund_id')
    .selectAll('b')
    .select(['f.name as fund_name', 'f.year as fund_year'])
    .orderBy('b.created_at', 'desc')
    .execute();
}

export async function findBatchRow(db: DbExecutor, id: string) {
  return db
    .selectFrom('payment_batches as b')
    .innerJoin('funds as f', 'f.id', 'b.fund_id')
    .selectAll('b')
    .select(['f.name as fund_name', 'f.year as fund_year'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

export async function listBatchPayments(db: DbExecutor, batchId: string) {
  const rows = await db.selectFrom('payments').selectAll().where('batch_id', '=', batchId).orderBy('id').execute();
  const corrected = await correctedPaymentIds(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, corrected: corrected.has(r.id) }));
}

export async function correctedPaymentIds(db: DbExecutor, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('payments')
      .select('corrects_payment_id')
      .where('corrects_payment_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.corrects_payment_id) out.add(r.corrects_payment_id);
  }
  return out;
}

export async function findPaymentRow(db: DbExecutor, id: string) {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPayment(db: DbExecutor, row: Insertable<PaymentsTable>) {
  await db.insertInto('payments').values(row).execute();
}

export async function paymentsForExport(
  db: DbExecutor,
  f: { from?: string | undefined; to?: string | undefined; fundId?: string | undefined },
) {
  let q = db
    .selectFrom('payments as p')
    .innerJoin('measure_applications as a', 'a.id', 'p.application_id')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .innerJoin('funds as f', 'f.id', 'p.fund_id')
    .leftJoin('payment_batches as b', 'b.id', 'p.batch_id')
    .select([
      'p.id',
      'p.kind',
      'p.beneficiary_fiscal_code',
      'p.measure_code',
      'm.name as measure_name',
      'm.legal_basis',
      'p.amount_cents',
      'p.on_date',
      'a.applied_on',
      'a.code as application_code',
      'a.id as application_id',
      'a.updated_at',
      'f.code as fund_code',
      'f.year as fund_year',
      'b.accounting_reference',
      'p.corrects_payment_id',
    ]);
  if (f.from) q = q.where('p.on_date', '>=', f.from);
  if (f.to) q = q.where('p.on_date', '<=', f.to);
  if (f.fundId) q = q.where('p.fund_id', '=', f.fundId);
  return q.orderBy('p.on_date').orderBy('p.id').execute();
}

export async function approvalDates(db: DbExecutor, applicationIds: readonly string[]) {
  const out = new Map<string, string>();
  for (let i = 0; i < applicationIds.length; i += 500) {
    const rows = await db
      .selectFrom('measure_application_events')
      .select(['application_id', 'at'])
      .where('kind', '=', 'approved')
      .where('application_id', 'in', applicationIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.application_id, r.at);
  }
  return out;
}

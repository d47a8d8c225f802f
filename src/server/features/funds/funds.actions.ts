// Use cases of funds and payments: funds with a yearly budget, payment batches of approved grants
// (IBAN validated, accounting reference, budget never exceeded), corrections as new entries, and the
// export of benefits paid for national reporting of social benefits.
import { validateIban, IBAN_ERROR_MESSAGES } from '../../../core/kernel/iban.js';
import { formatEuro } from '../../../core/kernel/money.js';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import { nextStatus } from '../../../core/measures/application-state.js';
import type { ErrorIssue } from '../../../shared/errors.js';
import type {
  BatchDetail,
  BudgetChangeInput,
  CorrectionInput,
  Fund,
  FundDetail,
  FundInput,
} from '../../../shared/funds.js';
import { roleManagesFunds, roleReadsFunds } from '../../../shared/funds.js';
import type { DbExecutor } from '../../db/client.js';
import { nextSequenceValue } from '../../db/sequences.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, notFound } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { insertTimelineEvent } from '../households/households.queries.js';
import { refuse } from '../measures/measures.actions.js';
import { findApplicationRow, insertApplicationEvent, transitionApplication } from '../measures/measures.queries.js';
import {
  approvalDates,
  changeFundBudget,
  findBatchRow,
  findFundByCodeYear,
  findFundRow,
  findPaymentRow,
  correctedPaymentIds,
  insertBatch,
  insertFund,
  insertFundEntries,
  insertPayment,
  insertRows,
  listBatchPayments,
  listBatchRows,
  listFundEntryRows,
  listFundRows,
  listPayableApplications,
  markApplicationsPaid,
  payFromFund,
  paymentsForExport,
  reverseFromFund,
  type FundEntryRow,
} from './funds.queries.js';

type FundRow = NonNullable<Awaited<ReturnType<typeof findFundRow>>>;

function fundDto(f: FundRow, payable: { n: number; cents: number }): Fund {
  const budget = Number(f.budget_cents);
  const committed = Number(f.committed_cents);
  return {
    id: f.id,
    code: f.code,
    year: f.year,
    name: f.name,
    legalBasis: f.legal_basis,
    budgetCents: budget,
    committedCents: committed,
    paidCents: Number(f.paid_cents),
    remainingCents: budget - committed,
    payableCents: payable.cents,
    payableCount: payable.n,
  };
}

export async function listFunds(root: DbExecutor, ctx: RequestContext): Promise<Fund[]> {
  if (!roleReadsFunds(ctx.actor.role)) await refuse(root, ctx, { action: 'list', entityType: 'fund' });
  return (await listFundRows(root)).map((f) => fundDto(f, f.payable));
}

export async function readFund(root: DbExecutor, ctx: RequestContext, id: string): Promise<FundDetail> {
  if (!roleReadsFunds(ctx.actor.role)) await refuse(root, ctx, { action: 'read', entityType: 'fund', entityId: id });
  const all = await listFundRows(root);
  const f = all.find((x) => x.id === id);
  if (!f) throw notFound('Il fondo');
  const entries = await listFundEntryRows(root, id);
  return {
    ...fundDto(f, f.payable),
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      amountCents: Number(e.amount_cents),
      applicationId: e.application_id,
      paymentId: e.payment_id,
      note: e.note,
      at: e.at,
    })),
  };
}

export async function createFund(
  root: DbExecutor,
  ctx: RequestContext,
  input: FundInput & { code: string },
): Promise<string> {
  if (!roleManagesFunds(ctx.actor.role)) await refuse(root, ctx, { action: 'create', entityType: 'fund' });
  return root.transaction().execute(async (db) => {
    if (await findFundByCodeYear(db, input.code, input.year)) {
      throw new AppError(409, 'CONFLICT', `Il fondo ${input.code} per l’anno ${input.year} esiste già.`);
    }
    const id = newId();
    const at = ctx.now.toISOString();
    await insertFund(db, {
      id,
      code: input.code,
      year: input.year,
      name: input.name,
      legal_basis: input.legalBasis,
      budget_cents: input.budgetCents,
      created_at: at,
      created_by: ctx.actor.userId,
    });
    await insertFundEntries(db, [
      {
        id: newId(),
        fund_id: id,
        kind: 'budget',
        amount_cents: input.budgetCents,
        application_id: null,
        payment_id: null,
        note: 'Stanziamento iniziale',
        at,
        by_user: ctx.actor.userId,
      },
    ]);
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'fund',
      entityId: id,
      details: { code: input.code, year: input.year, budgetCents: input.budgetCents },
    });
    return id;
  });
}

/**
 * A later act changes the fund's budget for its year (a regional top-up, a reduction). Recorded as a
 * new ledger entry, never by rewriting the initial one; a reduction below what is already committed is
 * refused (BUDGET_EXCEEDED), as an approval over the budget is.
 */
export async function changeBudget(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: BudgetChangeInput,
): Promise<void> {
  if (!roleManagesFunds(ctx.actor.role)) {
    await refuse(root, ctx, { action: 'change_budget', entityType: 'fund', entityId: id });
  }
  const delta = input.direction === 'increase' ? input.amountCents : -input.amountCents;
  await root.transaction().execute(async (db) => {
    const fund = await findFundRow(db, id);
    if (!fund) throw notFound('Il fondo');
    if (!(await changeFundBudget(db, id, delta))) {
      const fresh = (await findFundRow(db, id)) ?? fund;
      const free = Number(fresh.budget_cents) - Number(fresh.committed_cents);
      throw new AppError(
        409,
        'BUDGET_EXCEEDED',
        `La riduzione di ${formatEuro(input.amountCents)} supera la parte non impegnata del fondo (${formatEuro(free)}): ` +
          'il budget non può scendere sotto l’impegnato.',
        [{ path: 'amountCents', code: 'below_committed', message: `Al massimo ${formatEuro(free)}.` }],
      );
    }
    const at = ctx.now.toISOString();
    await insertFundEntries(db, [
      {
        id: newId(),
        fund_id: id,
        kind: input.direction === 'increase' ? 'budget_increase' : 'budget_decrease',
        amount_cents: delta,
        application_id: null,
        payment_id: null,
        note: input.note ? `${input.act} — ${input.note}` : input.act,
        at,
        by_user: ctx.actor.userId,
      },
    ]);
    await writeAudit(db, ctx, {
      action: 'change_budget',
      entityType: 'fund',
      entityId: id,
      details: { deltaCents: delta, act: input.act, budgetCents: Number(fund.budget_cents) + delta },
    });
  });
}

export interface BatchRequest {
  readonly fundId: string;
  readonly accountingReference: string;
  readonly paidOn: PlainDate;
  readonly applicationIds?: readonly string[] | undefined;
}

/**
 * A payment batch: every approved grant of the fund (or the ones listed) paid for what is committed
 * and not yet paid. All IBANs are checked first; any fault refuses the whole batch. The fund's paid
 * total moves by a conditional update, so the batch can never exceed what the fund committed.
 */
export async function createPaymentBatch(root: DbExecutor, ctx: RequestContext, input: BatchRequest): Promise<string> {
  if (!roleManagesFunds(ctx.actor.role)) await refuse(root, ctx, { action: 'create', entityType: 'payment_batch' });
  return root.transaction().execute(async (db) => {
    const fund = await findFundRow(db, input.fundId);
    if (!fund) throw notFound('Il fondo');
    const rows = await listPayableApplications(db, fund.id, input.applicationIds);
    if (input.applicationIds) {
      const found = new Set(rows.map((r) => r.id));
      const missing = input.applicationIds.filter((id) => !found.has(id));
      if (missing.length > 0) {
        throw new AppError(
          409,
          'CONFLICT',
          `${missing.length} domande non sono approvate su questo fondo o sono già pagate.`,
          missing.slice(0, 50).map((id) => ({ path: 'applicationIds', code: 'not_payable', message: id })),
        );
      }
    }
    const payable = rows
      .map((r) => ({ ...r, amount: Number(r.committed_cents) - Number(r.paid_cents) }))
      .filter((r) => r.amount > 0);
    if (payable.length === 0)
      throw new AppError(409, 'CONFLICT', 'Nessuna domanda approvata da pagare su questo fondo.');
    const badIban: ErrorIssue[] = [];
    for (const r of payable) {
      const v = validateIban(r.iban);
      if (!v.ok)
        badIban.push({
          path: `applications.${r.code}.iban`,
          code: `iban_${v.error}`,
          message: `${r.code} (${r.payee_name}): ${IBAN_ERROR_MESSAGES[v.error]}`,
        });
    }
    if (badIban.length > 0) {
      throw new AppError(
        400,
        'IBAN_INVALID',
        `IBAN non valido per ${badIban.length} beneficiari: il lotto non è stato creato.`,
        badIban,
      );
    }
    const total = payable.reduce((s, r) => s + r.amount, 0);
    if (!(await payFromFund(db, fund.id, total))) {
      throw new AppError(
        409,
        'BUDGET_EXCEEDED',
        `Il lotto (${formatEuro(total)}) supera la disponibilità residua del fondo ${fund.name}.`,
      );
    }
    const at = ctx.now.toISOString();
    const batchId = newId();
    const seq = await nextSequenceValue(db, `payment_batch:${fund.year}`);
    const code = `LOT-${fund.year}-${String(seq).padStart(4, '0')}`;
    await insertBatch(db, {
      id: batchId,
      code,
      fund_id: fund.id,
      accounting_reference: input.accountingReference,
      paid_on: input.paidOn,
      payments_count: payable.length,
      total_cents: total,
      created_at: at,
      created_by: ctx.actor.userId,
    });
    const payments = payable.map((r) => ({
      id: newId(),
      batch_id: batchId,
      kind: 'payment',
      corrects_payment_id: null,
      application_id: r.id,
      household_id: r.household_id,
      fund_id: fund.id,
      measure_code: r.measure_code,
      beneficiary_fiscal_code: r.applicant_fiscal_code,
      payee_name: r.payee_name,
      payee_fiscal_code: r.payee_fiscal_code,
      iban: r.iban,
      amount_cents: r.amount,
      on_date: input.paidOn,
      reason: null,
      created_at: at,
      created_by: ctx.actor.userId,
    }));
    await insertRows(db, 'payments', payments);
    const updated = await markApplicationsPaid(
      db,
      payable.map((r) => r.id),
      at,
    );
    if (updated !== payable.length) {
      throw new AppError(
        409,
        'STALE_VERSION',
        'Alcune domande sono cambiate durante la creazione del lotto: riprovare.',
      );
    }
    const entries: FundEntryRow[] = payments.map((p) => ({
      id: newId(),
      fund_id: fund.id,
      kind: 'payment',
      amount_cents: p.amount_cents,
      application_id: p.application_id,
      payment_id: p.id,
      note: `Lotto ${code}`,
      at,
      by_user: ctx.actor.userId,
    }));
    await insertFundEntries(db, entries);
    await insertRows(
      db,
      'measure_application_events',
      payments.map((p) => ({
        id: newId(),
        application_id: p.application_id,
        kind: 'paid',
        outcome: null,
        reason: `Lotto ${code}, mandato ${input.accountingReference}`,
        amount_cents: p.amount_cents,
        at,
        by_user: ctx.actor.userId,
      })),
    );
    await insertRows(
      db,
      'timeline_events',
      payments.map((p) => ({
        id: newId(),
        household_id: p.household_id,
        at,
        kind: 'measure_payment',
        title: `Pagamento di ${formatEuro(p.amount_cents)}`,
        detail: `Lotto ${code} del ${input.paidOn} (${p.measure_code}).`,
        source_type: 'payment',
        source_id: p.id,
        actor_id: ctx.actor.userId,
      })),
    );
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'payment_batch',
      entityId: batchId,
      details: {
        code,
        fundId: fund.id,
        payments: payable.length,
        totalCents: total,
        applicationIds: payable.length <= 1000 ? payable.map((p) => p.id) : undefined,
      },
    });
    return batchId;
  });
}

export async function listBatches(root: DbExecutor, ctx: RequestContext) {
  if (!roleManagesFunds(ctx.actor.role)) await refuse(root, ctx, { action: 'list', entityType: 'payment_batch' });
  return (await listBatchRows(root)).map((b) => ({
    id: b.id,
    code: b.code,
    fundId: b.fund_id,
    fundName: `${b.fund_name} ${b.fund_year}`,
    accountingReference: b.accounting_reference,
    paidOn: b.paid_on,
    paymentsCount: b.payments_count,
    totalCents: Number(b.total_cents),
    createdAt: b.created_at,
  }));
}

export async function readBatch(root: DbExecutor, ctx: RequestContext, id: string): Promise<BatchDetail> {
  if (!roleManagesFunds(ctx.actor.role))
    await refuse(root, ctx, { action: 'read', entityType: 'payment_batch', entityId: id });
  const b = await findBatchRow(root, id);
  if (!b) throw notFound('Il lotto');
  const payments = await listBatchPayments(root, id);
  await writeAudit(root, ctx, {
    action: 'read',
    entityType: 'payment_batch',
    entityId: id,
    details: { payments: payments.length },
  });
  return {
    id: b.id,
    code: b.code,
    fundId: b.fund_id,
    fundName: `${b.fund_name} ${b.fund_year}`,
    accountingReference: b.accounting_reference,
    paidOn: b.paid_on,
    paymentsCount: b.payments_count,
    totalCents: Number(b.total_cents),
    createdAt: b.created_at,
    payments: payments.map((p) => ({
      id: p.id,
      kind: p.kind,
      correctsPaymentId: p.corrects_payment_id,
      applicationId: p.application_id,
      householdId: p.household_id,
      measureCode: p.measure_code,
      beneficiaryFiscalCode: p.beneficiary_fiscal_code,
      payeeName: p.payee_name,
      iban: p.iban,
      amountCents: Number(p.amount_cents),
      onDate: p.on_date,
      reason: p.reason,
      corrected: p.corrected,
    })),
  };
}

/**
 * A wrong payment is corrected by a new entry, never by editing it: a cancellation (the money did
 * not reach the payee: the grant becomes payable again) or a recovery (the money is taken back and
 * the grant revoked, freeing the budget).
 */
export async function correctPayment(
  root: DbExecutor,
  ctx: RequestContext,
  paymentId: string,
  input: CorrectionInput & { onDate: PlainDate },
): Promise<string> {
  if (!roleManagesFunds(ctx.actor.role))
    await refuse(root, ctx, { action: 'correct', entityType: 'payment', entityId: paymentId });
  return root.transaction().execute(async (db) => {
    const p = await findPaymentRow(db, paymentId);
    if (!p) throw notFound('Il pagamento');
    if (p.kind !== 'payment')
      throw new AppError(409, 'CONFLICT', 'Si possono correggere solo i pagamenti, non le rettifiche.');
    if ((await correctedPaymentIds(db, [p.id])).size > 0)
      throw new AppError(409, 'CONFLICT', 'Il pagamento è già stato rettificato.');
    const application = await findApplicationRow(db, p.application_id);
    if (!application) throw notFound('La domanda');
    const amount = Number(p.amount_cents);
    const event = input.kind === 'cancellation' ? 'payment_cancelled' : 'recovered';
    const to = nextStatus('paid', event);
    if (application.status !== 'paid' || to === null)
      throw new AppError(409, 'CONFLICT', 'La domanda non è nello stato «pagata».');
    if (!(await reverseFromFund(db, p.fund_id, amount, input.kind === 'recovery'))) {
      throw new AppError(409, 'CONFLICT', 'Il fondo non registra questo pagamento.');
    }
    const at = ctx.now.toISOString();
    const id = newId();
    await insertPayment(db, {
      ...p,
      id,
      batch_id: p.batch_id,
      kind: input.kind,
      corrects_payment_id: p.id,
      amount_cents: -amount,
      on_date: input.onDate,
      reason: input.reason,
      created_at: at,
      created_by: ctx.actor.userId,
    });
    const moved = await transitionApplication(
      db,
      application.id,
      { status: 'paid', version: application.version },
      {
        status: to,
        updated_at: at,
        paid_cents: Number(application.paid_cents) - amount,
        ...(input.kind === 'recovery' ? { committed_cents: Number(application.committed_cents) - amount } : {}),
      },
    );
    if (!moved) throw new AppError(409, 'STALE_VERSION', 'La domanda è stata modificata: riprovare.');
    await insertApplicationEvent(db, {
      id: newId(),
      application_id: application.id,
      kind: event,
      outcome: null,
      reason: input.reason,
      amount_cents: -amount,
      at,
      by_user: ctx.actor.userId,
    });
    await insertFundEntries(db, [
      {
        id: newId(),
        fund_id: p.fund_id,
        kind: input.kind,
        amount_cents: -amount,
        application_id: application.id,
        payment_id: id,
        note: input.reason,
        at,
        by_user: ctx.actor.userId,
      },
      ...(input.kind === 'recovery'
        ? [
            {
              id: newId(),
              fund_id: p.fund_id,
              kind: 'release',
              amount_cents: -amount,
              application_id: application.id,
              payment_id: id,
              note: 'Impegno liberato dal recupero',
              at,
              by_user: ctx.actor.userId,
            },
          ]
        : []),
    ]);
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: p.household_id,
      at,
      kind: `measure_payment_${input.kind}`,
      title: `${input.kind === 'cancellation' ? 'Pagamento annullato' : 'Pagamento recuperato'}: ${formatEuro(amount)}`,
      detail: input.reason,
      actorId: ctx.actor.userId,
      sourceType: 'payment',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: `payment_${input.kind}`,
      entityType: 'payment',
      entityId: p.id,
      householdId: p.household_id,
      details: { amountCents: amount },
    });
    return id;
  });
}

const EXPORT_COLUMNS = [
  'codice_fiscale_beneficiario',
  'codice_prestazione',
  'descrizione_prestazione',
  'norma',
  'tipo_movimento',
  'importo_euro',
  'data_domanda',
  'data_decisione',
  'data_erogazione',
  'fondo',
  'anno_fondo',
  'riferimento_contabile',
  'codice_domanda',
  'id_pagamento',
  'id_pagamento_rettificato',
] as const;

function csvCell(value: string): string {
  return /[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Benefits paid, one row per payment or correction, with what national reporting of social
 * benefits asks (beneficiary fiscal code, benefit type, amount, dates): semicolon CSV, UTF-8 with BOM.
 */
export async function exportBenefits(
  root: DbExecutor,
  ctx: RequestContext,
  f: { from?: string | undefined; to?: string | undefined; fundId?: string | undefined },
) {
  if (!roleManagesFunds(ctx.actor.role)) await refuse(root, ctx, { action: 'export', entityType: 'payment' });
  const rows = await paymentsForExport(root, f);
  const decisions = await approvalDates(root, [...new Set(rows.map((r) => r.application_id))]);
  const lines = [EXPORT_COLUMNS.join(';')];
  for (const r of rows) {
    const cents = Number(r.amount_cents);
    lines.push(
      [
        r.beneficiary_fiscal_code,
        r.measure_code,
        r.measure_name,
        r.legal_basis,
        r.kind,
        (cents / 100).toFixed(2).replace('.', ','),
        r.applied_on,
        decisions.get(r.application_id)?.slice(0, 10) ?? '',
        r.on_date,
        r.fund_code,
        String(r.fund_year),
        r.accounting_reference ?? '',
        r.application_code,
        r.id,
        r.corrects_payment_id ?? '',
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  await writeAudit(root, ctx, { action: 'export', entityType: 'payment', details: { rows: rows.length, ...f } });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// The API contract of funds, commitments, payment batches, corrections and the benefits export.
import { z } from 'zod';
import type { Role } from './auth.js';
import { idSchema, optionalText, plainDateSchema, requiredText } from './common.js';

export const fundInputSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_-]{2,20}$/, 'Codice del fondo: 2–20 lettere, cifre, - o _.'),
  year: z.number().int().min(2000).max(2100),
  name: requiredText('Nome', 160),
  legalBasis: requiredText('Base giuridica', 200),
  budgetCents: z.number().int().min(0).max(100_000_000_000),
});
export type FundInput = z.input<typeof fundInputSchema>;
/** A change of a fund's yearly budget by a later act (a regional top-up, a reduction), as a ledger entry. */
export const budgetChangeInputSchema = z.object({
  direction: z.enum(['increase', 'decrease'], { error: 'Indicare integrazione o riduzione.' }),
  amountCents: z
    .number({ error: 'Importo non valido.' })
    .int()
    .min(1, 'L’importo deve essere maggiore di zero.')
    .max(100_000_000_000, 'Importo troppo alto.'),
  act: requiredText('Atto (delibera, decreto, determina)', 200),
  note: optionalText('Nota', 500),
});
export type BudgetChangeInput = z.infer<typeof budgetChangeInputSchema>;
export type BudgetChangeInputRaw = z.input<typeof budgetChangeInputSchema>;

export const fundSchema = z.object({
  id: z.string(),
  code: z.string(),
  year: z.number(),
  name: z.string(),
  legalBasis: z.string(),
  budgetCents: z.number(),
  committedCents: z.number(),
  paidCents: z.number(),
  remainingCents: z.number(),
  payableCents: z.number(),
  payableCount: z.number(),
});
export type Fund = z.infer<typeof fundSchema>;
export const fundListSchema = z.object({ items: z.array(fundSchema) });
export const fundEntrySchema = z.object({
  id: z.string(),
  kind: z.string(),
  amountCents: z.number(),
  applicationId: z.string().nullable(),
  paymentId: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export const fundDetailSchema = fundSchema.extend({ entries: z.array(fundEntrySchema) });
export type FundDetail = z.infer<typeof fundDetailSchema>;

export const batchInputSchema = z.object({
  fundId: idSchema,
  accountingReference: requiredText('Riferimento contabile (mandato)', 80),
  paidOn: plainDateSchema,
  /** The approved applications to pay; all approved and unpaid ones of the fund when omitted. */
  applicationIds: z.array(idSchema).max(50_000).optional(),
});
export type BatchInput = z.input<typeof batchInputSchema>;
export const paymentSchema = z.object({
  id: z.string(),
  kind: z.enum(['payment', 'cancellation', 'recovery']),
  correctsPaymentId: z.string().nullable(),
  applicationId: z.string(),
  householdId: z.string(),
  measureCode: z.string(),
  beneficiaryFiscalCode: z.string(),
  payeeName: z.string(),
  iban: z.string(),
  amountCents: z.number(),
  onDate: z.string(),
  reason: z.string().nullable(),
  corrected: z.boolean(),
});
export type Payment = z.infer<typeof paymentSchema>;
export const batchSchema = z.object({
  id: z.string(),
  code: z.string(),
  fundId: z.string(),
  fundName: z.string(),
  accountingReference: z.string(),
  paidOn: z.string(),
  paymentsCount: z.number(),
  totalCents: z.number(),
  createdAt: z.string(),
});
export type Batch = z.infer<typeof batchSchema>;
export const batchListSchema = z.object({ items: z.array(batchSchema) });
export const batchDetailSchema = batchSchema.extend({ payments: z.array(paymentSchema) });
export type BatchDetail = z.infer<typeof batchDetailSchema>;
export const correctionInputSchema = z.object({
  kind: z.enum(['cancellation', 'recovery']),
  reason: requiredText('Motivazione', 1000),
  onDate: plainDateSchema,
});
export type CorrectionInput = z.input<typeof correctionInputSchema>;
export const benefitsExportQuerySchema = z.object({
  from: plainDateSchema.optional(),
  to: plainDateSchema.optional(),
  fundId: idSchema.optional(),
});

// ---- Roles -------------------------------------------------------------------------------------
/** Who sees funds and budgets (aggregates, no personal data). */
export function roleReadsFunds(role: Role): boolean {
  return (
    role === 'manager' ||
    role === 'housing_officer' ||
    role === 'social_worker' ||
    role === 'front_desk' ||
    role === 'admin'
  );
}
/** Who creates funds, pays batches, corrects payments and exports benefits paid. */
export function roleManagesFunds(role: Role): boolean {
  return role === 'manager';
}

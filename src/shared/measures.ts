// The API contract of measures (as data, with versioned parameters), applications to measures,
// their review, approval and decision letter, and the landlords and agreed-rent contracts.
import { z } from 'zod';
import { IBAN_ERROR_MESSAGES, validateIban } from '../core/kernel/iban.js';
import { APPLICATION_STATUSES } from '../core/measures/application-state.js';
import { ARREARS_PURPOSES } from '../core/measures/arrears-fund.js';
import { MEASURE_KINDS } from '../core/measures/catalogue.js';
import type { Role } from './auth.js';
import { idSchema, optionalText, plainDateSchema, requiredText } from './common.js';
import { amountLineSchema, questionnaireAnswersSchema } from './frontdesk.js';

export const ibanSchema = z
  .string({ error: 'IBAN: campo obbligatorio.' })
  .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
  .superRefine((value, ctx) => {
    const r = validateIban(value);
    if (!r.ok)
      ctx.addIssue({ code: 'custom', message: IBAN_ERROR_MESSAGES[r.error], params: { rule: `iban_${r.error}` } });
  });

export const MEASURE_KIND_LABELS: Record<(typeof MEASURE_KINDS)[number], string> = {
  fondo_affitto: 'Fondo sostegno affitto (L. 431/1998 art. 11)',
  morosita_incolpevole: 'Morosità incolpevole (DM 30/3/2016)',
  canone_concordato: 'Incentivi canone concordato (DGR 2065/2019)',
  contributo_comunale: 'Contributo comunale (modello configurabile)',
  lombardia_misura_1: 'Lombardia Misura 1 (modello configurabile)',
  lombardia_misura_2: 'Lombardia Misura 2 (modello configurabile)',
  lombardia_misura_3: 'Lombardia Misura 3 (modello configurabile)',
  lombardia_misura_4: 'Lombardia Misura 4 (modello configurabile)',
  lombardia_misura_5: 'Lombardia Misura 5 (modello configurabile)',
};
export const APPLICATION_STATUS_LABELS: Record<(typeof APPLICATION_STATUSES)[number], string> = {
  submitted: 'Presentata',
  review_passed: 'Istruttoria positiva',
  review_failed: 'Istruttoria negativa',
  approved: 'Approvata',
  not_approved: 'Non approvata',
  paid: 'Pagata',
  revoked: 'Revocata',
};
export const PAYEE_LABELS = { tenant: 'Inquilino', landlord: 'Proprietario' } as const;

const requiredDocSchema = z.object({ code: z.string(), label: z.string() });
export const parameterVersionSchema = z.object({
  id: z.string(),
  version: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  parameters: z.record(z.string(), z.unknown()),
  effective: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const measureSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(MEASURE_KINDS),
  name: z.string(),
  legalBasis: z.string(),
  description: z.string(),
  fundCode: z.string(),
  payee: z.enum(['tenant', 'landlord']),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
  requiredDocuments: z.array(requiredDocSchema),
  approvalSteps: z.array(z.string()),
  unverifiedParameters: z.array(z.string()),
  currentVersion: parameterVersionSchema.nullable(),
});
export type Measure = z.infer<typeof measureSchema>;
export const measureListSchema = z.object({ items: z.array(measureSchema) });
export const measureDetailSchema = measureSchema.extend({ versions: z.array(parameterVersionSchema) });
export type MeasureDetail = z.infer<typeof measureDetailSchema>;

export const parameterVersionInputSchema = z.object({
  version: requiredText('Versione', 40),
  validFrom: plainDateSchema,
  validTo: plainDateSchema.nullable().optional(),
  parameters: z.record(z.string(), z.unknown()),
  note: optionalText('Nota', 500),
});
export type ParameterVersionInput = z.input<typeof parameterVersionInputSchema>;
export const measureUpdateSchema = z.object({
  active: z.boolean(),
  validTo: plainDateSchema.nullable().optional(),
});

export const arrearsRequestSchema = z.object({
  purposes: z.partialRecord(z.enum(ARREARS_PURPOSES), z.number().int().min(0).max(100_000_000)),
  remainingLeaseYears: z.number().int().min(0).max(50).nullable().optional(),
  landlordRenouncesEviction: z.boolean().nullable().optional(),
  newLeaseAgreedRent: z.boolean().nullable().optional(),
});
export const applicationRequestSchema = z.object({
  arrears: arrearsRequestSchema.nullable().optional(),
});

export const applicationInputSchema = z.object({
  householdId: idSchema,
  measureId: idSchema,
  appliedOn: plainDateSchema.optional(),
  contactId: idSchema.nullable().optional(),
  channel: z.enum(['desk', 'online']).default('desk'),
  payeeName: requiredText('Beneficiario del pagamento', 160),
  payeeFiscalCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z0-9]{16}|\d{11})$/, 'Codice fiscale o partita IVA del beneficiario non valido.'),
  // Checked by the use case (IBAN_INVALID), so that the refusal carries its own stable code.
  iban: z.string().trim().min(1, 'IBAN: campo obbligatorio.').max(50),
  landlordId: idSchema.nullable().optional(),
  contractId: idSchema.nullable().optional(),
  answers: questionnaireAnswersSchema.default({}),
  request: applicationRequestSchema.default({}),
});
export type ApplicationInput = z.input<typeof applicationInputSchema>;

export const documentSchema = z.object({
  id: z.string(),
  category: z.string().nullable(),
  originalName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  storedAt: z.string(),
});
export const applicationEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
  amountCents: z.number().nullable(),
  at: z.string(),
  byName: z.string().nullable(),
  byUserId: z.string().nullable(),
});
export const applicationSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  measureId: z.string(),
  measureCode: z.string(),
  measureName: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  appliedOn: z.string(),
  applicantName: z.string(),
  amountCents: z.number().nullable(),
  paidCents: z.number(),
});
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;
export const applicationListSchema = z.object({ items: z.array(applicationSummarySchema), total: z.number() });
export const applicationListQuerySchema = z.object({
  status: z.enum(APPLICATION_STATUSES).optional(),
  measureId: idSchema.optional(),
  householdId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const checkSchema = z.object({ code: z.string(), outcome: z.string(), evidence: z.string(), source: z.string() });
export const applicationDetailSchema = applicationSummarySchema.extend({
  channel: z.string(),
  applicantFiscalCode: z.string(),
  payeeKind: z.enum(['tenant', 'landlord']),
  payeeName: z.string(),
  payeeFiscalCode: z.string(),
  iban: z.string(),
  parameterVersion: z.string(),
  answers: questionnaireAnswersSchema,
  request: applicationRequestSchema,
  checks: z.array(checkSchema),
  verdict: z.enum(['eligible', 'not_eligible', 'missing_information']),
  breakdown: z.array(amountLineSchema),
  requiredDocuments: z.array(requiredDocSchema.extend({ present: z.boolean() })),
  documents: z.array(documentSchema),
  events: z.array(applicationEventSchema),
  fundId: z.string().nullable(),
  committedCents: z.number(),
  reviewerId: z.string().nullable(),
  canReview: z.boolean(),
  canApprove: z.boolean(),
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

export const reviewInputSchema = z.object({
  outcome: z.enum(['passed', 'failed']),
  reason: requiredText('Motivazione', 2000),
});
export type ReviewInput = z.input<typeof reviewInputSchema>;
export const approvalInputSchema = z.object({
  decision: z.enum(['approved', 'not_approved']),
  reason: requiredText('Motivazione', 2000),
});
export type ApprovalInput = z.input<typeof approvalInputSchema>;
export const documentUploadQuerySchema = z.object({
  fileName: z.string().max(300).optional(),
  category: z.string().max(60).optional(),
});

export const landlordInputSchema = z.object({
  name: requiredText('Nome', 160),
  fiscalCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z0-9]{16}|\d{11})$/, 'Codice fiscale o partita IVA non valido.'),
  iban: z.string().trim().max(50).nullable().optional(),
  email: optionalText('E-mail', 160),
  phone: optionalText('Telefono', 40),
});
export type LandlordInput = z.input<typeof landlordInputSchema>;
export const contractInputSchema = z.object({
  landlordId: idSchema,
  householdId: idSchema.nullable().optional(),
  address: requiredText('Indirizzo', 200),
  comuneId: idSchema,
  localAgreement: requiredText('Accordo territoriale', 200),
  durationYears: z.number().int().min(1).max(20),
  extensionYears: z.number().int().min(0).max(10),
  monthlyRentCents: z.number().int().min(1).max(100_000_00),
  startsOn: plainDateSchema,
  registeredOn: plainDateSchema.nullable().optional(),
});
export type ContractInput = z.input<typeof contractInputSchema>;
export const contractSchema = z.object({
  id: z.string(),
  landlordId: z.string(),
  householdId: z.string().nullable(),
  address: z.string(),
  comuneId: z.string(),
  localAgreement: z.string(),
  durationYears: z.number(),
  extensionYears: z.number(),
  monthlyRentCents: z.number(),
  startsOn: z.string(),
  registeredOn: z.string().nullable(),
  guaranteeCents: z.number().nullable(),
  guaranteeMonths: z.number().nullable(),
  incentiveCents: z.number().nullable(),
  incentiveNote: z.string(),
});
export const landlordSchema = z.object({
  id: z.string(),
  name: z.string(),
  fiscalCode: z.string(),
  iban: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  contracts: z.array(contractSchema),
});
export type Landlord = z.infer<typeof landlordSchema>;
export const landlordListSchema = z.object({ items: z.array(landlordSchema) });

export const benefitsSchema = z.object({
  applications: z.array(applicationSummarySchema),
  payments: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['payment', 'cancellation', 'recovery']),
      applicationId: z.string(),
      measureCode: z.string(),
      amountCents: z.number(),
      onDate: z.string(),
      batchCode: z.string().nullable(),
    }),
  ),
});
export type Benefits = z.infer<typeof benefitsSchema>;

// ---- Roles -------------------------------------------------------------------------------------
const ENTER: ReadonlySet<Role> = new Set(['front_desk', 'social_worker', 'housing_officer', 'manager']);
const REVIEW: ReadonlySet<Role> = new Set(['social_worker', 'housing_officer', 'manager']);

/** Who enters applications and uploads their documents (at the desk or behind it). */
export function roleEntersMeasureApplications(role: Role): boolean {
  return ENTER.has(role);
}
/** Who reviews applications (istruttoria). */
export function roleReviewsMeasureApplications(role: Role): boolean {
  return REVIEW.has(role);
}
/** Who approves (and so commits the fund's money): managers only, and never on their own review. */
export function roleApprovesMeasureApplications(role: Role): boolean {
  return role === 'manager';
}
/** Who changes measures and their parameters (no personal data): managers and administrators. */
export function roleAdministersMeasures(role: Role): boolean {
  return role === 'manager' || role === 'admin';
}
/** Who registers landlords and agreed-rent contracts: managers, administrators and the housing office. */
export function roleRegistersAgreedRent(role: Role): boolean {
  return roleAdministersMeasures(role) || role === 'housing_officer';
}
/** Who reads the measures catalogue (no personal data). */
export function roleReadsMeasures(role: Role): boolean {
  return ENTER.has(role) || role === 'admin';
}

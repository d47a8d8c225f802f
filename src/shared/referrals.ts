// Referrals (invii) between the agency and partner organisations, with their legal basis.
import { z } from 'zod';
import type { Role } from './auth.js';
import { idSchema, optionalText, requiredText } from './common.js';

export const REFERRAL_DIRECTIONS = ['to_partner', 'to_agency'] as const;
export type ReferralDirection = (typeof REFERRAL_DIRECTIONS)[number];
export const REFERRAL_DIRECTION_LABELS: Record<ReferralDirection, string> = {
  to_partner: 'Dall’Agenzia all’ente',
  to_agency: 'Dall’ente all’Agenzia',
};

export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  pending: 'In attesa di risposta',
  accepted: 'Accettato',
  declined: 'Rifiutato',
  revoked: 'Revocato',
};

/** The one table of a referral's life: the receiver accepts or declines; the sender may revoke. */
export const REFERRAL_TRANSITIONS = {
  pending: ['accepted', 'declined', 'revoked'],
  accepted: ['revoked'],
  declined: [],
  revoked: [],
} as const satisfies Record<ReferralStatus, readonly ReferralStatus[]>;

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return (REFERRAL_TRANSITIONS[from] as readonly ReferralStatus[]).includes(to);
}

/**
 * Legal bases a referral may rest on (GDPR art. 6 and 9 for health and social data). The referral
 * shares the household file with the partner only as long as it is pending or accepted.
 */
export const REFERRAL_LEGAL_BASES = ['public_task', 'social_services_law', 'consent', 'court_order'] as const;
export type ReferralLegalBasis = (typeof REFERRAL_LEGAL_BASES)[number];
export const REFERRAL_LEGAL_BASIS_LABELS: Record<ReferralLegalBasis, string> = {
  public_task: 'Compito di interesse pubblico (GDPR art. 6 c.1 lett. e; LR 16/2016)',
  social_services_law: 'Servizi sociali (L. 328/2000; GDPR art. 9 c.2 lett. h)',
  consent: 'Consenso dell’interessato (GDPR art. 6 c.1 lett. a; art. 9 c.2 lett. a)',
  court_order: 'Provvedimento dell’autorità giudiziaria',
};

/** Agency staff who refer households to partners (the front desk too: issue 4 calls createReferral). */
const REFERRING_ROLES: ReadonlySet<Role> = new Set(['manager', 'social_worker', 'front_desk']);
export function roleRefersHouseholds(role: Role): boolean {
  return REFERRING_ROLES.has(role);
}
export function roleReadsReferrals(role: Role): boolean {
  return REFERRING_ROLES.has(role) || role === 'housing_officer' || role === 'partner';
}

export const referralInputSchema = z.object({
  householdId: idSchema,
  partnerId: idSchema,
  direction: z.enum(REFERRAL_DIRECTIONS).default('to_partner'),
  service: requiredText('Servizio richiesto', 200),
  reason: requiredText('Motivo dell’invio', 2000),
  legalBasis: z.enum(REFERRAL_LEGAL_BASES, { error: 'Base giuridica non valida.' }),
});
export type ReferralInput = z.infer<typeof referralInputSchema>;
export type ReferralInputRaw = z.input<typeof referralInputSchema>;

export const referralDecisionSchema = z.object({
  decision: z.enum(['accepted', 'declined'], { error: 'Indicare accettato o rifiutato.' }),
  note: optionalText('Nota', 2000),
});
export const referralRevocationSchema = z.object({ reason: requiredText('Motivo della revoca', 2000) });

export const referralSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  /** Applicant's name; a partner sees it only for referrals addressed to its organisation. */
  applicantName: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  direction: z.enum(REFERRAL_DIRECTIONS),
  service: z.string(),
  reason: z.string(),
  legalBasis: z.enum(REFERRAL_LEGAL_BASES),
  status: z.enum(REFERRAL_STATUSES),
  createdAt: z.string(),
  createdByName: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
});
export type Referral = z.infer<typeof referralSchema>;

export const referralListQuerySchema = z.object({
  status: z.enum(REFERRAL_STATUSES).optional(),
  partnerId: idSchema.optional(),
  householdId: idSchema.optional(),
});
export const referralListSchema = z.object({ items: z.array(referralSchema) });

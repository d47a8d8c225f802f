// The front desk's API contract: contacts, the needs questionnaire, the screening result,
// referrals, appointment slots and bookings.
import { z } from 'zod';
import { EVICTION_STAGES, INCOME_LOSS_CAUSES, TENURES } from '../core/measures/facts.js';
import type { Role } from './auth.js';
import { idSchema, optionalText, plainDateSchema, requiredText } from './common.js';

export const CONTACT_CHANNELS = ['in_person', 'phone', 'email', 'pec', 'online'] as const;
export const CONTACT_CHANNEL_LABELS: Record<(typeof CONTACT_CHANNELS)[number], string> = {
  in_person: 'Di persona allo sportello',
  phone: 'Telefono',
  email: 'E-mail',
  pec: 'PEC',
  online: 'Portale online',
};
export const CONTACT_REASONS = [
  'high_rent',
  'eviction',
  'job_loss',
  'housing_search',
  'sap_information',
  'other',
] as const;
export const CONTACT_REASON_LABELS: Record<(typeof CONTACT_REASONS)[number], string> = {
  high_rent: 'Affitto troppo alto',
  eviction: 'Sfratto o intimazione ricevuta',
  job_loss: 'Perdita o riduzione del lavoro',
  housing_search: 'Ricerca di un alloggio',
  sap_information: 'Informazioni su case popolari (SAP)',
  other: 'Altro',
};
export const CONTACT_OUTCOMES = [
  'information_given',
  'referred',
  'application_started',
  'appointment_booked',
  'closed',
] as const;
export const CONTACT_OUTCOME_LABELS: Record<(typeof CONTACT_OUTCOMES)[number], string> = {
  information_given: 'Informazioni fornite',
  referred: 'Inviato ad altro servizio',
  application_started: 'Domanda avviata',
  appointment_booked: 'Appuntamento fissato',
  closed: 'Chiuso',
};

export const TENURE_LABELS: Record<(typeof TENURES)[number], string> = {
  private_rent: 'In affitto sul libero mercato',
  sap_tenant: 'Assegnatario di casa popolare (SAP)',
  owner: 'Proprietario',
  hosted: 'Ospite di parenti o amici',
  homeless: 'Senza alloggio',
  other: 'Altra situazione',
};
export const EVICTION_STAGE_LABELS: Record<(typeof EVICTION_STAGES)[number], string> = {
  none: 'Nessuna morosità né sfratto',
  arrears: 'Morosità senza intimazione',
  notice_served: 'Intimazione di sfratto con citazione notificata',
  validated: 'Sfratto convalidato, non ancora eseguito',
  executed: 'Sfratto eseguito',
};
export const INCOME_LOSS_CAUSE_SHORT_LABELS: Record<(typeof INCOME_LOSS_CAUSES)[number], string> = {
  dismissal: 'Licenziamento',
  reduced_hours: 'Riduzione dell’orario di lavoro',
  wage_supplementation: 'Cassa integrazione',
  contract_not_renewed: 'Contratto a termine non rinnovato',
  business_closure: 'Chiusura di attività autonoma',
  illness_or_death: 'Malattia grave, infortunio o decesso',
  family_change: 'Separazione, abbandono, detenzione',
  other: 'Altra causa',
  none: 'Nessuna perdita di reddito',
};

const cents = z.number().int().min(0).max(1_000_000_000);
const optBool = z.boolean().nullable().optional();
const optCents = cents.nullable().optional();
const optInt = z.number().int().min(0).max(1200).nullable().optional();

export const questionnaireAnswersSchema = z.object({
  tenure: z.enum(TENURES).nullable().optional(),
  monthlyRentCents: optCents,
  leaseRegistered: optBool,
  cadastralCategory: z
    .string()
    .trim()
    .regex(/^[A-F]\/?\d{1,2}$/i, 'Categoria catastale non valida (es. A3 o A/3).')
    .nullable()
    .optional(),
  monthsInUnit: optInt,
  ownsAdequateDwellingInProvince: optBool,
  ownsAdequateDwellingInRegion: optBool,
  yearsResidentInRegion: z.number().int().min(0).max(120).nullable().optional(),
  homeAtAuction: optBool,
  incomeLossCause: z.enum(INCOME_LOSS_CAUSES).nullable().optional(),
  incomeLossAfterLease: optBool,
  taxableIncomeCents: optCents,
  iseCents: optCents,
  assetsCents: optCents,
  onlyPensionIncome: optBool,
  currentlyWorking: optBool,
  evictionStage: z.enum(EVICTION_STAGES).nullable().optional(),
  arrearsCents: optCents,
  pastSapBarringEvents: optBool,
  socialServicesCare: optBool,
});
export type QuestionnaireAnswersInput = z.infer<typeof questionnaireAnswersSchema>;

export const contactInputSchema = z.object({
  householdId: idSchema,
  personName: requiredText('Persona', 120),
  channel: z.enum(CONTACT_CHANNELS),
  reason: z.enum(CONTACT_REASONS),
  reasonNote: optionalText('Nota', 1000),
});
export type ContactInput = z.input<typeof contactInputSchema>;

export const contactOutcomeInputSchema = z.object({
  outcome: z.enum(CONTACT_OUTCOMES),
  outcomeNote: optionalText('Nota', 1000),
});

const checkSchema = z.object({
  code: z.string(),
  outcome: z.enum(['met', 'not_met', 'missing_information']),
  evidence: z.string(),
  source: z.string(),
});
export const amountLineSchema = z.object({
  code: z.string(),
  label: z.string(),
  amountCents: z.number().int(),
  source: z.string(),
});
export const screeningResultSchema = z.object({
  target: z.enum(['measure', 'call']),
  id: z.string(),
  code: z.string(),
  name: z.string(),
  legalBasis: z.string(),
  verdict: z.enum(['eligible', 'not_eligible', 'missing_information']),
  reasons: z.array(checkSchema),
  missing: z.array(z.string()),
  estimate: z.object({ amountCents: z.number().int(), lines: z.array(amountLineSchema) }).nullable(),
  preferences: z.array(z.object({ code: z.string(), text: z.string(), source: z.string() })),
  parameterVersion: z.string().nullable(),
});
export type ScreeningResultDto = z.infer<typeof screeningResultSchema>;
export const VERDICT_LABELS = {
  eligible: 'Può accedere',
  not_eligible: 'Non può accedere',
  missing_information: 'Mancano informazioni',
} as const;

export const screeningSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  householdId: z.string(),
  asOf: z.string(),
  createdAt: z.string(),
  durationMs: z.number().optional(),
  results: z.array(screeningResultSchema),
});
export type Screening = z.infer<typeof screeningSchema>;

export const REFERRAL_KINDS = ['application_draft', 'sap_call', 'appointment', 'social_worker', 'partner'] as const;
export const REFERRAL_KIND_LABELS: Record<(typeof REFERRAL_KINDS)[number], string> = {
  application_draft: 'Domanda per una misura',
  sap_call: 'Domanda per un avviso SAP',
  appointment: 'Appuntamento',
  social_worker: 'Presa in carico del servizio sociale',
  partner: 'Invio a un ente del terzo settore',
};
export const referralInputSchema = z.object({
  kind: z.enum(REFERRAL_KINDS),
  measureId: idSchema.nullable().optional(),
  callId: idSchema.nullable().optional(),
  partnerId: idSchema.nullable().optional(),
  note: optionalText('Nota', 1000),
});
export type ReferralInput = z.input<typeof referralInputSchema>;
export const referralSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  kind: z.enum(REFERRAL_KINDS),
  measureId: z.string().nullable(),
  measureName: z.string().nullable(),
  callId: z.string().nullable(),
  callName: z.string().nullable(),
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
  applicationId: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type Referral = z.infer<typeof referralSchema>;

export const contactSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  personName: z.string(),
  at: z.string(),
  channel: z.enum(CONTACT_CHANNELS),
  reason: z.enum(CONTACT_REASONS),
  reasonNote: z.string().nullable(),
  outcome: z.enum(CONTACT_OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  operatorName: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;
export const contactListSchema = z.object({ items: z.array(contactSchema) });
export const contactListQuerySchema = z.object({
  householdId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const bookingSchema = z.object({
  id: z.string(),
  slotId: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  contactId: z.string().nullable(),
  purpose: z.string(),
  bookedAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export const slotSchema = z.object({
  id: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  booking: bookingSchema.nullable(),
});
export type Slot = z.infer<typeof slotSchema>;
export const calendarSchema = z.object({ items: z.array(slotSchema) });
export const calendarQuerySchema = z.object({
  from: plainDateSchema,
  to: plainDateSchema,
  operatorId: idSchema.optional(),
});
const instantSchema = z.iso.datetime({ offset: true, error: 'Data e ora non valide.' });
export const slotInputSchema = z
  .object({
    operatorId: idSchema.optional(),
    startsAt: instantSchema,
    endsAt: instantSchema,
    place: requiredText('Luogo', 120),
    /** How many weekly occurrences to open, the first included (1: this slot only). */
    repeatWeeks: z
      .number({ error: 'Numero di settimane non valido.' })
      .int('Numero di settimane non valido.')
      .min(1, 'Almeno una settimana.')
      .max(52, 'Al massimo 52 settimane.')
      .optional(),
  })
  .refine((s) => new Date(s.endsAt) > new Date(s.startsAt), {
    message: 'La fine deve seguire l’inizio.',
    path: ['endsAt'],
  });
export type SlotInput = z.input<typeof slotInputSchema>;
export const slotsCreatedSchema = z.object({ id: z.string(), ids: z.array(z.string()) });
export const bookingInputSchema = z.object({
  slotId: idSchema,
  householdId: idSchema,
  contactId: idSchema.nullable().optional(),
  purpose: requiredText('Motivo', 300),
});
export type BookingInput = z.input<typeof bookingInputSchema>;

export const contactDetailSchema = contactSchema.extend({
  answers: questionnaireAnswersSchema.nullable(),
  screening: screeningSchema.nullable(),
  referrals: z.array(referralSchema),
  bookings: z.array(bookingSchema),
});
export type ContactDetail = z.infer<typeof contactDetailSchema>;
export const referralListSchema = z.object({ items: z.array(referralSchema) });
export const partnerListSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });

// ---- Roles -------------------------------------------------------------------------------------
const DESK_ROLES: ReadonlySet<Role> = new Set(['front_desk', 'social_worker', 'housing_officer', 'manager']);

/** Who records contacts, fills the questionnaire, screens and refers (the desk and the staff behind it). */
export function roleUsesFrontDesk(role: Role): boolean {
  return DESK_ROLES.has(role);
}
/** Who opens the referrals list: desk staff, and partners (only the referrals to their organisation). */
export function roleReadsReferrals(role: Role): boolean {
  return DESK_ROLES.has(role) || role === 'partner';
}

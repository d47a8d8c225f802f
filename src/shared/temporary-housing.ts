// Temporary housing run by partners: units, placements (stays), renewals, co-payments, educator
// reports, cohabitation conflicts, exits; the selection list and the occupancy view.
import { z } from 'zod';
import { TARGET_GROUPS, type StayKind } from '../core/temporary-housing/placement-rules.js';
import type { Role } from './auth.js';
import { idSchema, optionalText, plainDateSchema, requiredText } from './common.js';

export const STAY_KINDS = ['hospitality', 'sat'] as const satisfies readonly StayKind[];
export const EXIT_DESTINATIONS = ['sap_assignment', 'private_rent', 'family', 'other'] as const;
export type ExitDestination = (typeof EXIT_DESTINATIONS)[number];
export const EXIT_DESTINATION_LABELS: Record<ExitDestination, string> = {
  sap_assignment: 'Assegnazione di un alloggio pubblico (SAP)',
  private_rent: 'Affitto sul mercato privato',
  family: 'Presso familiari',
  other: 'Altro',
};
export const PLACEMENT_STATUSES = ['planned', 'active', 'overdue', 'ended'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];
export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  planned: 'Programmata',
  active: 'In corso',
  overdue: 'Scaduta senza uscita',
  ended: 'Conclusa',
};
export const CONFLICT_SEVERITIES = ['low', 'medium', 'high'] as const;
export const CONFLICT_SEVERITY_LABELS: Record<(typeof CONFLICT_SEVERITIES)[number], string> = {
  low: 'Lieve',
  medium: 'Media',
  high: 'Grave',
};

const READERS: ReadonlySet<Role> = new Set(['manager', 'social_worker', 'front_desk', 'housing_officer']);
const MANAGERS: ReadonlySet<Role> = new Set(['manager', 'social_worker']);
/** Agency staff read temporary housing; partners read their own units' stays (server-side scope). */
export const roleReadsTemporaryHousing = (role: Role) => READERS.has(role) || role === 'partner';
export const roleManagesTemporaryHousing = (role: Role) => MANAGERS.has(role);
/** Educators (partner users) file reports and log conflicts; the agency's team may too. */
export const roleFilesEducatorReports = (role: Role) => role === 'partner' || MANAGERS.has(role);

/** The durations and alert windows of the housing emergency: read by its staff, changed by managers. */
export const roleReadsEmergencySettings = (role: Role) => READERS.has(role) || role === 'admin';
export const roleChangesEmergencySettings = (role: Role) => role === 'manager' || role === 'admin';

const wholeNumber = (label: string) =>
  z.number({ error: `${label}: inserire un numero.` }).int(`${label}: un numero intero.`);
const stayDurationsSchema = z.object({
  initialMonths: wholeNumber('Primo periodo'),
  renewalMonths: wholeNumber('Durata di un rinnovo'),
  maxRenewals: wholeNumber('Numero di rinnovi'),
  maxTotalMonths: wholeNumber('Durata massima'),
});
const alertWindowsSchema = z.object({
  releaseWithinDays: wholeNumber('Avviso di rilascio'),
  exitPlanDays: wholeNumber('Avviso di piano di uscita'),
  reportEveryDays: wholeNumber('Periodicità delle relazioni'),
});
export const emergencySettingsInputSchema = z.object({
  stayRules: z.object({ hospitality: stayDurationsSchema, sat: stayDurationsSchema }),
  alerts: alertWindowsSchema,
  /** The version the user saw (0 while the defaults are in force): a stale page cannot overwrite. */
  version: z.number().int().min(0),
});
export type EmergencySettingsInput = z.infer<typeof emergencySettingsInputSchema>;
const stayRulesViewSchema = stayDurationsSchema.extend({
  label: z.string(),
  source: z.string(),
  status: z.enum(['V', 'P', 'seed']),
});
export const emergencySettingsSchema = z.object({
  stayRules: z.object({ hospitality: stayRulesViewSchema, sat: stayRulesViewSchema }),
  alerts: alertWindowsSchema,
  defaults: z.object({
    stayRules: z.object({ hospitality: stayDurationsSchema, sat: stayDurationsSchema }),
    alerts: alertWindowsSchema,
  }),
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type EmergencySettingsView = z.infer<typeof emergencySettingsSchema>;

const euros = (label: string) =>
  z
    .number({ error: `${label}: inserire un importo.` })
    .min(0, `${label}: non può essere negativo.`)
    .max(100_000, `${label}: importo non plausibile.`)
    .transform((v) => Math.round(v * 100));

export const temporaryUnitInputSchema = z.object({
  code: requiredText('Codice', 40),
  partnerId: idSchema,
  agreementId: idSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  comuneId: idSchema,
  address: requiredText('Indirizzo', 300),
  capacityPlaces: z.number({ error: 'Posti: inserire un numero.' }).int().min(1, 'Almeno un posto.').max(100),
  rooms: z.number({ error: 'Stanze: inserire un numero.' }).int().min(1, 'Almeno una stanza.').max(50),
  shared: z.boolean(),
  targetGroup: z.enum(TARGET_GROUPS, { error: 'Destinatari non validi.' }),
  stayKind: z.enum(STAY_KINDS),
  notes: optionalText('Note', 2000),
});
export type TemporaryUnitInput = z.infer<typeof temporaryUnitInputSchema>;
export type TemporaryUnitInputRaw = z.input<typeof temporaryUnitInputSchema>;

export const placementInputSchema = z.object({
  householdId: idSchema,
  unitId: idSchema,
  evictionId: idSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  placesUsed: z.number({ error: 'Posti occupati: inserire un numero.' }).int().min(1, 'Almeno un posto.').max(50),
  startsOn: plainDateSchema,
  plannedEndOn: plainDateSchema,
  monthlyGrantEuros: euros('Contributo mensile'),
  monthlyCopaymentEuros: euros('Compartecipazione mensile'),
  educatorName: optionalText('Educatore', 200),
});
export type PlacementInput = z.infer<typeof placementInputSchema>;
export type PlacementInputRaw = z.input<typeof placementInputSchema>;

export const renewalInputSchema = z.object({
  decidedOn: plainDateSchema,
  months: z
    .number()
    .int()
    .min(1)
    .max(60)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  note: optionalText('Nota', 2000),
});
export const paymentInputSchema = z.object({
  periodMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Mese non valido: usare AAAA-MM.'),
  amountEuros: euros('Importo').refine((v) => v > 0, 'Importo: deve essere maggiore di zero.'),
  paidOn: plainDateSchema,
});
export const reportInputSchema = z.object({
  reportedOn: plainDateSchema,
  periodFrom: plainDateSchema,
  periodTo: plainDateSchema,
  body: requiredText('Relazione', 20_000),
});
export type ReportInputRaw = z.input<typeof reportInputSchema>;
export const conflictInputSchema = z.object({
  occurredOn: plainDateSchema,
  severity: z.enum(CONFLICT_SEVERITIES),
  description: requiredText('Descrizione', 4000),
});
export const conflictFollowUpSchema = z.object({
  followUp: requiredText('Azioni di seguito', 4000),
  resolvedOn: plainDateSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export const exitPlanInputSchema = z.object({
  exitPlan: requiredText('Piano di uscita', 4000),
  exitPlanOn: plainDateSchema,
});
export const exitInputSchema = z.object({
  exitedOn: plainDateSchema,
  destination: z.enum(EXIT_DESTINATIONS, { error: 'Destinazione non valida.' }),
  note: optionalText('Nota', 2000),
});

const occupancySchema = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  address: z.string(),
  capacityPlaces: z.number(),
  rooms: z.number(),
  shared: z.boolean(),
  targetGroup: z.string(),
  stayKind: z.enum(STAY_KINDS),
  placesTaken: z.number(),
  placesFree: z.number(),
  activeStays: z.number(),
});
export const temporaryUnitSchema = occupancySchema;
export type TemporaryUnitDto = z.infer<typeof occupancySchema>;
export const occupancyViewSchema = z.object({
  on: z.string(),
  units: z.array(occupancySchema),
  partners: z.array(
    z.object({
      partnerId: z.string(),
      partnerName: z.string(),
      units: z.number(),
      capacityPlaces: z.number(),
      placesTaken: z.number(),
    }),
  ),
});
export type OccupancyView = z.infer<typeof occupancyViewSchema>;

export const placementSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  applicantName: z.string(),
  unitId: z.string(),
  unitCode: z.string(),
  partnerName: z.string(),
  placesUsed: z.number(),
  stayKind: z.enum(STAY_KINDS),
  startsOn: z.string(),
  plannedEndOn: z.string(),
  exitedOn: z.string().nullable(),
  status: z.enum(PLACEMENT_STATUSES),
  renewals: z.number(),
});
export type PlacementSummary = z.infer<typeof placementSummarySchema>;
export const placementListSchema = z.object({ items: z.array(placementSummarySchema) });

const alertSchema = z.object({
  code: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  title: z.string(),
  detail: z.string(),
  dueOn: z.string().nullable(),
});

export const placementDetailSchema = placementSummarySchema.extend({
  version: z.number(),
  evictionId: z.string().nullable(),
  monthlyGrantCents: z.number(),
  monthlyCopaymentCents: z.number(),
  educatorName: z.string().nullable(),
  exitPlan: z.string().nullable(),
  exitPlanOn: z.string().nullable(),
  exitDestination: z.enum(EXIT_DESTINATIONS).nullable(),
  exitNote: z.string().nullable(),
  rules: z.object({
    label: z.string(),
    initialMonths: z.number(),
    renewalMonths: z.number(),
    maxRenewals: z.number(),
    maxTotalMonths: z.number(),
    source: z.string(),
    status: z.enum(['V', 'P', 'seed']),
  }),
  eligibility: z.object({ eligible: z.boolean(), text: z.string() }),
  renewalsList: z.array(
    z.object({
      id: z.string(),
      decidedOn: z.string(),
      previousEndOn: z.string(),
      newEndOn: z.string(),
      note: z.string().nullable(),
    }),
  ),
  payments: z.array(z.object({ id: z.string(), periodMonth: z.string(), amountCents: z.number(), paidOn: z.string() })),
  unpaid: z.array(z.object({ month: z.string(), missingCents: z.number() })),
  reports: z.array(
    z.object({
      id: z.string(),
      reportedOn: z.string(),
      periodFrom: z.string(),
      periodTo: z.string(),
      body: z.string(),
      authorName: z.string(),
    }),
  ),
  conflicts: z.array(
    z.object({
      id: z.string(),
      occurredOn: z.string(),
      severity: z.enum(CONFLICT_SEVERITIES),
      description: z.string(),
      followUp: z.string().nullable(),
      resolvedOn: z.string().nullable(),
    }),
  ),
  alerts: z.array(alertSchema),
});
export type PlacementDetail = z.infer<typeof placementDetailSchema>;

export const placementListQuerySchema = z.object({
  status: z.enum(PLACEMENT_STATUSES).optional(),
  unitId: idSchema.optional(),
  householdId: idSchema.optional(),
});

export const selectionEntrySchema = z.object({
  rank: z.number().nullable(),
  householdId: z.string(),
  householdCode: z.string(),
  applicantName: z.string(),
  membersCount: z.number(),
  fitsTargetGroup: z.boolean(),
  targetGroupText: z.string(),
  schemeEligibility: z.enum(['eligible', 'not_eligible', 'missing_information']),
  score: z.number(),
  scoreText: z.string(),
  criteria: z.array(z.object({ label: z.string(), points: z.number(), outcome: z.string(), source: z.string() })),
  followedBecause: z.array(z.string()),
});
export const selectionListSchema = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  placesFree: z.number(),
  asOf: z.string(),
  scheme: z.object({ id: z.string(), version: z.string(), name: z.string() }),
  entries: z.array(selectionEntrySchema),
});
export type SelectionList = z.infer<typeof selectionListSchema>;

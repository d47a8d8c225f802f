// Eviction monitoring (rules.md §6): procedures, their stage events, statistics and historical totals.
import { z } from 'zod';
import {
  BAILIFF_VISIT_OUTCOMES,
  EVICTION_EVENT_KINDS,
  EVICTION_STATUSES,
  HEARING_OUTCOMES,
} from '../core/evictions/eviction-state.js';
import { EVICTION_MOTIVES } from '../core/evictions/statistics.js';
import type { Role } from './auth.js';
import { idSchema, optionalText, plainDateSchema, requiredText } from './common.js';

export const LANDLORD_KINDS = ['private', 'aler', 'comune', 'other_public', 'company'] as const;
export const LANDLORD_KIND_LABELS: Record<(typeof LANDLORD_KINDS)[number], string> = {
  private: 'Privato',
  aler: 'ALER',
  comune: 'Comune',
  other_public: 'Altro ente pubblico',
  company: 'Società o impresa',
};

export const REPORTED_BY = ['court', 'landlord', 'household', 'social_services', 'other'] as const;
export const REPORTED_BY_LABELS: Record<(typeof REPORTED_BY)[number], string> = {
  court: 'Tribunale',
  landlord: 'Proprietario',
  household: 'Il nucleo stesso',
  social_services: 'Servizi sociali',
  other: 'Altro',
};

export const HEARING_OUTCOME_LABELS: Record<(typeof HEARING_OUTCOMES)[number], string> = {
  postponed: 'Rinvio',
  grace_period: 'Termine di grazia (L. 392/1978 art. 55)',
  opposed: 'Opposizione dell’inquilino',
};
export const VISIT_OUTCOME_LABELS: Record<(typeof BAILIFF_VISIT_OUTCOMES)[number], string> = {
  postponed: 'Rinviato',
  executed: 'Eseguito (immissione in possesso)',
};

/** Stage filters of the list: groups of statuses as staff think of them. */
export const EVICTION_STAGE_FILTERS = {
  open: [
    'reported',
    'notice_served',
    'hearing_held',
    'validated',
    'release_date_set',
    'precetto_served',
    'bailiff_notified',
    'access_postponed',
  ],
  before_validation: ['reported', 'notice_served', 'hearing_held'],
  validated: ['validated', 'release_date_set', 'precetto_served'],
  execution: ['bailiff_notified', 'access_postponed'],
  ended: ['executed', 'released_voluntarily', 'closed'],
} as const satisfies Record<string, readonly (typeof EVICTION_STATUSES)[number][]>;
export type EvictionStageFilter = keyof typeof EVICTION_STAGE_FILTERS;
export const EVICTION_STAGE_FILTER_LABELS: Record<EvictionStageFilter, string> = {
  open: 'Aperte',
  before_validation: 'Prima della convalida',
  validated: 'Convalidate, prima del preavviso',
  execution: 'In esecuzione (preavviso, accessi)',
  ended: 'Concluse',
};

const EVICTION_READERS: ReadonlySet<Role> = new Set(['manager', 'social_worker', 'front_desk', 'housing_officer']);
const EVICTION_WRITERS: ReadonlySet<Role> = new Set(['manager', 'social_worker', 'front_desk']);
export const roleReadsEvictions = (role: Role) => EVICTION_READERS.has(role);
export const roleWritesEvictions = (role: Role) => EVICTION_WRITERS.has(role);
/** Aggregates only: the observatory sees the statistics too. */
export const roleReadsEvictionStatistics = (role: Role) => EVICTION_READERS.has(role) || role === 'observer';
export const roleImportsEvictionHistory = (role: Role) => role === 'manager';

const euros = (label: string) =>
  z
    .number({ error: `${label}: inserire un importo.` })
    .min(0, `${label}: non può essere negativo.`)
    .max(10_000_000, `${label}: importo non plausibile.`)
    .nullable()
    .optional()
    .transform((v) => (v === undefined || v === null ? null : Math.round(v * 100)));

export const evictionInputSchema = z.object({
  householdId: idSchema,
  unitId: idSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  address: requiredText('Indirizzo dell’alloggio', 300),
  court: requiredText('Tribunale', 200),
  caseNumber: optionalText('Numero di ruolo (R.G.)', 100),
  landlordName: requiredText('Proprietario', 200),
  landlordKind: z.enum(LANDLORD_KINDS, { error: 'Tipo di proprietario non valido.' }),
  motive: z.enum(EVICTION_MOTIVES, { error: 'Motivo non valido.' }),
  arrearsEuros: euros('Morosità'),
  reportedBy: z.enum(REPORTED_BY, { error: 'Segnalante non valido.' }),
  reportedOn: plainDateSchema,
  socialWorkerId: idSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  notes: optionalText('Note', 4000),
});
export type EvictionInput = z.infer<typeof evictionInputSchema>;
export type EvictionInputRaw = z.input<typeof evictionInputSchema>;

/** A correction of the procedure's own data (not its stages, which are append-only events). */
export const evictionDetailsInputSchema = evictionInputSchema
  .omit({ householdId: true, unitId: true, socialWorkerId: true })
  .extend({
    /** The version the user saw: a stale page cannot overwrite someone else's correction. */
    version: z.number().int().min(1),
  });
export type EvictionDetailsInput = z.infer<typeof evictionDetailsInputSchema>;
export type EvictionDetailsInputRaw = z.input<typeof evictionDetailsInputSchema>;

export const evictionAssignmentSchema = z.object({
  socialWorkerId: idSchema.nullable(),
  version: z.number().int().min(1),
});

export const evictionEventInputSchema = z.object({
  kind: z.enum(EVICTION_EVENT_KINDS, { error: 'Passaggio non valido.' }),
  occurredOn: plainDateSchema,
  plannedOn: plainDateSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  visitOutcome: z
    .enum(BAILIFF_VISIT_OUTCOMES)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  policePresent: z
    .boolean()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  hearingOutcome: z
    .enum(HEARING_OUTCOMES)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  note: optionalText('Nota', 2000),
  /** The version the user saw: a stale page cannot add a step on top of someone else's. */
  version: z.number().int().min(1),
});
export type EvictionEventInput = z.infer<typeof evictionEventInputSchema>;
export type EvictionEventInputRaw = z.input<typeof evictionEventInputSchema>;

export const evictionListQuerySchema = z.object({
  stage: z.enum(Object.keys(EVICTION_STAGE_FILTERS) as [EvictionStageFilter, ...EvictionStageFilter[]]).optional(),
  status: z.enum(EVICTION_STATUSES).optional(),
  motive: z.enum(EVICTION_MOTIVES).optional(),
  householdId: idSchema.optional(),
  q: z.string().trim().max(100).optional(),
});

const alertSchema = z.object({
  code: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  title: z.string(),
  detail: z.string(),
  subjectType: z.enum(['eviction', 'placement']),
  subjectId: z.string(),
  subjectCode: z.string(),
  householdId: z.string(),
  householdCode: z.string().optional(),
  applicantName: z.string().optional(),
  dueOn: z.string().nullable(),
});
export const workAlertSchema = alertSchema;
export type WorkAlertDto = z.infer<typeof alertSchema>;

export const evictionSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  applicantName: z.string(),
  comuneName: z.string(),
  address: z.string(),
  court: z.string(),
  caseNumber: z.string().nullable(),
  motive: z.enum(EVICTION_MOTIVES),
  status: z.enum(EVICTION_STATUSES),
  plannedReleaseOn: z.string().nullable(),
  socialWorkerName: z.string().nullable(),
  reportedOn: z.string(),
});
export type EvictionSummary = z.infer<typeof evictionSummarySchema>;
export const evictionListSchema = z.object({ items: z.array(evictionSummarySchema) });

export const evictionEventSchema = z.object({
  id: z.string(),
  seq: z.number(),
  kind: z.enum(EVICTION_EVENT_KINDS),
  occurredOn: z.string(),
  plannedOn: z.string().nullable(),
  visitOutcome: z.enum(BAILIFF_VISIT_OUTCOMES).nullable(),
  policePresent: z.boolean().nullable(),
  hearingOutcome: z.enum(HEARING_OUTCOMES).nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});

export const evictionDetailSchema = evictionSummarySchema.extend({
  comuneId: z.string(),
  unitId: z.string().nullable(),
  landlordName: z.string(),
  landlordKind: z.enum(LANDLORD_KINDS),
  arrearsCents: z.number().nullable(),
  reportedBy: z.enum(REPORTED_BY),
  socialWorkerId: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  events: z.array(evictionEventSchema),
  allowedEventKinds: z.array(z.enum(EVICTION_EVENT_KINDS)),
  dates: z.object({
    noticeServedOn: z.string().nullable(),
    validatedOn: z.string().nullable(),
    executionRequestedOn: z.string().nullable(),
    executedOn: z.string().nullable(),
    releasedOn: z.string().nullable(),
    closedOn: z.string().nullable(),
    visits: z.number(),
    visitsWithPolice: z.number(),
  }),
  arrearsFund: z.object({
    outcome: z.enum(['eligible', 'not_eligible', 'to_verify']),
    applied: z.boolean().nullable(),
    checks: z.array(z.object({ code: z.string(), label: z.string(), outcome: z.string(), source: z.string() })),
  }),
  alerts: z.array(alertSchema),
});
export type EvictionDetail = z.infer<typeof evictionDetailSchema>;

export const yearlyStatisticSchema = z.object({
  year: z.number(),
  origin: z.enum(['history', 'register']),
  source: z.string(),
  issued: z.number(),
  issuedLandlordNeed: z.number().nullable(),
  issuedEndOfLease: z.number().nullable(),
  issuedArrearsOther: z.number().nullable(),
  executionRequests: z.number().nullable(),
  executed: z.number().nullable(),
  total: z.number(),
});
export const evictionStatisticsSchema = z.object({
  scope: z.string(),
  rows: z.array(yearlyStatisticSchema),
});
export type EvictionStatistics = z.infer<typeof evictionStatisticsSchema>;

const count = (label: string) =>
  z
    .number({ error: `${label}: inserire un numero intero.` })
    .int(`${label}: inserire un numero intero.`)
    .min(0, `${label}: non può essere negativo.`)
    .max(10_000_000);

export const historyRowSchema = z.object({
  year: count('Anno'),
  issued: count('Provvedimenti emessi (convalidati)'),
  issuedLandlordNeed: count('Necessità del locatore').nullable().default(null),
  issuedEndOfLease: count('Finita locazione').nullable().default(null),
  issuedArrearsOther: count('Morosità e altra causa').nullable().default(null),
  executionRequests: count('Richieste di esecuzione').nullable().default(null),
  executed: count('Eseguiti').nullable().default(null),
});
export const historyImportSchema = z.object({
  scope: requiredText('Ambito territoriale dei dati', 100).default('Cinisello Balsamo'),
  source: requiredText('Fonte', 500),
  rows: z.array(historyRowSchema).min(1, 'Nessuna riga da importare.').max(200),
});
export type HistoryImport = z.infer<typeof historyImportSchema>;
export type HistoryImportRaw = z.input<typeof historyImportSchema>;

/**
 * Parses the history table as typed or pasted: one year per line, `anno;convalidati;eseguiti`, with
 * optional `;necessità;finita locazione;morosità e altro;richieste`. A header line is skipped.
 */
export function parseHistoryText(text: string): { rows: z.input<typeof historyRowSchema>[]; errors: string[] } {
  const rows: z.input<typeof historyRowSchema>[] = [];
  const errors: string[] = [];
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (line === '' || /^[a-zà-ù]/i.test(line)) return;
      const cells = line.split(/[;,\t]/).map((c) => c.trim());
      const nums = cells.map((c) => (c === '' || c === '-' || c === '–' ? null : Number(c.replace(/\./g, ''))));
      if (
        nums.length < 3 ||
        nums.some((n) => n !== null && !Number.isInteger(n)) ||
        nums[0] === null ||
        nums[1] === null
      ) {
        errors.push(`Riga ${i + 1}: usare «anno;convalidati;eseguiti» con numeri interi.`);
        return;
      }
      rows.push({
        year: nums[0] as number,
        issued: nums[1] as number,
        executed: nums[2] ?? null,
        issuedLandlordNeed: nums[3] ?? null,
        issuedEndOfLease: nums[4] ?? null,
        issuedArrearsOther: nums[5] ?? null,
        executionRequests: nums[6] ?? null,
      });
    });
  return { rows, errors };
}

/** The agency's work list: alerts from evictions and temporary housing on a day. */
export const worklistSchema = z.object({ on: z.string(), items: z.array(alertSchema) });
export type Worklist = z.infer<typeof worklistSchema>;
export const roleReadsWorklist = (role: Role) => EVICTION_READERS.has(role) || role === 'partner';

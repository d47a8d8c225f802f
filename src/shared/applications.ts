// The API contract of SAP applications (domande): the platform import, the front-desk entry,
// the review (istruttoria) and the application page.
import { z } from 'zod';
import { idSchema, optionalText, requiredText } from './common.js';
import { fiscalCodeSchema, type RELATIONS } from './households.js';

/** Columns of the regional platform's export, one row per application (docs/formats/applications.md). */
export const APPLICATION_COLUMNS = [
  'id_domanda',
  'protocollo',
  'data_presentazione',
  'codice_fiscale',
  'cognome',
  'nome',
  'comune_residenza',
  'comune_lavoro',
  'componenti',
  'isee',
  'isbar',
  'indigente',
  'categorie',
  'invalidita',
  'alloggio_1',
  'alloggio_2',
] as const;
export type ApplicationColumn = (typeof APPLICATION_COLUMNS)[number];

/** Columns of the optional members file: one row per member, the applicant included. */
export const APPLICATION_MEMBER_COLUMNS = [
  'id_domanda',
  'codice_fiscale',
  'cognome',
  'nome',
  'data_nascita',
  'relazione',
  'invalidita',
] as const;
export type ApplicationMemberColumn = (typeof APPLICATION_MEMBER_COLUMNS)[number];

/** `relazione` of the members file → the household relation codes. */
export const MEMBER_RELATION_CODES: Readonly<Record<string, (typeof RELATIONS)[number]>> = {
  richiedente: 'applicant',
  coniuge: 'spouse',
  unito_civilmente: 'spouse',
  convivente: 'partner',
  figlio: 'child',
  figlia: 'child',
  genitore: 'parent',
  fratello: 'sibling',
  sorella: 'sibling',
  nipote: 'grandchild',
  nonno: 'grandparent',
  nonna: 'grandparent',
  parente: 'other_relative',
  affine: 'in_law',
  altro: 'other',
};

/** The JSON field of the front-desk entry that holds each column, for errors at the right field. */
export const COLUMN_FIELD: Record<ApplicationColumn, string> = {
  id_domanda: 'platformId',
  protocollo: 'protocol',
  data_presentazione: 'submittedAt',
  codice_fiscale: 'fiscalCode',
  cognome: 'lastName',
  nome: 'firstName',
  comune_residenza: 'residenceComune',
  comune_lavoro: 'workComune',
  componenti: 'membersCount',
  isee: 'iseeCents',
  isbar: 'isbar',
  indigente: 'indigent',
  categorie: 'reserveCategories',
  invalidita: 'invalidityPercent',
  alloggio_1: 'choice1',
  alloggio_2: 'choice2',
};

/** Reserve category codes, as in the units file (docs/formats/units.md): lower-case letters, digits, '_'. */
export const RESERVE_CATEGORY_PATTERN = /^[a-z0-9_]{1,40}$/;

/** An application entered at the front desk: the same fields as a row of the platform's file. */
export const applicationEntrySchema = z.object({
  /** The household to link; when absent the applicant's fiscal code finds it, or a new one is opened. */
  householdId: idSchema.nullable().optional(),
  platformId: requiredText('Numero della domanda sulla piattaforma regionale', 64),
  protocol: requiredText('Protocollo', 100),
  /** ISO date-time; without an offset it is read as the time in Italy. */
  submittedAt: requiredText('Data e ora di presentazione', 40),
  fiscalCode: fiscalCodeSchema,
  lastName: requiredText('Cognome', 100),
  firstName: requiredText('Nome', 100),
  residenceComune: requiredText('Comune di residenza', 100),
  workComune: optionalText('Comune di lavoro', 100),
  membersCount: z
    .number({ error: 'Componenti del nucleo: inserire un numero.' })
    .int('Componenti del nucleo: inserire un numero intero.')
    .min(1, 'Componenti del nucleo: almeno 1.')
    .max(20, 'Componenti del nucleo: al massimo 20.'),
  iseeCents: z
    .number({ error: 'ISEE: inserire un importo.' })
    .int('ISEE: importo in centesimi.')
    .min(0, 'ISEE: non può essere negativo.')
    .max(1_000_000_000, 'ISEE fuori scala.'),
  isbar: z
    .number({ error: 'ISBAR: inserire un numero.' })
    .min(0, 'ISBAR: non può essere negativo.')
    .max(100_000, 'ISBAR fuori scala.')
    .refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, 'ISBAR: al massimo 3 decimali.'),
  indigent: z.boolean({ error: 'Indigenza: indicare sì o no.' }).default(false),
  reserveCategories: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(RESERVE_CATEGORY_PATTERN, 'Categoria di riserva non valida (lettere, cifre e _ senza spazi).'),
    )
    .max(20)
    .default([]),
  invalidityPercent: z
    .number({ error: 'Invalidità: inserire un numero.' })
    .int('Invalidità: inserire un numero intero.')
    .min(0, 'Invalidità: tra 0 e 100.')
    .max(100, 'Invalidità: tra 0 e 100.')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  choice1: optionalText('Alloggio scelto 1', 64),
  choice2: optionalText('Alloggio scelto 2', 64),
});
export type ApplicationEntry = z.infer<typeof applicationEntrySchema>;
export type ApplicationEntryRaw = z.input<typeof applicationEntrySchema>;

/**
 * The import body as JSON (the web wizard): each file's bytes in base64, so that its hash and
 * encoding are checked exactly as for a file given to the command line. A `text/csv` body is the
 * applications file alone.
 */
const fileSchema = z.object({
  name: requiredText('Nome del file', 200),
  contentBase64: z
    .string({ error: 'Contenuto del file mancante.' })
    .max(40_000_000, 'File troppo grande.')
    .regex(/^[A-Za-z0-9+/=\s]*$/, 'Contenuto del file non valido (base64).'),
});
export const importBodySchema = z.object({
  applications: fileSchema,
  members: fileSchema.nullable().optional(),
});

export const importQuerySchema = z.object({
  dryRun: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  fileName: z.string().trim().max(200).optional(),
});

export const rowProblemSchema = z.object({
  file: z.enum(['applications', 'members']),
  line: z.number(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});
export type RowProblemReport = z.infer<typeof rowProblemSchema>;

export const importReportSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  /** True when this very file (same SHA-256) was already imported into the call: nothing changed. */
  alreadyImported: z.boolean(),
  imported: z.boolean(),
  fileName: z.string(),
  sha256: z.string(),
  rows: z.number(),
  created: z.number(),
  unchanged: z.number(),
  householdsMatched: z.number(),
  householdsCreated: z.number(),
  problems: z.array(rowProblemSchema),
  items: z.array(
    z.object({
      line: z.number(),
      platformId: z.string(),
      outcome: z.enum(['created', 'unchanged']),
      household: z.enum(['matched', 'created']).nullable(),
      householdCode: z.string().nullable(),
    }),
  ),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const APPLICATION_STATES = ['to_review', 'admitted', 'excluded'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  to_review: 'Da istruire',
  admitted: 'Ammessa',
  excluded: 'Esclusa',
};

export const applicationListQuerySchema = z.object({
  state: z.enum(APPLICATION_STATES).optional(),
  comuneId: idSchema.optional(),
  q: z.string().trim().max(100).optional(),
  /** Only the applications of one household file. */
  householdId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** The applications of one household file, across calls (its page lists them). */
export const householdApplicationListQuerySchema = applicationListQuerySchema.extend({ householdId: idSchema });

export const applicationSummarySchema = z.object({
  id: z.string(),
  platformId: z.string(),
  protocol: z.string(),
  submittedAt: z.string(),
  applicantName: z.string(),
  fiscalCode: z.string(),
  residenceComuneName: z.string(),
  membersCount: z.number(),
  isbar: z.number(),
  iseeCents: z.number(),
  indigent: z.boolean(),
  choices: z.array(z.string()),
  state: z.enum(APPLICATION_STATES),
  householdId: z.string(),
  householdCode: z.string(),
  source: z.enum(['platform_import', 'front_desk']),
});
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;

export const applicationListSchema = z.object({
  items: z.array(applicationSummarySchema),
  total: z.number(),
  counts: z.object({ to_review: z.number(), admitted: z.number(), excluded: z.number() }),
});

export const CHECK_OUTCOMES = ['met', 'not_met', 'missing_information'] as const;
export const CHECK_OUTCOME_LABELS: Record<(typeof CHECK_OUTCOMES)[number], string> = {
  met: 'Soddisfatto',
  not_met: 'Non soddisfatto',
  missing_information: 'Informazioni mancanti',
};

export const REQUIREMENT_LABELS: Record<string, string> = {
  citizenship: 'Cittadinanza o titolo di soggiorno',
  isee: 'ISEE entro la soglia',
  assets: 'Patrimonio entro la soglia',
  no_adequate_dwelling: 'Nessun diritto su un alloggio adeguato',
  no_assignment_loss: 'Nessuna decadenza o annullamento di assegnazione negli ultimi 5 anni',
  no_eviction_for_arrears: 'Nessuno sfratto per morosità da alloggio SAP negli ultimi 5 anni',
  no_illegal_occupation: 'Nessuna occupazione senza titolo negli ultimi 5 anni',
  indigence: 'Condizione di indigenza (quota del 20%)',
};

export const requirementCheckSchema = z.object({
  code: z.string(),
  label: z.string(),
  outcome: z.enum(CHECK_OUTCOMES),
  evidence: z.string(),
  source: z.string(),
});
export type RequirementCheckView = z.infer<typeof requirementCheckSchema>;

export const reviewInputSchema = z.object({
  decision: z.enum(['admitted', 'excluded'], { error: 'Esito: scegliere "ammessa" o "esclusa".' }),
  reason: requiredText('Motivazione', 4000),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export const applicationDetailSchema = z.object({
  id: z.string(),
  callId: z.string(),
  callCode: z.string(),
  callName: z.string(),
  platformId: z.string(),
  protocol: z.string(),
  submittedAt: z.string(),
  source: z.enum(['platform_import', 'front_desk']),
  applicant: z.object({ fiscalCode: z.string(), lastName: z.string(), firstName: z.string() }),
  residenceComune: z.object({ id: z.string().nullable(), name: z.string() }),
  workComune: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  membersCount: z.number(),
  iseeCents: z.number(),
  isbar: z.number(),
  indigent: z.boolean(),
  indigenceAttested: z.boolean(),
  reserveCategories: z.array(z.string()),
  maxInvalidityPercent: z.number().nullable(),
  choices: z.array(
    z.object({
      position: z.number(),
      unitId: z.string(),
      code: z.string(),
      ownerName: z.string(),
      comuneName: z.string(),
      address: z.string(),
      floorAreaDm2: z.number(),
      adequate: z.boolean(),
      accessibilityCheck: z.boolean(),
      adequacyText: z.string(),
      adequacySource: z.string(),
    }),
  ),
  members: z.array(
    z.object({
      fiscalCode: z.string(),
      lastName: z.string(),
      firstName: z.string(),
      birthDate: z.string().nullable(),
      relation: z.string().nullable(),
      invalidityPercent: z.number().nullable(),
    }),
  ),
  household: z.object({
    id: z.string(),
    code: z.string(),
    comuneName: z.string(),
    /** Opened by the import and not yet completed by an operator (address, citizenship). */
    incomplete: z.boolean(),
  }),
  checks: z.array(requirementCheckSchema),
  verdict: z.object({ code: z.string(), text: z.string() }),
  state: z.enum(APPLICATION_STATES),
  reviews: z.array(
    z.object({
      id: z.string(),
      decision: z.enum(['admitted', 'excluded']),
      reason: z.string(),
      decidedAt: z.string(),
      decidedByName: z.string(),
      inForce: z.boolean(),
    }),
  ),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

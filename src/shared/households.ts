import { z } from 'zod';
import { FISCAL_CODE_ERROR_MESSAGES, normalizeFiscalCode, validateFiscalCode } from '../core/kernel/fiscal-code.js';
import { ISEE_KINDS } from '../core/households/isee.js';
import { VULNERABILITY_CODES } from '../core/households/vulnerabilities.js';
import { idSchema, optionalText, plainDateSchema, requiredText } from './common.js';

export const fiscalCodeSchema = z
  .string({ error: 'Codice fiscale: campo obbligatorio.' })
  .transform(normalizeFiscalCode)
  .superRefine((value, ctx) => {
    if (value.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'Codice fiscale: campo obbligatorio.', params: { rule: 'required' } });
      return;
    }
    const result = validateFiscalCode(value);
    if (!result.ok) {
      ctx.addIssue({
        code: 'custom',
        message: FISCAL_CODE_ERROR_MESSAGES[result.error],
        params: { rule: `fiscal_code_${result.error}` },
      });
    }
  });

export const RELATIONS = [
  'applicant',
  'spouse',
  'partner',
  'child',
  'parent',
  'sibling',
  'grandchild',
  'grandparent',
  'other_relative',
  'in_law',
  'other',
] as const;
export const RELATION_LABELS: Record<(typeof RELATIONS)[number], string> = {
  applicant: 'Richiedente',
  spouse: 'Coniuge / unito civilmente',
  partner: 'Convivente di fatto',
  child: 'Figlio/a',
  parent: 'Genitore',
  sibling: 'Fratello / sorella',
  grandchild: 'Nipote',
  grandparent: 'Nonno/a',
  other_relative: 'Altro parente (fino al 3° grado)',
  in_law: 'Affine (fino al 2° grado)',
  other: 'Altro',
};

export const CITIZENSHIPS = ['italian', 'eu', 'non_eu'] as const;
export const CITIZENSHIP_LABELS: Record<(typeof CITIZENSHIPS)[number], string> = {
  italian: 'Italiana',
  eu: 'Unione europea',
  non_eu: 'Extra UE',
};

/** Residence permits as they matter for RR 4/2017 art. 7 lett. a). */
export const PERMIT_KINDS = ['long_term_eu', 'two_years_work', 'international_protection', 'other'] as const;
export const PERMIT_LABELS: Record<(typeof PERMIT_KINDS)[number], string> = {
  long_term_eu: 'Permesso UE per soggiornanti di lungo periodo',
  two_years_work: 'Permesso di almeno 2 anni con attività lavorativa',
  international_protection: 'Protezione internazionale',
  other: 'Altro permesso',
};

export const ISEE_KIND_LABELS: Record<(typeof ISEE_KINDS)[number], string> = {
  ordinario: 'Ordinario',
  corrente: 'Corrente',
  minorenni: 'Minorenni',
  socio_sanitario: 'Socio-sanitario',
};

export const VULNERABILITY_LABELS: Record<(typeof VULNERABILITY_CODES)[number], string> = {
  job_loss: 'Perdita del lavoro',
  income_drop: 'Forte riduzione del reddito',
  eviction_risk: 'Rischio di sfratto',
  homeless: 'Senza dimora',
  improper_housing: 'Alloggio improprio',
  overcrowding: 'Sovraffollamento',
  architectural_barriers: 'Barriere architettoniche con persona disabile',
  domestic_violence: 'Violenza domestica',
  serious_illness: 'Grave malattia di un componente',
  social_services_care: 'In carico ai servizi sociali',
  separated_parent: 'Genitore separato senza casa familiare',
  new_family: 'Nucleo di nuova formazione',
  other: 'Altro',
};

export const DERIVED_FLAG_LABELS = {
  has_minors: 'Minori nel nucleo',
  has_child_under_3: 'Bambino sotto i 3 anni',
  has_elderly_over_65: 'Anziano oltre 65 anni',
  has_elderly_over_70: 'Anziano oltre 70 anni',
  has_disability_66: 'Invalidità pari o superiore al 66%',
  has_disability_74: 'Invalidità pari o superiore al 74%',
  has_disability_100: 'Invalidità al 100%',
  lone_parent_with_minors: 'Nucleo monoparentale con minori',
  single_person: 'Persona sola',
} as const;

export const memberInputSchema = z
  .object({
    id: idSchema.optional(),
    fiscalCode: fiscalCodeSchema,
    firstName: requiredText('Nome', 100),
    lastName: requiredText('Cognome', 100),
    birthDate: plainDateSchema,
    sex: z.enum(['F', 'M'], { error: 'Sesso: scegliere F o M.' }),
    relation: z.enum(RELATIONS, { error: 'Relazione con il richiedente: scegliere un valore.' }),
    citizenship: z.enum(CITIZENSHIPS, { error: 'Cittadinanza: scegliere un valore.' }),
    permitKind: z
      .enum(PERMIT_KINDS)
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    permitExpiresOn: plainDateSchema
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    disabilityPercent: z
      .number({ error: 'Percentuale di invalidità: inserire un numero.' })
      .int('Percentuale di invalidità: inserire un numero intero.')
      .min(0, 'Percentuale di invalidità: tra 0 e 100.')
      .max(100, 'Percentuale di invalidità: tra 0 e 100.')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    disabilityKind: optionalText('Tipo di disabilità', 200),
  })
  .superRefine((m, ctx) => {
    if (m.citizenship === 'non_eu' && m.permitKind === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['permitKind'],
        message: 'Per un cittadino extra UE indicare il titolo di soggiorno.',
      });
    }
    if (m.permitKind !== null && m.permitKind !== 'long_term_eu' && m.permitExpiresOn === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['permitExpiresOn'],
        message: 'Indicare la scadenza del permesso di soggiorno.',
      });
    }
  });
export type MemberInput = z.infer<typeof memberInputSchema>;

export const householdInputSchema = z
  .object({
    comuneId: z
      .string({ error: 'Scegliere il Comune di residenza del nucleo.' })
      .min(1, 'Scegliere il Comune di residenza del nucleo.')
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, 'Comune non valido.'),
    addressStreet: requiredText('Indirizzo', 200),
    addressNumber: optionalText('Numero civico', 20),
    addressPostcode: z
      .string()
      .trim()
      .regex(/^(\d{5})?$/, 'CAP: 5 cifre.')
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    addressCity: requiredText('Città', 100),
    phone: z
      .string()
      .trim()
      .regex(/^(\+?[0-9 ./-]{6,20})?$/, 'Telefono non valido.')
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    email: z
      .union([z.literal(''), z.email('Indirizzo e-mail non valido.')])
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    pec: z
      .union([z.literal(''), z.email('Indirizzo PEC non valido.')])
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    loneParent: z.boolean().default(false),
    members: z
      .array(memberInputSchema, { error: 'Indicare i componenti del nucleo.' })
      .min(1, 'Il nucleo deve avere almeno un componente.')
      .max(20, 'Al massimo 20 componenti.'),
    /** Set by the operator after being told that a fiscal code already belongs to another household. */
    acknowledgeDuplicates: z.boolean().default(false),
  })
  .superRefine((h, ctx) => {
    const applicants = h.members.filter((m) => m.relation === 'applicant').length;
    if (applicants !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['members'],
        message: 'Il nucleo deve avere un solo richiedente.',
      });
    }
    const seen = new Map<string, number>();
    h.members.forEach((m, i) => {
      const first = seen.get(m.fiscalCode);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['members', i, 'fiscalCode'],
          message: `Codice fiscale ripetuto: è già indicato per il componente ${first + 1}.`,
        });
      } else {
        seen.set(m.fiscalCode, i);
      }
    });
  });
export type HouseholdInput = z.infer<typeof householdInputSchema>;
export type HouseholdInputRaw = z.input<typeof householdInputSchema>;

export const householdUpdateSchema = householdInputSchema.and(
  z.object({ version: z.number().int().positive('Versione non valida.') }),
);

export const iseeInputSchema = z.object({
  kind: z.enum(ISEE_KINDS, { error: 'Tipo di ISEE: scegliere un valore.' }),
  protocol: z
    .string({ error: 'Protocollo: campo obbligatorio.' })
    .trim()
    .toUpperCase()
    .regex(/^INPS-ISEE-\d{4}-[0-9A-Z-]{4,40}$/, 'Protocollo non valido: usare il formato INPS-ISEE-AAAA-….'),
  valueCents: z
    .number({ error: 'Valore ISEE: inserire un importo.' })
    .int('Valore ISEE: importo in centesimi.')
    .min(0, 'Valore ISEE: non può essere negativo.')
    .max(100_000_000_00, 'Valore ISEE fuori scala.'),
  dsuSubmittedOn: plainDateSchema,
  validUntil: plainDateSchema.optional(),
  membersCount: z
    .number({ error: 'Componenti del nucleo ISEE: inserire un numero.' })
    .int('Componenti del nucleo ISEE: inserire un numero intero.')
    .min(1, 'Componenti del nucleo ISEE: almeno 1.')
    .max(30, 'Componenti del nucleo ISEE: al massimo 30.'),
});
export type IseeInput = z.infer<typeof iseeInputSchema>;

export const vulnerabilityInputSchema = z.object({
  code: z.enum(VULNERABILITY_CODES, { error: 'Scegliere una fragilità dall’elenco.' }),
  note: optionalText('Nota', 1000),
});

export const noteInputSchema = z.object({
  audience: z.enum(['all', 'social'], { error: 'Scegliere chi può leggere la nota.' }),
  body: requiredText('Testo della nota', 5000),
});

export const householdSearchQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  comuneId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const householdSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  comuneId: z.string(),
  comuneName: z.string(),
  applicantName: z.string().nullable(),
  applicantFiscalCode: z.string().nullable(),
  address: z.string(),
  membersCount: z.number(),
});
export type HouseholdSummary = z.infer<typeof householdSummarySchema>;

export const householdSearchResultSchema = z.object({
  items: z.array(householdSummarySchema),
  total: z.number(),
});

export const memberSchema = z.object({
  id: z.string(),
  position: z.number(),
  fiscalCode: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string(),
  age: z.number(),
  sex: z.enum(['F', 'M']),
  relation: z.enum(RELATIONS),
  citizenship: z.enum(CITIZENSHIPS).nullable(),
  permitKind: z.enum(PERMIT_KINDS).nullable(),
  permitExpiresOn: z.string().nullable(),
  disabilityPercent: z.number().nullable(),
  disabilityKind: z.string().nullable(),
  alsoInHouseholds: z.array(z.object({ id: z.string(), code: z.string() })),
  warnings: z.array(z.string()),
});
export type Member = z.infer<typeof memberSchema>;

export const iseeRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(ISEE_KINDS),
  protocol: z.string(),
  valueCents: z.number(),
  dsuSubmittedOn: z.string(),
  validUntil: z.string(),
  membersCount: z.number(),
  inForce: z.boolean(),
  createdAt: z.string(),
});

export const vulnerabilitySchema = z.object({
  id: z.string(),
  code: z.enum(VULNERABILITY_CODES),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const derivedFlagSchema = z.object({
  flag: z.enum(Object.keys(DERIVED_FLAG_LABELS) as [keyof typeof DERIVED_FLAG_LABELS]),
  label: z.string(),
  source: z.string(),
});

export const noteSchema = z.object({
  id: z.string(),
  audience: z.enum(['all', 'social'], { error: 'Scegliere chi può leggere la nota.' }),
  body: z.string(),
  authorName: z.string(),
  authorRole: z.string(),
  createdAt: z.string(),
});

export const timelineEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const householdDetailSchema = z.object({
  id: z.string(),
  code: z.string(),
  comuneId: z.string(),
  comuneName: z.string(),
  addressStreet: z.string(),
  addressNumber: z.string().nullable(),
  addressPostcode: z.string().nullable(),
  addressCity: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  pec: z.string().nullable(),
  loneParent: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  members: z.array(memberSchema),
  isee: z.array(iseeRecordSchema),
  vulnerabilities: z.array(vulnerabilitySchema),
  derivedFlags: z.array(derivedFlagSchema),
  notes: z.array(noteSchema),
  timeline: z.array(timelineEventSchema),
});
export type HouseholdDetail = z.infer<typeof householdDetailSchema>;

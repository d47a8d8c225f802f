// The API contract of SAP calls (avvisi): creation, the call page, the units it offers.
import { z } from 'zod';
import { DEFAULT_REFUSAL_POLICY, REFUSAL_POLICIES } from '../core/sap/assignment.js';
import { checkCallWindow } from '../core/sap/deadlines.js';
import { computeCallQuotas, type QuotaErrorCode } from '../core/sap/quotas.js';
import { DEFAULT_TIE_BREAK_KEYS, TIE_BREAK_KEYS, TIE_BREAK_KEY_LABELS } from '../core/sap/ranking.js';
import { idSchema, plainDateSchema, requiredText } from './common.js';

export const CALL_KINDS = ['ordinary', 'police_forces'] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export const CALL_KIND_LABELS: Record<CallKind, string> = {
  ordinary: 'Ordinario (SAP)',
  police_forces: 'Forze di Polizia (avviso separato, artt. 7 bis e 7 ter)',
};

export const PROGRAMMES = ['sap', 'por', 'sas', 'sat', 'other'] as const;
export type Programme = (typeof PROGRAMMES)[number];
export const PROGRAMME_LABELS: Record<Programme, string> = {
  sap: 'Servizi abitativi pubblici (SAP/ERP)',
  por: 'Alloggi POR',
  sas: 'Servizi abitativi sociali (SAS)',
  sat: 'Servizi abitativi transitori (SAT)',
  other: 'Altro programma',
};

export { TIE_BREAK_KEYS, TIE_BREAK_KEY_LABELS };
export const REFUSAL_POLICY_IDS = REFUSAL_POLICIES.map((p) => p.id) as [string, ...string[]];
export const REFUSAL_POLICY_LABELS: Record<string, string> = Object.fromEntries(
  REFUSAL_POLICIES.map((p) => [p.id, p.text]),
);

const percent = (label: string) =>
  z
    .number({ error: `${label}: inserire un numero.` })
    .int(`${label}: inserire un numero intero.`)
    .min(0, `${label}: tra 0 e 100.`)
    .max(100, `${label}: tra 0 e 100.`);

export const ownerQuotaInputSchema = z.object({
  ownerId: idSchema,
  reservePercent: percent('Riserva per le categorie').default(0),
  policePercent: percent('Quota Forze di Polizia').default(0),
});
export type OwnerQuotaInput = z.infer<typeof ownerQuotaInputSchema>;

const QUOTA_ERROR_FIELD: Record<QuotaErrorCode, 'reservePercent' | 'policePercent' | null> = {
  RESERVE_ABOVE_CAP: 'reservePercent',
  POLICE_FORCES_ABOVE_CAP: 'policePercent',
  POLICE_FORCES_ON_ORDINARY_CALL: 'policePercent',
  PERCENT_OUT_OF_RANGE: null,
  INDIGENT_SHARE_BELOW_LAW: null,
  INDIGENT_SHARE_ABOVE_LAW_FOR_ALER: null,
  SAT_ABOVE_CAP: null,
};

/**
 * A new call. The window and the quota caps are checked here with the rules of core/sap, so the
 * browser shows the same refusal, with its legal source, as the server and the command line.
 */
export const SCORINGS = ['platform_isbar', 'points_scheme'] as const;
export const SCORING_LABELS: Record<(typeof SCORINGS)[number], string> = {
  platform_isbar: 'ISBAR calcolato dalla piattaforma regionale',
  points_scheme: 'Punteggio calcolato da Abitare con uno schema a punti',
};

export const callInputSchema = z
  .object({
    name: requiredText('Nome dell’avviso', 200),
    /** Lombardy's calls use the platform's ISBAR; a call may instead be scored with a points scheme (issue 3 item 9). */
    scoring: z.enum(SCORINGS, { error: 'Punteggio: scegliere un valore.' }).default('platform_isbar'),
    schemeCode: z.string().trim().max(100).nullable().optional(),
    schemeVersion: z.string().trim().max(50).nullable().optional(),
    kind: z.enum(CALL_KINDS, { error: 'Tipo di avviso: scegliere un valore.' }).default('ordinary'),
    programme: z.enum(PROGRAMMES, { error: 'Programma: scegliere un valore.' }).default('sap'),
    opensOn: plainDateSchema,
    closesOn: plainDateSchema,
    /** The indigent share (RR art. 13): 20% by law; a Comune may go above it on its own stock only. */
    indigentPercent: z
      .number({ error: 'Quota indigenti: inserire un numero.' })
      .int('Quota indigenti: inserire un numero intero.')
      .min(20, 'Quota indigenti: non può essere inferiore al 20% (R.R. 4/2017 art. 13).')
      .max(100, 'Quota indigenti: al massimo 100%.')
      .default(20),
    quotas: z.array(ownerQuotaInputSchema).max(50).default([]),
    tieBreakKeys: z
      .array(z.enum(TIE_BREAK_KEYS, { error: 'Criterio di parità non riconosciuto.' }))
      .min(1, 'Indicare almeno un criterio per le parità di punteggio.')
      .max(TIE_BREAK_KEYS.length)
      .default([...DEFAULT_TIE_BREAK_KEYS]),
    refusalPolicy: z
      .enum(REFUSAL_POLICY_IDS, { error: 'Regola sulle rinunce: scegliere un valore.' })
      .default(DEFAULT_REFUSAL_POLICY.id),
  })
  .superRefine((c, ctx) => {
    if (c.scoring === 'points_scheme' && (!c.schemeCode || !c.schemeVersion)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.schemeCode ? 'schemeVersion' : 'schemeCode'],
        message: 'Per un punteggio calcolato da Abitare indicare lo schema a punti e la sua versione.',
      });
    }
    const window = checkCallWindow(c.opensOn, c.closesOn);
    if (!window.ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['closesOn'],
        message: `${window.error.text} (${window.error.source})`,
        params: { rule: window.error.code },
      });
    }
    const seenOwners = new Set<string>();
    c.quotas.forEach((q, i) => {
      if (seenOwners.has(q.ownerId)) {
        ctx.addIssue({ code: 'custom', path: ['quotas', i, 'ownerId'], message: 'Ente proprietario ripetuto.' });
      }
      seenOwners.add(q.ownerId);
      const result = computeCallQuotas([], {
        callKind: c.kind,
        reservePercent: q.reservePercent,
        policeForcesPercent: q.policePercent,
      });
      if (result.ok) return;
      for (const error of result.errors) {
        const field = QUOTA_ERROR_FIELD[error.code] ?? 'reservePercent';
        ctx.addIssue({
          code: 'custom',
          path: ['quotas', i, field],
          message: `${error.text} (${error.source})`,
          params: { rule: error.code },
        });
      }
    });
    const seenKeys = new Set<string>();
    c.tieBreakKeys.forEach((k, i) => {
      if (seenKeys.has(k)) {
        ctx.addIssue({ code: 'custom', path: ['tieBreakKeys', i], message: 'Criterio di parità ripetuto.' });
      }
      seenKeys.add(k);
    });
  });
export type CallInput = z.infer<typeof callInputSchema>;
export type CallInputRaw = z.input<typeof callInputSchema>;

export const callSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(CALL_KINDS),
  programme: z.enum(PROGRAMMES),
  opensOn: z.string(),
  closesOn: z.string(),
  unitsCount: z.number(),
  applicationsCount: z.number(),
  createdAt: z.string(),
});
export type CallSummary = z.infer<typeof callSummarySchema>;

export const callListSchema = z.object({ items: z.array(callSummarySchema) });

export const adequacyBandSchema = z.object({
  /** Household sizes the unit is adequate for (6 stands for "6 or more"). */
  membersFrom: z.number(),
  membersTo: z.number().nullable(),
  text: z.string(),
});

export const callUnitSchema = z.object({
  unitId: z.string(),
  code: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  comuneId: z.string(),
  comuneName: z.string(),
  address: z.string(),
  floorAreaDm2: z.number(),
  rooms: z.number(),
  floor: z.number(),
  hasLift: z.boolean(),
  accessible: z.boolean(),
  state: z.string(),
  reserveCategory: z.string().nullable(),
  adequacy: adequacyBandSchema.nullable(),
  /** Applications of the call that chose this unit. */
  chosenBy: z.number(),
});
export type CallUnit = z.infer<typeof callUnitSchema>;

export const QUOTA_KINDS = ['indigent', 'reserve', 'police_forces'] as const;
export const QUOTA_KIND_LABELS: Record<(typeof QUOTA_KINDS)[number], string> = {
  indigent: 'Indigenti',
  reserve: 'Riserve per categorie',
  police_forces: 'Forze di Polizia',
};

export const quotaFigureSchema = z.object({
  kind: z.enum(QUOTA_KINDS),
  ownerId: z.string(),
  ownerName: z.string(),
  comuneName: z.string().nullable(),
  unitsAvailable: z.number(),
  percent: z.number(),
  count: z.number(),
  text: z.string(),
  source: z.string(),
});
export type QuotaFigure = z.infer<typeof quotaFigureSchema>;

export const deadlineSchema = z.object({
  code: z.string(),
  on: z.string(),
  text: z.string(),
  source: z.string(),
});

export const callDetailSchema = callSummarySchema.extend({
  scoring: z.string(),
  schemeCode: z.string().nullable(),
  schemeVersion: z.string().nullable(),
  indigentPercent: z.number(),
  windowDays: z.number(),
  quotasConfig: z.array(
    z.object({ ownerId: z.string(), ownerName: z.string(), reservePercent: z.number(), policePercent: z.number() }),
  ),
  tieBreakKeys: z.array(z.object({ key: z.enum(TIE_BREAK_KEYS), label: z.string() })),
  drawSeed: z.number(),
  refusalPolicy: z.object({ id: z.string(), text: z.string(), source: z.string() }),
  units: z.array(callUnitSchema),
  quotas: z.array(quotaFigureSchema),
  quotaParametersVersion: z.string(),
  deadlines: z.array(deadlineSchema),
  /** The deadlines after the provisional ranking are projected from its due date until it is published. */
  deadlinesProjected: z.boolean(),
  createdByName: z.string().nullable(),
});
export type CallDetail = z.infer<typeof callDetailSchema>;

export const callUnitsInputSchema = z.object({
  unitIds: z
    .array(idSchema, { error: 'Scegliere gli alloggi da aggiungere.' })
    .min(1, 'Scegliere almeno un alloggio.')
    .max(500, 'Al massimo 500 alloggi per volta.'),
});

export const candidateUnitsQuerySchema = z.object({
  comuneId: idSchema.optional(),
  ownerId: idSchema.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const candidateUnitsSchema = z.object({
  items: z.array(callUnitSchema.omit({ chosenBy: true })),
  total: z.number(),
});

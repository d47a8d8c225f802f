import { z } from 'zod';
import { TIE_BREAK_KEYS } from '../core/sap/ranking.js';
import { COMPARISON_OPS, type Condition } from '../core/scoring/points-scheme.js';
import { plainDateSchema, requiredText } from './common.js';

const factValue = z.union([z.number(), z.boolean(), z.string().max(200)]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1).max(50) }),
    z.object({ any: z.array(conditionSchema).min(1).max(50) }),
    z.object({ not: conditionSchema }),
    z.object({
      fact: z.string().min(1).max(60),
      op: z.literal('in'),
      value: z.array(z.union([z.string(), z.number()])).max(100),
    }),
    z.object({ fact: z.string().min(1).max(60), op: z.enum(COMPARISON_OPS), value: factValue }),
  ]),
);

const sourceText = requiredText('Fonte', 500);

export const pointsSchemeInputSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{3,60}$/, 'Codice dello schema: lettere minuscole, cifre e trattini.'),
  version: z.string().regex(/^[0-9A-Za-z.-]{1,30}$/, 'Versione non valida.'),
  name: requiredText('Nome', 200),
  validFrom: plainDateSchema,
  validTo: plainDateSchema.nullable(),
  eligibility: z
    .array(
      z.object({
        code: z.string().min(1).max(60),
        label: requiredText('Descrizione', 200),
        condition: conditionSchema,
        source: sourceText,
      }),
    )
    .max(30),
  criteria: z
    .array(
      z.object({
        code: z.string().min(1).max(60),
        label: requiredText('Descrizione', 200),
        condition: conditionSchema,
        points: z.number().min(0, 'I punti non possono essere negativi.').max(1000),
        source: sourceText,
        basis: z.enum(['law', 'municipal_choice']),
      }),
    )
    .min(1, 'Almeno un criterio.')
    .max(100),
  tieBreakKeys: z.array(z.enum(TIE_BREAK_KEYS)).max(TIE_BREAK_KEYS.length),
});
export type PointsSchemeInput = z.infer<typeof pointsSchemeInputSchema>;

export const schemeSummarySchema = z.object({
  code: z.string(),
  version: z.string(),
  name: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  createdAt: z.string(),
});

export const schemeScoreSchema = z.object({
  householdId: z.string(),
  scheme: z.object({ code: z.string(), version: z.string(), name: z.string() }),
  asOf: z.string(),
  eligibility: z.object({
    outcome: z.enum(['eligible', 'not_eligible', 'missing_information']),
    rules: z.array(
      z.object({ code: z.string(), label: z.string(), outcome: z.string(), evidence: z.string(), source: z.string() }),
    ),
  }),
  criteria: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      outcome: z.string(),
      points: z.number(),
      maxPoints: z.number(),
      evidence: z.string(),
      source: z.string(),
      basis: z.enum(['law', 'municipal_choice']),
    }),
  ),
  total: z.number(),
  pointsPending: z.number(),
  text: z.string(),
});

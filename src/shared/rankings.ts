import { z } from 'zod';
import { plainDateSchema, requiredText } from './common.js';

export const rankingStateSchema = z.enum(['draft', 'provisional', 'final']);
export const RANKING_STATE_LABELS: Record<z.infer<typeof rankingStateSchema>, string> = {
  draft: 'Bozza',
  provisional: 'Provvisoria (pubblicata)',
  final: 'Definitiva',
};

export const rankRunResultSchema = z.object({
  runId: z.string(),
  callId: z.string(),
  inputHash: z.string(),
  applications: z.number(),
  withoutChoices: z.number(),
  rankings: z.number(),
  supersedes: z.string().nullable(),
});

export const deadlineSchema = z.object({ code: z.string(), on: z.string(), text: z.string(), source: z.string() });

export const rankingEntrySchema = z.object({
  position: z.number(),
  applicationId: z.string(),
  platformId: z.string(),
  householdId: z.string(),
  applicantName: z.string(),
  isbar: z.number(),
  indigent: z.boolean(),
  unitIds: z.array(z.string()),
});

export const rankingsViewSchema = z.object({
  call: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  run: z
    .object({
      id: z.string(),
      state: rankingStateSchema,
      publishedOn: z.string().nullable(),
      finalisedOn: z.string().nullable(),
      createdAt: z.string(),
      inputHash: z.string(),
      seed: z.number(),
      tieBreakKeys: z.array(z.string()),
      rulesetVersion: z.string(),
      supersedesId: z.string().nullable(),
    })
    .nullable(),
  deadlines: z.array(deadlineSchema),
  corrections: z.array(
    z.object({
      id: z.string(),
      applicationId: z.string(),
      platformId: z.string(),
      invalidityPercent: z.number(),
      filedOn: z.string(),
      outcome: z.enum(['pending', 'granted', 'rejected', 'granted_by_silence']),
      text: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  rankings: z.array(
    z.object({
      ownerId: z.string(),
      ownerName: z.string(),
      comuneId: z.string(),
      comuneName: z.string(),
      entries: z.array(rankingEntrySchema),
    }),
  ),
});
export type RankingsView = z.infer<typeof rankingsViewSchema>;

export const publishInputSchema = z.object({ onDate: plainDateSchema.optional() });

export const correctionRequestInputSchema = z.object({
  subject: z.enum(['civil_invalidity_percentage', 'other'], { error: 'Indicare l’oggetto della rettifica.' }),
  invalidityPercent: z
    .number({ error: 'Percentuale di invalidità: inserire un numero.' })
    .int('Percentuale di invalidità: numero intero.')
    .min(1, 'Percentuale di invalidità: tra 1 e 100.')
    .max(100, 'Percentuale di invalidità: tra 1 e 100.'),
  procedureStartedOn: plainDateSchema.nullable().default(null),
  filedOn: plainDateSchema.optional(),
  note: z.string().trim().max(2000).nullable().default(null),
});

export const correctionDecisionInputSchema = z.object({
  decision: z.enum(['granted', 'rejected'], { error: 'Scegliere se accogliere o respingere.' }),
  reason: requiredText('Motivazione', 2000),
});

export const explanationSchema = z.object({
  applicationId: z.string(),
  platformId: z.string(),
  isbar: z.number(),
  review: z
    .object({
      decision: z.enum(['admitted', 'excluded']),
      reason: z.string(),
      decidedAt: z.string(),
      checks: z.unknown(),
    })
    .nullable(),
  positions: z.array(
    z.object({ owner: z.string(), comune: z.string(), position: z.number(), total: z.number(), text: z.string() }),
  ),
  /** The unit it got (or is proposed), or why it got none, from the latest assignment run. */
  assignment: z.object({ unitCode: z.string().nullable(), code: z.string(), text: z.string() }).nullable(),
  text: z.string(),
});

export const verifyResultSchema = z.object({
  runId: z.string(),
  identical: z.boolean(),
  sameHash: z.boolean(),
  sameOrder: z.boolean(),
  storedHash: z.string(),
  recomputedHash: z.string(),
});

import { z } from 'zod';
import { plainDateSchema } from './common.js';

export const assignmentBasisSchema = z.enum(['indigent', 'reserve', 'ranking']);
export const ASSIGNMENT_BASIS_LABELS: Record<z.infer<typeof assignmentBasisSchema>, string> = {
  indigent: 'Quota indigenti (R.R. 4/2017 art. 13)',
  reserve: 'Riserva (R.R. 4/2017 art. 15 c.1 ter)',
  ranking: 'Graduatoria',
};

export const assignmentStateSchema = z.enum([
  'confirmed',
  'offered',
  'accepted',
  'decided',
  'contracted',
  'refused',
  'cancelled',
]);

export const assignmentRunResultSchema = z.object({
  runId: z.string(),
  callId: z.string(),
  inputHash: z.string(),
  proposals: z.number(),
  unassigned: z.number(),
  unitsLeft: z.number(),
  supersedes: z.string().nullable(),
});

export const assignmentBoardSchema = z.object({
  call: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  run: z
    .object({
      id: z.string(),
      createdAt: z.string(),
      inputHash: z.string(),
      refusalPolicy: z.string(),
      supersedesId: z.string().nullable(),
    })
    .nullable(),
  proposals: z.array(
    z.object({
      unitId: z.string(),
      unitCode: z.string(),
      applicationId: z.string(),
      platformId: z.string(),
      applicantName: z.string(),
      basis: z.string(),
      explanation: z.string(),
      assignment: z.string().nullable(),
    }),
  ),
  assignments: z.array(
    z.object({
      id: z.string(),
      unitCode: z.string(),
      platformId: z.string(),
      applicationId: z.string(),
      basis: z.string(),
      state: assignmentStateSchema,
      events: z.array(
        z.object({
          kind: z.string(),
          onDate: z.string(),
          reason: z.string().nullable(),
          justified: z.boolean().nullable(),
          at: z.string(),
        }),
      ),
    }),
  ),
});
export type AssignmentBoard = z.infer<typeof assignmentBoardSchema>;

export const assignmentEventInputSchema = z.object({
  kind: z.enum(['offered', 'accepted', 'refused', 'decided', 'contract_signed', 'cancelled'], {
    error: 'Scegliere il passaggio da registrare.',
  }),
  onDate: plainDateSchema.optional(),
  reason: z.string().trim().max(2000).nullable().optional(),
  justified: z.boolean().nullable().optional(),
});

// Individual accompaniment plans (progetti individualizzati): goals, actions, reviews, the team.
import { z } from 'zod';
import { ACTION_STATUSES, PLAN_STATUSES } from '../core/plans/plan-status.js';
import type { Role } from './auth.js';
import { idSchema, optionalText, plainDateSchema, requiredText } from './common.js';

export const RESPONSIBLE_KINDS = ['agency', 'social_worker', 'partner', 'educator', 'household'] as const;
export const RESPONSIBLE_KIND_LABELS: Record<(typeof RESPONSIBLE_KINDS)[number], string> = {
  agency: 'Personale dell’Agenzia',
  social_worker: 'Assistente sociale',
  partner: 'Ente partner',
  educator: 'Educatore',
  household: 'Il nucleo',
};
export const ACTION_STATUS_LABELS: Record<(typeof ACTION_STATUSES)[number], string> = {
  planned: 'Da fare',
  in_progress: 'In corso',
  done: 'Fatta',
  cancelled: 'Annullata',
};

const READERS: ReadonlySet<Role> = new Set(['manager', 'social_worker', 'front_desk', 'housing_officer']);
const WRITERS: ReadonlySet<Role> = new Set(['manager', 'social_worker']);
/** Staff read plans of their Comuni; a partner reads plans of households shared with it (server scope). */
export const roleReadsPlans = (role: Role) => READERS.has(role) || role === 'partner';
export const roleWritesPlans = (role: Role) => WRITERS.has(role);

const teamMemberSchema = z.object({
  userId: idSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  partnerId: idSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  name: requiredText('Nome', 200),
  roleLabel: requiredText('Ruolo nell’équipe', 200),
});

export const planInputSchema = z.object({
  householdId: idSchema,
  title: requiredText('Titolo', 200),
  openedOn: plainDateSchema,
  nextReviewOn: plainDateSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  goals: z.array(requiredText('Obiettivo', 1000)).max(20).default([]),
  team: z.array(teamMemberSchema).max(20).default([]),
});
export type PlanInput = z.infer<typeof planInputSchema>;
export type PlanInputRaw = z.input<typeof planInputSchema>;

export const goalInputSchema = z.object({ description: requiredText('Obiettivo', 1000) });
export const actionInputSchema = z.object({
  goalId: idSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  description: requiredText('Azione', 1000),
  responsibleKind: z.enum(RESPONSIBLE_KINDS),
  responsibleName: requiredText('Responsabile', 200),
  responsiblePartnerId: idSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  dueOn: plainDateSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export const actionStatusSchema = z.object({
  status: z.enum(ACTION_STATUSES),
  doneOn: plainDateSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export const reviewInputSchema = z.object({
  reviewedOn: plainDateSchema,
  outcome: requiredText('Esito della verifica', 1000),
  note: optionalText('Nota', 4000),
  nextReviewOn: plainDateSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export const closeInputSchema = z.object({ closedOn: plainDateSchema });

export const planSummarySchema = z.object({
  id: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  applicantName: z.string(),
  title: z.string(),
  openedOn: z.string(),
  nextReviewOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  status: z.enum(PLAN_STATUSES),
  actionsOpen: z.number(),
  actionsTotal: z.number(),
});
export const planListSchema = z.object({ items: z.array(planSummarySchema) });
export const planDetailSchema = planSummarySchema.extend({
  goals: z.array(z.object({ id: z.string(), position: z.number(), description: z.string() })),
  actions: z.array(
    z.object({
      id: z.string(),
      goalId: z.string().nullable(),
      description: z.string(),
      responsibleKind: z.enum(RESPONSIBLE_KINDS),
      responsibleName: z.string(),
      dueOn: z.string().nullable(),
      status: z.enum(ACTION_STATUSES),
      doneOn: z.string().nullable(),
    }),
  ),
  reviews: z.array(
    z.object({ id: z.string(), reviewedOn: z.string(), outcome: z.string(), note: z.string().nullable() }),
  ),
  team: z.array(z.object({ id: z.string(), name: z.string(), roleLabel: z.string() })),
  canEdit: z.boolean(),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

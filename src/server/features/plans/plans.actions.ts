// Use cases of accompaniment plans. The plan's status is derived from its actions (core/plans).
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import { canMoveAction, derivePlanStatus, type ActionStatus } from '../../../core/plans/plan-status.js';
import { ACTION_STATUS_LABELS, type PlanDetail, type PlanInput } from '../../../shared/plans.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import type { HouseholdFacts } from '../households/households.access.js';
import { findHouseholdFacts, insertTimelineEvent } from '../households/households.queries.js';
import { applicantNames, inputRefused, refuse, ruleRefused, today } from '../partners/emergency-kit.js';
import { canReadPlan, canWritePlan } from './plans.access.js';
import { findPlanRow, listPlanRows, planActions, planChildren, type PlanRow } from './plans.queries.js';

async function householdFacts(root: DbExecutor, ctx: RequestContext, householdId: string): Promise<HouseholdFacts> {
  const h = await findHouseholdFacts(root, householdId, ctx.now.toISOString());
  if (!h) throw notFound('Il nucleo familiare');
  return h;
}

export async function createPlan(root: DbExecutor, ctx: RequestContext, input: PlanInput): Promise<string> {
  const h = await householdFacts(root, ctx, input.householdId);
  if (!canWritePlan(ctx.actor, h))
    await refuse(root, ctx, { action: 'create', entityType: 'support_plan', householdId: input.householdId });
  if (input.openedOn > today(ctx))
    throw inputRefused('date_in_future', 'La data di apertura è nel futuro.', 'openedOn');
  if (input.nextReviewOn !== null && input.nextReviewOn < input.openedOn) {
    throw inputRefused('dates_out_of_order', 'La verifica è fissata prima dell’apertura del progetto.', 'nextReviewOn');
  }
  return root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    const id = newId();
    await db
      .insertInto('support_plans')
      .values({
        id,
        household_id: input.householdId,
        title: input.title,
        opened_on: input.openedOn,
        next_review_on: input.nextReviewOn,
        closed_on: null,
        created_at: at,
        created_by: ctx.actor.userId,
        updated_at: at,
      })
      .execute();
    for (const [i, g] of input.goals.entries()) {
      await db
        .insertInto('plan_goals')
        .values({ id: newId(), plan_id: id, position: i + 1, description: g, created_at: at })
        .execute();
    }
    for (const m of input.team) {
      await db
        .insertInto('plan_team_members')
        .values({
          id: newId(),
          plan_id: id,
          user_id: m.userId,
          partner_id: m.partnerId,
          name: m.name,
          role_label: m.roleLabel,
          created_at: at,
        })
        .execute();
    }
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: input.householdId,
      at,
      kind: 'plan_opened',
      title: `Progetto di accompagnamento aperto: ${input.title}`,
      actorId: ctx.actor.userId,
      sourceType: 'support_plan',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'support_plan',
      entityId: id,
      householdId: input.householdId,
    });
    return id;
  });
}

async function requirePlan(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  action: string,
  write: boolean,
): Promise<PlanRow> {
  const p = await findPlanRow(root, id);
  if (!p) {
    if (ctx.actor.role === 'partner') return refuse(root, ctx, { action, entityType: 'support_plan', entityId: id });
    throw notFound('Il progetto');
  }
  const h = await householdFacts(root, ctx, p.household_id);
  if (!(write ? canWritePlan(ctx.actor, h) : canReadPlan(ctx.actor, h))) {
    await refuse(root, ctx, { action, entityType: 'support_plan', entityId: id, householdId: p.household_id });
  }
  return p;
}

export async function readPlan(root: DbExecutor, ctx: RequestContext, id: string): Promise<PlanDetail> {
  const p = await requirePlan(root, ctx, id, 'read', false);
  const [actions, c, names] = await Promise.all([
    planActions(root, [id]),
    planChildren(root, id),
    applicantNames(root, [p.household_id]),
  ]);
  const h = await householdFacts(root, ctx, p.household_id);
  await writeAudit(root, ctx, {
    action: 'read',
    entityType: 'support_plan',
    entityId: id,
    householdId: p.household_id,
  });
  return {
    ...summaryOf(p, actions, names, today(ctx)),
    goals: c.goals.map((g) => ({ id: g.id, position: g.position, description: g.description })),
    actions: actions.map((a) => ({
      id: a.id,
      goalId: a.goal_id,
      description: a.description,
      responsibleKind: a.responsible_kind,
      responsibleName: a.responsible_name,
      dueOn: a.due_on,
      status: a.status,
      doneOn: a.done_on,
    })),
    reviews: c.reviews.map((r) => ({ id: r.id, reviewedOn: r.reviewed_on, outcome: r.outcome, note: r.note })),
    team: c.team.map((m) => ({ id: m.id, name: m.name, roleLabel: m.role_label })),
    canEdit: canWritePlan(ctx.actor, h),
  };
}

function summaryOf(
  p: PlanRow,
  actions: readonly { plan_id: string; status: ActionStatus; due_on: string | null }[],
  names: Map<string, string>,
  on: PlainDate,
) {
  const mine = actions.filter((a) => a.plan_id === p.id);
  return {
    id: p.id,
    householdId: p.household_id,
    householdCode: p.household_code,
    applicantName: names.get(p.household_id) ?? '',
    title: p.title,
    openedOn: p.opened_on,
    nextReviewOn: p.next_review_on,
    closedOn: p.closed_on,
    status: derivePlanStatus(
      {
        closedOn: p.closed_on as PlainDate | null,
        actions: mine.map((a) => ({ status: a.status, dueOn: a.due_on as PlainDate | null })),
      },
      on,
    ),
    actionsOpen: mine.filter((a) => a.status === 'planned' || a.status === 'in_progress').length,
    actionsTotal: mine.length,
  };
}

export async function listPlans(root: DbExecutor, ctx: RequestContext, q: { householdId?: string | undefined }) {
  const a = ctx.actor;
  if (a.role !== 'partner' && !['manager', 'social_worker', 'front_desk', 'housing_officer'].includes(a.role)) {
    return refuse(root, ctx, { action: 'list', entityType: 'support_plan' });
  }
  if (a.role === 'partner' && !a.partnerId) return refuse(root, ctx, { action: 'list', entityType: 'support_plan' });
  const rows = await listPlanRows(root, {
    householdId: q.householdId,
    comuneIds: a.role === 'partner' || a.comuneIds.length === 0 ? 'all' : a.comuneIds,
    ...(a.role === 'partner' ? { partnerId: a.partnerId ?? '' } : {}),
    at: ctx.now.toISOString(),
  });
  const [actions, names] = await Promise.all([
    planActions(
      root,
      rows.map((r) => r.id),
    ),
    applicantNames(
      root,
      rows.map((r) => r.household_id),
    ),
  ]);
  await writeAudit(root, ctx, {
    action: 'list',
    entityType: 'support_plan',
    details: { returned: rows.map((r) => r.id) },
  });
  return rows.map((r) => summaryOf(r, actions, names, today(ctx)));
}

async function write(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  action: string,
  run: (db: DbExecutor, p: PlanRow, at: string) => Promise<void>,
) {
  const p = await requirePlan(root, ctx, id, action, true);
  if (p.closed_on !== null) throw ruleRefused('PLAN_CLOSED', 'Il progetto è chiuso: non si modifica più.', '');
  await root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    await run(db, p, at);
    await db.updateTable('support_plans').set({ updated_at: at }).where('id', '=', id).execute();
    await writeAudit(db, ctx, { action, entityType: 'support_plan', entityId: id, householdId: p.household_id });
  });
}

export async function addGoal(root: DbExecutor, ctx: RequestContext, id: string, description: string) {
  await write(root, ctx, id, 'add_goal', async (db, _p, at) => {
    const n = await db
      .selectFrom('plan_goals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', id)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('plan_goals')
      .values({ id: newId(), plan_id: id, position: Number(n.n) + 1, description, created_at: at })
      .execute();
  });
}

export async function addAction(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: {
    goalId: string | null;
    description: string;
    responsibleKind: 'agency' | 'social_worker' | 'partner' | 'educator' | 'household';
    responsibleName: string;
    responsiblePartnerId: string | null;
    dueOn: PlainDate | null;
  },
) {
  await write(root, ctx, id, 'add_action', async (db, p, at) => {
    if (
      input.goalId &&
      !(await db
        .selectFrom('plan_goals')
        .select('id')
        .where('id', '=', input.goalId)
        .where('plan_id', '=', id)
        .executeTakeFirst())
    ) {
      throw validationFailed([
        { path: 'goalId', code: 'unknown_goal', message: 'Obiettivo non presente nel progetto.' },
      ]);
    }
    if (input.dueOn !== null && input.dueOn < p.opened_on)
      throw inputRefused('dates_out_of_order', 'La scadenza precede l’apertura del progetto.', 'dueOn');
    await db
      .insertInto('plan_actions')
      .values({
        id: newId(),
        plan_id: id,
        goal_id: input.goalId,
        description: input.description,
        responsible_kind: input.responsibleKind,
        responsible_name: input.responsibleName,
        responsible_partner_id: input.responsiblePartnerId,
        due_on: input.dueOn,
        status: 'planned',
        done_on: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });
}

export async function moveAction(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  actionId: string,
  input: { status: ActionStatus; doneOn: PlainDate | null },
) {
  await write(root, ctx, id, 'move_action', async (db, p, at) => {
    const a = await db
      .selectFrom('plan_actions')
      .selectAll()
      .where('id', '=', actionId)
      .where('plan_id', '=', id)
      .executeTakeFirst();
    if (!a) throw notFound('L’azione');
    if (!canMoveAction(a.status, input.status)) {
      throw ruleRefused(
        'ACTION_TRANSITION_NOT_ALLOWED',
        `L’azione è «${ACTION_STATUS_LABELS[a.status]}»: non può diventare «${ACTION_STATUS_LABELS[input.status]}».`,
        'status',
      );
    }
    const doneOn = input.status === 'done' ? (input.doneOn ?? today(ctx)) : null;
    if (doneOn !== null && (doneOn < p.opened_on || doneOn > today(ctx)))
      throw inputRefused(
        'dates_out_of_order',
        'La data di completamento deve cadere tra l’apertura del progetto e oggi.',
        'doneOn',
      );
    await db
      .updateTable('plan_actions')
      .set({ status: input.status, done_on: doneOn, updated_at: at })
      .where('id', '=', actionId)
      .execute();
  });
}

export async function addReview(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: { reviewedOn: PlainDate; outcome: string; note: string | null; nextReviewOn: PlainDate | null },
) {
  await write(root, ctx, id, 'review', async (db, p, at) => {
    if (input.reviewedOn < p.opened_on || input.reviewedOn > today(ctx))
      throw inputRefused(
        'dates_out_of_order',
        'La verifica deve cadere tra l’apertura del progetto e oggi.',
        'reviewedOn',
      );
    if (input.nextReviewOn !== null && input.nextReviewOn <= input.reviewedOn)
      throw inputRefused('dates_out_of_order', 'La verifica successiva deve seguire questa.', 'nextReviewOn');
    await db
      .insertInto('plan_reviews')
      .values({
        id: newId(),
        plan_id: id,
        reviewed_on: input.reviewedOn,
        outcome: input.outcome,
        note: input.note,
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    await db.updateTable('support_plans').set({ next_review_on: input.nextReviewOn }).where('id', '=', id).execute();
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: p.household_id,
      at,
      kind: 'plan_review',
      title: `Verifica del progetto «${p.title}»: ${input.outcome}`,
      actorId: ctx.actor.userId,
      sourceType: 'support_plan',
      sourceId: id,
    });
  });
}

export async function closePlan(root: DbExecutor, ctx: RequestContext, id: string, closedOn: PlainDate) {
  await write(root, ctx, id, 'close', async (db, p, at) => {
    if (closedOn < p.opened_on || closedOn > today(ctx))
      throw inputRefused(
        'dates_out_of_order',
        'La chiusura deve cadere tra l’apertura del progetto e oggi.',
        'closedOn',
      );
    await db.updateTable('support_plans').set({ closed_on: closedOn }).where('id', '=', id).execute();
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: p.household_id,
      at,
      kind: 'plan_closed',
      title: `Progetto «${p.title}» chiuso`,
      actorId: ctx.actor.userId,
      sourceType: 'support_plan',
      sourceId: id,
    });
  });
}

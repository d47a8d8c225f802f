import type { DbExecutor } from '../../db/client.js';

export function planRows(db: DbExecutor) {
  return db
    .selectFrom('support_plans')
    .innerJoin('households', 'households.id', 'support_plans.household_id')
    .selectAll('support_plans')
    .select(['households.code as household_code', 'households.comune_id as household_comune_id']);
}
export type PlanRow = Awaited<ReturnType<ReturnType<typeof planRows>['executeTakeFirstOrThrow']>>;

export async function findPlanRow(db: DbExecutor, id: string) {
  return planRows(db).where('support_plans.id', '=', id).executeTakeFirst();
}

export async function listPlanRows(
  db: DbExecutor,
  f: {
    householdId?: string | undefined;
    comuneIds: readonly string[] | 'all';
    partnerId?: string | undefined;
    at: string;
  },
) {
  let q = planRows(db);
  if (f.householdId) q = q.where('support_plans.household_id', '=', f.householdId);
  if (f.comuneIds !== 'all') {
    if (f.comuneIds.length === 0) return [];
    q = q.where('households.comune_id', 'in', [...f.comuneIds]);
  }
  if (f.partnerId !== undefined) {
    const partnerId = f.partnerId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('household_shares')
          .select('household_shares.id')
          .whereRef('household_shares.household_id', '=', 'support_plans.household_id')
          .where('household_shares.partner_id', '=', partnerId)
          .where((e2) =>
            e2.or([e2('household_shares.revoked_at', 'is', null), e2('household_shares.revoked_at', '>', f.at)]),
          ),
      ),
    );
  }
  return q.orderBy('support_plans.opened_on', 'desc').limit(500).execute();
}

export async function planActions(db: DbExecutor, planIds: readonly string[]) {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('plan_actions')
    .selectAll()
    .where('plan_id', 'in', [...planIds])
    .orderBy('created_at')
    .execute();
}

export async function planChildren(db: DbExecutor, id: string) {
  const [goals, reviews, team] = await Promise.all([
    db.selectFrom('plan_goals').selectAll().where('plan_id', '=', id).orderBy('position').execute(),
    db.selectFrom('plan_reviews').selectAll().where('plan_id', '=', id).orderBy('reviewed_on', 'desc').execute(),
    db.selectFrom('plan_team_members').selectAll().where('plan_id', '=', id).orderBy('created_at').execute(),
  ]);
  return { goals, reviews, team };
}

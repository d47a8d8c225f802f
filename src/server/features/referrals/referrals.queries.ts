import type { DbExecutor } from '../../db/client.js';

export function referralRows(db: DbExecutor) {
  return db
    .selectFrom('referrals')
    .innerJoin('households', 'households.id', 'referrals.household_id')
    .innerJoin('partners', 'partners.id', 'referrals.partner_id')
    .innerJoin('users', 'users.id', 'referrals.created_by')
    .selectAll('referrals')
    .select([
      'households.code as household_code',
      'households.comune_id as household_comune_id',
      'partners.name as partner_name',
      'users.display_name as created_by_name',
    ]);
}

export type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralRows>['executeTakeFirstOrThrow']>>;

export async function findReferral(db: DbExecutor, id: string): Promise<ReferralRow | undefined> {
  return referralRows(db).where('referrals.id', '=', id).executeTakeFirst();
}

export async function listReferrals(
  db: DbExecutor,
  filter: {
    partnerId?: string | undefined;
    householdId?: string | undefined;
    status?: string | undefined;
    comuneIds: readonly string[] | 'all';
  },
): Promise<ReferralRow[]> {
  let q = referralRows(db);
  if (filter.partnerId) q = q.where('referrals.partner_id', '=', filter.partnerId);
  if (filter.householdId) q = q.where('referrals.household_id', '=', filter.householdId);
  if (filter.status) q = q.where('referrals.status', '=', filter.status as ReferralRow['status']);
  if (filter.comuneIds !== 'all') {
    if (filter.comuneIds.length === 0) return [];
    q = q.where('households.comune_id', 'in', [...filter.comuneIds]);
  }
  return q.orderBy('referrals.created_at', 'desc').limit(500).execute();
}

export async function insertShare(
  db: DbExecutor,
  row: { id: string; householdId: string; partnerId: string; by: string; at: string; reason: string },
): Promise<void> {
  await db
    .insertInto('household_shares')
    .values({
      id: row.id,
      household_id: row.householdId,
      partner_id: row.partnerId,
      granted_by: row.by,
      granted_at: row.at,
      revoked_at: null,
      reason: row.reason,
    })
    .execute();
}

export async function revokeShare(db: DbExecutor, shareId: string, at: string): Promise<void> {
  await db
    .updateTable('household_shares')
    .set({ revoked_at: at })
    .where('id', '=', shareId)
    .where('revoked_at', 'is', null)
    .execute();
}

import { sql } from 'kysely';
import { escapeLike, normalizeForSearch } from '../../../core/kernel/text.js';
import type { DbExecutor } from '../../db/client.js';
import type { HouseholdScope } from './households.access.js';

export async function findHouseholdFacts(db: DbExecutor, id: string, at: string) {
  const row = await db
    .selectFrom('households')
    .select(['id', 'comune_id', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const shares = await db
    .selectFrom('household_shares')
    .select('partner_id')
    .where('household_id', '=', id)
    .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', at)]))
    .execute();
  return {
    id: row.id,
    comuneId: row.comune_id,
    version: row.version,
    sharedWithPartnerIds: shares.map((s) => s.partner_id),
  };
}

export interface SearchParams {
  readonly q?: string | undefined;
  readonly comuneId?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function searchHouseholds(db: DbExecutor, scope: HouseholdScope, params: SearchParams) {
  if (scope.kind === 'none') return { items: [], total: 0 };
  let q = db.selectFrom('households').innerJoin('comuni', 'comuni.id', 'households.comune_id');
  if (scope.kind === 'comuni' && scope.comuneIds !== 'all') {
    if (scope.comuneIds.length === 0) return { items: [], total: 0 };
    q = q.where('households.comune_id', 'in', [...scope.comuneIds]);
  }
  if (scope.kind === 'partner') {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('household_shares')
          .select('household_shares.id')
          .whereRef('household_shares.household_id', '=', 'households.id')
          .where('household_shares.partner_id', '=', scope.partnerId)
          .where('household_shares.revoked_at', 'is', null),
      ),
    );
  }
  if (params.comuneId) q = q.where('households.comune_id', '=', params.comuneId);
  const term = params.q ? normalizeForSearch(params.q) : '';
  if (term) {
    const words = term.split(' ').slice(0, 5);
    for (const w of words) {
      q = q.where(sql<boolean>`households.search_text like ${`%${escapeLike(w)}%`} escape '\\'`);
    }
  }
  const [rows, count] = await Promise.all([
    q
      .leftJoin('members', (j) =>
        j.onRef('members.household_id', '=', 'households.id').on('members.relation', '=', 'applicant'),
      )
      .select([
        'households.id',
        'households.code',
        'households.comune_id',
        'comuni.name as comune_name',
        'households.address_street',
        'households.address_number',
        'households.address_city',
        'members.first_name',
        'members.last_name',
        'members.fiscal_code',
        (eb) =>
          eb
            .selectFrom('members as m2')
            .select((e2) => e2.fn.countAll<number>().as('n'))
            .whereRef('m2.household_id', '=', 'households.id')
            .as('members_count'),
      ])
      .orderBy('members.last_name_norm')
      .orderBy('households.code')
      .limit(params.limit)
      .offset(params.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      comuneId: r.comune_id,
      comuneName: r.comune_name,
      applicantName: r.last_name ? `${r.last_name} ${r.first_name ?? ''}`.trim() : null,
      applicantFiscalCode: r.fiscal_code ?? null,
      address: [r.address_street, r.address_number].filter(Boolean).join(', ') + ` — ${r.address_city}`,
      membersCount: Number(r.members_count ?? 0),
    })),
  };
}

export async function loadHouseholdRows(db: DbExecutor, id: string) {
  const household = await db
    .selectFrom('households')
    .innerJoin('comuni', 'comuni.id', 'households.comune_id')
    .selectAll('households')
    .select('comuni.name as comune_name')
    .where('households.id', '=', id)
    .executeTakeFirst();
  if (!household) return undefined;
  const [members, isee, vulnerabilities, notes, timeline] = await Promise.all([
    db.selectFrom('members').selectAll().where('household_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('isee_records')
      .selectAll()
      .where('household_id', '=', id)
      .orderBy('dsu_submitted_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
    db.selectFrom('vulnerabilities').selectAll().where('household_id', '=', id).orderBy('created_at').execute(),
    db
      .selectFrom('household_notes')
      .innerJoin('users', 'users.id', 'household_notes.author_id')
      .selectAll('household_notes')
      .select('users.display_name as author_name')
      .where('household_id', '=', id)
      .orderBy('household_notes.created_at', 'desc')
      .execute(),
    db
      .selectFrom('timeline_events')
      .leftJoin('users', 'users.id', 'timeline_events.actor_id')
      .selectAll('timeline_events')
      .select('users.display_name as actor_name')
      .where('household_id', '=', id)
      .orderBy('timeline_events.at', 'desc')
      .orderBy('timeline_events.id', 'desc')
      .limit(500)
      .execute(),
  ]);
  return { household, members, isee, vulnerabilities, notes, timeline };
}

/** Households, other than `exceptHouseholdId`, that already hold any of these fiscal codes. */
export async function findFiscalCodeHolders(
  db: DbExecutor,
  fiscalCodes: readonly string[],
  exceptHouseholdId?: string,
) {
  if (fiscalCodes.length === 0) return [];
  let q = db
    .selectFrom('members')
    .innerJoin('households', 'households.id', 'members.household_id')
    .select(['members.fiscal_code', 'households.id as household_id', 'households.code as household_code'])
    .where('members.fiscal_code', 'in', [...fiscalCodes]);
  if (exceptHouseholdId) q = q.where('households.id', '!=', exceptHouseholdId);
  return q.orderBy('households.code').execute();
}

export async function comuneExists(db: DbExecutor, comuneId: string): Promise<{ name: string } | undefined> {
  return db.selectFrom('comuni').select('name').where('id', '=', comuneId).executeTakeFirst();
}

export async function insertTimelineEvent(
  db: DbExecutor,
  e: {
    readonly id: string;
    readonly householdId: string;
    readonly at: string;
    readonly kind: string;
    readonly title: string;
    readonly detail?: string | null;
    readonly sourceType?: string | null;
    readonly sourceId?: string | null;
    readonly actorId?: string | null;
  },
): Promise<void> {
  await db
    .insertInto('timeline_events')
    .values({
      id: e.id,
      household_id: e.householdId,
      at: e.at,
      kind: e.kind,
      title: e.title,
      detail: e.detail ?? null,
      source_type: e.sourceType ?? null,
      source_id: e.sourceId ?? null,
      actor_id: e.actorId ?? null,
    })
    .execute();
}

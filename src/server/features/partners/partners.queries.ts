import type { DbExecutor } from '../../db/client.js';
import type { PartnerExtraColumns } from '../../db/schema-emergency.js';

/** The partners table with the columns the emergency migration added. */
export function withPartnerExtras(db: DbExecutor) {
  return db.withTables<{ partners: PartnerExtraColumns }>();
}

export async function listPartnerRows(db: DbExecutor, onlyId?: string) {
  let q = withPartnerExtras(db).selectFrom('partners').selectAll();
  if (onlyId !== undefined) q = q.where('id', '=', onlyId);
  return q.orderBy('name').execute();
}

export async function findPartnerRow(db: DbExecutor, id: string) {
  return withPartnerExtras(db).selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function partnerCounts(db: DbExecutor, on: string) {
  const [agreements, units] = await Promise.all([
    db
      .selectFrom('agreements')
      .select(['partner_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('starts_on', '<=', on)
      .where('ends_on', '>=', on)
      .groupBy('partner_id')
      .execute(),
    db
      .selectFrom('temporary_units')
      .select(['partner_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('active', '=', 1)
      .groupBy('partner_id')
      .execute(),
  ]);
  return {
    agreements: new Map(agreements.map((r) => [r.partner_id, Number(r.n)])),
    units: new Map(units.map((r) => [r.partner_id, Number(r.n)])),
  };
}

export async function partnerChildren(db: DbExecutor, id: string) {
  const [contacts, locations, agreements, units] = await Promise.all([
    db.selectFrom('partner_contacts').selectAll().where('partner_id', '=', id).orderBy('name').execute(),
    db.selectFrom('partner_locations').selectAll().where('partner_id', '=', id).orderBy('label').execute(),
    db.selectFrom('agreements').selectAll().where('partner_id', '=', id).orderBy('starts_on', 'desc').execute(),
    db.selectFrom('temporary_units').selectAll().where('partner_id', '=', id).orderBy('code').execute(),
  ]);
  return { contacts, locations, agreements, units };
}

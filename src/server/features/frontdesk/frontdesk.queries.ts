// All SQL of the front desk: contacts, questionnaires, screenings, referrals, slots and bookings.
import type { Insertable } from 'kysely';
import type { DbExecutor } from '../../db/client.js';
import type {
  AppointmentBookingsTable,
  AppointmentSlotsTable,
  FrontdeskContactsTable,
  FrontdeskReferralsTable,
} from '../../db/schema-measures.js';

export async function insertContact(db: DbExecutor, row: Insertable<FrontdeskContactsTable>) {
  await db.insertInto('frontdesk_contacts').values(row).execute();
}

const contactColumns = [
  'c.id',
  'c.household_id',
  'h.code as household_code',
  'h.comune_id',
  'c.person_name',
  'c.at',
  'c.channel',
  'c.reason',
  'c.reason_note',
  'c.outcome',
  'c.outcome_note',
  'u.display_name as operator_name',
] as const;

export async function findContactRow(db: DbExecutor, id: string) {
  return db
    .selectFrom('frontdesk_contacts as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .innerJoin('users as u', 'u.id', 'c.operator_id')
    .select(contactColumns)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function listContactRows(
  db: DbExecutor,
  f: { householdId?: string | undefined; comuneIds: readonly string[] | 'all'; limit: number },
) {
  let q = db
    .selectFrom('frontdesk_contacts as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .innerJoin('users as u', 'u.id', 'c.operator_id')
    .select(contactColumns);
  if (f.comuneIds !== 'all') {
    if (f.comuneIds.length === 0) return [];
    q = q.where('h.comune_id', 'in', [...f.comuneIds]);
  }
  if (f.householdId) q = q.where('c.household_id', '=', f.householdId);
  return q.orderBy('c.at', 'desc').orderBy('c.id', 'desc').limit(f.limit).execute();
}

export async function updateContactOutcome(db: DbExecutor, id: string, outcome: string, note: string | null) {
  await db.updateTable('frontdesk_contacts').set({ outcome, outcome_note: note }).where('id', '=', id).execute();
}

export async function insertQuestionnaire(
  db: DbExecutor,
  row: {
    id: string;
    contact_id: string;
    household_id: string;
    answers: string;
    created_at: string;
    created_by: string;
  },
) {
  await db.insertInto('frontdesk_questionnaires').values(row).execute();
}

export async function latestQuestionnaire(db: DbExecutor, contactId: string) {
  return db
    .selectFrom('frontdesk_questionnaires')
    .selectAll()
    .where('contact_id', '=', contactId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function insertScreening(
  db: DbExecutor,
  row: {
    id: string;
    contact_id: string;
    household_id: string;
    as_of: string;
    results: string;
    created_at: string;
    created_by: string;
  },
) {
  await db.insertInto('frontdesk_screenings').values(row).execute();
}

export async function latestScreening(db: DbExecutor, contactId: string) {
  return db
    .selectFrom('frontdesk_screenings')
    .selectAll()
    .where('contact_id', '=', contactId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Open SAP calls on a day (the calls feature's table, read only). */
export async function listOpenCalls(db: DbExecutor, on: string) {
  return db
    .selectFrom('calls')
    .select(['id', 'code', 'name', 'opens_on', 'closes_on'])
    .where('opens_on', '<=', on)
    .where('closes_on', '>=', on)
    .orderBy('opens_on')
    .execute();
}

export async function insertReferral(db: DbExecutor, row: Insertable<FrontdeskReferralsTable>) {
  await db.insertInto('frontdesk_referrals').values(row).execute();
}

export async function listReferralRows(
  db: DbExecutor,
  f: { contactId?: string; partnerId?: string; comuneIds?: readonly string[] | 'all'; limit?: number },
) {
  let q = db
    .selectFrom('frontdesk_referrals as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .leftJoin('measures as m', 'm.id', 'r.measure_id')
    .leftJoin('calls as c', 'c.id', 'r.call_id')
    .leftJoin('partners as p', 'p.id', 'r.partner_id')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select([
      'r.id',
      'r.contact_id',
      'r.household_id',
      'h.code as household_code',
      'r.kind',
      'r.measure_id',
      'm.name as measure_name',
      'r.call_id',
      'c.name as call_name',
      'r.partner_id',
      'p.name as partner_name',
      'r.application_id',
      'r.note',
      'r.created_at',
      'u.display_name as created_by_name',
    ]);
  if (f.contactId) q = q.where('r.contact_id', '=', f.contactId);
  if (f.partnerId) q = q.where('r.partner_id', '=', f.partnerId);
  if (f.comuneIds && f.comuneIds !== 'all') {
    if (f.comuneIds.length === 0) return [];
    q = q.where('h.comune_id', 'in', [...f.comuneIds]);
  }
  return q
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(f.limit ?? 500)
    .execute();
}

export async function partnerExists(db: DbExecutor, id: string) {
  return (await db.selectFrom('partners').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
export async function callExists(db: DbExecutor, id: string) {
  return (await db.selectFrom('calls').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
export async function userExists(db: DbExecutor, id: string) {
  return (
    (await db.selectFrom('users').select('id').where('id', '=', id).where('active', '=', 1).executeTakeFirst()) !==
    undefined
  );
}

export async function insertSlot(db: DbExecutor, row: Insertable<AppointmentSlotsTable>) {
  await db.insertInto('appointment_slots').values(row).execute();
}

export async function slotTaken(db: DbExecutor, operatorId: string, startsAt: string, endsAt: string) {
  const row = await db
    .selectFrom('appointment_slots')
    .select('id')
    .where('operator_id', '=', operatorId)
    .where('starts_at', '<', endsAt)
    .where('ends_at', '>', startsAt)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findSlotRow(db: DbExecutor, id: string) {
  return db.selectFrom('appointment_slots').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSlotRows(
  db: DbExecutor,
  f: { fromAt: string; toAt: string; operatorId?: string | undefined },
) {
  let q = db
    .selectFrom('appointment_slots as s')
    .innerJoin('users as u', 'u.id', 's.operator_id')
    .selectAll('s')
    .select('u.display_name as operator_name')
    .where('s.starts_at', '>=', f.fromAt)
    .where('s.starts_at', '<', f.toAt);
  if (f.operatorId) q = q.where('s.operator_id', '=', f.operatorId);
  const slots = await q.orderBy('s.starts_at').orderBy('u.display_name').execute();
  const ids = slots.map((s) => s.id);
  const bookings =
    ids.length === 0
      ? []
      : await db
          .selectFrom('appointment_bookings as b')
          .innerJoin('households as h', 'h.id', 'b.household_id')
          .selectAll('b')
          .select(['h.code as household_code', 'h.comune_id'])
          .where('b.slot_id', 'in', ids)
          .where('b.cancelled_at', 'is', null)
          .execute();
  return { slots, bookings };
}

export async function insertBooking(db: DbExecutor, row: Insertable<AppointmentBookingsTable>) {
  await db.insertInto('appointment_bookings').values(row).execute();
}

export async function liveBookingOfSlot(db: DbExecutor, slotId: string) {
  return db.selectFrom('appointment_bookings').selectAll().where('slot_key', '=', slotId).executeTakeFirst();
}

export async function findBookingRow(db: DbExecutor, id: string) {
  return db.selectFrom('appointment_bookings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function cancelBookingRow(db: DbExecutor, id: string, slotId: string, at: string) {
  await db
    .updateTable('appointment_bookings')
    .set({ cancelled_at: at, slot_key: `${slotId}:cancelled:${id}` })
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .execute();
}

export async function listContactBookings(db: DbExecutor, contactId: string) {
  return db
    .selectFrom('appointment_bookings as b')
    .innerJoin('households as h', 'h.id', 'b.household_id')
    .selectAll('b')
    .select('h.code as household_code')
    .where('b.contact_id', '=', contactId)
    .orderBy('b.booked_at')
    .execute();
}

export async function listPartnerRows(db: DbExecutor) {
  return db.selectFrom('partners').select(['id', 'name']).orderBy('name').execute();
}

import type { DbExecutor } from '../../db/client.js';

// ---- Citizen sessions and logins in progress -----------------------------------------------------------

export async function insertLoginRequest(
  db: DbExecutor,
  r: { state: string; nonce: string; codeVerifier: string; redirectUri: string; at: string },
) {
  await db
    .insertInto('portal_login_requests')
    .values({
      state: r.state,
      nonce: r.nonce,
      code_verifier: r.codeVerifier,
      redirect_uri: r.redirectUri,
      created_at: r.at,
    })
    .execute();
}

/** Takes a login request (once: it is deleted), if it is younger than `since`. */
export async function takeLoginRequest(db: DbExecutor, state: string, since: string) {
  const row = await db.selectFrom('portal_login_requests').selectAll().where('state', '=', state).executeTakeFirst();
  if (!row) return undefined;
  await db.deleteFrom('portal_login_requests').where('state', '=', state).execute();
  await db.deleteFrom('portal_login_requests').where('created_at', '<', since).execute();
  return row.created_at >= since ? row : undefined;
}

export async function insertCitizenSession(
  db: DbExecutor,
  s: {
    id: string;
    fiscalCode: string;
    displayName: string;
    csrfToken: string;
    at: string;
    expiresAt: string;
    ip: string;
  },
) {
  await db
    .insertInto('citizen_sessions')
    .values({
      id: s.id,
      fiscal_code: s.fiscalCode,
      display_name: s.displayName,
      csrf_token: s.csrfToken,
      created_at: s.at,
      last_seen_at: s.at,
      expires_at: s.expiresAt,
      ip: s.ip,
    })
    .execute();
}

export async function findCitizenSession(db: DbExecutor, id: string) {
  return db.selectFrom('citizen_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchCitizenSession(db: DbExecutor, id: string, at: string) {
  await db.updateTable('citizen_sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteCitizenSession(db: DbExecutor, id: string) {
  await db.deleteFrom('citizen_sessions').where('id', '=', id).execute();
}

// ---- What a citizen may see --------------------------------------------------------------------------

export async function listCitizenHouseholds(db: DbExecutor, fiscalCode: string) {
  return db
    .selectFrom('households as h')
    .innerJoin('comuni as c', 'c.id', 'h.comune_id')
    .select(['h.id', 'h.code', 'c.name as comune_name', 'h.address_street', 'h.address_number', 'h.address_city'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('members as m')
          .select('m.id')
          .whereRef('m.household_id', '=', 'h.id')
          .where('m.fiscal_code', '=', fiscalCode),
      ),
    )
    .orderBy('h.code')
    .execute();
}

export async function listMemberFiscalCodes(db: DbExecutor, householdId: string): Promise<string[]> {
  const rows = await db.selectFrom('members').select('fiscal_code').where('household_id', '=', householdId).execute();
  return rows.map((r) => r.fiscal_code);
}

export async function listMembers(db: DbExecutor, householdId: string) {
  return db
    .selectFrom('members')
    .select(['first_name', 'last_name', 'relation', 'position'])
    .where('household_id', '=', householdId)
    .orderBy('position')
    .execute();
}

export async function listHouseholdApplications(db: DbExecutor, householdId: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select([
      'a.id',
      'a.protocol',
      'a.platform_id',
      'a.submitted_at',
      'a.call_id',
      'c.name as call_name',
      'c.closes_on',
    ])
    .where('a.household_id', '=', householdId)
    .orderBy('a.submitted_at', 'desc')
    .execute();
}

export async function findApplicationHousehold(db: DbExecutor, applicationId: string) {
  const row = await db
    .selectFrom('applications')
    .select(['household_id', 'call_id'])
    .where('id', '=', applicationId)
    .executeTakeFirst();
  return row;
}

export async function findProvisionalPublication(db: DbExecutor, callId: string) {
  return db
    .selectFrom('ranking_run_events as e')
    .innerJoin('ranking_runs as r', 'r.id', 'e.run_id')
    .select(['e.on_date'])
    .where('r.call_id', '=', callId)
    .where('e.kind', '=', 'provisional_published')
    .orderBy('e.at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findLatestIsee(db: DbExecutor, householdId: string) {
  return db
    .selectFrom('isee_records')
    .select(['valid_until', 'value_cents'])
    .where('household_id', '=', householdId)
    .orderBy('valid_until', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listUpcomingAppointments(db: DbExecutor, householdId: string, from: string) {
  return db
    .selectFrom('appointment_bookings as b')
    .innerJoin('appointment_slots as s', 's.id', 'b.slot_id')
    .select(['b.id', 's.starts_at', 's.place', 'b.purpose'])
    .where('b.household_id', '=', householdId)
    .where('b.cancelled_at', 'is', null)
    .where('s.starts_at', '>=', from)
    .orderBy('s.starts_at')
    .execute();
}

export async function findMessageHousehold(db: DbExecutor, messageId: string) {
  return db.selectFrom('messages').select(['household_id']).where('id', '=', messageId).executeTakeFirst();
}

/**
 * Holders suggested by the demonstration provider: first those asked for documents (something to
 * do in the portal), then those with letters or applications.
 */
export async function listPortalPersonas(db: DbExecutor, limit: number) {
  const holders = (table: 'document_requests' | 'messages' | 'applications') =>
    db
      .selectFrom('members as m')
      .select(['m.fiscal_code', 'm.first_name', 'm.last_name'])
      .where('m.position', '=', 1)
      .where((eb) =>
        eb.exists(
          table === 'document_requests'
            ? eb.selectFrom('document_requests as x').select('x.id').whereRef('x.household_id', '=', 'm.household_id')
            : table === 'messages'
              ? eb.selectFrom('messages as x').select('x.id').whereRef('x.household_id', '=', 'm.household_id')
              : eb.selectFrom('applications as x').select('x.id').whereRef('x.household_id', '=', 'm.household_id'),
        ),
      )
      .orderBy('m.last_name')
      .orderBy('m.first_name')
      .limit(limit)
      .execute();
  const seen = new Set<string>();
  const out: Awaited<ReturnType<typeof holders>> = [];
  for (const table of ['document_requests', 'messages', 'applications'] as const) {
    for (const p of await holders(table)) {
      if (out.length >= limit || seen.has(p.fiscal_code)) continue;
      seen.add(p.fiscal_code);
      out.push(p);
    }
  }
  return out;
}

import { sql, type ExpressionBuilder } from 'kysely';
import { escapeLike } from '../../../core/kernel/text.js';
import type { ApplicationState } from '../../../shared/applications.js';
import type { DbExecutor } from '../../db/client.js';
import type {
  ApplicationMembersTable,
  ApplicationsTable,
  Database,
  HouseholdsTable,
  MembersTable,
  TimelineEventsTable,
} from '../../db/schema.js';

/** Rows per INSERT: well below the bound-parameter limits of SQLite and PostgreSQL. */
const BATCH = 200;

async function inBatches<T>(rows: readonly T[], run: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await run(rows.slice(i, i + BATCH));
}

async function chunkedIn<T>(values: readonly string[], run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 500) out.push(...(await run(values.slice(i, i + 500))));
  return out;
}

export async function findCallFacts(db: DbExecutor, id: string) {
  return db
    .selectFrom('calls')
    .select(['id', 'code', 'name', 'opens_on', 'closes_on', 'ambito_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listComuni(db: DbExecutor, ambitoId: string) {
  return db
    .selectFrom('comuni')
    .select(['id', 'name', 'is_lead'])
    .where('ambito_id', '=', ambitoId)
    .orderBy('name')
    .execute();
}

/** Units by their codes (id_alloggio), with whether the call offers them. */
export async function findUnitsByCodes(db: DbExecutor, callId: string, codes: readonly string[]) {
  return chunkedIn(codes, (chunk) =>
    db
      .selectFrom('units')
      .leftJoin('call_units', (j) =>
        j.onRef('call_units.unit_id', '=', 'units.id').on('call_units.call_id', '=', callId),
      )
      .select([
        'units.id',
        'units.code',
        'units.floor_area_dm2',
        'units.accessible',
        'call_units.call_id as offered_by',
      ])
      .where('units.code', 'in', chunk)
      .execute(),
  );
}

export async function listCallApplications(db: DbExecutor, callId: string) {
  return db.selectFrom('applications').selectAll().where('call_id', '=', callId).execute();
}

export async function listApplicationMembersOf(db: DbExecutor, applicationIds: readonly string[]) {
  return chunkedIn(applicationIds, (chunk) =>
    db.selectFrom('application_members').selectAll().where('application_id', 'in', chunk).execute(),
  );
}

/** Households holding these fiscal codes, for matching applicants to their file. */
export async function findHoldersOf(db: DbExecutor, fiscalCodes: readonly string[]) {
  return chunkedIn(fiscalCodes, (chunk) =>
    db
      .selectFrom('members')
      .innerJoin('households', 'households.id', 'members.household_id')
      .select([
        'members.fiscal_code',
        'members.relation',
        'households.id as household_id',
        'households.code as household_code',
        'households.comune_id',
        'households.updated_at',
      ])
      .where('members.fiscal_code', 'in', chunk)
      .execute(),
  );
}

export async function findFileImport(db: DbExecutor, kind: string, callId: string, sha256: string) {
  return db
    .selectFrom('file_imports')
    .select(['id', 'imported_at'])
    .where('kind', '=', kind)
    .where('call_key', '=', callId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertFileImport(
  db: DbExecutor,
  row: {
    id: string;
    kind: string;
    callId: string;
    sha256: string;
    fileName: string;
    rows: number;
    summary: Record<string, unknown>;
    at: string;
    by: string;
  },
): Promise<void> {
  await db
    .insertInto('file_imports')
    .values({
      id: row.id,
      kind: row.kind,
      call_key: row.callId,
      sha256: row.sha256,
      file_name: row.fileName,
      rows_count: row.rows,
      summary: JSON.stringify(row.summary),
      imported_at: row.at,
      imported_by: row.by,
    })
    .execute();
}

/**
 * Reserves `count` consecutive values of a named sequence in one statement (the same row lock as
 * nextSequenceValue): a file opening many household files does not take the lock once per file.
 */
export async function reserveSequenceBlock(db: DbExecutor, name: string, count: number): Promise<number> {
  await db
    .insertInto('sequences')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .updateTable('sequences')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - count + 1;
}

export async function insertHouseholds(db: DbExecutor, rows: readonly HouseholdsTable[]): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('households').values(b).execute());
}

export async function insertMembers(db: DbExecutor, rows: readonly MembersTable[]): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('members').values(b).execute());
}

export async function insertApplications(db: DbExecutor, rows: readonly ApplicationsTable[]): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('applications').values(b).execute());
}

export async function insertApplicationMembers(
  db: DbExecutor,
  rows: readonly ApplicationMembersTable[],
): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('application_members').values(b).execute());
}

export async function insertTimelineEvents(db: DbExecutor, rows: readonly TimelineEventsTable[]): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('timeline_events').values(b).execute());
}

/** The household of an application and the facts the access rules and the checks need. */
export async function findHouseholdBrief(db: DbExecutor, householdId: string) {
  const row = await db
    .selectFrom('households')
    .innerJoin('comuni', 'comuni.id', 'households.comune_id')
    .select([
      'households.id',
      'households.code',
      'households.comune_id',
      'households.version',
      'comuni.name as comune_name',
    ])
    .where('households.id', '=', householdId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [members, createdByImport] = await Promise.all([
    db.selectFrom('members').selectAll().where('household_id', '=', householdId).orderBy('position').execute(),
    db
      .selectFrom('timeline_events')
      .select('id')
      .where('household_id', '=', householdId)
      .where('kind', '=', 'household_created')
      .where('source_type', '=', 'application')
      .executeTakeFirst(),
  ]);
  // A file the import opened stays "to complete" until an operator saves it (version 1 → 2).
  return { ...row, members, incomplete: createdByImport !== undefined && row.version === 1 };
}

function latestDecision(eb: ExpressionBuilder<Database, 'applications'>) {
  return eb
    .selectFrom('application_reviews')
    .select('application_reviews.decision')
    .whereRef('application_reviews.application_id', '=', 'applications.id')
    .orderBy('application_reviews.decided_at', 'desc')
    .orderBy('application_reviews.id', 'desc')
    .limit(1);
}

export interface ApplicationFilter {
  /** At least one of callId and householdId is given. */
  readonly callId?: string | undefined;
  readonly householdId?: string | undefined;
  /** null: every Comune. */
  readonly householdComuneIds: readonly string[] | null;
  readonly state?: ApplicationState | undefined;
  readonly comuneId?: string | undefined;
  readonly q?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function searchApplications(db: DbExecutor, f: ApplicationFilter) {
  let base = db.selectFrom('applications').innerJoin('households', 'households.id', 'applications.household_id');
  if (f.callId !== undefined) base = base.where('applications.call_id', '=', f.callId);
  if (f.householdId !== undefined) base = base.where('applications.household_id', '=', f.householdId);
  if (f.householdComuneIds !== null) {
    if (f.householdComuneIds.length === 0) {
      return { rows: [], total: 0, counts: { to_review: 0, admitted: 0, excluded: 0 } };
    }
    base = base.where('households.comune_id', 'in', [...f.householdComuneIds]);
  }
  if (f.comuneId) base = base.where('applications.residence_comune_id', '=', f.comuneId);
  if (f.q) {
    const term = `%${escapeLike(f.q.toLowerCase())}%`;
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`lower(applications.platform_id) like ${term} escape '\\'`,
        sql<boolean>`lower(applications.protocol) like ${term} escape '\\'`,
        sql<boolean>`lower(applications.applicant_fiscal_code) like ${term} escape '\\'`,
        sql<boolean>`lower(applications.applicant_last_name) like ${term} escape '\\'`,
        sql<boolean>`lower(applications.applicant_first_name) like ${term} escape '\\'`,
      ]),
    );
  }
  // Counts per state are over the other filters, so the tabs say how many each state holds.
  const countRows = await db
    .selectFrom(base.select((eb) => latestDecision(eb).as('decision')).as('x'))
    .select(['x.decision', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('x.decision')
    .execute();
  const counts = { to_review: 0, admitted: 0, excluded: 0 };
  for (const c of countRows) {
    const key = c.decision === 'admitted' || c.decision === 'excluded' ? c.decision : 'to_review';
    counts[key] += Number(c.n);
  }
  let q = base;
  if (f.state === 'to_review') {
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('application_reviews')
            .select('application_reviews.id')
            .whereRef('application_reviews.application_id', '=', 'applications.id'),
        ),
      ),
    );
  } else if (f.state) {
    const state = f.state;
    q = q.where((eb) => eb(latestDecision(eb), '=', state));
  }
  const [rows, count] = await Promise.all([
    q
      .select([
        'applications.id',
        'applications.platform_id',
        'applications.protocol',
        'applications.submitted_at',
        'applications.applicant_last_name',
        'applications.applicant_first_name',
        'applications.applicant_fiscal_code',
        'applications.residence_comune_name',
        'applications.members_count',
        'applications.isbar_milli',
        'applications.isee_cents',
        'applications.indigent',
        'applications.choice_1_unit_id',
        'applications.choice_2_unit_id',
        'applications.household_id',
        'applications.source',
        'households.code as household_code',
        (eb) => latestDecision(eb).as('decision'),
      ])
      .orderBy('applications.isbar_milli', 'desc')
      .orderBy('applications.submitted_at')
      .orderBy('applications.platform_id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), counts };
}

export async function unitCodesOf(db: DbExecutor, unitIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await chunkedIn(unitIds, (chunk) =>
    db.selectFrom('units').select(['id', 'code']).where('id', 'in', chunk).execute(),
  );
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function findApplication(db: DbExecutor, id: string) {
  return db
    .selectFrom('applications')
    .innerJoin('calls', 'calls.id', 'applications.call_id')
    .leftJoin('users', 'users.id', 'applications.created_by')
    .selectAll('applications')
    .select(['calls.code as call_code', 'calls.name as call_name', 'users.display_name as created_by_name'])
    .where('applications.id', '=', id)
    .executeTakeFirst();
}

export async function findApplicationByPlatformId(db: DbExecutor, callId: string, platformId: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'platform_id', 'applicant_fiscal_code'])
    .where('call_id', '=', callId)
    .where('platform_id', '=', platformId)
    .executeTakeFirst();
}

export async function findApplicationOfApplicant(db: DbExecutor, callId: string, fiscalCode: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'platform_id'])
    .where('call_id', '=', callId)
    .where('applicant_fiscal_code', '=', fiscalCode)
    .executeTakeFirst();
}

export async function listChoiceUnits(db: DbExecutor, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('units')
    .innerJoin('owners', 'owners.id', 'units.owner_id')
    .innerJoin('comuni', 'comuni.id', 'units.comune_id')
    .select([
      'units.id',
      'units.code',
      'units.address_street',
      'units.address_number',
      'units.floor_area_dm2',
      'units.accessible',
      'owners.name as owner_name',
      'comuni.name as comune_name',
    ])
    .where('units.id', 'in', [...unitIds])
    .execute();
}

export async function listApplicationMembers(db: DbExecutor, applicationId: string) {
  return db
    .selectFrom('application_members')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export async function listReviews(db: DbExecutor, applicationId: string) {
  return db
    .selectFrom('application_reviews')
    .innerJoin('users', 'users.id', 'application_reviews.decided_by')
    .select([
      'application_reviews.id',
      'application_reviews.decision',
      'application_reviews.reason',
      'application_reviews.decided_at',
      'users.display_name as decided_by_name',
    ])
    .where('application_reviews.application_id', '=', applicationId)
    .orderBy('application_reviews.decided_at', 'desc')
    .orderBy('application_reviews.id', 'desc')
    .execute();
}

export async function insertReview(
  db: DbExecutor,
  row: {
    id: string;
    applicationId: string;
    decision: 'admitted' | 'excluded';
    reason: string;
    checks: string;
    at: string;
    by: string;
  },
): Promise<void> {
  await db
    .insertInto('application_reviews')
    .values({
      id: row.id,
      application_id: row.applicationId,
      decision: row.decision,
      reason: row.reason,
      checks: row.checks,
      decided_at: row.at,
      decided_by: row.by,
    })
    .execute();
}

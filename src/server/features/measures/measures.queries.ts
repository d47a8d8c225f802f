// All SQL of measures, parameter versions, applications to measures, landlords and contracts.
import type { Insertable } from 'kysely';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import type { HouseholdSnapshot } from '../../../core/frontdesk/questionnaire.js';
import type { DbExecutor } from '../../db/client.js';
import type {
  AgreedRentContractsTable,
  LandlordsTable,
  MeasureApplicationsTable,
  MeasuresTable,
} from '../../db/schema-measures.js';

// ---- Measures and parameter versions ------------------------------------------------------------

export async function listMeasureRows(db: DbExecutor, onlyActive = false) {
  let q = db.selectFrom('measures').selectAll();
  if (onlyActive) q = q.where('active', '=', 1);
  return q.orderBy('name').execute();
}

export async function findMeasureRow(db: DbExecutor, id: string) {
  return db.selectFrom('measures').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMeasureByCode(db: DbExecutor, code: string) {
  return db.selectFrom('measures').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listVersionRows(db: DbExecutor, measureIds?: readonly string[]) {
  let q = db.selectFrom('measure_parameter_versions').selectAll();
  if (measureIds) {
    if (measureIds.length === 0) return [];
    q = q.where('measure_id', 'in', [...measureIds]);
  }
  return q.orderBy('measure_id').orderBy('valid_from', 'desc').orderBy('created_at', 'desc').execute();
}

export async function insertMeasure(db: DbExecutor, row: Insertable<MeasuresTable>) {
  await db.insertInto('measures').values(row).execute();
}

export async function insertParameterVersion(
  db: DbExecutor,
  row: {
    id: string;
    measure_id: string;
    version: string;
    valid_from: string;
    valid_to: string | null;
    parameters: string;
    note: string | null;
    created_at: string;
    created_by: string | null;
  },
) {
  await db.insertInto('measure_parameter_versions').values(row).execute();
}

export async function versionExists(db: DbExecutor, measureId: string, version: string) {
  const row = await db
    .selectFrom('measure_parameter_versions')
    .select('id')
    .where('measure_id', '=', measureId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateMeasureRow(
  db: DbExecutor,
  id: string,
  values: { active: number; valid_to: string | null; updated_at: string },
) {
  await db.updateTable('measures').set(values).where('id', '=', id).execute();
}

// ---- Household snapshot (the facts the rules read) --------------------------------------------

/** Members, recorded vulnerabilities and the ISEE in force on a day; the latest ISEE, in force or not. */
export async function loadHouseholdSnapshot(db: DbExecutor, householdId: string, on: PlainDate) {
  const [household, members, vulnerabilities, isee] = await Promise.all([
    db.selectFrom('households').select(['id', 'code', 'comune_id']).where('id', '=', householdId).executeTakeFirst(),
    db
      .selectFrom('members')
      .select([
        'fiscal_code',
        'first_name',
        'last_name',
        'birth_date',
        'relation',
        'citizenship',
        'disability_percent',
        'permit_expires_on',
        'permit_kind',
      ])
      .where('household_id', '=', householdId)
      .orderBy('position')
      .execute(),
    db.selectFrom('vulnerabilities').select('code').where('household_id', '=', householdId).execute(),
    db
      .selectFrom('isee_records')
      .select(['id', 'value_cents', 'dsu_submitted_on', 'valid_until', 'protocol'])
      .where('household_id', '=', householdId)
      .orderBy('dsu_submitted_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  if (!household) return undefined;
  const inForce = isee.find((r) => r.dsu_submitted_on <= on && on <= r.valid_until);
  const snapshot: HouseholdSnapshot = {
    comuneId: household.comune_id,
    members: members.map((m) => ({
      birthDate: m.birth_date as PlainDate,
      relation: m.relation,
      citizenship: m.citizenship,
      disabilityPercent: m.disability_percent,
      permitExpiresOn: (m.permit_expires_on as PlainDate | null) ?? null,
      permitKind: m.permit_kind,
    })),
    vulnerabilities: vulnerabilities.map((v) => v.code),
    isee: inForce ? { valueCents: Number(inForce.value_cents) } : null,
  };
  const applicant = members.find((m) => m.relation === 'applicant') ?? members[0];
  return {
    code: household.code,
    snapshot,
    applicant: applicant
      ? { fiscalCode: applicant.fiscal_code, name: `${applicant.last_name} ${applicant.first_name}` }
      : null,
    iseeInForce: inForce ? { id: inForce.id, validUntil: inForce.valid_until } : null,
    latestIsee: isee[0] ? { validUntil: isee[0].valid_until, protocol: isee[0].protocol } : null,
  };
}

// ---- Applications -------------------------------------------------------------------------------

export type ApplicationRow = Awaited<ReturnType<typeof findApplicationRow>>;

export async function findApplicationRow(db: DbExecutor, id: string) {
  return db
    .selectFrom('measure_applications as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .innerJoin('households as h', 'h.id', 'a.household_id')
    .innerJoin('measure_parameter_versions as v', 'v.id', 'a.parameter_version_id')
    .selectAll('a')
    .select([
      'm.code as measure_code',
      'm.name as measure_name',
      'm.kind as measure_kind',
      'm.fund_code as measure_fund_code',
      'm.legal_basis as measure_legal_basis',
      'm.required_documents as measure_required_documents',
      'h.code as household_code',
      'h.comune_id as household_comune_id',
      'v.version as parameter_version',
      'v.parameters as parameters',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export interface ApplicationFilter {
  readonly status?: string | undefined;
  readonly measureId?: string | undefined;
  readonly householdId?: string | undefined;
  readonly comuneIds: readonly string[] | 'all';
  readonly limit: number;
  readonly offset: number;
}

export async function listApplicationRows(db: DbExecutor, f: ApplicationFilter) {
  let q = db
    .selectFrom('measure_applications as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .innerJoin('households as h', 'h.id', 'a.household_id');
  if (f.comuneIds !== 'all') {
    if (f.comuneIds.length === 0) return { rows: [], total: 0 };
    q = q.where('h.comune_id', 'in', [...f.comuneIds]);
  }
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.measureId) q = q.where('a.measure_id', '=', f.measureId);
  if (f.householdId) q = q.where('a.household_id', '=', f.householdId);
  const [rows, count] = await Promise.all([
    q
      .select([
        'a.id',
        'a.code',
        'a.household_id',
        'h.code as household_code',
        'a.measure_id',
        'm.code as measure_code',
        'm.name as measure_name',
        'a.status',
        'a.applied_on',
        'a.applicant_name',
        'a.amount_cents',
        'a.paid_cents',
      ])
      .orderBy('a.applied_on', 'desc')
      .orderBy('a.code', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertApplication(db: DbExecutor, row: Insertable<MeasureApplicationsTable>) {
  await db.insertInto('measure_applications').values(row).execute();
}

export async function insertApplicationEvent(
  db: DbExecutor,
  row: {
    id: string;
    application_id: string;
    kind: string;
    outcome: string | null;
    reason: string | null;
    amount_cents: number | null;
    at: string;
    by_user: string | null;
  },
) {
  await db.insertInto('measure_application_events').values(row).execute();
}

export async function listApplicationEventRows(db: DbExecutor, applicationId: string) {
  return db
    .selectFrom('measure_application_events as e')
    .leftJoin('users as u', 'u.id', 'e.by_user')
    .selectAll('e')
    .select('u.display_name as by_name')
    .where('e.application_id', '=', applicationId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

/**
 * Moves an application to a new status only if nobody changed it meanwhile (same status and
 * version): returns false when the row was changed by someone else.
 */
export async function transitionApplication(
  db: DbExecutor,
  id: string,
  from: { status: string; version: number },
  values: {
    status: string;
    updated_at: string;
    amount_cents?: number | null;
    breakdown?: string | null;
    fund_id?: string | null;
    committed_cents?: number;
    paid_cents?: number;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('measure_applications')
    .set({ ...values, version: from.version + 1 })
    .where('id', '=', id)
    .where('status', '=', from.status)
    .where('version', '=', from.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function countApplicationsCode(db: DbExecutor) {
  const r = await db
    .selectFrom('measure_applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listHouseholdPayments(db: DbExecutor, householdId: string) {
  return db
    .selectFrom('payments as p')
    .leftJoin('payment_batches as b', 'b.id', 'p.batch_id')
    .select([
      'p.id',
      'p.kind',
      'p.application_id',
      'p.measure_code',
      'p.amount_cents',
      'p.on_date',
      'b.code as batch_code',
    ])
    .where('p.household_id', '=', householdId)
    .orderBy('p.on_date', 'desc')
    .orderBy('p.created_at', 'desc')
    .execute();
}

// ---- Landlords and agreed-rent contracts ------------------------------------------------------

export async function listLandlordRows(db: DbExecutor) {
  const [landlords, contracts] = await Promise.all([
    db.selectFrom('landlords').selectAll().orderBy('name').execute(),
    db.selectFrom('agreed_rent_contracts').selectAll().orderBy('starts_on', 'desc').execute(),
  ]);
  return { landlords, contracts };
}

export async function findLandlordRow(db: DbExecutor, id: string) {
  return db.selectFrom('landlords').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findContractRow(db: DbExecutor, id: string) {
  return db.selectFrom('agreed_rent_contracts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertLandlord(db: DbExecutor, row: Insertable<LandlordsTable>) {
  await db.insertInto('landlords').values(row).execute();
}

export async function insertContract(db: DbExecutor, row: Insertable<AgreedRentContractsTable>) {
  await db.insertInto('agreed_rent_contracts').values(row).execute();
}

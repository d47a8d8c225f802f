import type { PointsScheme } from '../../../core/scoring/points-scheme.js';
import type { HouseholdRecord } from '../../../core/scoring/household-facts.js';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import type { DbExecutor } from '../../db/client.js';

export async function listSchemes(db: DbExecutor) {
  return db.selectFrom('scoring_schemes').selectAll().orderBy('code').orderBy('valid_from').execute();
}

export async function findScheme(db: DbExecutor, code: string, version: string): Promise<PointsScheme | undefined> {
  const row = await db
    .selectFrom('scoring_schemes')
    .select('definition')
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? (JSON.parse(row.definition) as PointsScheme) : undefined;
}

export async function listVersions(db: DbExecutor, code: string): Promise<PointsScheme[]> {
  const rows = await db.selectFrom('scoring_schemes').select('definition').where('code', '=', code).execute();
  return rows.map((r) => JSON.parse(r.definition) as PointsScheme);
}

export async function insertScheme(
  db: DbExecutor,
  row: { id: string; scheme: PointsScheme; at: string; by: string | null },
): Promise<void> {
  await db
    .insertInto('scoring_schemes')
    .values({
      id: row.id,
      code: row.scheme.id,
      version: row.scheme.version,
      name: row.scheme.name,
      definition: JSON.stringify(row.scheme),
      valid_from: row.scheme.validFrom,
      valid_to: row.scheme.validTo,
      created_at: row.at,
      created_by: row.by,
    })
    .execute();
}

/** What a points scheme needs to know of households, read in one pass for many of them. */
export async function loadHouseholdRecords(
  db: DbExecutor,
  householdIds: readonly string[],
  on: PlainDate,
): Promise<Map<string, HouseholdRecord>> {
  const out = new Map<string, HouseholdRecord>();
  if (householdIds.length === 0) return out;
  const ambito = (await db.selectFrom('comuni').select('id').execute()).map((c) => c.id);
  for (let i = 0; i < householdIds.length; i += 500) {
    const ids = householdIds.slice(i, i + 500);
    const [households, members, vulnerabilities, isee] = await Promise.all([
      db.selectFrom('households').select(['id', 'comune_id', 'lone_parent']).where('id', 'in', ids).execute(),
      db
        .selectFrom('members')
        .select(['household_id', 'birth_date', 'sex', 'relation', 'disability_percent'])
        .where('household_id', 'in', ids)
        .orderBy('position')
        .execute(),
      db.selectFrom('vulnerabilities').select(['household_id', 'code']).where('household_id', 'in', ids).execute(),
      db
        .selectFrom('isee_records')
        .select(['household_id', 'value_cents', 'dsu_submitted_on'])
        .where('household_id', 'in', ids)
        .where('dsu_submitted_on', '<=', on)
        .where('valid_until', '>=', on)
        .orderBy('dsu_submitted_on', 'desc')
        .execute(),
    ]);
    for (const h of households) {
      out.set(h.id, {
        comuneId: h.comune_id,
        loneParent: h.lone_parent === 1,
        members: members
          .filter((m) => m.household_id === h.id)
          .map((m) => ({
            birthDate: m.birth_date as PlainDate,
            sex: m.sex,
            relation: m.relation,
            disabilityPercent: m.disability_percent,
          })),
        vulnerabilities: vulnerabilities.filter((v) => v.household_id === h.id).map((v) => v.code),
        iseeCents: (() => {
          const r = isee.find((x) => x.household_id === h.id);
          return r ? Number(r.value_cents) : null;
        })(),
        ambitoComuneIds: ambito,
      });
    }
  }
  return out;
}

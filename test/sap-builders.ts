// A small public-housing call written straight into the database, for tests of rankings and
// assignments that should not depend on the import code.
import type { Db } from '../src/server/db/client.js';
import { newId } from '../src/server/ids.js';
import { syntheticFiscalCode } from './builders.js';
import { COMUNI } from './fixtures.js';

export interface SapUnitSpec {
  code: string;
  owner: 'aler' | 'comune';
  comune: keyof typeof COMUNI;
  areaM2: number;
  reserveCategory?: string | null;
}

export interface SapApplicationSpec {
  platformId: string;
  isbar: number;
  iseeEuro: number;
  submittedAt: string;
  members: number;
  indigent?: boolean;
  choices: string[];
  residence?: keyof typeof COMUNI;
  reserveCategories?: string[];
}

const NAMES = ['RSS', 'BNC', 'VRD', 'GLL', 'NRE', 'CLM', 'FRR', 'MRN', 'RCC', 'LNG', 'BRN', 'CST'];

export async function seedSapCall(
  db: Db,
  spec: { opensOn: string; closesOn: string; units: SapUnitSpec[]; applications: SapApplicationSpec[]; seed?: number },
) {
  const k = db.kysely;
  const at = new Date('2026-01-10T09:00:00Z').toISOString();
  const callId = newId();
  const code = `AVV-T-${callId.slice(-6)}`;
  await k
    .insertInto('calls')
    .values({
      id: callId,
      code,
      ambito_id: 'ambito-cinisello',
      name: 'Avviso di prova',
      kind: 'ordinary',
      programme: 'sap',
      opens_on: spec.opensOn,
      closes_on: spec.closesOn,
      scoring: 'isbar',
      scheme_code: null,
      scheme_version: null,
      indigent_percent: 20,
      tie_break_keys: JSON.stringify(['lower_isee', 'earlier_submission', 'seeded_draw']),
      draw_seed: spec.seed ?? 12345,
      refusal_policy: 'exclude_after_unjustified_refusal',
      created_at: at,
      created_by: null,
    })
    .execute();
  const unitIds = new Map<string, string>();
  for (const u of spec.units) {
    const id = newId();
    unitIds.set(u.code, id);
    await k
      .insertInto('units')
      .values({
        id,
        code: u.code,
        owner_id: u.owner === 'aler' ? 'owner-aler' : `owner-${COMUNI[u.comune]}`,
        comune_id: COMUNI[u.comune],
        programme: 'sap',
        address_street: 'Via di Prova',
        address_number: '1',
        floor_area_dm2: Math.round(u.areaM2 * 100),
        rooms: 2,
        floor: 1,
        has_lift: 1,
        accessible: 0,
        state: 'available',
        created_at: at,
        works_cost_cents: null,
        reserve_category: null,
        updated_at: null,
      })
      .execute();
    await k
      .insertInto('call_units')
      .values({
        call_id: callId,
        unit_id: id,
        reserve_category: u.reserveCategory ?? null,
        added_at: at,
        import_id: null,
      })
      .execute();
  }
  const applicationIds = new Map<string, string>();
  for (const [i, a] of spec.applications.entries()) {
    const householdId = newId();
    const surname = NAMES[i % NAMES.length] ?? 'XXX';
    const fiscalCode = syntheticFiscalCode({
      surname3: surname,
      name3: 'MRA',
      birthDate: `19${50 + (i % 40)}-01-15`,
      sex: 'M',
    });
    await k
      .insertInto('households')
      .values({
        id: householdId,
        code: `NF-T-${String(i).padStart(5, '0')}-${callId.slice(-4)}`,
        comune_id: COMUNI[a.residence ?? 'cinisello'],
        address_street: 'Via di Prova',
        address_number: null,
        address_postcode: null,
        address_city: 'Cinisello Balsamo',
        phone: null,
        email: null,
        pec: null,
        lone_parent: 0,
        search_text: a.platformId.toLowerCase(),
        version: 1,
        created_at: at,
        updated_at: at,
        created_by: null,
      })
      .execute();
    const id = newId();
    applicationIds.set(a.platformId, id);
    await k
      .insertInto('applications')
      .values({
        id,
        call_id: callId,
        platform_id: a.platformId,
        protocol: `P-${a.platformId}`,
        submitted_at: a.submittedAt,
        household_id: householdId,
        applicant_fiscal_code: fiscalCode,
        applicant_last_name: `Cognome${i}`,
        applicant_first_name: 'Nome',
        residence_comune_id: COMUNI[a.residence ?? 'cinisello'],
        residence_comune_name: 'Cinisello Balsamo',
        work_comune_id: null,
        work_comune_name: null,
        members_count: a.members,
        isee_cents: Math.round(a.iseeEuro * 100),
        isbar_milli: Math.round(a.isbar * 1000),
        indigent: a.indigent ? 1 : 0,
        indigence_attested: a.indigent ? 1 : 0,
        reserve_categories: (a.reserveCategories ?? []).join(','),
        max_invalidity_percent: null,
        choice_1_unit_id: a.choices[0] ? (unitIds.get(a.choices[0]) ?? null) : null,
        choice_2_unit_id: a.choices[1] ? (unitIds.get(a.choices[1]) ?? null) : null,
        source: 'platform_import',
        import_id: null,
        created_at: at,
        created_by: null,
      })
      .execute();
  }
  return { callId, code, unitIds, applicationIds };
}

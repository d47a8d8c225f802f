// Synthetic data for the benchmarks: a call of N applications over the Ambito's 4 Comuni and
// 2 owners (Comune and ALER), each choosing 2 units. Deterministic (seeded); written in batches.
import { createRng } from '../../core/kernel/rng.js';
import type { DbExecutor } from '../../server/db/client.js';
import { newId } from '../../server/ids.js';

const BATCH = 400;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

export async function seedBenchCall(db: DbExecutor, opts: { applications: number; units: number; seed: number }) {
  const rng = createRng(opts.seed);
  const comuni = await db.selectFrom('comuni').select(['id', 'name']).orderBy('name').execute();
  const owners = await db.selectFrom('owners').select(['id', 'kind', 'comune_id']).execute();
  const aler = owners.find((o) => o.kind === 'aler');
  if (!aler || comuni.length === 0) throw new Error('bench: the Ambito (Comuni, ALER) must be loaded first');
  const at = new Date().toISOString();
  const callId = newId();
  await db
    .insertInto('calls')
    .values({
      id: callId,
      code: `AVV-BENCH-${callId.slice(-6)}`,
      ambito_id: (await db.selectFrom('ambiti').select('id').executeTakeFirstOrThrow()).id,
      name: 'Avviso per benchmark',
      kind: 'ordinary',
      programme: 'sap',
      opens_on: '2026-01-10',
      closes_on: '2026-03-10',
      scoring: 'isbar',
      scheme_code: null,
      scheme_version: null,
      indigent_percent: 20,
      tie_break_keys: JSON.stringify(['lower_isee', 'earlier_submission', 'seeded_draw']),
      draw_seed: opts.seed,
      refusal_policy: 'exclude_after_unjustified_refusal',
      created_at: at,
      created_by: null,
    })
    .execute();
  const units = Array.from({ length: opts.units }, (_, i) => {
    const comune = comuni[i % comuni.length] as { id: string };
    const byComune = owners.find((o) => o.kind === 'comune' && o.comune_id === comune.id);
    const owner = i % 2 === 0 && byComune ? byComune.id : aler.id;
    return {
      id: newId(),
      code: `BENCH-U-${String(i).padStart(6, '0')}`,
      owner_id: owner,
      comune_id: comune.id,
      programme: 'sap' as const,
      address_street: 'Via del Benchmark',
      address_number: String(i),
      floor_area_dm2: rng.int(30, 95) * 100,
      rooms: rng.int(1, 5),
      floor: rng.int(0, 8),
      has_lift: 1,
      accessible: rng.chance(0.1) ? 1 : 0,
      state: 'available',
      created_at: at,
      works_cost_cents: null,
      reserve_category: null,
      updated_at: null,
    };
  });
  await inBatches(units, (b) => db.insertInto('units').values(b).execute());
  await inBatches(
    units.map((u) => ({ call_id: callId, unit_id: u.id, reserve_category: null, added_at: at, import_id: null })),
    (b) => db.insertInto('call_units').values(b).execute(),
  );
  const households = [];
  const applications = [];
  for (let i = 0; i < opts.applications; i++) {
    const householdId = newId();
    const comune = comuni[rng.int(0, comuni.length - 1)] as { id: string; name: string };
    households.push({
      id: householdId,
      code: `NF-BENCH-${String(i).padStart(7, '0')}`,
      comune_id: comune.id,
      address_street: 'Via del Benchmark',
      address_number: null,
      address_postcode: null,
      address_city: comune.name,
      phone: null,
      email: null,
      pec: null,
      lone_parent: 0,
      search_text: `bench ${i}`,
      version: 1,
      created_at: at,
      updated_at: at,
      created_by: null,
    });
    const first = units[rng.int(0, units.length - 1)] as (typeof units)[number];
    let second = units[rng.int(0, units.length - 1)] as (typeof units)[number];
    if (second.id === first.id) second = units[(units.indexOf(first) + 1) % units.length] as (typeof units)[number];
    const isee = rng.int(0, 16_000_00);
    applications.push({
      id: newId(),
      call_id: callId,
      platform_id: `B${String(i).padStart(7, '0')}`,
      protocol: `P${i}`,
      submitted_at: new Date(Date.UTC(2026, 0, 10) + rng.int(0, 59 * 86_400) * 1000).toISOString(),
      household_id: householdId,
      applicant_fiscal_code: 'XXXXXX00X00X000X',
      applicant_last_name: 'Bench',
      applicant_first_name: String(i),
      residence_comune_id: comune.id,
      residence_comune_name: comune.name,
      work_comune_id: null,
      work_comune_name: null,
      // Small households, so that most choices are adequate (RR 4/2017 art. 9 table).
      members_count: rng.int(1, 3),
      isee_cents: isee,
      // ISBAR with two decimals: many ties, so the tie-break keys do real work.
      isbar_milli: rng.int(500, 6000) * 10,
      indigent: isee <= 3_000_00 ? 1 : 0,
      indigence_attested: isee <= 3_000_00 ? 1 : 0,
      reserve_categories: '',
      max_invalidity_percent: null,
      choice_1_unit_id: first.id,
      choice_2_unit_id: second.id,
      source: 'platform_import' as const,
      import_id: null,
      created_at: at,
      created_by: null,
    });
  }
  await inBatches(households, (b) => db.insertInto('households').values(b).execute());
  await inBatches(applications, (b) => db.insertInto('applications').values(b).execute());
  await inBatches(
    applications.map((a) => ({
      id: newId(),
      application_id: a.id,
      decision: 'admitted' as const,
      reason: 'benchmark',
      checks: '[]',
      decided_at: at,
      decided_by: 'system',
    })),
    (b) => db.insertInto('application_reviews').values(b).execute(),
  );
  return { callId };
}

/** Marks the latest ranking run as published and final (dated in the past), for the assignment bench. */
export async function markRunFinal(db: DbExecutor, runId: string): Promise<void> {
  const at = new Date().toISOString();
  await db
    .insertInto('ranking_run_events')
    .values([
      {
        id: newId(),
        run_id: runId,
        kind: 'provisional_published',
        on_date: '2026-03-12',
        at,
        by_user: 'system',
        note: 'bench',
      },
      { id: newId(), run_id: runId, kind: 'finalised', on_date: '2026-04-01', at, by_user: 'system', note: 'bench' },
    ])
    .execute();
}

// Data of the measures benchmark: extra active measures and open calls up to the number of screening
// targets, and a fund with `grants` approved, committed applications (households made in bulk).
import { installShippedMeasures } from '../../server/features/measures/measures.install.js';
import { defaultParameters, SHIPPED_MEASURES } from '../../core/measures/catalogue.js';
import type { DbExecutor } from '../../server/db/client.js';

export async function seedMeasuresBench(
  db: DbExecutor,
  opts: { targets: number; grants: number; today: string; at: string; iban: (n: number) => string },
) {
  await installShippedMeasures(db, new Date(opts.at), { activateTemplates: true });
  const existing = (await db.selectFrom('measures').select('id').where('active', '=', 1).execute()).length;
  const calls = Math.max(1, Math.floor(opts.targets / 10));
  const extra = Math.max(0, opts.targets - existing - calls);
  for (let i = 0; i < extra; i++) {
    const m = SHIPPED_MEASURES[i % SHIPPED_MEASURES.length];
    if (!m) continue;
    const id = `bench-measure-${i}`;
    await db
      .insertInto('measures')
      .values({
        id,
        code: `${m.code}_bench_${i}`,
        kind: m.kind,
        name: `${m.name} (variante ${i + 1})`,
        legal_basis: m.legalBasis,
        description: m.description,
        fund_code: m.fundCode,
        payee: m.payee,
        valid_from: '2020-01-01',
        valid_to: null,
        active: 1,
        required_documents: JSON.stringify(m.requiredDocuments),
        approval_steps: JSON.stringify(m.approvalSteps),
        created_at: opts.at,
        updated_at: opts.at,
        created_by: null,
      })
      .execute();
    await db
      .insertInto('measure_parameter_versions')
      .values({
        id: `${id}-v1`,
        measure_id: id,
        version: 'v1',
        valid_from: '2020-01-01',
        valid_to: null,
        parameters: JSON.stringify(defaultParameters(m.kind)),
        note: null,
        created_at: opts.at,
        created_by: null,
      })
      .execute();
  }
  const ambito = await db.selectFrom('ambiti').select('id').executeTakeFirstOrThrow();
  for (let i = 0; i < calls; i++) {
    await db
      .insertInto('calls')
      .values({
        id: `bench-call-${i}`,
        code: `BENCH-${i}`,
        ambito_id: ambito.id,
        name: `Avviso aperto ${i + 1}`,
        kind: 'ordinary',
        programme: 'sap',
        opens_on: opts.today,
        closes_on: opts.today,
        scoring: 'platform_isbar',
        scheme_code: null,
        scheme_version: null,
        indigent_percent: 20,
        tie_break_keys: '[]',
        draw_seed: 1,
        refusal_policy: 'default',
        created_at: opts.at,
        created_by: null,
      })
      .execute();
  }
  // The household to screen: one with an ISEE in force.
  const household = await db
    .selectFrom('isee_records')
    .select('household_id')
    .where('dsu_submitted_on', '<=', opts.today)
    .where('valid_until', '>=', opts.today)
    .executeTakeFirstOrThrow();
  const manager = await db.selectFrom('users').select('id').where('role', '=', 'manager').executeTakeFirstOrThrow();
  const measure = await db
    .selectFrom('measures')
    .select(['id', 'code'])
    .where('code', '=', 'fondo_affitto')
    .executeTakeFirstOrThrow();
  const version = await db
    .selectFrom('measure_parameter_versions')
    .select('id')
    .where('measure_id', '=', measure.id)
    .executeTakeFirstOrThrow();
  const comune = await db.selectFrom('comuni').select('id').executeTakeFirstOrThrow();
  // Grants of varying amounts; the fund's budget is exactly their sum, all committed.
  const amounts = Array.from({ length: opts.grants }, (_, i) => 50_000 + ((i * 7919) % 250_000));
  const total = amounts.reduce((s, a) => s + a, 0);
  const fundId = 'bench-fund';
  await db
    .insertInto('funds')
    .values({
      id: fundId,
      code: 'BENCH',
      year: Number(opts.today.slice(0, 4)),
      name: 'Fondo bench',
      legal_basis: 'bench',
      budget_cents: total,
      committed_cents: total,
      paid_cents: 0,
      created_at: opts.at,
      created_by: null,
    })
    .execute();
  const chunk = 400;
  for (let start = 0; start < opts.grants; start += chunk) {
    const idx = amounts.slice(start, start + chunk).map((_, j) => start + j);
    await db
      .insertInto('households')
      .values(
        idx.map((i) => ({
          id: `bench-h-${i}`,
          code: `NF-BENCH-${i}`,
          comune_id: comune.id,
          address_street: 'Via Bench',
          address_number: String(i),
          address_postcode: null,
          address_city: 'Cinisello Balsamo',
          phone: null,
          email: null,
          pec: null,
          lone_parent: 0,
          search_text: `nf-bench-${i}`,
          version: 1,
          created_at: opts.at,
          updated_at: opts.at,
          created_by: null,
        })),
      )
      .execute();
    await db
      .insertInto('measure_applications')
      .values(
        idx.map((i) => ({
          id: `bench-a-${i}`,
          code: `MIS-BENCH-${i}`,
          household_id: `bench-h-${i}`,
          measure_id: measure.id,
          parameter_version_id: version.id,
          status: 'approved',
          applied_on: opts.today,
          channel: 'desk',
          contact_id: null,
          applicant_fiscal_code: `BNCMRA70A01C707${String.fromCharCode(65 + (i % 26))}`,
          applicant_name: `Bench ${i}`,
          payee_kind: 'tenant',
          payee_name: `Bench ${i}`,
          payee_fiscal_code: `BNCMRA70A01C707${String.fromCharCode(65 + (i % 26))}`,
          iban: opts.iban(i + 1),
          landlord_id: null,
          contract_id: null,
          isee_record_id: null,
          facts: '{}',
          request: '{}',
          amount_cents: amounts[i] ?? 0,
          breakdown: '[]',
          fund_id: fundId,
          committed_cents: amounts[i] ?? 0,
          paid_cents: 0,
          version: 2,
          created_at: opts.at,
          created_by: null,
          updated_at: opts.at,
        })),
      )
      .execute();
  }
  return { householdId: household.household_id, managerId: manager.id, fundId, totalCents: total };
}

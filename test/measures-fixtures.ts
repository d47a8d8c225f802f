// Fixtures of the measures area: the shipped measures, a fund per measure for 2026, and a household
// with an ISEE in force, created through the API like the desk would.
import { ibanCheckDigits } from '../src/core/kernel/iban.js';
import { installShippedMeasures } from '../src/server/features/measures/measures.install.js';
import type { Db } from '../src/server/db/client.js';
import type { Session } from './app.js';
import { householdInput, syntheticFiscalCode } from './builders.js';

export const VALID_IBAN = 'IT60X0542811101000000123456';
export const BAD_IBAN = 'IT61X0542811101000000123456';

export function syntheticIban(n: number): string {
  const bban = `X05428111010${String(n).padStart(11, '0')}`;
  return `IT${ibanCheckDigits('IT', bban)}${bban}`;
}

export async function installMeasuresAndFunds(db: Db, budgets: Partial<Record<string, number>> = {}, year = 2026) {
  const now = new Date('2026-11-26T08:00:00Z');
  await installShippedMeasures(db.kysely, now, { activateTemplates: true });
  const codes = ['FSA', 'FIMI', 'COM', 'DGR606', 'CANCON'];
  for (const code of codes) {
    await db.kysely
      .insertInto('funds')
      .values({
        id: `fund-${code}-${year}`,
        code,
        year,
        name: `Fondo ${code}`,
        legal_basis: 'test',
        budget_cents: budgets[code] ?? 5_000_000,
        created_at: now.toISOString(),
        created_by: null,
      })
      .execute();
  }
}

export async function measureId(db: Db, code: string): Promise<string> {
  const row = await db.kysely.selectFrom('measures').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

let counter = 0;
/** A household with an ISEE (9,000 €) in force on 2026-11-26, created through the API. */
export async function householdWithIsee(s: Session, opts: { iseeCents?: number; dsuOn?: string } = {}) {
  counter += 1;
  const n = String(counter).padStart(2, '0');
  const name3 = ['MRA', 'LGU', 'PLA', 'GNN', 'FNC', 'SRA', 'MTT', 'LSA', 'CRL', 'DVD'][counter % 10] ?? 'MRA';
  const fc = syntheticFiscalCode({ surname3: 'BNC', name3, birthDate: `1970-01-${n}`, sex: 'M' });
  const created = await s.request(
    'POST',
    '/api/households',
    householdInput({
      loneParent: false,
      members: [
        {
          fiscalCode: fc,
          firstName: 'Mario',
          lastName: `Bianchi${n}`,
          birthDate: `1970-01-${n}`,
          sex: 'M',
          relation: 'applicant',
          citizenship: 'italian',
        },
      ],
    }),
  );
  if (created.statusCode !== 201) throw new Error(`household: ${created.statusCode} ${created.body}`);
  const id = (created.json() as { id: string }).id;
  const isee = await s.request('POST', `/api/households/${id}/isee`, {
    kind: 'ordinario',
    protocol: `INPS-ISEE-2026-TEST${n}00`,
    valueCents: opts.iseeCents ?? 900_000,
    dsuSubmittedOn: opts.dsuOn ?? '2026-02-01',
    membersCount: 1,
  });
  if (isee.statusCode !== 201) throw new Error(`isee: ${isee.statusCode} ${isee.body}`);
  return { id, fiscalCode: fc };
}

/** Answers that make the arrears fund's requirements a)–e) met. */
export const ARREARS_ANSWERS = {
  tenure: 'private_rent',
  monthlyRentCents: 60_000,
  leaseRegistered: true,
  cadastralCategory: 'A3',
  monthsInUnit: 36,
  evictionStage: 'notice_served',
  arrearsCents: 300_000,
  incomeLossCause: 'dismissal',
  incomeLossAfterLease: true,
  taxableIncomeCents: 1_000_000,
  ownsAdequateDwellingInProvince: false,
  ownsAdequateDwellingInRegion: false,
} as const;

export const ARREARS_REQUEST = {
  arrears: { purposes: { arrears_settlement: 300_000 }, remainingLeaseYears: 3, landlordRenouncesEviction: true },
};

export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

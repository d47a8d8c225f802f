// Builders for the emergency area's tests (evictions, temporary housing, partners, plans).
import type { Session } from './app.js';
import { householdInput, syntheticFiscalCode } from './builders.js';

export async function createHousehold(
  s: Session,
  variant: 'mother' | 'couple' = 'mother',
  surname3 = 'BNC',
): Promise<string> {
  const mother = {
    fiscalCode: syntheticFiscalCode({ surname3, name3: 'MRA', birthDate: '1988-05-04', sex: 'F' }),
    firstName: 'Maria',
    lastName: 'Bianchi',
    birthDate: '1988-05-04',
    sex: 'F' as const,
    relation: 'applicant' as const,
    citizenship: 'italian' as const,
  };
  const child = {
    fiscalCode: syntheticFiscalCode({ surname3, name3: 'GLI', birthDate: '2016-09-01', sex: 'M' }),
    firstName: 'Giulio',
    lastName: 'Bianchi',
    birthDate: '2016-09-01',
    sex: 'M' as const,
    relation: 'child' as const,
    citizenship: 'italian' as const,
  };
  const father = {
    fiscalCode: syntheticFiscalCode({ surname3, name3: 'PLA', birthDate: '1985-02-02', sex: 'M' }),
    firstName: 'Paolo',
    lastName: 'Bianchi',
    birthDate: '1985-02-02',
    sex: 'M' as const,
    relation: 'spouse' as const,
    citizenship: 'italian' as const,
  };
  const res = await s.request(
    'POST',
    '/api/households',
    householdInput({
      members: variant === 'mother' ? [mother, child] : [mother, father],
      loneParent: variant === 'mother',
    }),
  );
  if (res.statusCode !== 201) throw new Error(`household: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

export function evictionInput(householdId: string, overrides: Record<string, unknown> = {}) {
  return {
    householdId,
    address: 'Via dei Tigli 3, Cinisello Balsamo',
    court: 'Tribunale di Monza',
    caseNumber: '1234/2026',
    landlordName: 'Immobiliare Esempio srl',
    landlordKind: 'company',
    motive: 'arrears',
    arrearsEuros: 4200.5,
    reportedBy: 'court',
    reportedOn: '2026-01-05',
    ...overrides,
  };
}

export function unitInput(partnerId: string, overrides: Record<string, unknown> = {}) {
  return {
    code: 'TMP-01',
    partnerId,
    comuneId: 'comune-cinisello',
    address: 'Via Libertà 10, Cinisello Balsamo',
    capacityPlaces: 4,
    rooms: 2,
    shared: true,
    targetGroup: 'women_alone_or_with_minors',
    stayKind: 'hospitality',
    ...overrides,
  };
}

export function placementInput(householdId: string, unitId: string, overrides: Record<string, unknown> = {}) {
  return {
    householdId,
    unitId,
    placesUsed: 2,
    startsOn: '2026-06-01',
    plannedEndOn: '2026-12-01',
    monthlyGrantEuros: 200,
    monthlyCopaymentEuros: 50,
    educatorName: 'Educatrice Rossi',
    ...overrides,
  };
}

// Builders of valid synthetic input for tests (never real people).
import { fiscalCodeCheckCharacter } from '../src/core/kernel/fiscal-code.js';
import type { HouseholdInputRaw } from '../src/shared/households.js';
import { COMUNI } from './fixtures.js';

const MONTHS = 'ABCDEHLMPRST';

/** A synthetic fiscal code with a correct check character for the given person. */
export function syntheticFiscalCode(p: {
  surname3: string;
  name3: string;
  birthDate: string;
  sex: 'F' | 'M';
  place?: string;
}): string {
  const [y, m, d] = p.birthDate.split('-');
  const day = Number(d) + (p.sex === 'F' ? 40 : 0);
  const first15 = `${p.surname3}${p.name3}${y?.slice(2)}${MONTHS[Number(m) - 1]}${String(day).padStart(2, '0')}${p.place ?? 'C707'}`;
  return first15 + fiscalCodeCheckCharacter(first15);
}

export const ANNA = {
  fiscalCode: syntheticFiscalCode({ surname3: 'VRD', name3: 'NNA', birthDate: '1984-03-12', sex: 'F' }),
  firstName: 'Anna',
  lastName: 'Verdi',
  birthDate: '1984-03-12',
  sex: 'F' as const,
};
export const LUCA = {
  fiscalCode: syntheticFiscalCode({ surname3: 'VRD', name3: 'LCU', birthDate: '2015-07-30', sex: 'M' }),
  firstName: 'Luca',
  lastName: 'Verdi',
  birthDate: '2015-07-30',
  sex: 'M' as const,
};

export function householdInput(overrides: Partial<HouseholdInputRaw> = {}): HouseholdInputRaw {
  return {
    comuneId: COMUNI.cinisello,
    addressStreet: 'Via delle Rose',
    addressNumber: '12',
    addressPostcode: '20092',
    addressCity: 'Cinisello Balsamo',
    phone: '333 123 4567',
    email: 'anna.verdi@example.org',
    loneParent: true,
    members: [
      { ...ANNA, relation: 'applicant', citizenship: 'italian' },
      { ...LUCA, relation: 'child', citizenship: 'italian' },
    ],
    ...overrides,
  };
}

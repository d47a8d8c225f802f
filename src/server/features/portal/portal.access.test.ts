import { describe, expect, it } from 'vitest';
import { syntheticFiscalCode } from '../../../../test/builders.js';
import { citizenMayOpenHousehold, fiscalCodeFromClaim } from './portal.access.js';

const CF = syntheticFiscalCode({ surname3: 'RSS', name3: 'MRA', birthDate: '1980-01-01', sex: 'M' });

describe('fiscal code from the identity token (SPID attribute fiscalNumber)', () => {
  it('strips the TINIT- prefix SPID uses, and accepts a bare code (CIE)', () => {
    expect(fiscalCodeFromClaim(`TINIT-${CF}`)).toBe(CF);
    expect(fiscalCodeFromClaim(CF.toLowerCase())).toBe(CF);
  });
  it('refuses anything that is not a valid fiscal code', () => {
    expect(fiscalCodeFromClaim(undefined)).toBeNull();
    expect(fiscalCodeFromClaim(42)).toBeNull();
    expect(fiscalCodeFromClaim('TINIT-')).toBeNull();
    expect(fiscalCodeFromClaim(`${CF.slice(0, 15)}${CF.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
  });
});

describe('what a citizen may open', () => {
  it('is a household they are a member of, nothing else', () => {
    expect(citizenMayOpenHousehold(CF, ['X', CF])).toBe(true);
    expect(citizenMayOpenHousehold(CF, ['X'])).toBe(false);
    expect(citizenMayOpenHousehold(CF, [])).toBe(false);
  });
});

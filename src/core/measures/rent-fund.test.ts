import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDate } from '../kernel/plain-date.js';
import { evaluateRentFund, RENT_FUND_DEFAULTS, rentFundContribution, type RentFundParameters } from './rent-fund.js';

const P: RentFundParameters = { ...RENT_FUND_DEFAULTS, bandAIncomeMaxCents: 1_500_000, bandBIncomeMaxCents: 2_500_000 };
const E = (e: number) => Math.round(e * 100);

describe('L. 431/1998 art. 11, DM 7/6/1999: Fondo sostegno affitto bands', () => {
  it('DM 7/6/1999 band A: contribution brings the incidence down to 14%', () => {
    // income 10,000 €, rent 4,000 €: 4,000 − 1,400 = 2,600 €
    const r = rentFundContribution(E(10_000), E(4_000), false, P);
    expect(r.band).toBe('A');
    expect(r.amountCents).toBe(E(2_600));
  });
  it('DM 7/6/1999 band A boundary: incidence exactly 14% qualifies with a zero contribution; just below does not', () => {
    expect(rentFundContribution(E(10_000), E(1_400), false, P)).toMatchObject({ band: 'A', amountCents: 0 });
    expect(rentFundContribution(E(10_000), E(1_399.99), false, P).band).toBeNull();
  });
  it('DM 7/6/1999 band A income limit: at the limit band A, one cent over falls to band B', () => {
    expect(rentFundContribution(E(15_000), E(6_000), false, P).band).toBe('A');
    expect(rentFundContribution(E(15_000) + 1, E(6_000), false, P).band).toBe('B');
  });
  it('DM 7/6/1999 band A cap: at most 3,100 € a year', () => {
    const r = rentFundContribution(E(5_000), E(9_000), false, P);
    expect(r.amountCents).toBe(E(3_100));
    expect(r.lines.map((l) => l.code)).toEqual(['gap', 'cap']);
    expect(r.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(r.amountCents);
  });
  it('DM 7/6/1999 band B: down to 24%, at most 2,325 €', () => {
    // income 20,000 €, rent 6,000 €: 6,000 − 4,800 = 1,200 €
    expect(rentFundContribution(E(20_000), E(6_000), false, P)).toMatchObject({ band: 'B', amountCents: E(1_200) });
    // income 20,000 €, rent 9,000 €: 9,000 − 4,800 = 4,200 → capped at 2,325 €
    expect(rentFundContribution(E(20_000), E(9_000), false, P).amountCents).toBe(E(2_325));
  });
  it('DM 7/6/1999 band B boundary: exactly 24% qualifies, below does not; over the B limit nothing', () => {
    expect(rentFundContribution(E(20_000), E(4_800), false, P).band).toBe('B');
    expect(rentFundContribution(E(20_000), E(4_799.99), false, P).band).toBeNull();
    expect(rentFundContribution(E(25_000) + 1, E(20_000), false, P).band).toBeNull();
  });
  it('DM 7/6/1999: the 25% raise for fragile households, on the capped contribution', () => {
    const r = rentFundContribution(E(5_000), E(9_000), true, P);
    expect(r.amountCents).toBe(E(3_875));
    expect(r.lines.at(-1)?.code).toBe('fragility_raise');
  });
  it('DM 7/6/1999: the raise never goes over the rent', () => {
    // income 0: gap = rent = 1,000 €; +25% would be 1,250 € > rent
    expect(rentFundContribution(0, E(1_000), true, P).amountCents).toBe(E(1_000));
  });
  it('DM 7/6/1999: the raise may apply to the income limits instead', () => {
    const p = { ...P, fragilityRaiseAppliesTo: 'income_limits' as const };
    expect(rentFundContribution(E(18_000), E(4_500), false, p).band).toBe('B');
    expect(rentFundContribution(E(18_000), E(4_500), true, p).band).toBe('A'); // limit A raised to 18,750 €
  });
  it('amounts are never negative and never above the raised cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.boolean(),
        (inc, rent, fragile) => {
          const r = rentFundContribution(inc, rent, fragile, P);
          expect(r.amountCents).toBeGreaterThanOrEqual(0);
          expect(r.amountCents).toBeLessThanOrEqual(Math.round(E(3_100) * 1.25));
          expect(r.amountCents).toBeLessThanOrEqual(rent);
        },
      ),
      { seed: 4, numRuns: 500 },
    );
  });
  it('the screening asks for income and rent when they are missing', () => {
    const e = evaluateRentFund({ asOf: plainDate('2026-11-26'), membersCount: 2, tenure: 'private_rent' }, P);
    expect(e.verdict).toBe('missing_information');
    expect(e.estimate).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDate } from '../kernel/plain-date.js';
import {
  ARREARS_FUND_DEFAULTS,
  arrearsFundEligibility,
  arrearsFundGrant,
  arrearsFundPreferences,
  evaluateArrearsFund,
  meetsArrearsFundRequirements,
} from './arrears-fund.js';
import type { MeasureFacts } from './facts.js';

const E = (e: number) => Math.round(e * 100);
const ELIGIBLE: MeasureFacts = {
  asOf: plainDate('2026-11-26'),
  membersCount: 3,
  iseeCents: E(12_000),
  evictionStage: 'notice_served',
  tenure: 'private_rent',
  leaseRegistered: true,
  cadastralCategory: 'A3',
  monthsInUnit: 30,
  citizenship: 'italian',
  ownsAdequateDwellingInProvince: false,
  incomeLossCause: 'dismissal',
  incomeLossAfterLease: true,
  taxableIncomeCents: E(12_000),
  annualRentCents: E(7_200),
  arrearsCents: E(4_500),
};
const outcome = (f: MeasureFacts, code: string) =>
  arrearsFundEligibility(f).checks.find((c) => c.code === code)?.outcome;

describe('DM 30/3/2016 art. 3: requirements a)–e) of the arrears fund', () => {
  it('DM 30/3/2016 art. 3: all requirements met', () => {
    expect(arrearsFundEligibility(ELIGIBLE).verdict).toBe('eligible');
    expect(meetsArrearsFundRequirements(ELIGIBLE)).toBe(true);
  });
  it('DM 30/3/2016 art. 3 lett. a): ISEE ≤ 26,000 € or ISE ≤ 35,000 €', () => {
    expect(outcome({ ...ELIGIBLE, iseeCents: E(26_000) }, 'a_income')).toBe('met');
    expect(outcome({ ...ELIGIBLE, iseeCents: E(26_000.01), iseCents: E(35_000) }, 'a_income')).toBe('met');
    expect(outcome({ ...ELIGIBLE, iseeCents: E(26_000.01), iseCents: E(35_000.01) }, 'a_income')).toBe('not_met');
    expect(outcome({ ...ELIGIBLE, iseeCents: E(27_000), iseCents: null }, 'a_income')).toBe('missing_information');
    expect(outcome({ ...ELIGIBLE, iseeCents: null }, 'a_income')).toBe('missing_information');
  });
  it('DM 30/3/2016 art. 3 lett. b): an eviction notice with summons, not yet executed', () => {
    expect(outcome({ ...ELIGIBLE, evictionStage: 'validated' }, 'b_eviction_notice')).toBe('met');
    expect(outcome({ ...ELIGIBLE, evictionStage: 'arrears' }, 'b_eviction_notice')).toBe('not_met');
    expect(outcome({ ...ELIGIBLE, evictionStage: 'executed' }, 'b_eviction_notice')).toBe('not_met');
  });
  it('DM 30/3/2016 art. 3 lett. c): registered lease, not A1/A8/A9, one year in the unit', () => {
    expect(outcome({ ...ELIGIBLE, leaseRegistered: false }, 'c_lease_registered')).toBe('not_met');
    expect(outcome({ ...ELIGIBLE, cadastralCategory: 'A/8' }, 'c_cadastral_category')).toBe('not_met');
    expect(outcome({ ...ELIGIBLE, monthsInUnit: 11 }, 'c_residence_in_unit')).toBe('not_met');
    expect(outcome({ ...ELIGIBLE, monthsInUnit: 12 }, 'c_residence_in_unit')).toBe('met');
  });
  it('DM 30/3/2016 art. 3 lett. d): non-EU citizens need a valid permit', () => {
    expect(outcome({ ...ELIGIBLE, citizenship: 'non_eu', permitValid: true }, 'd_citizenship')).toBe('met');
    expect(outcome({ ...ELIGIBLE, citizenship: 'non_eu', permitValid: false }, 'd_citizenship')).toBe('not_met');
  });
  it('DM 30/3/2016 art. 3 lett. e): no adequate dwelling in the province', () => {
    expect(outcome({ ...ELIGIBLE, ownsAdequateDwellingInProvince: true }, 'e_no_dwelling')).toBe('not_met');
  });
  it('DM 30/3/2016 art. 2: the arrears must come from a loss of income', () => {
    expect(outcome({ ...ELIGIBLE, incomeLossCause: 'none' }, 'cause')).toBe('not_met');
    expect(outcome({ ...ELIGIBLE, incomeLossCause: 'wage_supplementation' }, 'cause')).toBe('met');
    expect(arrearsFundEligibility({ ...ELIGIBLE, incomeLossCause: null }).verdict).toBe('missing_information');
  });
  it('Lombardy [P]: significant reduction when rent ÷ taxable income > 30%', () => {
    expect(outcome({ ...ELIGIBLE, annualRentCents: E(3_600) }, 'significant_loss')).toBe('not_met');
    expect(outcome({ ...ELIGIBLE, annualRentCents: E(3_600.01) }, 'significant_loss')).toBe('met');
  });
  it('DM 30/3/2016 art. 3 c.3: preference criteria', () => {
    const prefs = arrearsFundPreferences({
      ...ELIGIBLE,
      hasOver70: true,
      hasMinor: true,
      maxInvalidityPercent: 74,
      socialServicesCare: true,
    });
    expect(prefs.map((p) => p.code)).toEqual(['over_70', 'minor', 'invalidity_74', 'social_care']);
    expect(arrearsFundPreferences({ ...ELIGIBLE, maxInvalidityPercent: 73 })).toEqual([]);
  });
});

describe('DM 30/3/2016 art. 5: the four purposes and their caps within 12,000 €', () => {
  const a = { remainingLeaseYears: 2, landlordRenouncesEviction: true };
  it('DM 30/3/2016 art. 5 lett. a): arrears up to 8,000 € with remaining lease ≥ 2 years and renounced eviction', () => {
    expect(arrearsFundGrant({ ...a, purposes: { arrears_settlement: E(8_000) } })).toMatchObject({
      ok: true,
      amountCents: E(8_000),
    });
    expect(arrearsFundGrant({ ...a, purposes: { arrears_settlement: E(8_000.01) } })).toMatchObject({
      ok: false,
      error: { code: 'AMOUNT_OVER_CAP' },
    });
    expect(
      arrearsFundGrant({
        purposes: { arrears_settlement: E(1_000) },
        remainingLeaseYears: 1,
        landlordRenouncesEviction: true,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'PURPOSE_CONDITION_NOT_MET' },
    });
    expect(arrearsFundGrant({ purposes: { arrears_settlement: E(1_000) }, remainingLeaseYears: 3 })).toMatchObject({
      ok: false,
    });
  });
  it('DM 30/3/2016 art. 5 lett. b): deferral months up to 6,000 €', () => {
    expect(arrearsFundGrant({ purposes: { eviction_deferral: E(6_000) } })).toMatchObject({
      ok: true,
      amountCents: E(6_000),
    });
    expect(arrearsFundGrant({ purposes: { eviction_deferral: E(6_000.01) } })).toMatchObject({
      ok: false,
      error: { code: 'AMOUNT_OVER_CAP' },
    });
  });
  it('DM 30/3/2016 art. 5 lett. c): a deposit for a new lease, within the total', () => {
    expect(arrearsFundGrant({ purposes: { deposit: E(2_400) } })).toMatchObject({ ok: true, amountCents: E(2_400) });
  });
  it('DM 30/3/2016 art. 5 lett. d): months of a new agreed-rent lease, only at canone concordato', () => {
    expect(arrearsFundGrant({ purposes: { new_lease_rent: E(3_000) }, newLeaseAgreedRent: true })).toMatchObject({
      ok: true,
    });
    expect(arrearsFundGrant({ purposes: { new_lease_rent: E(3_000) }, newLeaseAgreedRent: false })).toMatchObject({
      ok: false,
      error: { code: 'PURPOSE_CONDITION_NOT_MET' },
    });
  });
  it('DM 30/3/2016 art. 5: total per household at most 12,000 €', () => {
    const ok = arrearsFundGrant({
      ...a,
      newLeaseAgreedRent: true,
      purposes: { arrears_settlement: E(8_000), new_lease_rent: E(4_000) },
    });
    expect(ok).toMatchObject({ ok: true, amountCents: E(12_000) });
    const over = arrearsFundGrant({
      ...a,
      newLeaseAgreedRent: true,
      purposes: { arrears_settlement: E(8_000), new_lease_rent: E(4_000.01) },
    });
    expect(over).toMatchObject({ ok: false, error: { code: 'AMOUNT_OVER_CAP' } });
  });
  it('a request without purposes is refused', () => {
    expect(arrearsFundGrant({ purposes: {} })).toMatchObject({ ok: false, error: { code: 'NO_PURPOSE' } });
  });
  it('granted amounts are never negative and never above 12,000 €', () => {
    const amount = fc.integer({ min: 0, max: E(13_000) });
    fc.assert(
      fc.property(amount, amount, amount, amount, (x, y, z, w) => {
        const g = arrearsFundGrant({
          ...a,
          newLeaseAgreedRent: true,
          purposes: { arrears_settlement: x, eviction_deferral: y, deposit: z, new_lease_rent: w },
        });
        if (g.ok) {
          expect(g.amountCents).toBeGreaterThan(0);
          expect(g.amountCents).toBeLessThanOrEqual(ARREARS_FUND_DEFAULTS.totalCapCents);
        }
      }),
      { seed: 7, numRuns: 500 },
    );
  });
  it('the screening estimate is the arrears within the cap of purpose a)', () => {
    expect(evaluateArrearsFund({ ...ELIGIBLE, arrearsCents: E(9_500) }).estimate?.amountCents).toBe(E(8_000));
  });
});

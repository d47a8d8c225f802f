import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eurosToCents } from '../kernel/money.js';
import { plainDate } from '../kernel/plain-date.js';
import {
  applyPercent,
  checkIndigence,
  computeCallQuotas,
  findQuotaParameters,
  indigentScopeOf,
  type QuotaConfig,
  type QuotaUnit,
} from './quotas.js';

const units = (ownerId: string, ownerKind: 'comune' | 'aler', comune: string, n: number): QuotaUnit[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${ownerId}-${comune}-${i}`, ownerId, ownerKind, comune }));
const ordinary: QuotaConfig = { callKind: 'ordinary', reservePercent: 0 };

describe('RR 4/2017 art. 13, LR 16/2016 art. 23 c.3: indigent quota = 20% rounded up', () => {
  it.each([
    [0, 0],
    [1, 1],
    [4, 1],
    [5, 1],
    [6, 2],
    [10, 2],
    [11, 3],
    [25, 5],
    [26, 6],
  ])('RR 4/2017 art. 13: %i units available give %i indigent assignments (ceil)', (n, expected) => {
    expect(applyPercent(n, 20, 'ceil')).toBe(expected);
  });

  it('RR 4/2017 art. 13: for a Comune the quota is counted on its whole stock', () => {
    const result = computeCallQuotas(units('Comune di Cinisello Balsamo', 'comune', 'Cinisello Balsamo', 7), ordinary);
    if (!result.ok) throw new Error('unexpected');
    expect(result.quotas.indigent).toHaveLength(1);
    expect(result.quotas.indigent[0]).toMatchObject({
      scope: { ownerId: 'Comune di Cinisello Balsamo', comune: null },
      unitsAvailable: 7,
      count: 2,
    });
    expect(result.quotas.indigent[0]?.text).toBe(
      'Quota indigenti (Comune di Cinisello Balsamo): 20% di 7 alloggi disponibili = 1,4, arrotondato per eccesso: 2.',
    );
  });

  it('RR 4/2017 art. 13: for ALER the 20% applies per Comune (ceil in each Comune)', () => {
    const all = [...units('ALER Milano', 'aler', 'Bresso', 3), ...units('ALER Milano', 'aler', 'Cormano', 6)];
    const result = computeCallQuotas(all, ordinary);
    if (!result.ok) throw new Error('unexpected');
    expect(result.quotas.indigent.map((f) => [f.scope.comune, f.count])).toEqual([
      ['Bresso', 1],
      ['Cormano', 2],
    ]);
    // Counted once over 9 units it would be ceil(1.8) = 2, not 3: the per-Comune rule matters.
    expect(applyPercent(9, 20, 'ceil')).toBe(2);
    expect(indigentScopeOf(all[0] as QuotaUnit)).toEqual({ ownerId: 'ALER Milano', comune: 'Bresso' });
  });

  it('RR 4/2017 art. 13 [P]: a Comune may exceed 20% on its own stock; ALER may not; nobody goes below', () => {
    const stock = [
      ...units('Comune di Cormano', 'comune', 'Cormano', 10),
      ...units('ALER Milano', 'aler', 'Cormano', 10),
    ];
    const ok = computeCallQuotas(stock, { ...ordinary, indigentPercentByOwner: { 'Comune di Cormano': 40 } });
    if (!ok.ok) throw new Error('unexpected');
    expect(ok.quotas.indigent.map((f) => [f.scope.ownerId, f.count])).toEqual([
      ['ALER Milano', 2],
      ['Comune di Cormano', 4],
    ]);
    const aler = computeCallQuotas(stock, { ...ordinary, indigentPercentByOwner: { 'ALER Milano': 30 } });
    expect(aler.ok ? [] : aler.errors.map((e) => e.code)).toEqual(['INDIGENT_SHARE_ABOVE_LAW_FOR_ALER']);
    const below = computeCallQuotas(stock, { ...ordinary, indigentPercentByOwner: { 'Comune di Cormano': 10 } });
    expect(below.ok ? [] : below.errors.map((e) => e.code)).toEqual(['INDIGENT_SHARE_BELOW_LAW']);
  });
});

describe('RR 4/2017 art. 4 c.3 c bis, art. 15 c.1 ter: reserve up to 20% per owner, rounded up from .5', () => {
  it.each([
    [10, 15, 2], // 1.5 → 2
    [10, 14, 1], // 1.4 → 1
    [5, 10, 1], // 0.5 → 1
    [4, 10, 0], // 0.4 → 0
    [25, 20, 5],
    [7, 20, 1], // 1.4 → 1
    [8, 20, 2], // 1.6 → 2
  ])('RR 4/2017 art. 15 c.1 ter: %i units at %i%% give %i reserved', (n, percent, expected) => {
    expect(applyPercent(n, percent, 'half_up')).toBe(expected);
  });

  it('RR 4/2017 art. 4 c.3 c bis: counts per owner and refuses a reserve above 20% with an explained error', () => {
    const stock = [...units('ALER Milano', 'aler', 'Bresso', 5), ...units('ALER Milano', 'aler', 'Cormano', 5)];
    const ok = computeCallQuotas(stock, { ...ordinary, reservePercent: 15 });
    if (!ok.ok) throw new Error('unexpected');
    expect(ok.quotas.reserve.map((f) => [f.scope, f.count])).toEqual([[{ ownerId: 'ALER Milano', comune: null }, 2]]);
    const bad = computeCallQuotas(stock, { ...ordinary, reservePercent: 20.5 });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors[0]).toMatchObject({ code: 'RESERVE_ABOVE_CAP' });
    expect(bad.errors[0]?.text).toContain('supera il limite di legge del 20%');
    expect(bad.errors[0]?.source).toContain('art. 4 c.3 lett. c bis');
  });

  it('works with fractional percentages without floating-point drift', () => {
    expect(applyPercent(10, 12.5, 'half_up')).toBe(1); // 1.25
    expect(applyPercent(20, 12.5, 'half_up')).toBe(3); // 2.5
  });
});

describe('RR 4/2017 art. 4 c.3 d bis: police-forces share up to 20% per Comune, only for calls of that kind', () => {
  const stock = [...units('Comune di Bresso', 'comune', 'Bresso', 8), ...units('ALER Milano', 'aler', 'Bresso', 4)];

  it('RR 4/2017 art. 4 c.3 d bis: counted per Comune across owners', () => {
    const result = computeCallQuotas(stock, { callKind: 'police_forces', reservePercent: 0, policeForcesPercent: 20 });
    if (!result.ok) throw new Error('unexpected');
    expect(result.quotas.policeForces.map((f) => [f.scope, f.count])).toEqual([
      [{ ownerId: null, comune: 'Bresso' }, 2],
    ]);
  });

  it('RR 4/2017 art. 4 c.3 d bis: refuses more than 20% and a police share on an ordinary call', () => {
    const above = computeCallQuotas(stock, { callKind: 'police_forces', reservePercent: 0, policeForcesPercent: 25 });
    expect(above.ok ? [] : above.errors.map((e) => e.code)).toEqual(['POLICE_FORCES_ABOVE_CAP']);
    const wrongCall = computeCallQuotas(stock, { callKind: 'ordinary', reservePercent: 0, policeForcesPercent: 10 });
    expect(wrongCall.ok ? [] : wrongCall.errors.map((e) => e.code)).toEqual(['POLICE_FORCES_ON_ORDINARY_CALL']);
  });
});

describe('LR 16/2016 art. 23 c.13: SAT up to 10% per owner, a planning figure', () => {
  it('LR 16/2016 art. 23 c.13: 10% of 25 units is 2 (rounded down, to stay within the cap)', () => {
    const result = computeCallQuotas(units('Comune di Cusano Milanino', 'comune', 'Cusano Milanino', 25), {
      ...ordinary,
      satPercent: 10,
    });
    if (!result.ok) throw new Error('unexpected');
    expect(result.quotas.sat[0]?.count).toBe(2);
  });

  it('LR 16/2016 art. 23 c.13: refuses more than 10%', () => {
    const result = computeCallQuotas(units('X', 'comune', 'X', 5), { ...ordinary, satPercent: 11 });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['SAT_ABOVE_CAP']);
  });

  it('refuses a percentage outside 0–100 whatever the quota', () => {
    const result = computeCallQuotas(units('X', 'comune', 'X', 5), { ...ordinary, reservePercent: -1 });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['PERCENT_OUT_OF_RANGE']);
  });
});

describe('RR 4/2017 art. 13: indigence = ISEE ≤ 3,000 € AND social-services attestation', () => {
  it('RR 4/2017 art. 13: 3,000.00 € with the attestation is met; 3,000.01 € is not', () => {
    expect(checkIndigence({ iseeCents: eurosToCents(3000), socialServicesAttestation: true }).outcome).toBe('met');
    const above = checkIndigence({ iseeCents: eurosToCents(3000.01), socialServicesAttestation: true });
    expect(above.outcome).toBe('not_met');
    expect(above.evidence).toMatch(/ISEE 3000,01\s€ > soglia 3000,00\s€/);
  });

  it('RR 4/2017 art. 13: without the attestation a low ISEE is not enough', () => {
    expect(checkIndigence({ iseeCents: eurosToCents(100), socialServicesAttestation: false }).outcome).toBe('not_met');
  });

  it('RR 4/2017 art. 13: unknown data gives missing_information, never a pass', () => {
    expect(checkIndigence({ iseeCents: eurosToCents(100), socialServicesAttestation: null }).outcome).toBe(
      'missing_information',
    );
    expect(checkIndigence({ iseeCents: undefined, socialServicesAttestation: true }).outcome).toBe(
      'missing_information',
    );
    // A known failure wins over missing data.
    expect(checkIndigence({ iseeCents: undefined, socialServicesAttestation: false }).outcome).toBe('not_met');
  });

  it('the parameters are versioned and in force since RR 4/2017 applies', () => {
    expect(findQuotaParameters(plainDate('2026-11-26'))?.indigenceIseeMaxCents).toBe(300_000);
    expect(findQuotaParameters(plainDate('2017-12-31'))).toBeUndefined();
  });
});

describe('quota rounding (property)', () => {
  it('ceil ≥ half_up ≥ floor, each within one unit of the exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 10_000 }), (n, bp) => {
        const percent = bp / 100;
        const exact = (n * bp) / 10_000;
        const [c, h, f] = [
          applyPercent(n, percent, 'ceil'),
          applyPercent(n, percent, 'half_up'),
          applyPercent(n, percent, 'floor'),
        ];
        expect(c).toBeGreaterThanOrEqual(h);
        expect(h).toBeGreaterThanOrEqual(f);
        expect(c - exact).toBeLessThan(1);
        expect(c).toBeGreaterThanOrEqual(exact);
        expect(exact - f).toBeLessThan(1);
        expect(f).toBeLessThanOrEqual(exact);
      }),
      { seed: 20261126, numRuns: 1000 },
    );
  });
});

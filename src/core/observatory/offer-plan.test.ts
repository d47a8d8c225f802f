import { describe, expect, it } from 'vitest';
import { draftOfferPlan, type PlanUnit } from './offer-plan.js';

const units = (
  owner: string,
  kind: 'comune' | 'aler',
  comune: string,
  n: number,
  reason: PlanUnit['reason'] = 'available',
) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${owner}-${comune}-${reason}-${i}`,
    ownerId: owner,
    ownerName: owner,
    ownerKind: kind,
    comune,
    reason,
  }));

describe('draft annual offer plan (RR 4/2017 art. 4 c.3)', () => {
  const all = [
    ...units('ALER Milano', 'aler', 'Cinisello Balsamo', 8),
    ...units('ALER Milano', 'aler', 'Bresso', 3, 'works_needed'),
    ...units('Comune di Cinisello Balsamo', 'comune', 'Cinisello Balsamo', 12),
  ];

  it('counts the units expected per owner and Comune', () => {
    const plan = draftOfferPlan(all, { year: 2027, reservePercent: 20, satPercent: 10 });
    expect(plan.ok && plan.rows).toEqual([
      { ownerName: 'ALER Milano', comune: 'Bresso', available: 0, worksNeeded: 3, total: 3 },
      { ownerName: 'ALER Milano', comune: 'Cinisello Balsamo', available: 8, worksNeeded: 0, total: 8 },
      {
        ownerName: 'Comune di Cinisello Balsamo',
        comune: 'Cinisello Balsamo',
        available: 12,
        worksNeeded: 0,
        total: 12,
      },
    ]);
  });

  it('computes the indigent share per Comune for ALER, rounded up (RR art. 13), and SAT within 10% (LR art. 23 c.13)', () => {
    const plan = draftOfferPlan(all, { year: 2027, reservePercent: 20, satPercent: 10 });
    if (!plan.ok) throw new Error('plan refused');
    expect(plan.quotas.indigent.map((f) => [f.scope.ownerId, f.scope.comune, f.count])).toEqual([
      ['ALER Milano', 'Bresso', 1],
      ['ALER Milano', 'Cinisello Balsamo', 2],
      ['Comune di Cinisello Balsamo', null, 3],
    ]);
    // SAT: 10% of 11 ALER units = 1.1 → 1; 10% of 12 = 1.2 → 1 (rounded down to stay within the cap).
    expect(plan.satUnits).toBe(2);
  });

  it('refuses a SAT share above 10% with the legal source', () => {
    const plan = draftOfferPlan(all, { year: 2027, reservePercent: 20, satPercent: 15 });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.errors[0]?.code).toBe('SAT_ABOVE_CAP');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cancelPayment, commit, pay, recoverPayment, selectPayable, type FundTotals } from './budget.js';

const fund = (budget: number): FundTotals => ({ budgetCents: budget, committedCents: 0, paidCents: 0 });

describe('fund budget arithmetic', () => {
  it('commits up to the last cent and refuses one more', () => {
    const a = commit(fund(1000), 600);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(commit(a.totals, 400)).toMatchObject({ ok: true, totals: { committedCents: 1000 } });
    expect(commit(a.totals, 401)).toMatchObject({
      ok: false,
      refusal: { code: 'BUDGET_EXCEEDED', remainingCents: 400 },
    });
  });
  it('refuses zero or negative amounts', () => {
    expect(commit(fund(1000), 0).ok).toBe(false);
    expect(pay(fund(1000), -5).ok).toBe(false);
  });
  it('a recovery frees budget, a cancellation keeps the commitment', () => {
    const f = { budgetCents: 1000, committedCents: 800, paidCents: 500 };
    expect(cancelPayment(f, 500)).toEqual({ budgetCents: 1000, committedCents: 800, paidCents: 0 });
    expect(recoverPayment(f, 500)).toEqual({ budgetCents: 1000, committedCents: 300, paidCents: 0 });
  });
  it('property: whatever the sequence of commitments and payments, payments never exceed the budget and nothing goes negative', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('commit' as const), x: fc.integer({ min: -100, max: 50_000 }) }),
      fc.record({ k: fc.constant('pay' as const), x: fc.integer({ min: -100, max: 50_000 }) }),
      fc.record({ k: fc.constant('cancel' as const), x: fc.integer({ min: 0, max: 50_000 }) }),
      fc.record({ k: fc.constant('recover' as const), x: fc.integer({ min: 0, max: 50_000 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.array(op, { maxLength: 60 }), (budget, ops) => {
        let f = fund(budget);
        for (const o of ops) {
          if (o.k === 'commit') {
            const r = commit(f, o.x);
            if (r.ok) f = r.totals;
          } else if (o.k === 'pay') {
            const r = pay(f, o.x);
            if (r.ok) f = r.totals;
          } else if (o.k === 'cancel') f = cancelPayment(f, Math.min(o.x, f.paidCents));
          else f = recoverPayment(f, Math.min(o.x, f.paidCents));
          expect(f.paidCents).toBeLessThanOrEqual(f.committedCents);
          expect(f.committedCents).toBeLessThanOrEqual(f.budgetCents);
          expect(f.paidCents).toBeGreaterThanOrEqual(0);
          expect(f.committedCents).toBeGreaterThanOrEqual(0);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
  it('property: a batch selection never pays more than what is committed and unpaid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 50 }),
        (committed, amounts) => {
          const f = { budgetCents: committed, committedCents: committed, paidCents: 0 };
          const chosen = selectPayable(
            f,
            amounts.map((amountCents) => ({ amountCents })),
          );
          expect(chosen.reduce((s, g) => s + g.amountCents, 0)).toBeLessThanOrEqual(committed);
        },
      ),
      { seed: 43, numRuns: 300 },
    );
  });
});

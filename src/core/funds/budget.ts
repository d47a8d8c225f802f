// Budget arithmetic of a fund (in integer cents): what is committed on approval can never exceed
// the budget, and what is paid can never exceed what is committed. The database enforces the same
// with a conditional update (committed + x <= budget) so that concurrent approvals cannot overshoot.
export interface FundTotals {
  readonly budgetCents: number;
  readonly committedCents: number;
  readonly paidCents: number;
}

export function remainingCents(f: FundTotals): number {
  return f.budgetCents - f.committedCents;
}

export type BudgetRefusal = { readonly code: 'BUDGET_EXCEEDED' | 'INVALID_AMOUNT'; readonly remainingCents: number };

/** A commitment of `amount` on approval: the new totals, or a refusal when the budget does not cover it. */
export function commit(
  f: FundTotals,
  amountCents: number,
): { ok: true; totals: FundTotals } | { ok: false; refusal: BudgetRefusal } {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    return { ok: false, refusal: { code: 'INVALID_AMOUNT', remainingCents: remainingCents(f) } };
  }
  if (f.committedCents + amountCents > f.budgetCents) {
    return { ok: false, refusal: { code: 'BUDGET_EXCEEDED', remainingCents: remainingCents(f) } };
  }
  return { ok: true, totals: { ...f, committedCents: f.committedCents + amountCents } };
}

/** A payment of committed money. */
export function pay(
  f: FundTotals,
  amountCents: number,
): { ok: true; totals: FundTotals } | { ok: false; refusal: BudgetRefusal } {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    return { ok: false, refusal: { code: 'INVALID_AMOUNT', remainingCents: remainingCents(f) } };
  }
  if (f.paidCents + amountCents > f.committedCents) {
    return { ok: false, refusal: { code: 'BUDGET_EXCEEDED', remainingCents: f.committedCents - f.paidCents } };
  }
  return { ok: true, totals: { ...f, paidCents: f.paidCents + amountCents } };
}

/** A cancelled payment (it never reached the payee): paid goes down, the commitment stays. */
export function cancelPayment(f: FundTotals, amountCents: number): FundTotals {
  return { ...f, paidCents: Math.max(0, f.paidCents - amountCents) };
}

/** A recovered payment (the grant is revoked): both paid and committed go down, freeing budget. */
export function recoverPayment(f: FundTotals, amountCents: number): FundTotals {
  return {
    ...f,
    paidCents: Math.max(0, f.paidCents - amountCents),
    committedCents: Math.max(0, f.committedCents - amountCents),
  };
}

/** Greedy selection of grants a batch can pay in order, never beyond the committed-but-unpaid money. */
export function selectPayable<T extends { readonly amountCents: number }>(f: FundTotals, grants: readonly T[]): T[] {
  let available = f.committedCents - f.paidCents;
  const chosen: T[] = [];
  for (const g of grants) {
    if (g.amountCents > 0 && g.amountCents <= available) {
      chosen.push(g);
      available -= g.amountCents;
    }
  }
  return chosen;
}

// When the outbox tries a delivery again: exponential backoff, then the message is reported failed.

export const OUTBOX_MAX_ATTEMPTS = 5;

/** Minutes to wait after the n-th failed attempt (1-based): 1, 5, 25, 125 … capped at 12 hours. */
export function retryDelayMinutes(failedAttempts: number): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError('failedAttempts must be ≥ 1');
  return Math.min(5 ** (failedAttempts - 1), 12 * 60);
}

export type DeliveryDecision = { readonly next: 'retry'; readonly afterMinutes: number } | { readonly next: 'give_up' };

export function afterFailure(failedAttempts: number, maxAttempts = OUTBOX_MAX_ATTEMPTS): DeliveryDecision {
  return failedAttempts >= maxAttempts
    ? { next: 'give_up' }
    : { next: 'retry', afterMinutes: retryDelayMinutes(failedAttempts) };
}

import { describe, expect, it } from 'vitest';
import { afterFailure, OUTBOX_MAX_ATTEMPTS, retryDelayMinutes } from './outbox.js';

describe('outbox retries', () => {
  it('waits 1, 5, 25, 125 minutes, capped at 12 hours', () => {
    expect([1, 2, 3, 4, 5, 6].map(retryDelayMinutes)).toEqual([1, 5, 25, 125, 625, 720]);
  });
  it('gives up after the last attempt, so the failure is reported', () => {
    expect(afterFailure(OUTBOX_MAX_ATTEMPTS - 1)).toEqual({ next: 'retry', afterMinutes: 125 });
    expect(afterFailure(OUTBOX_MAX_ATTEMPTS)).toEqual({ next: 'give_up' });
    expect(() => retryDelayMinutes(0)).toThrow(RangeError);
  });
});

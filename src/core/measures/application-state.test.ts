import { describe, expect, it } from 'vitest';
import { APPLICATION_EVENTS, APPLICATION_STATUSES, nextStatus, statusFromEvents } from './application-state.js';

describe('measure application statuses derived from events', () => {
  it('the happy path: submitted → reviewed → approved → paid', () => {
    expect(statusFromEvents(['submitted', 'document_added', 'review_passed', 'approved', 'paid'])).toBe('paid');
  });
  it('approval only after a positive review; payment only after approval', () => {
    expect(nextStatus('submitted', 'approved')).toBeNull();
    expect(nextStatus('review_passed', 'paid')).toBeNull();
    expect(nextStatus('review_failed', 'approved')).toBeNull();
  });
  it('a cancelled payment makes the grant payable again; a recovery revokes it', () => {
    expect(statusFromEvents(['submitted', 'review_passed', 'approved', 'paid', 'payment_cancelled'])).toBe('approved');
    expect(statusFromEvents(['submitted', 'review_passed', 'approved', 'paid', 'recovered'])).toBe('revoked');
  });
  it('final statuses accept nothing', () => {
    for (const e of APPLICATION_EVENTS) {
      expect(nextStatus('not_approved', e)).toBeNull();
      expect(nextStatus('revoked', e)).toBeNull();
    }
    expect(APPLICATION_STATUSES).toHaveLength(7);
  });
});

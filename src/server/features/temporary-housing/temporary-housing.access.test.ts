// Role tables of the emergency area's access rules (evictions, stays, referrals, plans).
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/auth.js';
import { canReadEviction, canWriteEviction } from '../evictions/evictions.access.js';
import { canReadPlan, canWritePlan } from '../plans/plans.access.js';
import { canDecideReferral, canReadReferral, canRevokeReferral } from '../referrals/referrals.access.js';
import { canFollowPlacement, canManagePlacement, canReadPlacement } from './temporary-housing.access.js';

const actor = (role: Role, partnerId: string | null = null, comuneIds: string[] = []) => ({
  role,
  partnerId,
  comuneIds,
});
const P = { unitPartnerId: 'p1', householdComuneId: 'c1' };
const H = { comuneId: 'c1', sharedWithPartnerIds: ['p1'] };
const row = (allowed: readonly Role[], f: (r: Role) => boolean) =>
  expect(ROLES.filter((r) => f(r))).toEqual(ROLES.filter((r) => allowed.includes(r)));

describe('emergency access rules, role by role', () => {
  it('evictions: staff read, front desk and social workers write, partners and observers never', () => {
    row(['manager', 'front_desk', 'social_worker', 'housing_officer'], (r) =>
      canReadEviction(actor(r, r === 'partner' ? 'p1' : null), { comuneId: 'c1' }),
    );
    row(['manager', 'front_desk', 'social_worker'], (r) => canWriteEviction(actor(r), { comuneId: 'c1' }));
    expect(canReadEviction(actor('social_worker', null, ['c2']), { comuneId: 'c1' })).toBe(false);
  });
  it('stays: a partner reads and follows only stays in its own units; staff manage within their Comuni', () => {
    row(['manager', 'front_desk', 'social_worker', 'housing_officer', 'partner'], (r) =>
      canReadPlacement(actor(r, r === 'partner' ? 'p1' : null), P),
    );
    expect(canReadPlacement(actor('partner', 'p2'), P)).toBe(false);
    expect(canFollowPlacement(actor('partner', 'p1'), P)).toBe(true);
    expect(canFollowPlacement(actor('partner', 'p2'), P)).toBe(false);
    row(['manager', 'social_worker'], (r) => canManagePlacement(actor(r, r === 'partner' ? 'p1' : null), P));
    expect(canManagePlacement(actor('social_worker', null, ['c2']), P)).toBe(false);
  });
  it('referrals: the receiver decides, the sender revokes, other organisations see nothing', () => {
    const toPartner = { partnerId: 'p1', direction: 'to_partner' as const, householdComuneId: 'c1' };
    expect(canReadReferral(actor('partner', 'p2'), toPartner)).toBe(false);
    expect(canDecideReferral(actor('partner', 'p1'), toPartner)).toBe(true);
    expect(canRevokeReferral(actor('partner', 'p1'), toPartner)).toBe(false);
    expect(canRevokeReferral(actor('social_worker'), toPartner)).toBe(true);
    expect(canDecideReferral(actor('front_desk'), toPartner)).toBe(false);
  });
  it('plans: staff read, social workers and managers write, a partner reads only shared households', () => {
    row(['manager', 'social_worker'], (r) => canWritePlan(actor(r, r === 'partner' ? 'p1' : null), H));
    expect(canReadPlan(actor('partner', 'p1'), H)).toBe(true);
    expect(canReadPlan(actor('partner', 'p2'), H)).toBe(false);
    expect(canReadPlan(actor('observer'), H)).toBe(false);
  });
});

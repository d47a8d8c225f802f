// Who may refer, answer, revoke and read a referral. Pure functions of the actor and the record.
import { roleReadsReferrals, roleRefersHouseholds, type ReferralDirection } from '../../../shared/referrals.js';
import type { Actor } from '../../http/context.js';
import { inComuneScope, type HouseholdFacts } from '../households/households.access.js';

type ActorFacts = Pick<Actor, 'role' | 'comuneIds' | 'partnerId'>;

export interface ReferralFacts {
  readonly partnerId: string;
  readonly direction: ReferralDirection;
  readonly householdComuneId: string;
}

const ownOrg = (a: ActorFacts, partnerId: string) =>
  a.role === 'partner' && a.partnerId !== null && a.partnerId === partnerId;

export function canCreateReferral(
  a: ActorFacts,
  h: HouseholdFacts,
  input: { partnerId: string; direction: ReferralDirection },
): boolean {
  if (input.direction === 'to_partner') return roleRefersHouseholds(a.role) && inComuneScope(a, h.comuneId);
  // A partner refers back to the agency a household shared with its organisation.
  if (ownOrg(a, input.partnerId)) return a.partnerId !== null && h.sharedWithPartnerIds.includes(a.partnerId);
  return roleRefersHouseholds(a.role) && inComuneScope(a, h.comuneId);
}

export function canReadReferral(a: ActorFacts, r: ReferralFacts): boolean {
  if (a.role === 'partner') return ownOrg(a, r.partnerId);
  return roleReadsReferrals(a.role) && inComuneScope(a, r.householdComuneId);
}

/** The receiver answers: the partner for referrals to it (or staff recording its answer), staff for referrals to the agency. */
export function canDecideReferral(a: ActorFacts, r: ReferralFacts): boolean {
  if (a.role === 'partner') return r.direction === 'to_partner' && ownOrg(a, r.partnerId);
  return roleRefersHouseholds(a.role) && a.role !== 'front_desk' && inComuneScope(a, r.householdComuneId);
}

/** The sender revokes: staff for referrals to a partner, the partner for its own referrals to the agency. */
export function canRevokeReferral(a: ActorFacts, r: ReferralFacts): boolean {
  if (a.role === 'partner') return r.direction === 'to_agency' && ownOrg(a, r.partnerId);
  return roleRefersHouseholds(a.role) && inComuneScope(a, r.householdComuneId);
}

// Who may read and change accompaniment plans. Pure.
import { roleReadsPlans, roleWritesPlans } from '../../../shared/plans.js';
import type { Actor } from '../../http/context.js';
import { inComuneScope, type HouseholdFacts } from '../households/households.access.js';

type ActorFacts = Pick<Actor, 'role' | 'comuneIds' | 'partnerId'>;

export function canReadPlan(a: ActorFacts, h: HouseholdFacts): boolean {
  if (a.role === 'partner') return a.partnerId !== null && h.sharedWithPartnerIds.includes(a.partnerId);
  return roleReadsPlans(a.role) && inComuneScope(a, h.comuneId);
}
export function canWritePlan(a: ActorFacts, h: HouseholdFacts): boolean {
  return roleWritesPlans(a.role) && inComuneScope(a, h.comuneId);
}

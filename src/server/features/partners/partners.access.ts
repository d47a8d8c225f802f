// Who may read and manage partner organisations. Pure.
import { roleManagesPartners, roleReadsPartnerNetwork } from '../../../shared/partners.js';
import type { Actor } from '../../http/context.js';

type ActorFacts = Pick<Actor, 'role' | 'partnerId'>;

export function canListPartners(a: ActorFacts): boolean {
  return roleReadsPartnerNetwork(a.role) || (a.role === 'partner' && a.partnerId !== null);
}
/** A partner user reads its own organisation only. */
export function canReadPartner(a: ActorFacts, partnerId: string): boolean {
  if (a.role === 'partner') return a.partnerId !== null && a.partnerId === partnerId;
  return roleReadsPartnerNetwork(a.role);
}
export function canManagePartners(a: ActorFacts): boolean {
  return roleManagesPartners(a.role);
}

// Who may use the desk and see referrals. Pure functions of the actor and the record.
import { roleReadsReferrals, roleUsesFrontDesk } from '../../../shared/frontdesk.js';
import type { Actor } from '../../http/context.js';
import { inComuneScope } from '../households/households.access.js';

type ActorFacts = Pick<Actor, 'role' | 'comuneIds' | 'partnerId'>;

/** The desk's access rule: desk staff, on households of their Comuni. */
export function canUseDesk(actor: ActorFacts, h: { comuneId: string }): boolean {
  return roleUsesFrontDesk(actor.role) && inComuneScope(actor, h.comuneId);
}
/** Partners see only the referrals addressed to their organisation; desk staff see those in scope. */
export function referralScope(
  actor: ActorFacts,
): { kind: 'none' } | { kind: 'partner'; partnerId: string } | { kind: 'staff'; comuneIds: readonly string[] | 'all' } {
  if (actor.role === 'partner')
    return actor.partnerId ? { kind: 'partner', partnerId: actor.partnerId } : { kind: 'none' };
  if (!roleReadsReferrals(actor.role)) return { kind: 'none' };
  return { kind: 'staff', comuneIds: actor.comuneIds.length === 0 ? 'all' : actor.comuneIds };
}

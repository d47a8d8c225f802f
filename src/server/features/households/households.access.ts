// Who may do what with a household file. Pure functions of the actor and the record, tested one by one.
import {
  roleEditsHouseholds,
  roleOpensHouseholds,
  roleReadsSocialNotes,
  roleSharesHouseholds,
} from '../../../shared/permissions.js';
import type { Actor } from '../../http/context.js';

type ActorFacts = Pick<Actor, 'role' | 'comuneIds' | 'partnerId'>;

export interface HouseholdFacts {
  readonly comuneId: string;
  /** Partner organisations the file is currently shared with. */
  readonly sharedWithPartnerIds: readonly string[];
}

export function inComuneScope(actor: Pick<Actor, 'comuneIds'>, comuneId: string): boolean {
  return actor.comuneIds.length === 0 || actor.comuneIds.includes(comuneId);
}

export function canSearchHouseholds(actor: ActorFacts): boolean {
  if (actor.role === 'partner') return actor.partnerId !== null;
  return roleOpensHouseholds(actor.role);
}

export function canReadHousehold(actor: ActorFacts, h: HouseholdFacts): boolean {
  if (actor.role === 'partner') return actor.partnerId !== null && h.sharedWithPartnerIds.includes(actor.partnerId);
  return roleEditsHouseholds(actor.role) && inComuneScope(actor, h.comuneId);
}

export function canCreateHousehold(actor: ActorFacts, comuneId: string): boolean {
  return roleEditsHouseholds(actor.role) && inComuneScope(actor, comuneId);
}

export function canEditHousehold(actor: ActorFacts, h: HouseholdFacts): boolean {
  return roleEditsHouseholds(actor.role) && inComuneScope(actor, h.comuneId);
}

export function canReadNote(actor: ActorFacts, audience: 'all' | 'social'): boolean {
  return audience === 'all' || roleReadsSocialNotes(actor.role);
}

export function canWriteNote(actor: ActorFacts, h: HouseholdFacts, audience: 'all' | 'social'): boolean {
  return canReadHousehold(actor, h) && canReadNote(actor, audience);
}

export function canShareHousehold(actor: ActorFacts, h: HouseholdFacts): boolean {
  return roleSharesHouseholds(actor.role) && inComuneScope(actor, h.comuneId);
}

/** The rows a search may return, as data the query turns into SQL. */
export type HouseholdScope =
  | { readonly kind: 'none' }
  | { readonly kind: 'comuni'; readonly comuneIds: readonly string[] | 'all' }
  | { readonly kind: 'partner'; readonly partnerId: string };

export function householdScope(actor: ActorFacts): HouseholdScope {
  if (actor.role === 'partner') {
    return actor.partnerId ? { kind: 'partner', partnerId: actor.partnerId } : { kind: 'none' };
  }
  if (!roleEditsHouseholds(actor.role)) return { kind: 'none' };
  return { kind: 'comuni', comuneIds: actor.comuneIds.length === 0 ? 'all' : actor.comuneIds };
}

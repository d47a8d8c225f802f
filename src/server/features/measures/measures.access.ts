// Who may do what with measures and applications to measures. Pure functions of the actor and the
// record, tested as a role table. Scope: the household's Comune must be in the actor's Comuni.
import {
  roleAdministersMeasures,
  roleApprovesMeasureApplications,
  roleEntersMeasureApplications,
  roleReadsMeasures,
  roleRegistersAgreedRent,
  roleReviewsMeasureApplications,
} from '../../../shared/measures.js';
import type { Actor } from '../../http/context.js';
import { inComuneScope } from '../households/households.access.js';

type ActorFacts = Pick<Actor, 'role' | 'comuneIds' | 'partnerId' | 'userId'>;
interface Scoped {
  readonly comuneId: string;
}

export function canReadMeasures(actor: ActorFacts): boolean {
  return roleReadsMeasures(actor.role);
}
export function canAdministerMeasures(actor: ActorFacts): boolean {
  return roleAdministersMeasures(actor.role);
}
export function canRegisterAgreedRent(actor: ActorFacts): boolean {
  return roleRegistersAgreedRent(actor.role);
}
export function canEnterApplication(actor: ActorFacts, h: Scoped): boolean {
  return roleEntersMeasureApplications(actor.role) && inComuneScope(actor, h.comuneId);
}
/** Reading an application shows personal data: staff who enter, review or approve, in scope. */
export function canReadApplication(actor: ActorFacts, h: Scoped): boolean {
  return canEnterApplication(actor, h);
}
export function canReviewApplication(actor: ActorFacts, h: Scoped): boolean {
  return roleReviewsMeasureApplications(actor.role) && inComuneScope(actor, h.comuneId);
}
export function canApproveApplication(actor: ActorFacts, h: Scoped): boolean {
  return roleApprovesMeasureApplications(actor.role) && inComuneScope(actor, h.comuneId);
}
/** Separation of duties: whoever reviewed an application may not approve it. */
export function isSeparateFromReviewer(actor: Pick<Actor, 'userId'>, reviewerId: string | null): boolean {
  return reviewerId !== null && reviewerId !== actor.userId;
}
/** Which households' applications a list may show, as data the query turns into SQL. */
export function applicationScope(actor: ActorFacts): readonly string[] | 'all' | 'none' {
  if (!roleEntersMeasureApplications(actor.role)) return 'none';
  return actor.comuneIds.length === 0 ? 'all' : actor.comuneIds;
}

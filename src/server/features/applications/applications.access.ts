// Who may do what with SAP applications. Pure functions of the actor and the record, tested one by one.
import { roleEntersSapApplications, roleManagesSap, roleReadsSap } from '../../../shared/permissions.js';
import type { Actor } from '../../http/context.js';
import { inComuneScope } from '../households/households.access.js';

type ActorFacts = Pick<Actor, 'role' | 'comuneIds'>;

/** An application is personal data of its household: staff limited to some Comuni see those households only. */
export function canReadApplication(actor: ActorFacts, householdComuneId: string): boolean {
  return roleReadsSap(actor.role) && inComuneScope(actor, householdComuneId);
}

export function canListApplications(actor: ActorFacts): boolean {
  return roleReadsSap(actor.role);
}

/** Importing the regional platform's file: the SAP staff. */
export function canImportApplications(actor: ActorFacts): boolean {
  return roleManagesSap(actor.role);
}

/** The front desk enters applications for applicants who need help, besides the SAP staff. */
export function canEnterApplication(actor: ActorFacts, householdComuneId: string | null): boolean {
  return (
    roleEntersSapApplications(actor.role) && (householdComuneId === null || inComuneScope(actor, householdComuneId))
  );
}

/** The requirement review (istruttoria) decides admission: the SAP staff only. */
export function canReviewApplication(actor: ActorFacts, householdComuneId: string): boolean {
  return roleManagesSap(actor.role) && inComuneScope(actor, householdComuneId);
}

/** The households whose applications a list may show; null means all. */
export function applicationScope(actor: ActorFacts): readonly string[] | null {
  return actor.comuneIds.length === 0 ? null : actor.comuneIds;
}

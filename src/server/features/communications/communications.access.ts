// Who may read and write a household's messages: the staff who work on the file, in their Comuni.
import { roleEditsHouseholds, roleReadsAuditLog } from '../../../shared/permissions.js';
import type { Actor } from '../../http/context.js';
import { inComuneScope } from '../households/households.access.js';

type ActorFacts = Pick<Actor, 'role' | 'comuneIds'>;

export function canReadMessages(actor: ActorFacts, householdComuneId: string): boolean {
  return roleEditsHouseholds(actor.role) && inComuneScope(actor, householdComuneId);
}

export function canWriteMessages(actor: ActorFacts, householdComuneId: string): boolean {
  return roleEditsHouseholds(actor.role) && inComuneScope(actor, householdComuneId);
}

/** The delivery problems across the Ambito: managers (and the administrators who run the system). */
export function canReadOutbox(actor: ActorFacts): boolean {
  return roleReadsAuditLog(actor.role);
}

// Who may read and change the housing stock. Pure functions of the actor and the unit, tested one by one.
// The stock is not personal data: every SAP reader sees all of it. Changes are limited to the
// Comuni of the actor's scope, like household files.
import { roleManagesSap, roleReadsSap } from '../../../shared/permissions.js';
import type { Actor } from '../../http/context.js';
import { inComuneScope } from '../households/households.access.js';

type ActorFacts = Pick<Actor, 'role' | 'comuneIds'>;

export function canReadUnits(actor: ActorFacts): boolean {
  return roleReadsSap(actor.role);
}

/** Whether the actor may import units files at all; each row's Comune is then checked with canChangeUnitsIn. */
export function canImportUnits(actor: ActorFacts): boolean {
  return roleManagesSap(actor.role);
}

export function canChangeUnitsIn(actor: ActorFacts, comuneId: string): boolean {
  return roleManagesSap(actor.role) && inComuneScope(actor, comuneId);
}

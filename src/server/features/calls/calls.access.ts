// Who may do what with SAP calls. Pure functions of the actor, tested one by one.
import { roleManagesSap, roleReadsSap } from '../../../shared/permissions.js';
import type { Actor } from '../../http/context.js';

type ActorFacts = Pick<Actor, 'role'>;

/** Agency staff read calls (not personal data); partners and observers do not. */
export function canReadCalls(actor: ActorFacts): boolean {
  return roleReadsSap(actor.role);
}

/** Creating a call and changing the units it offers: the SAP staff only (housing officer, manager, admin). */
export function canManageCalls(actor: ActorFacts): boolean {
  return roleManagesSap(actor.role);
}

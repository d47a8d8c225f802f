import { roleReadsAuditLog } from '../../../shared/permissions.js';
import type { Actor } from '../../http/context.js';

/** The audit log is read by the managers (accountability) and the system administrators. */
export function canReadAuditLog(actor: Pick<Actor, 'role'>): boolean {
  return roleReadsAuditLog(actor.role);
}

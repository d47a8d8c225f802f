// What each role may do, independent of scope (Comuni, partner shares). The server's *.access.ts
// rules build on these and add the scope; the web app uses them to offer only what will be allowed.
import type { Role } from './auth.js';

/** Staff who work on household files; admin manages accounts and observer sees aggregates only. */
const FILE_ROLES: ReadonlySet<Role> = new Set(['manager', 'front_desk', 'social_worker', 'housing_officer']);
/** Notes for the social service carry social-service assessments. */
const SOCIAL_NOTE_ROLES: ReadonlySet<Role> = new Set(['manager', 'social_worker']);
const SHARE_ROLES: ReadonlySet<Role> = new Set(['manager', 'social_worker']);
const AUDIT_ROLES: ReadonlySet<Role> = new Set(['manager', 'admin']);

/** Agency staff who search, create and change household files. */
export function roleEditsHouseholds(role: Role): boolean {
  return FILE_ROLES.has(role);
}

/** Who may open household files at all (partners only those shared with their organisation). */
export function roleOpensHouseholds(role: Role): boolean {
  return FILE_ROLES.has(role) || role === 'partner';
}

export function roleReadsSocialNotes(role: Role): boolean {
  return SOCIAL_NOTE_ROLES.has(role);
}

export function roleSharesHouseholds(role: Role): boolean {
  return SHARE_ROLES.has(role);
}

/** The audit log is read by the managers (accountability) and the system administrators. */
export function roleReadsAuditLog(role: Role): boolean {
  return AUDIT_ROLES.has(role);
}

/** Public housing (SAP): who changes the stock, calls, reviews, rankings and assignments. */
const SAP_MANAGER_ROLES: ReadonlySet<Role> = new Set(['housing_officer', 'manager', 'admin']);

export function roleManagesSap(role: Role): boolean {
  return SAP_MANAGER_ROLES.has(role);
}

/** The front desk enters applications for applicants who need help, besides the SAP staff. */
export function roleEntersSapApplications(role: Role): boolean {
  return SAP_MANAGER_ROLES.has(role) || role === 'front_desk';
}

/** Who reads the stock, calls, applications and rankings: agency staff; never partners or observers. */
export function roleReadsSap(role: Role): boolean {
  return SAP_MANAGER_ROLES.has(role) || role === 'front_desk' || role === 'social_worker';
}

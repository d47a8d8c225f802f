import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/auth.js';
import { canReadAuditLog } from './audit.access.js';

/** Who reads the audit log: managers (accountability) and system administrators, nobody else. */
const READS_AUDIT_LOG: Record<Role, boolean> = {
  admin: true,
  manager: true,
  front_desk: false,
  social_worker: false,
  housing_officer: false,
  partner: false,
  observer: false,
};

describe('canReadAuditLog', () => {
  it('the table covers exactly the roles the application defines', () => {
    expect(Object.keys(READS_AUDIT_LOG).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES)('%s', (role) => {
    expect(canReadAuditLog({ role })).toBe(READS_AUDIT_LOG[role]);
  });
});

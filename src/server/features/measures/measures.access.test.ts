import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/auth.js';
import { roleManagesFunds } from '../../../shared/funds.js';
import { canUseDesk, referralScope } from '../frontdesk/frontdesk.access.js';
import {
  canAdministerMeasures,
  canApproveApplication,
  canEnterApplication,
  canReviewApplication,
  isSeparateFromReviewer,
} from './measures.access.js';

// The policy as a table (household in Comune C1; actor limited to C1 unless "other Comune").
const actor = (role: Role, comuneIds = ['C1']) => ({
  role,
  comuneIds,
  partnerId: role === 'partner' ? 'P1' : null,
  userId: `u-${role}`,
});
const H = { comuneId: 'C1' };
const OTHER = { comuneId: 'C2' };

const Y = true;
const N = false;
//                          screen+refer  enter  review  approve  funds  administer
const TABLE: Record<Role, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  front_desk: /*        */ [Y, Y, N, N, N, N],
  social_worker: /*     */ [Y, Y, Y, N, N, N],
  housing_officer: /*   */ [Y, Y, Y, N, N, N],
  manager: /*           */ [Y, Y, Y, Y, Y, Y],
  partner: /*           */ [N, N, N, N, N, N],
  observer: /*          */ [N, N, N, N, N, N],
  admin: /*             */ [N, N, N, N, N, Y],
};

describe('access to the desk, applications, approvals and funds by role', () => {
  it.each(ROLES)('%s', (role) => {
    const a = actor(role);
    const expected = TABLE[role];
    expect([
      canUseDesk(a, H),
      canEnterApplication(a, H),
      canReviewApplication(a, H),
      canApproveApplication(a, H),
      roleManagesFunds(role),
      canAdministerMeasures(a),
    ]).toEqual(expected);
  });
  it('nobody acts on households of a Comune outside their scope', () => {
    for (const role of ROLES) {
      const a = actor(role);
      expect(
        canUseDesk(a, OTHER) ||
          canEnterApplication(a, OTHER) ||
          canReviewApplication(a, OTHER) ||
          canApproveApplication(a, OTHER),
      ).toBe(false);
    }
    expect(canApproveApplication(actor('manager', []), OTHER)).toBe(true);
  });
  it('separation of duties: the reviewer never approves; an unreviewed application cannot be approved', () => {
    expect(isSeparateFromReviewer({ userId: 'u1' }, 'u1')).toBe(false);
    expect(isSeparateFromReviewer({ userId: 'u1' }, 'u2')).toBe(true);
    expect(isSeparateFromReviewer({ userId: 'u1' }, null)).toBe(false);
  });
  it('partners see only referrals to their organisation', () => {
    expect(referralScope(actor('partner'))).toEqual({ kind: 'partner', partnerId: 'P1' });
    expect(referralScope({ role: 'partner', comuneIds: [], partnerId: null })).toEqual({ kind: 'none' });
    expect(referralScope(actor('observer'))).toEqual({ kind: 'none' });
    expect(referralScope(actor('front_desk'))).toEqual({ kind: 'staff', comuneIds: ['C1'] });
  });
});

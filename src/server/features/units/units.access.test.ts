import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/auth.js';
import { canChangeUnitsIn, canImportUnits, canReadUnits } from './units.access.js';

// The policy, written out as data so it can be reviewed line by line.
//
// Every actor below is limited to Comune C1, unless the column says "AllComuni" (comuneIds = [], which means
// every Comune of the Ambito). The stock is read whole by every SAP reader; changes stay within the scope.

function limited(role: Role) {
  return { role, comuneIds: ['C1'] };
}
function allComuni(role: Role) {
  return { role, comuneIds: [] };
}

const Y = true;
const N = false;

interface Row {
  read: boolean;
  import: boolean;
  changeOwn: boolean;
  changeOther: boolean;
  changeOtherAllComuni: boolean;
}

// The /* */ comments only keep the columns aligned for the reader.
const POLICY: Record<Role, Row> = {
  admin: /*           */ { read: Y, import: Y, changeOwn: Y, changeOther: N, changeOtherAllComuni: Y },
  manager: /*         */ { read: Y, import: Y, changeOwn: Y, changeOther: N, changeOtherAllComuni: Y },
  housing_officer: /* */ { read: Y, import: Y, changeOwn: Y, changeOther: N, changeOtherAllComuni: Y },
  front_desk: /*      */ { read: Y, import: N, changeOwn: N, changeOther: N, changeOtherAllComuni: N },
  social_worker: /*   */ { read: Y, import: N, changeOwn: N, changeOther: N, changeOtherAllComuni: N },
  partner: /*         */ { read: N, import: N, changeOwn: N, changeOther: N, changeOtherAllComuni: N },
  observer: /*        */ { read: N, import: N, changeOwn: N, changeOther: N, changeOtherAllComuni: N },
};

describe('units.access: the policy table over all roles', () => {
  it('covers exactly the roles the application defines', () => {
    expect(Object.keys(POLICY).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES)('%s', (role) => {
    const actor = limited(role);
    expect({
      read: canReadUnits(actor),
      import: canImportUnits(actor),
      changeOwn: canChangeUnitsIn(actor, 'C1'),
      changeOther: canChangeUnitsIn(actor, 'C2'),
      changeOtherAllComuni: canChangeUnitsIn(allComuni(role), 'C2'),
    }).toEqual(POLICY[role]);
  });
});

import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/auth.js';
import {
  canCreateHousehold,
  canEditHousehold,
  canReadHousehold,
  canReadNote,
  canSearchHouseholds,
  canShareHousehold,
  canWriteNote,
  householdScope,
  inComuneScope,
  type HouseholdFacts,
  type HouseholdScope,
} from './households.access.js';

// The policy, written out as data so it can be reviewed line by line.
//
// Every actor below is limited to Comune C1, unless the column says "AllComuni" (comuneIds = [], which means
// every Comune of the Ambito). The partner belongs to partner organisation P1.
// Households: "own" is in C1, "other" is in C2, "sharedWithP1" is in C2 and shared with P1.

const OWN: HouseholdFacts = { comuneId: 'C1', sharedWithPartnerIds: [] };
const OTHER: HouseholdFacts = { comuneId: 'C2', sharedWithPartnerIds: [] };
const SHARED_WITH_P1: HouseholdFacts = { comuneId: 'C2', sharedWithPartnerIds: ['P2', 'P1'] };

interface ActorFacts {
  readonly role: Role;
  readonly comuneIds: readonly string[];
  readonly partnerId: string | null;
}

function limited(role: Role): ActorFacts {
  return { role, comuneIds: ['C1'], partnerId: role === 'partner' ? 'P1' : null };
}
function allComuni(role: Role): ActorFacts {
  return { ...limited(role), comuneIds: [] };
}

const Y = true;
const N = false;

interface ReadRow {
  search: boolean;
  own: boolean;
  other: boolean;
  otherAllComuni: boolean;
  sharedWithP1: boolean;
}
interface NoteWriteRow {
  allOnOwn: boolean;
  socialOnOwn: boolean;
  allOnOther: boolean;
  allOnSharedWithP1: boolean;
  socialOnSharedWithP1: boolean;
}

// The /* */ comments only keep the columns aligned for the reader.
const READ: Record<Role, ReadRow> = {
  admin: /*           */ { search: N, own: N, other: N, otherAllComuni: N, sharedWithP1: N },
  manager: /*         */ { search: Y, own: Y, other: N, otherAllComuni: Y, sharedWithP1: N },
  front_desk: /*      */ { search: Y, own: Y, other: N, otherAllComuni: Y, sharedWithP1: N },
  social_worker: /*   */ { search: Y, own: Y, other: N, otherAllComuni: Y, sharedWithP1: N },
  housing_officer: /* */ { search: Y, own: Y, other: N, otherAllComuni: Y, sharedWithP1: N },
  partner: /*         */ { search: Y, own: N, other: N, otherAllComuni: N, sharedWithP1: Y },
  observer: /*        */ { search: N, own: N, other: N, otherAllComuni: N, sharedWithP1: N },
};

const CREATE: Record<Role, { own: boolean; other: boolean; otherAllComuni: boolean }> = {
  admin: /*           */ { own: N, other: N, otherAllComuni: N },
  manager: /*         */ { own: Y, other: N, otherAllComuni: Y },
  front_desk: /*      */ { own: Y, other: N, otherAllComuni: Y },
  social_worker: /*   */ { own: Y, other: N, otherAllComuni: Y },
  housing_officer: /* */ { own: Y, other: N, otherAllComuni: Y },
  partner: /*         */ { own: N, other: N, otherAllComuni: N },
  observer: /*        */ { own: N, other: N, otherAllComuni: N },
};

const EDIT: Record<Role, { own: boolean; other: boolean; otherAllComuni: boolean; sharedWithP1: boolean }> = {
  admin: /*           */ { own: N, other: N, otherAllComuni: N, sharedWithP1: N },
  manager: /*         */ { own: Y, other: N, otherAllComuni: Y, sharedWithP1: N },
  front_desk: /*      */ { own: Y, other: N, otherAllComuni: Y, sharedWithP1: N },
  social_worker: /*   */ { own: Y, other: N, otherAllComuni: Y, sharedWithP1: N },
  housing_officer: /* */ { own: Y, other: N, otherAllComuni: Y, sharedWithP1: N },
  partner: /*         */ { own: N, other: N, otherAllComuni: N, sharedWithP1: N },
  observer: /*        */ { own: N, other: N, otherAllComuni: N, sharedWithP1: N },
};

const SHARE: Record<Role, { own: boolean; other: boolean; otherAllComuni: boolean }> = {
  admin: /*           */ { own: N, other: N, otherAllComuni: N },
  manager: /*         */ { own: Y, other: N, otherAllComuni: Y },
  front_desk: /*      */ { own: N, other: N, otherAllComuni: N },
  social_worker: /*   */ { own: Y, other: N, otherAllComuni: Y },
  housing_officer: /* */ { own: N, other: N, otherAllComuni: N },
  partner: /*         */ { own: N, other: N, otherAllComuni: N },
  observer: /*        */ { own: N, other: N, otherAllComuni: N },
};

/** canReadNote filters notes of a household the actor already reads; it does not check the household. */
const READ_NOTE: Record<Role, { all: boolean; social: boolean }> = {
  admin: /*           */ { all: Y, social: N },
  manager: /*         */ { all: Y, social: Y },
  front_desk: /*      */ { all: Y, social: N },
  social_worker: /*   */ { all: Y, social: Y },
  housing_officer: /* */ { all: Y, social: N },
  partner: /*         */ { all: Y, social: N },
  observer: /*        */ { all: Y, social: N },
};

const WRITE_NOTE: Record<Role, NoteWriteRow> = {
  admin: /*           */ { allOnOwn: N, socialOnOwn: N, allOnOther: N, allOnSharedWithP1: N, socialOnSharedWithP1: N },
  manager: /*         */ { allOnOwn: Y, socialOnOwn: Y, allOnOther: N, allOnSharedWithP1: N, socialOnSharedWithP1: N },
  front_desk: /*      */ { allOnOwn: Y, socialOnOwn: N, allOnOther: N, allOnSharedWithP1: N, socialOnSharedWithP1: N },
  social_worker: /*   */ { allOnOwn: Y, socialOnOwn: Y, allOnOther: N, allOnSharedWithP1: N, socialOnSharedWithP1: N },
  housing_officer: /* */ { allOnOwn: Y, socialOnOwn: N, allOnOther: N, allOnSharedWithP1: N, socialOnSharedWithP1: N },
  // A partner may add an ordinary note to a file shared with it, never a social one.
  partner: /*         */ { allOnOwn: N, socialOnOwn: N, allOnOther: N, allOnSharedWithP1: Y, socialOnSharedWithP1: N },
  observer: /*        */ { allOnOwn: N, socialOnOwn: N, allOnOther: N, allOnSharedWithP1: N, socialOnSharedWithP1: N },
};

const NONE: HouseholdScope = { kind: 'none' };
const SCOPE: Record<Role, { limited: HouseholdScope; allComuni: HouseholdScope }> = {
  admin: { limited: NONE, allComuni: NONE },
  manager: { limited: { kind: 'comuni', comuneIds: ['C1'] }, allComuni: { kind: 'comuni', comuneIds: 'all' } },
  front_desk: { limited: { kind: 'comuni', comuneIds: ['C1'] }, allComuni: { kind: 'comuni', comuneIds: 'all' } },
  social_worker: { limited: { kind: 'comuni', comuneIds: ['C1'] }, allComuni: { kind: 'comuni', comuneIds: 'all' } },
  housing_officer: { limited: { kind: 'comuni', comuneIds: ['C1'] }, allComuni: { kind: 'comuni', comuneIds: 'all' } },
  partner: { limited: { kind: 'partner', partnerId: 'P1' }, allComuni: { kind: 'partner', partnerId: 'P1' } },
  observer: { limited: NONE, allComuni: NONE },
};

describe('households.access: the policy table over all roles', () => {
  it('covers exactly the roles the application defines', () => {
    for (const table of [READ, CREATE, EDIT, SHARE, READ_NOTE, WRITE_NOTE, SCOPE]) {
      expect(Object.keys(table).sort()).toEqual([...ROLES].sort());
    }
  });

  describe.each(ROLES)('%s', (role) => {
    const actor = limited(role);
    const everywhere = allComuni(role);

    it('canSearchHouseholds and canReadHousehold', () => {
      expect({
        search: canSearchHouseholds(actor),
        own: canReadHousehold(actor, OWN),
        other: canReadHousehold(actor, OTHER),
        otherAllComuni: canReadHousehold(everywhere, OTHER),
        sharedWithP1: canReadHousehold(actor, SHARED_WITH_P1),
      }).toEqual(READ[role]);
    });

    it('canCreateHousehold', () => {
      expect({
        own: canCreateHousehold(actor, 'C1'),
        other: canCreateHousehold(actor, 'C2'),
        otherAllComuni: canCreateHousehold(everywhere, 'C2'),
      }).toEqual(CREATE[role]);
    });

    it('canEditHousehold', () => {
      expect({
        own: canEditHousehold(actor, OWN),
        other: canEditHousehold(actor, OTHER),
        otherAllComuni: canEditHousehold(everywhere, OTHER),
        sharedWithP1: canEditHousehold(actor, SHARED_WITH_P1),
      }).toEqual(EDIT[role]);
    });

    it('canShareHousehold', () => {
      expect({
        own: canShareHousehold(actor, OWN),
        other: canShareHousehold(actor, OTHER),
        otherAllComuni: canShareHousehold(everywhere, OTHER),
      }).toEqual(SHARE[role]);
    });

    it('canReadNote', () => {
      expect({ all: canReadNote(actor, 'all'), social: canReadNote(actor, 'social') }).toEqual(READ_NOTE[role]);
    });

    it('canWriteNote', () => {
      expect({
        allOnOwn: canWriteNote(actor, OWN, 'all'),
        socialOnOwn: canWriteNote(actor, OWN, 'social'),
        allOnOther: canWriteNote(actor, OTHER, 'all'),
        allOnSharedWithP1: canWriteNote(actor, SHARED_WITH_P1, 'all'),
        socialOnSharedWithP1: canWriteNote(actor, SHARED_WITH_P1, 'social'),
      }).toEqual(WRITE_NOTE[role]);
    });

    it('householdScope', () => {
      expect({ limited: householdScope(actor), allComuni: householdScope(everywhere) }).toEqual(SCOPE[role]);
    });
  });
});

describe('households.access: Comune scoping', () => {
  it('an empty comuneIds list means every Comune; a list means only those', () => {
    expect(inComuneScope({ comuneIds: [] }, 'C9')).toBe(true);
    expect(inComuneScope({ comuneIds: ['C1', 'C2'] }, 'C2')).toBe(true);
    expect(inComuneScope({ comuneIds: ['C1', 'C2'] }, 'C3')).toBe(false);
  });

  it('an actor limited to two Comuni works in both and in no third one', () => {
    const actor: ActorFacts = { role: 'front_desk', comuneIds: ['C1', 'C2'], partnerId: null };
    const third: HouseholdFacts = { comuneId: 'C3', sharedWithPartnerIds: [] };
    expect([canReadHousehold(actor, OTHER), canEditHousehold(actor, OTHER), canCreateHousehold(actor, 'C2')]).toEqual([
      true,
      true,
      true,
    ]);
    expect([canReadHousehold(actor, third), canEditHousehold(actor, third), canCreateHousehold(actor, 'C3')]).toEqual([
      false,
      false,
      false,
    ]);
    expect(householdScope(actor)).toEqual({ kind: 'comuni', comuneIds: ['C1', 'C2'] });
  });

  it('sharing a file with a partner does not widen a staff member’s Comune scope, even with a partnerId set', () => {
    const staff: ActorFacts = { role: 'social_worker', comuneIds: ['C1'], partnerId: 'P1' };
    expect(canReadHousehold(staff, SHARED_WITH_P1)).toBe(false);
    expect(householdScope(staff)).toEqual({ kind: 'comuni', comuneIds: ['C1'] });
  });
});

describe('households.access: partner scoping', () => {
  const p1: ActorFacts = { role: 'partner', comuneIds: [], partnerId: 'P1' };
  const p3: ActorFacts = { role: 'partner', comuneIds: [], partnerId: 'P3' };
  const orphan: ActorFacts = { role: 'partner', comuneIds: [], partnerId: null };

  it('a partner reads only households shared with its own partnerId, whatever the Comune', () => {
    expect(canReadHousehold(p1, SHARED_WITH_P1)).toBe(true);
    expect(canReadHousehold(p1, { comuneId: 'C1', sharedWithPartnerIds: ['P1'] })).toBe(true);
    expect(canReadHousehold(p3, SHARED_WITH_P1)).toBe(false);
    expect(canReadHousehold(p1, OWN)).toBe(false);
  });

  it('a partner without a partnerId reads and searches nothing', () => {
    expect(canSearchHouseholds(orphan)).toBe(false);
    expect(canReadHousehold(orphan, SHARED_WITH_P1)).toBe(false);
    expect(canWriteNote(orphan, SHARED_WITH_P1, 'all')).toBe(false);
    expect(householdScope(orphan)).toEqual({ kind: 'none' });
  });

  it('a partner never creates, edits or shares, not even a file shared with it', () => {
    const sharedInScope: HouseholdFacts = { comuneId: 'C1', sharedWithPartnerIds: ['P1'] };
    for (const actor of [p1, { ...p1, comuneIds: ['C1'] }]) {
      expect(canCreateHousehold(actor, 'C1')).toBe(false);
      expect(canEditHousehold(actor, sharedInScope)).toBe(false);
      expect(canShareHousehold(actor, sharedInScope)).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { AssignmentSnapshot } from './assignments.snapshot.js';
import { decodeAssignmentSnapshot, encodeAssignmentSnapshot, snapshotHash } from './assignments.snapshot.js';

const snapshot: AssignmentSnapshot = {
  rankingRunId: 'run-1',
  rankingHash: 'abc',
  policy: 'exclude_after_unjustified_refusal',
  units: [
    {
      id: 'U1',
      ownerId: 'owner-aler',
      ownerKind: 'aler',
      comune: 'comune-cinisello',
      usableAreaDm2: 4500,
      accessible: null,
      reserveCategory: 'anziani',
    },
  ],
  quotas: { indigent: [], reserve: [] },
  refusals: [{ applicationId: 'D-2', unitId: 'U1', justified: true }],
  held: ['D-9'],
  applications: [
    {
      id: 'D-1',
      status: 'admitted',
      membersCount: 3,
      highestInvalidityPercent: 75,
      indigent: true,
      residenceComune: 'comune-cinisello',
      reserveCategories: ['anziani', 'giovani'],
      unitIds: ['U1', 'U7'],
    },
    {
      id: 'D-2',
      status: 'under_review',
      membersCount: 1,
      highestInvalidityPercent: null,
      indigent: false,
      residenceComune: null,
      reserveCategories: [],
      unitIds: [],
    },
  ],
};

describe('assignment run snapshot (the stored input a run is recomputed from)', () => {
  it('gives back exactly what was stored', () => {
    expect(decodeAssignmentSnapshot(encodeAssignmentSnapshot(snapshot))).toEqual(snapshot);
  });

  it('is the same text, and the same hash, for the same input', () => {
    const copy = JSON.parse(JSON.stringify(snapshot)) as AssignmentSnapshot;
    expect(encodeAssignmentSnapshot(copy)).toBe(encodeAssignmentSnapshot(snapshot));
    expect(snapshotHash(encodeAssignmentSnapshot(copy))).toMatch(/^sha256:[0-9a-f]{64}$/);
    const changed = { ...snapshot, applications: [{ ...snapshot.applications[0]!, membersCount: 4 }] };
    expect(snapshotHash(encodeAssignmentSnapshot(changed))).not.toBe(snapshotHash(encodeAssignmentSnapshot(snapshot)));
  });

  it('reads the snapshots of runs made before (format 1), which stored no held list', () => {
    const { held: _held, ...v1 } = snapshot;
    expect(decodeAssignmentSnapshot(JSON.stringify(v1))).toEqual({ ...snapshot, held: [] });
  });
});

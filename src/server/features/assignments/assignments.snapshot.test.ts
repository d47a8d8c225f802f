import { describe, expect, it } from 'vitest';
import { applicationAt, type ApplicationColumns, type AssignmentApplication } from '../../../core/sap/assignment.js';
import type { SnapshotHeader } from './assignments.snapshot.js';
import {
  decodeAssignmentSnapshot,
  encodeAssignmentSnapshot,
  FIELD_SEPARATOR,
  LINE_SEPARATOR,
  parseApplicationLines,
  snapshotHash,
  snapshotRankingRunId,
} from './assignments.snapshot.js';

const line = (...fields: string[]) => fields.join(FIELD_SEPARATOR);
const text = (...lines: string[]) => lines.join(LINE_SEPARATOR);
const comuneIdByCode = new Map([
  ['C707', 'comune-cinisello'],
  ['B162', 'comune-bresso'],
]);
const objects = (columns: ApplicationColumns): AssignmentApplication[] =>
  Array.from({ length: columns.count }, (_, i) => applicationAt(columns, i));

// platformId, members, invalidity, indigent, attested, Comune, categories, choice 1, choice 2, decision
const LINES = text(
  line('D-1', '3', '75', '1', '1', 'C707', 'anziani,giovani', 'U1', 'U7', 'a'),
  line('D-2', '1', '', '1', '0', '', '', '', '', ''),
  line('D-3', '2', '', '0', '0', 'B162', '', 'U7', '', 'e'),
  line('D-9', '4', '', '0', '0', 'B162', '', 'U1', 'U2', 'a'),
  line('D-5', '2', '', '0', '0', 'B162', '', 'U2', '', 'a'),
);

describe('application lines (what an assignment run reads and stores)', () => {
  it('gives the applications in the ranking’s order, then those outside it, with their status', () => {
    const parsed = parseApplicationLines(LINES, {
      comuneIdByCode,
      held: new Set(['D-9']),
      order: ['D-3', 'D-9', 'D-1', 'D-2'],
    });
    expect(objects(parsed.applications)).toEqual([
      {
        id: 'D-3',
        status: 'excluded',
        membersCount: 2,
        highestInvalidityPercent: null,
        indigent: false,
        residenceComune: 'comune-bresso',
        reserveCategories: [],
        unitIds: ['U7'],
      },
      // Holding a unit: in the run as not available.
      expect.objectContaining({ id: 'D-9', status: 'excluded', unitIds: ['U1', 'U2'] }),
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
      // No review yet; indigence without the social services' attestation does not count (RR art. 13).
      expect.objectContaining({
        id: 'D-2',
        status: 'under_review',
        indigent: false,
        residenceComune: null,
        unitIds: [],
      }),
      // Admitted after the ranking was computed: outside it, not available in this run.
      expect.objectContaining({ id: 'D-5', status: 'excluded' }),
    ]);
    // Ranked and not holding a unit: D-3, D-1, D-2.
    expect(parsed.candidates).toBe(3);
  });

  it('refuses a line it cannot read, saying which', () => {
    const ctx = { comuneIdByCode, held: new Set<string>(), order: [] };
    expect(() => parseApplicationLines(line('D-1', '3', '', '0', '0', 'C707', '', 'U1', 'U2'), ctx)).toThrow(
      /9 campi invece di 10|10 campi/,
    );
    expect(() =>
      parseApplicationLines(`${line('D-1', '3', '', '0', '0', 'C707', '', 'U1', 'U2', 'a')}${FIELD_SEPARATOR}x`, ctx),
    ).toThrow(/più di 10 campi/);
    expect(() => parseApplicationLines(line('D-1', 'tre', '', '0', '0', 'C707', '', 'U1', '', 'a'), ctx)).toThrow(
      /componenti/,
    );
    expect(() => parseApplicationLines(line('D-1', '3', '7,5', '0', '0', 'C707', '', 'U1', '', 'a'), ctx)).toThrow(
      /invalidità/,
    );
    expect(() => parseApplicationLines(line('D-1', '3', '', '0', '0', 'Z999', '', 'U1', '', 'a'), ctx)).toThrow(/Z999/);
    expect(() =>
      parseApplicationLines(
        text(line('D-1', '3', '', '0', '0', '', '', '', '', 'a'), line('D-1', '2', '', '0', '0', '', '', '', '', 'a')),
        {
          ...ctx,
          order: ['D-1'],
        },
      ),
    ).toThrow(/Duplicated application id D-1/);
    expect(() => parseApplicationLines('', { ...ctx, order: ['D-1', 'D-1'] })).toThrow(RangeError);
  });

  it('numbers many distinct units and Comuni correctly (the index grows as they come)', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      line(`D-${i}`, '2', '', '0', '0', i % 2 ? 'C707' : 'B162', '', `U-${i}`, `U-${(i * 7) % 300}`, 'a'),
    );
    const parsed = parseApplicationLines(text(...many), {
      comuneIdByCode,
      held: new Set(),
      order: many.map((_, i) => `D-${i}`),
    });
    objects(parsed.applications).forEach((a, i) => {
      expect(a.unitIds).toEqual([`U-${i}`, `U-${(i * 7) % 300}`]);
      expect(a.residenceComune).toBe(i % 2 ? 'comune-cinisello' : 'comune-bresso');
    });
    expect(parsed.applications.unitIds).toHaveLength(300);
  });

  it('reads no application from an empty call', () => {
    const parsed = parseApplicationLines('', { comuneIdByCode, held: new Set(), order: [] });
    expect(parsed.applications.count).toBe(0);
  });
});

const header: SnapshotHeader = {
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
  comuni: { C707: 'comune-cinisello', B162: 'comune-bresso' },
};

describe('assignment run snapshot (the stored input a run is recomputed from)', () => {
  const order = ['D-3', 'D-9', 'D-1', 'D-2'];

  it('gives back exactly what the run read, hashed as stored', () => {
    const { text: stored, hash } = encodeAssignmentSnapshot(header, LINES);
    expect(hash).toBe(snapshotHash(stored));
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(snapshotRankingRunId(stored)).toBe('run-1');
    const back = decodeAssignmentSnapshot(stored, order);
    const { comuni: _comuni, ...rest } = header;
    expect({ ...back, applications: undefined }).toEqual({ ...rest, applications: undefined });
    const read = parseApplicationLines(LINES, { comuneIdByCode, held: new Set(['D-9']), order });
    expect(objects(back.applications as ApplicationColumns)).toEqual(objects(read.applications));
  });

  it('is the same text, and the same hash, for the same input; another input changes the hash', () => {
    const copy = JSON.parse(
      JSON.stringify({ ...header, comuni: { B162: 'comune-bresso', C707: 'comune-cinisello' } }),
    ) as SnapshotHeader;
    expect(encodeAssignmentSnapshot(copy, LINES)).toEqual(encodeAssignmentSnapshot(header, LINES));
    expect(encodeAssignmentSnapshot(header, LINES.replace('D-5', 'D-6')).hash).not.toBe(
      encodeAssignmentSnapshot(header, LINES).hash,
    );
  });

  it('reads the snapshots of runs made before: format 2 (arrays) and format 1 (objects, no held list)', () => {
    const application = {
      id: 'D-1',
      status: 'admitted' as const,
      membersCount: 3,
      highestInvalidityPercent: 75,
      indigent: true,
      residenceComune: 'comune-cinisello',
      reserveCategories: ['anziani'],
      unitIds: ['U1', 'U7'],
    };
    const { comuni: _comuni, ...rest } = header;
    const v2 = JSON.stringify({
      format: 2,
      rankingRunId: 'run-1',
      rankingHash: 'abc',
      policy: header.policy,
      units: header.units,
      quotas: header.quotas,
      refusals: header.refusals,
      held: header.held,
      strings: ['comune-cinisello', 'anziani', 'U1', 'U7'],
      applications: [['D-1', 'a', 3, 75, 1, 0, [1], [2, 3]]],
    });
    expect(decodeAssignmentSnapshot(v2, [])).toEqual({ ...rest, applications: [application] });
    expect(snapshotHash(v2, 2)).toMatch(/^sha256:/);
    const { held: _held, ...v1 } = { ...rest, applications: [application] };
    expect(decodeAssignmentSnapshot(JSON.stringify(v1), [])).toEqual({
      ...rest,
      held: [],
      applications: [application],
    });
    expect(snapshotHash(JSON.stringify(v1), 1)).not.toMatch(/^sha256:/);
  });
});

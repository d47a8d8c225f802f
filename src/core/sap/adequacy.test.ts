import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDate } from '../kernel/plain-date.js';
import {
  ADEQUACY_TABLE_RR_4_2017,
  adequacyRowFor,
  checkAdequacy,
  findAdequacyTable,
  formatDm2,
  isAdequate,
  squareMetresToDm2,
  type AdequacyTable,
} from './adequacy.js';

const household = (membersCount: number, highestInvalidityPercent: number | null = null) => ({
  membersCount,
  highestInvalidityPercent,
});
const unit = (usableAreaDm2: number, accessible: boolean | null = true) => ({ usableAreaDm2, accessible });

describe('RR 4/2017 art. 9: adequacy table (rules.md §2.4), both edges included', () => {
  // members, min m², max m² (null = largest available)
  const ROWS: [number, number, number | null][] = [
    [1, 28, 46],
    [2, 38, 55],
    [3, 48, 65],
    [4, 58, 80],
    [5, 68, 93],
    [6, 78, null],
  ];

  describe.each(ROWS)('%i member(s): %i–%s m²', (members, min, max) => {
    it(`RR 4/2017 art. 9: ${min} m² is adequate, ${min} m² − 1 dm² is not (except for one person)`, () => {
      expect(checkAdequacy(household(members), unit(min * 100))).toMatchObject({
        adequate: true,
        reason: { code: 'within_range' },
      });
      const below = checkAdequacy(household(members), unit(min * 100 - 1));
      if (members === 1) {
        expect(below).toMatchObject({ adequate: true, reason: { code: 'single_person_below_minimum' } });
      } else {
        expect(below).toMatchObject({ adequate: false, reason: { code: 'below_minimum' } });
      }
    });

    if (max !== null) {
      it(`RR 4/2017 art. 9: ${max} m² is adequate, ${max} m² + 1 dm² is too large`, () => {
        expect(checkAdequacy(household(members), unit(max * 100)).adequate).toBe(true);
        expect(checkAdequacy(household(members), unit(max * 100 + 1))).toMatchObject({
          adequate: false,
          reason: { code: 'above_maximum' },
        });
      });
    } else {
      it('RR 4/2017 art. 9: 6 or more members have no maximum ("largest available")', () => {
        for (const members6 of [6, 7, 12]) {
          expect(checkAdequacy(household(members6), unit(1_000_000)).adequate).toBe(true);
          expect(checkAdequacy(household(members6), unit(7_799)).adequate).toBe(false);
        }
      });
    }
  });

  it('RR 4/2017 art. 9: a single person may take a unit below 28 m², even a very small one', () => {
    const result = checkAdequacy(household(1), unit(1_900));
    expect(result.adequate).toBe(true);
    expect(result.reason.text).toContain('una sola persona');
  });

  it('RR 4/2017 art. 9: the reason says the area and the range in Italian, with the source', () => {
    const result = checkAdequacy(household(3), unit(4_750));
    expect(result.reason.text).toBe(
      'Alloggio di 47,5 m², troppo piccolo (per 3 componenti: minimo 48 m², massimo 65 m²).',
    );
    expect(result.source).toContain('R.R. 4/2017 art. 9');
    expect(result.tableVersion).toBe('rr-4-2017-art-9');
  });

  it('rejects a household without members (a broken invariant, not a rule outcome)', () => {
    expect(() => adequacyRowFor(0, ADEQUACY_TABLE_RR_4_2017)).toThrow(RangeError);
    expect(() => adequacyRowFor(2.5, ADEQUACY_TABLE_RR_4_2017)).toThrow(RangeError);
  });

  it('converts m² to dm² without floating-point drift', () => {
    expect(squareMetresToDm2(45.99)).toBe(4_599);
    expect(squareMetresToDm2(28)).toBe(2_800);
  });
});

describe('RR 4/2017 art. 9: adequacy "also considers the type of disability" (threshold 66%, our documented choice)', () => {
  it('flags an accessibility check when a member has invalidity ≥ 66% and the unit is not accessible', () => {
    const result = checkAdequacy(household(2, 66), unit(4_000, false));
    expect(result).toMatchObject({ adequate: true, accessibilityCheck: true });
    expect(result.reason.text).toContain('verificare l’accessibilità');
  });

  it('flags it also when accessibility is not known', () => {
    expect(checkAdequacy(household(2, 100), unit(4_000, null)).accessibilityCheck).toBe(true);
  });

  it('does not flag it below 66%, without invalidity, or on an accessible unit', () => {
    expect(checkAdequacy(household(2, 65), unit(4_000, false)).accessibilityCheck).toBe(false);
    expect(checkAdequacy(household(2, null), unit(4_000, false)).accessibilityCheck).toBe(false);
    expect(checkAdequacy(household(2, 100), unit(4_000, true)).accessibilityCheck).toBe(false);
  });

  it('the threshold is a parameter of the table version', () => {
    const stricter: AdequacyTable = {
      ...ADEQUACY_TABLE_RR_4_2017,
      version: 'test',
      accessibilityInvalidityPercent: 46,
    };
    expect(checkAdequacy(household(2, 50), unit(4_000, false), stricter).accessibilityCheck).toBe(true);
  });
});

describe('versioned table (rules.md §0 rule 1)', () => {
  it('applies RR 4/2017 from its entry into force (08/02/2018), not before', () => {
    expect(findAdequacyTable(plainDate('2026-11-26'))?.version).toBe('rr-4-2017-art-9');
    expect(findAdequacyTable(plainDate('2018-02-08'))?.version).toBe('rr-4-2017-art-9');
    expect(findAdequacyTable(plainDate('2018-02-07'))).toBeUndefined();
  });

  it('a later version can replace the table for calls dated after it', () => {
    const later: AdequacyTable = {
      ...ADEQUACY_TABLE_RR_4_2017,
      version: 'future',
      validFrom: plainDate('2027-01-01'),
      rows: [{ membersFrom: 1, membersTo: null, minDm2: 0, maxDm2: null }],
    };
    const current = { ...ADEQUACY_TABLE_RR_4_2017, validTo: plainDate('2026-12-31') };
    expect(findAdequacyTable(plainDate('2026-12-31'), [current, later])?.version).toBe('rr-4-2017-art-9');
    expect(findAdequacyTable(plainDate('2027-01-01'), [current, later])?.version).toBe('future');
  });
});

describe('RR 4/2017 art. 9: adequacy is monotone within a row (property)', () => {
  it('an area between two adequate areas is adequate, for every household size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 12_000 }),
        fc.integer({ min: 0, max: 12_000 }),
        fc.integer({ min: 0, max: 12_000 }),
        (members, a, b, c) => {
          const [low, mid, high] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
          const ok = (area: number) => checkAdequacy(household(members), unit(area)).adequate;
          if (ok(low) && ok(high)) expect(ok(mid)).toBe(true);
        },
      ),
      { seed: 20261126, numRuns: 500 },
    );
  });
});

describe('isAdequate, the text-free verdict, agrees with checkAdequacy (property)', () => {
  it('gives the same answer for every size and area', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 15_000 }), (members, area) => {
        expect(isAdequate(members, area, ADEQUACY_TABLE_RR_4_2017)).toBe(
          checkAdequacy(household(members), unit(area)).adequate,
        );
      }),
      { seed: 20261126, numRuns: 1000 },
    );
  });

  it('formats areas with the Italian decimal comma', () => {
    expect([formatDm2(4_600), formatDm2(4_599), formatDm2(4_550), formatDm2(4_505)]).toEqual([
      '46 m²',
      '45,99 m²',
      '45,5 m²',
      '45,05 m²',
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, plainDate, type PlainDate } from '../kernel/plain-date.js';
import { deriveFlags, type DerivedFlag, type MemberFacts } from './vulnerabilities.js';

const d = plainDate;
const ON = d('2026-06-15');
/** An adult of 46 with no invalidity: triggers no flag by itself. */
const ADULT: MemberFacts = { birthDate: d('1980-01-01'), disabilityPercent: null };

const ALL_FLAGS = [
  'has_minors',
  'has_child_under_3',
  'has_elderly_over_65',
  'has_elderly_over_70',
  'has_disability_66',
  'has_disability_74',
  'has_disability_100',
  'lone_parent_with_minors',
  'single_person',
] as const satisfies readonly DerivedFlag[];
// Fails to compile if a flag is added to DerivedFlag and not to the list above.
const everyFlagListed: [Exclude<DerivedFlag, (typeof ALL_FLAGS)[number]>] extends [never] ? true : false = true;

function born(birthDate: string, disabilityPercent: number | null = null): MemberFacts {
  return { birthDate: d(birthDate), disabilityPercent };
}

function flags(members: readonly MemberFacts[], loneParent = false, on: PlainDate = ON): DerivedFlag[] {
  return deriveFlags(members, { loneParent }, on).map((f) => f.flag);
}

function sourceOf(members: readonly MemberFacts[], flag: DerivedFlag, loneParent = false): string | undefined {
  return deriveFlags(members, { loneParent }, ON).find((f) => f.flag === flag)?.source;
}

describe('deriveFlags, age boundaries (the birthday counts on the day itself)', () => {
  it('has_minors: 17 yes, 18 no (DM 30/3/2016 art. 3)', () => {
    expect(flags([ADULT, born('2008-06-16')])).toContain('has_minors');
    expect(flags([ADULT, born('2008-06-15')])).not.toContain('has_minors');
    expect(sourceOf([ADULT, born('2008-06-16')], 'has_minors')).toContain('DM 30/3/2016 art. 3');
  });

  it('has_child_under_3: 2 yes, 3 no (DPCM 159/2013 equivalence-scale increment)', () => {
    expect(flags([ADULT, born('2023-06-16')])).toContain('has_child_under_3');
    expect(flags([ADULT, born('2023-06-15')])).not.toContain('has_child_under_3');
    expect(sourceOf([ADULT, born('2023-06-16')], 'has_child_under_3')).toContain('DPCM 159/2013');
  });

  it('has_elderly_over_65: 64 no, 65 yes (RR 4/2017 All. 1)', () => {
    expect(flags([ADULT, born('1961-06-16')])).not.toContain('has_elderly_over_65');
    expect(flags([ADULT, born('1961-06-15')])).toContain('has_elderly_over_65');
    expect(sourceOf([born('1961-06-15')], 'has_elderly_over_65')).toContain('RR 4/2017 All. 1');
  });

  // "Ultra 70enne" is read like "ultra 65enni" above: the day of the 70th birthday counts.
  it('has_elderly_over_70: 69 no, 70 yes (DM 30/3/2016 art. 3, "ultra 70enne")', () => {
    expect(flags([ADULT, born('1956-06-16')])).not.toContain('has_elderly_over_70');
    expect(flags([ADULT, born('1956-06-15')])).toContain('has_elderly_over_70');
    expect(sourceOf([born('1956-06-15')], 'has_elderly_over_70')).toContain('DM 30/3/2016 art. 3');
  });

  it('a person of 70 is also over 65; a person of 69 only over 65', () => {
    expect(flags([ADULT, born('1956-06-15')])).toEqual(['has_elderly_over_65', 'has_elderly_over_70']);
    expect(flags([ADULT, born('1956-06-16')])).toEqual(['has_elderly_over_65']);
  });
});

describe('deriveFlags, invalidity thresholds', () => {
  it.each([
    [null, []],
    [0, []],
    [65, []],
    [66, ['has_disability_66']],
    [73, ['has_disability_66']],
    [74, ['has_disability_66', 'has_disability_74']],
    [99, ['has_disability_66', 'has_disability_74']],
    [100, ['has_disability_66', 'has_disability_74', 'has_disability_100']],
  ] as const)(
    'invalidity %s%% gives %j (RR 4/2017 All. 1 for 66%% and 100%%; DM 30/3/2016 art. 3 for 74%%)',
    (percent, expected) => {
      expect(flags([ADULT, { ...ADULT, disabilityPercent: percent }])).toEqual(expected);
    },
  );

  it('names the article of each threshold', () => {
    const members = [ADULT, born('1980-01-01', 100)];
    expect(sourceOf(members, 'has_disability_66')).toContain('RR 4/2017 All. 1');
    expect(sourceOf(members, 'has_disability_74')).toContain('DM 30/3/2016 art. 3');
    expect(sourceOf(members, 'has_disability_100')).toContain('RR 4/2017 All. 1');
  });
});

describe('deriveFlags, household shape', () => {
  it('lone_parent_with_minors only for a lone parent with a minor (RR 4/2017 All. 1)', () => {
    const withMinor = [ADULT, born('2015-01-01')];
    const withAdultChild = [ADULT, born('2005-01-01')];
    expect(flags(withMinor, true)).toContain('lone_parent_with_minors');
    expect(flags(withMinor, false)).not.toContain('lone_parent_with_minors');
    expect(flags(withAdultChild, true)).not.toContain('lone_parent_with_minors');
    expect(sourceOf(withMinor, 'lone_parent_with_minors', true)).toContain('RR 4/2017 All. 1');
  });

  it('lone_parent_with_minors ends on the day the youngest child turns 18', () => {
    const members = [ADULT, born('2008-06-16')];
    expect(flags(members, true, d('2026-06-15'))).toContain('lone_parent_with_minors');
    expect(flags(members, true, d('2026-06-16'))).not.toContain('lone_parent_with_minors');
  });

  it('single_person only for a household of exactly one (RR 4/2017 art. 6)', () => {
    expect(flags([ADULT])).toEqual(['single_person']);
    expect(flags([ADULT, ADULT])).toEqual([]);
    expect(flags([])).toEqual([]);
    expect(sourceOf([ADULT], 'single_person')).toContain('RR 4/2017 art. 6');
  });

  it('a household of adults aged 18–64 without invalidity has no flags', () => {
    expect(flags([ADULT, born('2008-06-15'), born('1961-06-16', 65)])).toEqual([]);
  });
});

describe('deriveFlags, explanations (STYLE.md principle 2)', () => {
  it('every flag can be produced and carries a non-empty source', () => {
    const seen = new Map<DerivedFlag, string>();
    const households: { members: MemberFacts[]; loneParent: boolean }[] = [
      { members: [born('1950-01-01', 100), born('2025-01-01')], loneParent: true },
      { members: [ADULT], loneParent: false },
    ];
    for (const h of households) {
      for (const f of deriveFlags(h.members, { loneParent: h.loneParent }, ON)) seen.set(f.flag, f.source);
    }
    expect(everyFlagListed).toBe(true);
    expect([...seen.keys()].sort()).toEqual([...ALL_FLAGS].sort());
    for (const source of seen.values()) expect(source.trim()).not.toBe('');
  });
});

const member = fc.record({
  birthDate: fc.integer({ min: 0, max: 40_000 }).map((n) => addDays(d('1917-01-01'), n)),
  disabilityPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
});

describe('deriveFlags, properties', () => {
  it('adding a member never removes a flag other than single_person', () => {
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 8 }), member, fc.boolean(), (members, extra, lone) => {
        const before = flags(members, lone).filter((f) => f !== 'single_person');
        const after = flags([...members, extra], lone);
        for (const f of before) expect(after).toContain(f);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('the flags do not depend on the order of the members', () => {
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 8 }), fc.boolean(), (members, lone) => {
        expect(flags([...members].reverse(), lone)).toEqual(flags(members, lone));
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

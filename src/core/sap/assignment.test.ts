import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cents } from '../kernel/money.js';
import { checkAdequacy } from './adequacy.js';
import {
  applicationColumns,
  KEEP_IN_RANKING_REFUSAL_POLICY,
  proposeAssignments,
  type AssignmentApplication,
  type AssignmentInput,
  type AssignmentUnit,
} from './assignment.js';
import { computeCallQuotas, indigentScopeOf, scopeKey, type QuotaConfig } from './quotas.js';
import { buildRankings, DEFAULT_TIE_BREAK_KEYS, drawKey, type RankingApplication } from './ranking.js';
import { compactRankingOrder, parseRankingOrder } from './ranking-order.js';

const SEED = 20261126;
const CINISELLO = 'Comune di Cinisello Balsamo';

const unit = (id: string, over: Partial<AssignmentUnit> = {}): AssignmentUnit => ({
  id,
  ownerId: CINISELLO,
  ownerKind: 'comune',
  comune: 'Cinisello Balsamo',
  usableAreaDm2: 5_000,
  accessible: true,
  reserveCategory: null,
  ...over,
});

interface TestApplication extends AssignmentApplication {
  readonly score: number;
}
const app = (id: string, score: number, unitIds: string[], over: Partial<TestApplication> = {}): TestApplication => ({
  id,
  score,
  status: 'admitted',
  membersCount: 2,
  highestInvalidityPercent: null,
  indigent: false,
  residenceComune: 'Cinisello Balsamo',
  reserveCategories: [],
  unitIds,
  ...over,
});

function toRanking(a: TestApplication): RankingApplication {
  return {
    id: a.id,
    score: a.score,
    indigent: a.indigent,
    iseeCents: 500_000 as Cents,
    submittedAt: '2026-03-02T09:00:00Z',
    membersCount: a.membersCount,
    highestInvalidityPercent: a.highestInvalidityPercent,
    unitIds: a.unitIds,
  };
}

function run(
  units: AssignmentUnit[],
  applications: TestApplication[],
  config: Partial<QuotaConfig> = {},
  extra: Partial<AssignmentInput> = {},
) {
  const quotas = computeCallQuotas(units, { callKind: 'ordinary', reservePercent: 0, ...config });
  if (!quotas.ok) throw new Error(JSON.stringify(quotas.errors));
  const ranking = buildRankings(
    applications.map(toRanking).map((r) => ({ ...r, unitIds: r.unitIds.filter((u) => units.some((x) => x.id === u)) })),
    units,
    { tieBreakKeys: DEFAULT_TIE_BREAK_KEYS, seed: SEED },
  );
  return proposeAssignments({ units, applications, ranking, quotas: quotas.quotas, ...extra });
}
const pairs = (result: ReturnType<typeof run>) => result.proposals.map((p) => [p.unitId, p.applicationId, p.basis]);
const reasonOf = (result: ReturnType<typeof run>, id: string) =>
  result.unassigned.find((u) => u.applicationId === id)?.reason;

describe('RR 4/2017 art. 15 c.1: indigent households first, residents of the unit’s Comune first, until the 20% quota', () => {
  it('RR 4/2017 art. 15 c.1: the indigent quota goes first, in ranking order, then the general ranking', () => {
    // 5 units → indigent quota ceil(1) = 1
    const units = ['U1', 'U2', 'U3', 'U4', 'U5'].map((id) => unit(id));
    const result = run(units, [
      app('A', 30, ['U1']),
      app('B', 20, ['U1'], { indigent: true }),
      app('C', 15, ['U1', 'U2'], { indigent: true }),
    ]);
    expect(pairs(result)).toEqual([
      ['U1', 'B', 'indigent'],
      ['U2', 'C', 'ranking'],
    ]);
    expect(reasonOf(result, 'A')?.code).toBe('choices_taken_by_quota');
    expect(result.quotaUse.indigent).toEqual([{ scope: { ownerId: CINISELLO, comune: null }, quota: 1, used: 1 }]);
  });

  it('RR 4/2017 art. 15 c.1: a resident of the unit’s Comune precedes a better-ranked non-resident', () => {
    const units = ['U1', 'U2', 'U3', 'U4', 'U5'].map((id) => unit(id));
    const result = run(units, [
      app('B', 20, ['U1'], { indigent: true, residenceComune: 'Bresso' }),
      app('C', 15, ['U1'], { indigent: true }),
    ]);
    expect(pairs(result)).toEqual([['U1', 'C', 'indigent']]);
    expect(result.proposals[0]?.explanation).toContain('nucleo indigente residente nel Comune dell’alloggio');
    expect(reasonOf(result, 'B')?.code).toBe('quota_used_up');
    expect(reasonOf(result, 'B')?.text).toContain('La quota riservata ai nuclei indigenti era esaurita');
  });

  it('RR 4/2017 art. 15 c.1: without residents, the best-ranked non-resident indigent household takes the quota', () => {
    const units = ['U1', 'U2'].map((id) => unit(id));
    const result = run(units, [
      app('B', 20, ['U1'], { indigent: true, residenceComune: 'Bresso' }),
      app('C', 25, ['U1'], { indigent: true, residenceComune: 'Cormano' }),
    ]);
    expect(pairs(result)).toEqual([['U1', 'C', 'indigent']]);
  });

  it('RR 4/2017 art. 13: for ALER the indigent quota is counted per Comune', () => {
    const units = [
      unit('B1', { ownerId: 'ALER Milano', ownerKind: 'aler', comune: 'Bresso' }),
      unit('B2', { ownerId: 'ALER Milano', ownerKind: 'aler', comune: 'Bresso' }),
      unit('C1', { ownerId: 'ALER Milano', ownerKind: 'aler', comune: 'Cormano' }),
    ];
    const result = run(units, [
      app('X', 50, ['B1'], { indigent: true, residenceComune: 'Bresso' }),
      app('Y', 40, ['B2'], { indigent: true, residenceComune: 'Bresso' }),
      app('Z', 30, ['C1'], { indigent: true, residenceComune: 'Cormano' }),
    ]);
    // Bresso: ceil(20% × 2) = 1; Cormano: ceil(20% × 1) = 1
    expect(pairs(result)).toEqual([
      ['B1', 'X', 'indigent'],
      ['C1', 'Z', 'indigent'],
      ['B2', 'Y', 'ranking'],
    ]);
  });
});

describe('RR 4/2017 art. 15 c.1 ter: reserved units to the reserve categories, in ranking order, up to the reserve count', () => {
  const units = [
    unit('R1', { reserveCategory: 'anziani' }),
    unit('R2', { reserveCategory: 'anziani' }),
    ...['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8'].map((id) => unit(id)),
  ];

  it('RR 4/2017 art. 15 c.1 ter: a household of the category precedes a better-ranked one on a reserved unit', () => {
    // 10 units at 10% → reserve count 1
    const result = run(units, [app('A', 30, ['R1', 'G1']), app('B', 20, ['R1'], { reserveCategories: ['anziani'] })], {
      reservePercent: 10,
    });
    expect(pairs(result)).toEqual([
      ['R1', 'B', 'reserve'],
      ['G1', 'A', 'ranking'],
    ]);
    expect(result.proposals[0]?.explanation).toContain('Riserva per la categoria «anziani»');
  });

  it('RR 4/2017 art. 15 c.1 ter: once the reserve count is used, a reserved unit follows the general ranking', () => {
    const result = run(
      units,
      [
        app('A', 30, ['R2']),
        app('B', 20, ['R1'], { reserveCategories: ['anziani'] }),
        app('C', 10, ['R2'], { reserveCategories: ['anziani'] }),
      ],
      { reservePercent: 10 },
    );
    expect(pairs(result)).toEqual([
      ['R1', 'B', 'reserve'],
      ['R2', 'A', 'ranking'],
    ]);
    expect(reasonOf(result, 'C')?.code).toBe('choices_taken_by_higher_ranked');
    expect(result.quotaUse.reserve).toEqual([{ scope: { ownerId: CINISELLO, comune: null }, quota: 1, used: 1 }]);
  });

  it('RR 4/2017 art. 15 c.1 ter: a category that does not match the unit gives no precedence', () => {
    const result = run(units, [app('A', 30, ['R1']), app('B', 20, ['R1'], { reserveCategories: ['giovani_coppie'] })], {
      reservePercent: 10,
    });
    expect(pairs(result)).toEqual([['R1', 'A', 'ranking']]);
  });

  it('reserved units are not used for the indigent quota', () => {
    const result = run([unit('R1', { reserveCategory: 'anziani' })], [app('I', 10, ['R1'], { indigent: true })]);
    expect(pairs(result)).toEqual([['R1', 'I', 'ranking']]);
  });
});

describe('RR 4/2017 art. 9 and art. 15: one unit per household, one household per unit, only adequate chosen units', () => {
  it('RR 4/2017 art. 9: an inadequate chosen unit is never proposed; the reason names it', () => {
    const result = run([unit('SMALL', { usableAreaDm2: 3_000 })], [app('F', 10, ['SMALL'], { membersCount: 4 })]);
    expect(result.proposals).toEqual([]);
    expect(reasonOf(result, 'F')?.code).toBe('no_adequate_unit_among_choices');
    expect(reasonOf(result, 'F')?.text).toContain('troppo piccolo');
    expect(result.unitsLeft).toEqual(['SMALL']);
  });

  it('RR 4/2017 art. 9 c.3: a household choosing units of two owners gets at most one, its first free choice', () => {
    const units = [unit('C1'), unit('A1', { ownerId: 'ALER Milano', ownerKind: 'aler' })];
    const result = run(units, [app('H', 10, ['A1', 'C1']), app('K', 5, ['C1', 'A1'])]);
    expect(pairs(result)).toEqual([
      ['A1', 'H', 'ranking'],
      ['C1', 'K', 'ranking'],
    ]);
    expect(result.proposals[0]).toMatchObject({ choice: 1, position: 1 });
  });

  it('RR 4/2017 art. 15: a unit taken by a better-ranked household is explained', () => {
    const result = run([unit('U1')], [app('A', 30, ['U1']), app('B', 20, ['U1'])]);
    expect(reasonOf(result, 'B')).toEqual({
      code: 'choices_taken_by_higher_ranked',
      text: 'Gli alloggi scelti sono andati a domande meglio collocate in graduatoria. L’alloggio U1 è stato proposto alla domanda A (posizione 1, graduatoria generale, meglio collocata).',
    });
  });

  it('excluded or unreviewed applications get no unit, with the reason', () => {
    const result = run(
      [unit('U1')],
      [app('A', 30, ['U1'], { status: 'excluded' }), app('B', 20, ['U1'], { status: 'under_review' })],
    );
    expect(result.proposals).toEqual([]);
    expect(reasonOf(result, 'A')?.code).toBe('not_admitted');
    expect(reasonOf(result, 'B')?.text).toContain('non è ancora stata ammessa');
  });

  it('a chosen unit no longer in the run is reported as not available', () => {
    const units = [unit('U1')];
    const ranking = buildRankings([toRanking(app('A', 1, ['U1']))], [...units, unit('GONE')], {
      tieBreakKeys: DEFAULT_TIE_BREAK_KEYS,
      seed: SEED,
    });
    const result = proposeAssignments({
      units: [],
      applications: [app('A', 1, ['GONE'])],
      ranking,
      quotas: { indigent: [], reserve: [] },
    });
    expect(result.unassigned[0]?.reason.code).toBe('no_chosen_unit_available');
  });

  it('the reason text is a plain property: it serialises to JSON and survives a spread', () => {
    const result = run([unit('U1')], [app('A', 30, ['U1']), app('B', 20, ['U1'])]);
    const entry = result.unassigned[0]!;
    expect(JSON.parse(JSON.stringify(entry)).reason.text).toBe(entry.reason.text);
    expect({ ...entry.reason }).toEqual({ code: 'choices_taken_by_higher_ranked', text: entry.reason.text });
    expect(entry.choices).toEqual([
      { unitId: 'U1', outcome: 'taken', takenBy: 'A', takenByPosition: 1, basis: 'ranking' },
    ]);
  });

  it('refuses duplicated ids and a ranking that does not match the applications (broken invariants)', () => {
    const units = [unit('U1')];
    const ranking = buildRankings([toRanking(app('A', 1, ['U1']))], units, {
      tieBreakKeys: DEFAULT_TIE_BREAK_KEYS,
      seed: SEED,
    });
    const quotas = { indigent: [], reserve: [] };
    expect(() =>
      proposeAssignments({ units: [...units, ...units], applications: [app('A', 1, ['U1'])], ranking, quotas }),
    ).toThrow(/Duplicated unit/);
    expect(() =>
      proposeAssignments({ units, applications: [app('A', 1, ['U1']), app('A', 1, ['U1'])], ranking, quotas }),
    ).toThrow(/Duplicated application/);
    expect(() => proposeAssignments({ units, applications: [], ranking, quotas })).toThrow(
      /not among the applications/,
    );
    expect(() =>
      proposeAssignments({ units, applications: [app('A', 1, ['U1']), app('B', 1, ['U1'])], ranking, quotas }),
    ).toThrow(/not in the ranking/);
  });

  it('flags the accessibility check on a proposal (RR 4/2017 art. 9, disability)', () => {
    const result = run([unit('U1', { accessible: false })], [app('D', 10, ['U1'], { highestInvalidityPercent: 100 })]);
    expect(result.proposals[0]?.accessibilityCheck).toBe(true);
  });
});

describe('[U] RR 4/2017 art. 15–16: refusals follow a configurable policy (default: exclusion after an unjustified refusal)', () => {
  const units = [unit('U1'), unit('U2')];
  const applications = [app('A', 30, ['U1', 'U2']), app('B', 20, ['U1'])];

  it('default policy: an unjustified refusal excludes the household from the run', () => {
    const result = run(units, applications, {}, { refusals: [{ applicationId: 'A', unitId: 'U1', justified: false }] });
    expect(pairs(result)).toEqual([['U1', 'B', 'ranking']]);
    expect(reasonOf(result, 'A')?.code).toBe('excluded_after_refusal');
    expect(result.refusalPolicy).toBe('exclude_after_unjustified_refusal');
  });

  it('default policy: after a justified refusal the household stays, but is not offered the refused unit again', () => {
    const result = run(units, applications, {}, { refusals: [{ applicationId: 'A', unitId: 'U1', justified: true }] });
    expect(pairs(result)).toEqual([
      ['U2', 'A', 'ranking'],
      ['U1', 'B', 'ranking'],
    ]);
  });

  it('keep-in-ranking policy: an unjustified refusal does not exclude', () => {
    const result = run(
      units,
      applications,
      {},
      {
        refusals: [{ applicationId: 'A', unitId: 'U1', justified: false }],
        refusalPolicy: KEEP_IN_RANKING_REFUSAL_POLICY,
      },
    );
    expect(pairs(result)).toEqual([
      ['U2', 'A', 'ranking'],
      ['U1', 'B', 'ranking'],
    ]);
  });
});

// ---- properties (fixed seed) ----

const COMUNI = ['Cinisello Balsamo', 'Bresso', 'Cormano', 'Cusano Milanino'];
const CATEGORIES = ['anziani', 'disabili', 'giovani_coppie'];

const instanceArb = fc
  .record({
    units: fc.array(
      fc.record({
        owner: fc.constantFrom('ALER Milano', 'Comune di Bresso', CINISELLO),
        comune: fc.constantFrom(...COMUNI),
        usableAreaDm2: fc.integer({ min: 2_000, max: 10_000 }),
        accessible: fc.option(fc.boolean(), { nil: null }),
        reserveCategory: fc.option(fc.constantFrom(...CATEGORIES), { nil: null, freq: 3 }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    applications: fc.array(
      fc.record({
        score: fc.integer({ min: 0, max: 6 }),
        status: fc.constantFrom('admitted', 'admitted', 'admitted', 'excluded', 'under_review'),
        membersCount: fc.integer({ min: 1, max: 7 }),
        highestInvalidityPercent: fc.option(fc.constantFrom(50, 66, 100), { nil: null }),
        indigent: fc.boolean(),
        residenceComune: fc.option(fc.constantFrom(...COMUNI), { nil: null }),
        reserveCategories: fc.subarray(CATEGORIES),
        choices: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
      }),
      { maxLength: 60 },
    ),
    reservePercent: fc.integer({ min: 0, max: 20 }),
    refusals: fc.array(fc.record({ app: fc.nat(), choice: fc.nat(1), justified: fc.boolean() }), { maxLength: 3 }),
  })
  .map(({ units: rawUnits, applications: rawApps, reservePercent, refusals }) => {
    const units: AssignmentUnit[] = rawUnits.map((u, i) => ({
      id: `U${i}`,
      ownerId: u.owner,
      ownerKind: u.owner === 'ALER Milano' ? 'aler' : 'comune',
      comune: u.owner === 'ALER Milano' ? u.comune : u.owner.replace('Comune di ', ''),
      usableAreaDm2: u.usableAreaDm2,
      accessible: u.accessible,
      reserveCategory: u.reserveCategory,
    }));
    const applications: TestApplication[] = rawApps.map((a, i) => ({
      id: `A${i}`,
      score: a.score,
      status: a.status as AssignmentApplication['status'],
      membersCount: a.membersCount,
      highestInvalidityPercent: a.highestInvalidityPercent,
      indigent: a.indigent,
      residenceComune: a.residenceComune,
      reserveCategories: a.reserveCategories,
      unitIds: [...new Set(a.choices.map((c) => `U${c % units.length}`))],
    }));
    const refusalList =
      applications.length === 0
        ? []
        : refusals.map((r) => {
            const target = applications[r.app % applications.length] as TestApplication;
            return {
              applicationId: target.id,
              unitId: target.unitIds[r.choice % target.unitIds.length] as string,
              justified: r.justified,
            };
          });
    return { units, applications, reservePercent, refusals: refusalList };
  });

function solve(instance: {
  units: AssignmentUnit[];
  applications: TestApplication[];
  reservePercent: number;
  refusals: AssignmentInput['refusals'];
}) {
  const quotas = computeCallQuotas(instance.units, { callKind: 'ordinary', reservePercent: instance.reservePercent });
  if (!quotas.ok) throw new Error('quota config');
  const ranking = buildRankings(instance.applications.map(toRanking), instance.units, {
    tieBreakKeys: DEFAULT_TIE_BREAK_KEYS,
    seed: SEED,
  });
  return {
    quotas: quotas.quotas,
    result: proposeAssignments({
      units: instance.units,
      applications: instance.applications,
      ranking,
      quotas: quotas.quotas,
      refusals: instance.refusals,
    }),
  };
}

const shuffle = <T>(list: readonly T[], seed: number): T[] =>
  list
    .map((item, i) => ({ item, k: drawKey(seed, String(i)) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.item);

describe('assignment invariants (properties, fixed seed)', () => {
  it('no unit twice, no household twice, quotas never exceeded, only adequate chosen units; every application accounted for', () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const { result, quotas } = solve(instance);
        const units = new Map(instance.units.map((u) => [u.id, u]));
        const apps = new Map(instance.applications.map((a) => [a.id, a]));
        expect(new Set(result.proposals.map((p) => p.unitId)).size).toBe(result.proposals.length);
        expect(new Set(result.proposals.map((p) => p.applicationId)).size).toBe(result.proposals.length);
        for (const p of result.proposals) {
          const a = apps.get(p.applicationId)!;
          const u = units.get(p.unitId)!;
          expect(a.status).toBe('admitted');
          expect(a.unitIds).toContain(p.unitId);
          expect(checkAdequacy(a, u).adequate).toBe(true);
          expect(instance.refusals?.some((r) => r.applicationId === a.id && r.unitId === u.id)).toBe(false);
          if (p.basis === 'reserve') expect(a.reserveCategories).toContain(u.reserveCategory);
          if (p.basis === 'indigent') expect(a.indigent && u.reserveCategory === null).toBe(true);
        }
        for (const figure of quotas.indigent) {
          const used = result.proposals.filter(
            (p) => p.basis === 'indigent' && scopeKey(indigentScopeOf(units.get(p.unitId)!)) === scopeKey(figure.scope),
          ).length;
          expect(used).toBeLessThanOrEqual(figure.count);
        }
        for (const figure of quotas.reserve) {
          const used = result.proposals.filter(
            (p) => p.basis === 'reserve' && units.get(p.unitId)!.ownerId === figure.scope.ownerId,
          ).length;
          expect(used).toBeLessThanOrEqual(figure.count);
        }
        expect(result.proposals.length + result.unassigned.length).toBe(instance.applications.length);
        expect(result.proposals.length + result.unitsLeft.length).toBe(instance.units.length);
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it('the same inputs give the same ranking and assignment, also with the input lists shuffled', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 0, max: 0xffffffff }), (instance, shuffleSeed) => {
        const first = solve(instance);
        const again = solve(instance);
        const shuffled = solve({
          ...instance,
          units: shuffle(instance.units, shuffleSeed),
          applications: shuffle(instance.applications, shuffleSeed ^ 1),
          refusals: shuffle(instance.refusals ?? [], shuffleSeed ^ 2),
        });
        expect(again.result).toEqual(first.result);
        expect(shuffled.result).toEqual(first.result);
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });

  it('gives the same result from columns in the ranking’s order and the stored ranking order (what a stored run reads)', () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const { result, quotas } = solve(instance);
        const ranking = buildRankings(instance.applications.map(toRanking), instance.units, {
          tieBreakKeys: DEFAULT_TIE_BREAK_KEYS,
          seed: SEED,
        });
        const byId = new Map(instance.applications.map((a) => [a.id, a]));
        // Ranked first in the ranking's order (no lookup by id), then the others.
        const aligned = [
          ...ranking.order.map((id) => byId.get(id) as TestApplication),
          ...instance.applications.filter((a) => !ranking.order.includes(a.id)),
        ];
        const fromColumns = proposeAssignments({
          units: instance.units,
          applications: applicationColumns(aligned),
          ranking: parseRankingOrder(compactRankingOrder(ranking)),
          quotas,
          refusals: instance.refusals,
        });
        expect(fromColumns).toEqual(result);
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });

  it('refuses an application id given twice: looked up by id, or aligned when it would take a second unit', () => {
    const unit = {
      id: 'U1',
      ownerId: 'o',
      ownerKind: 'comune' as const,
      comune: 'c',
      usableAreaDm2: 5000,
      accessible: null,
      reserveCategory: null,
    };
    const application: AssignmentApplication = {
      id: 'D-1',
      status: 'admitted',
      membersCount: 2,
      highestInvalidityPercent: null,
      indigent: false,
      residenceComune: null,
      reserveCategories: [],
      unitIds: ['U1', 'U2'],
    };
    const quotas = { indigent: [], reserve: [] };
    const twice = { order: ['D-1', 'D-1'], rankings: [{ ownerId: 'o', comune: 'c', pairs: [0, 1, 1, 2] }] };
    expect(() =>
      proposeAssignments({
        units: [unit, { ...unit, id: 'U2' }],
        applications: [application, application],
        ranking: twice,
        quotas,
      }),
    ).toThrow(/Duplicated application id D-1/);
    expect(() =>
      proposeAssignments({
        units: [unit],
        applications: [application, application],
        ranking: { order: ['D-1'], rankings: [] },
        quotas,
      }),
    ).toThrow(/Duplicated application id D-1/);
  });

  it('no eligible household without a unit has a free adequate choice (the proposal is maximal for its rules)', () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const { result } = solve(instance);
        const taken = new Set(result.proposals.map((p) => p.unitId));
        for (const u of result.unassigned) {
          if (['not_admitted', 'excluded_after_refusal'].includes(u.reason.code)) continue;
          const free = u.choices.filter(
            (c) =>
              c.outcome !== 'not_adequate' &&
              c.outcome !== 'refused' &&
              c.outcome !== 'not_in_run' &&
              !taken.has(c.unitId),
          );
          expect(free).toEqual([]);
        }
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });
});

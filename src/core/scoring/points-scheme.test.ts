import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDate } from '../kernel/plain-date.js';
import {
  FACTS,
  describeCondition,
  evaluateCondition,
  findSchemeInForce,
  scoreWithScheme,
  validateScheme,
  type Condition,
  type Criterion,
  type FactName,
  type HouseholdFacts,
  type PointsScheme,
} from './points-scheme.js';
import { TEMPORARY_HOUSING_2026 } from './schemes/temporary-housing-2026.js';

const asOf = plainDate('2026-06-01');
const eligibleMother: HouseholdFacts = {
  applicant_sex: 'F',
  adults_count: 1,
  minors_count: 2,
  resides_in_ambito: true,
  isee_cents: 450_000,
  eviction_executed: true,
  domestic_violence: false,
  no_income: false,
  followed_by_agency_team: true,
};

describe('conditions: a small JSON expression language with three-valued logic', () => {
  it('compares facts with =, !=, <, <=, >, >=, in', () => {
    const facts: HouseholdFacts = { members_count: 3, applicant_sex: 'F', has_minors: true, isee_cents: 1_000_000 };
    const cases: [Condition, string][] = [
      [{ fact: 'members_count', op: '>=', value: 3 }, 'true'],
      [{ fact: 'members_count', op: '>', value: 3 }, 'false'],
      [{ fact: 'isee_cents', op: '<=', value: 1_000_000 }, 'true'],
      [{ fact: 'has_minors', op: '=', value: true }, 'true'],
      [{ fact: 'applicant_sex', op: '!=', value: 'F' }, 'false'],
      [{ fact: 'members_count', op: 'in', value: [1, 3] }, 'true'],
      [
        {
          all: [
            { fact: 'has_minors', op: '=', value: true },
            { fact: 'members_count', op: '<', value: 3 },
          ],
        },
        'false',
      ],
      [
        {
          any: [
            { fact: 'has_minors', op: '=', value: false },
            { fact: 'members_count', op: '<', value: 4 },
          ],
        },
        'true',
      ],
      [{ not: { fact: 'has_minors', op: '=', value: true } }, 'false'],
    ];
    for (const [condition, expected] of cases) expect(evaluateCondition(condition, facts)).toBe(expected);
  });

  it('a missing fact is unknown, never a pass; all/any/not follow Kleene logic', () => {
    const missing: Condition = { fact: 'domestic_violence', op: '=', value: true };
    const yes: Condition = { fact: 'has_minors', op: '=', value: true };
    const no: Condition = { fact: 'has_minors', op: '=', value: false };
    const facts: HouseholdFacts = { has_minors: true, domestic_violence: null };
    expect(evaluateCondition(missing, facts)).toBe('unknown');
    expect(evaluateCondition({ not: missing }, facts)).toBe('unknown');
    expect(evaluateCondition({ all: [yes, missing] }, facts)).toBe('unknown');
    expect(evaluateCondition({ all: [no, missing] }, facts)).toBe('false');
    expect(evaluateCondition({ any: [yes, missing] }, facts)).toBe('true');
    expect(evaluateCondition({ any: [no, missing] }, facts)).toBe('unknown');
  });

  it('describes a condition in Italian with the household’s values', () => {
    expect(
      describeCondition(
        {
          all: [
            { fact: 'minors_count', op: '>=', value: 1 },
            { fact: 'isee_cents', op: '<=', value: 1_600_000 },
          ],
        },
        { minors_count: 2 },
      ),
    ).toBe('numero di minori ≥ 1 (valore: 2) e ISEE ≤ 16.000 € (valore: non indicato)');
  });
});

describe('scoreWithScheme: breakdown by criterion, with points and source (STYLE.md principle 2)', () => {
  it('scores the worked temporary-housing scheme criterion by criterion', () => {
    const result = scoreWithScheme(eligibleMother, TEMPORARY_HOUSING_2026, { asOf });
    if (!result.ok) throw new Error(result.error.text);
    expect(result.eligibility.outcome).toBe('eligible');
    expect(result.criteria.map((c) => [c.code, c.outcome, c.points])).toEqual([
      ['minors_1', 'met', 3],
      ['minors_2', 'met', 2],
      ['minors_3', 'not_met', 0],
      ['eviction_executed', 'met', 5],
      ['domestic_violence', 'not_met', 0],
      ['no_income', 'not_met', 0],
      ['followed_by_agency_team', 'met', 2],
    ]);
    expect(result.total).toBe(12);
    expect(
      result.criteria.every((c) => c.basis === 'municipal_choice' && c.source.includes('non è una norma di legge')),
    ).toBe(true);
    expect(result.text).toBe(
      'Punteggio 12 (4 criteri su 7 soddisfatti); requisiti di accesso soddisfatti. Schema «Ospitalità temporanea per donne sole o con figli minori – 2026», versione 2026.1.',
    );
  });

  it('eligibility: a man, or two adults, is not eligible; a missing fact leaves it open', () => {
    const man = scoreWithScheme({ ...eligibleMother, applicant_sex: 'M' }, TEMPORARY_HOUSING_2026, { asOf });
    expect(man.ok && man.eligibility.outcome).toBe('not_eligible');
    const couple = scoreWithScheme({ ...eligibleMother, adults_count: 2 }, TEMPORARY_HOUSING_2026, { asOf });
    expect(couple.ok && couple.eligibility.rules[0]?.outcome).toBe('not_met');
    const unknown = scoreWithScheme({ ...eligibleMother, isee_cents: null }, TEMPORARY_HOUSING_2026, { asOf });
    expect(unknown.ok && unknown.eligibility.outcome).toBe('missing_information');
  });

  it('missing facts award no points and are reported as points pending', () => {
    const result = scoreWithScheme({ applicant_sex: 'F', adults_count: 1, minors_count: 1 }, TEMPORARY_HOUSING_2026, {
      asOf,
    });
    if (!result.ok) throw new Error('unexpected');
    expect(result.total).toBe(3);
    expect(result.pointsPending).toBe(17);
    expect(result.criteria.find((c) => c.code === 'domestic_violence')?.outcome).toBe('missing_information');
    expect(result.text).toContain('17 punti da verificare per dati mancanti');
  });

  it('sums decimal points exactly', () => {
    const scheme: PointsScheme = {
      ...TEMPORARY_HOUSING_2026,
      criteria: [0.1, 0.2].map((points, i) => ({
        code: `c${i}`,
        label: 'x',
        condition: { fact: 'has_minors', op: '=', value: true },
        points,
        source: 's',
        basis: 'law',
      })),
    };
    const result = scoreWithScheme({ has_minors: true }, scheme, { asOf });
    expect(result.ok && result.total).toBe(0.3);
  });

  it('refuses a date outside the scheme’s validity, with an explained error', () => {
    const result = scoreWithScheme(eligibleMother, TEMPORARY_HOUSING_2026, { asOf: plainDate('2027-01-01') });
    expect(result).toMatchObject({ ok: false, error: { code: 'SCHEME_NOT_IN_FORCE' } });
    if (!result.ok) expect(result.error.text).toContain('vale dal 01/01/2026 al 31/12/2026');
  });

  it('finds the version in force by date', () => {
    const v2: PointsScheme = {
      ...TEMPORARY_HOUSING_2026,
      version: '2027.1',
      validFrom: plainDate('2027-01-01'),
      validTo: null,
    };
    expect(findSchemeInForce([TEMPORARY_HOUSING_2026, v2], 'temporary-housing', plainDate('2026-12-31'))?.version).toBe(
      '2026.1',
    );
    expect(findSchemeInForce([TEMPORARY_HOUSING_2026, v2], 'temporary-housing', plainDate('2027-03-01'))?.version).toBe(
      '2027.1',
    );
    expect(findSchemeInForce([TEMPORARY_HOUSING_2026, v2], 'other', plainDate('2027-03-01'))).toBeUndefined();
  });
});

describe('validateScheme: explained errors before a scheme is saved', () => {
  it('accepts the worked example', () => {
    expect(validateScheme(TEMPORARY_HOUSING_2026)).toEqual([]);
  });

  it('reports unknown facts, bad operators, bad values, empty groups and malformed conditions', () => {
    const criterion = (condition: unknown, code: string): Criterion => ({
      code,
      label: 'x',
      condition: condition as Condition,
      points: 1,
      source: 's',
      basis: 'law',
    });
    const scheme: PointsScheme = {
      ...TEMPORARY_HOUSING_2026,
      criteria: [
        criterion({ fact: 'shoe_size', op: '=', value: 42 }, 'a'),
        criterion({ fact: 'has_minors', op: '>=', value: true }, 'b'),
        criterion({ fact: 'members_count', op: '=', value: 'three' }, 'c'),
        criterion({ all: [] }, 'd'),
        criterion({ fact: 'applicant_sex', op: 'in', value: ['F', 'X'] }, 'e'),
        criterion({ any: [{ fact: 'isee_cents', op: '<=', value: 1.5 }] }, 'f'),
        criterion({ all: [], not: { fact: 'has_minors', op: '=', value: true } }, 'g'),
      ],
    };
    expect(validateScheme(scheme).map((e) => [e.code, e.path])).toEqual([
      ['UNKNOWN_FACT', 'criteria[0].condition'],
      ['BAD_OPERATOR', 'criteria[1].condition'],
      ['BAD_VALUE', 'criteria[2].condition'],
      ['EMPTY_GROUP', 'criteria[3].condition'],
      ['BAD_VALUE', 'criteria[4].condition'],
      ['BAD_VALUE', 'criteria[5].condition.any[0]'],
      ['BAD_CONDITION', 'criteria[6].condition'],
    ]);
    expect(validateScheme(scheme)[1]?.text).toBe(
      'L’operatore «>=» non si applica a «has_minors» (boolean): usare = !=.',
    );
  });

  it('reports duplicate codes, bad points, missing sources, bad dates and unknown tie-break keys', () => {
    const base = TEMPORARY_HOUSING_2026.criteria[0] as Criterion;
    const scheme = {
      ...TEMPORARY_HOUSING_2026,
      validTo: plainDate('2025-12-31'),
      criteria: [base, { ...base, points: -1 }, { ...base, code: 'x', points: 1.005, source: ' ' }],
      tieBreakKeys: ['lower_isee', 'lower_isee', 'tallest_first'],
    } as unknown as PointsScheme;
    expect(validateScheme(scheme).map((e) => e.code)).toEqual([
      'BAD_VALIDITY',
      'DUPLICATE_CODE',
      'BAD_POINTS',
      'MISSING_TEXT',
      'BAD_POINTS',
      'DUPLICATE_TIE_BREAK_KEY',
      'UNKNOWN_TIE_BREAK_KEY',
    ]);
  });

  it('reports a validity overlapping another version of the same scheme', () => {
    const v2: PointsScheme = {
      ...TEMPORARY_HOUSING_2026,
      version: '2026.2',
      validFrom: plainDate('2026-07-01'),
      validTo: null,
    };
    const errors = validateScheme(v2, [TEMPORARY_HOUSING_2026]);
    expect(errors.map((e) => e.code)).toEqual(['OVERLAPPING_VALIDITY']);
    expect(errors[0]?.text).toContain('versione 2026.1 (dal 01/01/2026 al 31/12/2026)');
    expect(validateScheme({ ...v2, validFrom: plainDate('2027-01-01') }, [TEMPORARY_HOUSING_2026])).toEqual([]);
  });

  it('lets a version without an end be superseded by a later one, never changed', () => {
    const open: PointsScheme = {
      ...TEMPORARY_HOUSING_2026,
      version: 'a',
      validFrom: plainDate('2026-01-01'),
      validTo: null,
    };
    const next: PointsScheme = { ...open, version: 'b', validFrom: plainDate('2027-03-01') };
    expect(validateScheme(next, [open])).toEqual([]);
    expect(validateScheme(open, [next])).toEqual([]);
    // The same first day is a conflict whatever the ends.
    expect(validateScheme({ ...next, validFrom: open.validFrom }, [open]).map((e) => e.code)).toEqual([
      'OVERLAPPING_VALIDITY',
    ]);
    // The open version applies until the day before the next one starts.
    expect(findSchemeInForce([open, next], open.id, plainDate('2027-02-28'))?.version).toBe('a');
    expect(findSchemeInForce([open, next], open.id, plainDate('2027-03-01'))?.version).toBe('b');
    expect(findSchemeInForce([open, next], open.id, plainDate('2025-12-31'))).toBeUndefined();
    // A bounded last version leaves the days after its end without a scheme.
    const bounded = { ...next, validTo: plainDate('2027-12-31') };
    expect(findSchemeInForce([open, bounded], open.id, plainDate('2028-01-01'))).toBeUndefined();
  });
});

// ---- properties (fixed seed) ----

const BOOLEAN_FACTS = (Object.keys(FACTS) as FactName[]).filter((f) => FACTS[f].type === 'boolean');
const factsArb: fc.Arbitrary<HouseholdFacts> = fc.record(
  {
    applicant_sex: fc.constantFrom('F', 'M'),
    adults_count: fc.integer({ min: 1, max: 3 }),
    minors_count: fc.integer({ min: 0, max: 5 }),
    isee_cents: fc.integer({ min: 0, max: 3_000_000 }),
    resides_in_ambito: fc.boolean(),
    ...Object.fromEntries(BOOLEAN_FACTS.map((f) => [f, fc.option(fc.boolean(), { nil: null })])),
  },
  { requiredKeys: [] },
);

/** Monotone conditions: only "boolean fact = true", combined with all/any. */
const monotoneCondition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...BOOLEAN_FACTS).map((fact): Condition => ({ fact, op: '=', value: true })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all): Condition => ({ all })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any): Condition => ({ any })),
  ),
})).c;
const monotoneScheme: fc.Arbitrary<PointsScheme> = fc
  .array(
    fc.tuple(
      monotoneCondition,
      fc.integer({ min: 0, max: 1000 }).map((n) => n / 100),
    ),
    { maxLength: 8 },
  )
  .map((criteria) => ({
    ...TEMPORARY_HOUSING_2026,
    criteria: criteria.map(
      ([condition, points], i) =>
        ({ code: `c${i}`, label: 'x', condition, points, source: 's', basis: 'law' }) as Criterion,
    ),
  }));

describe('scoring invariants (properties, fixed seed)', () => {
  it('adding a need (a boolean fact set to true) never lowers a score, in any monotone scheme', () => {
    fc.assert(
      fc.property(monotoneScheme, factsArb, fc.constantFrom(...BOOLEAN_FACTS), (scheme, facts, fact) => {
        expect(validateScheme(scheme)).toEqual([]);
        const before = scoreWithScheme(facts, scheme, { asOf });
        const after = scoreWithScheme({ ...facts, [fact]: true }, scheme, { asOf });
        if (!before.ok || !after.ok) throw new Error('scheme not in force');
        expect(after.total).toBeGreaterThanOrEqual(before.total);
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it('in the worked scheme, one more minor or one more need never lowers the score', () => {
    fc.assert(
      fc.property(
        factsArb,
        fc.constantFrom('eviction_executed', 'domestic_violence', 'no_income', 'followed_by_agency_team'),
        (facts, need) => {
          const score = (f: HouseholdFacts) => {
            const r = scoreWithScheme(f, TEMPORARY_HOUSING_2026, { asOf });
            if (!r.ok) throw new Error('not in force');
            return r.total;
          };
          expect(score({ ...facts, [need]: true })).toBeGreaterThanOrEqual(score(facts));
          const minors = typeof facts.minors_count === 'number' ? facts.minors_count : 0;
          expect(score({ ...facts, minors_count: minors + 1 })).toBeGreaterThanOrEqual(
            score({ ...facts, minors_count: minors }),
          );
        },
      ),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it('scoring is deterministic: the same facts and scheme give the same breakdown', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const reordered = Object.fromEntries(Object.entries(facts).reverse()) as HouseholdFacts;
        expect(scoreWithScheme(reordered, TEMPORARY_HOUSING_2026, { asOf })).toEqual(
          scoreWithScheme(facts, TEMPORARY_HOUSING_2026, { asOf }),
        );
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });

  it('the scheme survives a JSON round trip (it is data) and scores the same', () => {
    const copy = JSON.parse(JSON.stringify(TEMPORARY_HOUSING_2026)) as PointsScheme;
    expect(copy).toEqual(TEMPORARY_HOUSING_2026);
    expect(scoreWithScheme(eligibleMother, copy, { asOf })).toEqual(
      scoreWithScheme(eligibleMother, TEMPORARY_HOUSING_2026, { asOf }),
    );
  });
});

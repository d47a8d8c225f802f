import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eurosToCents, type Cents } from '../kernel/money.js';
import { addDays, plainDate } from '../kernel/plain-date.js';
import {
  REQUIREMENT_PARAMETERS_RR_4_2017,
  assetThresholdCents,
  basePseHundredths,
  checkAssets,
  checkCitizenship,
  checkIsee,
  checkRequirements,
  requirementsVerdict,
  type RequirementFacts,
} from './requirements.js';

const d = plainDate;
const asOf = d('2026-03-15');
const complete: RequirementFacts = {
  membersCount: 3,
  citizenship: 'italian',
  iseeCents: eurosToCents(9_000),
  assetsCents: eurosToCents(10_000),
  ownsAdequateDwelling: false,
  assignmentLoss: { occurred: false },
  evictionForArrears: { occurred: false },
  illegalOccupation: { occurred: false },
};

describe('RR 4/2017 art. 7 c.1 a): citizenship or equivalent status (mapping documented in ResidenceStatus)', () => {
  it.each([
    [{ citizenship: 'italian' }, 'met'],
    [{ citizenship: 'eu' }, 'met'],
    [{ citizenship: 'non_eu', residenceStatus: 'long_term_eu' }, 'met'],
    [{ citizenship: 'non_eu', residenceStatus: 'international_protection' }, 'met'],
    [{ citizenship: 'non_eu', residenceStatus: 'two_years_work', currentlyWorking: true }, 'met'],
    [{ citizenship: 'non_eu', residenceStatus: 'two_years_work', currentlyWorking: false }, 'not_met'],
    [{ citizenship: 'non_eu', residenceStatus: 'two_years_work' }, 'missing_information'],
    [{ citizenship: 'non_eu', residenceStatus: 'other' }, 'not_met'],
    [{ citizenship: 'non_eu' }, 'missing_information'],
    [{}, 'missing_information'],
  ] as const)('RR 4/2017 art. 7 c.1 a): %j is %s', (facts, outcome) => {
    const check = checkCitizenship({ membersCount: 1, ...facts });
    expect(check.outcome).toBe(outcome);
    expect(check.source).toContain('art. 7 c.1 lett. a)');
  });
});

describe('RR 4/2017 art. 7 c.1 c): ISEE ≤ 16,000 €', () => {
  it('RR 4/2017 art. 7 c.1 c): 16,000.00 € is met, 16,000.01 € is not, with the values in the evidence', () => {
    expect(checkIsee({ membersCount: 1, iseeCents: eurosToCents(16_000) }).outcome).toBe('met');
    const above = checkIsee({ membersCount: 1, iseeCents: eurosToCents(16_000.01) });
    expect(above.outcome).toBe('not_met');
    expect(above.evidence).toMatch(/^ISEE 16\.000,01\s€ > soglia 16\.000,00\s€\.$/);
  });

  it('RR 4/2017 art. 7 c.1 c): a missing ISEE is missing_information, never a pass', () => {
    expect(checkIsee({ membersCount: 1 }).outcome).toBe('missing_information');
    expect(checkIsee({ membersCount: 1, iseeCents: null }).outcome).toBe('missing_information');
  });
});

describe('RR 4/2017 art. 7 c.1 c): asset threshold 22,000 € (1 member), 16,000 € + 5,000 € × PSE (≥ 2)', () => {
  // rules.md §2.3 derived table, with the base scale (no increments)
  it.each([
    [1, 100, 22_000],
    [2, 157, 23_850],
    [3, 204, 26_200],
    [4, 246, 28_300],
    [5, 285, 30_250],
    [6, 320, 32_000],
    [7, 355, 33_750],
  ])('RR 4/2017 art. 7 c.1 c): %i members, PSE %i/100, threshold %i €', (members, pse, euros) => {
    expect(basePseHundredths(members)).toBe(pse);
    expect(assetThresholdCents(members, pse)).toBe(euros * 100);
    expect(checkAssets({ membersCount: members, assetsCents: (euros * 100) as Cents }).outcome).toBe('met');
    expect(checkAssets({ membersCount: members, assetsCents: (euros * 100 + 1) as Cents }).outcome).toBe('not_met');
  });

  it('RR 4/2017 art. 7 c.1 c): the evidence shows the formula with the values', () => {
    const check = checkAssets({ membersCount: 2, assetsCents: eurosToCents(24_000) });
    expect(check.evidence).toMatch(
      /^Patrimonio 24\.000,00\s€ > soglia 16\.000,00\s€ \+ 5000,00\s€ × 1,57 = 23\.850,00\s€ \(2 componenti, PSE 1,57 \(scala di base, senza maggiorazioni\)\)\.$/,
    );
  });

  it('[U] PSE with increments: with pseFrom = attestation the attestation PSE is used, and is required', () => {
    const params = { ...REQUIREMENT_PARAMETERS_RR_4_2017, pseFrom: 'attestation' as const };
    expect(
      checkAssets({ membersCount: 3, assetsCents: eurosToCents(27_000), attestationPseHundredths: 224 }, params)
        .outcome,
    ).toBe('met'); // 16,000 + 5,000 × 2.24 = 27,200
    expect(checkAssets({ membersCount: 3, assetsCents: eurosToCents(27_000) }, params).outcome).toBe(
      'missing_information',
    );
  });

  it('RR 4/2017 art. 7 c.1 c): missing assets are missing_information', () => {
    expect(checkAssets({ membersCount: 2 }).outcome).toBe('missing_information');
  });
});

describe('RR 4/2017 art. 7 c.1 d)–h): no adequate dwelling; no loss, eviction or occupation in 5 years', () => {
  const check = (facts: Partial<RequirementFacts>, code: string) =>
    checkRequirements({ ...complete, ...facts }, asOf).find((c) => c.code === code);

  it('RR 4/2017 art. 7 c.1 d): owning an adequate dwelling is not met; unknown is missing_information', () => {
    expect(check({ ownsAdequateDwelling: true }, 'no_adequate_dwelling')?.outcome).toBe('not_met');
    expect(check({ ownsAdequateDwelling: null }, 'no_adequate_dwelling')?.outcome).toBe('missing_information');
  });

  it.each(['assignmentLoss', 'evictionForArrears', 'illegalOccupation'] as const)(
    'LR 16/2016 art. 22 c.1 e)–f), RR 4/2017 art. 7: %s bars access until its 5th anniversary',
    (fact) => {
      const code = {
        assignmentLoss: 'no_assignment_loss',
        evictionForArrears: 'no_eviction_for_arrears',
        illegalOccupation: 'no_illegal_occupation',
      }[fact];
      expect(check({ [fact]: { occurred: true, on: d('2021-03-16') } }, code)?.outcome).toBe('not_met');
      expect(check({ [fact]: { occurred: true, on: d('2021-03-15') } }, code)?.outcome).toBe('met');
      expect(check({ [fact]: { occurred: true } }, code)?.outcome).toBe('missing_information');
      expect(check({ [fact]: undefined }, code)?.outcome).toBe('missing_information');
      expect(check({ [fact]: { occurred: false } }, code)?.outcome).toBe('met');
      expect(check({ [fact]: { occurred: true, on: d('2021-03-16') } }, code)?.evidence).toContain(
        'del 16/03/2021, entro il periodo di 5 anni (dal 15/03/2021 al 15/03/2026)',
      );
    },
  );
});

describe('RR 4/2017 art. 7: overall verdict', () => {
  it('RR 4/2017 art. 7: all met gives requirements_met', () => {
    const verdict = requirementsVerdict(checkRequirements(complete, asOf));
    expect(verdict).toMatchObject({ code: 'requirements_met', notMet: [], missing: [] });
    expect(verdict.checks).toHaveLength(7);
  });

  it('RR 4/2017 art. 7: a requirement not met decides even with missing data', () => {
    const verdict = requirementsVerdict(
      checkRequirements({ ...complete, iseeCents: eurosToCents(20_000), assetsCents: null }, asOf),
    );
    expect(verdict).toMatchObject({ code: 'requirements_not_met', notMet: ['isee'], missing: ['assets'] });
    expect(verdict.text).toBe('Requisiti non soddisfatti: 1 su 7; 1 da completare.');
  });

  it('RR 4/2017 art. 7: missing data alone gives missing_information', () => {
    expect(requirementsVerdict(checkRequirements({ membersCount: 2 }, asOf)).code).toBe('missing_information');
  });

  it('every check carries its source and Italian evidence (property: missing data never passes)', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            citizenship: fc.constantFrom('italian', 'eu', 'non_eu', null),
            iseeCents: fc.option(fc.integer({ min: 0, max: 3_000_000 })),
            assetsCents: fc.option(fc.integer({ min: 0, max: 6_000_000 })),
            ownsAdequateDwelling: fc.option(fc.boolean()),
            assignmentLoss: fc.option(
              fc.oneof(
                fc.constant({ occurred: false as const }),
                fc.integer({ min: 0, max: 4_000 }).map((n) => ({ occurred: true as const, on: addDays(asOf, -n) })),
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        fc.integer({ min: 1, max: 9 }),
        (facts, membersCount) => {
          const checks = checkRequirements({ ...(facts as Partial<RequirementFacts>), membersCount }, asOf);
          for (const c of checks) {
            expect(c.source.length).toBeGreaterThan(0);
            expect(c.evidence.length).toBeGreaterThan(0);
          }
          const verdict = requirementsVerdict(checks);
          if (facts.iseeCents === null || facts.iseeCents === undefined)
            expect(verdict.code).not.toBe('requirements_met');
        },
      ),
      { seed: 20261126, numRuns: 300 },
    );
  });
});

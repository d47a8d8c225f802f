import { describe, expect, it } from 'vitest';
import { plainDate } from '../kernel/plain-date.js';
import { effectiveParameters, SHIPPED_MEASURES } from '../measures/catalogue.js';
import { householdFacts, type HouseholdSnapshot } from './questionnaire.js';
import { screenHousehold, type ScreenableMeasure } from './screening.js';

const asOf = plainDate('2026-11-26');
const household: HouseholdSnapshot = {
  comuneId: 'comune-cinisello',
  members: [
    {
      birthDate: plainDate('1984-03-12'),
      relation: 'applicant',
      citizenship: 'italian',
      disabilityPercent: null,
      permitExpiresOn: null,
    },
    {
      birthDate: plainDate('2015-07-30'),
      relation: 'child',
      citizenship: 'italian',
      disabilityPercent: null,
      permitExpiresOn: null,
    },
  ],
  vulnerabilities: [],
  isee: { valueCents: 900_000 },
};
const measures: ScreenableMeasure[] = SHIPPED_MEASURES.map((m) => ({
  id: m.code,
  code: m.code,
  name: m.name,
  legalBasis: m.legalBasis,
  kind: m.kind,
  validFrom: plainDate('2020-01-01'),
  validTo: null,
  parameters: effectiveParameters(m.kind, {}),
  parameterVersion: 'v1',
}));

describe('screening a household against every measure and open call', () => {
  it('gives a verdict for every active measure and open call, with reasons and sources', () => {
    const facts = householdFacts(
      household,
      {
        tenure: 'private_rent',
        monthlyRentCents: 60_000,
        leaseRegistered: true,
        cadastralCategory: 'A3',
        monthsInUnit: 36,
        evictionStage: 'notice_served',
        arrearsCents: 300_000,
        incomeLossCause: 'dismissal',
        incomeLossAfterLease: true,
        taxableIncomeCents: 1_000_000,
        ownsAdequateDwellingInProvince: false,
        ownsAdequateDwellingInRegion: false,
      },
      asOf,
    );
    const calls = [
      {
        id: 'c1',
        code: 'AVV-1',
        name: 'Avviso aperto',
        opensOn: plainDate('2026-11-01'),
        closesOn: plainDate('2026-12-15'),
      },
      {
        id: 'c2',
        code: 'AVV-0',
        name: 'Avviso chiuso',
        opensOn: plainDate('2026-01-01'),
        closesOn: plainDate('2026-02-15'),
      },
    ];
    const results = screenHousehold(facts, measures, calls);
    expect(results).toHaveLength(SHIPPED_MEASURES.length + 1);
    const byCode = Object.fromEntries(results.map((r) => [r.code, r]));
    expect(byCode.morosita_incolpevole?.verdict).toBe('eligible');
    expect(byCode.morosita_incolpevole?.estimate?.amountCents).toBe(300_000);
    expect(byCode.fondo_affitto?.verdict).toBe('eligible');
    expect(byCode.fondo_affitto?.estimate?.amountCents).toBe(310_000); // 7,200 − 14% of 10,000 = 5,800 € → band A cap
    // Eviction under way: the municipal contribution is refused, with its reason.
    expect(byCode.contributo_comunale?.verdict).toBe('not_eligible');
    expect(byCode['AVV-1']?.target).toBe('call');
    expect(byCode['AVV-1']?.verdict).toBe('missing_information'); // assets and past events not asked
    for (const r of results) for (const c of r.reasons) expect(c.source).not.toBe('');
    expect(results[0]?.verdict).toBe('eligible');
  });
  it('says what is missing when nothing was asked', () => {
    const results = screenHousehold(householdFacts(household, {}, asOf), measures, []);
    const fimi = results.find((r) => r.code === 'morosita_incolpevole');
    expect(fimi?.verdict).toBe('missing_information');
    expect(fimi?.missing.length).toBeGreaterThan(3);
  });
  it("reads a non-EU applicant's permit from the file for a SAP call (R.R. 4/2017 art. 7 c.1 lett. a))", () => {
    const open = [
      { id: 'c1', code: 'AVV-1', name: 'Avviso', opensOn: plainDate('2026-11-01'), closesOn: plainDate('2026-12-15') },
    ];
    const nonEu = (permitKind: string | null): HouseholdSnapshot => ({
      ...household,
      members: household.members.map((m) => ({
        ...m,
        citizenship: 'non_eu',
        permitExpiresOn: plainDate('2028-01-31'),
        permitKind,
      })),
    });
    const citizenship = (permitKind: string | null, currentlyWorking?: boolean) => {
      const facts = householdFacts(nonEu(permitKind), currentlyWorking === undefined ? {} : { currentlyWorking }, asOf);
      return screenHousehold(facts, [], open)[0]?.reasons.find((c) => c.code === 'citizenship');
    };
    expect(citizenship('long_term_eu')?.outcome).toBe('met');
    expect(citizenship('international_protection')?.outcome).toBe('met');
    expect(citizenship('other')?.outcome).toBe('not_met');
    expect(citizenship(null)?.outcome).toBe('missing_information');
    expect(citizenship('sconosciuto')?.outcome).toBe('missing_information');
    // A two-year permit needs work in progress (d.lgs. 286/1998 art. 40 c.6), asked at the desk.
    expect(citizenship('two_years_work')?.outcome).toBe('missing_information');
    expect(citizenship('two_years_work', true)?.outcome).toBe('met');
    expect(citizenship('two_years_work', false)?.outcome).toBe('not_met');
    // An Italian applicant's file never carries a permit that counts.
    const italian = householdFacts({ ...household }, {}, asOf);
    expect(italian.residenceStatus).toBeNull();
  });
  it('a measure outside its validity is not screened', () => {
    const old = [{ ...measures[0]!, validTo: plainDate('2025-12-31') }];
    expect(screenHousehold(householdFacts(household, {}, asOf), old, [])).toEqual([]);
  });
});

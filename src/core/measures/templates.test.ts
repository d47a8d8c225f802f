import { describe, expect, it } from 'vitest';
import { plainDate } from '../kernel/plain-date.js';
import { agreedRentGuarantee, agreedRentIncentive, evaluateAgreedRent } from './agreed-rent.js';
import {
  parameterProblems,
  SHIPPED_MEASURES,
  MEASURE_KINDS,
  effectiveParameters,
  evaluateMeasure,
} from './catalogue.js';
import { evaluateTemplate, TEMPLATE_DEFAULTS } from './templates.js';
import type { MeasureFacts } from './facts.js';

const E = (e: number) => Math.round(e * 100);
const base: MeasureFacts = {
  asOf: plainDate('2026-11-26'),
  membersCount: 2,
  residenceComuneId: 'comune-cinisello',
  iseeCents: E(9_000),
  tenure: 'private_rent',
  evictionStage: 'none',
  ownsAdequateDwellingInRegion: false,
  yearsResidentInRegion: 10,
  monthsInUnit: 24,
  annualRentCents: E(7_200),
  arrearsCents: E(900),
  onlyPensionIncome: true,
};

describe('DGR XI/606/2018 (rules.md §4.1): Lombardy measures as configurable templates', () => {
  it('DGR 606/2018 common requirements: ISEE ≤ 15,000 €, SAP tenants excluded', () => {
    expect(evaluateTemplate('lombardia_misura_2', base).verdict).toBe('eligible');
    expect(evaluateTemplate('lombardia_misura_2', { ...base, iseeCents: E(15_000.01) }).verdict).toBe('not_eligible');
    expect(evaluateTemplate('lombardia_misura_2', { ...base, tenure: 'sap_tenant' }).verdict).toBe('not_eligible');
  });
  it('DGR 606/2018 Misura 2: initial arrears and no eviction under way', () => {
    expect(evaluateTemplate('lombardia_misura_2', { ...base, arrearsCents: 0 }).verdict).toBe('not_eligible');
    expect(evaluateTemplate('lombardia_misura_2', { ...base, evictionStage: 'notice_served' }).verdict).toBe(
      'not_eligible',
    );
  });
  it('DGR 606/2018 Misura 3 and 4: home at auction; income only from pensions', () => {
    expect(evaluateTemplate('lombardia_misura_3', { ...base, homeAtAuction: null }).verdict).toBe(
      'missing_information',
    );
    expect(evaluateTemplate('lombardia_misura_4', { ...base, onlyPensionIncome: false }).verdict).toBe('not_eligible');
  });
  it('DGR 606/2018 Misura 5 is for landlords: households are not eligible', () => {
    expect(evaluateTemplate('lombardia_misura_5', base).verdict).toBe('not_eligible');
  });
  it('municipal contribution: months of rent within the cap set by the administrator', () => {
    // 3 months of 600 € = 1,800 € → capped at 1,000 €
    const e = evaluateTemplate('contributo_comunale', base);
    expect(e.verdict).toBe('eligible');
    expect(e.estimate?.amountCents).toBe(E(1_000));
    const raised = evaluateTemplate('contributo_comunale', base, {
      ...TEMPLATE_DEFAULTS.contributo_comunale,
      amount: { mode: 'months_of_rent', months: 2, capCents: E(5_000) },
    });
    expect(raised.estimate?.amountCents).toBe(E(1_200));
  });
});

describe('DGR XI/2065/2019 Misura 6 (rules.md §5): canone concordato incentives', () => {
  it('DGR 2065/2019: 1,000 € for a 3+2 contract, 1,500 € for a longer one', () => {
    expect(agreedRentIncentive({ durationYears: 3, extensionYears: 2 })).toMatchObject({
      ok: true,
      amountCents: E(1_000),
    });
    expect(agreedRentIncentive({ durationYears: 4, extensionYears: 2 })).toMatchObject({
      ok: true,
      amountCents: E(1_500),
    });
    expect(agreedRentIncentive({ durationYears: 2, extensionYears: 2 }).ok).toBe(false);
  });
  it('guarantee: 12 months up to 7,200 €', () => {
    expect(agreedRentGuarantee(E(500))).toEqual({ months: 12, cents: E(6_000) });
    expect(agreedRentGuarantee(E(700))).toEqual({ months: 12, cents: E(7_200) });
  });
  it('tenant ISEE between 3,500 € and 30,000 € [P]', () => {
    expect(evaluateAgreedRent({ ...base, iseeCents: E(3_499) }).verdict).toBe('not_eligible');
    expect(evaluateAgreedRent({ ...base, iseeCents: E(30_000) }).verdict).toBe('eligible');
  });
});

describe('measures as data', () => {
  it('every shipped measure has a rule and valid default parameters', () => {
    for (const m of SHIPPED_MEASURES) {
      expect(MEASURE_KINDS).toContain(m.kind);
      expect(parameterProblems(m.kind, {})).toEqual([]);
      expect(['eligible', 'not_eligible', 'missing_information']).toContain(
        evaluateMeasure(m.kind, effectiveParameters(m.kind, {}), base).verdict,
      );
    }
    expect(SHIPPED_MEASURES.map((m) => m.code)).toContain('morosita_incolpevole');
    expect(SHIPPED_MEASURES.map((m) => m.code)).toContain('fondo_affitto');
  });
  it('parameters are checked: unknown keys, negative money, the FSA raise over 25%', () => {
    expect(parameterProblems('fondo_affitto', { fragilityRaisePercent: 30 })).toHaveLength(1);
    expect(parameterProblems('fondo_affitto', { nonsense: 1 })).toHaveLength(1);
    expect(parameterProblems('morosita_incolpevole', { purposeACapCents: -1 })).not.toHaveLength(0);
    expect(parameterProblems('contributo_comunale', { amount: { mode: 'fixed' } })).toHaveLength(1);
  });
});

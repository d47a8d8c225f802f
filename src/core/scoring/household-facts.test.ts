import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../kernel/plain-date.js';
import { householdFacts } from './household-facts.js';
import { scoreWithScheme } from './points-scheme.js';
import { TEMPORARY_HOUSING_2026 } from './schemes/temporary-housing-2026.js';

const on = '2026-11-26' as PlainDate;
const mother = {
  birthDate: '1990-05-01' as PlainDate,
  sex: 'F' as const,
  relation: 'applicant',
  disabilityPercent: null,
};
const child = { birthDate: '2020-02-02' as PlainDate, sex: 'M' as const, relation: 'child', disabilityPercent: null };

describe('household facts for points schemes', () => {
  it('derives counts, ages and flags from the file, leaving unknown facts out', () => {
    const facts = householdFacts(
      {
        comuneId: 'c1',
        loneParent: true,
        members: [mother, child],
        vulnerabilities: ['domestic_violence'],
        iseeCents: 500_000,
        ambitoComuneIds: ['c1', 'c2'],
      },
      on,
    );
    expect(facts).toMatchObject({
      members_count: 2,
      adults_count: 1,
      minors_count: 1,
      has_minors: true,
      applicant_sex: 'F',
      applicant_age: 36,
      resides_in_ambito: true,
      domestic_violence: true,
      homeless: false,
      isee_cents: 500_000,
    });
    expect('eviction_executed' in facts).toBe(false);
    expect('assets_cents' in facts).toBe(false);
  });

  it('feeds the worked temporary-housing scheme: a woman with a child is eligible and scored by criterion', () => {
    const facts = householdFacts(
      {
        comuneId: 'c1',
        loneParent: true,
        members: [mother, child],
        vulnerabilities: ['domestic_violence'],
        iseeCents: 500_000,
        ambitoComuneIds: ['c1'],
      },
      on,
    );
    const score = scoreWithScheme(facts, TEMPORARY_HOUSING_2026, { asOf: on });
    expect(score.ok).toBe(true);
    if (!score.ok) return;
    expect(score.eligibility.outcome).not.toBe('not_eligible');
    expect(score.total).toBeGreaterThan(0);
    expect(score.criteria.every((c) => c.source.length > 0)).toBe(true);
    const man = householdFacts(
      {
        comuneId: 'c1',
        loneParent: false,
        members: [{ ...mother, sex: 'M' }],
        vulnerabilities: [],
        iseeCents: 500_000,
        ambitoComuneIds: ['c1'],
      },
      on,
    );
    const refused = scoreWithScheme(man, TEMPORARY_HOUSING_2026, { asOf: on });
    expect(refused.ok && refused.eligibility.outcome).toBe('not_eligible');
  });
});

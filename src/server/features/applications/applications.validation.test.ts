import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import { ADEQUACY_TABLE_RR_4_2017 } from '../../../core/sap/adequacy.js';
import { syntheticFiscalCode } from '../../../../test/builders.js';
import { adequacyBand } from '../calls/calls.actions.js';
import { chooseHousehold } from './applications.actions.js';
import { birthFromFiscalCode, comuneKey, parseSubmissionTime } from './applications.validation.js';

describe('submission time of the platform export', () => {
  it('reads a time without offset as Italian time, in winter and in summer', () => {
    expect(parseSubmissionTime('2026-01-15T10:00:00')).toBe('2026-01-15T09:00:00.000Z');
    expect(parseSubmissionTime('2026-07-15T10:00')).toBe('2026-07-15T08:00:00.000Z');
    expect(parseSubmissionTime('2026-07-15 10:00:05.250')).toBe('2026-07-15T08:00:05.250Z');
  });
  it('takes an explicit offset as written', () => {
    expect(parseSubmissionTime('2026-07-15T10:00:00Z')).toBe('2026-07-15T10:00:00.000Z');
    expect(parseSubmissionTime('2026-07-15T10:00:00+02:00')).toBe('2026-07-15T08:00:00.000Z');
    expect(parseSubmissionTime('2026-07-15T10:00:00-0100')).toBe('2026-07-15T11:00:00.000Z');
  });
  it('refuses what is not an ISO date-time', () => {
    for (const bad of ['', '15/07/2026 10:00', '2026-02-30T10:00', '2026-07-15', '2026-07-15T25:00', 'ieri']) {
      expect(parseSubmissionTime(bad), bad).toBeNull();
    }
  });
});

describe('birth date from the fiscal code', () => {
  const on = '2026-11-26' as PlainDate;
  it('takes the latest century that does not put the birth in the future', () => {
    const child = syntheticFiscalCode({ surname3: 'RSS', name3: 'LCU', birthDate: '2015-07-30', sex: 'M' });
    expect(birthFromFiscalCode(child, on, false)).toEqual({ birthDate: '2015-07-30', sex: 'M' });
    const elder = syntheticFiscalCode({ surname3: 'RSS', name3: 'NNA', birthDate: '1950-12-03', sex: 'F' });
    expect(birthFromFiscalCode(elder, on, false)).toEqual({ birthDate: '1950-12-03', sex: 'F' });
  });
  it('makes the applicant of age', () => {
    const code = syntheticFiscalCode({ surname3: 'RSS', name3: 'MRA', birthDate: '2012-03-01', sex: 'M' });
    expect(birthFromFiscalCode(code, on, false)?.birthDate).toBe('2012-03-01');
    expect(birthFromFiscalCode(code, on, true)?.birthDate).toBe('1912-03-01');
  });
});

describe('matching an applicant to a household file', () => {
  const row = (id: string, relation: string, updatedAt: string) => ({
    fiscal_code: 'X',
    relation,
    household_id: id,
    household_code: `NF-${id}`,
    comune_id: 'c',
    updated_at: updatedAt,
  });
  it('prefers the file where the person is the applicant, then the most recently updated', () => {
    expect(chooseHousehold([])).toBeUndefined();
    expect(
      chooseHousehold([row('a', 'child', '2026-05-01T00:00:00Z'), row('b', 'applicant', '2025-01-01T00:00:00Z')])
        ?.household_id,
    ).toBe('b');
    expect(
      chooseHousehold([row('a', 'child', '2026-05-01T00:00:00Z'), row('b', 'sibling', '2025-01-01T00:00:00Z')])
        ?.household_id,
    ).toBe('a');
    expect(
      chooseHousehold([row('b', 'applicant', '2026-01-01T00:00:00Z'), row('a', 'applicant', '2026-01-01T00:00:00Z')])
        ?.household_id,
    ).toBe('a');
  });
});

describe('adequacy bands of a unit (RR 4/2017 art. 9)', () => {
  const band = (m2: number) => adequacyBand(Math.round(m2 * 100), ADEQUACY_TABLE_RR_4_2017);
  it('covers the household sizes of the table at its edges', () => {
    expect(band(20)).toMatchObject({ membersFrom: 1, membersTo: 1 });
    expect(band(38)).toMatchObject({ membersFrom: 1, membersTo: 2 });
    expect(band(46.01)).toMatchObject({ membersFrom: 2, membersTo: 2 });
    expect(band(80)).toMatchObject({ membersFrom: 4, membersTo: null });
    expect(band(150)).toMatchObject({
      membersFrom: 6,
      membersTo: null,
      text: 'Adeguato per nuclei di 6 o più componenti',
    });
  });
});

describe('Comune names', () => {
  it('match whatever the case, accents or "Comune di"', () => {
    expect(comuneKey('Comune di CINISELLO  Balsamo')).toBe(comuneKey('cinisello balsamo'));
  });
});

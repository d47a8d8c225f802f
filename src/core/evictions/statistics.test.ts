import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../kernel/plain-date.js';
import { evictionAlerts } from './alerts.js';
import {
  checkHistoricalTotals,
  CINISELLO_2012_2017,
  countByYear,
  ministryCategory,
  yearlyStatistics,
  type ProcedureFacts,
} from './statistics.js';

const d = (s: string) => s as PlainDate;

describe('eviction statistics in the Ministry of the Interior’s terms (rules.md §6.1)', () => {
  it('groups arrears and other cause in one column, as the Ministry’s report does', () => {
    expect(ministryCategory('landlord_need')).toBe('landlord_need');
    expect(ministryCategory('end_of_lease')).toBe('end_of_lease');
    expect(ministryCategory('arrears')).toBe('arrears_other');
    expect(ministryCategory('other')).toBe('arrears_other');
  });

  it('counts each stage in the year it happened', () => {
    const procs: ProcedureFacts[] = [
      {
        motive: 'arrears',
        validatedOn: d('2025-11-02'),
        executionRequestedOn: d('2026-01-10'),
        executedOn: d('2026-03-01'),
      },
      { motive: 'end_of_lease', validatedOn: d('2026-02-02'), executionRequestedOn: null, executedOn: null },
      { motive: 'landlord_need', validatedOn: null, executionRequestedOn: null, executedOn: null },
    ];
    expect(countByYear(procs)).toEqual([
      {
        year: 2025,
        issued: 1,
        issuedLandlordNeed: 0,
        issuedEndOfLease: 0,
        issuedArrearsOther: 1,
        executionRequests: 0,
        executed: 0,
      },
      {
        year: 2026,
        issued: 1,
        issuedLandlordNeed: 0,
        issuedEndOfLease: 1,
        issuedArrearsOther: 0,
        executionRequests: 1,
        executed: 1,
      },
    ]);
  });

  it('reproduces the seed’s 2012–2017 table (convalidati, eseguiti, totale) from the imported history', () => {
    const rows = yearlyStatistics([], CINISELLO_2012_2017);
    expect(rows.map((r) => [r.year, r.issued, r.executed, r.total])).toEqual([
      [2012, 58, 15, 73],
      [2013, 75, 20, 95],
      [2014, 84, 25, 109],
      [2015, 66, 46, 112],
      [2016, 59, 66, 125],
      [2017, 14, 19, 33],
    ]);
    expect(rows.every((r) => r.origin === 'history')).toBe(true);
  });

  it('an imported total wins over the register for its year; other years come from the register', () => {
    const procs: ProcedureFacts[] = [
      { motive: 'arrears', validatedOn: d('2017-05-01'), executionRequestedOn: null, executedOn: null },
      { motive: 'arrears', validatedOn: d('2026-05-01'), executionRequestedOn: null, executedOn: null },
    ];
    const rows = yearlyStatistics(procs, CINISELLO_2012_2017);
    expect(rows.find((r) => r.year === 2017)).toMatchObject({ origin: 'history', issued: 14 });
    expect(rows.at(-1)).toMatchObject({ year: 2026, origin: 'register', issued: 1, total: 1 });
  });

  it('refuses imported rows with a bad year, a duplicate year or a split that does not add up', () => {
    const ok = {
      issuedLandlordNeed: null,
      issuedEndOfLease: null,
      issuedArrearsOther: null,
      executionRequests: null,
      executed: 1,
    };
    const errors = checkHistoricalTotals(
      [
        { year: 2012, issued: 5, ...ok },
        { year: 2012, issued: 5, ...ok },
        { year: 2031, issued: 5, ...ok },
        { year: 2013, issued: 5, ...ok, issuedLandlordNeed: 1, issuedEndOfLease: 1, issuedArrearsOther: 1 },
      ],
      2026,
    );
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'year_duplicate'],
      [3, 'year_out_of_range'],
      [4, 'split_mismatch'],
    ]);
    expect(checkHistoricalTotals(CINISELLO_2012_2017, 2026)).toEqual([]);
  });
});

describe('eviction alerts (the day is a parameter)', () => {
  const facts = {
    id: 'e1',
    code: 'SF-2026-00001',
    householdId: 'h1',
    status: 'release_date_set' as const,
    plannedReleaseOn: d('2026-12-20'),
    socialWorkerAssigned: true,
    arrearsFund: 'not_eligible' as const,
    appliedToArrearsFund: null,
  };
  const opts = { today: d('2026-11-26'), releaseWindowDays: 30 };
  const codes = (f: Parameters<typeof evictionAlerts>[0], o = opts) => evictionAlerts(f, o).map((a) => a.code);

  it('a release within 30 days raises an alert; 31 days ahead does not', () => {
    expect(codes(facts)).toEqual(['release_within_window']);
    expect(codes({ ...facts, plannedReleaseOn: d('2026-12-26') })).toEqual(['release_within_window']);
    expect(codes({ ...facts, plannedReleaseOn: d('2026-12-27') })).toEqual([]);
    expect(evictionAlerts({ ...facts, plannedReleaseOn: d('2026-11-30') }, opts)[0]?.severity).toBe('high');
  });
  it('a release date passed without an outcome is flagged', () => {
    expect(codes({ ...facts, plannedReleaseOn: d('2026-11-25') })).toEqual(['release_date_passed']);
  });
  it('no social worker assigned', () => {
    expect(codes({ ...facts, plannedReleaseOn: null, socialWorkerAssigned: false })).toEqual(['no_social_worker']);
  });
  it('eligible (or to verify) for the arrears fund and no application; none once applied', () => {
    expect(codes({ ...facts, plannedReleaseOn: null, arrearsFund: 'to_verify' })).toEqual(['arrears_fund_not_applied']);
    expect(codes({ ...facts, plannedReleaseOn: null, arrearsFund: 'eligible', appliedToArrearsFund: true })).toEqual(
      [],
    );
    expect(codes({ ...facts, plannedReleaseOn: null, status: 'reported', arrearsFund: 'eligible' })).toEqual([]);
  });
  it('a closed procedure raises nothing', () => {
    expect(codes({ ...facts, status: 'executed', socialWorkerAssigned: false })).toEqual([]);
  });
});

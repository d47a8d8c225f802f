import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../kernel/plain-date.js';
import { placementAlerts, unpaidMonths, type PlacementAlertFacts } from './alerts.js';
import {
  checkCapacity,
  checkRenewal,
  checkStayDates,
  checkTargetGroup,
  DEFAULT_STAY_RULES,
  placesTakenOn,
} from './placement-rules.js';

const d = (s: string) => s as PlainDate;
const HOSP = DEFAULT_STAY_RULES.hospitality;
const SAT = DEFAULT_STAY_RULES.sat;

describe('stay dates and renewals (seed: 6 months renewable once for 6; SAT rules.md §1.4)', () => {
  it('the planned end follows the start and stays within the first period', () => {
    expect(checkStayDates(d('2026-01-15'), d('2026-07-15'), HOSP)).toBeNull();
    expect(checkStayDates(d('2026-01-15'), d('2026-07-16'), HOSP)?.code).toBe('STAY_TOO_LONG');
    expect(checkStayDates(d('2026-01-15'), d('2026-01-15'), HOSP)?.code).toBe('DATES_OUT_OF_ORDER');
    expect(checkStayDates(d('2026-01-15'), d('2027-01-15'), SAT)).toBeNull();
  });

  it('hospitality: one renewal of 6 months, a second is refused', () => {
    const stay = { startsOn: d('2026-01-15'), plannedEndOn: d('2026-07-15'), renewals: 0, exitedOn: null };
    expect(checkRenewal(stay, d('2026-07-01'), HOSP)).toEqual({ ok: true, newEndOn: '2027-01-15' });
    const second = checkRenewal({ ...stay, plannedEndOn: d('2027-01-15'), renewals: 1 }, d('2027-01-01'), HOSP);
    expect(second).toMatchObject({ ok: false, code: 'RENEWAL_LIMIT_REACHED' });
    if (!second.ok) expect(second.message).toContain('un solo rinnovo');
  });

  it('a renewal after the contract expired, or of an ended stay, is refused', () => {
    const stay = { startsOn: d('2026-01-15'), plannedEndOn: d('2026-07-15'), renewals: 0, exitedOn: null };
    expect(checkRenewal(stay, d('2026-07-16'), HOSP)).toMatchObject({ ok: false, code: 'STAY_EXPIRED' });
    expect(checkRenewal({ ...stay, exitedOn: d('2026-05-01') }, d('2026-05-02'), HOSP)).toMatchObject({
      ok: false,
      code: 'STAY_ENDED',
    });
    expect(checkRenewal(stay, d('2026-07-01'), HOSP, 7)).toMatchObject({ ok: false, code: 'RENEWAL_TOO_LONG' });
  });

  it('SAT: renewals up to 5 years in all, never beyond', () => {
    let stay = { startsOn: d('2026-01-01'), plannedEndOn: d('2027-01-01'), renewals: 0, exitedOn: null };
    for (let i = 0; i < 4; i++) {
      const r = checkRenewal(stay, stay.plannedEndOn, SAT);
      expect(r.ok).toBe(true);
      if (r.ok) stay = { ...stay, plannedEndOn: r.newEndOn, renewals: stay.renewals + 1 };
    }
    expect(stay.plannedEndOn).toBe('2031-01-01');
    expect(checkRenewal(stay, stay.plannedEndOn, SAT)).toMatchObject({ ok: false, code: 'RENEWAL_LIMIT_REACHED' });
    expect(checkRenewal({ ...stay, renewals: 0 }, stay.plannedEndOn, SAT)).toMatchObject({
      ok: false,
      code: 'STAY_TOO_LONG',
    });
  });
});

describe('capacity in places', () => {
  const unit = { capacityPlaces: 4, code: 'TMP-01' };
  const stays = [
    { id: 'a', placesUsed: 2, startsOn: d('2026-01-01'), plannedEndOn: d('2026-07-01'), exitedOn: null },
    { id: 'b', placesUsed: 1, startsOn: d('2026-03-01'), plannedEndOn: d('2026-09-01'), exitedOn: d('2026-04-01') },
  ];
  it('counts the places taken on a day', () => {
    expect(placesTakenOn(stays, d('2026-03-15'))).toBe(3);
    expect(placesTakenOn(stays, d('2026-04-01'))).toBe(2);
    expect(placesTakenOn(stays, d('2026-07-01'))).toBe(0);
  });
  it('a stay that fits is accepted; one beyond the free places is refused with the numbers', () => {
    const today = d('2026-02-01');
    expect(
      checkCapacity(unit, stays, { placesUsed: 1, startsOn: d('2026-02-01'), plannedEndOn: d('2026-08-01') }, today),
    ).toBeNull();
    const r = checkCapacity(
      unit,
      stays,
      { placesUsed: 2, startsOn: d('2026-02-01'), plannedEndOn: d('2026-08-01') },
      today,
    );
    expect(r?.code).toBe('CAPACITY_EXCEEDED');
    expect(r?.message).toContain('resta libero 1, non 2');
    expect(
      checkCapacity(unit, stays, { placesUsed: 2, startsOn: d('2026-07-01'), plannedEndOn: d('2026-12-01') }, today),
    ).toBeNull();
  });
  it('a stay past its planned end without an exit still holds its places', () => {
    const today = d('2026-08-01');
    expect(
      checkCapacity(unit, stays, { placesUsed: 3, startsOn: d('2026-08-01'), plannedEndOn: d('2026-12-01') }, today)
        ?.code,
    ).toBe('CAPACITY_EXCEEDED');
  });
});

describe('eligibility per the unit’s target group (seed: women alone or with minors)', () => {
  it('a woman with her children fits; a couple or a man does not, and the reason is said', () => {
    expect(
      checkTargetGroup('women_alone_or_with_minors', [
        { age: 35, sex: 'F' },
        { age: 8, sex: 'M' },
      ]).eligible,
    ).toBe(true);
    const couple = checkTargetGroup('women_alone_or_with_minors', [
      { age: 35, sex: 'F' },
      { age: 38, sex: 'M' },
    ]);
    expect(couple.eligible).toBe(false);
    expect(couple.text).toContain('un solo adulto nel nucleo');
    const man = checkTargetGroup('women_alone_or_with_minors', [{ age: 40, sex: 'M' }]);
    expect(man.checks.map((c) => c.outcome)).toEqual(['met', 'not_met']);
    expect(checkTargetGroup('families_with_minors', [{ age: 40, sex: 'M' }]).eligible).toBe(false);
    expect(checkTargetGroup('any', [{ age: 40, sex: 'M' }]).eligible).toBe(true);
  });
});

describe('temporary-housing alerts (the day is a parameter)', () => {
  const p: PlacementAlertFacts = {
    id: 'p1',
    code: 'OSP-2026-0001',
    householdId: 'h1',
    startsOn: d('2026-06-10'),
    plannedEndOn: d('2026-12-10'),
    exitedOn: null,
    hasExitPlan: false,
    lastReportOn: d('2026-11-01'),
    monthlyCopaymentCents: 5000,
    paidByMonth: { '2026-06': 5000, '2026-07': 5000, '2026-08': 5000, '2026-09': 5000, '2026-10': 5000 },
  };
  const o = { today: d('2026-11-26'), exitWindowDays: 30, reportEveryDays: 30 };
  const codes = (x: typeof p, opts = o) => placementAlerts(x, opts).map((a) => a.code);
  it('a stay ending within 30 days without an exit plan', () => {
    expect(codes(p)).toEqual(['stay_ending_without_exit_plan']);
    expect(codes({ ...p, hasExitPlan: true })).toEqual([]);
    expect(codes({ ...p, plannedEndOn: d('2026-12-27') })).toEqual([]);
  });
  it('an overdue educator report, counted from the last report or the start', () => {
    expect(codes({ ...p, hasExitPlan: true, lastReportOn: d('2026-10-26') })).toEqual(['educator_report_overdue']);
    expect(codes({ ...p, hasExitPlan: true, lastReportOn: d('2026-10-27') })).toEqual([]);
    expect(codes({ ...p, hasExitPlan: true, lastReportOn: null })).toEqual(['educator_report_overdue']);
  });
  it('unpaid co-payments per month that is over; a partial payment leaves the rest due', () => {
    expect(unpaidMonths({ ...p, paidByMonth: { '2026-06': 5000, '2026-07': 2000 } }, d('2026-09-15'))).toEqual([
      { month: '2026-07', missingCents: 3000 },
      { month: '2026-08', missingCents: 5000 },
    ]);
    const a = placementAlerts({ ...p, hasExitPlan: true, paidByMonth: {} }, o).find(
      (x) => x.code === 'copayment_unpaid',
    );
    expect(a?.severity).toBe('high');
    expect(a?.detail).toContain('06/2026');
  });
  it('an ended stay raises no exit or report alert', () => {
    expect(codes({ ...p, exitedOn: d('2026-11-20') })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { plainDate } from '../kernel/plain-date.js';
import {
  checkAlertWindows,
  checkStayDurations,
  DEFAULT_EMERGENCY_SETTINGS,
  mergeEmergencySettings,
  SAT_MAX_TOTAL_MONTHS,
} from './emergency-settings.js';
import { checkRenewal, checkStayDates, DEFAULT_STAY_RULES } from './placement-rules.js';

const seed = { initialMonths: 6, renewalMonths: 6, maxRenewals: 1, maxTotalMonths: 12 };

describe('housing-emergency settings', () => {
  it('accepts the defaults (the seed’s 6 + 6 months; SAT 12 months renewable up to 5 years)', () => {
    expect(checkStayDurations('hospitality', seed)).toEqual([]);
    expect(checkStayDurations('sat', DEFAULT_STAY_RULES.sat)).toEqual([]);
    expect(checkAlertWindows(DEFAULT_EMERGENCY_SETTINGS.alerts)).toEqual([]);
  });

  it('refuses durations that do not fit together, each at its path', () => {
    expect(checkStayDurations('hospitality', { ...seed, initialMonths: 0 })).toEqual([
      expect.objectContaining({ path: 'stayRules.hospitality.initialMonths', code: 'out_of_range' }),
    ]);
    expect(checkStayDurations('hospitality', { ...seed, maxRenewals: 1.5 })[0]?.path).toBe(
      'stayRules.hospitality.maxRenewals',
    );
    expect(checkStayDurations('hospitality', { ...seed, initialMonths: 9, maxTotalMonths: 8, maxRenewals: 0 })).toEqual(
      [expect.objectContaining({ code: 'shorter_than_first_period' })],
    );
    // 6 + 1 × 6 = 12: a longest stay of 18 months can never be reached.
    expect(checkStayDurations('hospitality', { ...seed, maxTotalMonths: 18 })).toEqual([
      expect.objectContaining({ path: 'stayRules.hospitality.maxTotalMonths', code: 'unreachable' }),
    ]);
  });

  it('never lets a SAT stay go past 5 years (DGR XI/2063/2019, rules.md §1.4)', () => {
    const longer = { initialMonths: 12, renewalMonths: 12, maxRenewals: 5, maxTotalMonths: 72 };
    expect(checkStayDurations('sat', longer)).toEqual([
      expect.objectContaining({ path: 'stayRules.sat.maxTotalMonths', code: 'over_legal_limit' }),
    ]);
    expect(checkStayDurations('sat', { ...longer, maxTotalMonths: SAT_MAX_TOTAL_MONTHS })).toEqual([]);
    // The agency's own hospitality contract has no such legal limit.
    expect(checkStayDurations('hospitality', longer)).toEqual([]);
  });

  it('refuses alert windows outside 1–365 days', () => {
    expect(
      checkAlertWindows({ releaseWithinDays: 0, exitPlanDays: 30, reportEveryDays: 400 }).map((p) => p.path),
    ).toEqual(['alerts.releaseWithinDays', 'alerts.reportEveryDays']);
  });

  it('merges stored durations over the defaults, and the rules then apply them', () => {
    const s = mergeEmergencySettings({
      stayRules: { hospitality: { initialMonths: 3, renewalMonths: 3, maxRenewals: 2, maxTotalMonths: 9 } },
    });
    expect(s.stayRules.sat).toBe(DEFAULT_STAY_RULES.sat);
    expect(s.alerts).toEqual(DEFAULT_EMERGENCY_SETTINGS.alerts);
    const h = s.stayRules.hospitality;
    expect(h).toMatchObject({ initialMonths: 3, maxRenewals: 2, label: DEFAULT_STAY_RULES.hospitality.label });
    expect(h.source).toContain('durate impostate dall’Agenzia');
    const start = plainDate('2026-01-01');
    expect(checkStayDates(start, plainDate('2026-06-30'), h)?.code).toBe('STAY_TOO_LONG');
    expect(checkStayDates(start, plainDate('2026-04-01'), h)).toBeNull();
    const stay = { startsOn: start, plannedEndOn: plainDate('2026-07-01'), renewals: 1, exitedOn: null };
    expect(checkRenewal(stay, plainDate('2026-06-15'), h)).toEqual({ ok: true, newEndOn: plainDate('2026-10-01') });
    // Unchanged values keep the source as it is.
    expect(mergeEmergencySettings({ stayRules: { hospitality: seed } }).stayRules.hospitality.source).toBe(
      DEFAULT_STAY_RULES.hospitality.source,
    );
  });
});

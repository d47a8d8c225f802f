import { describe, expect, it } from 'vitest';
import { slotAt } from './jobs/schedule.js';
import { loadConfig } from './config.js';

describe('loadConfig: the retention job time', () => {
  it('defaults to 02:30 and takes an HH:MM time', () => {
    expect(loadConfig({}).retentionAt).toBe('02:30');
    expect(loadConfig({ ABITARE_RETENTION_AT: '00:00' }).retentionAt).toBe('00:00');
    expect(loadConfig({ ABITARE_RETENTION_AT: '23:59' }).retentionAt).toBe('23:59');
  });

  it('refuses a time that is not HH:MM, naming the variable', () => {
    for (const bad of ['2:30', '24:00', '12:60', 'mezzanotte', '']) {
      expect(() => loadConfig({ ABITARE_RETENTION_AT: bad }), bad).toThrow(
        /ABITARE_RETENTION_AT: deve essere un orario HH:MM/,
      );
    }
  });

  it('makes the job due from that local time on', () => {
    // 00:05 in Rome on 27 November 2026 (23:05 UTC the day before): before 02:30, after 00:00.
    const justAfterMidnight = new Date('2026-11-26T23:05:00Z');
    const at = (hhmm: string) =>
      slotAt(
        { dailyAt: loadConfig({ ABITARE_RETENTION_AT: hhmm }).retentionAt, timeZone: 'Europe/Rome' },
        justAfterMidnight,
      );
    expect(at('02:30')).toBeNull();
    expect(at('00:00')).toBe('2026-11-27');
  });
});

// When a scheduled job is due: its schedule maps an instant to a slot, and a slot runs once.
import { plainDateOf } from '../../core/kernel/plain-date.js';

export type Schedule =
  /** Every N minutes, slots aligned on the epoch (UTC). */
  | { readonly everyMinutes: number }
  /** Once a day, from HH:MM local time on (the slot is the local day; a late start catches up). */
  | { readonly dailyAt: string; readonly timeZone?: string };

export function describeSchedule(schedule: Schedule): string {
  return 'everyMinutes' in schedule
    ? `every ${schedule.everyMinutes} min`
    : `daily at ${schedule.dailyAt} ${schedule.timeZone ?? 'Europe/Rome'}`;
}

function localMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}

/** The slot due at `now`, or null when the job has nothing due yet (a daily job before its hour). */
export function slotAt(schedule: Schedule, now: Date): string | null {
  if ('everyMinutes' in schedule) {
    const width = schedule.everyMinutes * 60_000;
    if (!(width > 0)) throw new RangeError('everyMinutes must be positive');
    return new Date(Math.floor(now.getTime() / width) * width).toISOString();
  }
  const match = /^(\d\d):(\d\d)$/.exec(schedule.dailyAt);
  if (!match) throw new RangeError(`dailyAt must be HH:MM: ${schedule.dailyAt}`);
  const timeZone = schedule.timeZone ?? 'Europe/Rome';
  const at = Number(match[1]) * 60 + Number(match[2]);
  return localMinutes(now, timeZone) >= at ? plainDateOf(now, timeZone) : null;
}

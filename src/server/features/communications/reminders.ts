// Deadline reminders, written by a daily scheduled job: each has a dedupe key, so running the job
// again (or on two processes) never writes the same reminder twice.
import { correctionWindow } from '../../../core/sap/deadlines.js';
import { addDays, plainDateOf, type PlainDate } from '../../../core/kernel/plain-date.js';
import type { DbExecutor } from '../../db/client.js';
import { recordMessage, type MessageSettings } from './communications.actions.js';
import {
  listAppointmentsBetween,
  listIseeExpiring,
  listProvisionalPublications,
  listRunPositions,
  listStaysEnding,
} from './reminders.queries.js';

/** Days before a deadline the reminder is sent. [U] Agency practice, a parameter. */
export const REMINDER_DAYS = { correctionWindow: 3, isee: 30, stayEnding: 30, appointment: 1 } as const;

export interface ReminderResult {
  provisionalLetters: number;
  correctionReminders: number;
  iseeReminders: number;
  stayReminders: number;
  appointmentReminders: number;
}

export async function generateReminders(
  db: DbExecutor,
  settings: MessageSettings,
  today: PlainDate,
  now: Date,
): Promise<ReminderResult> {
  const result: ReminderResult = {
    provisionalLetters: 0,
    correctionReminders: 0,
    iseeReminders: 0,
    stayReminders: 0,
    appointmentReminders: 0,
  };
  const source = { now, actor: null };
  // Provisional rankings (RR 4/2017 art. 12): a letter to each applicant with their positions, and a
  // reminder a few days before the correction window closes. A window fully in the past needs neither.
  const since = addDays(today, -15);
  for (const publication of await listProvisionalPublications(db, since)) {
    const publishedOn = String(publication.on_date) as PlainDate;
    const window = correctionWindow(publishedOn);
    if (window.until < today) continue;
    const byApplication = new Map<string, Awaited<ReturnType<typeof listRunPositions>>>();
    for (const row of await listRunPositions(db, publication.run_id)) {
      const list = byApplication.get(row.application_id) ?? [];
      list.push(row);
      byApplication.set(row.application_id, list);
    }
    for (const [applicationId, rows] of byApplication) {
      const first = rows[0];
      if (!first) continue;
      await db.transaction().execute(async (trx) => {
        const letter = await recordMessage(trx, source, settings, {
          householdId: first.household_id,
          letter: true,
          dedupeKey: `ranking-provisional:${publication.run_id}:${applicationId}`,
          params: {
            template: 'ranking_provisional_published',
            callName: publication.call_name,
            applicationProtocol: first.protocol,
            publishedOn,
            correctionUntil: window.until,
            positions: rows
              .map((r) => ({ ranking: `${r.owner_name} – ${r.comune_name}`, position: r.position, total: r.total }))
              .sort((a, b) => (a.ranking < b.ranking ? -1 : 1)),
          },
        });
        if (letter) result.provisionalLetters += 1;
        if (addDays(window.until, -REMINDER_DAYS.correctionWindow) <= today) {
          const reminder = await recordMessage(trx, source, settings, {
            householdId: first.household_id,
            letter: false,
            dedupeKey: `correction-window:${publication.run_id}:${applicationId}`,
            params: {
              template: 'correction_window_closing',
              callName: publication.call_name,
              applicationProtocol: first.protocol,
              correctionUntil: window.until,
            },
          });
          if (reminder) result.correctionReminders += 1;
        }
      });
    }
  }
  // ISEE (DPCM 159/2013 art. 10): valid until 31 December of the year of the DSU; a month's notice.
  for (const isee of await listIseeExpiring(db, today, addDays(today, REMINDER_DAYS.isee))) {
    const written = await db.transaction().execute((trx) =>
      recordMessage(trx, source, settings, {
        householdId: isee.household_id,
        letter: false,
        dedupeKey: `isee:${isee.household_id}:${isee.valid_until}`,
        params: { template: 'isee_expiring', validUntil: isee.valid_until as PlainDate, iseeProtocol: isee.protocol },
      }),
    );
    if (written) result.iseeReminders += 1;
  }
  // Temporary housing: a month's notice of the end of the stay (DGR XI/2063 of 2019 for SAT).
  for (const stay of await listStaysEnding(db, today, addDays(today, REMINDER_DAYS.stayEnding))) {
    const written = await db.transaction().execute((trx) =>
      recordMessage(trx, source, settings, {
        householdId: stay.household_id,
        letter: true,
        dedupeKey: `stay-ending:${stay.id}:${stay.planned_end_on}`,
        params: {
          template: 'stay_ending',
          accommodation: `l’alloggio temporaneo di ${stay.address}`,
          endsOn: stay.planned_end_on as PlainDate,
          contact: stay.educator_name
            ? `l’educatore di riferimento (${stay.educator_name})`
            : 'l’assistente sociale di riferimento',
        },
      }),
    );
    if (written) result.stayReminders += 1;
  }
  // Desk appointments of tomorrow (slots of the front desk).
  const tomorrow = addDays(today, REMINDER_DAYS.appointment);
  const timeOf = (iso: string) =>
    new Intl.DateTimeFormat('it-IT', {
      timeZone: settings.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
  const dayStart = (d: PlainDate) => new Date(`${d}T00:00:00Z`).getTime();
  for (const b of await listAppointmentsBetween(
    db,
    new Date(dayStart(tomorrow) - 2 * 3_600_000).toISOString(),
    new Date(dayStart(addDays(tomorrow, 1)) + 2 * 3_600_000).toISOString(),
  )) {
    const startsAt = new Date(b.starts_at).toISOString();
    if (plainDateOf(new Date(startsAt), settings.timeZone) !== tomorrow) continue;
    const written = await db.transaction().execute((trx) =>
      recordMessage(trx, source, settings, {
        householdId: b.household_id,
        letter: false,
        dedupeKey: `appointment:${b.id}`,
        params: {
          template: 'appointment_reminder',
          on: tomorrow,
          time: timeOf(startsAt),
          place: b.place,
          purpose: b.purpose,
        },
      }),
    );
    if (written) result.appointmentReminders += 1;
  }
  return result;
}

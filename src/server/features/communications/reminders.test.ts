import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { seedSapCall } from '../../../../test/sap-builders.js';
import { createJobRunner } from '../../jobs/runner.js';
import { registerCommunicationJobs } from './communications.jobs.js';
import { generateReminders } from './reminders.js';

const settings = { office: 'sportello', timeZone: 'Europe/Rome' };
const d = (s: string) => s as PlainDate;

describe.each(testDialects())('deadline reminders on %s', (dialect) => {
  let t: TestApp;
  let householdIds: string[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const call = await seedSapCall(t.testDb.db, {
      opensOn: '2026-10-01',
      closesOn: '2026-11-20',
      units: [{ code: 'U-R-1', owner: 'aler', comune: 'cinisello', areaM2: 50 }],
      applications: [
        {
          platformId: 'R-001',
          isbar: 30,
          iseeEuro: 9000,
          submittedAt: '2026-10-02T09:00:00Z',
          members: 2,
          choices: ['U-R-1'],
        },
        {
          platformId: 'R-002',
          isbar: 20,
          iseeEuro: 7000,
          submittedAt: '2026-10-03T09:00:00Z',
          members: 2,
          choices: ['U-R-1'],
        },
      ],
    });
    const erp = await t.login('erp');
    expect((await erp.request('POST', `/api/calls/${call.callId}/rankings`, {})).statusCode).toBe(201);
    const published = await erp.request('POST', `/api/calls/${call.callId}/rankings/publish`, { onDate: '2026-11-25' });
    expect(published.statusCode).toBe(200);
    householdIds = (
      await t.testDb.db.kysely
        .selectFrom('applications')
        .select('household_id')
        .where('call_id', '=', call.callId)
        .execute()
    ).map((r) => r.household_id);
  });
  afterAll(async () => {
    await t.close();
  });

  const messages = (template: string) =>
    t.testDb.db.kysely.selectFrom('messages').selectAll().where('template', '=', template).execute();

  it('writes one protocolled letter per applicant when a provisional ranking is published (RR 4/2017 art. 12)', async () => {
    const k = t.testDb.db.kysely;
    const first = await generateReminders(k, settings, d('2026-11-26'), new Date('2026-11-26T06:00:00Z'));
    expect(first).toMatchObject({ provisionalLetters: 2, correctionReminders: 0 });
    const letters = await messages('ranking_provisional_published');
    expect(letters.map((l) => l.household_id).sort()).toEqual([...householdIds].sort());
    expect(letters.every((l) => l.protocol_entry_id !== null)).toBe(true);
    const r001 = letters.find((l) => l.body.includes('P-R-001'));
    expect(r001?.body).toContain('ALER Milano – Cinisello Balsamo: posizione 1 su 2');
    expect(r001?.body).toContain('entro il 10 dicembre 2026');
    // Run again: nothing new, and no protocol number is consumed.
    const again = await generateReminders(k, settings, d('2026-11-26'), new Date('2026-11-26T07:00:00Z'));
    expect(again).toMatchObject({ provisionalLetters: 0 });
    expect(await k.selectFrom('protocol_entries').select('id').execute()).toHaveLength(2);
  });

  it('reminds three days before the correction window closes, once', async () => {
    const k = t.testDb.db.kysely;
    expect(await generateReminders(k, settings, d('2026-12-06'), new Date('2026-12-06T06:00:00Z'))).toMatchObject({
      correctionReminders: 0,
    });
    expect(await generateReminders(k, settings, d('2026-12-07'), new Date('2026-12-07T06:00:00Z'))).toMatchObject({
      correctionReminders: 2,
    });
    expect(await generateReminders(k, settings, d('2026-12-08'), new Date('2026-12-08T06:00:00Z'))).toMatchObject({
      correctionReminders: 0,
    });
    // After the window nothing more is written.
    expect(await generateReminders(k, settings, d('2026-12-11'), new Date('2026-12-11T06:00:00Z'))).toMatchObject({
      provisionalLetters: 0,
      correctionReminders: 0,
    });
  });

  it('reminds a stay in temporary housing ending within 30 days and tomorrow’s desk appointment, once each', async () => {
    const k = t.testDb.db.kysely;
    const householdId = householdIds[1]!;
    const at = '2026-11-01T09:00:00.000Z';
    await k
      .insertInto('temporary_units')
      .values({
        id: 'tu-r',
        code: 'AT-R',
        partner_id: 'partner-rondine',
        agreement_id: null,
        comune_id: 'comune-cinisello',
        address: 'Via Gorki 3',
        capacity_places: 4,
        rooms: 2,
        shared: 0,
        target_group: 'famiglie',
        stay_kind: 'hospitality',
        active: 1,
        notes: null,
        created_at: at,
      })
      .execute();
    await k
      .insertInto('placements')
      .values({
        id: 'pl-r',
        code: 'IN-R',
        household_id: householdId,
        unit_id: 'tu-r',
        eviction_id: null,
        places_used: 2,
        stay_kind: 'hospitality',
        starts_on: '2026-06-01',
        planned_end_on: '2026-12-20',
        monthly_grant_cents: 40_000,
        monthly_copayment_cents: 5_000,
        educator_name: 'Giulia Bassi',
        exit_plan: null,
        exit_plan_on: null,
        exited_on: null,
        exit_destination: null,
        exit_note: null,
        share_id: null,
        version: 1,
        created_at: at,
        created_by: null,
        updated_at: at,
      } as never)
      .execute();
    const operator = await k
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sportello')
      .executeTakeFirstOrThrow();
    await k
      .insertInto('appointment_slots')
      .values({
        id: 'slot-r',
        operator_id: operator.id,
        starts_at: '2026-12-02T08:30:00.000Z',
        ends_at: '2026-12-02T09:00:00.000Z',
        place: 'sportello di Piazza Confalonieri 5',
        created_at: at,
        created_by: null,
      })
      .execute();
    await k
      .insertInto('appointment_bookings')
      .values({
        id: 'bk-r',
        slot_key: 'slot-r',
        slot_id: 'slot-r',
        household_id: householdId,
        contact_id: null,
        purpose: 'la consegna dei documenti',
        booked_at: at,
        booked_by: null,
        cancelled_at: null,
      })
      .execute();
    const run = (day: string) => generateReminders(k, settings, d(day), new Date(`${day}T06:00:00Z`));
    expect(await run('2026-11-30')).toMatchObject({ stayReminders: 1, appointmentReminders: 0 });
    expect(await run('2026-12-01')).toMatchObject({ stayReminders: 0, appointmentReminders: 1 });
    expect(await run('2026-12-01')).toMatchObject({ stayReminders: 0, appointmentReminders: 0 });
    const [stay] = await messages('stay_ending');
    expect(stay?.body).toContain('termina il 20 dicembre 2026');
    expect(stay?.protocol_entry_id).not.toBeNull();
    const [appointment] = await messages('appointment_reminder');
    // 08:30 UTC is 09:30 in Rome.
    expect(appointment?.body).toContain('mercoledì 2 dicembre 2026 alle ore 09:30');
  });

  it('reminds an ISEE expiring within 30 days, through the daily job, once across two runners', async () => {
    const k = t.testDb.db.kysely;
    const householdId = householdIds[0]!;
    await k
      .insertInto('isee_records')
      .values({
        id: 'isee-r-1',
        household_id: householdId,
        kind: 'ordinario',
        protocol: 'INPS-ISEE-2026-R1',
        value_cents: 900_000,
        dsu_submitted_on: '2026-01-15',
        valid_until: '2026-12-31',
        members_count: 2,
        isee_members: null,
        created_at: '2026-01-15T09:00:00Z',
        created_by: null,
      })
      .execute();
    const clock = { now: new Date('2026-12-10T06:30:00Z') };
    const config = t.app.deps.config;
    const a = createJobRunner({ db: t.testDb.db, now: () => clock.now, runnerId: 'a' });
    const b = createJobRunner({ db: t.testDb.db, now: () => clock.now, runnerId: 'b' });
    registerCommunicationJobs(a, config, () => clock.now, {});
    registerCommunicationJobs(b, config, () => clock.now, {});
    await Promise.all([a.tick(), b.tick()]);
    expect(await messages('isee_expiring')).toHaveLength(1);
    const [m] = await messages('isee_expiring');
    expect(m?.subject).toBe('La sua attestazione ISEE scade il 31 dicembre 2026');
    const timeline = await k.selectFrom('timeline_events').select('title').where('source_id', '=', m!.id).execute();
    expect(timeline[0]?.title).toBe('Comunicazione: La sua attestazione ISEE scade il 31 dicembre 2026');
    clock.now = new Date('2026-12-11T06:30:00Z');
    await Promise.all([a.tick(), b.tick()]);
    expect(await messages('isee_expiring')).toHaveLength(1);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { ANNA, householdInput, LUCA, syntheticFiscalCode } from '../../../../test/builders.js';
import { testDialects } from '../../../../test/db.js';
import { diffFingerprints, fingerprint } from '../../../../test/reliability/helpers.js';
import type { PersonExport } from '../../../shared/privacy.js';
import { runRetention } from './privacy.actions.js';

describe.each(testDialects())('data-protection duties on %s', (dialect) => {
  let t: TestApp;
  let front: Session;
  let manager: Session;
  let householdId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    front = await t.login('sportello');
    manager = await t.login('dirigente');
    const created = await front.request('POST', '/api/households', householdInput());
    expect(created.statusCode).toBe(201);
    householdId = (created.json() as { id: string }).id;
    expect(
      (
        await front.request('POST', `/api/households/${householdId}/notes`, {
          audience: 'all',
          body: 'Colloquio del 20 novembre.',
        })
      ).statusCode,
    ).toBe(201);
    const other = householdInput({
      members: [
        {
          fiscalCode: syntheticFiscalCode({ surname3: 'NRE', name3: 'PLA', birthDate: '1990-05-05', sex: 'F' }),
          firstName: 'Paola',
          lastName: 'Neri',
          birthDate: '1990-05-05',
          sex: 'F',
          relation: 'applicant',
          citizenship: 'italian',
        },
      ],
    });
    expect((await front.request('POST', '/api/households', other)).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('exports everything held about a fiscal code, across tables, and audits the export (art. 15 GDPR)', async () => {
    const res = await manager.request('GET', `/api/privacy/persons/${LUCA.fiscalCode}/export`);
    expect(res.statusCode).toBe(200);
    const data = res.json() as PersonExport;
    expect(data.householdIds).toEqual([householdId]);
    expect(Object.keys(data.tables)).toEqual(
      expect.arrayContaining(['households', 'members', 'household_notes', 'timeline_events', 'audit_log']),
    );
    expect(data.tables.members?.map((m) => m.fiscal_code).sort()).toEqual([ANNA.fiscalCode, LUCA.fiscalCode].sort());
    expect(JSON.stringify(data.tables)).toContain('Colloquio del 20 novembre.');
    // The other household is not part of it.
    expect(JSON.stringify(data.tables)).not.toContain('Neri');
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'privacy_export')
      .where('household_id', '=', householdId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.username).toBe('dirigente');

    const pdf = await manager.request('GET', `/api/privacy/persons/${LUCA.fiscalCode}/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses the export to other roles and records the refusal', async () => {
    const res = await front.request('GET', `/api/privacy/persons/${ANNA.fiscalCode}/export`);
    expect(res.statusCode).toBe(403);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'privacy_export')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.username)).toContain('sportello');
  });

  it('pseudonymises files closed for longer than the retention period, keeping the statistics', async () => {
    const k = t.testDb.db.kysely;
    // The file of Anna and Luca has had no activity since 2014.
    const old = '2014-03-01T10:00:00.000Z';
    await k.updateTable('households').set({ created_at: old, updated_at: old }).where('id', '=', householdId).execute();
    await k.updateTable('timeline_events').set({ at: old }).where('household_id', '=', householdId).execute();
    await k.updateTable('household_notes').set({ created_at: old }).where('household_id', '=', householdId).execute();
    await k.updateTable('members').set({ created_at: old }).where('household_id', '=', householdId).execute();
    const source = { now: t.clock.now, actor: null, method: 'TEST', path: 'retention' };

    const before = await fingerprint(t.testDb.db);
    const dry = await runRetention(t.testDb.db, source, { years: 10, dryRun: true, timeZone: 'Europe/Rome' });
    expect(dry).toMatchObject({ dryRun: true, households: 1, cutoffOn: '2016-11-26' });
    expect(dry.statistics).toEqual({ 'Cinisello Balsamo 2014': { households: 1, members: 2, applications: 0 } });
    expect(diffFingerprints(before, await fingerprint(t.testDb.db))).toEqual([]);

    const run = await runRetention(t.testDb.db, source, { years: 10, dryRun: false, timeZone: 'Europe/Rome' });
    expect(run.households).toBe(1);
    const members = await k.selectFrom('members').selectAll().where('household_id', '=', householdId).execute();
    expect(
      members.every((m) => !m.fiscal_code.includes(ANNA.fiscalCode.slice(0, 6)) && m.first_name === 'Omissis'),
    ).toBe(true);
    expect(members.map((m) => m.birth_date).sort()).toEqual(['1984-01-01', '2015-01-01']);
    const household = await k
      .selectFrom('households')
      .selectAll()
      .where('id', '=', householdId)
      .executeTakeFirstOrThrow();
    expect(household).toMatchObject({
      comune_id: 'comune-cinisello',
      address_city: 'Cinisello Balsamo',
      phone: null,
      email: null,
    });
    const notes = await k
      .selectFrom('household_notes')
      .select('body')
      .where('household_id', '=', householdId)
      .execute();
    expect(notes.every((n) => !n.body.includes('Colloquio'))).toBe(true);
    // The statistics still count the file: Comune, year, members.
    const count = await sql<{
      n: number;
    }>`select count(*) as n from members where household_id = ${householdId}`.execute(k);
    expect(Number(count.rows[0]?.n)).toBe(2);
    // Nothing is found any more by the old fiscal code; the other household was not touched.
    const after = (
      await manager.request('GET', `/api/privacy/persons/${ANNA.fiscalCode}/export`)
    ).json() as PersonExport;
    expect(after.householdIds).toEqual([]);
    const neri = await k.selectFrom('members').select('last_name').where('last_name', '=', 'Neri').execute();
    expect(neri).toHaveLength(1);
    // A second run finds nothing left to do.
    expect(
      (await runRetention(t.testDb.db, source, { years: 10, dryRun: false, timeZone: 'Europe/Rome' })).households,
    ).toBe(0);
    const runs = await k.selectFrom('retention_runs').selectAll().execute();
    expect(runs).toHaveLength(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { createHousehold, evictionInput } from '../../../../test/emergency-fixtures.js';

interface Detail {
  id: string;
  code: string;
  status: string;
  version: number;
  plannedReleaseOn: string | null;
  allowedEventKinds: string[];
  events: { kind: string }[];
  alerts: { code: string }[];
  arrearsFund: { outcome: string; applied: boolean | null };
  dates: { visits: number; visitsWithPolice: number; executedOn: string | null };
}
interface ErrorBody {
  error: { code: string; message: string; details?: { code: string; path: string }[] };
}

describe.each(testDialects())('eviction register on %s', (dialect) => {
  let t: TestApp;
  let social: Session;
  let householdId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    social = await t.login('sociale');
    householdId = await createHousehold(social);
  });
  afterAll(async () => {
    await t.close();
  });

  async function step(id: string, body: Record<string, unknown>) {
    const current = (await social.request('GET', `/api/evictions/${id}`)).json() as Detail;
    return social.request('POST', `/api/evictions/${id}/events`, { version: current.version, ...body });
  }

  it('registers a procedure, advances it stage by stage to an execution with police, and derives its status', async () => {
    const created = await social.request('POST', '/api/evictions', evictionInput(householdId));
    expect(created.statusCode).toBe(201);
    const e = created.json() as Detail;
    expect(e.code).toMatch(/^SF-2026-\d{5}$/);
    expect(e.status).toBe('reported');
    expect(e.allowedEventKinds).toEqual(['notice_served', 'closed']);
    expect(e.alerts.map((a) => a.code)).toEqual(['no_social_worker']);

    for (const body of [
      { kind: 'notice_served', occurredOn: '2026-01-10' },
      { kind: 'hearing', occurredOn: '2026-02-05', hearingOutcome: 'grace_period' },
      { kind: 'validated', occurredOn: '2026-03-05' },
      { kind: 'release_date_set', occurredOn: '2026-03-05', plannedOn: '2026-06-01' },
      { kind: 'precetto', occurredOn: '2026-04-01' },
      { kind: 'bailiff_notice', occurredOn: '2026-05-10', plannedOn: '2026-06-01' },
      {
        kind: 'bailiff_visit',
        occurredOn: '2026-06-01',
        visitOutcome: 'postponed',
        policePresent: false,
        plannedOn: '2026-07-15',
      },
      { kind: 'bailiff_visit', occurredOn: '2026-07-15', visitOutcome: 'executed', policePresent: true },
    ]) {
      const res = await step(e.id, body);
      expect(res.statusCode, res.body).toBe(201);
    }
    const done = (await social.request('GET', `/api/evictions/${e.id}`)).json() as Detail;
    expect(done.status).toBe('executed');
    expect(done.events).toHaveLength(8);
    expect(done.dates).toMatchObject({ visits: 2, visitsWithPolice: 1, executedOn: '2026-07-15' });
    expect(done.allowedEventKinds).toEqual([]);
    const timeline = await t.testDb.db.kysely
      .selectFrom('timeline_events')
      .select('kind')
      .where('household_id', '=', householdId)
      .execute();
    expect(timeline.filter((x) => x.kind === 'eviction_event')).toHaveLength(8);
  });

  it('refuses an execution before a validation with a clear message and a stable code; nothing is written', async () => {
    const e = (await social.request('POST', '/api/evictions', evictionInput(householdId))).json() as Detail;
    expect((await step(e.id, { kind: 'notice_served', occurredOn: '2026-02-01' })).statusCode).toBe(201);
    const before = await t.testDb.db.kysely
      .selectFrom('eviction_events')
      .select('id')
      .where('eviction_id', '=', e.id)
      .execute();
    const res = await step(e.id, {
      kind: 'bailiff_visit',
      occurredOn: '2026-03-01',
      visitOutcome: 'executed',
      policePresent: true,
    });
    expect(res.statusCode).toBe(409);
    const body = res.json() as ErrorBody;
    expect(body.error.details?.[0]?.code).toBe('EVICTION_TRANSITION_NOT_ALLOWED');
    expect(body.error.message).toContain('convalida');
    const after = await t.testDb.db.kysely
      .selectFrom('eviction_events')
      .select('id')
      .where('eviction_id', '=', e.id)
      .execute();
    expect(after).toHaveLength(before.length);
    expect(((await social.request('GET', `/api/evictions/${e.id}`)).json() as Detail).status).toBe('notice_served');
  });

  it('refuses dates out of order, a future date, a missing visit outcome and a stale page', async () => {
    const e = (await social.request('POST', '/api/evictions', evictionInput(householdId))).json() as Detail;
    await step(e.id, { kind: 'notice_served', occurredOn: '2026-02-01' });
    const early = await step(e.id, { kind: 'validated', occurredOn: '2026-01-20' });
    expect(early.statusCode).toBe(409);
    expect((early.json() as ErrorBody).error.details?.[0]?.code).toBe('EVICTION_DATE_OUT_OF_ORDER');
    const future = await step(e.id, { kind: 'validated', occurredOn: '2026-12-20' });
    expect(future.statusCode).toBe(400);
    await step(e.id, { kind: 'validated', occurredOn: '2026-03-01' });
    await step(e.id, { kind: 'precetto', occurredOn: '2026-03-10' });
    await step(e.id, { kind: 'bailiff_notice', occurredOn: '2026-03-20', plannedOn: '2026-04-10' });
    const noOutcome = await step(e.id, { kind: 'bailiff_visit', occurredOn: '2026-04-10', policePresent: false });
    expect(noOutcome.statusCode).toBe(400);
    expect((noOutcome.json() as ErrorBody).error.details?.[0]?.path).toBe('visitOutcome');
    const stale = await social.request('POST', `/api/evictions/${e.id}/events`, {
      version: 1,
      kind: 'closed',
      occurredOn: '2026-04-01',
    });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as ErrorBody).error.code).toBe('STALE_VERSION');
  });

  it('alerts: a release within 30 days, and the arrears fund not applied for (clock moved)', async () => {
    const e = (await social.request('POST', '/api/evictions', evictionInput(householdId))).json() as Detail;
    await step(e.id, { kind: 'notice_served', occurredOn: '2026-02-01' });
    await step(e.id, { kind: 'validated', occurredOn: '2026-03-01' });
    await step(e.id, { kind: 'release_date_set', occurredOn: '2026-03-01', plannedOn: '2026-12-15' });
    const d = (await social.request('GET', `/api/evictions/${e.id}`)).json() as Detail;
    expect(d.plannedReleaseOn).toBe('2026-12-15');
    expect(d.alerts.map((a) => a.code).sort()).toEqual([
      'arrears_fund_not_applied',
      'no_social_worker',
      'release_within_window',
    ]);
    t.clock.now = new Date('2026-11-01T09:00:00Z');
    const earlier = (await social.request('GET', `/api/evictions/${e.id}`)).json() as Detail;
    expect(earlier.alerts.map((a) => a.code)).not.toContain('release_within_window');
    t.clock.now = new Date('2026-11-26T09:00:00Z');
    const users = await t.testDb.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sociale')
      .executeTakeFirstOrThrow();
    const assigned = await social.request('PUT', `/api/evictions/${e.id}/social-worker`, {
      socialWorkerId: users.id,
      version: d.version,
    });
    expect(assigned.statusCode).toBe(200);
    expect((assigned.json() as Detail).alerts.map((a) => a.code)).not.toContain('no_social_worker');
  });

  it('an application to the arrears fund (measures area) silences the "not applied" alert', async () => {
    const { installShippedMeasures } = await import('../measures/measures.install.js');
    const k = t.testDb.db.kysely;
    await installShippedMeasures(k, t.clock.now);
    const e = (await social.request('POST', '/api/evictions', evictionInput(householdId))).json() as Detail;
    await step(e.id, { kind: 'notice_served', occurredOn: '2026-02-01' });
    const before = (await social.request('GET', `/api/evictions/${e.id}`)).json() as Detail;
    expect(before.alerts.map((a) => a.code)).toContain('arrears_fund_not_applied');
    expect(before.arrearsFund.applied).toBe(false);
    const measure = await k
      .selectFrom('measures')
      .select('id')
      .where('code', '=', 'morosita_incolpevole')
      .executeTakeFirstOrThrow();
    const version = await k
      .selectFrom('measure_parameter_versions')
      .select('id')
      .where('measure_id', '=', measure.id)
      .executeTakeFirstOrThrow();
    const at = t.clock.now.toISOString();
    await k
      .insertInto('measure_applications')
      .values({
        id: 'ma-test-1',
        code: 'MI-TEST-1',
        household_id: householdId,
        measure_id: measure.id,
        parameter_version_id: version.id,
        status: 'submitted',
        applied_on: '2026-11-20',
        channel: 'front_desk',
        contact_id: null,
        applicant_fiscal_code: 'X',
        applicant_name: 'X',
        payee_kind: 'landlord',
        payee_name: 'X',
        payee_fiscal_code: 'X',
        iban: 'X',
        landlord_id: null,
        contract_id: null,
        isee_record_id: null,
        facts: '{}',
        request: '{}',
        amount_cents: null,
        breakdown: null,
        fund_id: null,
        committed_cents: 0,
        paid_cents: 0,
        version: 1,
        created_at: at,
        created_by: null,
        updated_at: at,
      } as never)
      .execute();
    const after = (await social.request('GET', `/api/evictions/${e.id}`)).json() as Detail;
    expect(after.arrearsFund.applied).toBe(true);
    expect(after.alerts.map((a) => a.code)).not.toContain('arrears_fund_not_applied');
  });

  it('a partner user cannot list or read procedures, and the refusal is audited; lists filter by stage', async () => {
    const partner = await t.login('partner');
    const any = await t.testDb.db.kysely.selectFrom('evictions').select('id').executeTakeFirstOrThrow();
    expect((await partner.request('GET', `/api/evictions/${any.id}`)).statusCode).toBe(403);
    expect((await partner.request('GET', '/api/evictions')).statusCode).toBe(403);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('username', '=', 'partner')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual(expect.arrayContaining([{ action: 'read', entity_id: any.id }]));
    const ended = (await social.request('GET', '/api/evictions?stage=ended')).json() as { items: { status: string }[] };
    expect(ended.items.map((i) => i.status)).toEqual(['executed']);
    const open = (await social.request('GET', '/api/evictions?stage=open')).json() as { items: { status: string }[] };
    expect(open.items.length).toBeGreaterThanOrEqual(3);
  });

  it('statistics reproduce the seed’s 2012–2017 table after import, and add the register’s years', async () => {
    const manager = await t.login('dirigente');
    const { seedHistoryImport } = await import('./evictions.actions.js');
    const imported = await manager.request('POST', '/api/evictions/history', seedHistoryImport());
    expect(imported.statusCode, imported.body).toBe(200);
    const stats = (await (await t.login('osservatore')).request('GET', '/api/evictions/statistics')).json() as {
      rows: {
        year: number;
        issued: number;
        executed: number;
        total: number;
        origin: string;
        issuedArrearsOther: number | null;
      }[];
    };
    expect(
      stats.rows.filter((r) => r.origin === 'history').map((r) => [r.year, r.issued, r.executed, r.total]),
    ).toEqual([
      [2012, 58, 15, 73],
      [2013, 75, 20, 95],
      [2014, 84, 25, 109],
      [2015, 66, 46, 112],
      [2016, 59, 66, 125],
      [2017, 14, 19, 33],
    ]);
    const y2026 = stats.rows.find((r) => r.year === 2026);
    expect(y2026).toMatchObject({ origin: 'register', issued: 3, issuedArrearsOther: 3, executed: 1 });
  });

  it('a bad history import writes nothing; only managers import', async () => {
    const manager = await t.login('dirigente');
    const before = await t.testDb.db.kysely.selectFrom('eviction_yearly_totals').selectAll().execute();
    const bad = await manager.request('POST', '/api/evictions/history', {
      scope: 'Cinisello Balsamo',
      source: 'prova',
      rows: [
        { year: 2012, issued: 1, executed: 1 },
        { year: 2013, issued: 2, executed: 1, issuedLandlordNeed: 5 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).error.details?.map((d) => d.code)).toEqual(['split_exceeds_total']);
    expect(await t.testDb.db.kysely.selectFrom('eviction_yearly_totals').selectAll().execute()).toEqual(before);
    const social2 = await social.request('POST', '/api/evictions/history', {
      source: 'x',
      rows: [{ year: 2012, issued: 1 }],
    });
    expect(social2.statusCode).toBe(403);
  });

  it('corrects the procedure’s data, keeps its stages, and refuses a report date after them and a stale page', async () => {
    const e = (await social.request('POST', '/api/evictions', evictionInput(householdId))).json() as Detail;
    await step(e.id, { kind: 'notice_served', occurredOn: '2026-01-02' });
    await step(e.id, { kind: 'validated', occurredOn: '2026-03-05' });
    const current = (await social.request('GET', `/api/evictions/${e.id}`)).json() as Detail;
    const { householdId: _h, ...details } = evictionInput(householdId);
    const send = (body: Record<string, unknown>) =>
      social.request('PUT', `/api/evictions/${e.id}/details`, { ...details, version: current.version, ...body });

    // The report date may not follow a recorded stage (the notice may precede the report).
    const late = await send({ reportedOn: '2026-03-06' });
    expect(late.statusCode).toBe(400);
    expect((late.json() as ErrorBody).error.details?.[0]).toMatchObject({
      code: 'date_after_events',
      path: 'reportedOn',
    });
    expect((late.json() as ErrorBody).error.message).toContain('05/03/2026');
    expect((await send({ reportedOn: '2026-12-01' })).statusCode).toBe(400);
    const empty = await send({ court: '' });
    expect(empty.statusCode).toBe(400);
    expect((empty.json() as ErrorBody).error.details?.[0]?.path).toBe('court');

    const ok = await send({
      caseNumber: '999/2026',
      landlordName: 'Immobiliare Corretta srl',
      arrearsEuros: 3100,
      reportedOn: '2026-03-05',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const fixed = ok.json() as Detail & {
      caseNumber: string;
      landlordName: string;
      arrearsCents: number;
      reportedOn: string;
    };
    expect(fixed).toMatchObject({
      caseNumber: '999/2026',
      landlordName: 'Immobiliare Corretta srl',
      arrearsCents: 310_000,
      reportedOn: '2026-03-05',
      status: 'validated',
      version: current.version + 1,
    });
    expect(fixed.events.map((x) => x.kind)).toEqual(['notice_served', 'validated']);
    const k = t.testDb.db.kysely;
    const timeline = await k
      .selectFrom('timeline_events')
      .select(['title', 'detail'])
      .where('kind', '=', 'eviction_corrected')
      .where('source_id', '=', e.id)
      .execute();
    expect(timeline).toEqual([
      {
        title: `Sfratto ${e.code}: dati corretti`,
        detail: 'Corretti: numero di ruolo, proprietario, morosità, data della segnalazione.',
      },
    ]);
    const audit = await k
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'correct')
      .where('entity_id', '=', e.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toEqual({
      fields: ['case_number', 'landlord_name', 'arrears_cents', 'reported_on'],
    });

    // The page that read the old version cannot overwrite the correction.
    const stale = await send({ landlordName: 'Altro' });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as ErrorBody).error.code).toBe('STALE_VERSION');
    // The same data again changes nothing (no new version, no timeline entry).
    const same = await social.request('PUT', `/api/evictions/${e.id}/details`, {
      ...details,
      caseNumber: '999/2026',
      landlordName: 'Immobiliare Corretta srl',
      arrearsEuros: 3100,
      reportedOn: '2026-03-05',
      version: fixed.version,
    });
    expect(same.statusCode).toBe(200);
    expect((same.json() as Detail).version).toBe(fixed.version);

    // Roles that do not write procedures are refused, with an audit row; an unknown id is 404.
    const partner = await t.login('partner');
    const refused = await partner.request('PUT', `/api/evictions/${e.id}/details`, {
      ...details,
      version: fixed.version,
    });
    expect(refused.statusCode).toBe(403);
    const officer = await t.login('erp');
    expect(
      (await officer.request('PUT', `/api/evictions/${e.id}/details`, { ...details, version: fixed.version }))
        .statusCode,
    ).toBe(403);
    const denied = await k
      .selectFrom('audit_log')
      .select('username')
      .where('action', '=', 'correct')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.username).sort()).toEqual(['erp', 'partner']);
    const unknown = await social.request('PUT', '/api/evictions/00000000-0000-4000-8000-000000000000/details', {
      ...details,
      version: 1,
    });
    expect(unknown.statusCode).toBe(404);
    expect(((await social.request('GET', `/api/evictions/${e.id}`)).json() as Detail).version).toBe(fixed.version);
  });
});

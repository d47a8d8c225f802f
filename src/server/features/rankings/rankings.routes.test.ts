import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { seedSapCall } from '../../../../test/sap-builders.js';
import type { RankingsView } from '../../../shared/rankings.js';

describe.each(testDialects())('rankings of a SAP call on %s', (dialect) => {
  let t: TestApp;
  let erp: Session;
  let call: Awaited<ReturnType<typeof seedSapCall>>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // The call closed on 20 November 2026; the test clock starts on 26 November 2026.
    call = await seedSapCall(t.testDb.db, {
      opensOn: '2026-10-01',
      closesOn: '2026-11-20',
      units: [
        { code: 'U-ALER-CIN-1', owner: 'aler', comune: 'cinisello', areaM2: 50 },
        { code: 'U-ALER-BRE-1', owner: 'aler', comune: 'bresso', areaM2: 60 },
        { code: 'U-COM-CIN-1', owner: 'comune', comune: 'cinisello', areaM2: 40 },
      ],
      applications: [
        {
          platformId: 'D-001',
          isbar: 30.5,
          iseeEuro: 9000,
          submittedAt: '2026-10-02T09:00:00Z',
          members: 2,
          choices: ['U-ALER-CIN-1', 'U-COM-CIN-1'],
        },
        {
          platformId: 'D-002',
          isbar: 30.5,
          iseeEuro: 7000,
          submittedAt: '2026-10-03T09:00:00Z',
          members: 2,
          choices: ['U-ALER-CIN-1'],
        },
        {
          platformId: 'D-003',
          isbar: 41.25,
          iseeEuro: 12000,
          submittedAt: '2026-10-04T09:00:00Z',
          members: 3,
          choices: ['U-ALER-BRE-1', 'U-ALER-CIN-1'],
        },
        {
          platformId: 'D-004',
          isbar: 12,
          iseeEuro: 2500,
          submittedAt: '2026-10-05T09:00:00Z',
          members: 1,
          indigent: true,
          choices: ['U-COM-CIN-1'],
        },
      ],
    });
    erp = await t.login('erp');
  });
  afterAll(async () => {
    await t.close();
  });

  const view = async () => (await erp.request('GET', `/api/calls/${call.callId}/rankings`)).json() as RankingsView;

  it('ranks per owner and Comune by ISBAR, ties broken by lower ISEE (RR 4/2017 art. 12, RR 3/2019)', async () => {
    const res = await erp.request('POST', `/api/calls/${call.callId}/rankings`, {});
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ applications: 4, rankings: 3, supersedes: null });
    const v = await view();
    expect(v.run?.state).toBe('draft');
    const byKey = Object.fromEntries(
      v.rankings.map((r) => [`${r.ownerName}|${r.comuneName}`, r.entries.map((e) => e.platformId)]),
    );
    // D-001 and D-002 tie at 30.5: the lower ISEE (D-002, 7,000 €) comes first.
    expect(byKey['ALER Milano|Cinisello Balsamo']).toEqual(['D-003', 'D-002', 'D-001']);
    expect(byKey['ALER Milano|Bresso']).toEqual(['D-003']);
    expect(byKey['Comune di Cinisello Balsamo|Cinisello Balsamo']).toEqual(['D-001', 'D-004']);
  });

  it('is reproducible: verify recomputes the stored run identically, and a new run gives the same hash', async () => {
    const first = (await view()).run;
    const verify = await erp.request('GET', `/api/ranking-runs/${first?.id}/verify`);
    expect(verify.json()).toMatchObject({ identical: true, sameHash: true, sameOrder: true });
    const again = await erp.request('POST', `/api/calls/${call.callId}/rankings`, {});
    expect(again.json()).toMatchObject({ inputHash: first?.inputHash, supersedes: first?.id });
  });

  it('publishes a CSV with ids, positions, scores and units, and no names', async () => {
    const res = await erp.request('GET', `/api/calls/${call.callId}/rankings/publication.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body).toContain(
      'ente_proprietario;comune;stato;posizione;id_domanda;isbar;indigente;alloggio_1;alloggio_2',
    );
    expect(res.body).toContain('ALER Milano;Cinisello Balsamo;draft;1;D-003;41,25;N;U-ALER-BRE-1;U-ALER-CIN-1');
    expect(res.body).not.toMatch(/Cognome/);
  });

  it('publishes a tagged PDF/A document of the ranking', async () => {
    const res = await erp.request('GET', `/api/calls/${call.callId}/rankings/publication.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const text = pdf.toString('latin1');
    expect(text).toContain('pdfaid:part');
    expect(text).toContain('/StructTreeRoot');
    expect(text).toContain('Titillium');
  });

  it('refuses rankings to the front desk (change) and to partners (read), recording the refusals', async () => {
    const desk = await t.login('sportello');
    expect((await desk.request('POST', `/api/calls/${call.callId}/rankings`, {})).statusCode).toBe(403);
    const partner = await t.login('partner');
    expect((await partner.request('GET', `/api/calls/${call.callId}/rankings`)).statusCode).toBe(403);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('username')
      .where('entity_type', '=', 'ranking')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.username).sort()).toEqual(['partner', 'sportello']);
  });

  it('handles corrections: only civil invalidity, within 15 days; silence grants; final only after the terms', async () => {
    const finalTooEarly = await erp.request('POST', `/api/calls/${call.callId}/rankings/finalise`, {});
    expect(finalTooEarly.statusCode).toBe(409);
    const published = await erp.request('POST', `/api/calls/${call.callId}/rankings/publish`, { onDate: '2026-11-25' });
    expect(published.json()).toMatchObject({ state: 'provisional', publishedOn: '2026-11-25' });
    expect((await erp.request('POST', `/api/calls/${call.callId}/rankings/publish`, {})).statusCode).toBe(409);

    const d001 = call.applicationIds.get('D-001') as string;
    const other = await erp.request('POST', `/api/applications/${d001}/corrections`, {
      subject: 'other',
      invalidityPercent: 50,
      procedureStartedOn: '2026-09-01',
    });
    expect(other.statusCode).toBe(400);
    expect(JSON.stringify(other.json())).toContain('invalidità civile');
    const lateProcedure = await erp.request('POST', `/api/applications/${d001}/corrections`, {
      subject: 'civil_invalidity_percentage',
      invalidityPercent: 75,
      procedureStartedOn: '2026-11-22',
    });
    expect(lateProcedure.statusCode).toBe(400);
    const filed = await erp.request('POST', `/api/applications/${d001}/corrections`, {
      subject: 'civil_invalidity_percentage',
      invalidityPercent: 75,
      procedureStartedOn: '2026-09-01',
    });
    expect(filed.statusCode).toBe(201);
    const requestId = (filed.json() as { id: string }).id;

    // 26 November + 16 days: past the 15 days of the decision term (filed 26 November → due 11 December).
    t.clock.now = new Date('2026-12-12T09:00:00Z');
    erp = await t.login('erp');
    const v = await view();
    expect(v.corrections[0]).toMatchObject({ id: requestId, outcome: 'granted_by_silence' });
    const lateDecision = await erp.request('POST', `/api/corrections/${requestId}/decision`, {
      decision: 'rejected',
      reason: 'Troppo tardi',
    });
    expect(lateDecision.statusCode).toBe(409);

    const final = await erp.request('POST', `/api/calls/${call.callId}/rankings/finalise`, {});
    expect(final.statusCode).toBe(200);
    expect(final.json()).toMatchObject({ state: 'final' });
    expect((await erp.request('POST', `/api/calls/${call.callId}/rankings`, {})).statusCode).toBe(409);
    const events = await t.testDb.db.kysely
      .selectFrom('timeline_events')
      .select('kind')
      .where('kind', '=', 'correction_requested')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('explains a position in plain Italian against its neighbours', async () => {
    const d002 = call.applicationIds.get('D-002') as string;
    const res = await erp.request('GET', `/api/applications/${d002}/explanation`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { positions: { owner: string; position: number; text: string }[]; text: string };
    expect(body.positions).toEqual([expect.objectContaining({ owner: 'ALER Milano', position: 2 })]);
    expect(body.text).toContain('D-003');
    expect(body.text).toMatch(/ISEE/);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import {
  CITIZEN_CF,
  citizenLogin,
  OTHER_CF,
  PORTAL_REDIRECT_URI,
  portalEnv,
  type CitizenSession,
} from '../../../../test/communications-fixtures.js';
import { testDialects } from '../../../../test/db.js';
import { seedSapCall } from '../../../../test/sap-builders.js';
import type { PortalHousehold } from '../../../shared/portal.js';
import { startDevOidcProvider, type DevProvider } from './dev-provider.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe.each(testDialects())('citizen portal on %s', (dialect) => {
  let provider: DevProvider;
  let t: TestApp;
  let staff: Session;
  let citizen: CitizenSession;
  let mine: { householdId: string; applicationId: string };
  let theirs: { householdId: string; applicationId: string };
  let requestIds: { mine: string; theirs: string };
  const documentsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-portal-'));

  beforeAll(async () => {
    provider = await startDevOidcProvider({ redirectUris: [PORTAL_REDIRECT_URI] });
    t = await createTestApp(dialect, { ...portalEnv(provider), ABITARE_DOCUMENTS_DIR: documentsDir });
    const call = await seedSapCall(t.testDb.db, {
      opensOn: '2026-10-01',
      closesOn: '2026-11-20',
      units: [{ code: 'U-P-1', owner: 'aler', comune: 'cinisello', areaM2: 50 }],
      applications: [
        {
          platformId: 'P-001',
          isbar: 30,
          iseeEuro: 9000,
          submittedAt: '2026-10-02T09:00:00Z',
          members: 1,
          choices: ['U-P-1'],
        },
        {
          platformId: 'P-002',
          isbar: 20,
          iseeEuro: 7000,
          submittedAt: '2026-10-03T09:00:00Z',
          members: 1,
          choices: ['U-P-1'],
        },
      ],
    });
    const k = t.testDb.db.kysely;
    const apps = await k
      .selectFrom('applications')
      .select(['id', 'household_id', 'platform_id'])
      .where('call_id', '=', call.callId)
      .execute();
    const byPlatform = (p: string) => apps.find((a) => a.platform_id === p)!;
    mine = { householdId: byPlatform('P-001').household_id, applicationId: byPlatform('P-001').id };
    theirs = { householdId: byPlatform('P-002').household_id, applicationId: byPlatform('P-002').id };
    for (const [h, cf, name] of [
      [mine.householdId, CITIZEN_CF, 'Mario'],
      [theirs.householdId, OTHER_CF, 'Laura'],
    ] as const) {
      await k
        .insertInto('members')
        .values({
          id: `m-${h}`,
          household_id: h,
          position: 1,
          fiscal_code: cf,
          first_name: name,
          last_name: 'Rossi',
          last_name_norm: 'rossi',
          birth_date: '1980-01-01',
          sex: 'M',
          relation: 'applicant',
          citizenship: 'IT',
          permit_kind: null,
          permit_expires_on: null,
          disability_percent: null,
          disability_kind: null,
          created_at: '2026-01-10T09:00:00Z',
        })
        .execute();
    }
    const erp = await t.login('erp');
    expect((await erp.request('POST', `/api/calls/${call.callId}/rankings`, {})).statusCode).toBe(201);
    expect(
      (await erp.request('POST', `/api/calls/${call.callId}/rankings/publish`, { onDate: '2026-11-25' })).statusCode,
    ).toBe(200);
    staff = await t.login('sportello');
    const ask = async (householdId: string) => {
      const res = await staff.request('POST', `/api/households/${householdId}/document-requests`, {
        documents: ['Attestazione ISEE 2026'],
        purpose: 'la domanda di alloggio pubblico',
        dueOn: '2026-12-15',
      });
      expect(res.statusCode).toBe(201);
      return (res.json() as { requestIds: string[] }).requestIds[0]!;
    };
    requestIds = { mine: await ask(mine.householdId), theirs: await ask(theirs.householdId) };
    citizen = await citizenLogin(t.app, CITIZEN_CF);
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
    fs.rmSync(documentsDir, { recursive: true, force: true });
  });

  const audit = (username: string, outcome: 'ok' | 'denied' | 'failed') =>
    t.testDb.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('username', '=', username)
      .where('outcome', '=', outcome)
      .execute();

  it('logs the citizen in through the OpenID provider, reading the fiscal code from the identity token', async () => {
    const res = await citizen.request('GET', '/api/portal/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ fiscalCode: CITIZEN_CF });
    const logins = (await audit(CITIZEN_CF, 'ok')).filter((a) => a.action === 'login');
    expect(logins).toHaveLength(1);
    expect(logins[0]?.role).toBe('citizen');
  });

  it('refuses a callback with an unknown state', async () => {
    const res = await t.app.fastify.inject({ method: 'GET', url: '/api/portal/callback?state=falso&code=x' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/portale?errore=accesso');
    expect(res.cookies.find((c) => c.name === 'abitare_citizen')).toBeUndefined();
  });

  it('lists only the citizen’s own households', async () => {
    const res = await citizen.request('GET', '/api/portal/households');
    expect((res.json() as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([mine.householdId]);
  });

  it('shows applications, deadlines, messages and requested documents of the household', async () => {
    const res = await citizen.request('GET', `/api/portal/households/${mine.householdId}`);
    expect(res.statusCode).toBe(200);
    const h = res.json() as PortalHousehold;
    expect(h.applications.map((a) => a.id)).toEqual([mine.applicationId]);
    expect(h.deadlines.map((d) => [d.on, d.title])).toEqual([
      ['2026-12-10', 'Richiesta di rettifica del punteggio'],
      ['2026-12-15', 'Consegna di un documento'],
    ]);
    expect(h.messages[0]?.subject).toBe('Richiesta di documenti');
    expect(h.messages[0]?.protocol).toMatch(/^2026\//);
    expect(h.documentRequests.map((r) => r.id)).toEqual([requestIds.mine]);
  });

  it('explains the position in plain Italian with the same text staff read', async () => {
    const res = await citizen.request('GET', `/api/portal/applications/${mine.applicationId}/explanation`);
    expect(res.statusCode).toBe(200);
    const staffView = await (
      await t.login('erp')
    ).request('GET', `/api/applications/${mine.applicationId}/explanation`);
    expect((res.json() as { text: string }).text).toBe((staffView.json() as { text: string }).text);
    expect((res.json() as { positions: { position: number }[] }).positions[0]?.position).toBe(1);
  });

  it('refuses anybody else’s household, application, request and letter: 403 and an audit row each', async () => {
    const before = (await audit(CITIZEN_CF, 'denied')).length;
    const letters = await t.testDb.db.kysely
      .selectFrom('messages')
      .select('id')
      .where('household_id', '=', theirs.householdId)
      .execute();
    const attempts = [
      citizen.request('GET', `/api/portal/households/${theirs.householdId}`),
      citizen.request('GET', `/api/portal/households/no-such-household`),
      citizen.request('GET', `/api/portal/applications/${theirs.applicationId}/explanation`),
      citizen.request('POST', `/api/portal/document-requests/${requestIds.theirs}/upload`, {
        fileName: 'x.pdf',
        contentBase64: PDF.toString('base64'),
      }),
      citizen.request('GET', `/api/portal/messages/${letters[0]!.id}/letter.pdf`),
    ];
    for (const res of await Promise.all(attempts)) expect(res.statusCode).toBe(403);
    const denied = await audit(CITIZEN_CF, 'denied');
    expect(denied.length - before).toBe(5);
    expect(denied.map((d) => d.entity_id)).toContain(theirs.householdId);
    expect(
      await t.testDb.db.kysely.selectFrom('documents').select('id').where('owner_id', '=', requestIds.theirs).execute(),
    ).toHaveLength(0);
  });

  it('keeps citizens and staff apart: neither session opens the other’s routes', async () => {
    const asCitizen = await t.app.fastify.inject({
      method: 'GET',
      url: `/api/households/${mine.householdId}`,
      headers: { cookie: citizen.cookie },
    });
    expect(asCitizen.statusCode).toBe(401);
    const asStaff = await staff.request('GET', `/api/portal/households/${mine.householdId}`);
    expect(asStaff.statusCode).toBe(401);
  });

  it('needs the CSRF token to upload', async () => {
    const res = await t.app.fastify.inject({
      method: 'POST',
      url: `/api/portal/document-requests/${requestIds.mine}/upload`,
      headers: { cookie: citizen.cookie },
      payload: { fileName: 'isee.pdf', contentBase64: PDF.toString('base64') },
    });
    expect(res.statusCode).toBe(403);
  });

  it('lets the citizen upload a requested document, which the operator then sees and downloads', async () => {
    const res = await citizen.request('POST', `/api/portal/document-requests/${requestIds.mine}/upload`, {
      fileName: 'ISEE 2026.pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(res.statusCode).toBe(201);
    const seen = await staff.request('GET', `/api/households/${mine.householdId}/document-requests`);
    const upload = (seen.json() as { items: { uploads: { id: string; fileName: string }[] }[] }).items[0]?.uploads[0];
    expect(upload?.fileName).toBe('ISEE 2026.pdf');
    const file = await staff.request('GET', `/api/request-documents/${upload!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const timeline = await t.testDb.db.kysely
      .selectFrom('timeline_events')
      .select('title')
      .where('household_id', '=', mine.householdId)
      .where('kind', '=', 'document_uploaded')
      .execute();
    expect(timeline[0]?.title).toBe('Documento caricato dal cittadino: Attestazione ISEE 2026');
    const uploads = (await audit(CITIZEN_CF, 'ok')).filter((a) => a.action === 'upload');
    expect(uploads).toHaveLength(1);
    // A file that is not a PDF or an image is refused.
    const bad = await citizen.request('POST', `/api/portal/document-requests/${requestIds.mine}/upload`, {
      fileName: 'virus.exe',
      contentBase64: Buffer.from('MZ...').toString('base64'),
    });
    expect(bad.statusCode).toBe(415);
  });

  it('lets the citizen book a free desk slot for their household, once per slot', async () => {
    const k = t.testDb.db.kysely;
    const operator = await k
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sportello')
      .executeTakeFirstOrThrow();
    for (const [id, startsAt] of [
      ['slot-p1', '2026-11-30T08:00:00.000Z'],
      ['slot-past', '2026-11-20T08:00:00.000Z'],
    ] as const) {
      await k
        .insertInto('appointment_slots')
        .values({
          id,
          operator_id: operator.id,
          starts_at: startsAt,
          ends_at: startsAt.replace('08:00', '08:30'),
          place: 'Sportello di Piazza Confalonieri 5',
          created_at: '2026-11-01T09:00:00.000Z',
          created_by: null,
        })
        .execute();
    }
    const free = (await citizen.request('GET', '/api/portal/appointment-slots')).json() as { items: { id: string }[] };
    expect(free.items.map((s) => s.id)).toEqual(['slot-p1']);
    const body = { slotId: 'slot-p1', purpose: 'consegna dei documenti' };
    expect(
      (await citizen.request('POST', `/api/portal/households/${theirs.householdId}/appointments`, body)).statusCode,
    ).toBe(403);
    const booked = await citizen.request('POST', `/api/portal/households/${mine.householdId}/appointments`, body);
    expect(booked.statusCode).toBe(201);
    expect(
      (await citizen.request('POST', `/api/portal/households/${mine.householdId}/appointments`, body)).statusCode,
    ).toBe(409);
    expect(
      (
        await citizen.request('POST', `/api/portal/households/${mine.householdId}/appointments`, {
          ...body,
          slotId: 'slot-past',
        })
      ).statusCode,
    ).toBe(409);
    const h = (await citizen.request('GET', `/api/portal/households/${mine.householdId}`)).json() as PortalHousehold;
    expect(h.appointments.map((b) => b.place)).toEqual(['Sportello di Piazza Confalonieri 5']);
    expect(h.deadlines.map((d) => d.title)).toContain('Appuntamento allo sportello');
  });

  it('lets the citizen cancel their own appointment before it starts, freeing the slot; nobody else’s', async () => {
    const k = t.testDb.db.kysely;
    const before = (
      await citizen.request('GET', `/api/portal/households/${mine.householdId}`)
    ).json() as PortalHousehold;
    const bookingId = before.appointments[0]!.id;
    // An unknown id and another household's booking are refused alike, and audited.
    expect((await citizen.request('POST', '/api/portal/appointments/no-such-booking/cancel', {})).statusCode).toBe(403);
    const cancelled = await citizen.request('POST', `/api/portal/appointments/${bookingId}/cancel`, {});
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual({ id: bookingId, cancelled: true });
    expect((await citizen.request('POST', `/api/portal/appointments/${bookingId}/cancel`, {})).statusCode).toBe(409);
    const after = (
      await citizen.request('GET', `/api/portal/households/${mine.householdId}`)
    ).json() as PortalHousehold;
    expect(after.appointments).toEqual([]);
    const free = (await citizen.request('GET', '/api/portal/appointment-slots')).json() as { items: { id: string }[] };
    expect(free.items.map((slot) => slot.id)).toEqual(['slot-p1']);
    const events = await k.selectFrom('timeline_events').select('title').where('source_id', '=', bookingId).execute();
    expect(events.map((e) => e.title)).toContain('Appuntamento annullato dal cittadino');
    await k
      .insertInto('appointment_bookings')
      .values({
        id: 'booking-theirs',
        slot_key: 'slot-p1',
        slot_id: 'slot-p1',
        household_id: theirs.householdId,
        contact_id: null,
        purpose: 'colloquio',
        booked_at: '2026-11-26T09:00:00.000Z',
        booked_by: null,
        cancelled_at: null,
      })
      .execute();
    expect((await citizen.request('POST', '/api/portal/appointments/booking-theirs/cancel', {})).statusCode).toBe(403);
    const denied = await k
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'cancel_booking')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.entity_id).sort()).toEqual(['no-such-booking', theirs.householdId].sort());
  });

  it('gives the citizen their letters as PDF and ends the session on logout', async () => {
    const h = (await citizen.request('GET', `/api/portal/households/${mine.householdId}`)).json() as PortalHousehold;
    const pdf = await citizen.request('GET', `/api/portal/messages/${h.messages[0]!.id}/letter.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await citizen.request('POST', '/api/portal/logout', {})).statusCode).toBe(200);
    expect((await citizen.request('GET', '/api/portal/session')).statusCode).toBe(401);
  });
});

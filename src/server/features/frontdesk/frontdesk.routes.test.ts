import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { OTHER_PARTNER_ID, PARTNER_ID } from '../../../../test/fixtures.js';
import { ARREARS_ANSWERS, householdWithIsee, installMeasuresAndFunds } from '../../../../test/measures-fixtures.js';

interface Contact {
  id: string;
  outcome: string | null;
  screening: Screening | null;
  referrals: { kind: string; partnerId: string | null }[];
  bookings: { id: string }[];
}
interface Screening {
  results: {
    code: string;
    target: string;
    verdict: string;
    reasons: { source: string }[];
    estimate: { amountCents: number } | null;
  }[];
  durationMs?: number;
}

describe.each(testDialects())('front desk on %s', (dialect) => {
  let t: TestApp;
  let desk: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      ABITARE_DOCUMENTS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-docs-')),
    });
    await installMeasuresAndFunds(t.testDb.db);
    // An open SAP call of the Ambito.
    await t.testDb.db.kysely
      .insertInto('calls')
      .values({
        id: 'call-open',
        code: 'AVV-2026-009',
        ambito_id: 'ambito-cinisello',
        name: 'Avviso SAP aperto',
        kind: 'ordinary',
        programme: 'sap',
        opens_on: '2026-11-01',
        closes_on: '2026-12-15',
        scoring: 'platform_isbar',
        scheme_code: null,
        scheme_version: null,
        indigent_percent: 20,
        tie_break_keys: '[]',
        draw_seed: 1,
        refusal_policy: 'default',
        created_at: t.clock.now.toISOString(),
        created_by: null,
      })
      .execute();
    desk = await t.login('sportello');
  });
  afterAll(async () => {
    await t.close();
  });

  async function contact(householdId: string) {
    const res = await desk.request('POST', '/api/frontdesk/contacts', {
      householdId,
      personName: 'Mario Bianchi',
      channel: 'in_person',
      reason: 'eviction',
      reasonNote: 'Ha ricevuto l’intimazione.',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Contact;
  }

  it('contact → questionnaire → screening against every active measure and the open call, with sources and amounts', async () => {
    const h = await householdWithIsee(desk);
    const c = await contact(h.id);
    const saved = await desk.request('PUT', `/api/frontdesk/contacts/${c.id}/questionnaire`, ARREARS_ANSWERS);
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await desk.request('POST', `/api/frontdesk/contacts/${c.id}/screening`);
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as Screening;
    const active = await t.testDb.db.kysely.selectFrom('measures').select('code').where('active', '=', 1).execute();
    expect(s.results).toHaveLength(active.length + 1);
    const byCode = Object.fromEntries(s.results.map((r) => [r.code, r]));
    expect(byCode.morosita_incolpevole).toMatchObject({ verdict: 'eligible', estimate: { amountCents: 300_000 } });
    expect(byCode['AVV-2026-009']).toMatchObject({ target: 'call' });
    expect(byCode.contributo_comunale?.verdict).toBe('not_eligible');
    for (const r of s.results) for (const reason of r.reasons) expect(reason.source.length).toBeGreaterThan(0);
    const timeline = await t.testDb.db.kysely
      .selectFrom('timeline_events')
      .select('kind')
      .where('household_id', '=', h.id)
      .execute();
    expect(timeline.map((e) => e.kind)).toContain('frontdesk_contact');
  });

  it('referrals go on the timeline; a partner sees only referrals to its organisation', async () => {
    const h = await householdWithIsee(desk);
    const c = await contact(h.id);
    const fimi = await t.testDb.db.kysely
      .selectFrom('measures')
      .select('id')
      .where('code', '=', 'morosita_incolpevole')
      .executeTakeFirstOrThrow();
    expect(
      (
        await desk.request('POST', `/api/frontdesk/contacts/${c.id}/referrals`, {
          kind: 'application_draft',
          measureId: fimi.id,
        })
      ).statusCode,
    ).toBe(201);
    const toPartner = await desk.request('POST', `/api/frontdesk/contacts/${c.id}/referrals`, {
      kind: 'partner',
      partnerId: PARTNER_ID,
      note: 'Accompagnamento',
    });
    expect(toPartner.statusCode).toBe(201);
    expect((toPartner.json() as Contact).outcome).toBe('referred');
    // The hand-over goes through the referrals of the emergency area (pending, file shared with the partner).
    const handedOver = await t.testDb.db.kysely
      .selectFrom('referrals')
      .selectAll()
      .where('household_id', '=', h.id)
      .execute();
    expect(handedOver).toHaveLength(1);
    expect(handedOver[0]).toMatchObject({ partner_id: PARTNER_ID, status: 'pending', direction: 'to_partner' });
    expect(
      (await desk.request('POST', `/api/frontdesk/contacts/${c.id}/referrals`, { kind: 'partner' })).statusCode,
    ).toBe(400);
    const h2 = await householdWithIsee(desk);
    const c2 = await contact(h2.id);
    await desk.request('POST', `/api/frontdesk/contacts/${c2.id}/referrals`, {
      kind: 'partner',
      partnerId: OTHER_PARTNER_ID,
    });
    const partner = await t.login('partner');
    const seen = (await partner.request('GET', '/api/frontdesk/referrals')).json() as {
      items: { partnerId: string; householdId: string }[];
    };
    expect(seen.items.length).toBeGreaterThan(0);
    expect(seen.items.every((r) => r.partnerId === PARTNER_ID)).toBe(true);
    expect((await partner.request('GET', `/api/frontdesk/contacts/${c.id}`)).statusCode).toBe(403);
    expect((await partner.request('POST', `/api/frontdesk/contacts/${c.id}/screening`)).statusCode).toBe(403);
    const timeline = await t.testDb.db.kysely
      .selectFrom('timeline_events')
      .select('kind')
      .where('household_id', '=', h.id)
      .execute();
    expect(timeline.filter((e) => e.kind === 'frontdesk_referral')).toHaveLength(2);
  });

  it('screening and referral by role: front desk yes; observer and partner no; a desk limited to Bresso cannot see Cinisello', async () => {
    const h = await householdWithIsee(desk);
    const c = await contact(h.id);
    const obs = await t.login('osservatore');
    expect((await obs.request('POST', `/api/frontdesk/contacts/${c.id}/screening`)).statusCode).toBe(403);
    expect((await obs.request('GET', '/api/frontdesk/referrals')).statusCode).toBe(403);
    const bresso = await t.login('sportello_bresso');
    expect((await bresso.request('GET', `/api/frontdesk/contacts/${c.id}`)).statusCode).toBe(403);
    const sociale = await t.login('sociale');
    expect(
      (await sociale.request('POST', `/api/frontdesk/contacts/${c.id}/referrals`, { kind: 'social_worker' }))
        .statusCode,
    ).toBe(201);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('household_id', '=', h.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('appointment slots per operator; a slot is booked once; cancelling frees it', async () => {
    const h = await householdWithIsee(desk);
    const c = await contact(h.id);
    const slot = await desk.request('POST', '/api/frontdesk/slots', {
      startsAt: '2026-11-30T09:00:00Z',
      endsAt: '2026-11-30T09:30:00Z',
      place: 'Sportello 1',
    });
    expect(slot.statusCode, slot.body).toBe(201);
    const slotId = (slot.json() as { id: string }).id;
    expect(
      (
        await desk.request('POST', '/api/frontdesk/slots', {
          startsAt: '2026-11-30T09:15:00Z',
          endsAt: '2026-11-30T09:45:00Z',
          place: 'x',
        })
      ).statusCode,
    ).toBe(409);
    const book = await desk.request('POST', '/api/frontdesk/bookings', {
      slotId,
      householdId: h.id,
      contactId: c.id,
      purpose: 'Domanda morosità incolpevole',
    });
    expect(book.statusCode, book.body).toBe(201);
    const twice = await desk.request('POST', '/api/frontdesk/bookings', {
      slotId,
      householdId: h.id,
      purpose: 'altro',
    });
    expect(twice.statusCode).toBe(409);
    const cal = (await desk.request('GET', '/api/frontdesk/calendar?from=2026-11-30&to=2026-11-30')).json() as {
      items: { id: string; booking: { id: string } | null }[];
    };
    const bookedSlot = cal.items.find((s) => s.id === slotId);
    expect(bookedSlot?.booking).not.toBeNull();
    expect((await desk.request('DELETE', `/api/frontdesk/bookings/${bookedSlot?.booking?.id}`)).statusCode).toBe(200);
    expect(
      (await desk.request('POST', '/api/frontdesk/bookings', { slotId, householdId: h.id, purpose: 'nuovo' }))
        .statusCode,
    ).toBe(201);
    const detail = (await desk.request('GET', `/api/frontdesk/contacts/${c.id}`)).json() as Contact;
    expect(detail.outcome).toBe('appointment_booked');
  });
  it('opens a weekly series of slots at the same time in Rome, whole or not at all', async () => {
    const k = t.testDb.db.kysely;
    const slots = async () => (await k.selectFrom('appointment_slots').select('id').execute()).length;
    // Mondays at 10:00 in Rome from 22 March 2027: summer time starts on the 28th.
    const series = await desk.request('POST', '/api/frontdesk/slots', {
      startsAt: '2027-03-22T09:00:00Z',
      endsAt: '2027-03-22T09:30:00Z',
      place: 'Sportello 2',
      repeatWeeks: 3,
    });
    expect(series.statusCode, series.body).toBe(201);
    const created = series.json() as { id: string; ids: string[] };
    expect(created.ids).toHaveLength(3);
    expect(created.id).toBe(created.ids[0]);
    const cal = (await desk.request('GET', '/api/frontdesk/calendar?from=2027-03-22&to=2027-04-05')).json() as {
      items: { id: string; startsAt: string; place: string }[];
    };
    expect(cal.items.filter((s) => s.place === 'Sportello 2').map((s) => s.startsAt)).toEqual([
      '2027-03-22T09:00:00.000Z',
      '2027-03-29T08:00:00.000Z',
      '2027-04-05T08:00:00.000Z',
    ]);
    // A series whose second week meets an existing slot opens nothing, not even its first week, and
    // says which day.
    const before = await slots();
    const clash = await desk.request('POST', '/api/frontdesk/slots', {
      startsAt: '2027-03-15T09:15:00Z',
      endsAt: '2027-03-15T09:45:00Z',
      place: 'Sportello 3',
      repeatWeeks: 3,
    });
    expect(clash.statusCode).toBe(409);
    expect((clash.json() as { error: { message: string } }).error.message).toContain('22/03/2027');
    expect(await slots()).toBe(before);
    // More than a year of weeks is refused at the field.
    const many = await desk.request('POST', '/api/frontdesk/slots', {
      startsAt: '2027-06-01T09:00:00Z',
      endsAt: '2027-06-01T09:30:00Z',
      place: 'x',
      repeatWeeks: 53,
    });
    expect(many.statusCode).toBe(400);
    expect((many.json() as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe('repeatWeeks');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { createHousehold } from '../../../../test/emergency-fixtures.js';
import { OTHER_PARTNER_ID, PARTNER_ID } from '../../../../test/fixtures.js';
import { createReferral } from './referrals.actions.js';

interface Referral {
  id: string;
  status: string;
  partnerName: string;
}

describe.each(testDialects())('referrals, partners and plans on %s', (dialect) => {
  let t: TestApp;
  let social: Session;
  let partner: Session;
  let partner2: Session;
  let household: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    social = await t.login('sociale');
    partner = await t.login('partner');
    partner2 = await t.login('partner2');
    household = await createHousehold(social);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refers a household to a partner with its legal basis: the file is shared until declined', async () => {
    const res = await social.request('POST', '/api/referrals', {
      householdId: household,
      partnerId: PARTNER_ID,
      service: 'Accompagnamento educativo',
      reason: 'Sfratto convalidato, madre sola con un figlio',
      legalBasis: 'social_services_law',
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as Referral;
    expect(r.status).toBe('pending');
    expect((await partner.request('GET', `/api/households/${household}`)).statusCode).toBe(200);
    expect(
      ((await partner.request('GET', '/api/referrals')).json() as { items: Referral[] }).items.map((x) => x.id),
    ).toEqual([r.id]);
    expect(((await partner2.request('GET', '/api/referrals')).json() as { items: Referral[] }).items).toEqual([]);
    expect((await partner2.request('GET', `/api/referrals/${r.id}`)).statusCode).toBe(403);
    expect(
      (await partner2.request('POST', `/api/referrals/${r.id}/decision`, { decision: 'accepted' })).statusCode,
    ).toBe(403);
    expect((await partner.request('GET', `/api/referrals?partnerId=${OTHER_PARTNER_ID}`)).statusCode).toBe(403);

    const declined = await partner.request('POST', `/api/referrals/${r.id}/decision`, {
      decision: 'declined',
      note: 'Nessun posto',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect((declined.json() as Referral).status).toBe('declined');
    expect((await partner.request('GET', `/api/households/${household}`)).statusCode).toBe(403);
    const again = await partner.request('POST', `/api/referrals/${r.id}/decision`, { decision: 'accepted' });
    expect(again.statusCode).toBe(409);
    expect((again.json() as { error: { details: { code: string }[] } }).error.details[0]?.code).toBe(
      'REFERRAL_TRANSITION_NOT_ALLOWED',
    );
  });

  it('createReferral runs inside the caller’s transaction (front desk contract): a rollback leaves nothing', async () => {
    const users = await t.testDb.db.kysely
      .selectFrom('users')
      .select(['id', 'username'])
      .where('username', '=', 'sportello')
      .executeTakeFirstOrThrow();
    const ctx = {
      actor: {
        userId: users.id,
        username: 'sportello',
        displayName: 'S',
        role: 'front_desk' as const,
        partnerId: null,
        comuneIds: [],
      },
      requestId: 'r1',
      ip: '127.0.0.1',
      method: 'POST',
      path: '/test',
      now: t.clock.now,
    };
    const before = (await t.testDb.db.kysely.selectFrom('referrals').select('id').execute()).length;
    await expect(
      t.testDb.db.kysely.transaction().execute(async (trx) => {
        await createReferral(trx, ctx, {
          householdId: household,
          partnerId: OTHER_PARTNER_ID,
          direction: 'to_partner',
          service: 'Sindacato',
          reason: 'x',
          legalBasis: 'consent',
        });
        throw new Error('caller fails later');
      }),
    ).rejects.toThrow('caller fails later');
    expect((await t.testDb.db.kysely.selectFrom('referrals').select('id').execute()).length).toBe(before);
    const id = await t.testDb.db.kysely.transaction().execute((trx) =>
      createReferral(trx, ctx, {
        householdId: household,
        partnerId: OTHER_PARTNER_ID,
        direction: 'to_partner',
        service: 'Sindacato',
        reason: 'x',
        legalBasis: 'consent',
      }),
    );
    const revoked = await social.request('POST', `/api/referrals/${id}/revocation`, { reason: 'Errore' });
    expect((revoked.json() as Referral).status).toBe('revoked');
    expect((await partner2.request('GET', `/api/households/${household}`)).statusCode).toBe(403);
  });

  it('partners: organisations, agreements with dates checked; a partner sees only its own organisation', async () => {
    const created = await social.request('POST', '/api/partners', {
      name: 'SUNIA Milano',
      kind: 'union',
      services: ['Consulenza inquilini'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const bad = await social.request('POST', `/api/partners/${id}/agreements`, {
      subject: 'Sportello',
      startsOn: '2026-06-01',
      endsOn: '2026-01-01',
      places: 0,
      costPerPlaceMonthEuros: 0,
    });
    expect(bad.statusCode).toBe(400);
    const ok = await social.request('POST', `/api/partners/${id}/agreements`, {
      subject: 'Ospitalità',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      places: 4,
      costPerPlaceMonthEuros: 350,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as { agreements: { totalCostCents: number; inForce: boolean }[] }).agreements[0]).toMatchObject({
      totalCostCents: 4 * 35000 * 12,
      inForce: true,
    });
    expect(
      ((await partner.request('GET', '/api/partners')).json() as { items: { id: string }[] }).items.map((p) => p.id),
    ).toEqual([PARTNER_ID]);
    expect((await partner.request('GET', `/api/partners/${id}`)).statusCode).toBe(403);
    expect((await partner.request('POST', '/api/partners', { name: 'X', kind: 'other' })).statusCode).toBe(403);
  });

  it('plans: goals, actions with a derived status, reviews; a partner reads only plans of households shared with it', async () => {
    const res = await social.request('POST', '/api/plans', {
      householdId: household,
      title: 'Uscita dall’emergenza abitativa',
      openedOn: '2026-11-01',
      goals: ['Trovare un alloggio stabile'],
      team: [{ name: 'Anna Sociale', roleLabel: 'Assistente sociale' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json() as { id: string; status: string; goals: { id: string }[] };
    expect(plan.status).toBe('to_define');
    const withAction = await social.request('POST', `/api/plans/${plan.id}/actions`, {
      goalId: plan.goals[0]?.id,
      description: 'Domanda al prossimo avviso SAP',
      responsibleKind: 'social_worker',
      responsibleName: 'Anna Sociale',
      dueOn: '2026-11-20',
    });
    expect((withAction.json() as { status: string }).status).toBe('late');
    const actionId = (withAction.json() as { actions: { id: string }[] }).actions[0]?.id;
    const done = await social.request('PUT', `/api/plans/${plan.id}/actions/${actionId}`, {
      status: 'done',
      doneOn: '2026-11-25',
    });
    expect((done.json() as { status: string }).status).toBe('completed');
    const back = await social.request('PUT', `/api/plans/${plan.id}/actions/${actionId}`, { status: 'planned' });
    expect(back.statusCode).toBe(409);
    const review = await social.request('POST', `/api/plans/${plan.id}/reviews`, {
      reviewedOn: '2026-10-01',
      outcome: 'x',
    });
    expect(review.statusCode).toBe(400);
    expect((await partner2.request('GET', `/api/plans/${plan.id}`)).statusCode).toBe(403);
    expect(((await partner2.request('GET', '/api/plans')).json() as { items: unknown[] }).items).toEqual([]);
    const timeline = await t.testDb.db.kysely
      .selectFrom('timeline_events')
      .select('kind')
      .where('household_id', '=', household)
      .execute();
    expect(timeline.map((x) => x.kind)).toContain('plan_opened');
  });
});

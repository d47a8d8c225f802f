import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { insertUnit } from '../../../../test/calls-fixtures.js';
import { testDialects } from '../../../../test/db.js';
import { COMUNI } from '../../../../test/fixtures.js';
import type { CallDetail } from '../../../shared/calls.js';

const CALL = { name: 'Avviso SAP 2027', opensOn: '2027-01-10', closesOn: '2027-02-20' };

describe.each(testDialects())('SAP calls on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const k = () => t.testDb.db.kysely;
  async function callsCount() {
    const row = await k()
      .selectFrom('calls')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('creates a call with the defaults: code, seed, tie-break keys, refusal policy, deadlines', async () => {
    const s = await t.login('erp');
    const res = await s.request('POST', '/api/calls', CALL);
    expect(res.statusCode).toBe(201);
    const call = res.json() as CallDetail;
    expect(call.code).toBe('AVV-2027-001');
    expect(call.kind).toBe('ordinary');
    expect(call.programme).toBe('sap');
    expect(call.scoring).toBe('platform_isbar');
    expect(call.indigentPercent).toBe(20);
    expect(call.windowDays).toBe(42);
    expect(call.tieBreakKeys.map((k) => k.key)).toEqual(['lower_isee', 'earlier_submission', 'seeded_draw']);
    expect(Number.isInteger(call.drawSeed) && call.drawSeed >= 0 && call.drawSeed < 2 ** 32).toBe(true);
    expect(call.refusalPolicy.id).toBe('exclude_after_unjustified_refusal');
    // RR 4/2017 art. 12: provisional rankings 5 days after closing, then 15 + 15 + 5 days.
    const on = Object.fromEntries(call.deadlines.map((d) => [d.code, d.on]));
    expect(on).toMatchObject({
      applications_window: '2027-02-20',
      provisional_ranking_due: '2027-02-25',
      correction_window_closes: '2027-03-12',
      correction_decision_due: '2027-03-27',
      final_without_requests: '2027-03-12',
      final_publication_due: '2027-03-17',
    });
    expect(call.deadlinesProjected).toBe(true);
    const stored = await k().selectFrom('calls').selectAll().where('id', '=', call.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.tie_break_keys)).toEqual(['lower_isee', 'earlier_submission', 'seeded_draw']);
    expect(Number(stored.draw_seed)).toBe(call.drawSeed);
    const audit = await k().selectFrom('audit_log').selectAll().where('entity_id', '=', call.id).execute();
    expect(audit.map((a) => `${a.action}:${a.outcome}:${a.username}`)).toContain('create:ok:erp');

    const second = await s.request('POST', '/api/calls', { ...CALL, name: 'Secondo avviso' });
    expect((second.json() as CallDetail).code).toBe('AVV-2027-002');
    const list = await s.request('GET', '/api/calls');
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: { code: string }[] }).items.map((c) => c.code)).toEqual(
      expect.arrayContaining(['AVV-2027-001', 'AVV-2027-002']),
    );
  });

  it('refuses a window under 30 days naming RR 4/2017 art. 8 c.2, and accepts exactly 30', async () => {
    const s = await t.login('erp');
    const before = await callsCount();
    const res = await s.request('POST', '/api/calls', { ...CALL, opensOn: '2027-03-01', closesOn: '2027-03-29' });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; details: { path: string; message: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toContainEqual({
      path: 'closesOn',
      code: expect.any(String) as string,
      message: expect.stringMatching(/29 giorni.*almeno 30.*R\.R\. 4\/2017 art\. 8 c\.2/) as string,
    });
    const reversed = await s.request('POST', '/api/calls', { ...CALL, opensOn: '2027-03-10', closesOn: '2027-03-01' });
    expect(reversed.statusCode).toBe(400);
    expect(await callsCount()).toBe(before);
    // 1–30 March: both ends are days on which one can apply.
    const exact = await s.request('POST', '/api/calls', { ...CALL, opensOn: '2027-03-01', closesOn: '2027-03-30' });
    expect(exact.statusCode).toBe(201);
    expect((exact.json() as CallDetail).windowDays).toBe(30);
  });

  it('refuses quotas above the legal caps and police quotas on an ordinary call', async () => {
    const s = await t.login('dirigente');
    const before = await callsCount();
    const reserve = await s.request('POST', '/api/calls', {
      ...CALL,
      quotas: [{ ownerId: 'owner-aler', reservePercent: 25 }],
    });
    expect(reserve.statusCode).toBe(400);
    const reserveDetails = (reserve.json() as { error: { details: { path: string; message: string }[] } }).error
      .details;
    expect(reserveDetails[0]).toMatchObject({ path: 'quotas.0.reservePercent' });
    expect(reserveDetails[0]?.message).toMatch(/25%.*20%/);
    const policeOnOrdinary = await s.request('POST', '/api/calls', {
      ...CALL,
      quotas: [{ ownerId: 'owner-aler', policePercent: 10 }],
    });
    expect(policeOnOrdinary.statusCode).toBe(400);
    expect(
      (policeOnOrdinary.json() as { error: { details: { path: string }[] } }).error.details.map((d) => d.path),
    ).toContain('quotas.0.policePercent');
    const policeTooHigh = await s.request('POST', '/api/calls', {
      ...CALL,
      kind: 'police_forces',
      quotas: [{ ownerId: 'owner-aler', policePercent: 21 }],
    });
    expect(policeTooHigh.statusCode).toBe(400);
    const noScheme = await s.request('POST', '/api/calls', { ...CALL, scoring: 'points_scheme' });
    expect(noScheme.statusCode).toBe(400);
    const unknownScheme = await s.request('POST', '/api/calls', {
      ...CALL,
      scoring: 'points_scheme',
      schemeCode: 'nessuno',
      schemeVersion: '1',
    });
    expect(unknownScheme.statusCode).toBe(400);
    expect((unknownScheme.json() as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      'schemeCode',
    );
    const indigentLow = await s.request('POST', '/api/calls', { ...CALL, indigentPercent: 15 });
    expect(indigentLow.statusCode).toBe(400);
    const unknownOwner = await s.request('POST', '/api/calls', {
      ...CALL,
      quotas: [{ ownerId: 'owner-nessuno', reservePercent: 10 }],
    });
    expect(unknownOwner.statusCode).toBe(400);
    expect(await callsCount()).toBe(before);
    const ok = await s.request('POST', '/api/calls', {
      ...CALL,
      kind: 'police_forces',
      quotas: [{ ownerId: 'owner-aler', reservePercent: 20, policePercent: 20 }],
    });
    expect(ok.statusCode).toBe(201);
    expect((ok.json() as CallDetail).quotasConfig).toEqual([
      { ownerId: 'owner-aler', ownerName: 'ALER Milano', reservePercent: 20, policePercent: 20 },
    ]);
  });

  it('offers units of the Ambito, computes quotas per owner and Comune, and shows adequacy bands', async () => {
    const s = await t.login('erp');
    const call = (
      await s.request('POST', '/api/calls', {
        ...CALL,
        quotas: [
          { ownerId: 'owner-aler', reservePercent: 15 },
          { ownerId: `owner-${COMUNI.cinisello}`, reservePercent: 10 },
        ],
      })
    ).json() as CallDetail;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push(await insertUnit(t.testDb.db, { code: `Q-ALC-${i}`, owner: 'aler', areaM2: 42.5 }));
    for (let i = 0; i < 4; i++) {
      ids.push(await insertUnit(t.testDb.db, { code: `Q-ALB-${i}`, owner: 'aler', comune: 'bresso', areaM2: 80 }));
    }
    for (let i = 0; i < 3; i++) ids.push(await insertUnit(t.testDb.db, { code: `Q-CIN-${i}`, areaM2: 25 }));
    const assigned = await insertUnit(t.testDb.db, { code: 'Q-ASS', areaM2: 50, state: 'assigned' });
    const por = await insertUnit(t.testDb.db, { code: 'Q-POR', areaM2: 50, programme: 'por' });

    const candidates = await s.request('GET', `/api/calls/${call.id}/candidate-units?q=q-&limit=200`);
    expect(candidates.statusCode).toBe(200);
    const codes = (candidates.json() as { items: { code: string }[] }).items.map((u) => u.code);
    expect(codes).toContain('Q-ALC-0');
    expect(codes).not.toContain('Q-ASS');
    expect(codes).not.toContain('Q-POR');

    const refused = await s.request('POST', `/api/calls/${call.id}/units`, { unitIds: [ids[0], assigned, por] });
    expect(refused.statusCode).toBe(400);
    const details = (refused.json() as { error: { details: { path: string; message: string }[] } }).error.details;
    expect(details.map((d) => d.path)).toEqual(['unitIds.1', 'unitIds.2']);
    expect(details[0]?.message).toMatch(/già assegnato/);
    expect((await s.request('GET', `/api/calls/${call.id}`)).json()).toMatchObject({ unitsCount: 0 });

    const added = await s.request('POST', `/api/calls/${call.id}/units`, { unitIds: ids });
    expect(added.statusCode).toBe(200);
    // Adding again is harmless.
    const again = await s.request('POST', `/api/calls/${call.id}/units`, { unitIds: ids.slice(0, 2) });
    const detail = again.json() as CallDetail;
    expect(detail.unitsCount).toBe(13);
    const figure = (kind: string, owner: string, comune: string | null) =>
      detail.quotas.find((q) => q.kind === kind && q.ownerName === owner && q.comuneName === comune)?.count;
    // RR 4/2017 art. 13: 20% rounded up, per Comune for ALER: 6 → 1.2 → 2; 4 → 0.8 → 1; Comune 3 → 0.6 → 1.
    expect(figure('indigent', 'ALER Milano', 'Cinisello Balsamo')).toBe(2);
    expect(figure('indigent', 'ALER Milano', 'Bresso')).toBe(1);
    expect(figure('indigent', 'Comune di Cinisello Balsamo', null)).toBe(1);
    // Art. 4 c.3 c bis: reserves rounded up from .5: 15% of 10 = 1.5 → 2; 10% of 3 = 0.3 → 0.
    expect(figure('reserve', 'ALER Milano', null)).toBe(2);
    expect(figure('reserve', 'Comune di Cinisello Balsamo', null)).toBe(0);
    expect(detail.quotas.every((q) => q.source.length > 0 && q.text.length > 0)).toBe(true);
    const band = (code: string) => detail.units.find((u) => u.code === code)?.adequacy;
    expect(band('Q-ALC-0')).toMatchObject({ membersFrom: 1, membersTo: 2 });
    expect(band('Q-ALB-0')).toMatchObject({ membersFrom: 4, membersTo: null });
    // Below 28 m²: only a single person (art. 9).
    expect(band('Q-CIN-0')).toMatchObject({ membersFrom: 1, membersTo: 1 });

    const removed = await s.request('DELETE', `/api/calls/${call.id}/units/${ids[12]}`);
    expect(removed.statusCode).toBe(200);
    expect((removed.json() as CallDetail).unitsCount).toBe(12);
    const audit = await k()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', call.id)
      .where('action', '=', 'update')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('lets staff read calls, the front desk not change them, and refuses partners and observers with an audit row', async () => {
    const erp = await t.login('erp');
    const call = (await (await erp.request('POST', '/api/calls', CALL)).json()) as CallDetail;
    const desk = await t.login('sportello');
    expect((await desk.request('GET', '/api/calls')).statusCode).toBe(200);
    expect((await desk.request('GET', `/api/calls/${call.id}`)).statusCode).toBe(200);
    expect((await desk.request('POST', '/api/calls', CALL)).statusCode).toBe(403);
    expect((await desk.request('POST', `/api/calls/${call.id}/units`, { unitIds: ['x'] })).statusCode).toBe(403);
    for (const username of ['partner', 'osservatore']) {
      const s = await t.login(username);
      expect((await s.request('GET', '/api/calls')).statusCode).toBe(403);
      expect((await s.request('GET', `/api/calls/${call.id}`)).statusCode).toBe(403);
      expect((await s.request('POST', '/api/calls', CALL)).statusCode).toBe(403);
      expect((await s.request('DELETE', `/api/calls/${call.id}/units/x`)).statusCode).toBe(403);
    }
    const denied = await k()
      .selectFrom('audit_log')
      .select(['username', 'action', 'entity_type'])
      .where('outcome', '=', 'denied')
      .where('entity_type', '=', 'call')
      .execute();
    const seen = new Set(denied.map((d) => `${d.username}:${d.action}`));
    for (const expected of [
      'sportello:create',
      'sportello:update',
      'partner:search',
      'partner:read',
      'partner:create',
      'partner:update',
      'osservatore:search',
      'osservatore:read',
      'osservatore:create',
      'osservatore:update',
    ]) {
      expect(seen.has(expected), expected).toBe(true);
    }
    const anonymous = await t.app.fastify.inject({ method: 'GET', url: '/api/calls' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers 404 for an unknown call', async () => {
    const s = await t.login('erp');
    expect((await s.request('GET', '/api/calls/nessuno')).statusCode).toBe(404);
  });
});

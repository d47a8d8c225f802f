import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { seedSapCall } from '../../../../test/sap-builders.js';
import type { AssignmentBoard } from '../../../shared/assignments.js';
import { newId } from '../../ids.js';
import { rankingJson } from '../rankings/rankings.export.js';
import { verifyAssignmentRun } from './assignments.verify.js';

describe.each(testDialects())('assignment of a SAP call on %s', (dialect) => {
  let t: TestApp;
  let erp: Session;
  let call: Awaited<ReturnType<typeof seedSapCall>>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    call = await seedSapCall(t.testDb.db, {
      opensOn: '2026-10-01',
      closesOn: '2026-11-20',
      units: [
        { code: 'U-ALER-CIN-1', owner: 'aler', comune: 'cinisello', areaM2: 50 },
        { code: 'U-ALER-CIN-2', owner: 'aler', comune: 'cinisello', areaM2: 52 },
        { code: 'U-COM-CIN-1', owner: 'comune', comune: 'cinisello', areaM2: 40 },
      ],
      applications: [
        {
          platformId: 'D-001',
          isbar: 30.5,
          iseeEuro: 9000,
          submittedAt: '2026-10-02T09:00:00Z',
          members: 2,
          choices: ['U-COM-CIN-1', 'U-ALER-CIN-1'],
        },
        {
          platformId: 'D-002',
          isbar: 28,
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
          members: 2,
          choices: ['U-ALER-CIN-1', 'U-ALER-CIN-2'],
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
    // Every application admitted by the review (istruttoria), straight into the table.
    for (const id of call.applicationIds.values()) {
      await t.testDb.db.kysely
        .insertInto('application_reviews')
        .values({
          id: newId(),
          application_id: id,
          decision: 'admitted',
          reason: 'Requisiti verificati',
          checks: '[]',
          decided_at: '2026-11-21T09:00:00Z',
          decided_by: 'system',
        })
        .execute();
    }
    erp = await t.login('erp');
    expect((await erp.request('POST', `/api/calls/${call.callId}/rankings`, {})).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const board = async () =>
    (await erp.request('GET', `/api/calls/${call.callId}/assignments`)).json() as AssignmentBoard;

  it('assigns only from the final ranking', async () => {
    const early = await erp.request('POST', `/api/calls/${call.callId}/assignment-runs`, {});
    expect(early.statusCode).toBe(409);
    expect(
      (await erp.request('POST', `/api/calls/${call.callId}/rankings/publish`, { onDate: '2026-11-22' })).statusCode,
    ).toBe(200);
    t.clock.now = new Date('2026-12-10T09:00:00Z');
    erp = await t.login('erp');
    expect((await erp.request('POST', `/api/calls/${call.callId}/rankings/finalise`, {})).statusCode).toBe(200);
  });

  it('proposes indigent first within the 20% quota, then the ranking (RR 4/2017 art. 13, art. 15)', async () => {
    const res = await erp.request('POST', `/api/calls/${call.callId}/assignment-runs`, {});
    expect(res.statusCode).toBe(201);
    const b = await board();
    const byUnit = Object.fromEntries(b.proposals.map((p) => [p.unitCode, [p.platformId, p.basis]]));
    // The Comune's one unit: 20% of 1, rounded up, is 1 — it goes to the indigent D-004 although D-001 ranks higher.
    expect(byUnit['U-COM-CIN-1']).toEqual(['D-004', 'indigent']);
    // ALER Cinisello: D-003 (41.25) takes its first choice; D-001 (30.5) then takes U-ALER-CIN-1? No: D-003 took it.
    expect(byUnit['U-ALER-CIN-1']).toEqual(['D-003', 'ranking']);
    expect(b.proposals.find((p) => p.platformId === 'D-001')).toBeUndefined();
    // Explanations name owners and Comuni, never internal ids.
    expect(b.proposals.every((p) => !/[0-9a-f]{8}-[0-9a-f]{4}-/.test(p.explanation))).toBe(true);
    expect(b.proposals.some((p) => p.explanation.includes('Cinisello Balsamo'))).toBe(true);
    // The same inputs give the same snapshot hash; the redo records the run it replaces.
    const again = await erp.request('POST', `/api/calls/${call.callId}/assignment-runs`, {});
    expect(again.json()).toMatchObject({
      inputHash: (res.json() as { inputHash: string }).inputHash,
      supersedes: (res.json() as { runId: string }).runId,
    });
  });

  it('lets exactly one of many simultaneous confirmations of a unit succeed', async () => {
    const b = await board();
    const target = b.proposals.find((p) => p.unitCode === 'U-ALER-CIN-1');
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () =>
        erp.request('POST', `/api/assignment-runs/${b.run?.id}/units/${target?.unitId}/confirm`, {}),
      ),
    );
    expect(attempts.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(attempts.filter((a) => a.statusCode === 409)).toHaveLength(19);
    const claims = await t.testDb.db.kysely.selectFrom('unit_claims').selectAll().execute();
    expect(claims).toHaveLength(1);
  });

  it('follows offer, acceptance and decision; the decision needs the acceptance first (art. 15 c.2)', async () => {
    const assignment = (await board()).assignments[0];
    const id = assignment?.id as string;
    expect((await erp.request('POST', `/api/assignments/${id}/events`, { kind: 'decided' })).statusCode).toBe(409);
    expect((await erp.request('POST', `/api/assignments/${id}/events`, { kind: 'offered' })).json()).toMatchObject({
      state: 'offered',
    });
    expect((await erp.request('POST', `/api/assignments/${id}/events`, { kind: 'accepted' })).json()).toMatchObject({
      state: 'accepted',
    });
    expect(
      (await erp.request('POST', `/api/assignments/${id}/events`, { kind: 'decided', onDate: '2026-12-10' })).json(),
    ).toMatchObject({ state: 'decided' });
    const unit = await t.testDb.db.kysely
      .selectFrom('units')
      .select('state')
      .where('code', '=', 'U-ALER-CIN-1')
      .executeTakeFirstOrThrow();
    expect(unit.state).toBe('assigned');
    const history = await t.testDb.db.kysely.selectFrom('unit_state_changes').select(['state', 'source']).execute();
    expect(history).toEqual([{ state: 'assigned', source: 'assignment' }]);
  });

  it('a refusal needs a reason, frees the unit, and an unjustified one excludes the household from the next run', async () => {
    const b = await board();
    const proposal = b.proposals.find((p) => p.unitCode === 'U-COM-CIN-1');
    const confirmed = await erp.request(
      'POST',
      `/api/assignment-runs/${b.run?.id}/units/${proposal?.unitId}/confirm`,
      {},
    );
    const id = (confirmed.json() as { id: string }).id;
    await erp.request('POST', `/api/assignments/${id}/events`, { kind: 'offered' });
    const noReason = await erp.request('POST', `/api/assignments/${id}/events`, { kind: 'refused' });
    expect(noReason.statusCode).toBe(400);
    const refused = await erp.request('POST', `/api/assignments/${id}/events`, {
      kind: 'refused',
      reason: 'Non interessato',
      justified: false,
    });
    expect(refused.json()).toMatchObject({ state: 'refused' });
    expect(
      await t.testDb.db.kysely
        .selectFrom('unit_claims')
        .selectAll()
        .where('unit_id', '=', proposal?.unitId as string)
        .execute(),
    ).toEqual([]);
    const rerun = await erp.request('POST', `/api/calls/${call.callId}/assignment-runs`, {});
    expect(rerun.json()).toMatchObject({ supersedes: b.run?.id });
    const next = await board();
    // D-004 refused without a justified reason: the unit goes to the next in line, D-001.
    expect(next.proposals.map((p) => [p.unitCode, p.platformId])).toEqual([['U-COM-CIN-1', 'D-001']]);
  });

  it('exports rankings and open assignments as JSON by platform ids and unit codes', async () => {
    const json = await rankingJson(t.testDb.db.kysely, call.callId);
    expect(json.assignments).toEqual([{ unitId: 'U-ALER-CIN-1', applicationId: 'D-003', basis: 'ranking' }]);
    expect(json.rankings.map((r) => r.owner).sort()).toEqual(['ALER Milano', 'Comune di Cinisello Balsamo']);
  });

  it('recomputes a stored assignment run identically from its snapshot', async () => {
    const runs = await t.testDb.db.kysely.selectFrom('assignment_runs').select('id').execute();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const r of runs) {
      expect(await verifyAssignmentRun(t.testDb.db.kysely, r.id)).toMatchObject({ identical: true });
    }
  });

  it('explains which unit an application got, or why it got none', async () => {
    const got = await erp.request('GET', `/api/applications/${call.applicationIds.get('D-003')}/explanation`);
    expect((got.json() as { assignment: { unitCode: string; code: string } }).assignment).toMatchObject({
      unitCode: 'U-ALER-CIN-1',
      code: 'decided',
    });
    const none = await erp.request('GET', `/api/applications/${call.applicationIds.get('D-002')}/explanation`);
    const body = none.json() as { assignment: { unitCode: string | null; text: string }; text: string };
    expect(body.assignment.unitCode).toBeNull();
    expect(body.text).toContain('Nessun alloggio');
    // Derived from the run's snapshot on request, with owners and Comuni named as people know them.
    expect(body.assignment.text).toMatch(/Nessun alloggio in questa proposta: \S/);
    expect(body.assignment.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('refuses assignment work to the front desk and records it', async () => {
    const desk = await t.login('sportello');
    expect((await desk.request('POST', `/api/calls/${call.callId}/assignment-runs`, {})).statusCode).toBe(403);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'assignment')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(1);
  });
});

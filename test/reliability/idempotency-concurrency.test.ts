// Retried requests act once (Idempotency-Key), and concurrent confirmations of one unit for
// different households let exactly one win (unit_claims primary key), on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../app.js';
import { householdInput, syntheticFiscalCode } from '../builders.js';
import { testDialects } from '../db.js';
import { seedContestedUnit } from './helpers.js';

const CONTENDERS = 50;

function person(i: number) {
  const fiscalCode = syntheticFiscalCode({
    surname3: 'DMP',
    name3: 'TNT',
    birthDate: `1970-01-${String(10 + i).padStart(2, '0')}`,
    sex: 'M',
  });
  return {
    fiscalCode,
    firstName: 'Tentativo',
    lastName: `Doppio${i}`,
    birthDate: `1970-01-${String(10 + i).padStart(2, '0')}`,
    sex: 'M' as const,
    relation: 'applicant' as const,
    citizenship: 'italian' as const,
  };
}

describe.each(testDialects())('idempotency and concurrency on %s', (dialect) => {
  let t: TestApp;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    s = await t.login('sportello');
  });
  afterAll(async () => {
    await t.close();
  });
  const households = async () =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom('households')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('replays the stored response of a retried request instead of acting twice', async () => {
    const before = await households();
    const body = householdInput({ members: [person(1)] });
    const first = await s.request('POST', '/api/households', body, { 'idempotency-key': 'crea-nucleo-0001' });
    expect(first.statusCode).toBe(201);
    const retry = await s.request('POST', '/api/households', body, { 'idempotency-key': 'crea-nucleo-0001' });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await households()).toBe(before + 1);
  });

  it('refuses the same key with a different body: 422 IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
    const before = await households();
    const res = await s.request('POST', '/api/households', householdInput({ members: [person(2)] }), {
      'idempotency-key': 'crea-nucleo-0001',
    });
    expect(res.statusCode).toBe(422);
    expect((res.json() as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await households()).toBe(before);
  });

  it('keys are per user: another user may use the same key for its own request', async () => {
    const other = await t.login('sociale');
    const res = await other.request('POST', '/api/households', householdInput({ members: [person(3)] }), {
      'idempotency-key': 'crea-nucleo-0001',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('acts once when the same request is sent 10 times at once with one key', async () => {
    const before = await households();
    const body = householdInput({ members: [person(4)] });
    const all = await Promise.all(
      Array.from({ length: 10 }, () =>
        s.request('POST', '/api/households', body, { 'idempotency-key': 'simultanea-42' }),
      ),
    );
    const codes = all.map((r) => r.statusCode);
    // The first acts; the others either replay its response or are told it is still running.
    expect(codes.every((c) => c === 201 || c === 409)).toBe(true);
    expect(all.filter((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await households()).toBe(before + 1);
  });

  it('lets a retry run again when the first attempt never finished (process killed), and only after a while', async () => {
    const user = await t.testDb.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sportello')
      .executeTakeFirstOrThrow();
    const body = householdInput({ members: [person(5)] });
    await t.testDb.db.kysely
      .insertInto('idempotency_keys')
      .values({
        user_id: user.id,
        idempotency_key: 'interrotta-1',
        method: 'POST',
        route: '/api/households',
        request_hash: (await import('../../src/server/http/idempotency.js')).requestHash({
          method: 'POST',
          url: '/api/households',
          body,
        }),
        status_code: null,
        content_type: null,
        response_body: null,
        created_at: t.clock.now.toISOString(),
        completed_at: null,
      })
      .execute();
    const before = await households();
    const soon = await s.request('POST', '/api/households', body, { 'idempotency-key': 'interrotta-1' });
    expect(soon.statusCode).toBe(409);
    expect((soon.json() as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    t.clock.now = new Date(t.clock.now.getTime() + 6 * 60_000);
    s = await t.login('sportello');
    const later = await s.request('POST', '/api/households', body, { 'idempotency-key': 'interrotta-1' });
    expect(later.statusCode).toBe(201);
    expect(await households()).toBe(before + 1);
  });

  it('refuses a malformed key', async () => {
    const res = await s.request('POST', '/api/households', householdInput({ members: [person(6)] }), {
      'idempotency-key': 'con spazi non ammessi',
    });
    expect(res.statusCode).toBe(400);
  });

  it(`lets exactly one of ${CONTENDERS} simultaneous confirmations of one unit for different households succeed`, async () => {
    const { unitId, runs } = await seedContestedUnit(t.testDb.db, CONTENDERS);
    const erp = await t.login('erp');
    const results = await Promise.all(
      runs.map((r) => erp.request('POST', `/api/assignment-runs/${r.runId}/units/${unitId}/confirm`, {})),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(CONTENDERS - 1);
    const k = t.testDb.db.kysely;
    const claims = await k.selectFrom('unit_claims').selectAll().where('unit_id', '=', unitId).execute();
    expect(claims).toHaveLength(1);
    const assignments = await k.selectFrom('assignments').selectAll().where('unit_id', '=', unitId).execute();
    expect(assignments).toHaveLength(1);
    // The loser's households got no timeline event and no claim.
    const winner = assignments[0]?.application_id;
    const loserApps = runs.filter((r) => r.applicationId !== winner).map((r) => r.applicationId);
    const loserClaims = await k
      .selectFrom('application_claims')
      .selectAll()
      .where('application_id', 'in', loserApps)
      .execute();
    expect(loserClaims).toHaveLength(0);
    const events = await k
      .selectFrom('timeline_events')
      .select('household_id')
      .where('kind', '=', 'assignment_confirmed')
      .where(
        'household_id',
        'in',
        runs.map((r) => r.householdId),
      )
      .execute();
    expect(events).toHaveLength(1);
  });
});

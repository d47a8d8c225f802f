import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../../test/db.js';
import { DEMO_VULNERABILITY_LABELS, generateDemo } from '../../../core/demo/generate.js';
import { plainDateOf } from '../../../core/kernel/plain-date.js';
import { callInputSchema } from '../../../shared/calls.js';
import { VULNERABILITY_LABELS } from '../../../shared/households.js';
import type { RankingsView } from '../../../shared/rankings.js';
import { loadConfig } from '../../config.js';
import type { Db } from '../../db/client.js';
import { nextSequenceValue } from '../../db/sequences.js';
import type { RequestContext } from '../../http/context.js';
import { buildApp } from '../../http/app.js';
import { readApplication } from '../applications/applications.actions.js';
import { verifyPassword } from '../auth/passwords.js';
import { createCall, readCall } from '../calls/calls.actions.js';
import { hasAnyUser, isDemoLoaded, loadDemoData } from './demo.actions.js';

const NOW = new Date('2026-11-26T09:30:00Z');
const PASSWORD = 'password-demo-2026';
const opened: TestDb[] = [];
let currentDialect: 'sqlite' | 'postgres' = 'sqlite';

async function freshDb(): Promise<Db> {
  const t = await createTestDb(currentDialect);
  opened.push(t);
  return t.db;
}

async function count(
  db: Db,
  table:
    | 'households'
    | 'members'
    | 'units'
    | 'users'
    | 'comuni'
    | 'isee_records'
    | 'calls'
    | 'call_units'
    | 'call_owner_quotas'
    | 'applications'
    | 'application_reviews'
    | 'ranking_runs',
): Promise<number> {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The housing officer of the demo ('erp'), acting through the use cases. */
async function officerContext(db: Db): Promise<RequestContext> {
  const erp = await db.kysely
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', 'erp')
    .executeTakeFirstOrThrow();
  return {
    actor: {
      userId: erp.id,
      username: erp.username,
      displayName: erp.display_name,
      role: 'housing_officer',
      partnerId: null,
      comuneIds: [],
    },
    requestId: 'test',
    ip: '127.0.0.1',
    method: 'TEST',
    path: '/test',
    now: NOW,
  };
}

afterEach(async () => {
  for (const t of opened.splice(0)) await t.destroy();
});

describe.each(testDialects())('loadDemoData on %s', (dialect) => {
  beforeEach(() => {
    currentDialect = dialect;
  });
  it('loads 50 households, the housing stock and the seven accounts, and marks the database', async () => {
    const db = await freshDb();
    expect(await isDemoLoaded(db)).toBe(false);
    expect(await hasAnyUser(db)).toBe(false);

    const summary = await loadDemoData(db, { households: 50, password: PASSWORD, seed: 3, now: NOW });

    const expected = generateDemo({ seed: 3, households: 50, today: plainDateOf(NOW, 'Europe/Rome') });
    expect(summary.households).toBe(50);
    expect(summary.units).toBe(1859);
    expect(summary.users.map((u) => u.username)).toEqual([
      'admin',
      'dirigente',
      'sportello',
      'sociale',
      'erp',
      'partner',
      'osservatore',
    ]);
    expect(await count(db, 'households')).toBe(50);
    expect(await count(db, 'members')).toBe(expected.members.length);
    expect(await count(db, 'isee_records')).toBe(expected.iseeRecords.length);
    expect(await count(db, 'units')).toBe(1859);
    expect(await count(db, 'comuni')).toBe(4);
    expect(summary.calls).toBe(1);
    expect(summary.applications).toBe(expected.applications.length);
    expect(await count(db, 'calls')).toBe(1);
    expect(await count(db, 'call_units')).toBe(expected.callUnits.length);
    expect(await count(db, 'call_owner_quotas')).toBe(expected.callQuotas.length);
    expect(await count(db, 'applications')).toBe(expected.applications.length);
    expect(await count(db, 'application_reviews')).toBe(expected.reviews.length);
    expect(expected.applications.length).toBe(18);
    expect(await count(db, 'ranking_runs')).toBe(0);

    const users = await db.kysely
      .selectFrom('users')
      .select(['username', 'role', 'password_hash', 'active'])
      .where('username', '!=', 'system')
      .execute();
    expect(users.map((u) => [u.username, u.role]).sort()).toEqual(
      summary.users.map((u) => [u.username, u.role]).sort(),
    );
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    expect(await verifyPassword(users[0]?.password_hash ?? '', PASSWORD)).toBe(true);
    expect(users.every((u) => u.active === 1)).toBe(true);

    const shares = await db.kysely
      .selectFrom('household_shares')
      .innerJoin('users', 'users.partner_id', 'household_shares.partner_id')
      .where('users.username', '=', 'partner')
      .select('household_shares.household_id')
      .execute();
    expect(shares).toHaveLength(10);

    const setting = await db.kysely
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'demo_loaded')
      .executeTakeFirst();
    expect(setting?.value).toBe(NOW.toISOString());
    expect(await isDemoLoaded(db)).toBe(true);
    expect(await hasAnyUser(db)).toBe(true);
  });

  it('advances the household sequences, so that files opened later get the next free code', async () => {
    const db = await freshDb();
    await loadDemoData(db, { households: 50, password: PASSWORD, seed: 5, now: NOW });
    const codes = await db.kysely.selectFrom('households').select('code').where('code', 'like', 'NF-2026-%').execute();
    const highest = Math.max(0, ...codes.map((c) => Number(c.code.slice(8))));
    expect(highest).toBe(codes.length);
    expect(await nextSequenceValue(db.kysely, 'household:2026')).toBe(codes.length + 1);
  });

  it('loads a SAP call with the calls feature defaults, its applications and reviews with their checks', async () => {
    const db = await freshDb();
    const summary = await loadDemoData(db, { households: 120, password: PASSWORD, seed: 4, now: NOW });
    const ctx = await officerContext(db);
    const stored = await db.kysely.selectFrom('calls').selectAll().executeTakeFirstOrThrow();
    // The call is one the calls feature would create with its defaults (window and reserves included).
    const quotas = await db.kysely.selectFrom('call_owner_quotas').selectAll().execute();
    const input = callInputSchema.parse({
      name: stored.name,
      opensOn: stored.opens_on,
      closesOn: stored.closes_on,
      quotas: quotas.map((q) => ({ ownerId: q.owner_id, reservePercent: q.reserve_percent })),
    });
    expect({
      kind: stored.kind,
      programme: stored.programme,
      scoring: stored.scoring,
      indigentPercent: stored.indigent_percent,
      tieBreakKeys: JSON.parse(stored.tie_break_keys) as unknown,
      refusalPolicy: stored.refusal_policy,
    }).toEqual({
      kind: input.kind,
      programme: input.programme,
      scoring: input.scoring,
      indigentPercent: input.indigentPercent,
      tieBreakKeys: input.tieBreakKeys,
      refusalPolicy: input.refusalPolicy,
    });

    const call = await readCall(db.kysely, ctx, stored.id);
    expect(call.code).toBe('AVV-2026-001');
    expect(call.applicationsCount).toBe(summary.applications);
    expect(call.windowDays).toBeGreaterThanOrEqual(30);
    expect(call.units.reduce((sum, u) => sum + u.chosenBy, 0)).toBeGreaterThan(summary.applications);
    expect(call.quotas.some((q) => q.kind === 'indigent')).toBe(true);

    const review = await db.kysely
      .selectFrom('application_reviews')
      .selectAll()
      .where('decision', '=', 'excluded')
      .executeTakeFirstOrThrow();
    const checks = JSON.parse(review.checks) as {
      verdict: { code: string };
      checks: { code: string; label: string }[];
    };
    expect(checks.verdict.code).toBe('requirements_not_met');
    expect(checks.checks.map((c) => c.code)).toContain('isee');
    const detail = await readApplication(db.kysely, ctx, review.application_id);
    expect(detail.state).toBe('excluded');
    expect(detail.verdict.code).toBe('requirements_not_met');
    expect(detail.choices.every((c) => c.adequate)).toBe(true);
  });

  it('advances the calls sequence, so that a call created later gets the next free code', async () => {
    const db = await freshDb();
    await loadDemoData(db, { households: 30, password: PASSWORD, seed: 6, now: NOW });
    const ctx = await officerContext(db);
    const id = await createCall(
      db.kysely,
      ctx,
      callInputSchema.parse({ name: 'Secondo avviso SAP 2026', opensOn: '2026-12-01', closesOn: '2027-01-15' }),
    );
    const codes = await db.kysely.selectFrom('calls').select(['id', 'code']).orderBy('code').execute();
    expect(codes.map((c) => c.code)).toEqual(['AVV-2026-001', 'AVV-2026-002']);
    expect(codes[1]?.id).toBe(id);
  });

  it('lets the housing officer rank the demo call through the HTTP API', async () => {
    const db = await freshDb();
    const summary = await loadDemoData(db, { households: 700, password: PASSWORD, seed: 20261126, now: NOW });
    const config = loadConfig({ NODE_ENV: 'test', ABITARE_LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, db, now: () => NOW, webRoot: null });
    try {
      const login = await app.fastify.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'erp', password: PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.find((c) => c.name === 'abitare_session');
      const headers = {
        cookie: `abitare_session=${cookie?.value ?? ''}`,
        'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
      };
      const calls = await app.fastify.inject({ method: 'GET', url: '/api/calls', headers });
      const listed = (calls.json() as { items: { id: string; code: string; applicationsCount: number }[] }).items;
      expect(listed).toHaveLength(1);
      expect(listed[0]?.applicationsCount).toBe(summary.applications);
      const callId = listed[0]?.id ?? '';

      const ranked = await app.fastify.inject({
        method: 'POST',
        url: `/api/calls/${callId}/rankings`,
        headers,
        payload: {},
      });
      expect(ranked.statusCode, ranked.body).toBe(201);
      const excluded = await db.kysely
        .selectFrom('application_reviews')
        .select('application_id')
        .where('decision', '=', 'excluded')
        .execute();
      expect(ranked.json()).toMatchObject({ applications: summary.applications - excluded.length, supersedes: null });

      const view = (
        await app.fastify.inject({ method: 'GET', url: `/api/calls/${callId}/rankings`, headers })
      ).json() as RankingsView;
      expect(view.run?.state).toBe('draft');
      expect(view.rankings.length).toBeGreaterThan(3);
      const rankedIds = new Set(view.rankings.flatMap((r) => r.entries.map((e) => e.applicationId)));
      expect(rankedIds.size).toBe(summary.applications - excluded.length);
      for (const e of excluded) expect(rankedIds.has(e.application_id)).toBe(false);
      for (const r of view.rankings) expect(r.entries.map((e) => e.position)).toEqual(r.entries.map((_, i) => i + 1));
    } finally {
      await app.fastify.close();
    }
  });

  it('refuses a database that already holds data, and changes nothing', async () => {
    const db = await freshDb();
    await loadDemoData(db, { households: 20, password: PASSWORD, seed: 1, now: NOW });
    await expect(loadDemoData(db, { households: 20, password: PASSWORD, seed: 2, now: NOW })).rejects.toThrow(
      /già stati caricati/,
    );
    expect(await count(db, 'households')).toBe(20);
  });

  it('leaves nothing behind when an insert fails half-way', async () => {
    const db = await freshDb();
    const clash = generateDemo({ seed: 9, households: 0, today: plainDateOf(NOW, 'Europe/Rome') }).partners[0];
    // A partner with the same name violates a unique constraint after the Ambito and Comuni are written.
    await db.kysely
      .insertInto('partners')
      .values({
        id: 'partner-x',
        name: clash?.name ?? '',
        kind: 'third_sector',
        fiscal_code: null,
        email: null,
        phone: null,
        created_at: NOW.toISOString(),
      })
      .execute();
    await expect(loadDemoData(db, { households: 30, password: PASSWORD, seed: 9, now: NOW })).rejects.toThrow();
    expect(await count(db, 'comuni')).toBe(0);
    expect(await count(db, 'households')).toBe(0);
    expect(await isDemoLoaded(db)).toBe(false);
  });

  it('titles vulnerability events with the labels the application shows', () => {
    expect(DEMO_VULNERABILITY_LABELS).toEqual(VULNERABILITY_LABELS);
  });
});

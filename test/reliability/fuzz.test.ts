// Fuzzing: every route of the OpenAPI document (so routes added later are covered without
// touching this file) receives generated malformed, oversized and hostile input — as a manager
// (who reaches the most code), an administrator, and anonymously. No answer may be a 5xx, the
// process must survive, and a refused request (4xx) must leave every table unchanged: a trigger
// on every table counts committed writes (the audit log, sessions and login attempts aside).
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db.js';
import { requestArb } from './fuzz-inputs.js';
import { apiRoutes, createDemoApp, installChangeCounter, type ApiRoute } from './helpers.js';

const SEED = 20261126;
/** Requests per dialect, shared among the routes (at least MIN_PER_ROUTE each), and a time cap per route. */
const BUDGET = { sqlite: { total: 7000, perRouteMs: 2500 }, postgres: { total: 1500, perRouteMs: 1500 } } as const;
const MIN_PER_ROUTE = 12;
/**
 * Deliberate 5xx answers, each with its stable code: the only ones allowed. SPID/CIE login is not
 * configured in the test, and the portal says so with 503 (a configuration state, not a failure).
 */
const EXPECTED_5XX: Record<string, string> = {
  'GET /api/portal/login': 'PORTAL_LOGIN_UNAVAILABLE',
};
const UNCOUNTED = ['audit_log', 'login_attempts', 'sessions', 'citizen_sessions', 'idempotency_keys', 'fuzz_changes'];

describe.each(testDialects())('fuzzing every API route on %s', (dialect) => {
  let demo: Awaited<ReturnType<typeof createDemoApp>>;
  let changes: () => Promise<number>;
  let routes: ApiRoute[];
  const realIds: string[] = [];

  beforeAll(async () => {
    demo = await createDemoApp(dialect, 40);
    routes = await apiRoutes(demo.app.fastify);
    for (const table of [
      'households',
      'members',
      'calls',
      'applications',
      'units',
      'ranking_runs',
      'assignment_runs',
      'scoring_schemes',
      'partners',
      'comuni',
      'users',
    ]) {
      const rows = await sql<{ id: string }>`select id from ${sql.table(table)} limit 2`
        .execute(demo.testDb.db.kysely)
        .catch(() => ({ rows: [] }));
      realIds.push(...rows.rows.map((r) => String(r.id)));
    }
    changes = await installChangeCounter(demo.testDb.db, UNCOUNTED);
  }, 120_000);
  afterAll(async () => {
    await demo.close();
  });

  it('counts a committed write (the check below can fail)', async () => {
    const before = await changes();
    const s = await demo.login('dirigente');
    const household = await demo.testDb.db.kysely.selectFrom('households').select('id').executeTakeFirstOrThrow();
    const res = await demo.app.fastify.inject({
      method: 'POST',
      url: `/api/households/${household.id}/notes`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
      payload: { audience: 'all', body: 'Nota scritta dal test di fuzzing.' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await changes()).toBeGreaterThan(before);
  });

  it('answers every generated input without a 5xx, and refused requests change nothing', async () => {
    expect(routes.length).toBeGreaterThan(30);
    const budget = BUDGET[dialect];
    const perRoute = Math.max(MIN_PER_ROUTE, Math.floor(budget.total / routes.length));
    const manager = await demo.login('dirigente');
    const admin = await demo.login('admin');
    const actors = [
      { name: 'dirigente', session: manager as { cookie: string; csrfToken: string } | null, share: 0.7 },
      { name: 'admin', session: admin as { cookie: string; csrfToken: string } | null, share: 0.2 },
      { name: 'anonimo', session: null, share: 0.1 },
    ];
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const [i, route] of routes.entries()) {
      const started = Date.now();
      for (const actor of actors) {
        const samples = fc.sample(requestArb(route.path, route.operation, route.method, realIds), {
          seed: SEED + i * 7 + actor.name.length,
          numRuns: Math.max(2, Math.round(perRoute * actor.share)),
        });
        for (const r of samples) {
          if (Date.now() - started > budget.perRouteMs) break;
          const before = await changes();
          const headers: Record<string, string> = { ...r.headers };
          if (actor.session) {
            headers.cookie = actor.session.cookie;
            headers['x-csrf-token'] = actor.session.csrfToken;
          }
          let status: number;
          try {
            const res = await demo.app.fastify.inject({
              method: route.method,
              url: r.url,
              headers,
              ...(r.payload === undefined ? {} : { payload: r.payload }),
            });
            status = res.statusCode;
            const expected5xx = EXPECTED_5XX[`${route.method} ${route.path}`];
            const deliberate = status === 503 && expected5xx !== undefined && res.body.includes(`"${expected5xx}"`);
            if (status >= 500 && !deliberate)
              failures.push(
                `${route.method} ${r.url.slice(0, 160)} [${actor.name}, ${r.label}] → ${status} ${res.body.slice(0, 200)}`,
              );
          } catch (err) {
            failures.push(
              `${route.method} ${r.url.slice(0, 160)} [${actor.name}, ${r.label}] → crash ${(err as Error).message}`,
            );
            continue;
          }
          sent++;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          // A fuzzed logout ends the session: log in again so the next inputs reach the handlers.
          if (actor.session && (status === 401 || route.path === '/api/auth/logout')) {
            actor.session = await demo.login(actor.name);
          }
          const after = await changes();
          if (after !== before && (status >= 400 || route.method === 'GET')) {
            failures.push(
              `${route.method} ${r.url.slice(0, 160)} [${actor.name}, ${r.label}] → ${status} but ${after - before} rows written`,
            );
          }
        }
      }
    }
    console.log(
      `fuzz ${dialect}: ${sent} richieste su ${routes.length} rotte; esiti ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    expect(failures.slice(0, 30)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(sent).toBeGreaterThan(routes.length * 5);
  }, 180_000);
});

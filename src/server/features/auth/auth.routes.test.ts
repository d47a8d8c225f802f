import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { TEST_PASSWORD } from '../../../../test/fixtures.js';

describe.each(testDialects())('staff login and sessions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      ABITARE_LOGIN_MAX_ATTEMPTS: '3',
      ABITARE_SESSION_IDLE_MINUTES: '30',
      ABITARE_SESSION_HOURS: '8',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.fastify.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });

  it('logs in, returns the user with a CSRF token and sets an HttpOnly, SameSite cookie', async () => {
    const res = await post('/api/auth/login', { username: 'sportello', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'sportello', role: 'front_desk', comuneIds: [] });
    expect((res.json() as { csrfToken: string }).csrfToken.length).toBeGreaterThan(20);
    const cookie = res.cookies.find((c) => c.name === 'abitare_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const session = await t.app.fastify.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `abitare_session=${cookie?.value}` },
    });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ username: 'sportello' });
    // Only the hash of the token is stored.
    const rows = await t.testDb.db.kysely.selectFrom('sessions').select('id').execute();
    expect(rows.some((r) => r.id === cookie?.value)).toBe(false);
  });

  it('refuses wrong credentials without telling which part was wrong, and audits the failure', async () => {
    const wrong = await post('/api/auth/login', { username: 'sociale', password: 'nope-nope-nope' });
    const unknown = await post('/api/auth/login', { username: 'nessuno', password: 'nope-nope-nope' });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        error: { code: 'INVALID_CREDENTIALS', message: 'Nome utente o password non corretti.' },
      });
    }
    const failed = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'login')
      .where('outcome', '=', 'failed')
      .execute();
    expect(failed).toHaveLength(2);
  });

  it('throttles repeated failures for a username, even with the right password afterwards', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await post('/api/auth/login', { username: 'erp', password: `wrong-${i}` })).statusCode).toBe(401);
    }
    const blocked = await post('/api/auth/login', { username: 'erp', password: TEST_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect((blocked.json() as { error: { code: string } }).error.code).toBe('TOO_MANY_ATTEMPTS');
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    expect((await post('/api/auth/login', { username: 'erp', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('ends the session on logout, which needs the CSRF token', async () => {
    const s = await t.login('dirigente');
    const noToken = await t.app.fastify.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
      payload: {},
    });
    expect(noToken.statusCode).toBe(403);
    expect((await s.request('POST', '/api/auth/logout', {})).statusCode).toBe(200);
    expect((await s.request('GET', '/api/auth/session')).statusCode).toBe(401);
    expect((await s.request('GET', '/api/households')).statusCode).toBe(401);
  });

  it('expires a session after the idle time and after the absolute lifetime', async () => {
    const idle = await t.login('sportello');
    t.clock.now = new Date(t.clock.now.getTime() + 29 * 60_000);
    expect((await idle.request('GET', '/api/auth/session')).statusCode).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 29 * 60_000);
    expect((await idle.request('GET', '/api/auth/session')).statusCode).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 31 * 60_000);
    expect((await idle.request('GET', '/api/auth/session')).statusCode).toBe(401);

    const busy = await t.login('sportello');
    for (let i = 0; i < 17; i++) {
      t.clock.now = new Date(t.clock.now.getTime() + 25 * 60_000);
      // Active every 25 minutes: never idle, still within the 8 hours.
      expect((await busy.request('GET', '/api/auth/session')).statusCode, `after ${(i + 1) * 25} minutes`).toBe(200);
    }
    // 425 minutes have passed; 25 more reach 450, then 35 more pass the 480-minute absolute limit.
    t.clock.now = new Date(t.clock.now.getTime() + 25 * 60_000);
    expect((await busy.request('GET', '/api/auth/session')).statusCode).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 35 * 60_000);
    expect((await busy.request('GET', '/api/auth/session')).statusCode).toBe(401);
  });

  it('rejects malformed login bodies with 400 and field details', async () => {
    const res = await post('/api/auth/login', { username: '' });
    expect(res.statusCode).toBe(400);
    const paths = (res.json() as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password']));
    const notJson = await t.app.fastify.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{oops',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.statusCode).toBe(400);
    expect((notJson.json() as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });
});

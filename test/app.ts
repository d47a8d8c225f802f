// An application over a fresh database, driven through HTTP injection, with a movable clock.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/server/config.js';
import type { Dialect } from '../src/server/db/client.js';
import { buildApp } from '../src/server/http/app.js';
import type { App } from '../src/server/http/route-kit.js';
import { createTestDb, type TestDb } from './db.js';
import { seedBasics, TEST_PASSWORD } from './fixtures.js';

export interface TestApp {
  readonly app: App;
  readonly testDb: TestDb;
  readonly clock: { now: Date };
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  readonly cookie: string;
  readonly csrfToken: string;
  request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function createTestApp(dialect: Dialect, env: Record<string, string> = {}): Promise<TestApp> {
  const testDb = await createTestDb(dialect);
  const clock = { now: new Date('2026-11-26T09:00:00Z') };
  await seedBasics(testDb.db, clock.now);
  const config = loadConfig({ NODE_ENV: 'test', ABITARE_LOG_LEVEL: 'silent', ...env });
  const app = await buildApp({ config, db: testDb.db, now: () => clock.now, webRoot: null });
  const login = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const res = await app.fastify.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'abitare_session');
    if (!cookie) throw new Error('no session cookie');
    const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
    const header = `abitare_session=${cookie.value}`;
    return {
      cookie: header,
      csrfToken,
      request: (method, url, body, headers = {}) =>
        app.fastify.inject({
          method,
          url,
          headers: { cookie: header, 'x-csrf-token': csrfToken, ...headers },
          ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
        }),
    };
  };
  return {
    app,
    testDb,
    clock,
    login,
    close: async () => {
      await app.fastify.close();
      await testDb.destroy();
    },
  };
}

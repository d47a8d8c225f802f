// Shared by the communications, portal and observatory tests: a second connection to a test
// database (as a second app process would open), and a small household to write to.
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { inject } from 'vitest';
import { createDb, type Db } from '../src/server/db/client.js';
import { syntheticFiscalCode } from './builders.js';
import type { App } from '../src/server/http/route-kit.js';
import type { TestDb } from './db.js';

/** Another pool on the same database, as a second process would open it. */
export async function openSecondConnection(testDb: TestDb): Promise<Db> {
  if (testDb.dialect === 'postgres') {
    return createDb({ dialect: 'postgres', url: inject('pgUrl'), schema: testDb.db.schema });
  }
  const row = (
    await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(testDb.db.kysely)
  ).rows[0];
  if (!row) throw new Error('no sqlite file');
  return createDb({ dialect: 'sqlite', file: row.file });
}

export const CITIZEN_CF = syntheticFiscalCode({ surname3: 'RSS', name3: 'MRA', birthDate: '1980-01-01', sex: 'M' });
export const OTHER_CF = syntheticFiscalCode({ surname3: 'BNC', name3: 'LRA', birthDate: '1985-08-01', sex: 'F' });

/** A household of one member with the given fiscal code, in Cinisello. */
export async function insertHousehold(
  db: Db,
  input: { id: string; code: string; fiscalCode: string; firstName?: string; lastName?: string; email?: string | null },
  now = new Date('2026-11-26T09:00:00Z'),
): Promise<void> {
  const at = now.toISOString();
  await db.kysely
    .insertInto('households')
    .values({
      id: input.id,
      code: input.code,
      comune_id: 'comune-cinisello',
      address_street: 'Via Libertà',
      address_number: '10',
      address_postcode: '20092',
      address_city: 'Cinisello Balsamo',
      phone: null,
      email: input.email === undefined ? 'famiglia@example.test' : input.email,
      pec: null,
      lone_parent: 0,
      search_text: input.code.toLowerCase(),
      version: 1,
      created_at: at,
      updated_at: at,
      created_by: null,
    })
    .execute();
  await db.kysely
    .insertInto('members')
    .values({
      id: `${input.id}-m1`,
      household_id: input.id,
      position: 1,
      fiscal_code: input.fiscalCode,
      first_name: input.firstName ?? 'Mario',
      last_name: input.lastName ?? 'Rossi',
      last_name_norm: (input.lastName ?? 'Rossi').toLowerCase(),
      birth_date: '1980-01-01',
      sex: 'M',
      relation: 'applicant',
      citizenship: 'IT',
      permit_kind: null,
      permit_expires_on: null,
      disability_percent: null,
      disability_kind: null,
      created_at: at,
    })
    .execute();
}

// ---- A local fake of the App IO services API -------------------------------------------------------

export interface FakeIo {
  readonly url: string;
  readonly apiKey: string;
  /** Messages the fake accepted (a repeated Idempotency-Key is not counted twice). */
  readonly received: { fiscal_code: string; subject: string; markdown: string; id: string }[];
  /** Fiscal codes of citizens not on App IO (404 from /profiles). */
  readonly notOnIo: Set<string>;
  /** The next N calls to /messages answer 503. */
  failNext: number;
  close(): Promise<void>;
}

export async function startFakeIo(apiKey = 'chiave-di-prova'): Promise<FakeIo> {
  const app: FastifyInstance = Fastify({ logger: false });
  const byKey = new Map<string, string>();
  const state: FakeIo = {
    url: '',
    apiKey,
    received: [],
    notOnIo: new Set(),
    failNext: 0,
    close: () => app.close(),
  };
  app.addHook('onRequest', async (req, reply) => {
    if (req.headers['ocp-apim-subscription-key'] !== apiKey) {
      await reply.status(401).send({ title: 'Unauthorized' });
    }
  });
  app.post('/api/v1/profiles', async (req, reply) => {
    const { fiscal_code } = req.body as { fiscal_code: string };
    if (state.notOnIo.has(fiscal_code)) return reply.status(404).send({ title: 'Profile not found' });
    return { sender_allowed: true, preferred_languages: ['it_IT'] };
  });
  app.post('/api/v1/messages', async (req, reply) => {
    if (state.failNext > 0) {
      state.failNext -= 1;
      return reply.status(503).send({ title: 'Service unavailable' });
    }
    const body = req.body as { fiscal_code: string; content: { subject: string; markdown: string } };
    const { subject, markdown } = body.content;
    if (subject.length < 10 || subject.length > 120 || markdown.length < 80 || markdown.length > 10_000) {
      return reply.status(400).send({ title: 'Invalid content' });
    }
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string' && byKey.has(key)) return reply.status(201).send({ id: byKey.get(key) });
    const id = `io-${state.received.length + 1}`;
    if (typeof key === 'string') byKey.set(key, id);
    state.received.push({ fiscal_code: body.fiscal_code, subject, markdown, id });
    return reply.status(201).header('location', `/api/v1/messages/${body.fiscal_code}/${id}`).send({ id });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  (state as { url: string }).url = `http://127.0.0.1:${port}/api/v1`;
  return state;
}

// ---- A real SMTP server (smtp-server) that keeps what it receives -------------------------------------

export interface FakeSmtp {
  readonly port: number;
  readonly received: { from: string; to: string[]; raw: string }[];
  /** Recipients refused with 550. */
  readonly rejects: Set<string>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<FakeSmtp> {
  const received: FakeSmtp['received'] = [];
  const rejects = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejects.has(address.address)) {
        const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, received, rejects, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// ---- Citizen login through a real local OpenID provider ------------------------------------------------

export const PORTAL_REDIRECT_URI = 'http://localhost:3999/api/portal/callback';

/** Environment for createTestApp so that the portal relies on the given provider. */
export function portalEnv(provider: {
  issuer: string;
  clientId: string;
  clientSecret: string;
}): Record<string, string> {
  return {
    ABITARE_OIDC_ISSUER: provider.issuer,
    ABITARE_OIDC_CLIENT_ID: provider.clientId,
    ABITARE_OIDC_CLIENT_SECRET: provider.clientSecret,
    ABITARE_OIDC_REDIRECT_URI: PORTAL_REDIRECT_URI,
  };
}

/** A cookie jar over fetch, following the provider's redirects by hand. */
async function providerLogin(authorizationUrl: string, fiscalCode: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
  let url = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    const res = await send(url);
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider stopped at ${url}: ${res.status} ${await res.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return next;
    const interaction = /^\/interaction\/([^/]+)$/.exec(next.pathname);
    if (interaction) {
      const page = await send(next.href);
      if (page.status !== 200) throw new Error(`interaction page: ${page.status}`);
      const done = await send(`${next.origin}/interaction/${interaction[1]}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ fiscal_code: fiscalCode }).toString(),
      });
      const resume = done.headers.get('location');
      if (!resume) throw new Error(`login refused: ${done.status} ${await done.text()}`);
      url = new URL(resume, next).href;
      continue;
    }
    url = next.href;
  }
  throw new Error('too many redirects');
}

export interface CitizenSession {
  readonly cookie: string;
  readonly csrfToken: string;
  request(method: 'GET' | 'POST', url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** The whole round trip: /api/portal/login → provider → /api/portal/callback → citizen session. */
export async function citizenLogin(app: App, fiscalCode: string): Promise<CitizenSession> {
  const start = await app.fastify.inject({ method: 'GET', url: '/api/portal/login' });
  if (start.statusCode !== 302) throw new Error(`portal login: ${start.statusCode} ${start.body}`);
  const back = await providerLogin(String(start.headers.location), fiscalCode, PORTAL_REDIRECT_URI);
  const callback = await app.fastify.inject({ method: 'GET', url: `/api/portal/callback${back.search}` });
  const cookie = callback.cookies.find((c) => c.name === 'abitare_citizen');
  if (callback.statusCode !== 302 || !cookie)
    throw new Error(`callback: ${callback.statusCode} ${callback.headers.location}`);
  const header = `abitare_citizen=${cookie.value}`;
  const session = await app.fastify.inject({ method: 'GET', url: '/api/portal/session', headers: { cookie: header } });
  const csrfToken = (session.json() as { csrfToken: string }).csrfToken;
  return {
    cookie: header,
    csrfToken,
    request: (method, url, body) =>
      app.fastify.inject({
        method,
        url,
        headers: { cookie: header, 'x-csrf-token': csrfToken },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }),
  };
}

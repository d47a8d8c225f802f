// The two HTTP servers the load benchmark measures, started in a process of their own so that the
// load generator does not share their event loop: the application as `abitare serve` builds it,
// and a bare Fastify server (no session, CSRF, security headers, validation, serialiser or audit)
// whose routes call the same use-case queries with a fixed context — the floor of the HTTP layer.
// Run as: node --import tsx src/cli/bench/http-servers.ts --sqlite-file F | --pg-url U --pg-schema S
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { plainDateOf } from '../../core/kernel/plain-date.js';
import { loadConfig } from '../../server/config.js';
import { createDb, type Db } from '../../server/db/client.js';
import { householdDetail } from '../../server/features/households/households.actions.js';
import { readRankings } from '../../server/features/rankings/rankings.actions.js';
import type { Actor, RequestContext } from '../../server/http/context.js';
import { buildApp } from '../../server/http/app.js';

type ScreenFn = (db: Db['kysely'], ctx: RequestContext, id: string) => Promise<unknown>;

async function actorOf(db: Db, username: string): Promise<Actor> {
  const u = await db.kysely.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Actor['role'],
    partnerId: u.partner_id,
    comuneIds: [],
  };
}

async function main() {
  const { values } = parseArgs({
    options: { 'sqlite-file': { type: 'string' }, 'pg-url': { type: 'string' }, 'pg-schema': { type: 'string' } },
  });
  const db = values['sqlite-file']
    ? createDb({ dialect: 'sqlite', file: values['sqlite-file'] })
    : createDb({ dialect: 'postgres', url: values['pg-url'] as string, schema: values['pg-schema'] });
  const config = loadConfig({
    NODE_ENV: 'production',
    ABITARE_LOG_LEVEL: 'silent',
    ABITARE_LOGIN_MAX_ATTEMPTS: '100000',
  });
  const app = await buildApp({ config, db, webRoot: null });
  await app.fastify.listen({ port: 0, host: '127.0.0.1' });

  const bare = Fastify({ logger: false });
  const front = await actorOf(db, 'sportello');
  const officer = await actorOf(db, 'erp');
  const ctx = (actor: Actor): RequestContext => ({
    actor,
    requestId: 'bench',
    ip: '127.0.0.1',
    method: 'GET',
    path: '/bench',
    now: new Date(),
  });
  bare.get<{ Params: { id: string } }>('/households/:id', async (req) =>
    householdDetail(db.kysely, front, req.params.id, plainDateOf(new Date(), config.timeZone)),
  );
  bare.get<{ Params: { id: string } }>('/calls/:id/rankings', async (req) =>
    readRankings(db.kysely, ctx(officer), req.params.id),
  );
  let screen: ScreenFn | null = null;
  try {
    screen = (await import('../../server/features/frontdesk/frontdesk.actions.js'))
      .screenContact as unknown as ScreenFn;
  } catch {
    screen = null;
  }
  if (screen) {
    const run = screen;
    bare.post<{ Params: { id: string } }>('/frontdesk/contacts/:id/screening', async (req, reply) =>
      reply.status(201).send(await run(db.kysely, ctx(front), req.params.id)),
    );
  }
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const port = (s: typeof bare.server) => {
    const a = s.address();
    return typeof a === 'object' && a ? a.port : 0;
  };
  process.stdout.write(`${JSON.stringify({ app: port(app.fastify.server), bare: port(bare.server) })}\n`);
  const stop = async () => {
    await app.fastify.close();
    await bare.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

void main();

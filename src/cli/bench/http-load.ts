// HTTP load (issue 7): throughput and p50/p99 latency of the household file, the ranking page and
// the front-desk screening at 50 and 200 concurrent clients, on loopback, bounded in time and in
// requests; each next to a bare Fastify route serving the same query (http-servers.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { loadDemoData } from '../../server/features/demo/demo.actions.js';
import { rankCall } from '../../server/features/rankings/rankings.actions.js';
import { withBenchDb, type BenchDb } from './bench-db.js';
import { createCliEnv } from '../context.js';
import type { AppConfig } from '../../server/config.js';
import type { BenchRow } from './table.js';

/** The shape of a BenchSection (sections.ts), repeated here so that the two files do not import each other. */
interface SectionContext {
  readonly config: AppConfig;
  readonly dialects: readonly ('sqlite' | 'postgres')[];
}

const SERVERS = fileURLToPath(new URL('./http-servers.ts', import.meta.url));
const ROOT = path.resolve(path.dirname(SERVERS), '../../..');

export interface HttpLoadOptions {
  readonly households: number;
  readonly connections: readonly number[];
  /** Seconds per measurement (each is also capped at maxRequests). */
  readonly seconds: number;
  readonly maxRequests: number;
}

export const HTTP_LOAD_DEFAULTS: HttpLoadOptions = {
  households: 700,
  connections: [50, 200],
  seconds: 5,
  maxRequests: 30_000,
};

interface Endpoint {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly user: string;
}

async function startServers(b: BenchDb): Promise<{ child: ChildProcess; app: number; bare: number }> {
  const args = ['--import', 'tsx', SERVERS];
  if (b.target.dialect === 'sqlite') args.push('--sqlite-file', b.target.file);
  else args.push('--pg-url', b.target.url, '--pg-schema', b.target.schema);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const ports = await new Promise<{ app: number; bare: number }>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(JSON.parse(line) as { app: number; bare: number });
    });
    child.once('exit', (code) => reject(new Error(`http-servers exited with ${code}`)));
  });
  return { child, ...ports };
}

async function login(port: number, username: string, password: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** A front-desk contact for the screening, created through the API when the route exists. */
async function screeningContact(port: number, session: { cookie: string; csrfToken: string }, householdId: string) {
  const doc = (await (await fetch(`http://127.0.0.1:${port}/api/docs/json`)).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, { enum?: string[] }> } }> };
        }
      >
    >;
  };
  const create = doc.paths['/api/frontdesk/contacts']?.post;
  if (!create || !doc.paths['/api/frontdesk/contacts/{id}/screening']) return null;
  const props = Object.values(create.requestBody?.content ?? {})[0]?.schema?.properties ?? {};
  const res = await fetch(`http://127.0.0.1:${port}/api/frontdesk/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({
      householdId,
      personName: 'Persona del benchmark',
      channel: props.channel?.enum?.[0],
      reason: props.reason?.enum?.[0],
    }),
  });
  if (res.status !== 201 && res.status !== 200) return null;
  return ((await res.json()) as { id: string }).id;
}

const fmt = (r: Result) =>
  `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${r.non2xx + r.errors + r.timeouts > 0 ? `, ${r.non2xx + r.errors + r.timeouts} errori` : ''}`;

async function measureDialect(
  dialect: 'sqlite' | 'postgres',
  opts: HttpLoadOptions,
  ctx: SectionContext,
): Promise<BenchRow[]> {
  return withBenchDb(dialect, async (b) => {
    const password = randomBytes(12).toString('hex');
    await loadDemoData(b.db, { households: opts.households, password, now: new Date() });
    const call = await b.db.kysely.selectFrom('calls').select('id').executeTakeFirstOrThrow();
    await rankCall(b.db.kysely, createCliEnv(ctx.config, b.db).context(), call.id);
    const household = await b.db.kysely.selectFrom('households').select('id').orderBy('code').executeTakeFirstOrThrow();
    const servers = await startServers(b);
    const rows: BenchRow[] = [];
    try {
      const sessions = {
        sportello: await login(servers.app, 'sportello', password),
        erp: await login(servers.app, 'erp', password),
      };
      const endpoints: Endpoint[] = [
        { name: 'fascicolo del nucleo', method: 'GET', path: `/households/${household.id}`, user: 'sportello' },
        { name: 'pagina graduatoria', method: 'GET', path: `/calls/${call.id}/rankings`, user: 'erp' },
      ];
      const contact = await screeningContact(servers.app, sessions.sportello, household.id);
      if (contact)
        endpoints.push({
          name: 'screening di sportello',
          method: 'POST',
          path: `/frontdesk/contacts/${contact}/screening`,
          user: 'sportello',
        });
      else
        console.error(`[http ${dialect}] screening non misurato: la rotta di sportello non esiste in questa versione.`);
      for (const e of endpoints) {
        const s = sessions[e.user as keyof typeof sessions];
        for (const connections of opts.connections) {
          const common = {
            connections,
            duration: opts.seconds,
            maxOverallRequests: opts.maxRequests,
            method: e.method,
            timeout: 30,
          };
          const app = await autocannon({
            ...common,
            url: `http://127.0.0.1:${servers.app}/api${e.path}`,
            headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
            ...(e.method === 'POST' ? { body: '{}' } : {}),
          });
          const bare = await autocannon({
            ...common,
            url: `http://127.0.0.1:${servers.bare}${e.path}`,
            ...(e.method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
          });
          console.error(`[http ${dialect}] ${e.name}, ${connections} client: ${fmt(app)} (base ${fmt(bare)})`);
          rows.push({
            dialect: dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL',
            figure: `HTTP ${e.name}, ${connections} client`,
            value: fmt(app),
            baseline: `Fastify nudo: ${fmt(bare)}`,
            ratio:
              bare.requests.average > 0
                ? `base/app ${(bare.requests.average / Math.max(app.requests.average, 1)).toFixed(2)}×`
                : '—',
            target: '0 errori',
          });
        }
      }
    } finally {
      servers.child.kill('SIGTERM');
      await new Promise((r) => servers.child.once('exit', r));
    }
    return rows;
  });
}

export function httpLoadSection(opts: HttpLoadOptions = HTTP_LOAD_DEFAULTS): {
  readonly name: string;
  readonly run: (ctx: SectionContext) => Promise<BenchRow[]>;
} {
  return {
    name: 'http',
    run: async (ctx) => {
      const rows: BenchRow[] = [];
      for (const dialect of ctx.dialects) rows.push(...(await measureDialect(dialect, opts, ctx)));
      return rows;
    },
  };
}

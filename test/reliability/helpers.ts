// What the reliability tests share: a call whose one unit is proposed to many households by many
// assignment runs, the fingerprint of a whole database, and the CLI as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/client.js';
import { loadTestSettings } from '../../src/server/config.js';
import { newId } from '../../src/server/ids.js';
import { seedSapCall } from '../sap-builders.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/abitare.mjs');

/** Every base table of the database (migration bookkeeping included), sorted. */
export async function listTables(db: Db): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
      db.kysely,
    );
    return rows.rows.map((r) => r.name);
  }
  const rows = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db.kysely);
  return rows.rows.map((r) => r.name);
}

/** Rows of a table in a stable order, as canonical JSON lines. */
export async function tableRows(db: Db, table: string): Promise<string[]> {
  const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.kysely);
  return rows.rows
    .map((r) =>
      JSON.stringify(
        Object.keys(r)
          .sort()
          .map((k) => [k, normalise(r[k])]),
      ),
    )
    .sort();
}

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  if (Buffer.isBuffer(v)) return v.toString('base64');
  return v;
}

/** Row count and checksum of every table: equal fingerprints mean equal databases. */
export async function fingerprint(db: Db, opts: { exclude?: readonly string[] } = {}): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const table of await listTables(db)) {
    if (opts.exclude?.includes(table)) continue;
    const rows = await tableRows(db, table);
    out.set(table, `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`);
  }
  return out;
}

export function diffFingerprints(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n)).map((n) => `${n}: ${a.get(n)} → ${b.get(n)}`);
}

/**
 * One unit offered by `count` calls, each with one application of its own household and an
 * assignment run that proposes the unit to it: `count` confirmations of the same unit for
 * different households, each legitimate on its own.
 */
export async function seedContestedUnit(db: Db, count: number) {
  const k = db.kysely;
  const first = await seedSapCall(db, {
    opensOn: '2026-09-01',
    closesOn: '2026-10-15',
    units: [{ code: 'U-CONTESA', owner: 'aler', comune: 'cinisello', areaM2: 60 }],
    applications: [],
  });
  const unitId = first.unitIds.get('U-CONTESA') as string;
  const runs: { runId: string; applicationId: string; householdId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const call = await seedSapCall(db, {
      opensOn: '2026-09-01',
      closesOn: '2026-10-15',
      units: [],
      applications: [
        {
          platformId: `C-${String(i).padStart(3, '0')}`,
          isbar: 20 + i,
          iseeEuro: 8000,
          submittedAt: '2026-09-10T09:00:00Z',
          members: 2,
          choices: [],
        },
      ],
    });
    const applicationId = call.applicationIds.get(`C-${String(i).padStart(3, '0')}`) as string;
    const app = await k
      .selectFrom('applications')
      .select('household_id')
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const at = '2026-11-01T09:00:00.000Z';
    await k
      .insertInto('call_units')
      .values({ call_id: call.callId, unit_id: unitId, reserve_category: null, added_at: at, import_id: null })
      .execute();
    await k.updateTable('applications').set({ choice_1_unit_id: unitId }).where('id', '=', applicationId).execute();
    const rankingRunId = newId();
    await k
      .insertInto('ranking_runs')
      .values({
        id: rankingRunId,
        call_id: call.callId,
        ruleset_version: 'test',
        tie_break_keys: '[]',
        seed: 1,
        input_hash: 'test',
        inputs_snapshot: '{}',
        supersedes_id: null,
        created_at: at,
        created_by: null,
      })
      .execute();
    const runId = newId();
    await k
      .insertInto('assignment_runs')
      .values({
        id: runId,
        call_id: call.callId,
        ranking_run_id: rankingRunId,
        input_hash: 'test',
        refusal_policy: 'exclude_after_unjustified_refusal',
        inputs_snapshot: '{}',
        supersedes_id: null,
        created_at: at,
        created_by: null,
      })
      .execute();
    await k
      .insertInto('assignment_proposals')
      .values({ run_id: runId, unit_id: unitId, application_id: applicationId, basis: 'ranking', explanation: 'prova' })
      .execute();
    runs.push({ runId, applicationId, householdId: app.household_id });
  }
  return { unitId, runs };
}

export interface Child {
  readonly process: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node bin/abitare.mjs <args>` with its own environment (DATABASE_URL and so on). */
export function spawnCli(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...loadTestSettings().childEnv, NODE_ENV: 'test', ABITARE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, output: () => out, exited };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, e.g. /api/households/{id}. */
  readonly path: string;
  readonly operation: OpenApiOperation;
}

export interface OpenApiOperation {
  readonly parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  readonly requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  readonly summary?: string;
  readonly tags?: string[];
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
  minItems?: number;
  maxItems?: number;
}

/** Every API route the OpenAPI document describes (documentation and static routes excluded). */
export async function apiRoutes(fastify: {
  inject: (o: { method: 'GET'; url: string }) => Promise<{ statusCode: number; body: string }>;
}): Promise<ApiRoute[]> {
  const res = await fastify.inject({ method: 'GET', url: '/api/docs/json' });
  if (res.statusCode !== 200) throw new Error(`OpenAPI document: ${res.statusCode}`);
  const doc = JSON.parse(res.body) as { paths: Record<string, Record<string, OpenApiOperation>> };
  const out: ApiRoute[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    if (!p.startsWith('/api/') || p.startsWith('/api/docs')) continue;
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      out.push({ method: method as ApiRoute['method'], path: p, operation: op });
    }
  }
  return out.sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));
}

/** The route with its path parameters filled in. */
export function concretePath(
  path: string,
  value: (name: string) => string = () => '00000000-0000-7000-8000-000000000000',
): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(value(name)));
}

export const isUnsafe = (m: string) => m !== 'GET';

export const DEMO_PASSWORD = 'password-demo-affidabilita-1';

/** An app over a fresh database loaded with the demo data (every role has an account). */
export async function createDemoApp(dialect: 'sqlite' | 'postgres', households = 60) {
  const { createTestDb } = await import('../db.js');
  const { loadDemoData } = await import('../../src/server/features/demo/demo.actions.js');
  const { buildApp } = await import('../../src/server/http/app.js');
  const { loadConfig } = await import('../../src/server/config.js');
  const testDb = await createTestDb(dialect);
  const clock = { now: new Date('2026-11-26T09:00:00Z') };
  await loadDemoData(testDb.db, { households, password: DEMO_PASSWORD, now: clock.now });
  const config = loadConfig({ NODE_ENV: 'test', ABITARE_LOG_LEVEL: 'silent', ABITARE_LOGIN_MAX_ATTEMPTS: '1000' });
  const app = await buildApp({ config, db: testDb.db, now: () => clock.now, webRoot: null });
  const login = async (username: string) => {
    const res = await app.fastify.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'abitare_session');
    return {
      cookie: `abitare_session=${cookie?.value ?? ''}`,
      csrfToken: (res.json() as { csrfToken: string }).csrfToken,
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

/**
 * A counter bumped by a trigger on every committed insert, update and delete of every table but
 * the excluded ones: a request that changed nothing leaves it where it was. Triggers run inside
 * the writing transaction, so a rolled-back write leaves no trace either.
 */
export async function installChangeCounter(db: Db, exclude: readonly string[]): Promise<() => Promise<number>> {
  const tables = (await listTables(db)).filter((t) => !exclude.includes(t) && !t.startsWith('kysely_'));
  await sql`create table fuzz_changes (n integer not null)`.execute(db.kysely);
  await sql`insert into fuzz_changes (n) values (0)`.execute(db.kysely);
  if (db.dialect === 'postgres') {
    await sql`create function fuzz_bump() returns trigger language plpgsql as $$
      begin update fuzz_changes set n = n + 1; return null; end $$`.execute(db.kysely);
    for (const t of tables) {
      await sql`create trigger ${sql.id(`fz_${t}`)} after insert or update or delete on ${sql.table(t)}
        for each row execute function fuzz_bump()`.execute(db.kysely);
    }
  } else {
    for (const t of tables) {
      for (const op of ['insert', 'update', 'delete']) {
        await sql
          .raw(`create trigger "fz_${t}_${op}" after ${op} on "${t}" begin update fuzz_changes set n = n + 1; end`)
          .execute(db.kysely);
      }
    }
  }
  return async () => Number((await sql<{ n: number }>`select n from fuzz_changes`.execute(db.kysely)).rows[0]?.n);
}

/** A database a child process reaches through DATABASE_URL: a SQLite file, or a new PostgreSQL database. */
export interface ChildTarget {
  readonly databaseUrl: string;
  readonly db: Db;
  readonly dir: string;
  destroy(): Promise<void>;
}

export async function createChildTarget(dialect: 'sqlite' | 'postgres', pgUrl: string): Promise<ChildTarget> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const { createDb } = await import('../../src/server/db/client.js');
  const { migrateToLatest } = await import('../../src/server/db/migrate.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-child-'));
  if (dialect === 'sqlite') {
    const file = path.join(dir, 'abitare.db');
    const db = createDb({ dialect: 'sqlite', file });
    await migrateToLatest(db);
    return {
      databaseUrl: `sqlite:${file}`,
      db,
      dir,
      destroy: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const pg = (await import('pg')).default;
  const { randomBytes } = await import('node:crypto');
  const name = `abitare_child_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  const databaseUrl = u.toString();
  const db = createDb({ dialect: 'postgres', url: databaseUrl });
  await migrateToLatest(db);
  return {
    databaseUrl,
    db,
    dir,
    destroy: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * True while another connection holds an open write transaction on the database: on SQLite a
 * second writer cannot start; on PostgreSQL another backend holds a write lock on one of the tables.
 */
export async function writeInProgress(target: ChildTarget, tables: readonly string[]): Promise<boolean> {
  if (target.db.dialect === 'sqlite') {
    const SqliteDatabase = (await import('better-sqlite3')).default;
    const file = target.databaseUrl.replace(/^sqlite:/, '');
    const probe = new SqliteDatabase(file, { timeout: 0 });
    try {
      probe.exec('begin immediate');
      probe.exec('rollback');
      return false;
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
      throw err;
    } finally {
      probe.close();
    }
  }
  const rows = await sql<{ n: number }>`
    select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation
    where l.pid <> pg_backend_pid() and l.granted and l.mode = 'RowExclusiveLock'
      and l.database = (select oid from pg_database where datname = current_database())
      and c.relname in (${sql.join(tables)})`.execute(target.db.kysely);
  return Number(rows.rows[0]?.n ?? 0) > 0;
}

/** A citizen's portal session (as the SPID/CIE callback would open it), for the member with this fiscal code. */
export async function citizenSession(
  db: Db,
  fiscalCode: string,
  now: Date,
): Promise<{ cookie: string; csrfToken: string }> {
  const { randomBytes } = await import('node:crypto');
  const { sessionIdFromToken } = await import('../../src/server/features/auth/sessions.js');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.kysely
    .insertInto('citizen_sessions')
    .values({
      id: sessionIdFromToken(token),
      fiscal_code: fiscalCode,
      display_name: 'Cittadino di prova',
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 3600_000).toISOString(),
      ip: '127.0.0.1',
    })
    .execute();
  return { cookie: `abitare_citizen=${token}`, csrfToken };
}

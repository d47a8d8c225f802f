// Backup and restore: `abitare backup` then `abitare restore` into a new, empty SQLite file gives
// the same rows in every table; restore refuses to overwrite a database with data unless --force.
// PostgreSQL: pg_dump -Fc of a schema restored with pg_restore into a new database, compared table
// by table (when the client tools are installed).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestSettings } from '../../src/server/config.js';
import { createDb, type Db } from '../../src/server/db/client.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { loadDemoData } from '../../src/server/features/demo/demo.actions.js';
import { testDialects } from '../db.js';
import { diffFingerprints, fingerprint, spawnCli } from './helpers.js';

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('SQLite backup and restore through the CLI', () => {
  let dir: string;
  let source: Db;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-restore-'));
    source = createDb({ dialect: 'sqlite', file: file('live.db') });
    await migrateToLatest(source);
    await loadDemoData(source, {
      households: 40,
      password: 'password-di-prova-1',
      now: new Date('2026-11-26T09:00:00Z'),
    });
  }, 60_000);
  afterAll(async () => {
    await source.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores into an empty database with every table equal, and refuses to overwrite data without --force', async () => {
    // The live database stays open (and usable) while the backup runs.
    const backup = spawnCli(['backup', file('copia.db')], { DATABASE_URL: `sqlite:${file('live.db')}` });
    expect((await backup.exited).code, backup.output()).toBe(0);

    const restore = spawnCli(['restore', file('copia.db')], { DATABASE_URL: `sqlite:${file('nuovo.db')}` });
    expect((await restore.exited).code, restore.output()).toBe(0);
    expect(restore.output()).toMatch(/Ripristino .* completato/);

    const restored = createDb({ dialect: 'sqlite', file: file('nuovo.db') });
    try {
      const [a, b] = [await fingerprint(source), await fingerprint(restored)];
      expect(diffFingerprints(a, b)).toEqual([]);
      expect(Number(a.get('households')?.split(':')[0])).toBeGreaterThanOrEqual(40);
      expect(a.size).toBeGreaterThan(30);
    } finally {
      await restored.close();
    }

    const again = spawnCli(['restore', file('copia.db')], { DATABASE_URL: `sqlite:${file('nuovo.db')}` });
    expect((await again.exited).code).toBe(1);
    expect(again.output()).toMatch(/contiene già dati/);

    const forced = spawnCli(['restore', file('copia.db'), '--force'], { DATABASE_URL: `sqlite:${file('nuovo.db')}` });
    expect((await forced.exited).code, forced.output()).toBe(0);
  }, 60_000);

  it('refuses a file that is not a backup of Abitare', async () => {
    fs.writeFileSync(file('rotto.db'), 'non sono un database');
    const bad = spawnCli(['restore', file('rotto.db')], { DATABASE_URL: `sqlite:${file('altro.db')}` });
    expect((await bad.exited).code).toBe(1);
    expect(bad.output()).toMatch(/non è un database SQLite|danneggiato/);
    expect(fs.existsSync(file('altro.db'))).toBe(false);
  }, 30_000);
});

const pgTools = hasTool('pg_dump') && hasTool('pg_restore');
const withPg = testDialects().includes('postgres');
if (withPg && !pgTools) {
  const line = 'pg_dump/pg_restore non installati: il test di backup e ripristino PostgreSQL non gira.';
  if (loadTestSettings().requirePostgres) throw new Error(`${line} In CI (ABITARE_REQUIRE_PG=1) sono obbligatori.`);
  console.warn(line);
}

describe.runIf(withPg && pgTools)('PostgreSQL pg_dump / pg_restore into a new database', () => {
  const url = loadTestSettings().postgresUrl;
  const schema = `bk_${randomBytes(5).toString('hex')}`;
  const database = `abitare_restore_${randomBytes(4).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-pgdump-'));
  let source: Db;

  const urlOf = (db: string) => {
    const u = new URL(url);
    u.pathname = `/${db}`;
    return u.toString();
  };

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.query(`create database ${database}`);
    await admin.end();
    source = createDb({ dialect: 'postgres', url, schema });
    await migrateToLatest(source);
    await loadDemoData(source, {
      households: 40,
      password: 'password-di-prova-1',
      now: new Date('2026-11-26T09:00:00Z'),
    });
  }, 60_000);
  afterAll(async () => {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(source.kysely);
    await source.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${database}`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores every table equal, including the append-only triggers', async () => {
    const dump = path.join(dir, 'abitare.dump');
    execFileSync('pg_dump', ['-Fc', '--no-owner', '-n', schema, '-f', dump, url], { stdio: 'pipe' });
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', urlOf(database), dump], { stdio: 'pipe' });
    const restored = createDb({ dialect: 'postgres', url: urlOf(database), schema });
    try {
      const [a, b] = [await fingerprint(source), await fingerprint(restored)];
      expect(diffFingerprints(a, b)).toEqual([]);
      expect(Number(a.get('households')?.split(':')[0])).toBeGreaterThanOrEqual(40);
      // The restored audit log is still append-only.
      await sql`insert into audit_log (id, at, action, entity_type, outcome) values ('x', now(), 'test', 'test', 'ok')`.execute(
        restored.kysely,
      );
      await expect(sql`delete from audit_log`.execute(restored.kysely)).rejects.toThrow(/append-only/);
    } finally {
      await restored.close();
    }
  }, 60_000);
});

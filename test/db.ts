// A fresh migrated database per test file, on each dialect under test.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db, type Dialect } from '../src/server/db/client.js';
import { migrateToLatest } from '../src/server/db/migrate.js';

export interface TestDb {
  readonly db: Db;
  readonly dialect: Dialect;
  destroy(): Promise<void>;
}

/** The dialects this run covers: SQLite always, PostgreSQL when reachable (required in CI). */
export function testDialects(): Dialect[] {
  return inject('dialects');
}

export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-test-'));
    const db = createDb({ dialect: 'sqlite', file: path.join(dir, 'test.db') });
    await migrateToLatest(db);
    return {
      db,
      dialect,
      destroy: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = inject('pgUrl');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = createDb({ dialect: 'postgres', url, schema });
  await migrateToLatest(db);
  return {
    db,
    dialect,
    destroy: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(db.kysely);
      await db.close();
    },
  };
}

// A fresh, migrated database for one benchmark section: a temporary SQLite file or a throw-away
// PostgreSQL schema, removed afterwards whatever happens.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadTestSettings } from '../../server/config.js';
import { createDb, type Db } from '../../server/db/client.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { createPostgresSchema } from './raw-floor.queries.js';

export interface BenchDb {
  readonly db: Db;
  readonly dialect: 'sqlite' | 'postgres';
  /** Where a child process reaches the same database. */
  readonly target:
    | { readonly dialect: 'sqlite'; readonly file: string }
    | { readonly dialect: 'postgres'; readonly url: string; readonly schema: string };
  /** A scratch folder removed with the database. */
  readonly dir: string;
}

export async function withBenchDb<T>(dialect: 'sqlite' | 'postgres', fn: (b: BenchDb) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-bench-'));
  let bench: BenchDb;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const file = path.join(dir, 'bench.db');
    const db = createDb({ dialect: 'sqlite', file });
    bench = { db, dialect, target: { dialect, file }, dir };
    cleanup = () => db.close();
  } else {
    const url = loadTestSettings().postgresUrl;
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    await createPostgresSchema(url, schema);
    const db = createDb({ dialect: 'postgres', url, schema });
    bench = { db, dialect, target: { dialect, url, schema }, dir };
    cleanup = async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(db.kysely);
      await db.close();
    };
  }
  try {
    await migrateToLatest(bench.db);
    return await fn(bench);
  } finally {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

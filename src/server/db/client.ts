// The one place that opens a database. Same Kysely code on SQLite (embedded) and PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /** The PostgreSQL schema the connection works in, when not the default search path. */
  readonly schema?: string | undefined;
  close(): Promise<void>;
}

export type DbExecutor = Kysely<Database>;

const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;
const PG_DATE = 1082;
const PG_INT8 = 20;

/** PostgreSQL values are read back in the same shapes as SQLite's: ISO strings, 'YYYY-MM-DD', numbers. */
function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) {
    return (s) => new Date(s.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
  }
  if (oid === PG_DATE) return (s) => s;
  if (oid === PG_INT8) return (s) => Number(s);
  return pg.types.getTypeParser(oid, format as 'text');
}

export function createDb(config: DatabaseConfig): Db {
  if (config.dialect === 'postgres') {
    const options = ['-c TimeZone=UTC'];
    if (config.schema) options.push(`-c search_path=${config.schema}`);
    const pool = new pg.Pool({
      connectionString: config.url,
      max: 10,
      options: options.join(' '),
      types: { getTypeParser: pgTypeParser as typeof pg.types.getTypeParser },
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', schema: config.schema, close: () => kysely.destroy() };
  }
  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
  const sqlite = new SqliteDatabase(config.file);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

/** SQLite online backup (the database stays usable while it runs). */
export async function backupSqlite(db: Db, destination: string): Promise<void> {
  if (db.dialect !== 'sqlite') throw new Error('backup is for SQLite: use pg_dump for PostgreSQL (see README).');
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const { sql } = await import('kysely');
  const file = (
    await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db.kysely)
  ).rows[0]?.file;
  if (!file) throw new Error('in-memory databases cannot be backed up');
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(destination);
  } finally {
    source.close();
  }
}

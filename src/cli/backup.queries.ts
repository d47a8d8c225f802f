// SQLite restore: the inverse of `abitare backup` (server/db/client.ts backupSqlite), with the
// checks that keep a restore from destroying data by mistake.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

export interface SqliteFileFacts {
  readonly exists: boolean;
  /** Tables holding at least one row (an empty or freshly migrated file has none but bookkeeping). */
  readonly tablesWithRows: readonly string[];
  readonly migrations: number;
}

/** What a SQLite file holds, read without changing it. */
export function inspectSqliteFile(file: string): SqliteFileFacts {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return { exists: false, tablesWithRows: [], migrations: 0 };
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[];
    const withRows: string[] = [];
    let migrations = 0;
    for (const { name } of tables) {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      if (name === 'kysely_migration') {
        migrations = (db.prepare(`select count(*) as n from ${quoted}`).get() as { n: number }).n;
        continue;
      }
      if (name === 'kysely_migration_lock') continue;
      if (db.prepare(`select 1 from ${quoted} limit 1`).get() !== undefined) withRows.push(name);
    }
    return { exists: true, tablesWithRows: withRows, migrations };
  } finally {
    db.close();
  }
}

/** Checks that a file is a readable, intact SQLite database of Abitare. */
export function checkBackupFile(file: string): { ok: true } | { ok: false; message: string } {
  if (!fs.existsSync(file)) return { ok: false, message: `Il file ${file} non esiste.` };
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return { ok: false, message: `Il file ${file} non è un database SQLite leggibile: ${(err as Error).message}` };
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      return { ok: false, message: `Il file ${file} è danneggiato (integrity_check: ${String(check)}).` };
    const hasMigrations = db
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!hasMigrations)
      return { ok: false, message: `Il file ${file} non è un backup di Abitare (manca la tabella delle migrazioni).` };
    return { ok: true };
  } catch (err) {
    return { ok: false, message: `Il file ${file} non è un database SQLite valido: ${(err as Error).message}` };
  } finally {
    db.close();
  }
}

/** Copies the backup into the target file with SQLite's online backup API (the target is replaced). */
export async function restoreSqliteFile(backupFile: string, targetFile: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
  // A stale write-ahead log of the old database must not be replayed over the restored one.
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${targetFile}${suffix}`, { force: true });
  const source = new SqliteDatabase(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(targetFile);
  } finally {
    source.close();
  }
}

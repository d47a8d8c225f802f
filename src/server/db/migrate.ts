import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './client.js';
import { migrations } from './migrations/index.js';

function migrator(db: Db): Migrator {
  return new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // With a schema of its own (tests, benchmarks), the migration tables are looked up in it; by
    // default Kysely would see another schema's tables and skip creating its own.
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The name of the last migration applied, or null on an empty database. */
export async function currentMigration(db: Db): Promise<string | null> {
  const list = await migrator(db).getMigrations();
  const applied = list.filter((m) => m.executedAt !== undefined);
  return applied.at(-1)?.name ?? null;
}

// `abitare restore <file> [--force]`: puts a backup made by `abitare backup` back into the
// configured SQLite database. It refuses to overwrite a database that holds data unless --force
// is given, checks the backup's integrity first, and brings the restored file to the latest
// migration. PostgreSQL is restored with pg_restore (README, "Backup e ripristino").
import { parseArgs } from 'node:util';
import type { AppConfig } from '../server/config.js';
import { createDb } from '../server/db/client.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { checkBackupFile, inspectSqliteFile, restoreSqliteFile } from './backup.queries.js';

const USAGE = 'Uso: abitare restore <file-di-backup> [--force]';

export const PG_RESTORE_HELP = `Per PostgreSQL il ripristino si fa con gli strumenti del server:
  pg_dump -Fc --no-owner -n <schema> -f abitare.dump "$DATABASE_URL"      (copia)
  createdb abitare_ripristino                                            (database nuovo, vuoto)
  pg_restore --no-owner --exit-on-error -d abitare_ripristino abitare.dump (ripristino)
poi DATABASE_URL=postgres://…/abitare_ripristino npx abitare migrate.`;

export async function runRestore(args: string[], config: AppConfig): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { force: { type: 'boolean', default: false } }, allowPositionals: true });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  if (config.database.dialect !== 'sqlite') {
    console.error(`abitare restore ripristina il database SQLite.\n${PG_RESTORE_HELP}`);
    return 2;
  }
  const target = config.database.file;
  if (target === ':memory:') {
    console.error('Il database configurato è in memoria: indicare un file con DATABASE_URL=sqlite:percorso.db');
    return 2;
  }
  const check = checkBackupFile(file);
  if (!check.ok) {
    console.error(check.message);
    return 1;
  }
  const facts = inspectSqliteFile(target);
  if (facts.tablesWithRows.length > 0 && parsed.values.force !== true) {
    console.error(
      `Il database ${target} contiene già dati (${facts.tablesWithRows.length} tabelle non vuote): il ripristino lo sostituirebbe. ` +
        'Fermare il server, fare un backup del database attuale e ripetere con --force, oppure indicare un file nuovo con DATABASE_URL=sqlite:…',
    );
    return 1;
  }
  const started = Date.now();
  await restoreSqliteFile(file, target);
  const db = createDb(config.database);
  try {
    const applied = await migrateToLatest(db);
    const restored = inspectSqliteFile(target);
    console.log(
      `Ripristino di ${file} in ${target} completato in ${Date.now() - started} ms: ${restored.tablesWithRows.length} tabelle con dati` +
        (applied.length > 0 ? `; migrazioni applicate dopo il ripristino: ${applied.join(', ')}.` : '.'),
    );
  } finally {
    await db.close();
  }
  return 0;
}

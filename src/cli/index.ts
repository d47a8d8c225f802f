// The command line: serve, migrate, demo, backup, create-user.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ROLES, passwordSchema, roleSchema } from '../shared/auth.js';
import { loadConfig, type AppConfig } from '../server/config.js';
import { armFailpoint } from '../server/failpoints.js';
import { backupSqlite, createDb, type Db } from '../server/db/client.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { createCliEnv } from './context.js';

// The server's modules are loaded by the commands that use them: `abitare sap export` and the
// other batch commands start without the web application (about 60 MB less resident memory).
const demo = () => import('../server/features/demo/demo.actions.js');
const hasAnyUser = async (db: Db) => (await demo()).hasAnyUser(db);
const isDemoLoaded = async (db: Db) => (await demo()).isDemoLoaded(db);
import { runSap, sapUsage } from './sap/index.js';

const USAGE = `Uso: abitare <comando> [opzioni]

Comandi:
  serve [--no-demo]            applica le migrazioni e avvia il server (dati demo al primo avvio, salvo produzione)
  migrate                      applica le migrazioni al database configurato
  demo [--households N]        carica i dati dimostrativi (sintetici) in un database vuoto
  backup <file>                copia a caldo del database SQLite in <file>
  restore <file> [--force]     ripristina un backup SQLite nel database configurato (vuoto, o --force)
  privacy export <codice fiscale> [--format json|pdf] [--out <file>]
                               tutti i dati personali su una persona (art. 15 GDPR)
  privacy retention [--years N] [--dry-run]
                               pseudonimizza i fascicoli chiusi da più di N anni (statistiche conservate)
  bench [--applications N] [--units N] [--dialects sqlite,postgres] [--exports stream|memory]
                               misure di prestazione (npm run bench), su dati propri in database temporanei
  create-user --username U --role R --name "Nome" [--password P] [--partner ID] [--comuni ID,ID]
                               crea un utente (ruoli: ${ROLES.join(', ')}); --comuni limita l'accesso
                               ad alcuni Comuni, --partner lega un utente partner al suo ente

Edilizia residenziale pubblica (SAP):
${sapUsage()}

Configurazione: variabili d'ambiente (DATABASE_URL, PORT, ABITARE_*), vedi README.`;

function describeDb(config: AppConfig): string {
  return config.database.dialect === 'sqlite' ? `SQLite (${config.database.file})` : 'PostgreSQL';
}

async function withDb<T>(config: AppConfig, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(config.database);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function randomPassword(): string {
  return `${randomBytes(9).toString('base64url')}-${randomBytes(2).readUInt16BE() % 100}`;
}

async function loadDemo(db: Db, config: AppConfig, households: number): Promise<void> {
  const password = config.demoPassword ?? randomPassword();
  const started = Date.now();
  const { loadDemoData } = await demo();
  const summary = await loadDemoData(db, { households, password, now: new Date() });
  console.log(
    `Dati dimostrativi caricati in ${Date.now() - started} ms: ${summary.households} nuclei, ${summary.units} alloggi, ${summary.calls} avviso SAP chiuso con ${summary.applications} domande da mettere in graduatoria (dati sintetici, nessuna persona reale).`,
  );
  console.log('Account dimostrativi (password uguale per tutti):');
  for (const u of summary.users) console.log(`  ${u.username.padEnd(12)} ${u.role}`);
  console.log(
    config.demoPassword
      ? '  password: quella di ABITARE_DEMO_PASSWORD'
      : `  password: ${password}   (generata ora: annotarla, non verrà mostrata di nuovo)`,
  );
}

async function serve(config: AppConfig, noDemo: boolean): Promise<void> {
  const started = Date.now();
  const db = createDb(config.database);
  const applied = await migrateToLatest(db);
  if (applied.length > 0) console.log(`Migrazioni applicate: ${applied.join(', ')}`);
  const demoAllowed = !noDemo && config.env !== 'production';
  if (demoAllowed && !(await isDemoLoaded(db)) && !(await hasAnyUser(db))) {
    await loadDemo(db, config, 700);
  } else if (!(await hasAnyUser(db))) {
    console.log('Nessun utente: crearne uno con `npx abitare create-user --username admin --role admin --name "…"`.');
  }
  const [{ installShippedMeasures }, { startDemoLogin }, { buildApp }, { createAppJobs }] = await Promise.all([
    import('../server/features/measures/measures.install.js'),
    import('../server/features/portal/demo-login.js'),
    import('../server/http/app.js'),
    import('../server/jobs/app-jobs.js'),
  ]);
  // The support measures of rules.md §3–§5 (issue 4), installed once with their documented parameters.
  await installShippedMeasures(db.kysely, new Date());
  // Citizen portal without a configured SPID/CIE provider: a local one, for demonstration only.
  const demoLogin = await startDemoLogin(config, db);
  const app = await buildApp({ config: demoLogin?.config ?? config, db });
  // Scheduled jobs (outbox, reminders, …) run in every process; each slot runs once (server/jobs).
  const jobs = config.jobsEnabled ? createAppJobs(config, db) : null;
  const close = async () => {
    await jobs?.stop();
    await demoLogin?.provider.close();
    await app.fastify.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await app.fastify.listen({ port: config.port, host: config.host });
  jobs?.start();
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `Abitare in ascolto su http://localhost:${port} (${describeDb(config)}), avviato in ${Date.now() - started} ms.`,
  );
  if (demoAllowed && (await isDemoLoaded(db))) {
    console.log(
      'Account dimostrativi: admin, dirigente, sportello, sociale, erp, partner, osservatore' +
        (config.demoPassword ? ' (password: ABITARE_DEMO_PASSWORD).' : ' (password stampata al primo avvio).'),
    );
  }
  console.log(`Documentazione API: http://localhost:${port}/api/docs`);
  if (demoLogin) {
    console.log(
      `Portale del cittadino: http://localhost:${port}/portale — accesso SPID/CIE SIMULATO (solo dimostrazione) tramite ${demoLogin.provider.issuer}.`,
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  armFailpoint(config.failpoint);
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { 'no-demo': { type: 'boolean', default: false } } });
      await serve(config, values['no-demo'] === true);
      return -1;
    }
    case 'migrate':
      return withDb(config, async (db) => {
        const applied = await migrateToLatest(db);
        console.log(applied.length > 0 ? `Migrazioni applicate: ${applied.join(', ')}` : 'Database già aggiornato.');
        return 0;
      });
    case 'demo': {
      const { values } = parseArgs({ args: rest, options: { households: { type: 'string', default: '700' } } });
      const households = Number(values.households);
      if (!Number.isInteger(households) || households < 1 || households > 1_000_000) {
        console.error('--households deve essere un numero intero tra 1 e 1.000.000.');
        return 2;
      }
      return withDb(config, async (db) => {
        await migrateToLatest(db);
        if ((await isDemoLoaded(db)) || (await hasAnyUser(db))) {
          console.error('Il database contiene già dati: i dati dimostrativi si caricano solo in un database vuoto.');
          return 1;
        }
        await loadDemo(db, config, households);
        return 0;
      });
    }
    case 'backup': {
      const file = rest[0];
      if (!file) {
        console.error('Indicare il file di destinazione: abitare backup <file>');
        return 2;
      }
      return withDb(config, async (db) => {
        await backupSqlite(db, file);
        console.log(`Backup scritto in ${file}`);
        return 0;
      });
    }
    case 'restore': {
      const { runRestore } = await import('./backup.js');
      return runRestore(rest, config);
    }
    case 'privacy':
      return withDb(config, async (db) => {
        await migrateToLatest(db);
        const { runPrivacy } = await import('./privacy.js');
        return runPrivacy(rest, createCliEnv(config, db));
      });
    case 'create-user': {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          role: { type: 'string' },
          name: { type: 'string' },
          password: { type: 'string' },
          partner: { type: 'string' },
          comuni: { type: 'string' },
        },
      });
      const role = roleSchema.safeParse(values.role);
      if (!values.username || !role.success || !values.name) {
        console.error(
          `Uso: abitare create-user --username U --role (${ROLES.join('|')}) --name "Nome Cognome" [--password P]`,
        );
        return 2;
      }
      const password = values.password ?? randomPassword();
      const policy = passwordSchema.safeParse(password);
      if (!policy.success) {
        console.error(policy.error.issues.map((i) => i.message).join('\n'));
        return 2;
      }
      return withDb(config, async (db) => {
        await migrateToLatest(db);
        const { createUser } = await import('../server/features/users/users.actions.js');
        const result = await createUser(db.kysely, {
          username: values.username as string,
          role: role.data,
          displayName: values.name as string,
          password,
          partnerId: values.partner ?? null,
          comuneIds: values.comuni
            ? values.comuni
                .split(',')
                .map((c) => c.trim())
                .filter(Boolean)
            : [],
          now: new Date(),
        });
        if (!result.ok) {
          console.error(result.message);
          return 1;
        }
        console.log(
          `Utente ${values.username} (${role.data}) creato.${values.password ? '' : ` Password: ${password}`}`,
        );
        return 0;
      });
    }
    case 'bench': {
      const { runBench } = await import('./bench/index.js');
      return runBench(rest, config);
    }
    case 'sap':
      return withDb(config, async (db) => {
        await migrateToLatest(db);
        return runSap(rest, createCliEnv(config, db));
      });
    default:
      console.log(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

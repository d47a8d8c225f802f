// The only module that reads process.env: the configuration is parsed once, at start-up,
// and fails fast with a readable message.
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^(postgres|postgresql|sqlite|file):/.test(v), {
      message: 'must start with postgres://, sqlite: or file:',
    }),
  ABITARE_DATA_DIR: z.string().default('./data'),
  ABITARE_DEMO_PASSWORD: z.string().min(8).optional(),
  ABITARE_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  ABITARE_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(30),
  ABITARE_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  ABITARE_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  ABITARE_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  ABITARE_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  ABITARE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ABITARE_TIME_ZONE: z.string().default('Europe/Rome'),
  ABITARE_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  // Data protection (issue 7): years after which a closed household file is pseudonymised.
  ABITARE_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(10),
  // The local time (ABITARE_TIME_ZONE) from which the nightly retention job is due each day.
  ABITARE_RETENTION_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'deve essere un orario HH:MM')
    .default('02:30'),
  // Communications (issue 6): the office named in every message, SMTP, App IO, scheduled jobs.
  ABITARE_OFFICE_CONTACT: z
    .string()
    .default('sportello dell’Agenzia per la Casa, Piazza Confalonieri 5, Cinisello Balsamo'),
  ABITARE_SMTP_HOST: z.string().optional(),
  ABITARE_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(465),
  ABITARE_SMTP_SECURE: z.enum(['true', 'false']).default('true'),
  ABITARE_SMTP_USER: z.string().optional(),
  ABITARE_SMTP_PASSWORD: z.string().optional(),
  ABITARE_MAIL_FROM: z.string().default('agenzia.casa@comune.cinisello-balsamo.mi.it'),
  ABITARE_IO_BASE_URL: z.url().optional(),
  ABITARE_IO_API_KEY: z.string().optional(),
  ABITARE_JOBS: z.enum(['on', 'off']).default('on'),
  // Citizen portal (issue 6): the OpenID Connect provider (SPID/CIE broker) the portal relies on.
  ABITARE_OIDC_ISSUER: z.url().optional(),
  ABITARE_OIDC_CLIENT_ID: z.string().optional(),
  ABITARE_OIDC_CLIENT_SECRET: z.string().optional(),
  ABITARE_OIDC_REDIRECT_URI: z.url().optional(),
  ABITARE_DEV_OIDC: z.enum(['auto', 'off']).default('auto'),
  ABITARE_DOCUMENTS_DIR: z.string().optional(),
  // Tests only: the named point where the process kills itself (server/failpoints.ts); refused in production.
  ABITARE_FAILPOINT: z.string().optional(),
  ABITARE_DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
});

export type DatabaseConfig =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string; readonly schema?: string | undefined };

export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  readonly demoPassword: string | undefined;
  readonly session: { readonly absoluteHours: number; readonly idleMinutes: number };
  readonly cookieSecure: 'auto' | boolean;
  readonly login: { readonly maxAttempts: number; readonly windowMinutes: number };
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
  readonly timeZone: string;
  readonly trustProxy: boolean;
  /** Years of inactivity after which a closed household file is pseudonymised (a parameter: see docs/privacy). */
  readonly retentionYears: number;
  /** HH:MM local time from which the retention job runs each day. */
  readonly retentionAt: string;
  readonly communications: {
    readonly office: string;
    readonly smtp: {
      readonly host: string;
      readonly port: number;
      readonly secure: boolean;
      readonly user: string | undefined;
      readonly password: string | undefined;
      readonly from: string;
    } | null;
    readonly io: { readonly baseUrl: string; readonly apiKey: string } | null;
  };
  readonly jobsEnabled: boolean;
  readonly portal: {
    /** Null when no provider is configured (outside production a demonstration provider is started). */
    readonly oidc: {
      readonly issuer: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly redirectUri: string | undefined;
    } | null;
    /** For demonstration only: a local OpenID provider with demo citizens; never in production. */
    readonly devProvider: boolean;
  };
  /** Folder of uploaded documents, outside the web root (default: `documents` in the data folder). */
  readonly documentsDir: string;
  readonly documentMaxBytes: number;
  /** Tests only (crash tests): the failpoint armed in this process, if any. */
  readonly failpoint: string | null;
}

export function databaseConfigFromUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url && /^postgres(ql)?:/.test(url)) return { dialect: 'postgres', url };
  if (url && /^(sqlite|file):/.test(url)) {
    const file = url.replace(/^(sqlite|file):(\/\/)?/, '');
    return { dialect: 'sqlite', file: file === '' ? ':memory:' : file };
  }
  return { dialect: 'sqlite', file: path.join(dataDir, 'abitare.db') };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const database = databaseConfigFromUrl(e.DATABASE_URL, e.ABITARE_DATA_DIR);
  // Uploaded documents live next to the SQLite file by default (one folder to back up), else in the data folder.
  const documentsBase =
    database.dialect === 'sqlite' && database.file !== ':memory:' ? path.dirname(database.file) : e.ABITARE_DATA_DIR;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database,
    dataDir: e.ABITARE_DATA_DIR,
    demoPassword: e.ABITARE_DEMO_PASSWORD,
    session: { absoluteHours: e.ABITARE_SESSION_HOURS, idleMinutes: e.ABITARE_SESSION_IDLE_MINUTES },
    cookieSecure: e.ABITARE_COOKIE_SECURE === 'auto' ? 'auto' : e.ABITARE_COOKIE_SECURE === 'true',
    login: { maxAttempts: e.ABITARE_LOGIN_MAX_ATTEMPTS, windowMinutes: e.ABITARE_LOGIN_WINDOW_MINUTES },
    bodyLimitBytes: e.ABITARE_BODY_LIMIT_BYTES,
    logLevel: e.ABITARE_LOG_LEVEL,
    timeZone: e.ABITARE_TIME_ZONE,
    trustProxy: e.ABITARE_TRUST_PROXY === 'true',
    retentionYears: e.ABITARE_RETENTION_YEARS,
    retentionAt: e.ABITARE_RETENTION_AT,
    communications: {
      office: e.ABITARE_OFFICE_CONTACT,
      smtp: e.ABITARE_SMTP_HOST
        ? {
            host: e.ABITARE_SMTP_HOST,
            port: e.ABITARE_SMTP_PORT,
            secure: e.ABITARE_SMTP_SECURE === 'true',
            user: e.ABITARE_SMTP_USER,
            password: e.ABITARE_SMTP_PASSWORD,
            from: e.ABITARE_MAIL_FROM,
          }
        : null,
      io:
        e.ABITARE_IO_BASE_URL && e.ABITARE_IO_API_KEY
          ? { baseUrl: e.ABITARE_IO_BASE_URL, apiKey: e.ABITARE_IO_API_KEY }
          : null,
    },
    jobsEnabled: e.ABITARE_JOBS === 'on',
    portal: {
      oidc:
        e.ABITARE_OIDC_ISSUER && e.ABITARE_OIDC_CLIENT_ID
          ? {
              issuer: e.ABITARE_OIDC_ISSUER,
              clientId: e.ABITARE_OIDC_CLIENT_ID,
              clientSecret: e.ABITARE_OIDC_CLIENT_SECRET ?? '',
              redirectUri: e.ABITARE_OIDC_REDIRECT_URI,
            }
          : null,
      devProvider: e.NODE_ENV !== 'production' && !e.ABITARE_OIDC_ISSUER && e.ABITARE_DEV_OIDC === 'auto',
    },
    documentsDir: e.ABITARE_DOCUMENTS_DIR ?? path.join(documentsBase, 'documents'),
    documentMaxBytes: e.ABITARE_DOCUMENT_MAX_BYTES,
    failpoint: e.NODE_ENV === 'production' ? null : (e.ABITARE_FAILPOINT ?? null),
  };
}

/** Variables read by the test harness only (which databases and browsers to require). */
export function loadTestSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    postgresUrl: env.ABITARE_TEST_PG_URL ?? env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    requirePostgres: env.ABITARE_REQUIRE_PG === '1' || env.CI === 'true',
    requireBrowser: env.ABITARE_REQUIRE_E2E === '1' || env.CI === 'true',
    chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    /** Fail, instead of skipping, when `npm audit` cannot reach the registry (issue 7). */
    requireAudit: env.ABITARE_REQUIRE_AUDIT === '1',
    /** The environment a test or benchmark passes on to the child processes it starts (`abitare serve`, the CLI). */
    childEnv: { ...env } as Record<string, string | undefined>,
  };
}

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
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: databaseConfigFromUrl(e.DATABASE_URL, e.ABITARE_DATA_DIR),
    dataDir: e.ABITARE_DATA_DIR,
    demoPassword: e.ABITARE_DEMO_PASSWORD,
    session: { absoluteHours: e.ABITARE_SESSION_HOURS, idleMinutes: e.ABITARE_SESSION_IDLE_MINUTES },
    cookieSecure: e.ABITARE_COOKIE_SECURE === 'auto' ? 'auto' : e.ABITARE_COOKIE_SECURE === 'true',
    login: { maxAttempts: e.ABITARE_LOGIN_MAX_ATTEMPTS, windowMinutes: e.ABITARE_LOGIN_WINDOW_MINUTES },
    bodyLimitBytes: e.ABITARE_BODY_LIMIT_BYTES,
    logLevel: e.ABITARE_LOG_LEVEL,
    timeZone: e.ABITARE_TIME_ZONE,
    trustProxy: e.ABITARE_TRUST_PROXY === 'true',
  };
}

/** Variables read by the test harness only (which databases and browsers to require). */
export function loadTestSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    postgresUrl: env.ABITARE_TEST_PG_URL ?? env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    requirePostgres: env.ABITARE_REQUIRE_PG === '1' || env.CI === 'true',
    requireBrowser: env.ABITARE_REQUIRE_E2E === '1' || env.CI === 'true',
    chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  };
}

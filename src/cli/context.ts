// What a command-line use case receives: the database and a request context acting as the
// built-in 'system' account, so that batch work is audited like any other.
import os from 'node:os';
import type { AppConfig } from '../server/config.js';
import type { Db } from '../server/db/client.js';
import type { RequestContext } from '../server/http/context.js';
import { newId } from '../server/ids.js';

export interface CliEnv {
  readonly config: AppConfig;
  readonly db: Db;
  /** A fresh context per use case, with the current time. */
  context(): RequestContext;
  /** Progress on a terminal only; silent when output is piped or in CI. */
  progress(label: string, done: number, total: number): void;
}

export function createCliEnv(config: AppConfig, db: Db): CliEnv {
  const requestId = newId();
  const interactive = process.stdout.isTTY === true;
  return {
    config,
    db,
    context: () => ({
      actor: {
        userId: 'system',
        username: `system (${os.userInfo().username})`,
        displayName: 'Riga di comando',
        role: 'admin',
        partnerId: null,
        comuneIds: [],
      },
      requestId,
      ip: 'cli',
      method: 'CLI',
      path: process.argv.slice(2).join(' ').slice(0, 200),
      now: new Date(),
    }),
    progress: (label, done, total) => {
      if (!interactive || total <= 0) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stdout.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done >= total) process.stdout.write('\n');
    },
  };
}

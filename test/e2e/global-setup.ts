// Serves the built web app and the API over a fresh SQLite database for the browser tests,
// and checks that Debian's Chromium is there (in CI a missing browser fails the run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig, loadTestSettings } from '../../src/server/config.js';
import { createDb } from '../../src/server/db/client.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { buildApp, defaultWebRoot } from '../../src/server/http/app.js';
import { seedBasics } from '../fixtures.js';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string | null;
    chromiumPath: string;
  }
}

export default async function setup(project: TestProject) {
  const settings = loadTestSettings();
  project.provide('chromiumPath', settings.chromiumPath);
  if (!fs.existsSync(settings.chromiumPath)) {
    const line = `Chromium non trovato in ${settings.chromiumPath} (apt-get install chromium): test end-to-end saltati.`;
    if (settings.requireBrowser) throw new Error(`${line} In CI (o con ABITARE_REQUIRE_E2E=1) sono obbligatori.`);
    console.warn(line);
    project.provide('e2eBaseUrl', null);
    return;
  }
  const webRoot = defaultWebRoot();
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error('Applicazione web non compilata: eseguire `npx vite build` (lo fa già `npm test`).');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-e2e-'));
  const db = createDb({ dialect: 'sqlite', file: path.join(dir, 'e2e.db') });
  await migrateToLatest(db);
  await seedBasics(db, new Date());
  const config = loadConfig({ NODE_ENV: 'test', ABITARE_LOG_LEVEL: 'silent', ABITARE_LOGIN_MAX_ATTEMPTS: '50' });
  const app = await buildApp({ config, db, webRoot });
  await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  project.provide('e2eBaseUrl', `http://127.0.0.1:${port}`);
  return async () => {
    await app.fastify.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

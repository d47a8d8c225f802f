// Serves the built web app and the API over a fresh SQLite database for the browser tests,
// and checks that Debian's Chromium is there (in CI a missing browser fails the run).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig, loadTestSettings } from '../../src/server/config.js';
import { createDb } from '../../src/server/db/client.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { buildApp, defaultWebRoot } from '../../src/server/http/app.js';
import { installShippedMeasures } from '../../src/server/features/measures/measures.install.js';
import { startDevOidcProvider } from '../../src/server/features/portal/dev-provider.js';
import { seedBasics } from '../fixtures.js';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string | null;
    chromiumPath: string;
    /** The server's SQLite file, for the few states only a background job produces (a failed delivery). */
    e2eDbFile: string | null;
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
    project.provide('e2eDbFile', null);
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
  // The support measures (issue 4), as `serve` installs them.
  await installShippedMeasures(db.kysely, new Date());
  // The citizen portal (issue 6) relies on a real local OpenID provider, which must know the
  // callback address: the port is chosen before the server starts.
  const port = await new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const a = probe.address();
      probe.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
  const provider = await startDevOidcProvider({ redirectUris: [`http://127.0.0.1:${port}/api/portal/callback`] });
  const config = loadConfig({
    ABITARE_OIDC_ISSUER: provider.issuer,
    ABITARE_OIDC_CLIENT_ID: provider.clientId,
    ABITARE_OIDC_CLIENT_SECRET: provider.clientSecret,
    ABITARE_OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/api/portal/callback`,
    NODE_ENV: 'test',
    ABITARE_LOG_LEVEL: 'silent',
    ABITARE_LOGIN_MAX_ATTEMPTS: '50',
    ABITARE_DOCUMENTS_DIR: path.join(dir, 'documents'),
  });
  const app = await buildApp({ config, db, webRoot });
  await app.fastify.listen({ port, host: '127.0.0.1' });
  project.provide('e2eBaseUrl', `http://127.0.0.1:${port}`);
  project.provide('e2eDbFile', path.join(dir, 'e2e.db'));
  return async () => {
    await provider.close();
    await app.fastify.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

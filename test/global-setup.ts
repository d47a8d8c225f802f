// Decides once which databases the integration suite runs on, and says so in one clear line.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadTestSettings } from '../src/server/config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dialects: ('sqlite' | 'postgres')[];
    pgUrl: string;
  }
}

async function postgresReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject) {
  const settings = loadTestSettings();
  const problem = await postgresReachable(settings.postgresUrl);
  if (problem !== null) {
    const line = `PostgreSQL non raggiungibile (${settings.postgresUrl.replace(/\/\/[^@]*@/, '//***@')}: ${problem}): la suite di integrazione gira solo su SQLite.`;
    if (settings.requirePostgres)
      throw new Error(`${line} In CI (o con ABITARE_REQUIRE_PG=1) PostgreSQL è obbligatorio.`);
    console.warn(line);
    project.provide('dialects', ['sqlite']);
  } else {
    console.log(
      `Suite di integrazione su SQLite e PostgreSQL (${settings.postgresUrl.replace(/\/\/[^@]*@/, '//***@')}).`,
    );
    project.provide('dialects', ['sqlite', 'postgres']);
  }
  project.provide('pgUrl', settings.postgresUrl);
}

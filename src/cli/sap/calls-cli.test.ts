import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../test/db.js';
import { seedBasics } from '../../../test/fixtures.js';
import { loadConfig } from '../../server/config.js';
import { importUnits } from '../../server/features/units/units.actions.js';
import { createCliEnv, type CliEnv } from '../context.js';
import { runSap } from './index.js';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/formats');

describe.each(testDialects())('abitare sap create-call and import on %s', (dialect) => {
  let testDb: TestDb;
  let env: CliEnv;
  let out: string[];
  let err: string[];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-cli-'));

  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    await seedBasics(testDb.db);
    env = createCliEnv(loadConfig({ NODE_ENV: 'test', ABITARE_LOG_LEVEL: 'silent' }), testDb.db);
  });
  afterAll(async () => {
    await testDb.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  async function sap(...args: string[]): Promise<number> {
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    const code = await runSap(args, env);
    vi.restoreAllMocks();
    return code;
  }

  it('prints only the new call’s id, and refuses bad input with an Italian message and exit code 2', async () => {
    expect(await sap('create-call', '--name', 'Avviso 2026', '--opens', '2026-10-01', '--closes', '2026-11-10')).toBe(
      0,
    );
    expect(out).toHaveLength(1);
    const id = out[0] ?? '';
    const row = await testDb.db.kysely.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ code: 'AVV-2026-001', created_by: 'system', opens_on: '2026-10-01' });

    expect(await sap('create-call', '--name', 'Breve', '--opens', '2026-10-01', '--closes', '2026-10-20')).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/--closes: .*almeno 30.*R\.R\. 4\/2017 art\. 8 c\.2/);
    expect(await sap('create-call', '--name', 'Senza date')).toBe(2);
    expect(await sap('create-call', '--name', 'X', '--opens', '2026-13-01', '--closes', '2026-11-10')).toBe(2);
    expect(err.join('\n')).toMatch(/--opens: Data non valida/);
    expect(await sap('create-call', '--bogus')).toBe(2);
  });

  it('imports the example files by the call’s code, reports problems with a non-zero exit, and is safe to re-run', async () => {
    expect(
      await sap('create-call', '--name', 'Avviso di esempio', '--opens', '2026-10-01', '--closes', '2026-11-10'),
    ).toBe(0);
    const call = await testDb.db.kysely
      .selectFrom('calls')
      .select(['id', 'code'])
      .where('id', '=', out[0] ?? '')
      .executeTakeFirstOrThrow();
    await importUnits(testDb.db.kysely, env.context(), fs.readFileSync(path.join(DOCS, 'example-units.csv')), {
      fileName: 'example-units.csv',
      callId: call.id,
    });
    const applications = path.join(DOCS, 'example-applications.csv');
    const members = path.join(DOCS, 'example-application-members.csv');

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      fs
        .readFileSync(applications, 'utf8')
        .replace('VRDNNA84C52C707L;Verdi', 'VRDNNA84C52C707X;Verdi')
        .replace(';AVV-CUS-0001;', ';AVV-CIN-0002;'),
    );
    expect(await sap('import', call.code, bad)).toBe(1);
    expect(err[0]).toMatch(/2 problemi: nessuna domanda importata/);
    expect(err.some((l) => /riga 2, colonna codice_fiscale/.test(l))).toBe(true);
    expect(err.some((l) => /riga 7, colonna alloggio_1.*non è adeguato/.test(l))).toBe(true);

    expect(await sap('import', call.code, applications, '--members', members, '--dry-run')).toBe(0);
    expect(out[0]).toMatch(/Verifica .* riuscita/);
    expect(await sap('import', call.code, applications, '--members', members)).toBe(0);
    expect(out.join('\n')).toMatch(/Domande nuove: 6; invariate: 0; nuclei abbinati: 0; nuclei aperti: 6/);
    expect(await sap('import', call.id, applications, '--members', members)).toBe(0);
    expect(out.join('\n')).toMatch(/già stato importato/);
    const count = await testDb.db.kysely
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6);

    expect(await sap('import', 'AVV-1999-999', applications)).toBe(2);
    expect(await sap('import', call.code, path.join(dir, 'missing.csv'))).toBe(2);
    expect(await sap('import', call.code)).toBe(2);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../test/db.js';
import { seedBasics } from '../../../test/fixtures.js';
import { seedSapCall } from '../../../test/sap-builders.js';
import { loadConfig } from '../../server/config.js';
import { rankCall } from '../../server/features/rankings/rankings.actions.js';
import { rankingCsv } from '../../server/features/rankings/rankings.export.js';
import { createCliEnv, type CliEnv } from '../context.js';
import { runSap } from './index.js';

describe.each(testDialects())('abitare sap export streams to a file on %s', (dialect) => {
  let testDb: TestDb;
  let env: CliEnv;
  let code: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-export-'));

  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    await seedBasics(testDb.db);
    env = createCliEnv(loadConfig({ NODE_ENV: 'test', ABITARE_LOG_LEVEL: 'silent' }), testDb.db);
    const call = await seedSapCall(testDb.db, {
      opensOn: '2026-10-01',
      closesOn: '2026-11-20',
      units: [
        { code: 'U-ALER-CIN-1', owner: 'aler', comune: 'cinisello', areaM2: 50 },
        { code: 'U-COM-CIN-1', owner: 'comune', comune: 'cinisello', areaM2: 40 },
      ],
      applications: Array.from({ length: 12 }, (_, i) => ({
        platformId: `D-${i + 1}`,
        isbar: 20 + (i % 5),
        iseeEuro: 3000 + i * 100,
        submittedAt: '2026-10-02T09:00:00Z',
        members: 2,
        choices: i % 2 === 0 ? ['U-ALER-CIN-1', 'U-COM-CIN-1'] : ['U-COM-CIN-1'],
      })),
    });
    code = call.code;
    await rankCall(testDb.db.kysely, env.context(), call.callId);
  });
  afterAll(async () => {
    await testDb.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function sap(...args: string[]): Promise<number> {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      return await runSap(args, env);
    } finally {
      vi.restoreAllMocks();
    }
  }

  it('writes the CSV and the PDF publication to --out, and exits 1 for an unknown call', async () => {
    const csv = path.join(dir, 'graduatoria.csv');
    expect(await sap('export', code, '--format', 'csv', '--out', csv)).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toBe((await rankingCsv(testDb.db.kysely, code)).text);
    const pdf = path.join(dir, 'graduatoria.pdf');
    expect(await sap('export', code, '--format', 'pdf', '--out', pdf)).toBe(0);
    const bytes = fs.readFileSync(pdf);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(await sap('export', 'AVV-NESSUNO', '--format', 'pdf', '--out', path.join(dir, 'x.pdf'))).toBe(1);
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });
});

// Crash tests: the real command (`node bin/abitare.mjs sap import|rank|assign`) is killed with
// SIGKILL while its transaction is writing; after the "restart" the database is exactly as before
// the command (no half-run, no duplicate), and running the command again completes it once.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markRunFinal, seedBenchCall } from '../../src/cli/bench/data.queries.js';
import { loadDemoData } from '../../src/server/features/demo/demo.actions.js';
import { installShippedMeasures } from '../../src/server/features/measures/measures.install.js';
import { syntheticFiscalCode } from '../builders.js';
import { testDialects } from '../db.js';
import {
  createChildTarget,
  DEMO_PASSWORD,
  diffFingerprints,
  fingerprint,
  sleep,
  spawnCli,
  writeInProgress,
  type ChildTarget,
} from './helpers.js';

/** Sizes large enough that each command writes for a good fraction of a second on this machine. */
const SIZES = {
  sqlite: { applications: 40_000, units: 800, importRows: 6_000 },
  postgres: { applications: 20_000, units: 500, importRows: 3_000 },
};

/**
 * Starts the command, waits until its write transaction is open (and still open a moment later,
 * so that it is the run itself and not the migration check), kills it with SIGKILL.
 */
async function killMidRun(
  target: ChildTarget,
  args: string[],
  tables: string[],
): Promise<{ killed: boolean; output: string }> {
  const child = spawnCli(args, { DATABASE_URL: target.databaseUrl });
  let done = false;
  void child.exited.then(() => (done = true));
  const deadline = Date.now() + 60_000;
  while (!done && Date.now() < deadline) {
    if (await writeInProgress(target, tables)) {
      await sleep(60);
      if (!done && (await writeInProgress(target, tables))) {
        child.process.kill('SIGKILL');
        const exit = await child.exited;
        return { killed: exit.signal === 'SIGKILL', output: child.output() };
      }
    }
    await sleep(15);
  }
  child.process.kill('SIGKILL');
  await child.exited;
  return { killed: false, output: child.output() };
}

/** Runs the command with a failpoint armed: it kills itself with SIGKILL inside its transaction. */
async function killAtFailpoint(
  target: ChildTarget,
  args: string[],
  name: string,
): Promise<{ killed: boolean; output: string }> {
  const child = spawnCli(args, { DATABASE_URL: target.databaseUrl, ABITARE_FAILPOINT: name });
  const exit = await child.exited;
  return { killed: exit.signal === 'SIGKILL', output: child.output() };
}

function applicationsCsv(rows: number, unitCodes: string[]): string {
  const header =
    'id_domanda;protocollo;data_presentazione;codice_fiscale;cognome;nome;comune_residenza;comune_lavoro;componenti;isee;isbar;indigente;categorie;invalidita;alloggio_1;alloggio_2';
  const lines = [header];
  const letters = 'BCDFGLMNPRSTVZ';
  for (let i = 0; i < rows; i++) {
    const s3 = `${letters[i % 14]}${letters[Math.floor(i / 14) % 14]}${letters[Math.floor(i / 196) % 14]}`;
    const n3 = `${letters[Math.floor(i / 2744) % 14]}RA`;
    const birth = `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`;
    const cf = syntheticFiscalCode({ surname3: s3, name3: n3, birthDate: birth, sex: 'M' });
    const unit = unitCodes[i % unitCodes.length] as string;
    lines.push(
      `CR-${String(i).padStart(6, '0')};RL-CR-${i};2026-02-0${1 + (i % 9)}T09:00:00;${cf};Prova${i};Mario;Cinisello Balsamo;;1;8.450,00;14,25;N;;;${unit};`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe.each(testDialects())('SIGKILL in the middle of a batch on %s', (dialect) => {
  let target: ChildTarget;
  let callId: string;
  let importCallId: string;
  let csvFile: string;
  const size = SIZES[dialect];

  beforeAll(async () => {
    target = await createChildTarget(dialect, inject('pgUrl'));
    const k = target.db.kysely;
    await loadDemoData(target.db, {
      households: 5,
      password: randomBytes(12).toString('hex'),
      now: new Date('2026-11-26T09:00:00Z'),
    });
    let started = Date.now();
    ({ callId: importCallId } = await seedBenchCall(k, { applications: 0, units: 60, seed: 12 }));
    const offered = await k.selectFrom('call_units').select('unit_id').where('call_id', '=', importCallId).execute();
    for (const [i, u] of offered.entries()) {
      await k
        .updateTable('units')
        .set({ code: `IMP-U-${i}` })
        .where('id', '=', u.unit_id)
        .execute();
    }
    // Units adequate to a household of one (RR 4/2017 art. 9: 28–46 m²), so that every row is valid.
    const units = await k
      .selectFrom('units')
      .select('code')
      .where('code', 'like', 'IMP-U-%')
      .where('floor_area_dm2', '>=', 2800)
      .where('floor_area_dm2', '<=', 4600)
      .execute();
    ({ callId } = await seedBenchCall(k, { applications: size.applications, units: size.units, seed: 11 }));
    console.log(`crash ${dialect}: dati preparati in ${Date.now() - started} ms`);
    started = Date.now();
    csvFile = path.join(target.dir, 'domande.csv');
    fs.writeFileSync(
      csvFile,
      applicationsCsv(
        size.importRows,
        units.map((u) => u.code),
      ),
    );
  }, 120_000);
  afterAll(async () => {
    await target?.destroy();
  });

  async function crashAndRedo(
    command: string[],
    tables: string[],
    check: (fresh: ChildTarget) => Promise<void>,
    /** Where the process kills itself (server/failpoints.ts), for a write phase too short to hit from outside. */
    failpointName?: string,
  ) {
    const before = await fingerprint(target.db);
    const { killed, output } = failpointName
      ? await killAtFailpoint(target, command, failpointName)
      : await killMidRun(target, command, tables);
    expect(killed, `the command ended before it could be killed: make the data larger.\n${output}`).toBe(true);
    // Read from another connection after the kill: the unfinished transaction left nothing behind
    // (SQLite ignores write-ahead-log frames without a commit; PostgreSQL aborted the backend's transaction).
    expect(diffFingerprints(before, await fingerprint(target.db))).toEqual([]);
    const redo = spawnCli(command, { DATABASE_URL: target.databaseUrl });
    const exit = await redo.exited;
    expect(exit.code, redo.output()).toBe(0);
    await check(target);
  }

  // PostgreSQL: the ranking run (its abort-on-disconnect is the same for every batch); SQLite: all three.
  const sqliteOnly = (name: string, fn: () => Promise<void>, timeout: number) => {
    if (dialect === 'sqlite') it(name, fn, timeout);
  };

  sqliteOnly(
    'an import killed mid-run leaves no application; the re-run imports every row once',
    async () => {
      await crashAndRedo(
        ['sap', 'import', importCallId, csvFile],
        ['applications', 'households', 'file_imports'],
        async () => {
          const k = target.db.kysely;
          const apps = await k
            .selectFrom('applications')
            .select((e) => e.fn.countAll().as('n'))
            .where('call_id', '=', importCallId)
            .executeTakeFirstOrThrow();
          expect(Number(apps.n)).toBe(size.importRows);
          const imports = await k.selectFrom('file_imports').selectAll().where('call_key', '=', importCallId).execute();
          expect(imports).toHaveLength(1);
          // A third run is a no-op: the file was imported once.
          const again = spawnCli(['sap', 'import', importCallId, csvFile], { DATABASE_URL: target.databaseUrl });
          expect((await again.exited).code).toBe(0);
          expect(again.output()).toMatch(/già stato importato/);
        },
      );
    },
    120_000,
  );

  it('a ranking run killed mid-run leaves no run and no entry; the re-run writes one complete run', async () => {
    await crashAndRedo(['sap', 'rank', callId], ['ranking_runs', 'ranking_entries'], async () => {
      const k = target.db.kysely;
      const runs = await k.selectFrom('ranking_runs').select('id').where('call_id', '=', callId).execute();
      expect(runs).toHaveLength(1);
      const entries = await k
        .selectFrom('ranking_entries')
        .select((e) => e.fn.count('application_id').distinct().as('n'))
        .where('run_id', '=', runs[0]?.id as string)
        .executeTakeFirstOrThrow();
      expect(Number(entries.n)).toBeGreaterThan(size.applications * 0.9);
      const audit = await k
        .selectFrom('audit_log')
        .select('id')
        .where('entity_id', '=', runs[0]?.id as string)
        .execute();
      expect(audit.length).toBeGreaterThanOrEqual(1);
    });
  }, 120_000);

  sqliteOnly(
    'an assignment run killed mid-run leaves no run and no proposal; the re-run proposes once',
    async () => {
      const k = target.db.kysely;
      const run = await k
        .selectFrom('ranking_runs')
        .select('id')
        .where('call_id', '=', callId)
        .executeTakeFirstOrThrow();
      await markRunFinal(k, run.id);
      await crashAndRedo(
        ['sap', 'assign', callId],
        ['assignment_runs', 'assignment_proposals', 'assignment_outcomes'],
        async () => {
          const runs = await k.selectFrom('assignment_runs').select('id').where('call_id', '=', callId).execute();
          expect(runs).toHaveLength(1);
          const proposals = await k
            .selectFrom('assignment_proposals')
            .select(['unit_id', 'application_id'])
            .where('run_id', '=', runs[0]?.id as string)
            .execute();
          expect(proposals.length).toBeGreaterThan(0);
          expect(new Set(proposals.map((p) => p.unit_id)).size).toBe(proposals.length);
          expect(new Set(proposals.map((p) => p.application_id)).size).toBe(proposals.length);
        },
        // The run writes its run row and proposals in a few milliseconds: the process is killed
        // there, after the proposals and before the commit.
        'assignment.before-commit',
      );
    },
    120_000,
  );
});

/** Approved applications of one fund, written straight into the tables, ready to be paid in one batch. */
async function seedPayable(target: ChildTarget, count: number) {
  const k = target.db.kysely;
  const at = '2026-11-20T09:00:00.000Z';
  const measure = await k.selectFrom('measures').select('id').orderBy('code').executeTakeFirstOrThrow();
  const version = await k
    .selectFrom('measure_parameter_versions')
    .select('id')
    .where('measure_id', '=', measure.id)
    .executeTakeFirstOrThrow();
  const households = await k.selectFrom('households').select('id').execute();
  const amount = 50_000;
  const fundId = 'fund-crash-2026';
  await k
    .insertInto('funds')
    .values({
      id: fundId,
      code: 'CRASH',
      year: 2026,
      name: 'Fondo per il test di arresto',
      legal_basis: 'test',
      budget_cents: count * amount,
      committed_cents: count * amount,
      paid_cents: 0,
      created_at: at,
      created_by: null,
    })
    .execute();
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `crash-app-${String(i).padStart(6, '0')}`,
    code: `MA-CRASH-${String(i).padStart(6, '0')}`,
    household_id: (households[i % households.length] as { id: string }).id,
    measure_id: measure.id,
    parameter_version_id: version.id,
    status: 'approved',
    applied_on: '2026-11-01',
    channel: 'desk',
    contact_id: null,
    applicant_fiscal_code: 'RSSMRA80A01F205X',
    applicant_name: `Richiedente ${i}`,
    payee_kind: 'tenant',
    payee_name: `Beneficiario ${i}`,
    payee_fiscal_code: 'RSSMRA80A01F205X',
    iban: 'IT60X0542811101000000123456',
    landlord_id: null,
    contract_id: null,
    isee_record_id: null,
    facts: '{}',
    request: '{}',
    amount_cents: amount,
    breakdown: null,
    fund_id: fundId,
    committed_cents: amount,
    paid_cents: 0,
    version: 1,
    created_at: at,
    created_by: null,
    updated_at: at,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await k
      .insertInto('measure_applications')
      .values(rows.slice(i, i + 200))
      .execute();
  return { fundId, amount };
}

describe('SIGKILL of the server in the middle of a payment batch (SQLite)', () => {
  let target: ChildTarget;
  const COUNT = 12_000;

  beforeAll(async () => {
    target = await createChildTarget('sqlite', inject('pgUrl'));
    await loadDemoData(target.db, { households: 30, password: DEMO_PASSWORD, now: new Date('2026-11-26T09:00:00Z') });
    await installShippedMeasures(target.db.kysely, new Date('2026-11-26T08:00:00Z'), { activateTemplates: true });
  }, 120_000);
  afterAll(async () => {
    await target?.destroy();
  });

  async function startServer() {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawnCli(['serve', '--no-demo'], {
      DATABASE_URL: target.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      ABITARE_JOBS: 'off',
    });
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) break;
      } catch {
        await sleep(100);
      }
    }
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dirigente', password: DEMO_PASSWORD }),
    });
    expect(login.status, child.output()).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const pay = (fundId: string) =>
      fetch(`http://127.0.0.1:${port}/api/payment-batches`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ fundId, accountingReference: 'MANDATO-2026-77', paidOn: '2026-11-26' }),
      });
    return { child, pay };
  }

  it('a batch killed mid-run pays nobody; the repeated request pays everyone once', async () => {
    const { fundId, amount } = await seedPayable(target, COUNT);
    const before = await fingerprint(target.db, {
      exclude: ['sessions', 'login_attempts', 'audit_log', 'idempotency_keys'],
    });
    const first = await startServer();
    const request = first.pay(fundId).catch(() => null);
    let killed = false;
    for (let i = 0; i < 4000 && !killed; i++) {
      if (await writeInProgress(target, ['payments', 'payment_batches', 'fund_entries'])) {
        await sleep(40);
        if (await writeInProgress(target, ['payments', 'payment_batches', 'fund_entries'])) {
          first.child.process.kill('SIGKILL');
          killed = (await first.child.exited).signal === 'SIGKILL';
          break;
        }
      }
      await sleep(10);
    }
    expect(killed, 'the batch ended before the kill: make it larger').toBe(true);
    expect(await request).toBeNull();
    const after = await fingerprint(target.db, {
      exclude: ['sessions', 'login_attempts', 'audit_log', 'idempotency_keys'],
    });
    expect(diffFingerprints(before, after)).toEqual([]);

    const second = await startServer();
    try {
      const res = await second.pay(fundId);
      expect(res.status).toBe(201);
      const again = await second.pay(fundId);
      expect(again.status).toBe(409);
      const k = target.db.kysely;
      const payments = await k
        .selectFrom('payments')
        .select((e) => [e.fn.countAll<number>().as('n'), e.fn.count('application_id').distinct().as('apps')])
        .where('application_id', 'like', 'crash-app-%')
        .executeTakeFirstOrThrow();
      expect(Number(payments.n)).toBe(COUNT);
      expect(Number(payments.apps)).toBe(COUNT);
      const fund = await k
        .selectFrom('funds')
        .select(['paid_cents', 'committed_cents'])
        .where('id', '=', fundId)
        .executeTakeFirstOrThrow();
      expect(Number(fund.paid_cents)).toBe(COUNT * amount);
      expect(await k.selectFrom('payment_batches').select('id').where('fund_id', '=', fundId).execute()).toHaveLength(
        1,
      );
    } finally {
      second.child.process.kill('SIGTERM');
      await second.child.exited;
    }
  }, 180_000);
});

// `npm run bench`: builds its own data and prints every performance figure the issues ask for,
// each next to its baseline measured in the same run. Timings are printed, never asserted.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadTestSettings, type AppConfig } from '../../server/config.js';
import { createDb, type Db } from '../../server/db/client.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { runAssignment } from '../../server/features/assignments/assignments.actions.js';
import { loadDemoData } from '../../server/features/demo/demo.actions.js';
import { rankCall } from '../../server/features/rankings/rankings.actions.js';
import { rankingCsv, rankingPdf } from '../../server/features/rankings/rankings.export.js';
import type { CliEnv } from '../context.js';
import { createCliEnv } from '../context.js';
import { markRunFinal, seedBenchCall } from './data.queries.js';
import { createPostgresSchema, rawFloorPostgres, rawFloorSqlite, type FloorResult } from './raw-floor.queries.js';

interface Row {
  readonly dialect: string;
  readonly figure: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

/** Peak resident memory while `fn` runs, sampled every 10 ms, minus the resident memory before it. */
async function peakMemory<T>(fn: () => Promise<T>): Promise<{ mb: number; result: T }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { mb: (peak - before) / 1_048_576, result };
  } finally {
    clearInterval(timer);
  }
}

const ms = (v: number) => `${v.toFixed(0)} ms`;

async function benchDialect(
  config: AppConfig,
  dialect: 'sqlite' | 'postgres',
  opts: { applications: number; units: number },
): Promise<Row[]> {
  const rows: Row[] = [];
  let db: Db;
  let cleanup: () => Promise<void>;
  let rawFloor: (callId: string) => Promise<FloorResult>;
  const settings = loadTestSettings();
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-bench-'));
    const file = path.join(dir, 'bench.db');
    db = createDb({ dialect: 'sqlite', file });
    cleanup = async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    rawFloor = (callId) => Promise.resolve(rawFloorSqlite(file, callId));
  } else {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    await createPostgresSchema(settings.postgresUrl, schema);
    db = createDb({ dialect: 'postgres', url: settings.postgresUrl, schema });
    cleanup = async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(db.kysely);
      await db.close();
    };
    rawFloor = (callId) => rawFloorPostgres(settings.postgresUrl, schema, callId);
  }
  try {
    await migrateToLatest(db);
    await loadDemoData(db, { households: 10, password: randomBytes(12).toString('hex'), now: new Date() });
    const seeded = await timed(() =>
      seedBenchCall(db.kysely, { applications: opts.applications, units: opts.units, seed: 7 }),
    );
    console.error(`[${dialect}] dati: ${opts.applications} domande, ${opts.units} alloggi in ${ms(seeded.ms)}`);
    const { callId } = seeded.result;
    const env: CliEnv = createCliEnv(config, db);

    // Warm-up of caches on both sides, then the measured runs (best of 3 each, alternating).
    await rawFloor(callId);
    const appTimes: number[] = [];
    const rawTimes: number[] = [];
    let runId = '';
    for (let i = 0; i < 3; i++) {
      const raw = await rawFloor(callId);
      rawTimes.push(raw.ms);
      const app = await timed(() => rankCall(db.kysely, env.context(), callId));
      appTimes.push(app.ms);
      runId = app.result.runId;
    }
    const appBest = Math.min(...appTimes);
    const rawBest = Math.min(...rawTimes);
    rows.push({
      dialect,
      figure: `ranking of ${opts.applications.toLocaleString('en')} applications (read, rank per owner and Comune, write)`,
      value: ms(appBest),
      baseline: `${ms(rawBest)} raw driver`,
      ratio: `${(appBest / rawBest).toFixed(2)}×`,
      target: '≤ 1.5×',
    });

    await markRunFinal(db.kysely, runId);
    const assign = await timed(() => runAssignment(db.kysely, env.context(), callId));
    rows.push({
      dialect,
      figure: `assignment run of ${opts.units} units over ${opts.applications.toLocaleString('en')} ranked applications (read, propose, write)`,
      value: ms(assign.ms),
      baseline: '—',
      ratio: '—',
      target: '< 1 s',
    });

    const csv = await peakMemory(() => timed(() => rankingCsv(db.kysely, callId)));
    rows.push({
      dialect,
      figure: `export of the ranking to CSV (${csv.result.result.text.length.toLocaleString('en')} characters)`,
      value: `${ms(csv.result.ms)}, +${csv.mb.toFixed(0)} MB peak`,
      baseline: '—',
      ratio: '—',
      target: '< 300 MB',
    });
    const pdf = await peakMemory(() => timed(() => rankingPdf(db.kysely, callId)));
    rows.push({
      dialect,
      figure: `export of the ranking to PDF (${(pdf.result.result.pdf.length / 1_048_576).toFixed(1)} MB)`,
      value: `${ms(pdf.result.ms)}, +${pdf.mb.toFixed(0)} MB peak`,
      baseline: '—',
      ratio: '—',
      target: '< 300 MB',
    });
    return rows;
  } finally {
    await cleanup();
  }
}

export async function runBench(args: string[], config: AppConfig): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      applications: { type: 'string', default: '100000' },
      units: { type: 'string', default: '1000' },
      dialects: { type: 'string', default: 'sqlite,postgres' },
    },
  });
  const applications = Number(values.applications);
  const units = Number(values.units);
  const dialects = (values.dialects ?? '')
    .split(',')
    .filter((d): d is 'sqlite' | 'postgres' => d === 'sqlite' || d === 'postgres');
  if (
    !Number.isInteger(applications) ||
    applications < 10 ||
    !Number.isInteger(units) ||
    units < 1 ||
    dialects.length === 0
  ) {
    console.error('Uso: abitare bench [--applications N] [--units N] [--dialects sqlite,postgres]');
    return 2;
  }
  const rows: Row[] = [];
  for (const dialect of dialects) {
    try {
      rows.push(...(await benchDialect(config, dialect, { applications, units })));
    } catch (err) {
      console.error(`[${dialect}] benchmark non eseguito: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }
  const headers = ['dialect', 'figure', 'value', 'baseline', 'ratio', 'target'] as const;
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => r[h].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(headers.map((h) => r[h])));
  console.log(
    `\nMachine: ${os.cpus().length} cores, ${(os.totalmem() / 1_073_741_824).toFixed(0)} GiB, Node ${process.version}.`,
  );
  return 0;
}

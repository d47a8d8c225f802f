// `npm run bench`: builds its own data and prints every performance figure the issues ask for,
// each next to its baseline measured in the same run. Timings are printed, never asserted.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { proposeAssignments } from '../../core/sap/assignment.js';
import { loadTestSettings, type AppConfig } from '../../server/config.js';
import { createDb, type Db } from '../../server/db/client.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { assignmentInput, runAssignment } from '../../server/features/assignments/assignments.actions.js';
import { loadDemoData } from '../../server/features/demo/demo.actions.js';
import { rankCall } from '../../server/features/rankings/rankings.actions.js';
import type { CliEnv } from '../context.js';
import { createCliEnv } from '../context.js';
import { markRunFinal, seedBenchCall } from './data.queries.js';
import { BENCH_SECTIONS } from './sections.js';
import { ms, timed, type BenchRow } from './table.js';
import { createPostgresSchema, rawFloorPostgres, rawFloorSqlite, type FloorResult } from './raw-floor.queries.js';

type Row = BenchRow;
/** Measured ranking runs on each side (after one warm-up run each). */
const RANKING_RUNS = 5;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

/** Where an export is measured: the database of the run, reached from a fresh process. */
type ExportTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string; readonly schema: string };

type ExportMode = 'stream' | 'memory';

interface ExportMeasure {
  readonly ms: number;
  readonly bytes: number;
  /** Resident memory of the measuring process before the export, and its peak during it. */
  readonly rssBefore: number;
  readonly rssPeak: number;
}

/** The export measured in a process that loads only what `abitare sap export` loads for it. */
const EXPORT_CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ranking-export-child.ts');

/**
 * Runs one export in a fresh process, so that its memory is its own: in the benchmark's process
 * the heap left by the ranking and assignment runs would hide (or inflate) the export's.
 */
async function exportInChild(
  target: ExportTarget,
  callId: string,
  format: 'csv' | 'pdf',
  mode: ExportMode,
  out: string,
): Promise<ExportMeasure> {
  const args = ['--import', 'tsx', EXPORT_CHILD, '--format', format, '--mode', mode, '--call', callId, '--out', out];
  if (target.dialect === 'sqlite') args.push('--sqlite-file', target.file);
  else args.push('--pg-url', target.url, '--pg-schema', target.schema);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`export ${format} (${mode}): the measuring process ended with code ${code}`);
  return JSON.parse(output) as ExportMeasure;
}

async function benchDialect(
  config: AppConfig,
  dialect: 'sqlite' | 'postgres',
  opts: { applications: number; units: number; exportMode: ExportMode },
): Promise<Row[]> {
  const rows: Row[] = [];
  let db: Db;
  let cleanup: () => Promise<void>;
  let rawFloor: (callId: string) => Promise<FloorResult>;
  let target: ExportTarget;
  const settings = loadTestSettings();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-bench-'));
  if (dialect === 'sqlite') {
    const file = path.join(dir, 'bench.db');
    db = createDb({ dialect: 'sqlite', file });
    cleanup = async () => {
      await db.close();
    };
    rawFloor = (callId) => Promise.resolve(rawFloorSqlite(file, callId));
    target = { dialect, file };
  } else {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    await createPostgresSchema(settings.postgresUrl, schema);
    db = createDb({ dialect: 'postgres', url: settings.postgresUrl, schema });
    cleanup = async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(db.kysely);
      await db.close();
    };
    rawFloor = (callId) => rawFloorPostgres(settings.postgresUrl, schema, callId);
    target = { dialect, url: settings.postgresUrl, schema };
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

    // Warm-up of caches and code on both sides, then the measured runs, alternating, best of each:
    // the database's own work dominates both, so the best of several runs is the least disturbed by
    // whatever else the machine does. The floor writes the same rows into the same tables and
    // deletes them after its timing.
    await rawFloor(callId);
    await rankCall(db.kysely, env.context(), callId);
    const appTimes: number[] = [];
    const rawTimes: number[] = [];
    let runId = '';
    for (let i = 0; i < RANKING_RUNS; i++) {
      const raw = await rawFloor(callId);
      rawTimes.push(raw.ms);
      const app = await timed(() => rankCall(db.kysely, env.context(), callId));
      appTimes.push(app.ms);
      runId = app.result.runId;
    }
    const appBest = Math.min(...appTimes);
    const rawBest = Math.min(...rawTimes);
    console.error(
      `[${dialect}] graduatoria: applicazione ${appTimes.map(ms).join(', ')}; driver ${rawTimes.map(ms).join(', ')}`,
    );
    rows.push({
      dialect,
      figure: `ranking of ${opts.applications.toLocaleString('en')} applications (read, rank per owner and Comune, write)`,
      value: ms(appBest),
      baseline: `${ms(rawBest)} raw driver`,
      ratio: `${(appBest / rawBest).toFixed(2)}×`,
      target: '≤ 1.5×',
    });

    await markRunFinal(db.kysely, runId);
    // The rules alone on the same input (read untimed), as the run calls them (outcomes explained on
    // request, not during the run): what the run adds is reads, snapshot and writes.
    const input = await assignmentInput(db.kysely, callId);
    const coreTimes: number[] = [];
    for (let i = 0; i < 3; i++) coreTimes.push((await timed(() => proposeAssignments(input, { explain: false }))).ms);
    // Best of 3 runs, as for the ranking (each run is a new proposal that supersedes the previous one).
    const assignTimes: number[] = [];
    let assign = await timed(() => runAssignment(db.kysely, env.context(), callId));
    assignTimes.push(assign.ms);
    for (let i = 0; i < 2; i++) {
      const again = await timed(() => runAssignment(db.kysely, env.context(), callId));
      assignTimes.push(again.ms);
      if (again.ms < assign.ms) assign = again;
    }
    const core = { ms: Math.min(...coreTimes) };
    console.error(
      `[${dialect}] assegnazione: ${assignTimes.map(ms).join(', ')}; regole ${coreTimes.map(ms).join(', ')}`,
    );
    rows.push({
      dialect,
      figure: `assignment run of ${opts.units} units over ${opts.applications.toLocaleString('en')} ranked applications (read, propose, store proposals and snapshot; ${assign.result.unassigned.toLocaleString('en')} without a unit, explained on request)`,
      value: ms(assign.ms),
      baseline: `${ms(core.ms)} rules alone`,
      ratio: `${(assign.ms / core.ms).toFixed(1)}×`,
      target: '< 1 s',
    });

    for (const format of ['csv', 'pdf'] as const) {
      const out = path.join(dir, `export.${format}`);
      const measure = await exportInChild(target, callId, format, opts.exportMode, out);
      fs.rmSync(out, { force: true });
      rows.push({
        dialect,
        figure: `export of the ranking to ${format.toUpperCase()} (${opts.exportMode === 'stream' ? 'stream to file' : 'whole document in memory'}, ${(measure.bytes / 1_048_576).toFixed(1)} MB)`,
        value: `${ms(measure.ms)}, +${mb(measure.rssPeak - measure.rssBefore)} peak (RSS ${mb(measure.rssPeak)})`,
        baseline: `${mb(measure.rssBefore)} process at rest`,
        ratio: '—',
        target: '< 300 MB',
      });
    }
    return rows;
  } finally {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runBench(args: string[], config: AppConfig): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      applications: { type: 'string', default: '100000' },
      units: { type: 'string', default: '1000' },
      dialects: { type: 'string', default: 'sqlite,postgres' },
      exports: { type: 'string', default: 'stream' },
    },
  });
  const applications = Number(values.applications);
  const units = Number(values.units);
  const dialects = (values.dialects ?? '')
    .split(',')
    .filter((d): d is 'sqlite' | 'postgres' => d === 'sqlite' || d === 'postgres');
  const exportMode = values.exports;
  if (
    !Number.isInteger(applications) ||
    applications < 10 ||
    !Number.isInteger(units) ||
    units < 1 ||
    dialects.length === 0 ||
    (exportMode !== 'stream' && exportMode !== 'memory')
  ) {
    console.error(
      'Uso: abitare bench [--applications N] [--units N] [--dialects sqlite,postgres] [--exports stream|memory]',
    );
    return 2;
  }
  const rows: Row[] = [];
  for (const dialect of dialects) {
    try {
      rows.push(...(await benchDialect(config, dialect, { applications, units, exportMode })));
    } catch (err) {
      console.error(`[${dialect}] benchmark non eseguito: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }
  // The figures of the other areas, each section on its own fresh databases.
  for (const section of BENCH_SECTIONS) {
    try {
      rows.push(...(await section.run({ config, dialects })));
    } catch (err) {
      console.error(
        `[${section.name}] benchmark non eseguito: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
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
    `\nMachine: ${os.cpus().length} cores, ${(os.totalmem() / 1_073_741_824).toFixed(0)} GiB, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}.`,
  );
  return 0;
}

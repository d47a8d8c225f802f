// Issue 6: the observatory's dashboards on ten years of a large Ambito (1,000,000 events by
// default), each under 300 ms (median of repeated loads, audit row included), and a streamed XLSX
// export of 100,000 applications with memory under 300 MB, measured in a process of its own.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_GROUPS } from '../../shared/observatory.js';
import type { AppConfig } from '../../server/config.js';
import type { App } from '../../server/http/route-kit.js';
import type { RequestContext } from '../../server/http/context.js';
import { readDashboard } from '../../server/features/observatory/observatory.actions.js';
import { refreshObservatoryCells } from '../../server/features/observatory/observatory.queries.js';
import { withBenchDb, type BenchDb } from './bench-db.js';
import { seedObservatoryBench } from './observatory-data.queries.js';
import { median, ms, timed, type BenchRow } from './table.js';

export interface ObservatoryBenchOptions {
  readonly events: number;
  readonly years: number;
  readonly exportRows: number;
  readonly repeats: number;
}

export const OBSERVATORY_BENCH_DEFAULTS: ObservatoryBenchOptions = {
  events: 1_000_000,
  years: 10,
  exportRows: 100_000,
  repeats: 5,
};

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'observatory-export-child.ts');
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

async function exportInChild(bench: BenchDb, rows: number) {
  const out = path.join(bench.dir, 'domande.xlsx');
  const args = ['--import', 'tsx', CHILD, '--rows', String(rows), '--out', out];
  if (bench.target.dialect === 'sqlite') args.push('--sqlite-file', bench.target.file);
  else args.push('--pg-url', bench.target.url, '--pg-schema', bench.target.schema);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`observatory export: the measuring process ended with code ${code}`);
  return JSON.parse(output) as { ms: number; bytes: number; rssBefore: number; rssPeak: number };
}

export function observatorySection(opts: ObservatoryBenchOptions = OBSERVATORY_BENCH_DEFAULTS) {
  return {
    name: 'observatory',
    run: async (ctx: {
      readonly config: AppConfig;
      readonly dialects: readonly ('sqlite' | 'postgres')[];
    }): Promise<BenchRow[]> => {
      const rows: BenchRow[] = [];
      for (const dialect of ctx.dialects) {
        await withBenchDb(dialect, async (bench) => {
          console.error(
            `[observatory] ${dialect}: ${opts.events.toLocaleString('it-IT')} events over ${opts.years} years…`,
          );
          const seeded = await timed(() => seedObservatoryBench(bench.db, { events: opts.events, years: opts.years }));
          console.error(`[observatory] ${dialect}: ${seeded.result.rows} rows in ${ms(seeded.ms)}`);
          const refreshed = await timed(() =>
            refreshObservatoryCells(bench.db.kysely, bench.db.dialect, new Date().toISOString()),
          );
          rows.push({
            dialect,
            figure: `observatory refresh of the pre-aggregated figures (scheduled job, every 15 min) over ${seeded.result.rows.toLocaleString('en')} rows`,
            value: ms(refreshed.ms),
            baseline: '—',
            ratio: '—',
            target: '—',
          });
          const now = new Date();
          const app = { fastify: null, deps: { config: ctx.config, db: bench.db, now: () => now } } as unknown as App;
          const reqCtx: RequestContext = {
            actor: {
              userId: 'system',
              username: 'bench',
              displayName: 'Bench',
              role: 'manager',
              partnerId: null,
              comuneIds: [],
            },
            requestId: 'bench',
            ip: '127.0.0.1',
            method: 'GET',
            path: '/api/observatory',
            now,
          };
          for (const group of DASHBOARD_GROUPS) {
            for (const filter of [{}, { comuneId: 'bench-comune-3', year: 2020 }]) {
              await readDashboard(app, reqCtx, group, filter); // warm-up
              const times: number[] = [];
              for (let i = 0; i < opts.repeats; i++)
                times.push((await timed(() => readDashboard(app, reqCtx, group, filter))).ms);
              rows.push({
                dialect,
                figure: `observatory dashboard "${group}"${'year' in filter ? ' (one Comune, one year)' : ' (whole Ambito, all years)'} over ${seeded.result.rows.toLocaleString('en')} rows (median of ${opts.repeats})`,
                value: ms(median(times)),
                baseline: '—',
                ratio: '—',
                target: '< 300 ms',
              });
            }
          }
          const exported = await exportInChild(bench, opts.exportRows);
          rows.push({
            dialect,
            figure: `observatory XLSX export of ${opts.exportRows.toLocaleString('en')} applications, streamed (${mb(exported.bytes)} file, ${ms(exported.ms)})`,
            value: `peak RSS ${mb(exported.rssPeak)}`,
            baseline: `RSS before ${mb(exported.rssBefore)}`,
            ratio: '—',
            target: '< 300 MB',
          });
        });
      }
      return rows;
    },
  };
}

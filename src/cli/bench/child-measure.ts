// What a benchmark child process reports about one export it runs: its time, the file's size,
// the resident memory before it and the peak during it (sampled every 10 ms), as one JSON line.
import fs from 'node:fs';
import type { Db } from '../../server/db/client.js';
import { createDb } from '../../server/db/client.js';

/** The database the parent names on the command line. */
export function childDb(values: { 'sqlite-file'?: string; 'pg-url'?: string; 'pg-schema'?: string }): Db {
  return values['sqlite-file']
    ? createDb({ dialect: 'sqlite', file: values['sqlite-file'] })
    : createDb({ dialect: 'postgres', url: values['pg-url'] ?? '', schema: values['pg-schema'] });
}

/** Runs `write` (which writes the export to `out`) and prints its measure on standard output. */
export async function measureExport(out: string, write: () => Promise<void>): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const timer = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 10);
  const started = process.hrtime.bigint();
  try {
    await write();
  } finally {
    clearInterval(timer);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  process.stdout.write(JSON.stringify({ ms, bytes: fs.statSync(out).size, rssBefore, rssPeak }));
}

// Run by the observatory benchmark in a process of its own (node --import tsx this-file …), so
// that the memory measured is the export's: the streamed XLSX of N applications, written to a file.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createDb } from '../../server/db/client.js';
import { applicationsMicrodataXlsx } from '../../server/features/observatory/observatory.actions.js';

const { values } = parseArgs({
  options: {
    'sqlite-file': { type: 'string' },
    'pg-url': { type: 'string' },
    'pg-schema': { type: 'string' },
    rows: { type: 'string' },
    out: { type: 'string' },
  },
});
const db = values['sqlite-file']
  ? createDb({ dialect: 'sqlite', file: values['sqlite-file'] })
  : createDb({ dialect: 'postgres', url: values['pg-url'] ?? '', schema: values['pg-schema'] });
try {
  await db.kysely.selectFrom('applications').select('id').limit(1).execute();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const timer = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 10);
  const started = process.hrtime.bigint();
  await pipeline(
    applicationsMicrodataXlsx(db, {}, Number(values.rows)),
    fs.createWriteStream(values.out ?? '/dev/null'),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(timer);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  process.stdout.write(JSON.stringify({ ms, bytes: fs.statSync(values.out ?? '/dev/null').size, rssBefore, rssPeak }));
} finally {
  await db.close();
}

// Run by the observatory benchmark in a process of its own (node --import tsx this-file …), so
// that the memory measured is the export's: the streamed XLSX of N applications, written to a file.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { applicationsMicrodataXlsx } from '../../server/features/observatory/observatory.actions.js';
import { childDb, measureExport } from './child-measure.js';

const { values } = parseArgs({
  options: {
    'sqlite-file': { type: 'string' },
    'pg-url': { type: 'string' },
    'pg-schema': { type: 'string' },
    rows: { type: 'string' },
    out: { type: 'string' },
  },
});
const db = childDb(values);
try {
  await db.kysely.selectFrom('applications').select('id').limit(1).execute();
  const out = values.out ?? '/dev/null';
  await measureExport(out, () =>
    pipeline(applicationsMicrodataXlsx(db, {}, Number(values.rows)), fs.createWriteStream(out)),
  );
} finally {
  await db.close();
}

// Run by the SAP benchmark in a process of its own (node --import tsx this-file …), so that the
// memory measured is the export's: the ranking of a call written to a file as `abitare sap export`
// and the API routes write it. The process loads only the export and the database client, as the
// command does (the CLI loads each command's modules when it runs it).
// `stream` pipes the stream to the file; `memory` builds the whole document first (the way exports
// were made before they were streams), for comparison.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import {
  rankingCsv,
  rankingCsvStream,
  rankingPdf,
  rankingPdfStream,
} from '../../server/features/rankings/rankings.export.js';
import { childDb, measureExport } from './child-measure.js';

const { values } = parseArgs({
  options: {
    format: { type: 'string' },
    mode: { type: 'string', default: 'stream' },
    call: { type: 'string' },
    out: { type: 'string' },
    'sqlite-file': { type: 'string' },
    'pg-url': { type: 'string' },
    'pg-schema': { type: 'string' },
  },
});
const format = values.format === 'pdf' ? 'pdf' : 'csv';
const callId = values.call ?? '';
const out = values.out ?? '/dev/null';
const db = childDb(values);
try {
  // Warm the connection and the modules, so that the figure is the export's own.
  await db.kysely.selectFrom('calls').select('id').where('id', '=', callId).execute();
  await measureExport(out, async () => {
    if (values.mode === 'memory') {
      if (format === 'csv') fs.writeFileSync(out, (await rankingCsv(db.kysely, callId)).text);
      else fs.writeFileSync(out, (await rankingPdf(db.kysely, callId)).pdf);
      return;
    }
    const { stream }: { stream: Readable } =
      format === 'csv' ? await rankingCsvStream(db.kysely, callId) : await rankingPdfStream(db.kysely, callId);
    await pipeline(stream, fs.createWriteStream(out));
  });
} finally {
  await db.close();
}

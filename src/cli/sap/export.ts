import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../server/http/errors.js';
import { rankingCsvStream, rankingJson, rankingPdfStream } from '../../server/features/rankings/rankings.export.js';
import type { CliEnv } from '../context.js';

/** `abitare sap export <call> --format csv|pdf|json [--out <file>]`: the publication, without names. */
export async function run(args: string[], env: CliEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, out: { type: 'string' } },
  });
  const [call] = positionals;
  const format = values.format;
  if (!call || (format !== 'csv' && format !== 'json' && format !== 'pdf')) {
    console.error('Uso: abitare sap export <avviso> --format csv|pdf|json [--out <file>]');
    return 2;
  }
  try {
    // CSV and PDF are streamed to the file or to stdout as they are read: memory stays flat.
    const content: Readable | string =
      format === 'csv'
        ? (await rankingCsvStream(env.db.kysely, call)).stream
        : format === 'pdf'
          ? (await rankingPdfStream(env.db.kysely, call)).stream
          : `${JSON.stringify(await rankingJson(env.db.kysely, call), null, 2)}\n`;
    if (values.out) {
      if (typeof content === 'string') fs.writeFileSync(values.out, content);
      else {
        const out = values.out;
        // A stream that fails half way leaves no half file behind.
        await pipeline(content, fs.createWriteStream(out)).catch((err: unknown) => {
          fs.rmSync(out, { force: true });
          throw err;
        });
      }
      console.error(`Scritto ${values.out}`);
    } else if (typeof content === 'string') {
      process.stdout.write(content);
    } else {
      await pipeline(content, process.stdout, { end: false });
    }
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

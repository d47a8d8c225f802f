import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../server/http/errors.js';
import { rankingCsv, rankingJson, rankingPdf } from '../../server/features/rankings/rankings.export.js';
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
    const text =
      format === 'csv'
        ? (await rankingCsv(env.db.kysely, call)).text
        : format === 'pdf'
          ? (await rankingPdf(env.db.kysely, call)).pdf
          : `${JSON.stringify(await rankingJson(env.db.kysely, call), null, 2)}\n`;
    if (values.out) {
      fs.writeFileSync(values.out, text);
      console.error(`Scritto ${values.out}`);
    } else {
      process.stdout.write(text);
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

// `abitare sap import-units <avviso> <file.csv>`: imports a units file into the stock (all or nothing,
// docs/formats/units.md) and offers its units in the call. Re-running the same file changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { UnitImportReport } from '../../shared/units.js';
import { AppError } from '../../server/http/errors.js';
import { importUnits } from '../../server/features/units/units.actions.js';
import type { CliEnv } from '../context.js';

const USAGE = 'Uso: abitare sap import-units <avviso> <file.csv>';

function printReport(report: UnitImportReport): void {
  console.log(report.message);
  if (report.alreadyImported) return;
  console.log(
    `Righe: ${report.rows}; nuovi: ${report.created}; aggiornati: ${report.updated}; invariati: ${report.unchanged}; cambi di stato: ${report.stateChanges}.`,
  );
}

export async function run(args: string[], env: CliEnv): Promise<number> {
  const [call, file, ...rest] = args;
  if (!call || !file || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    console.error(`Impossibile leggere il file ${file}: ${(err as Error).message}`);
    return 1;
  }
  try {
    const report = await importUnits(env.db.kysely, env.context(), bytes, {
      fileName: path.basename(file),
      callId: call,
      onProgress: (done, total) => env.progress('Importazione alloggi', done, total),
    });
    printReport(report);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(err.message);
    // One problem per line, with its line number, so that the office can fix the file.
    for (const d of err.details ?? []) if (d.message !== err.message) console.error(`  ${d.message}`);
    return 1;
  }
}

// `abitare sap import <avviso> <file.csv> [--members <file.csv>] [--dry-run]`: imports the regional
// platform's applications into a call, all or nothing (docs/formats/applications.md). Prints the
// report; a file with problems lists every one of them and exits with 1.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportReport } from '../../shared/applications.js';
import { importApplications } from '../../server/features/applications/applications.actions.js';
import { findCallByIdOrCode } from '../../server/features/calls/calls.queries.js';
import { AppError } from '../../server/http/errors.js';
import type { CliEnv } from '../context.js';

const USAGE = 'Uso: abitare sap import <avviso> <domande.csv> [--members <componenti.csv>] [--dry-run]';

export function formatReport(report: ImportReport): string[] {
  const lines: string[] = [];
  if (report.alreadyImported) {
    lines.push(`Il file ${report.fileName} è già stato importato in questo avviso: nessuna modifica.`);
    return lines;
  }
  if (!report.ok) {
    lines.push(
      `Il file ${report.fileName} ha ${report.problems.length} ${report.problems.length === 1 ? 'problema' : 'problemi'}: nessuna domanda importata.`,
    );
    for (const p of report.problems) {
      const where = `${p.file === 'members' ? 'componenti, ' : ''}riga ${p.line}${p.column ? `, colonna ${p.column}` : ''}`;
      lines.push(`  ${where}${p.value !== null ? ` («${p.value}»)` : ''}: ${p.message}`);
    }
    return lines;
  }
  lines.push(
    report.dryRun
      ? `Verifica di ${report.fileName} riuscita (nessuna modifica): ${report.rows} righe.`
      : `Importazione di ${report.fileName} completata: ${report.rows} righe.`,
  );
  lines.push(
    `Domande nuove: ${report.created}; invariate: ${report.unchanged}; nuclei abbinati: ${report.householdsMatched}; nuclei aperti: ${report.householdsCreated}.`,
  );
  return lines;
}

function parseCommandLine(args: string[]) {
  return parseArgs({
    args,
    options: { members: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
}

export async function run(args: string[], env: CliEnv): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [callKey, file, ...rest] = parsed.positionals;
  if (!callKey || !file || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const call = await findCallByIdOrCode(env.db.kysely, callKey);
  if (!call) {
    console.error(`Avviso ${callKey} non trovato (indicare l’identificativo o il codice, per esempio AVV-2026-001).`);
    return 2;
  }
  const read = (p: string) => {
    try {
      return { name: path.basename(p), bytes: fs.readFileSync(p) };
    } catch (err) {
      console.error(`Impossibile leggere il file ${p}: ${(err as Error).message}`);
      return null;
    }
  };
  const applications = read(file);
  if (!applications) return 2;
  const members = parsed.values.members ? read(parsed.values.members) : null;
  if (parsed.values.members && !members) return 2;
  try {
    const report = await importApplications(
      env.db.kysely,
      env.context(),
      call.id,
      { applications, members },
      {
        dryRun: parsed.values['dry-run'] === true,
        onProgress: (done, total) => env.progress('Importazione domande', done, total),
      },
    );
    const lines = formatReport(report);
    for (const line of lines) (report.ok ? console.log : console.error)(line);
    return report.ok ? 0 : 1;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(err.message);
    for (const d of err.details ?? []) console.error(`  ${d.path}: ${d.message}`);
    return 2;
  }
}

// `abitare privacy export <codice fiscale> [--format json|pdf] [--out file]` and
// `abitare privacy retention [--years N] [--dry-run]`: the data-protection duties from the command
// line, audited as the built-in system account.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { personExportParamsSchema } from '../shared/privacy.js';
import { exportPersonData, personExportPdf, runRetention } from '../server/features/privacy/privacy.actions.js';
import type { CliEnv } from './context.js';

const USAGE = `Uso:
  abitare privacy export <codice fiscale> [--format json|pdf] [--out <file>]
  abitare privacy retention [--years N] [--dry-run]`;

async function exportCommand(args: string[], env: CliEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'json' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  const cf = personExportParamsSchema.safeParse({ fiscalCode: positionals[0] ?? '' });
  if (!cf.success || positionals.length !== 1 || (values.format !== 'json' && values.format !== 'pdf')) {
    console.error(USAGE);
    return 2;
  }
  const data = await exportPersonData(env.db, env.context(), cf.data.fiscalCode);
  const body = values.format === 'pdf' ? await personExportPdf(data) : `${JSON.stringify(data, null, 2)}\n`;
  if (values.out) {
    fs.writeFileSync(values.out, body);
    const rows = Object.values(data.counts).reduce((a, b) => a + b, 0);
    console.log(
      `Dati di ${data.fiscalCode}: ${data.householdIds.length} fascicoli, ${rows} righe in ${Object.keys(data.tables).length} tabelle, scritti in ${values.out}.`,
    );
  } else {
    process.stdout.write(body);
  }
  return 0;
}

async function retentionCommand(args: string[], env: CliEnv): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { years: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const years = values.years === undefined ? env.config.retentionYears : Number(values.years);
  if (!Number.isInteger(years) || years < 1 || years > 100) {
    console.error('--years deve essere un numero intero tra 1 e 100.');
    return 2;
  }
  const r = await runRetention(env.db, env.context(), {
    years,
    dryRun: values['dry-run'] === true,
    timeZone: env.config.timeZone,
    documentsDir: env.config.documentsDir,
  });
  console.log(
    `${r.dryRun ? 'Prova (nessuna modifica)' : 'Conservazione eseguita'}: fascicoli chiusi prima del ${r.cutoffOn} (${years} anni): ${r.households}` +
      (r.dryRun ? ' da pseudonimizzare.' : ` pseudonimizzati, ${r.rowsChanged} righe modificate.`),
  );
  for (const [key, s] of Object.entries(r.statistics)) {
    console.log(`  ${key}: ${s.households} nuclei, ${s.members} componenti, ${s.applications} domande`);
  }
  if (r.notRewritten.length > 0) console.log(`  Tabelle collegate non riscritte: ${r.notRewritten.join(', ')}`);
  if (r.appendOnlyRewritten.length > 0) {
    console.log(`  Tabelle in sola aggiunta riscritte per eccezione: ${r.appendOnlyRewritten.join(', ')}`);
  }
  if (r.documentFilesDeleted > 0) console.log(`  File di documenti cancellati: ${r.documentFilesDeleted}`);
  if (r.orphanFilesDeleted > 0) console.log(`  File senza documento registrato cancellati: ${r.orphanFilesDeleted}`);
  return 0;
}

export async function runPrivacy(args: string[], env: CliEnv): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === 'export') return await exportCommand(rest, env);
    if (command === 'retention') return await retentionCommand(rest, env);
  } catch (err) {
    if (err instanceof TypeError && /parseArgs|Unknown option/i.test(err.message)) {
      console.error(`${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  console.error(USAGE);
  return 2;
}

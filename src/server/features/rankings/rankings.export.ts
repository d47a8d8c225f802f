// Publication formats of a ranking. They carry only the platform application id, the position,
// the score and the chosen unit ids — never names (rules.md §2.5: publication by application id).
import type { DbExecutor } from '../../db/client.js';
import { assignmentsForExport } from '../assignments/assignments.actions.js';
import { publicationData } from './rankings.actions.js';

function csvCell(value: string): string {
  return /[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** ';' separated, UTF-8 with BOM, decimal comma: what Italian spreadsheets open directly. */
export async function rankingCsv(db: DbExecutor, callIdOrCode: string): Promise<{ code: string; text: string }> {
  const data = await publicationData(db, callIdOrCode);
  const lines = ['ente_proprietario;comune;stato;posizione;id_domanda;isbar;indigente;alloggio_1;alloggio_2'];
  for (const e of data.entries) {
    lines.push(
      [
        e.owner,
        e.comune,
        data.state,
        String(e.position),
        e.applicationId,
        e.isbar.toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 3, useGrouping: false }),
        e.indigent ? 'S' : 'N',
        e.unitIds[0] ?? '',
        e.unitIds[1] ?? '',
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return { code: data.call.code, text: `\uFEFF${lines.join('\r\n')}\r\n` };
}

/** The JSON export: the rankings and the open assignments with their basis, by platform ids and unit codes. */
export async function rankingJson(db: DbExecutor, callIdOrCode: string) {
  const data = await publicationData(db, callIdOrCode);
  const groups = new Map<string, { owner: string; comune: string; state: string; entries: unknown[] }>();
  for (const e of data.entries) {
    const key = `${e.owner}|${e.comune}`;
    let g = groups.get(key);
    if (!g) {
      g = { owner: e.owner, comune: e.comune, state: data.state, entries: [] };
      groups.set(key, g);
    }
    g.entries.push({
      position: e.position,
      applicationId: e.applicationId,
      isbar: e.isbar,
      indigent: e.indigent,
      unitIds: e.unitIds,
    });
  }
  return { rankings: [...groups.values()], assignments: await assignmentsForExport(db, data.call.id) };
}

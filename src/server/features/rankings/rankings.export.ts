// Publication formats of a ranking. They carry only the platform application id, the position,
// the score and the chosen unit ids — never names (rules.md §2.5: publication by application id).
import type { DbExecutor } from '../../db/client.js';
import { renderPdf } from '../../documents/pdf.js';
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

/** The publication as PDF: one table per owner and Comune, without names (rules.md §2.5). */
export async function rankingPdf(db: DbExecutor, callIdOrCode: string): Promise<{ code: string; pdf: Buffer }> {
  const data = await publicationData(db, callIdOrCode);
  const state = data.state === 'final' ? 'definitiva' : data.state === 'provisional' ? 'provvisoria' : 'in bozza';
  const groups = new Map<string, typeof data.entries>();
  for (const e of data.entries) {
    const key = `${e.owner} – ${e.comune}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const content: unknown[] = [
    { text: `Graduatoria ${state} — ${data.call.name} (${data.call.code})`, style: 'h1' },
    {
      text: 'Pubblicazione per identificativo della domanda, senza dati personali. Ordine per punteggio ISBAR decrescente; parità risolte secondo l’avviso (R.R. Lombardia 4/2017 art. 12).',
      style: 'small',
    },
  ];
  for (const [title, entries] of groups) {
    content.push({ text: title, style: 'h2' });
    content.push({
      table: {
        headerRows: 1,
        widths: ['auto', '*', 'auto', 'auto', '*'],
        body: [
          [
            { text: 'Posizione', style: 'th' },
            { text: 'ID domanda', style: 'th' },
            { text: 'ISBAR', style: 'th' },
            { text: 'Indigente', style: 'th' },
            { text: 'Alloggi scelti', style: 'th' },
          ],
          ...entries.map((e) => [
            String(e.position),
            e.applicationId,
            e.isbar.toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 3 }),
            e.indigent ? 'Sì' : 'No',
            e.unitIds.join(', '),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    });
  }
  const ambito = await db.selectFrom('ambiti').select('name').where('id', '=', data.call.ambito_id).executeTakeFirst();
  const pdf = await renderPdf({
    title: `Graduatoria ${data.call.code}`,
    header: `Agenzia per la Casa — ${ambito?.name ?? 'Ambito'}`,
    content,
  });
  return { code: data.call.code, pdf };
}

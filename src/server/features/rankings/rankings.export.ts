// Publication formats of a ranking. They carry only the platform application id, the position,
// the score and the chosen unit ids — never names (rules.md §2.5: publication by application id).
// CSV and PDF are streams: the rows are read in pages (keyset on the position, one ranking after
// the other) and written as they come, so a ranking of 100,000 applications is never in memory.
import { Readable } from 'node:stream';
import type { DbExecutor } from '../../db/client.js';
import { streamTablePdf, type PdfStreamedTable } from '../../documents/pdf.js';
import { assignmentsForExport } from '../assignments/assignments.actions.js';
import { publicationData, publicationHead } from './rankings.actions.js';
import { listRunRankings, loadPublicationPage } from './rankings.queries.js';

/** Rows read per query (small pages keep the objects short-lived: they never leave the young heap). */
const PAGE_ROWS = 500;

export interface ExportOptions {
  /** Rows read per query (tests use small pages to go through the paging). */
  readonly pageRows?: number;
}

function csvCell(value: string): string {
  return /[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

// The formats of Number#toLocaleString('it-IT', …) used before, built once instead of per row.
const CSV_SCORE = new Intl.NumberFormat('it-IT', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 3,
  useGrouping: false,
});
const PDF_SCORE = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 3 });

interface PublicationRow {
  readonly position: number;
  readonly applicationId: string;
  readonly isbar: number;
  readonly indigent: boolean;
  readonly unitIds: string[];
}

interface PublicationRanking {
  readonly owner: string;
  readonly comune: string;
  /** Its rows, page after page, in position order. */
  readonly pages: () => AsyncGenerator<PublicationRow[]>;
}

/** The run's rankings in publication order (owner, then Comune, by name), each readable page by page. */
async function* publicationRankings(
  db: DbExecutor,
  runId: string,
  pageRows: number,
): AsyncGenerator<PublicationRanking> {
  for (const ranking of await listRunRankings(db, runId)) {
    yield {
      owner: ranking.owner_name,
      comune: ranking.comune_name,
      pages: async function* () {
        let afterPosition = 0;
        for (;;) {
          const rows = await loadPublicationPage(db, {
            runId,
            ownerId: ranking.owner_id,
            comuneId: ranking.comune_id,
            afterPosition,
            limit: pageRows,
          });
          if (rows.length === 0) return;
          afterPosition = (rows[rows.length - 1] as (typeof rows)[number]).position;
          yield rows.map((e) => ({
            position: e.position,
            applicationId: e.platform_id,
            isbar: e.isbar_milli / 1000,
            indigent: e.indigent === 1,
            unitIds: JSON.parse(e.unit_ids) as string[],
          }));
          if (rows.length < pageRows) return;
        }
      },
    };
  }
}

const CSV_HEADER = 'ente_proprietario;comune;stato;posizione;id_domanda;isbar;indigente;alloggio_1;alloggio_2';

/**
 * ';' separated, UTF-8 with BOM, decimal comma: what Italian spreadsheets open directly. The call
 * and its ranking are checked before the stream is returned (errors are answers, not broken streams).
 */
export async function rankingCsvStream(
  db: DbExecutor,
  callIdOrCode: string,
  options: ExportOptions = {},
): Promise<{ code: string; stream: Readable }> {
  const { call, run, state } = await publicationHead(db, callIdOrCode);
  async function* text(): AsyncGenerator<string> {
    yield `\uFEFF${CSV_HEADER}\r\n`;
    for await (const ranking of publicationRankings(db, run.id, options.pageRows ?? PAGE_ROWS)) {
      const prefix = `${[ranking.owner, ranking.comune, state].map(csvCell).join(';')};`;
      for await (const rows of ranking.pages()) {
        let out = '';
        for (const e of rows) {
          out += `${prefix}${[
            String(e.position),
            e.applicationId,
            CSV_SCORE.format(e.isbar),
            e.indigent ? 'S' : 'N',
            e.unitIds[0] ?? '',
            e.unitIds[1] ?? '',
          ]
            .map(csvCell)
            .join(';')}\r\n`;
        }
        yield out;
      }
    }
  }
  return { code: call.code, stream: Readable.from(text(), { objectMode: false }) };
}

/** The whole CSV as text (small rankings, tests): the same bytes as the stream. */
export async function rankingCsv(db: DbExecutor, callIdOrCode: string): Promise<{ code: string; text: string }> {
  const { code, stream } = await rankingCsvStream(db, callIdOrCode);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { code, text: Buffer.concat(chunks).toString('utf8') };
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

/** The publication as a PDF/A-3b stream: one table per owner and Comune, without names (rules.md §2.5). */
export async function rankingPdfStream(
  db: DbExecutor,
  callIdOrCode: string,
  options: ExportOptions = {},
): Promise<{ code: string; stream: Readable }> {
  const { call, run, state } = await publicationHead(db, callIdOrCode);
  const ambito = await db.selectFrom('ambiti').select('name').where('id', '=', call.ambito_id).executeTakeFirst();
  const label = state === 'final' ? 'definitiva' : state === 'provisional' ? 'provvisoria' : 'in bozza';
  async function* tables(): AsyncGenerator<PdfStreamedTable> {
    for await (const ranking of publicationRankings(db, run.id, options.pageRows ?? PAGE_ROWS)) {
      yield {
        title: `${ranking.owner} – ${ranking.comune}`,
        batches: (async function* () {
          for await (const rows of ranking.pages()) {
            yield rows.map((e) => [
              String(e.position),
              e.applicationId,
              PDF_SCORE.format(e.isbar),
              e.indigent ? 'Sì' : 'No',
              e.unitIds.join(', '),
            ]);
          }
        })(),
      };
    }
  }
  const stream = streamTablePdf({
    title: `Graduatoria ${call.code}`,
    header: `Agenzia per la Casa — ${ambito?.name ?? 'Ambito'}`,
    heading: `Graduatoria ${label} — ${call.name} (${call.code})`,
    intro:
      'Pubblicazione per identificativo della domanda, senza dati personali. Ordine per punteggio ISBAR decrescente; parità risolte secondo l’avviso (R.R. Lombardia 4/2017 art. 12).',
    columns: [
      { title: 'Posizione', share: 11 },
      { title: 'ID domanda', share: 27 },
      { title: 'ISBAR', share: 12 },
      { title: 'Indigente', share: 12 },
      { title: 'Alloggi scelti', share: 38 },
    ],
    tables: tables(),
  });
  return { code: call.code, stream };
}

/** The whole PDF in memory (small rankings, tests): the same bytes as the stream. */
export async function rankingPdf(db: DbExecutor, callIdOrCode: string): Promise<{ code: string; pdf: Buffer }> {
  const { code, stream } = await rankingPdfStream(db, callIdOrCode);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { code, pdf: Buffer.concat(chunks) };
}

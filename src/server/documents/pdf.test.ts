import { describe, expect, it } from 'vitest';
import { streamTablePdf, type PdfStreamedTable } from './pdf.js';

const columns = [
  { title: 'Posizione', share: 11 },
  { title: 'ID domanda', share: 27 },
  { title: 'ISBAR', share: 12 },
  { title: 'Indigente', share: 12 },
  { title: 'Alloggi scelti', share: 38 },
];

/** Two tables of `rows` rows each, in batches of 50; counts the batches handed out. */
function source(rows: number, handedOut: { batches: number }) {
  async function* batches(table: number): AsyncGenerator<string[][]> {
    for (let start = 0; start < rows; start += 50) {
      handedOut.batches++;
      yield Array.from({ length: Math.min(50, rows - start) }, (_, i) => {
        const n = start + i + 1;
        // One very long cell, which has to wrap over several lines.
        const units =
          n === 7 ? Array.from({ length: 12 }, (_, u) => `U-${table}-${u}`).join(', ') : `U-${n}, U-${n + 1}`;
        return [String(n), `D-${table}-${String(n).padStart(6, '0')}`, '12,50', n % 3 === 0 ? 'Sì' : 'No', units];
      });
    }
  }
  async function* tables(): AsyncGenerator<PdfStreamedTable> {
    for (const table of [1, 2]) yield { title: `Ente ${table} – Comune àèìòù`, batches: batches(table) };
  }
  return tables();
}

describe('PDF tables written as a stream (pdfkit, PDF/A-3b, tagged, Titillium embedded)', () => {
  it('writes pages while the rows are still being read, and numbers every page "n di N"', async () => {
    const handedOut = { batches: 0 };
    const stream = streamTablePdf({
      title: 'Graduatoria di prova',
      header: 'Agenzia per la Casa — Ambito di prova',
      heading: 'Graduatoria in bozza — Avviso di prova',
      intro: 'Pubblicazione per identificativo della domanda, senza dati personali.',
      columns,
      tables: source(600, handedOut),
    });
    const chunks: Buffer[] = [];
    let batchesAtFirstChunk = -1;
    for await (const chunk of stream) {
      if (batchesAtFirstChunk < 0) batchesAtFirstChunk = handedOut.batches;
      chunks.push(chunk as Buffer);
    }
    // 2 tables × 600 rows in batches of 50: output began before most rows were read.
    expect(handedOut.batches).toBe(24);
    expect(batchesAtFirstChunk).toBeLessThan(3);
    expect(chunks.length).toBeGreaterThan(10);

    const pdf = Buffer.concat(chunks);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toContain('pdfaid:part>3<');
    expect(text).toContain('pdfaid:conformance>B<');
    expect(text).toContain('/StructTreeRoot');
    expect(text).toContain('/Marked true');
    expect(text).toContain('Titillium');
    // No standard (unembedded) font: PDF/A embeds every font.
    expect(text).not.toContain('/Helvetica');
    const pages = text.match(/\/Type \/Page\n/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(20);
    expect(text).toContain(`/Count ${pages}\n`);
    // One footer form per page, filled in at the end with the total.
    expect(text.match(/\/Subtype \/Form\n/g)?.length).toBe(pages);
  });

  it('gives the same bytes for the same rows, apart from the creation date and file id', async () => {
    const render = async () => {
      const chunks: Buffer[] = [];
      const stream = streamTablePdf({ title: 'T', heading: 'H', columns, tables: source(80, { batches: 0 }) });
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks)
        .toString('latin1')
        .replace(/\/CreationDate \(D:[^)]*\)/g, '')
        .replace(/<[0-9a-f]{32}>/g, '')
        .replace(/<xmp:CreateDate>[^<]*</g, '')
        .replace(/\/Length \d+|stream\n[\s\S]*?\nendstream/g, '');
    };
    expect(await render()).toBe(await render());
  });
});

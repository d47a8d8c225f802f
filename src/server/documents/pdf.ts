// PDF documents (letters, rankings) with pdfmake: Titillium Web embedded (self-hosted, OFL),
// PDF/A-3b and tagged for archiving and accessibility, no access to URLs or files from templates.
// Long tables (a ranking of 100,000 applications) are written as a stream with pdfkit, on which
// pdfmake is built: same fonts, PDF/A-3b, tagged; pages leave memory as soon as they are full.
import { Readable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument, { type PdfKitFont } from 'pdfkit';
import pdfmake from 'pdfmake';

const FONTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../assets/fonts');
const font = (name: string) => path.join(FONTS_DIR, `titillium-web-v10-latin-ext_latin-${name}.ttf`);
const FONT_FILES = new Set(['regular', '700', 'italic', '700italic'].map(font));

let configured = false;
function configure(): void {
  if (configured) return;
  pdfmake.setFonts({
    Titillium: { normal: font('regular'), bold: font('700'), italics: font('italic'), bolditalics: font('700italic') },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => FONT_FILES.has(path.resolve(p)));
  configured = true;
}

export type PdfContent = Record<string, unknown>;

export interface PdfDocument {
  readonly title: string;
  readonly subject?: string;
  readonly content: readonly unknown[];
  readonly header?: string;
  readonly pageOrientation?: 'portrait' | 'landscape';
}

export function renderPdf(doc: PdfDocument): Promise<Buffer> {
  configure();
  const definition: PdfContent = {
    info: { title: doc.title, subject: doc.subject ?? doc.title, author: 'Abitare', creator: 'Abitare' },
    version: '1.7',
    subset: 'PDF/A-3b',
    tagged: true,
    displayTitle: true,
    language: 'it-IT',
    pageSize: 'A4',
    pageOrientation: doc.pageOrientation ?? 'portrait',
    pageMargins: [40, 60, 40, 50],
    defaultStyle: { font: 'Titillium', fontSize: 9 },
    styles: {
      h1: { fontSize: 15, bold: true, margin: [0, 0, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      small: { fontSize: 8, color: '#444444' },
      th: { bold: true, fillColor: '#e8eef5' },
    },
    header: doc.header ? { text: doc.header, margin: [40, 24, 40, 0], style: 'small' } : undefined,
    footer: (page: number, pages: number) => ({
      text: `Pagina ${page} di ${pages}`,
      alignment: 'right',
      margin: [40, 10, 40, 0],
      style: 'small',
    }),
    content: doc.content,
  };
  return pdfmake.createPdf(definition).getBuffer();
}

// ---- Streamed tables --------------------------------------------------------------------------

export interface PdfTableColumn {
  readonly title: string;
  /** Share of the text width (the shares are scaled to fill it). */
  readonly share: number;
}

/** One titled table whose rows arrive in batches (pages read from the database). */
export interface PdfStreamedTable {
  readonly title: string;
  readonly batches: AsyncIterable<readonly (readonly string[])[]>;
}

export interface PdfTableDocument {
  readonly title: string;
  readonly subject?: string;
  readonly header?: string;
  readonly heading: string;
  readonly intro?: string;
  readonly columns: readonly PdfTableColumn[];
  readonly tables: AsyncIterable<PdfStreamedTable>;
}

// The look of renderPdf's documents: A4, margins 40/60/40/50, Titillium 9 pt, headings 15 and 12 pt
// bold, small text 8 pt grey, header cells bold on #e8eef5, light horizontal rules.
const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 60, bottom: 50, left: 40, right: 40 } as const;
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY_SIZE = 9;
const SMALL_SIZE = 8;
const CELL_PADDING = { top: 2, bottom: 2, side: 8 } as const;
const GREY = '#444444';

const pdfNumber = (n: number) => (Math.round(n * 100) / 100).toString();
const rgb = (hex: string) => [1, 3, 5].map((i) => pdfNumber(parseInt(hex.slice(i, i + 2), 16) / 255)).join(' ');

/**
 * Text of one font as glyph ids, without layout features (the cells hold ids and numbers): each
 * character is encoded once through the font, which also adds its glyph to the embedded subset
 * and to the text-extraction map; a cell is then concatenated, not shaped again.
 */
class GlyphRun {
  private readonly chars = new Map<string, { readonly hex: string; readonly advance: number }>();
  constructor(readonly font: PdfKitFont) {}

  private char(ch: string) {
    let glyph = this.chars.get(ch);
    if (!glyph) {
      const [ids, positions] = this.font.encode(ch);
      glyph = { hex: ids.join(''), advance: positions.reduce((sum, p) => sum + p.advanceWidth, 0) };
      this.chars.set(ch, glyph);
    }
    return glyph;
  }

  /** Width in points at `size`. */
  width(text: string, size: number): number {
    let advance = 0;
    for (const ch of text) advance += this.char(ch).advance;
    return (advance * size) / 1000;
  }

  hex(text: string): string {
    let out = '';
    for (const ch of text) out += this.char(ch).hex;
    return out;
  }

  /** Lines of at most `width` points: breaks after spaces, or inside a word longer than a line. */
  lines(text: string, size: number, width: number): string[] {
    if (this.width(text, size) <= width) return [text];
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/(?<= )/)) {
      if (this.width(line + word, size) <= width) {
        line += word;
        continue;
      }
      if (line) lines.push(line.trimEnd());
      line = '';
      for (const ch of word) {
        if (line && this.width(line + ch, size) > width) {
          lines.push(line);
          line = '';
        }
        line += ch;
      }
    }
    if (line.trimEnd()) lines.push(line.trimEnd());
    return lines;
  }
}

/**
 * A PDF/A-3b, tagged document of titled tables, written while its rows are read: each batch of
 * rows becomes page content at once, full pages are written out, and the stream is pulled by its
 * reader (an HTTP response, a file), so memory does not grow with the number of rows. Table rows
 * are written as content-stream operators (pdfkit's text layout costs about a millisecond a row);
 * headings and page furniture go through pdfkit's text API. "Pagina n di N" is a form XObject per
 * page, filled in at the end when N is known.
 */
export function streamTablePdf(doc: PdfTableDocument): Readable {
  return Readable.from(writeTablePdf(doc), { objectMode: false });
}

async function* writeTablePdf(spec: PdfTableDocument): AsyncGenerator<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    tagged: true,
    displayTitle: true,
    lang: 'it-IT',
    font: null,
    autoFirstPage: false,
    info: {
      Title: spec.title,
      Subject: spec.subject ?? spec.title,
      Author: 'Abitare',
      Creator: 'Abitare',
      Producer: 'Abitare',
    },
  });
  // pdfkit pushes its output into its own readable buffer; it is pulled from there after each batch
  // of rows, synchronously, so what is written never waits on event timing.
  const ended = new Promise<void>((resolve, reject) => {
    pdf.once('end', resolve);
    pdf.once('error', reject);
  });
  /** What pdfkit has written since the last call (the stream's next chunk). */
  function* take(): Generator<Buffer> {
    const chunk = pdf.read() as Buffer | null;
    if (chunk && chunk.length > 0) yield chunk;
  }

  pdf.registerFont('Titillium', font('regular'));
  pdf.registerFont('Titillium-Bold', font('700'));
  pdf.font('Titillium-Bold');
  const bold = new GlyphRun(pdf._font);
  pdf.font('Titillium');
  const regular = new GlyphRun(pdf._font);
  // As pdfmake measures a line: ascender to descender, without the line gap.
  const lineHeight = (regular.font.ascender - regular.font.descender) / 1000;
  const ascent = (f: PdfKitFont, size: number) => (f.ascender * size) / 1000;

  const totalShare = spec.columns.reduce((sum, c) => sum + c.share, 0);
  const widths = spec.columns.map((c) => (c.share / totalShare) * TEXT_WIDTH);
  const lefts = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  // Horizontal padding as pdfmake's light table layout: none outside the first and last column.
  const inner = (i: number) => ({
    left: i === 0 ? 0 : CELL_PADDING.side,
    right: i === widths.length - 1 ? 0 : CELL_PADDING.side,
  });
  const bottom = PAGE.height - MARGIN.bottom;
  const footers: { form: ReturnType<PDFDocument['ref']>; page: number }[] = [];

  const newPage = () => {
    pdf.addPage({ size: 'A4', margins: MARGIN });
    const page = footers.length + 1;
    pdf.page.fonts[regular.font.id] = regular.font.ref();
    pdf.page.fonts[bold.font.id] = bold.font.ref();
    // Page furniture is an artifact for assistive technology (not part of the reading order).
    if (spec.header) {
      const baseline = 24 + ascent(regular.font, SMALL_SIZE);
      pdf.markContent('Artifact', { type: 'Pagination' });
      pdf.addContent(
        `q ${rgb(GREY)} rg BT /${regular.font.id} ${SMALL_SIZE} Tf 1 0 0 -1 ${pdfNumber(MARGIN.left)} ${pdfNumber(baseline)} Tm <${regular.hex(spec.header)}> Tj ET Q`,
      );
      pdf.endMarkedContent();
    }
    const form = pdf.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, -20, TEXT_WIDTH, 20],
      Resources: { Font: { [regular.font.id]: regular.font.ref() } },
    });
    const name = `Fp${page}`;
    pdf.page.xobjects[name] = form;
    const baseline = PAGE.height - MARGIN.bottom + 10 + ascent(regular.font, SMALL_SIZE);
    pdf.markContent('Artifact', { type: 'Pagination' });
    // The form is drawn in PDF space (y upwards), its origin at the left end of the footer's baseline.
    pdf.addContent(
      `q 1 0 0 -1 0 ${pdfNumber(PAGE.height)} cm 1 0 0 1 ${pdfNumber(MARGIN.left)} ${pdfNumber(PAGE.height - baseline)} cm /${name} Do Q`,
    );
    pdf.endMarkedContent();
    footers.push({ form, page });
    pdf.x = MARGIN.left;
    pdf.y = MARGIN.top;
  };

  /** Text through pdfkit (wrapped paragraphs and headings), starting a page when it does not fit. */
  const paragraph = (text: string, size: number, fontName: string, color: string, before: number, after: number) => {
    pdf.font(fontName).fontSize(size);
    const height = pdf.heightOfString(text, { width: TEXT_WIDTH });
    if (pdf.y + before + height > bottom) newPage();
    else pdf.y += before;
    pdf.fillColor(color).text(text, MARGIN.left, pdf.y, { width: TEXT_WIDTH });
    pdf.y += after;
  };

  // Rows are collected as operators per page and written to the page once per batch.
  let ops: string[] = [];
  const flushOps = () => {
    if (ops.length === 0) return;
    pdf.addContent(`q 1 0 0 -1 0 ${pdfNumber(PAGE.height)} cm ${ops.join(' ')} Q`);
    ops = [];
  };
  const rule = (y: number, width: number, color: string) => {
    const py = pdfNumber(PAGE.height - y);
    ops.push(
      `${rgb(color)} RG ${pdfNumber(width)} w ${pdfNumber(MARGIN.left)} ${py} m ${pdfNumber(MARGIN.left + TEXT_WIDTH)} ${py} l S`,
    );
  };
  const rowLines = (cells: readonly string[], run: GlyphRun) =>
    cells.map((cell, i) => {
      const pad = inner(i);
      return run.lines(cell, BODY_SIZE, (widths[i] ?? 0) - pad.left - pad.right);
    });
  const drawRow = (lines: string[][], run: GlyphRun, fill: string | null) => {
    const count = Math.max(1, ...lines.map((l) => l.length));
    const height = count * lineHeight * BODY_SIZE + CELL_PADDING.top + CELL_PADDING.bottom;
    const top = pdf.y;
    if (fill) {
      ops.push(
        `${rgb(fill)} rg ${pdfNumber(MARGIN.left)} ${pdfNumber(PAGE.height - top - height)} ${pdfNumber(TEXT_WIDTH)} ${pdfNumber(height)} re f`,
      );
    }
    const text: string[] = [`BT 0 0 0 rg /${run.font.id} ${BODY_SIZE} Tf`];
    lines.forEach((cellLines, i) => {
      cellLines.forEach((line, l) => {
        const baseline = top + CELL_PADDING.top + l * lineHeight * BODY_SIZE + ascent(run.font, BODY_SIZE);
        const x = (lefts[i] ?? 0) + inner(i).left;
        text.push(`1 0 0 1 ${pdfNumber(x)} ${pdfNumber(PAGE.height - baseline)} Tm <${run.hex(line)}> Tj`);
      });
    });
    text.push('ET');
    ops.push(text.join(' '));
    pdf.y = top + height;
    return height;
  };
  const headerLines = rowLines(
    spec.columns.map((c) => c.title),
    bold,
  );
  const tableHeader = () => {
    drawRow(headerLines, bold, '#e8eef5');
    rule(pdf.y, 1, '#000000');
  };
  const rowHeight = (lines: string[][]) =>
    Math.max(1, ...lines.map((l) => l.length)) * lineHeight * BODY_SIZE + CELL_PADDING.top + CELL_PADDING.bottom;

  newPage();
  paragraph(spec.heading, 15, 'Titillium-Bold', '#000000', 0, 6);
  if (spec.intro) paragraph(spec.intro, SMALL_SIZE, 'Titillium', GREY, 0, 0);
  yield* take();

  for await (const table of spec.tables) {
    // A title is never left alone at the bottom of a page: it needs its header and one row below.
    pdf.font('Titillium-Bold').fontSize(12);
    const titleHeight = pdf.heightOfString(table.title, { width: TEXT_WIDTH });
    if (pdf.y + 10 + titleHeight + 4 + 2 * rowHeight(headerLines) > bottom) newPage();
    paragraph(table.title, 12, 'Titillium-Bold', '#000000', 10, 4);
    tableHeader();
    for await (const batch of table.batches) {
      for (const row of batch) {
        const lines = rowLines(row, regular);
        if (pdf.y + rowHeight(lines) > bottom) {
          flushOps();
          newPage();
          tableHeader();
        }
        drawRow(lines, regular, null);
        rule(pdf.y, 0.5, '#aaaaaa');
      }
      flushOps();
      yield* take();
    }
  }
  flushOps();
  // Every page's footer, now that the number of pages is known.
  const total = footers.length;
  for (const { form, page } of footers) {
    const text = `Pagina ${page} di ${total}`;
    const x = TEXT_WIDTH - regular.width(text, SMALL_SIZE);
    form.end(
      `${rgb(GREY)} rg BT /${regular.font.id} ${SMALL_SIZE} Tf 1 0 0 1 ${pdfNumber(x)} 0 Tm <${regular.hex(text)}> Tj ET`,
    );
    // Each compressed stream holds a zlib output block until it is passed on: pass them on often.
    if (page % 100 === 0) yield* take();
  }
  pdf.end();
  yield* take();
  await ended;
}

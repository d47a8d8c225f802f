// PDF documents (letters, rankings) with pdfmake: Titillium Web embedded (self-hosted, OFL),
// PDF/A-3b and tagged for archiving and accessibility, no access to URLs or files from templates.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

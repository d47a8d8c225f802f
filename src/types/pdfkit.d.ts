// The parts of pdfkit 0.19 (installed with pdfmake, which is built on it) that Abitare uses for
// documents written as a stream; the package ships no types. The members marked "internal" are not
// in pdfkit's documentation: src/server/documents/pdf.ts uses them to write large tables directly
// as content-stream operators, and its tests check the output.
declare module 'pdfkit' {
  import { Readable } from 'node:stream';

  export interface PdfKitOptions {
    size?: string | [number, number];
    margins?: { top: number; bottom: number; left: number; right: number };
    pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
    subset?: 'PDF/A-1b' | 'PDF/A-2b' | 'PDF/A-3b' | 'PDF/A-1a' | 'PDF/A-2a' | 'PDF/A-3a';
    tagged?: boolean;
    displayTitle?: boolean;
    lang?: string;
    info?: Record<string, string | Date>;
    /** `null`: no default font (Helvetica is not embedded, which PDF/A forbids). */
    font?: string | null;
    autoFirstPage?: boolean;
    bufferPages?: boolean;
    compress?: boolean;
    fontLayoutCache?: boolean;
  }

  export interface PdfKitTextOptions {
    width?: number;
    align?: 'left' | 'right' | 'center' | 'justify';
    lineBreak?: boolean;
    lineGap?: number;
  }

  /** Internal: a PDF object of the document. */
  export interface PdfKitReference {
    readonly data: Record<string, unknown>;
    write(chunk: string | Uint8Array): void;
    end(chunk?: string | Uint8Array): void;
  }

  /** Internal: an embedded font of the document. */
  export interface PdfKitFont {
    /** Its resource name on pages ("F1"). */
    readonly id: string;
    readonly ascender: number;
    readonly descender: number;
    readonly lineGap: number;
    ref(): PdfKitReference;
    /** The glyph ids (4 hex digits each) of the text, included in the embedded subset, and their advances. */
    encode(text: string): [string[], { advanceWidth: number }[]];
  }

  export interface PdfKitPage {
    readonly width: number;
    readonly height: number;
    /** Internal: the page's resource dictionaries. */
    readonly fonts: Record<string, PdfKitReference>;
    readonly xobjects: Record<string, PdfKitReference>;
  }

  class PDFDocument extends Readable {
    constructor(options?: PdfKitOptions);
    page: PdfKitPage;
    x: number;
    y: number;
    /** Internal: the current font. */
    readonly _font: PdfKitFont;
    registerFont(name: string, src: string): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    text(text: string, x?: number, y?: number, options?: PdfKitTextOptions): this;
    heightOfString(text: string, options?: PdfKitTextOptions): number;
    widthOfString(text: string): number;
    currentLineHeight(includeGap?: boolean): number;
    addPage(options?: PdfKitOptions): this;
    /** Appends raw content-stream operators to the current page. */
    addContent(data: string): this;
    markContent(tag: string, options?: Record<string, unknown>): this;
    endMarkedContent(): this;
    /** Internal: a new PDF object, written when ended. */
    ref(data?: Record<string, unknown>): PdfKitReference;
    end(): void;
  }
  export default PDFDocument;
}

// The parts of pdfmake 0.3 (server build) that Abitare uses; the package ships no types.
declare module 'pdfmake' {
  import type { Readable } from 'node:stream';

  interface OutputDocument {
    getStream(): Promise<Readable>;
    getBuffer(): Promise<Buffer>;
    write(filename: string): Promise<void>;
  }
  interface FontFiles {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, FontFiles>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    createPdf(docDefinition: Record<string, unknown>, options?: Record<string, unknown>): OutputDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}

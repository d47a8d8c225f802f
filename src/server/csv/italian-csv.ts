// CSV as Italian offices produce it: ';' separated, UTF-8 with or without BOM, a header row,
// decimal comma or point. Parsing only: each import validates the cells against its own rules.
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';

export interface CsvRow {
  /** Line number in the file (the header is line 1), for the validation report. */
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
  /** SHA-256 of the file's bytes: the same file imported twice is recognised. */
  readonly sha256: string;
}

export type CsvReadResult =
  | { readonly ok: true; readonly table: CsvTable }
  | { readonly ok: false; readonly message: string; readonly line?: number };

/** Reads the file and checks that the header has exactly the expected columns (order free). */
export function readItalianCsv(bytes: Buffer, expectedColumns: readonly string[]): CsvReadResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'Il file non è in codifica UTF-8.' };
  }
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: ';',
      bom: true,
      relax_column_count: false,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return {
      ok: false,
      message: `Il file non è un CSV valido (separatore ';'): ${(err as Error).message}`,
      ...(line ? { line } : {}),
    };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, message: 'Il file è vuoto: manca la riga di intestazione.' };
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = expectedColumns.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !expectedColumns.includes(n));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [];
    if (missing.length > 0) parts.push(`colonne mancanti: ${missing.join(', ')}`);
    if (unknown.length > 0) parts.push(`colonne sconosciute: ${unknown.join(', ')}`);
    return { ok: false, message: `Intestazione non valida (${parts.join('; ')}).`, line: 1 };
  }
  const rows = body.map((record, i) => {
    const cells: Record<string, string> = {};
    names.forEach((name, j) => {
      cells[name] = record[j] ?? '';
    });
    return { line: i + 2, cells };
  });
  return { ok: true, table: { header: names, rows, sha256 } };
}

/** '1.234,56', '1234,56', '1234.56', '1234' → 1234.56; anything else → null. */
export function parseItalianDecimal(value: string): number | null {
  const v = value.replace(/\s/g, '').replace(/^€/, '');
  if (v === '') return null;
  let normalised: string;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(v)) normalised = v.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+,\d+$/.test(v)) normalised = v.replace(',', '.');
  else if (/^-?\d+(\.\d+)?$/.test(v)) normalised = v;
  else return null;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

/** 'S'/'N' (also 'SI'/'NO', case-insensitive) → boolean; anything else → null. */
export function parseYesNo(value: string): boolean | null {
  const v = value.trim().toUpperCase();
  if (v === 'S' || v === 'SI' || v === 'SÌ') return true;
  if (v === 'N' || v === 'NO') return false;
  return null;
}

/** One problem in one row of an imported file, for the validation report. */
export interface RowProblem {
  readonly line: number;
  readonly column: string | null;
  readonly value: string | null;
  readonly message: string;
}

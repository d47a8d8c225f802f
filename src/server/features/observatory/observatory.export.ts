// Exports of the observatory: CSV (RFC 4180, UTF-8 with BOM for spreadsheet programs) and XLSX
// written as a stream (exceljs WorkbookWriter): rows leave memory as soon as they are committed.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DatasetColumn } from '../../../shared/observatory.js';

type Cell = string | number | null;

function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Euro columns hold cents: exported as euros with two decimals. */
function exportValue(column: DatasetColumn, v: Cell): Cell {
  if (v === null) return null;
  return column.kind === 'euro' && typeof v === 'number' ? Math.round(v) / 100 : v;
}

export function toCsv(columns: readonly DatasetColumn[], rows: readonly Record<string, Cell>[]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(exportValue(c, r[c.key] ?? null))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export interface XlsxSheet {
  readonly name: string;
  readonly columns: readonly DatasetColumn[];
  /** Rows in batches, so that a large sheet never sits whole in memory. */
  readonly batches: AsyncIterable<readonly Record<string, Cell>[]> | Iterable<readonly Record<string, Cell>[]>;
}

export function xlsxStream(sheets: readonly XlsxSheet[], meta: { readonly title: string }): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Abitare';
  workbook.title = meta.title;
  void (async () => {
    try {
      for (const sheet of sheets) {
        const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
        ws.columns = sheet.columns.map((c) => ({
          header: c.label,
          key: c.key,
          width: Math.max(12, Math.min(50, c.label.length + 4)),
          ...(c.kind === 'euro' ? { style: { numFmt: '#,##0.00 "€"' } } : {}),
        }));
        ws.getRow(1).font = { bold: true };
        ws.getRow(1).commit();
        for await (const batch of sheet.batches) {
          for (const r of batch) {
            ws.addRow(Object.fromEntries(sheet.columns.map((c) => [c.key, exportValue(c, r[c.key] ?? null)]))).commit();
          }
        }
        ws.commit();
      }
      await workbook.commit();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return out;
}

import { describe, expect, it } from 'vitest';
import { parseItalianDecimal, parseYesNo, readItalianCsv } from './italian-csv.js';

describe('Italian CSV reading', () => {
  it('reads ; separated files with or without BOM, with line numbers and a stable hash', () => {
    const text = 'id_alloggio;superficie_mq\nA1;45,5\n\nA2;"60"\n';
    const plain = readItalianCsv(Buffer.from(text), ['id_alloggio', 'superficie_mq']);
    const bom = readItalianCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), [
      'id_alloggio',
      'superficie_mq',
    ]);
    expect(plain.ok && bom.ok).toBe(true);
    if (!plain.ok || !bom.ok) return;
    expect(plain.table.rows).toEqual([
      { line: 2, cells: { id_alloggio: 'A1', superficie_mq: '45,5' } },
      { line: 3, cells: { id_alloggio: 'A2', superficie_mq: '60' } },
    ]);
    expect(bom.table.rows).toEqual(plain.table.rows);
    expect(plain.table.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a wrong header, naming missing and unknown columns', () => {
    const r = readItalianCsv(Buffer.from('id;altro\n1;2\n'), ['id', 'superficie_mq']);
    expect(r).toEqual({
      ok: false,
      line: 1,
      message: 'Intestazione non valida (colonne mancanti: superficie_mq; colonne sconosciute: altro).',
    });
  });

  it('refuses files that are not UTF-8, empty, or have rows of the wrong width', () => {
    expect(readItalianCsv(Buffer.from([0x69, 0x64, 0x0a, 0xe0, 0x0a]), ['id']).ok).toBe(false);
    expect(readItalianCsv(Buffer.from(''), ['id'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('vuoto'),
    });
    expect(readItalianCsv(Buffer.from('a;b\n1;2;3\n'), ['a', 'b']).ok).toBe(false);
  });

  it('parses decimals with comma or point and thousands separators', () => {
    expect(parseItalianDecimal('1.234,56')).toBe(1234.56);
    expect(parseItalianDecimal('1234,5')).toBe(1234.5);
    expect(parseItalianDecimal('1234.5')).toBe(1234.5);
    expect(parseItalianDecimal('€ 12.000')).toBe(12000);
    expect(parseItalianDecimal('12,3,4')).toBeNull();
    expect(parseItalianDecimal('')).toBeNull();
    expect(parseItalianDecimal('abc')).toBeNull();
  });

  it('parses S/N flags', () => {
    expect(parseYesNo('S')).toBe(true);
    expect(parseYesNo('n')).toBe(false);
    expect(parseYesNo('forse')).toBeNull();
  });
});

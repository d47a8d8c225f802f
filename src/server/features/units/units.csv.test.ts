import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../../csv/italian-csv.js';
import { parseUnitRows, splitAddress } from './units.csv.js';

const KNOWN = {
  owners: [
    { id: 'o-cin', name: 'Comune di Cinisello Balsamo', kind: 'comune' as const, comuneId: 'c-cin' },
    { id: 'o-aler', name: 'ALER Milano', kind: 'aler' as const, comuneId: null },
  ],
  comuni: [
    { id: 'c-cin', name: 'Cinisello Balsamo' },
    { id: 'c-bre', name: 'Bresso' },
  ],
};

function row(line: number, cells: Partial<Record<string, string>>): CsvRow {
  return {
    line,
    cells: {
      id_alloggio: 'AVV-1',
      ente_proprietario: 'ALER Milano',
      comune: 'Bresso',
      indirizzo: 'Via Roma 1',
      superficie_mq: '45,5',
      vani: '2',
      piano: '1',
      ascensore: 'S',
      accessibile: 'N',
      stato: 'disponibile',
      riserva: '',
      ...cells,
    } as Record<string, string>,
  };
}

describe('units file rows', () => {
  it('reads a valid row: names matched case-insensitively, area in dm², ground floor as T', () => {
    const { candidates, problems } = parseUnitRows(
      [
        row(2, {
          ente_proprietario: ' aler MILANO ',
          comune: 'bresso',
          piano: 'T',
          stato: 'LAVORI',
          riserva: 'Anziani',
        }),
      ],
      KNOWN,
    );
    expect(problems).toEqual([]);
    expect(candidates[0]).toMatchObject({
      ownerId: 'o-aler',
      comuneId: 'c-bre',
      floorAreaDm2: 4550,
      floor: 0,
      state: 'works_needed',
      reserveCategory: 'anziani',
      addressStreet: 'Via Roma',
      addressNumber: '1',
    });
  });

  it('reports every problem of every row, with line, column and value', () => {
    const { candidates, problems } = parseUnitRows(
      [
        row(2, { ente_proprietario: 'ALER Roma', superficie_mq: 'abc' }),
        row(3, { id_alloggio: 'AVV-2', ente_proprietario: 'Comune di Cinisello Balsamo', comune: 'Bresso' }),
        row(4, { id_alloggio: 'AVV-3', superficie_mq: '1000', vani: '2,5', piano: 'primo', ascensore: 'forse' }),
        row(5, { id_alloggio: 'AVV-1', stato: 'occupato', riserva: 'due parole', superficie_mq: '0' }),
      ],
      KNOWN,
    );
    expect(candidates).toEqual([]);
    expect(problems.map((p) => `${p.line}:${p.column}:${p.code}`)).toEqual([
      '2:ente_proprietario:owner_unknown',
      '2:superficie_mq:area_not_number',
      '3:comune:comune_not_owner',
      '4:superficie_mq:area_implausible',
      '4:vani:rooms_not_integer',
      '4:piano:floor_not_integer',
      '4:ascensore:yes_no_invalid',
      '5:id_alloggio:code_duplicate',
      '5:superficie_mq:area_implausible',
      '5:stato:state_unknown',
      '5:riserva:reserve_invalid',
    ]);
    expect(problems[1]).toMatchObject({ value: 'abc', message: expect.stringContaining('non è un numero') });
    expect(problems[7]?.message).toBe('Codice dell’alloggio ripetuto: compare già alla riga 2.');
  });

  it('splits the house number off the address when there is one', () => {
    expect(splitAddress('Via Frova, 12/a')).toEqual({ street: 'Via Frova', number: '12/A' });
    expect(splitAddress('Viale 4 Novembre 10')).toEqual({ street: 'Viale 4 Novembre', number: '10' });
    expect(splitAddress('Via XXV Aprile')).toEqual({ street: 'Via XXV Aprile', number: null });
    expect(splitAddress('Piazza  Gramsci')).toEqual({ street: 'Piazza Gramsci', number: null });
  });
});

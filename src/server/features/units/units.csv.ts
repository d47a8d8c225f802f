// The units file (docs/formats/units.md): every row is checked and every problem reported with its
// line, column, value and an Italian reason. Pure: owners and Comuni are given, nothing is read.
import { normalizeForSearch } from '../../../core/kernel/text.js';
import { UNIT_CSV_STATES, type ImportProblem } from '../../../shared/units.js';
import { parseItalianDecimal, parseYesNo, type CsvRow } from '../../csv/italian-csv.js';

export interface KnownOwner {
  readonly id: string;
  readonly name: string;
  readonly kind: 'comune' | 'aler' | 'other';
  readonly comuneId: string | null;
}

export interface KnownComune {
  readonly id: string;
  readonly name: string;
}

export type ImportedUnitState = (typeof UNIT_CSV_STATES)[keyof typeof UNIT_CSV_STATES];

/** A valid row, ready to be compared with the stock. */
export interface UnitCandidate {
  readonly line: number;
  readonly code: string;
  readonly ownerId: string;
  readonly comuneId: string;
  readonly addressStreet: string;
  readonly addressNumber: string | null;
  readonly floorAreaDm2: number;
  readonly rooms: number;
  readonly floor: number;
  readonly hasLift: boolean;
  readonly accessible: boolean;
  readonly state: ImportedUnitState;
  readonly reserveCategory: string | null;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
const RESERVE_CATEGORY = /^[a-z0-9_]{1,40}$/;
const INTEGER = /^[+-]?\d+$/;
/** 'T', 'PT' (piano terra) and 'R' (rialzato) are the ground floor, as offices often write it. */
const GROUND_FLOOR = new Set(['T', 'PT', 'R']);
const MAX_AREA_M2 = 1000;
const ROOMS = { min: 1, max: 20 };
const FLOORS = { min: -2, max: 50 };

/**
 * 'Via Frova 12' → street 'Via Frova', number '12'; 'Via Frova, 12/A' → '12/A'. An address without a
 * trailing house number ('Piazza Gramsci', 'Via XXV Aprile') is all street.
 */
export function splitAddress(address: string): { street: string; number: string | null } {
  const text = address.trim().replace(/\s+/g, ' ');
  const m = /^(.+?)[\s,]+(\d{1,4}(?:\s?\/\s?[A-Za-z0-9]{1,4}|[A-Za-z])?)$/.exec(text);
  if (!m?.[1] || !m[2] || !/[A-Za-zÀ-ÿ]/.test(m[1])) return { street: text, number: null };
  return { street: m[1], number: m[2].replace(/\s/g, '').toUpperCase() };
}

function list(names: readonly string[]): string {
  return names.map((n) => `«${n}»`).join(', ');
}

export function parseUnitRows(
  rows: readonly CsvRow[],
  known: { readonly owners: readonly KnownOwner[]; readonly comuni: readonly KnownComune[] },
): { candidates: UnitCandidate[]; problems: ImportProblem[] } {
  const ownersByName = new Map(known.owners.map((o) => [normalizeForSearch(o.name), o]));
  const comuniByName = new Map(known.comuni.map((c) => [normalizeForSearch(c.name), c]));
  const comuneName = new Map(known.comuni.map((c) => [c.id, c.name]));
  const firstLineOfCode = new Map<string, number>();
  const candidates: UnitCandidate[] = [];
  const problems: ImportProblem[] = [];

  for (const row of rows) {
    const before = problems.length;
    const cell = (column: string) => row.cells[column] ?? '';
    const problem = (column: string, code: string, message: string) =>
      problems.push({ line: row.line, column, value: cell(column), code, message });

    const code = cell('id_alloggio');
    if (code === '') problem('id_alloggio', 'code_missing', 'Codice dell’alloggio mancante.');
    else if (!CODE.test(code)) {
      problem(
        'id_alloggio',
        'code_invalid',
        'Codice dell’alloggio non valido: usare lettere, cifre e i segni - . / (al massimo 40 caratteri).',
      );
    } else {
      const first = firstLineOfCode.get(code);
      if (first !== undefined) {
        problem('id_alloggio', 'code_duplicate', `Codice dell’alloggio ripetuto: compare già alla riga ${first}.`);
      } else {
        firstLineOfCode.set(code, row.line);
      }
    }

    const owner = ownersByName.get(normalizeForSearch(cell('ente_proprietario')));
    if (cell('ente_proprietario') === '') problem('ente_proprietario', 'owner_missing', 'Ente proprietario mancante.');
    else if (!owner) {
      problem(
        'ente_proprietario',
        'owner_unknown',
        `Ente proprietario sconosciuto: gli enti configurati sono ${list(known.owners.map((o) => o.name))}.`,
      );
    }

    const comune = comuniByName.get(normalizeForSearch(cell('comune')));
    if (cell('comune') === '') problem('comune', 'comune_missing', 'Comune mancante.');
    else if (!comune) {
      problem(
        'comune',
        'comune_unknown',
        `Comune sconosciuto: i Comuni dell’Ambito sono ${list(known.comuni.map((c) => c.name))}.`,
      );
    } else if (owner?.kind === 'comune' && owner.comuneId !== null && owner.comuneId !== comune.id) {
      problem(
        'comune',
        'comune_not_owner',
        `Un alloggio del ${owner.name} deve trovarsi nel suo Comune (${comuneName.get(owner.comuneId) ?? owner.comuneId}), non a ${comune.name}.`,
      );
    }

    const address = cell('indirizzo');
    if (address === '') problem('indirizzo', 'address_missing', 'Indirizzo mancante.');
    else if (address.length > 200)
      problem('indirizzo', 'address_too_long', 'Indirizzo troppo lungo (al massimo 200 caratteri).');

    const areaText = cell('superficie_mq');
    const area = parseItalianDecimal(areaText);
    if (areaText === '') problem('superficie_mq', 'area_missing', 'Superficie mancante.');
    else if (area === null) {
      problem('superficie_mq', 'area_not_number', 'La superficie non è un numero: scrivere ad esempio 45,50.');
    } else if (!(area > 0 && area < MAX_AREA_M2) || Math.round(area * 100) === 0) {
      problem(
        'superficie_mq',
        'area_implausible',
        `Superficie non plausibile: deve essere maggiore di 0 e minore di ${MAX_AREA_M2} m².`,
      );
    }

    const roomsText = cell('vani');
    const rooms = INTEGER.test(roomsText) ? Number(roomsText) : null;
    if (rooms === null) problem('vani', 'rooms_not_integer', 'Il numero di vani deve essere un numero intero.');
    else if (rooms < ROOMS.min || rooms > ROOMS.max) {
      problem('vani', 'rooms_implausible', `Numero di vani non plausibile (da ${ROOMS.min} a ${ROOMS.max}).`);
    }

    const floorText = cell('piano').toUpperCase();
    const floor = GROUND_FLOOR.has(floorText) ? 0 : INTEGER.test(floorText) ? Number(floorText) : null;
    if (floor === null) {
      problem('piano', 'floor_not_integer', 'Il piano deve essere un numero intero (0 o T per il piano terra).');
    } else if (floor < FLOORS.min || floor > FLOORS.max) {
      problem('piano', 'floor_implausible', `Piano non plausibile (da ${FLOORS.min} a ${FLOORS.max}).`);
    }

    const hasLift = parseYesNo(cell('ascensore'));
    if (hasLift === null) problem('ascensore', 'yes_no_invalid', 'Valore non valido: usare S o N.');
    const accessible = parseYesNo(cell('accessibile'));
    if (accessible === null) problem('accessibile', 'yes_no_invalid', 'Valore non valido: usare S o N.');

    const stateText = cell('stato').toLowerCase();
    const state = Object.hasOwn(UNIT_CSV_STATES, stateText)
      ? UNIT_CSV_STATES[stateText as keyof typeof UNIT_CSV_STATES]
      : null;
    if (state === null) {
      problem('stato', 'state_unknown', 'Stato sconosciuto: usare disponibile, lavori o non_assegnabile.');
    }

    const reserveText = cell('riserva').toLowerCase();
    if (reserveText !== '' && !RESERVE_CATEGORY.test(reserveText)) {
      problem(
        'riserva',
        'reserve_invalid',
        'Codice della categoria di riserva non valido: lettere, cifre e _ senza spazi (al massimo 40 caratteri).',
      );
    }

    if (problems.length > before || !owner || !comune || area === null || rooms === null || floor === null) continue;
    if (hasLift === null || accessible === null || state === null) continue;
    const { street, number } = splitAddress(address);
    candidates.push({
      line: row.line,
      code,
      ownerId: owner.id,
      comuneId: comune.id,
      addressStreet: street,
      addressNumber: number,
      floorAreaDm2: Math.round(area * 100),
      rooms,
      floor,
      hasLift,
      accessible,
      state,
      reserveCategory: reserveText === '' ? null : reserveText,
    });
  }
  return { candidates, problems };
}

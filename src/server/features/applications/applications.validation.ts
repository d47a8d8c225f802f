// Reading and checking SAP applications, from a row of the platform's file or from the front desk.
// Pure functions: the lookups they need (the call, its units, the applications already imported)
// are passed in. Every problem names its line, column, value and an Italian reason.
import { validateFiscalCode, fiscalCodeMismatches } from '../../../core/kernel/fiscal-code.js';
import { ageOn, instantOfWallTime, isPlainDate, plainDateOf, type PlainDate } from '../../../core/kernel/plain-date.js';
import { normalizeForSearch } from '../../../core/kernel/text.js';
import { checkAdequacy, formatDm2, type AdequacyTable } from '../../../core/sap/adequacy.js';
import { formatDateIt } from '../../../core/sap/explained.js';
import type { QuotaParameters } from '../../../core/sap/quotas.js';
import { formatEuro, type Cents } from '../../../core/kernel/money.js';
import {
  MEMBER_RELATION_CODES,
  RESERVE_CATEGORY_PATTERN,
  type ApplicationColumn,
  type ApplicationEntry,
  type ApplicationMemberColumn,
  type RowProblemReport,
} from '../../../shared/applications.js';
import { fiscalCodeSchema, type RELATIONS } from '../../../shared/households.js';
import { parseItalianDecimal, parseYesNo, type CsvRow } from '../../csv/italian-csv.js';

export const TIME_ZONE = 'Europe/Rome';

export type Relation = (typeof RELATIONS)[number];

export interface DraftMember {
  readonly line: number;
  readonly fiscalCode: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly birthDate: PlainDate;
  readonly sex: 'F' | 'M';
  readonly relation: Relation;
  readonly invalidityPercent: number | null;
}

/** An application read and shaped, not yet checked against the call. */
export interface ApplicationDraft {
  /** Line in the file (0 for the front desk). */
  readonly line: number;
  readonly platformId: string;
  readonly protocol: string;
  /** UTC ISO instant. */
  readonly submittedAt: string;
  readonly fiscalCode: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly applicantBirthDate: PlainDate;
  readonly applicantSex: 'F' | 'M';
  readonly residenceComune: string;
  readonly workComune: string | null;
  readonly membersCount: number;
  readonly iseeCents: number;
  readonly isbarMilli: number;
  readonly indigent: boolean;
  readonly reserveCategories: readonly string[];
  readonly invalidityPercent: number | null;
  readonly choice1: string | null;
  readonly choice2: string | null;
  /** From the members file; null when it was not given. */
  members: DraftMember[] | null;
}

export type Problem = RowProblemReport;

type Column = ApplicationColumn | ApplicationMemberColumn;

function problem(
  file: Problem['file'],
  line: number,
  column: Column | null,
  value: string | null,
  message: string,
): Problem {
  return { file, line, column, value: value === '' ? null : value, message };
}

// --- instants -------------------------------------------------------------------------------

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO date-time as the platform writes it, to a UTC ISO string. Without an offset the time is
 * Italian time (the platform is Lombardy's); with Z or ±hh:mm it is taken as written.
 */
export function parseSubmissionTime(value: string): string | null {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const day = `${y}-${mo}-${d}`;
  if (!isPlainDate(day) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  const ms = Math.floor(Number(`0.${frac ?? '0'}`) * 1000);
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  let utc: number;
  if (zone === 'Z') utc = wall;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    utc = wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  } else utc = instantOfWallTime(wall, TIME_ZONE).getTime();
  return new Date(utc).toISOString();
}

// --- people ---------------------------------------------------------------------------------

/**
 * Birth date and sex from a valid fiscal code. The code holds two digits of the year: we take the
 * latest century that does not put the birth after `on`, and for the applicant (who applies for
 * the household, so is of age) one that makes them at least 18.
 */
export function birthFromFiscalCode(
  code: string,
  on: PlainDate,
  adult: boolean,
): { birthDate: PlainDate; sex: 'F' | 'M' } | null {
  const result = validateFiscalCode(code);
  if (!result.ok) return null;
  const { yearTwoDigits, month, day, sex } = result.decoded;
  const tail = `-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  for (const century of [2000, 1900]) {
    const candidate = `${century + yearTwoDigits}${tail}`;
    if (!isPlainDate(candidate)) return null;
    if (candidate > on) continue;
    if (adult && ageOn(candidate, on) < 18 && century === 2000) continue;
    return { birthDate: candidate, sex };
  }
  return null;
}

function checkFiscalCode(value: string): { ok: true; code: string } | { ok: false; message: string } {
  const parsed = fiscalCodeSchema.safeParse(value);
  if (parsed.success) return { ok: true, code: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'Codice fiscale non valido.' };
}

// --- the applications file ------------------------------------------------------------------

const THIRD_CHOICE =
  'Più di due alloggi scelti: al massimo due, uno in alloggio_1 e uno in alloggio_2 (R.R. 4/2017 art. 9 c.3).';
const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** A list separator inside a choice cell means a third (or further) choice. */
function choiceCell(value: string): { code: string | null; many: boolean } {
  const v = value.trim();
  if (v === '') return { code: null, many: false };
  if (/[,|+\s]/.test(v)) return { code: null, many: true };
  return { code: v, many: false };
}

function parseIsbarMilli(value: string): number | null | 'negative' | 'precision' {
  const v = value.replace(/\s/g, '');
  if (/^-\d+([.,]\d+)?$/.test(v)) return 'negative';
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(v);
  if (!m) return null;
  const decimals = m[2] ?? '';
  if (decimals.length > 3) return 'precision';
  const milli = Number(m[1]) * 1000 + Number(decimals.padEnd(3, '0'));
  return Number.isSafeInteger(milli) ? milli : null;
}

export interface ParsedRow {
  readonly draft: ApplicationDraft | null;
  readonly problems: Problem[];
}

/** One row of the applications file: every cell checked, every problem reported. */
export function parseApplicationRow(row: CsvRow, today: PlainDate): ParsedRow {
  const problems: Problem[] = [];
  const cell = (c: ApplicationColumn) => row.cells[c] ?? '';
  const fail = (c: ApplicationColumn, message: string) =>
    problems.push(problem('applications', row.line, c, cell(c), message));

  const platformId = cell('id_domanda');
  if (platformId === '') fail('id_domanda', 'Numero della domanda mancante.');
  else if (platformId.length > 64) fail('id_domanda', 'Numero della domanda troppo lungo (al massimo 64 caratteri).');
  const protocol = cell('protocollo');
  if (protocol === '') fail('protocollo', 'Protocollo mancante.');
  else if (protocol.length > 100) fail('protocollo', 'Protocollo troppo lungo (al massimo 100 caratteri).');

  const submittedAt = parseSubmissionTime(cell('data_presentazione'));
  if (submittedAt === null) {
    fail(
      'data_presentazione',
      cell('data_presentazione') === ''
        ? 'Data di presentazione mancante.'
        : 'Data e ora non valide: usare il formato ISO AAAA-MM-GGThh:mm:ss (ora italiana se senza fuso).',
    );
  }

  const cf = checkFiscalCode(cell('codice_fiscale'));
  if (!cf.ok) fail('codice_fiscale', cf.message);
  const on = submittedAt ? plainDateOf(new Date(submittedAt), TIME_ZONE) : today;
  const birth = cf.ok ? birthFromFiscalCode(cf.code, on, true) : null;
  if (cf.ok && !birth) fail('codice_fiscale', 'La data di nascita contenuta nel codice fiscale non esiste.');

  const lastName = cell('cognome');
  const firstName = cell('nome');
  if (lastName === '') fail('cognome', 'Cognome mancante.');
  else if (lastName.length > 100) fail('cognome', 'Cognome troppo lungo (al massimo 100 caratteri).');
  if (firstName === '') fail('nome', 'Nome mancante.');
  else if (firstName.length > 100) fail('nome', 'Nome troppo lungo (al massimo 100 caratteri).');
  const residence = cell('comune_residenza');
  if (residence === '') fail('comune_residenza', 'Comune di residenza mancante.');
  else if (residence.length > 100) fail('comune_residenza', 'Nome del Comune troppo lungo.');
  const work = cell('comune_lavoro');
  if (work.length > 100) fail('comune_lavoro', 'Nome del Comune troppo lungo.');

  const membersText = cell('componenti');
  const members = /^\d{1,2}$/.test(membersText) ? Number(membersText) : null;
  if (members === null || members < 1 || members > 20) {
    fail('componenti', 'Numero di componenti non valido: un numero intero tra 1 e 20.');
  }

  const iseeText = cell('isee');
  const isee = parseItalianDecimal(iseeText);
  let iseeCents: number | null = null;
  if (iseeText === '') fail('isee', 'ISEE mancante.');
  else if (isee === null)
    fail('isee', 'ISEE non valido: un importo in euro, con la virgola o il punto per i decimali.');
  else if (isee < 0) fail('isee', 'L’ISEE non può essere negativo.');
  else if (Math.abs(isee * 100 - Math.round(isee * 100)) > 1e-6) fail('isee', 'ISEE: al massimo 2 decimali.');
  else if (isee > 10_000_000) fail('isee', 'ISEE fuori scala.');
  else iseeCents = Math.round(isee * 100);

  const isbarText = cell('isbar');
  const isbar = isbarText === '' ? null : parseIsbarMilli(isbarText);
  let isbarMilli: number | null = null;
  if (isbarText === '') fail('isbar', 'ISBAR mancante.');
  else if (isbar === 'negative') fail('isbar', 'L’ISBAR non può essere negativo.');
  else if (isbar === 'precision') fail('isbar', 'ISBAR: al massimo 3 decimali.');
  else if (isbar === null || isbar > 100_000_000)
    fail('isbar', 'ISBAR non valido: un numero con la virgola o il punto per i decimali.');
  else isbarMilli = isbar;

  const indigent = parseYesNo(cell('indigente'));
  if (indigent === null) fail('indigente', 'Indigenza: scrivere S o N.');

  const categories: string[] = [];
  for (const raw of cell('categorie').split(',')) {
    const code = raw.trim().toLowerCase();
    if (code === '') continue;
    if (!RESERVE_CATEGORY_PATTERN.test(code)) {
      fail(
        'categorie',
        `Categoria di riserva non valida: «${raw.trim()}» (lettere, cifre e _ senza spazi, separate da virgole).`,
      );
    } else if (!categories.includes(code)) categories.push(code);
  }

  const invalidityText = cell('invalidita');
  let invalidity: number | null = null;
  if (invalidityText !== '') {
    if (/^\d{1,3}$/.test(invalidityText) && Number(invalidityText) <= 100) invalidity = Number(invalidityText);
    else fail('invalidita', 'Invalidità non valida: un numero intero tra 0 e 100, o vuoto.');
  }

  const first = choiceCell(cell('alloggio_1'));
  const second = choiceCell(cell('alloggio_2'));
  if (first.many) fail('alloggio_1', THIRD_CHOICE);
  if (second.many) fail('alloggio_2', THIRD_CHOICE);
  for (const [c, v] of [
    ['alloggio_1', first.code],
    ['alloggio_2', second.code],
  ] as const) {
    if (v !== null && !UNIT_CODE.test(v)) fail(c, 'Codice dell’alloggio non valido.');
  }
  if (first.code === null && !first.many && second.code !== null) {
    fail('alloggio_2', 'Il secondo alloggio è indicato senza il primo: usare prima alloggio_1.');
  }
  if (first.code !== null && first.code === second.code) {
    fail('alloggio_2', 'Lo stesso alloggio è indicato due volte.');
  }

  if (
    problems.length > 0 ||
    submittedAt === null ||
    !cf.ok ||
    !birth ||
    members === null ||
    iseeCents === null ||
    isbarMilli === null ||
    indigent === null
  ) {
    return { draft: null, problems };
  }
  return {
    draft: {
      line: row.line,
      platformId,
      protocol,
      submittedAt,
      fiscalCode: cf.code,
      lastName,
      firstName,
      applicantBirthDate: birth.birthDate,
      applicantSex: birth.sex,
      residenceComune: residence,
      workComune: work === '' ? null : work,
      membersCount: members,
      iseeCents,
      isbarMilli,
      indigent,
      reserveCategories: categories.sort(),
      invalidityPercent: invalidity,
      choice1: first.code,
      choice2: second.code,
      members: null,
    },
    problems,
  };
}

/** The front-desk entry, already parsed by the shared schema, in the same shape as a file row. */
export function draftFromEntry(entry: ApplicationEntry, today: PlainDate): ParsedRow {
  const problems: Problem[] = [];
  const submittedAt = parseSubmissionTime(entry.submittedAt);
  if (submittedAt === null) {
    problems.push(
      problem(
        'applications',
        0,
        'data_presentazione',
        entry.submittedAt,
        'Data e ora non valide: usare il formato AAAA-MM-GGThh:mm (ora italiana).',
      ),
    );
  }
  const on = submittedAt ? plainDateOf(new Date(submittedAt), TIME_ZONE) : today;
  const birth = birthFromFiscalCode(entry.fiscalCode, on, true);
  if (!birth) {
    problems.push(
      problem(
        'applications',
        0,
        'codice_fiscale',
        entry.fiscalCode,
        'La data di nascita contenuta nel codice fiscale non esiste.',
      ),
    );
  }
  const first = entry.choice1 === null ? { code: null, many: false } : choiceCell(entry.choice1);
  const second = entry.choice2 === null ? { code: null, many: false } : choiceCell(entry.choice2);
  if (first.many) problems.push(problem('applications', 0, 'alloggio_1', entry.choice1, THIRD_CHOICE));
  if (second.many) problems.push(problem('applications', 0, 'alloggio_2', entry.choice2, THIRD_CHOICE));
  if (first.code === null && second.code !== null) {
    problems.push(
      problem('applications', 0, 'alloggio_2', second.code, 'Il secondo alloggio è indicato senza il primo.'),
    );
  }
  if (first.code !== null && first.code === second.code) {
    problems.push(problem('applications', 0, 'alloggio_2', second.code, 'Lo stesso alloggio è indicato due volte.'));
  }
  if (problems.length > 0 || submittedAt === null || !birth) return { draft: null, problems };
  return {
    draft: {
      line: 0,
      platformId: entry.platformId,
      protocol: entry.protocol,
      submittedAt,
      fiscalCode: entry.fiscalCode,
      lastName: entry.lastName,
      firstName: entry.firstName,
      applicantBirthDate: birth.birthDate,
      applicantSex: birth.sex,
      residenceComune: entry.residenceComune,
      workComune: entry.workComune,
      membersCount: entry.membersCount,
      iseeCents: entry.iseeCents,
      isbarMilli: Math.round(entry.isbar * 1000),
      indigent: entry.indigent,
      reserveCategories: [...new Set(entry.reserveCategories)].sort(),
      invalidityPercent: entry.invalidityPercent,
      choice1: first.code,
      choice2: second.code,
      members: null,
    },
    problems: [],
  };
}

// --- the members file -----------------------------------------------------------------------

function parseBirthDate(value: string): PlainDate | null {
  const v = value.trim();
  if (isPlainDate(v)) return v;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isPlainDate(iso) ? iso : null;
}

export interface ParsedMemberRow {
  readonly platformId: string;
  readonly member: DraftMember | null;
  readonly problems: Problem[];
}

export function parseMemberRow(row: CsvRow, today: PlainDate): ParsedMemberRow {
  const problems: Problem[] = [];
  const cell = (c: ApplicationMemberColumn) => row.cells[c] ?? '';
  const fail = (c: ApplicationMemberColumn, message: string) =>
    problems.push(problem('members', row.line, c, cell(c), message));
  const platformId = cell('id_domanda');
  if (platformId === '') fail('id_domanda', 'Numero della domanda mancante.');
  const cf = checkFiscalCode(cell('codice_fiscale'));
  if (!cf.ok) fail('codice_fiscale', cf.message);
  if (cell('cognome') === '') fail('cognome', 'Cognome mancante.');
  if (cell('nome') === '') fail('nome', 'Nome mancante.');
  const relationText = normalizeForSearch(cell('relazione')).replace(/\s+/g, '_');
  const relation = MEMBER_RELATION_CODES[relationText];
  if (!relation) {
    fail('relazione', `Relazione non riconosciuta: usare ${Object.keys(MEMBER_RELATION_CODES).join(', ')}.`);
  }
  const invalidityText = cell('invalidita');
  let invalidity: number | null = null;
  if (invalidityText !== '') {
    if (/^\d{1,3}$/.test(invalidityText) && Number(invalidityText) <= 100) invalidity = Number(invalidityText);
    else fail('invalidita', 'Invalidità non valida: un numero intero tra 0 e 100, o vuoto.');
  }
  let birthDate: PlainDate | null = null;
  let sex: 'F' | 'M' | null = null;
  if (cf.ok) {
    const decoded = validateFiscalCode(cf.code);
    const fromCode = birthFromFiscalCode(cf.code, today, relation === 'applicant');
    sex = decoded.ok ? decoded.decoded.sex : null;
    const dateText = cell('data_nascita');
    if (dateText === '') {
      birthDate = fromCode?.birthDate ?? null;
      if (!birthDate) fail('codice_fiscale', 'La data di nascita contenuta nel codice fiscale non esiste.');
    } else {
      birthDate = parseBirthDate(dateText);
      if (!birthDate) fail('data_nascita', 'Data di nascita non valida: usare AAAA-MM-GG o GG/MM/AAAA.');
      else if (birthDate > today) fail('data_nascita', 'La data di nascita è nel futuro.');
      else if (
        decoded.ok &&
        fiscalCodeMismatches(decoded.decoded, { birthDate, sex: decoded.decoded.sex }).length > 0
      ) {
        fail('data_nascita', 'La data di nascita non corrisponde al codice fiscale.');
      }
    }
  }
  if (problems.length > 0 || !cf.ok || !relation || !birthDate || !sex) return { platformId, member: null, problems };
  return {
    platformId,
    member: {
      line: row.line,
      fiscalCode: cf.code,
      lastName: cell('cognome'),
      firstName: cell('nome'),
      birthDate,
      sex,
      relation,
      invalidityPercent: invalidity,
    },
    problems,
  };
}

/** The members listed for one application must be its household: one applicant, the declared count. */
export function checkMembersOf(draft: ApplicationDraft, members: readonly DraftMember[]): Problem[] {
  const problems: Problem[] = [];
  const applicants = members.filter((m) => m.relation === 'applicant');
  if (applicants.length !== 1) {
    problems.push(
      problem(
        'members',
        members[0]?.line ?? draft.line,
        'relazione',
        null,
        `La domanda ${draft.platformId} deve avere un solo componente con relazione «richiedente» (ne ha ${applicants.length}).`,
      ),
    );
  } else if (applicants[0]?.fiscalCode !== draft.fiscalCode) {
    problems.push(
      problem(
        'members',
        applicants[0]?.line ?? draft.line,
        'codice_fiscale',
        applicants[0]?.fiscalCode ?? null,
        `Il richiedente nel file dei componenti non è quello della domanda ${draft.platformId} (${draft.fiscalCode}).`,
      ),
    );
  }
  if (members.length !== draft.membersCount) {
    problems.push(
      problem(
        'applications',
        draft.line,
        'componenti',
        String(draft.membersCount),
        `La domanda dichiara ${draft.membersCount} componenti ma il file dei componenti ne elenca ${members.length}.`,
      ),
    );
  }
  const seen = new Map<string, number>();
  for (const m of members) {
    const firstLine = seen.get(m.fiscalCode);
    if (firstLine !== undefined) {
      problems.push(
        problem(
          'members',
          m.line,
          'codice_fiscale',
          m.fiscalCode,
          `Componente ripetuto nella stessa domanda (già alla riga ${firstLine}).`,
        ),
      );
    } else seen.set(m.fiscalCode, m.line);
  }
  return problems;
}

// --- checks against the call ----------------------------------------------------------------

export interface UnitFact {
  readonly id: string;
  readonly code: string;
  readonly floorAreaDm2: number;
  readonly accessible: boolean;
  readonly inCall: boolean;
}

export interface StoredApplication {
  readonly id: string;
  readonly platformId: string;
  readonly protocol: string;
  readonly submittedAt: string;
  readonly fiscalCode: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly residenceComuneName: string;
  readonly workComuneName: string | null;
  readonly membersCount: number;
  readonly iseeCents: number;
  readonly isbarMilli: number;
  readonly indigent: boolean;
  readonly reserveCategories: string;
  readonly invalidityPercent: number | null;
  readonly choice1UnitId: string | null;
  readonly choice2UnitId: string | null;
}

export interface CallFacts {
  readonly id: string;
  readonly code: string;
  readonly opensOn: PlainDate;
  readonly closesOn: PlainDate;
}

export interface CheckContext {
  readonly call: CallFacts;
  readonly table: AdequacyTable;
  readonly quotaParams: QuotaParameters;
  readonly unitsByCode: ReadonlyMap<string, UnitFact>;
  /** The Ambito's Comuni by normalised name ('cinisello balsamo'). */
  readonly comuneName: (name: string) => string;
}

/** The Comune name as the Ambito spells it, whatever case or "Comune di" the file used. */
export function comuneKey(name: string): string {
  return normalizeForSearch(name).replace(/^comune di /, '');
}

/** The row's content as it would be stored, to compare with an application already imported. */
export function storedShape(draft: ApplicationDraft, ctx: CheckContext): Omit<StoredApplication, 'id'> {
  return {
    platformId: draft.platformId,
    protocol: draft.protocol,
    submittedAt: draft.submittedAt,
    fiscalCode: draft.fiscalCode,
    lastName: draft.lastName,
    firstName: draft.firstName,
    residenceComuneName: ctx.comuneName(draft.residenceComune),
    workComuneName: draft.workComune === null ? null : ctx.comuneName(draft.workComune),
    membersCount: draft.membersCount,
    iseeCents: draft.iseeCents,
    isbarMilli: draft.isbarMilli,
    indigent: draft.indigent,
    reserveCategories: draft.reserveCategories.join(','),
    invalidityPercent: draft.invalidityPercent,
    choice1UnitId: draft.choice1 === null ? null : (ctx.unitsByCode.get(draft.choice1)?.id ?? draft.choice1),
    choice2UnitId: draft.choice2 === null ? null : (ctx.unitsByCode.get(draft.choice2)?.id ?? draft.choice2),
  };
}

const COMPARED: readonly [keyof Omit<StoredApplication, 'id'>, ApplicationColumn][] = [
  ['protocol', 'protocollo'],
  ['submittedAt', 'data_presentazione'],
  ['fiscalCode', 'codice_fiscale'],
  ['lastName', 'cognome'],
  ['firstName', 'nome'],
  ['residenceComuneName', 'comune_residenza'],
  ['workComuneName', 'comune_lavoro'],
  ['membersCount', 'componenti'],
  ['iseeCents', 'isee'],
  ['isbarMilli', 'isbar'],
  ['indigent', 'indigente'],
  ['reserveCategories', 'categorie'],
  ['invalidityPercent', 'invalidita'],
  ['choice1UnitId', 'alloggio_1'],
  ['choice2UnitId', 'alloggio_2'],
];

/** The columns in which the row differs from the stored application (empty: unchanged). */
export function differences(
  draft: ApplicationDraft,
  stored: StoredApplication,
  ctx: CheckContext,
): ApplicationColumn[] {
  const shape = storedShape(draft, ctx);
  return COMPARED.filter(([key]) => shape[key] !== stored[key]).map(([, column]) => column);
}

/** The checks that need the call: window, units offered, adequacy, indigence (RR 4/2017 artt. 8, 9, 13). */
export function checkAgainstCall(draft: ApplicationDraft, ctx: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const at = (column: ApplicationColumn, value: string | null, message: string) =>
    problems.push(problem('applications', draft.line, column, value, message));

  const day = plainDateOf(new Date(draft.submittedAt), TIME_ZONE);
  if (day < ctx.call.opensOn || day > ctx.call.closesOn) {
    at(
      'data_presentazione',
      draft.submittedAt,
      `Domanda presentata il ${formatDateIt(day)}, fuori dal periodo dell’avviso ${ctx.call.code} (dal ${formatDateIt(ctx.call.opensOn)} al ${formatDateIt(ctx.call.closesOn)}).`,
    );
  }

  const highest = Math.max(
    draft.invalidityPercent ?? -1,
    ...(draft.members ?? []).map((m) => m.invalidityPercent ?? -1),
  );
  for (const [column, code] of [
    ['alloggio_1', draft.choice1],
    ['alloggio_2', draft.choice2],
  ] as const) {
    if (code === null) continue;
    const unit = ctx.unitsByCode.get(code);
    if (!unit) {
      at(column, code, `Alloggio sconosciuto: nessun alloggio con codice ${code}.`);
      continue;
    }
    if (!unit.inCall) {
      at(column, code, `L’alloggio ${code} non è offerto dall’avviso ${ctx.call.code}.`);
      continue;
    }
    const adequacy = checkAdequacy(
      { membersCount: draft.membersCount, highestInvalidityPercent: highest < 0 ? null : highest },
      { usableAreaDm2: unit.floorAreaDm2, accessible: unit.accessible },
      ctx.table,
    );
    if (!adequacy.adequate) {
      at(
        column,
        code,
        `L’alloggio ${code} (${formatDm2(unit.floorAreaDm2)}) non è adeguato a un nucleo di ${draft.membersCount} ${draft.membersCount === 1 ? 'persona' : 'persone'}: ${adequacy.reason.text} (${adequacy.source}).`,
      );
    }
  }

  if (draft.indigent && draft.iseeCents > ctx.quotaParams.indigenceIseeMaxCents) {
    at(
      'indigente',
      'S',
      `Indigenza dichiarata con un ISEE di ${formatEuro(draft.iseeCents as Cents)}, oltre la soglia di ${formatEuro(ctx.quotaParams.indigenceIseeMaxCents)} (${ctx.quotaParams.indigenceSource}).`,
    );
  }
  return problems;
}

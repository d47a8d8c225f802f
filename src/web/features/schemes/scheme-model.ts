// What the points-scheme pages need besides the API: who may do what, Italian labels, the
// condition describer and the reading of the JSON typed in the editor. No React here: it is tested alone.
import type { Role } from '../../../shared/auth.js';
import { roleReadsSap } from '../../../shared/permissions.js';
import { FACTS, type Condition, type FactDefinition } from '../../../core/scoring/points-scheme.js';
import { TIE_BREAK_KEY_LABELS, type TieBreakKey } from '../../../core/sap/ranking.js';
import { formatEuro } from '../../lib/format.js';

/** Who reads the schemes: the SAP readers and the administrators (as the API). */
export function canReadSchemes(role: Role): boolean {
  return roleReadsSap(role) || role === 'admin';
}

/** Schemes decide who is helped first: only administrators and managers write them (as the API). */
export function canWriteSchemes(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}

const NUMBER_IT = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

export const schemeHref = (code: string, version: string) =>
  `/schemi/${encodeURIComponent(code)}/${encodeURIComponent(version)}`;

/** The editor prefilled with a version, to write the next one (codes and versions need no escaping). */
export const newVersionHref = (code: string, version: string) => `/schemi/nuovo?da=${code}/${version}`;

export const BASIS_LABELS: Record<'law' | 'municipal_choice', string> = {
  law: 'legge',
  municipal_choice: 'scelta del Comune',
};

export const ELIGIBILITY_LABELS: Record<'eligible' | 'not_eligible' | 'missing_information', string> = {
  eligible: 'Requisiti di accesso soddisfatti',
  not_eligible: 'Requisiti di accesso non soddisfatti',
  missing_information: 'Requisiti di accesso da completare',
};

export const ELIGIBILITY_BADGES: Record<'eligible' | 'not_eligible' | 'missing_information', string> = {
  eligible: 'bg-success',
  not_eligible: 'bg-danger',
  missing_information: 'bg-warning',
};

const FACT_TYPE_LABELS: Record<FactDefinition['type'], string> = {
  boolean: 'sì/no (true o false)',
  integer: 'numero intero',
  cents: 'importo in centesimi di euro',
  percent: 'percentuale da 0 a 100',
  string: 'testo',
  enum: 'uno dei valori',
};

export interface FactHelp {
  readonly name: string;
  readonly label: string;
  readonly type: string;
}

/** The facts a condition may use, for the editor's help box. */
export function factHelp(): FactHelp[] {
  return Object.entries(FACTS).map(([name, d]: [string, FactDefinition]) => ({
    name,
    label: d.label,
    type: d.type === 'enum' ? `${FACT_TYPE_LABELS.enum} ${(d.values ?? []).join(', ')}` : FACT_TYPE_LABELS[d.type],
  }));
}

export const OPERATOR_HELP: readonly { readonly op: string; readonly text: string }[] = [
  { op: '=', text: 'uguale a (ogni dato)' },
  { op: '!=', text: 'diverso da (ogni dato)' },
  { op: '<', text: 'minore di (numeri, importi, percentuali)' },
  { op: '<=', text: 'minore o uguale a (numeri, importi, percentuali)' },
  { op: '>', text: 'maggiore di (numeri, importi, percentuali)' },
  { op: '>=', text: 'maggiore o uguale a (numeri, importi, percentuali)' },
  { op: 'in', text: 'uno dei valori di un elenco non vuoto, es. ["F"] (numeri, testi, valori fissi)' },
];

/** A tie-break key as the officer reads it; an unknown key (a newer server) is shown as it is. */
export function tieBreakLabel(key: string): string {
  return key in TIE_BREAK_KEY_LABELS ? TIE_BREAK_KEY_LABELS[key as TieBreakKey] : key;
}

/** Points as an Italian number: 2.5 → '2,5'. */
export function formatPoints(points: number): string {
  return NUMBER_IT.format(points);
}

const OP_TEXT: Record<string, string> = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

function factDefinition(name: string): FactDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(FACTS, name) ? FACTS[name as keyof typeof FACTS] : undefined;
}

function valueText(definition: FactDefinition | undefined, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  if (typeof value === 'number') {
    if (definition?.type === 'cents') return formatEuro(value);
    if (definition?.type === 'percent') return `${NUMBER_IT.format(value)}%`;
    return NUMBER_IT.format(value);
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? 'nessun valore';
}

/**
 * A condition in Italian with the labels of FACTS: "numero di minori ≥ 1", "tutte le condizioni:
 * …; …", "almeno una: …", "non: …". Groups inside groups are put in parentheses.
 */
export function describeCondition(condition: Condition): string {
  if ('all' in condition) return group('tutte le condizioni', condition.all);
  if ('any' in condition) return group('almeno una', condition.any);
  if ('not' in condition) return `non: ${nested(condition.not)}`;
  const definition = factDefinition(condition.fact);
  const label = definition ? definition.label : `${condition.fact} (dato sconosciuto)`;
  if (condition.op === 'in') {
    const values = condition.value.map((v) => valueText(definition, v));
    return `${label} è uno tra: ${values.join(', ')}`;
  }
  return `${label} ${OP_TEXT[condition.op] ?? condition.op} ${valueText(definition, condition.value)}`;
}

function group(title: string, parts: readonly Condition[]): string {
  if (parts.length === 1 && parts[0]) return describeCondition(parts[0]);
  return `${title}: ${parts.map(nested).join('; ')}`;
}

function nested(condition: Condition): string {
  const text = describeCondition(condition);
  const isGroup = ('all' in condition && condition.all.length > 1) || ('any' in condition && condition.any.length > 1);
  return isGroup || 'not' in condition ? `(${text})` : text;
}

/**
 * The next version to suggest: the last number of the version goes up by one ("2026.1" → "2026.2",
 * "3" → "4"); a version that does not end with a number gets ".2" appended.
 */
export function suggestNextVersion(version: string): string {
  const m = /^(.*?)(\d+)$/.exec(version);
  if (!m) return `${version}.2`.slice(0, 30);
  return `${m[1] ?? ''}${Number(m[2]) + 1}`;
}

/** A path of the scheme as the rules write it: "criteria[1].condition.all[0]". */
export function schemePath(path: readonly PropertyKey[] | string): string {
  if (typeof path === 'string') return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  return path.reduce<string>((out, p) => {
    if (typeof p === 'number') return `${out}[${p}]`;
    const key = String(p);
    if (/^\d+$/.test(key)) return `${out}[${key}]`;
    return out === '' ? key : `${out}.${key}`;
  }, '');
}

export type JsonReading =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly message: string;
      /** Offset in the text where the syntax error is, when the browser says it. */
      readonly position: number | null;
    };

/** Line and column (from 1) of an offset in a text. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Parses the editor's text; a syntax error is told in Italian with its line and column when known. */
export function readJson(text: string): JsonReading {
  if (text.trim() === '') {
    return { ok: false, message: 'Il testo è vuoto: incollare o scrivere lo schema in formato JSON.', position: null };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const raw = error instanceof Error ? error.message : '';
    const lineCol = /line (\d+) column (\d+)/i.exec(raw);
    const at = /position (\d+)/i.exec(raw);
    let position: number | null = at ? Number(at[1]) : null;
    let where: { line: number; column: number } | null = null;
    if (lineCol) where = { line: Number(lineCol[1]), column: Number(lineCol[2]) };
    else if (position !== null) where = lineAndColumn(text, position);
    else if (/unexpected end/i.test(raw)) {
      position = text.length;
      where = lineAndColumn(text, position);
    }
    const place = where ? ` alla riga ${where.line}, colonna ${where.column}` : '';
    return {
      ok: false,
      message: `Il testo non è un JSON valido: errore di sintassi${place}. Controllare virgole, virgolette e parentesi.`,
      position,
    };
  }
}
